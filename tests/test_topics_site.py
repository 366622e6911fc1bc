"""The topic index in the site: topics.json, the index by kind, a page per topic, topics on articles."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .conftest import read_json
from .sitecheck import parse, resolve


def test_topics_json_follows_the_contract(demo_site):
    topics = read_json(demo_site / "data" / "topics.json")
    articles = {a["slug"] for a in read_json(demo_site / "data" / "articles.json")}
    assert topics
    for topic in topics:
        assert set(topic) >= {"name", "slug", "kind", "aliases", "articles", "mentions"}
        assert topic["kind"] in {"person", "organisation", "place", "theme"}
        assert set(topic["articles"]) <= articles and topic["mentions"] >= len(topic["articles"]) >= 1
        assert (demo_site / "topics" / f"{topic['slug']}.html").is_file()
    putin = next(t for t in topics if t["name"] == "Vladimir Putin")
    assert putin["kind"] == "person" and len(putin["articles"]) == 5
    assert {"Putin", "Russian President Vladimir Putin"} <= set(putin["aliases"])


def test_topics_index_groups_by_kind_and_links_every_topic(demo_site):
    page = parse(demo_site / "topics" / "index.html")
    headings = [attrs.get("id") for tag, attrs in page.elements if tag == "h2"]
    assert headings == ["person", "organisation", "place", "theme"]
    links = {url for _, url in page.links}
    for topic in read_json(demo_site / "data" / "topics.json"):
        assert f"{topic['slug']}.html" in links


def test_topic_page_shows_each_mention_in_context_linking_to_its_paragraph(demo_site):
    topics = read_json(demo_site / "data" / "topics.json")
    navalny = next(t for t in topics if t["name"] == "Alexey Navalny")
    page = parse(demo_site / "topics" / f"{navalny['slug']}.html")
    paragraph_links = [url for _, url in page.links if "#p-" in url and url.startswith("../articles/")]
    assert paragraph_links and len(paragraph_links) <= navalny["mentions"]
    assert sum(1 for tag, _ in page.elements if tag == "mark") == navalny["mentions"]
    assert "See also" in page.text


def test_article_pages_list_and_link_their_topics(demo_site):
    topics = read_json(demo_site / "data" / "topics.json")
    for article in read_json(demo_site / "data" / "articles.json"):
        page = parse(demo_site / "articles" / f"{article['slug']}.html")
        linked = {url.split("/")[-1] for _, url in page.links if url.startswith("../topics/") and url.endswith(".html")}
        expected = {f"{t['slug']}.html" for t in topics if article["slug"] in t["articles"]}
        assert expected <= linked


class Marks(HTMLParser):
    """Every <mark> of a topic page with the link it sits in and whether a <details> folds it;
    and every element's text by id (for article pages)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[str, str, bool]] = []  # (href, marked text, folded)
        self.texts: dict[str, str] = {}
        self.stack: list[tuple[str, dict]] = []
        self.open_ids: list[tuple[str, list[str]]] = []
        self.mark: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("br", "img", "meta", "link", "input", "hr", "source"):
            return
        self.stack.append((tag, attrs))
        if "id" in attrs:
            self.open_ids.append((attrs["id"], []))
        if tag == "mark":
            self.mark = []

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, attrs = self.stack.pop()
            if "id" in attrs:
                ident, parts = self.open_ids.pop()
                self.texts[ident] = "".join(parts)
            if open_tag == "mark":
                href = next((a.get("href") for t, a in reversed(self.stack) if t == "a"), None)
                folded = any(t == "details" for t, _ in self.stack)
                self.marks.append((href, "".join(self.mark), folded))
                self.mark = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _, parts in self.open_ids:
            parts.append(data)
        if self.mark is not None:
            self.mark.append(data)


def read_marks(path: Path) -> Marks:
    parser = Marks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def topic_page_files(site: Path, slug: str) -> list[Path]:
    """A topic's page and the further pages of a long topic (slug--2.html, ...)."""
    return [site / "topics" / f"{slug}.html", *sorted((site / "topics").glob(f"{slug}--*.html"))]


def test_every_mention_of_every_topic_is_marked_on_its_page_and_links_to_its_paragraph(demo_site):
    path_of = {a["slug"]: a["path"] for a in read_json(demo_site / "data" / "articles.json")}
    articles_pages: dict[str, Marks] = {}
    for topic in read_json(demo_site / "data" / "topics.json"):
        marks = []
        for page in topic_page_files(demo_site, topic["slug"]):
            marks += [(page, m) for m in read_marks(page).marks]
        assert len(marks) == topic["mentions"], topic["name"]
        linked_articles = set()
        for page, (href, text, _) in marks:
            assert href and "#p-" in href, (topic["name"], href)
            target, anchor = resolve(str(page.relative_to(demo_site)), href)
            if target not in articles_pages:
                articles_pages[target] = read_marks(demo_site / target)
            paragraph = articles_pages[target].texts.get(anchor)
            assert paragraph is not None, f"{topic['name']}: {href} points to no element"
            assert text.strip() and text in paragraph, (topic["name"], text, paragraph)
            linked_articles.add(target)
        assert linked_articles == {path_of[slug] for slug in topic["articles"]}, topic["name"]


def test_a_much_mentioned_topic_folds_an_articles_later_mentions_instead_of_dropping_them(demo_site):
    topics = read_json(demo_site / "data" / "topics.json")
    putin = next(t for t in topics if t["name"] == "Vladimir Putin")
    page = demo_site / "topics" / f"{putin['slug']}.html"
    marks = read_marks(page).marks
    assert len(marks) == putin["mentions"] == 56
    folded = [m for m in marks if m[2]]
    assert folded and len(folded) < len(marks)
    text = parse(page).text
    assert "more mentions in this article" in text


def test_mentions_in_one_paragraph_share_one_snippet_no_longer_than_separate_ones():
    from generator.pages import SNIPPET_CHARS, paragraph_snippet, snippet

    near = "Putin met Xi, and Putin said the talks went well."
    before, marks = paragraph_snippet(near, [(0, 5), (18, 23)])
    assert before == "" and [m for m, _ in marks] == ["Putin", "Putin"]
    assert before + "".join(m + after for m, after in marks) == near  # the words between, whole

    filler = " ".join(["word"] * 80)
    far = f"Putin spoke first. {filler} Then Putin left."
    second = far.index("Putin", 5)
    before, marks = paragraph_snippet(far, [(0, 5), (second, second + 5)])
    shown = before + "".join(m + after for m, after in marks)
    separate = sum(len("".join(snippet(far, s, e))) for s, e in [(0, 5), (second, second + 5)])
    assert [m for m, _ in marks] == ["Putin", "Putin"] and "…" in marks[0][1]
    assert len(shown) <= separate + 1 and len(marks[0][1]) <= 2 * SNIPPET_CHARS + 3
