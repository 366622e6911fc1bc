"""Atom feeds, sitemap.xml and robots.txt, checked with a real feed parser and an XML parser."""
import dataclasses
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from generator.clean import clean_corpus
from generator.config import load_config
from generator.content import load_articles, load_pages
from generator.feeds import feed_files, topic_feed
from generator.pages import page_specs
from generator.problems import Problems
from generator.site import Dossier, assemble

from .conftest import make_project

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
URL = "https://example.org/REPO/"
HOSTILE_TITLE = 'Tom & Jerry <script>alert("x")</script> ]]> — «ünïcode»'
HOSTILE_AUTHOR = "O'Brien & <Sons>"


def assemble_project(project: Path, url: str | None = URL) -> Dossier:
    """The Dossier the build would render for `project`, with site.yaml's url set to `url`."""
    site = project / "site.yaml"
    if url:
        site.write_text(site.read_text(encoding="utf-8") + f"url: {url}\n", encoding="utf-8")
    config = load_config(site)
    problems = Problems()
    raws = load_articles(config.content_dir, config.root, config.zone, problems)
    pages = load_pages(config.content_dir, config.root, problems)
    dossier = assemble(config, clean_corpus(raws, config.overrides_for), pages, problems)
    assert problems.errors == []
    return dossier


def page_paths(dossier: Dossier) -> list[str]:
    return [spec.path for spec in page_specs(dossier)]


@pytest.fixture
def hostile_project(tmp_path):
    project = make_project(tmp_path)
    (project / "content" / "articles" / "hostile.txt").write_text(
        "---\n"
        f"title: '{HOSTILE_TITLE}'\n"
        "date: 2021-12-21\n"
        f"author: \"{HOSTILE_AUTHOR}\"\n"
        "---\n"
        "Prices rose 5% <b>overnight</b> & traders said \"A < B && C > D\" about the market.\n",
        encoding="utf-8",
    )
    return project


def parse(data: bytes, location: str | None = None):
    headers = {"content-location": location, "content-type": "application/atom+xml"} if location else None
    feed = feedparser.parse(data, response_headers=headers)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_feed_is_valid_atom_with_every_article_newest_first(hostile_project):
    dossier = assemble_project(hostile_project)
    feed = parse(feed_files(dossier, page_paths(dossier))["feed.xml"])
    assert feed.feed.title == dossier.config.title
    assert [e.title for e in feed.entries] == [a.title for a in dossier.articles]
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_hostile_titles_and_authors_survive_escaped(hostile_project):
    dossier = assemble_project(hostile_project)
    data = feed_files(dossier, page_paths(dossier))["feed.xml"]
    entry = next(e for e in parse(data).entries if e.title == HOSTILE_TITLE)
    assert entry.author == HOSTILE_AUTHOR
    assert "A &lt; B &amp;&amp; C &gt; D" in entry.content[0].value  # text in the HTML stays text
    assert "<b>" not in entry.content[0].value
    assert b"<script>" not in data  # raw markup never reaches the document


def test_control_characters_from_scraped_text_do_not_break_the_xml(tmp_path):
    dossier = assemble_project(make_project(tmp_path))
    article = dataclasses.replace(dossier.articles[0], title="Form\x0cfeed and NUL\x00 title", author="Bell\x07")
    dossier = dataclasses.replace(dossier, articles=(article, *dossier.articles[1:]))
    feed = parse(feed_files(dossier, page_paths(dossier))["feed.xml"])
    assert feed.entries[0].title == "Formfeed and NUL title"


def test_ids_are_unique_and_links_absolute_when_url_is_set(tmp_path):
    dossier = assemble_project(make_project(tmp_path))
    feed = parse(feed_files(dossier, page_paths(dossier))["feed.xml"])
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids) == len(dossier.articles)
    assert ids == [URL + a.path for a in dossier.articles]
    assert [e.link for e in feed.entries] == [URL + a.path for a in dossier.articles]
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": URL + "feed.xml", "alternate": URL + "index.html"}


def test_feed_is_the_same_bytes_on_every_build(tmp_path):
    first = assemble_project(make_project(tmp_path / "a"))
    second = assemble_project(make_project(tmp_path / "b"))
    assert feed_files(first, page_paths(first)) == feed_files(second, page_paths(second))


def test_dates_are_midnight_in_the_sites_zone_not_the_machines(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        project = make_project(tmp_path)
        site = project / "site.yaml"
        site.write_text(site.read_text().replace("Europe/London", "Pacific/Kiritimati"))
        dossier = assemble_project(project)
        root = ET.fromstring(feed_files(dossier, page_paths(dossier))["feed.xml"])
        published = [e.findtext(f"{ATOM}published") for e in root.iter(f"{ATOM}entry")]
        assert published == [f"{a.date.isoformat()}T00:00:00+14:00" for a in dossier.articles]
        assert root.findtext(f"{ATOM}updated") == published[0]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_every_entry_has_what_rfc_4287_requires(hostile_project):
    dossier = assemble_project(hostile_project)
    root = ET.fromstring(feed_files(dossier, page_paths(dossier))["feed.xml"])
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None
    assert root.find(f"{ATOM}author/{ATOM}name") is not None  # covers entries without a byline
    for entry in root.iter(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None


def test_without_url_links_are_relative_and_ids_are_tag_uris(tmp_path):
    dossier = assemble_project(make_project(tmp_path), url=None)
    files = feed_files(dossier, page_paths(dossier))
    assert set(files) == {"feed.xml"}  # a sitemap needs absolute addresses
    root = ET.fromstring(files["feed.xml"])
    hrefs = [link.get("href") for link in root.iter(f"{ATOM}link") if link.get("rel") != "via"]
    assert all("://" not in href for href in hrefs)
    ids = [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]
    assert all(i.startswith("tag:") for i in ids) and len(set(ids)) == len(ids)
    # A reader resolves the relative links against where it fetched the feed from.
    feed = parse(files["feed.xml"], location="https://mirror.example/site/feed.xml")
    assert [e.link for e in feed.entries] == ["https://mirror.example/site/" + a.path for a in dossier.articles]


def test_sitemap_lists_every_page_with_absolute_urls(tmp_path):
    dossier = assemble_project(make_project(tmp_path))
    paths = page_paths(dossier)
    root = ET.fromstring(feed_files(dossier, paths)["sitemap.xml"])
    assert root.tag == f"{SITEMAP}urlset"
    locs = [url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")]
    expected = {URL + p for p in paths if p != "404.html"}
    assert set(locs) == expected and len(locs) == len(expected)
    assert locs[0] == URL + "index.html"
    assert {URL + a.path for a in dossier.articles} <= set(locs)


def test_sitemap_covers_pages_added_later(tmp_path):
    dossier = assemble_project(make_project(tmp_path))
    later = page_paths(dossier) + ["topics/harbour.html", "story/index.html"]
    sitemap = feed_files(dossier, later)["sitemap.xml"].decode()
    assert f"<loc>{URL}topics/harbour.html</loc>" in sitemap and f"<loc>{URL}story/index.html</loc>" in sitemap


def test_robots_txt_names_the_sitemap(tmp_path):
    dossier = assemble_project(make_project(tmp_path))
    robots = feed_files(dossier, page_paths(dossier))["robots.txt"].decode()
    assert f"Sitemap: {URL}sitemap.xml" in robots.splitlines()
    assert "User-agent: *" in robots.splitlines()


def test_topic_feed_lists_only_its_articles(tmp_path):
    dossier = assemble_project(make_project(tmp_path))
    chosen = [dossier.articles[2].slug, dossier.articles[0].slug]
    feed = parse(topic_feed(dossier, "Harbour & <Ferries>", "harbour", chosen))
    assert feed.feed.title.startswith("Harbour & <Ferries>")
    assert [e.link for e in feed.entries] == [URL + dossier.articles[0].path, URL + dossier.articles[2].path]
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": URL + "topics/harbour.xml", "alternate": URL + "topics/harbour.html"}
    with pytest.raises(ValueError, match="no-such-article"):
        topic_feed(dossier, "Harbour", "harbour", ["no-such-article"])


def test_topic_feed_without_url_links_from_its_own_folder(tmp_path):
    dossier = assemble_project(make_project(tmp_path), url=None)
    article = dossier.articles[0]
    feed = parse(topic_feed(dossier, "Ferries", "ferries", [article.slug]), location="https://x.example/d/topics/ferries.xml")
    assert feed.entries[0].link == "https://x.example/d/" + article.path
