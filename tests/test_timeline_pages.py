"""The timeline pages: every mention of every entry links to its paragraph, and a long timeline is split
into one page per period with an index, all links page-relative and none broken."""
import datetime
import re
from html.parser import HTMLParser

from generator.pages import MENTIONS_PER_EVENT, TIMELINE_PAGE_ENTRIES

from .conftest import make_project, read_json, run_dossier
from .sitecheck import broken_links, parse

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class EntryLinks(HTMLParser):
    """For each timeline entry (an <li id="tN">): its links, each with whether it is inside a <details>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.entries: dict[str, list[tuple[str, bool]]] = {}
        self.summaries: dict[str, str] = {}
        self._summary: list[str] | None = None

    def entry(self) -> str | None:
        return next((attrs["id"] for tag, attrs in reversed(self.stack)
                     if tag == "li" and attrs.get("id", "").startswith("t")), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("id", "")
        if tag == "li" and key.startswith("t"):
            self.entries[key] = []
        if tag == "a" and (entry := self.entry()):
            self.entries[entry].append((attrs.get("href", ""), any(t == "details" for t, _ in self.stack)))
        if tag == "summary":
            self._summary = []
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "summary" and self._summary is not None and (entry := self.entry()):
            self.summaries[entry] = " ".join("".join(self._summary).split())
            self._summary = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._summary is not None:
            self._summary.append(data)


def entry_links(path) -> EntryLinks:
    parser = EntryLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def write_article(project, name: str, day: datetime.date, title: str, paragraphs: list[str]) -> None:
    body = "\n\n".join(paragraphs)
    (project / "content" / "articles" / f"{name}.txt").write_text(
        f"---\ntitle: {title}\ndate: {day.isoformat()}\n---\n{body}\n", encoding="utf-8")


TOWNS = ["Arden", "Belmont", "Carver", "Dunmore", "Elston", "Fairley", "Glenrock", "Harwick", "Ivybridge", "Jarrow",
         "Kelso", "Lanark", "Morley", "Newark"]


def write_widely_reported_event(project, outlets: int) -> None:
    """One event, the harbour bridge closing on 5 March 2021, told by `outlets` outlets in their own words."""
    for n in range(outlets):
        write_article(project, f"bridge-{n:02}", datetime.date(2021, 3, 6), f"Bridge report {TOWNS[n]}", [
            f"The harbour bridge closed on 5 March 2021 after a cargo ship struck one of its piers, "
            f"the {TOWNS[n]} port authority said.",
            f"Reporters from {TOWNS[n]} watched the repair crews at work.",
        ])


def paragraph_targets(site, entry: dict) -> set[str]:
    """The link each mention of a timeline.json entry must have: its article's paragraph, page-relative
    to a page in timeline/."""
    paths = {r["slug"]: r["path"] for r in read_json(site / "data" / "articles.json")}
    return {f"../{paths[m['article']]}#p-{m['line']}" for m in entry["mentions"]}


def test_every_mention_of_a_widely_reported_event_is_linked_the_rest_folded_into_details(project):
    write_widely_reported_event(project, 12)
    result = run_dossier("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "build"
    timeline = read_json(site / "data" / "timeline.json")
    closing = [e for e in timeline if e["value"] == "2021-03-05"]
    assert len(closing) == 1 and len(closing[0]["mentions"]) == 12  # one event, every outlet
    page = entry_links(site / "timeline" / "index.html")
    links = page.entries[closing[0]["anchor"]]
    paragraph_links = [(url, folded) for url, folded in links if "#p-" in url]
    assert {url for url, _ in paragraph_links} == paragraph_targets(site, closing[0])  # every mention, linked
    assert len(paragraph_links) == 12
    assert [folded for _, folded in paragraph_links] == [False] * MENTIONS_PER_EVENT + [True] * (12 - MENTIONS_PER_EVENT)
    assert page.summaries[closing[0]["anchor"]] == f"{12 - MENTIONS_PER_EVENT} more mentions in 4 articles"
    assert not any("timeline.json" in url for url, _ in links)  # nothing left only as a count
    assert broken_links(site) == []


def write_long_timeline(project, days: int) -> None:
    """Articles that each date ten council decisions, `days` days in all, three days apart from 2015 on,
    and one the 1990s."""
    first = datetime.date(2015, 1, 1)
    for a in range(0, days, 10):
        paragraphs = []
        for i in range(a, min(a + 10, days)):
            d = first + datetime.timedelta(days=3 * i)
            paragraphs.append(f"On {d:%B} {d.day}, {d.year}, the council of {TOWNS[i % len(TOWNS)]} approved "
                              f"plan number {i} for {['roads', 'schools', 'parks', 'water'][i % 4]}.")
        if a == 0:
            paragraphs.append("The first plans of this kind were drawn up in the 1990s.")
        write_article(project, f"council-{a:04}", datetime.date(2020, 1, 1), f"Council decisions {a} to {a + 9}", paragraphs)


def test_a_long_timeline_is_one_page_per_period_with_an_index_and_no_broken_link(project):
    write_long_timeline(project, TIMELINE_PAGE_ENTRIES + 20)
    write_widely_reported_event(project, 10)
    result = run_dossier("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "build"
    timeline = read_json(site / "data" / "timeline.json")
    assert len(timeline) > TIMELINE_PAGE_ENTRIES
    pages = sorted(p.name for p in (site / "timeline").glob("*.html"))
    assert {"index.html", "p1990-1999.html", "y2015.html", "y2016.html", "y2017.html", "y2018.html", "y2019.html",
            "y2021.html"} <= set(pages)  # (and the fixture's own events of 2021 and 2022)
    pages.remove("index.html")

    index = parse(site / "timeline" / "index.html")
    index_links = [url for _, url in index.links]
    for name in pages:  # the index links every period page
        assert name in index_links
    assert not any("#p-" in url for url in index_links)  # sentences are on the period pages only
    index_entries = entry_links(site / "timeline" / "index.html").entries
    assert set(index_entries) == {e["anchor"] for e in timeline}  # an article's link to index.html#tN still lands

    found: dict[str, str] = {}  # entry -> the period page listing it
    for name in pages:
        period = entry_links(site / "timeline" / name)
        for key, links in period.entries.items():
            assert key not in found, f"{key} on {found.get(key)} and {name}"
            found[key] = name
    for entry in timeline:
        page = found[entry["anchor"]]
        # the index entry links to its place on its period page
        assert [url for url, _ in index_entries[entry["anchor"]]] == [f"{page}#{entry['anchor']}"]
        links = entry_links(site / "timeline" / page).entries[entry["anchor"]]
        assert {url for url, _ in links if "#p-" in url} == paragraph_targets(site, entry)
    closing = next(e for e in timeline if e["value"] == "2021-03-05")
    assert found[closing["anchor"]] == "y2021.html" and len(closing["mentions"]) == 10

    period = parse(site / "timeline" / "y2016.html")
    assert "Timeline: 2016" in period.text
    assert {"y2015.html", "y2017.html", "index.html"} <= {url for _, url in period.links}  # earlier, later, index
    assert broken_links(site) == []


def test_the_demo_timeline_stays_one_page(demo_site):
    assert sorted(p.name for p in (demo_site / "timeline").iterdir()) == ["index.html"]


def test_periods_of_one_span_with_other_labels_get_keys_of_their_own():
    from generator.enrich.events import EventMention, TimelineEntry
    from generator.pages import timeline_groups

    def entry(key, value, mod, label):
        mention = EventMention("a", "s", "S", 1, "the 2000s", "It began in the 2000s.", 12, value, mod)
        return TimelineEntry(key, value, mod, datetime.date(2000, 1, 1), datetime.date(2009, 12, 31), label, (mention,))

    groups = timeline_groups((entry("t1", "200X", None, "the 2000s"), entry("t2", "200X", "START", "the early 2000s")))
    assert [(g.key, g.heading) for g in groups] == [("p2000-2009", "the 2000s"), ("p2000-2009-2", "the early 2000s")]


def rebuild_after_editing_one_period(project) -> int:
    """Build the long timeline, edit one sentence dated in January 2015, build again: how many pages
    the second build rendered."""
    import io

    from generator.build import Builder
    from generator.progress import Progress

    write_long_timeline(project, TIMELINE_PAGE_ENTRIES + 20)
    log = io.StringIO()
    builder = Builder(project / "site.yaml", progress=Progress(stream=log))
    builder.build()
    article = project / "content" / "articles" / "council-0000.txt"  # its dates are all in January 2015
    article.write_text(article.read_text().replace("plan number 3 for", "plan number 3 for new"))
    builder.build()
    assert "plan number 3 for new" in (project / "build" / "timeline" / "y2015.html").read_text(encoding="utf-8")
    assert broken_links(project / "build") == []
    return int(re.findall(r"dossier: rendering \((\d+)\)", log.getvalue())[-1])


def test_a_rebuild_renders_again_only_the_period_pages_whose_entries_changed(tmp_path, monkeypatch):
    from dataclasses import replace

    from generator import pages

    rendered = rebuild_after_editing_one_period(make_project(tmp_path / "carried"))
    periods = len(list((tmp_path / "carried" / "project" / "build" / "timeline").glob("*.html"))) - 1
    plain = pages.timeline_specs
    monkeypatch.setattr(pages, "timeline_specs", lambda dossier: [replace(s, always=True) for s in plain(dossier)])
    every_time = rebuild_after_editing_one_period(make_project(tmp_path / "always"))
    assert periods > 5 and rendered == every_time - (periods - 1)  # only 2015's page of the periods
