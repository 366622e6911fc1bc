"""The reader's site without a browser: valid HTML, metadata, the page-weight budget, the pictures
and the search index's files (generator/search.py, generator/pictures.py, templates/)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import search
from generator.build import Builder
from generator.pictures import Band, lanes, make_axis
from generator.problems import ProblemError

from .conftest import ROOT, make_project, read_json, run_dossier
from .sitecheck import parse

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BUDGET = 60 * 1024


def test_every_generated_page_is_valid_html(demo_site, tmp_path):
    """The Nu HTML Checker (vnu.jar from npm's vnu-jar, run with Java) over every page of the demo
    and of a small dossier with an unnamed source, a named one and a base path."""
    assert VNU.is_file(), "vnu.jar is missing: run `npm ci --ignore-scripts` (make test does)"
    java = shutil.which("java")
    assert java, "Java is needed to run the HTML checker (Debian: default-jre-headless)"
    project = make_project(tmp_path)
    assert run_dossier("build", "--base-path", "/REPO/", cwd=project).returncode == 0
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(demo_site), str(project / "build")],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [f"{m.get('url', '?').split('/build/')[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert not errors, "\n".join(errors[:30])
    assert len(list(demo_site.rglob("*.html"))) > 10


def page_weight(site: Path, page: Path) -> int:
    """The page's HTML with every stylesheet and script it loads (the search bundle is loaded on demand)."""
    parsed = parse(page)
    total = page.stat().st_size
    for tag, attrs in parsed.elements:
        href = attrs.get("href") if tag == "link" and attrs.get("rel") == "stylesheet" else attrs.get("src") if tag == "script" else None
        if href:
            total += (page.parent / href).resolve().stat().st_size
    return total


def test_article_pages_with_their_css_and_js_weigh_under_60_kb(demo_site):
    articles = sorted((demo_site / "articles").glob("*.html"))
    assert articles
    weights = {p.name: page_weight(demo_site, p) for p in articles}
    assert max(weights.values()) < BUDGET, weights


def test_reading_needs_no_javascript(demo_site):
    """Only the search page loads a script; the others carry at most JSON-LD data."""
    for page in demo_site.rglob("*.html"):
        if page.name == "search.html" or "pagefind" in page.parts:
            continue
        for tag, attrs in parse(page).elements:
            if tag == "script":
                assert attrs.get("type") == "application/ld+json" and "src" not in attrs, page


def metadata(page: Path) -> dict:
    parsed = parse(page)
    found = {"lang": None, "title": None}
    for tag, attrs in parsed.elements:
        if tag == "html":
            found["lang"] = attrs.get("lang")
        if tag == "meta" and "content" in attrs:
            found[attrs.get("name") or attrs.get("property")] = attrs["content"]
        if tag == "link" and attrs.get("rel") == "canonical":
            found["canonical"] = attrs["href"]
    html = page.read_text(encoding="utf-8")
    found["title"] = html.split("<title>", 1)[1].split("</title>", 1)[0]
    return found


def test_every_page_has_a_title_description_open_graph_and_language(demo_site):
    titles = set()
    for page in demo_site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        meta = metadata(page)
        assert meta["lang"] == "en", page
        assert meta["title"].strip() and meta["description"].strip(), page
        assert meta["og:title"] and meta["og:type"] in ("website", "article") and meta["og:site_name"], page
        assert "canonical" not in meta, "without url: in site.yaml there is no canonical link"
        titles.add(meta["title"])
    assert len(titles) == len([p for p in demo_site.rglob("*.html") if "pagefind" not in p.parts])


def json_ld(page: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    text = html[start:html.index("</script>", start)]
    return json.loads(text)


def test_article_json_ld_is_a_news_article_and_canonical_links_follow_the_site_url(tmp_path):
    project = make_project(tmp_path)
    config = project / "site.yaml"
    config.write_text(config.read_text() + "url: https://example.org/dossier/\n")
    assert run_dossier("build", cwd=project).returncode == 0
    records = read_json(project / "build/data/articles.json")
    for record in records:
        page = project / "build" / record["path"]
        data = json_ld(page)
        assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
        if len(record["title"]) <= 110:
            assert data["headline"] == record["title"]
        assert data.get("datePublished") == record["date"]
        assert data["url"] == f"https://example.org/dossier/{record['path']}"
        meta = metadata(page)
        assert meta["canonical"] == data["url"] == meta["og:url"]
        assert meta["og:type"] == "article"
        if record["source"]:
            assert data["publisher"]["name"] == record["source"]


def test_json_ld_cannot_break_out_of_its_script_element(tmp_path):
    project = make_project(tmp_path)
    title = "Breaking </script><script>alert(1)</script> <!-- & 'quotes'"
    (project / "content/articles/evil.txt").write_text(
        "---\ntitle: " + json.dumps(title) + "\nauthor: \"</SCRIPT>x\"\ndate: 2021-12-01\n---\n"
        "A paragraph long enough to be kept by the cleaner, about the harbour and the ferry.\n"
    )
    assert run_dossier("build", cwd=project).returncode == 0
    page = next((project / "build/articles").glob("breaking*.html"))
    html = page.read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">')
    script = html[start + 35:html.index("</script>", start)]
    assert "<" not in script and ">" not in script  # tojson escapes them, so no tag can close the script
    data = json_ld(page)
    assert data["headline"] == title and data["author"]["name"] == "</SCRIPT>x"
    scripts = [attrs for tag, attrs in parse(page).elements if tag == "script"]
    assert scripts == [{"type": "application/ld+json"}]


def test_article_pages_carry_search_filters_for_source_topic_and_year(demo_site):
    records = {r["slug"]: r for r in read_json(demo_site / "data" / "articles.json")}
    for slug, record in records.items():
        parsed = parse(demo_site / record["path"])
        attrs = [a for _, a in parsed.elements]
        assert any("data-pagefind-body" in a for a in attrs)
        filters = [a["data-pagefind-filter"] for a in attrs if "data-pagefind-filter" in a]
        assert "source" in filters and "topic" in filters and "type:Article" in filters
        assert f"year:{record['date'][:4]}" in filters
    for name in ("index.html", "topics/index.html", "sources/index.html", "timeline/index.html", "404.html"):
        assert "data-pagefind-body" not in (demo_site / name).read_text(), name


def test_search_box_on_every_page_is_a_form_that_works_without_javascript(demo_site):
    """The header's search box is a GET form to search.html: no script needed to reach the search page."""
    for page in demo_site.rglob("*.html"):
        if "pagefind" in page.parts or page.name == "search.html":
            continue
        parsed = parse(page)
        forms = [a for tag, a in parsed.elements if tag == "form" and a.get("role") == "search"]
        assert forms, page
        action = forms[0]["action"]
        target = "/search.html" if page.name == "404.html" else action
        assert target.endswith("search.html")
        if page.name != "404.html":
            assert (page.parent / action).resolve() == (demo_site / "search.html").resolve(), page
    assert (demo_site / "search.html").is_file()
    assert (demo_site / "pagefind" / "pagefind.js").is_file()


def test_timeline_picture_is_an_svg_with_a_text_equivalent(demo_site):
    html = (demo_site / "timeline" / "index.html").read_text(encoding="utf-8")
    parsed = parse(demo_site / "timeline" / "index.html")
    svg = [a for tag, a in parsed.elements if tag == "svg"]
    assert svg and svg[0]["role"] == "img" and svg[0]["aria-labelledby"] == "tl-svg-title tl-svg-desc"
    timeline = read_json(demo_site / "data" / "timeline.json")
    description = html.split('<desc id="tl-svg-desc">', 1)[1].split("</desc>", 1)[0]
    assert f"{len(timeline)} events" in description
    labels = [part.split(">", 1)[1].split("<", 1)[0] for part in html.split('<text class="tl-label"')[1:]]
    headings = [attrs.get("id") for tag, attrs in parsed.elements if tag == "section"]
    assert len(labels) == len(headings) and "2021" in labels and "the 1990s" in labels
    assert "figcaption" in [tag for tag, _ in parsed.elements]


def test_article_picture_counts_match_the_page(demo_site):
    for page in (demo_site / "articles").glob("*.html"):
        parsed = parse(page)
        only_here = sum(1 for tag, a in parsed.elements if tag == "p" and a.get("class") == "only-here")
        text = parsed.text
        assert "In the story" in text, page
        assert f"{only_here} only in this source" in text, page


def test_axis_bands_follow_time_and_lanes_never_overlap():
    import datetime
    from types import SimpleNamespace as E

    def entry(first, last, label):
        return E(first_day=datetime.date(*first), last_day=datetime.date(*last), label=label, sources=["a"])

    axis = make_axis([entry((2021, 12, 23), (2021, 12, 23), "23 December 2021"),
                      entry((1990, 1, 1), (1999, 12, 31), "the 1990s"), entry((2011, 1, 1), (2011, 12, 31), "2011")])
    assert [b.label for b in axis.bands] == ["the 1990s", "2011", "2021"]
    xs = [(b.x, b.x + b.width) for b in axis.bands]
    assert all(a[1] <= b[0] for a, b in zip(xs, xs[1:]))
    year = axis.bands[2]
    assert isinstance(year, Band) and year.position(datetime.date(2021, 1, 1)) < year.position(datetime.date(2021, 12, 31))
    spans = [(0, 10), (5, 15), (12, 20), (0, 30), (40, 50)]
    placed = lanes(spans)
    for i, (a, lane_a) in enumerate(zip(spans, placed)):
        for b, lane_b in zip(spans[i + 1:], placed[i + 1:]):
            assert lane_a != lane_b or a[1] + 3 <= b[0] or b[1] + 3 <= a[0]


# --- the search index: reused when nothing changed, re-made per shard -------------------------

def builder_for(project: Path, **options) -> tuple[Builder, search.SearchIndex]:
    builder = Builder(project / "site.yaml")
    index = search.SearchIndex(**options)
    builder.finish = index
    return builder, index


def test_search_index_is_reused_when_no_page_changed_and_remade_when_one_did(tmp_path):
    project = make_project(tmp_path)
    builder, index = builder_for(project)
    builder.build()
    site = project / "build"
    assert (site / "pagefind" / "pagefind.js").is_file() and index.last["indexed"] == 1
    entry = (site / "pagefind" / "pagefind-entry.json").stat().st_ino
    builder.build()
    assert index.last == {"shards": 1, "reused": 1, "indexed": 0, "deferred": 0}
    assert (site / "pagefind" / "pagefind-entry.json").stat().st_ino == entry  # linked, not rewritten
    article = next((project / "content/articles").glob("*.txt"))
    article.write_text(article.read_text() + "\nA new paragraph about the zeppelin that visited the harbour last week.\n")
    builder.build()
    assert index.last["indexed"] == 1


def test_a_fresh_builder_reuses_the_index_of_the_site_on_disk(tmp_path):
    project = make_project(tmp_path)
    builder_for(project)[0].build()
    css = project / "static" / "site.css"
    css.write_text(css.read_text() + "\n/* changed */\n")  # a rebuild whose pages are the same bytes
    builder, index = builder_for(project)  # a new process: no memory of the last build
    builder.build()
    assert index.last["reused"] == 1 and index.last["indexed"] == 0


def test_shards_split_a_big_site_and_only_the_changed_shard_is_reindexed(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "ARTICLES_PER_SHARD", 2)
    project = make_project(tmp_path)
    builder, index = builder_for(project)
    builder.build()
    site = project / "build"
    shards = read_json(site / "pagefind" / "dossier-shards.json")["shards"]
    assert len(shards) == index.last["shards"] - 1 >= 1
    assert all((site / name / "pagefind-entry.json").is_file() for name in shards)
    manifest = read_json(site / search.MANIFEST)
    pages = [p for p, (_, indexed) in manifest["files"].items() if indexed]
    changed = next(p for p in pages if p.startswith("articles/"))
    slug = changed.removeprefix("articles/").removesuffix(".html")
    source = next(r["file"] for r in read_json(site / "data/articles.json") if r["slug"] == slug)
    path = project / source
    path.write_text(path.read_text() + "\nOne more paragraph, long enough to keep, about the ferry timetable.\n")
    builder.build()
    assert index.last["indexed"] <= 2 and index.last["reused"] >= index.last["shards"] - 2


def add_a_paragraph(project: Path) -> None:
    article = next((project / "content/articles").glob("*.txt"))
    article.write_text(article.read_text() + "\nA paragraph about the lighthouse keeper, long enough to be kept.\n")


def test_preview_mode_keeps_the_old_index_and_replaces_it_in_the_background(tmp_path):
    project = make_project(tmp_path)
    builder, index = builder_for(project, background=True)
    builder.build()
    assert index.wait(60)
    site = project / "build"
    assert (site / "pagefind" / "pagefind.js").is_file()
    before = read_json(site / search.MANIFEST)["shards"]["0"]["digest"]
    add_a_paragraph(project)
    builder.build()
    assert index.last["deferred"] == 1
    assert (site / "pagefind" / "pagefind.js").is_file()  # the old index answers meanwhile
    assert index.wait(60)
    after = read_json(site / search.MANIFEST)["shards"]["0"]["digest"]
    assert after != before
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind")]
    assert not [p for p in project.iterdir() if ".new-" in p.name]


def test_stopping_the_preview_index_ends_the_indexer_at_work():
    """Ctrl-C must not wait for a shard in hand: its Pagefind process is ended."""
    with search.PagefindService() as service:
        search.SearchIndex(background=True).stop()
        assert service.process.wait(timeout=10) is not None
        with pytest.raises(ProblemError, match="stopped unexpectedly"):
            service.call({"type": "NewIndex", "config": {}})
    assert not search.PagefindService.running


def test_the_preview_indexes_at_the_lowest_cpu_priority():
    """Background indexing leaves both cores to the rebuild an editor waits for; a build's does not yield."""
    with search.PagefindService(yielding=True) as background, search.PagefindService() as foreground:
        # once each answers, it is Pagefind itself, started by `nice` after setting its priority
        assert background.call({"type": "NewIndex", "config": {}})["type"] == "NewIndex"
        assert foreground.call({"type": "NewIndex", "config": {}})["type"] == "NewIndex"
        assert os.getpriority(os.PRIO_PROCESS, background.process.pid) == 19
        assert os.getpriority(os.PRIO_PROCESS, foreground.process.pid) == os.getpriority(os.PRIO_PROCESS, 0)


def test_a_stopped_preview_index_skips_the_work_left_and_keeps_the_old_index(tmp_path):
    project = make_project(tmp_path)
    builder, index = builder_for(project, background=True)
    builder.build()
    assert index.wait(60)
    site = project / "build"
    before = read_json(site / search.MANIFEST)["shards"]["0"]["digest"]
    index.stop()  # what the preview does on Ctrl-C
    add_a_paragraph(project)
    builder.build()
    assert index.last["deferred"] == 1
    assert index.wait(60)
    assert read_json(site / search.MANIFEST)["shards"]["0"]["digest"] == before
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind")]


def test_search_records_are_one_per_topic_and_one_per_timeline_section(demo_site):
    records = read_json(demo_site / search.RECORDS)
    topics = read_json(demo_site / "data" / "topics.json")
    by_url = {r["url"]: r for r in records}
    for topic in topics:
        record = by_url["/" + topic["path"]]
        assert record["meta"]["title"] == topic["name"] and record["filters"]["type"] == ["Topic"]
        assert f"mentioned in {len(topic['articles'])} article" in record["content"]
    sections = [r for r in records if r["filters"]["type"] == ["Timeline"]]
    ids = parse(demo_site / "timeline" / "index.html").ids
    assert sections and all(r["url"].split("#")[1] in ids for r in sections)
    assert "Timeline: December 2021" in {r["meta"]["title"] for r in sections}
    assert len(records) == len(topics) + len(sections)
