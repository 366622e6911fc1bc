"""The topic index in the site: topics.json, the index by kind, a page per topic, topics on articles."""
from .conftest import read_json
from .sitecheck import parse


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
    assert len(paragraph_links) == navalny["mentions"]
    assert ("mark", {}) in page.elements
    assert "See also" in page.text


def test_article_pages_list_and_link_their_topics(demo_site):
    topics = read_json(demo_site / "data" / "topics.json")
    for article in read_json(demo_site / "data" / "articles.json"):
        page = parse(demo_site / "articles" / f"{article['slug']}.html")
        linked = {url.split("/")[-1] for _, url in page.links if url.startswith("../topics/") and url.endswith(".html")}
        expected = {f"{t['slug']}.html" for t in topics if article["slug"] in t["articles"]}
        assert expected <= linked
