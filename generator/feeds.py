"""Feeds and discovery: the Atom feed of articles (whole site and per topic), sitemap.xml, robots.txt.

Every document is built as an element tree and serialised by xml.etree, so titles, bylines and text
are escaped by the serialiser, never by hand. Links are absolute when site.yaml sets `url:`;
without it they are relative to the feed's own location, which RFC 3986 readers resolve against
the address they fetched the feed from, but entry ids are then tag: URIs and no sitemap is made.
"""
from __future__ import annotations

import datetime
import html
import posixpath
import re
import xml.etree.ElementTree as ET
from typing import Iterable, Sequence

from .site import Article, Dossier
from .urls import full_url, relative_url

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_PATH = "feed.xml"
SITEMAP_PATH = "sitemap.xml"
# Atom requires an `updated` instant; a dossier with no dated article gets this fixed one rather
# than the build time, so that two builds of the same content are byte for byte the same.
NO_DATE = "1970-01-01T00:00:00Z"
# The tag: authority for ids when no url is set (RFC 4151; .invalid can never be anyone's domain).
TAG_AUTHORITY = "dossier.invalid,2021"
SUMMARY_CHARS = 300
FEED_ENTRIES = 50  # the newest articles; a feed is for what is new, the site is the archive
# Characters XML 1.0 forbids outright; scraped text does carry them (form feeds, NULs).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def feed_files(dossier: Dossier, page_paths: Iterable[str], entries: dict | None = None) -> dict[str, bytes]:
    """feed.xml always; sitemap.xml and robots.txt too when site.yaml sets `url:`.

    `page_paths` are the output paths of the rendered pages (every key of the render stage that
    ends in .html); the sitemap lists each one except 404.html.
    """
    config = dossier.config
    files = {
        FEED_PATH: atom_feed(
            dossier,
            FEED_PATH,
            title=config.title,
            subtitle=config.description,
            articles=dossier.articles,
            alternate="index.html",
            tag="articles",
            entries=entries,
        )
    }
    if config.url:
        files[SITEMAP_PATH] = sitemap(config.url, page_paths)
        files["robots.txt"] = robots_txt(config.url)
    return files


def topic_feed_path(topic_slug: str) -> str:
    return f"topics/{topic_slug}.xml"


def topic_feed_key(dossier: Dossier, topic) -> tuple:
    """Everything topic_feed reads for `topic`: two equal keys, two equal feeds."""
    return (dossier.config, topic.name, topic.slug, tuple(dossier.ordered(topic.articles)[:FEED_ENTRIES]))


def topic_feed(
    dossier: Dossier,
    topic_name: str,
    topic_slug: str,
    article_slugs: Iterable[str],
    *,
    page_path: str | None = None,
    entries: dict | None = None,
) -> bytes:
    """The Atom feed written to topics/<slug>.xml: the topic's newest articles.

    `page_path` is the topic's page (default topics/<slug>.html), the feed's alternate link.
    `entries` is a cache of entry elements shared by the feeds of one build.
    """
    wanted = set(article_slugs)
    articles = dossier.ordered(wanted)
    unknown = wanted - {a.slug for a in articles}
    if unknown:
        raise ValueError(f"topic {topic_name!r} names articles that are not in the dossier: {sorted(unknown)}")
    return atom_feed(
        dossier,
        topic_feed_path(topic_slug),
        title=f"{topic_name} · {dossier.config.title}",
        subtitle=f"Articles of {dossier.config.title} about {topic_name}",
        articles=articles,
        alternate=page_path or f"topics/{topic_slug}.html",
        tag=f"topics/{topic_slug}",
        entries=entries,
        full_text=False,
    )


def atom_feed(
    dossier: Dossier,
    feed_path: str,
    *,
    title: str,
    subtitle: str,
    articles: Sequence[Article],
    alternate: str,
    tag: str,
    entries: dict | None = None,
    full_text: bool = True,
) -> bytes:
    """An Atom 1.0 document (RFC 4287) at `feed_path` listing the first FEED_ENTRIES `articles`.

    Feed readers poll for what is new, so a feed carries the newest articles, not the archive.
    Without `full_text` (the per-topic feeds) entries carry their summary only."""
    config = dossier.config
    articles = list(articles)[:FEED_ENTRIES]
    entries = {} if entries is None else entries
    folder = posixpath.dirname(feed_path)

    def href(target: str) -> str:
        return full_url(target, config.url) if config.url else relative_url(feed_path, target)

    feed = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: config.language})
    _text(feed, "title", title)
    if subtitle:
        _text(feed, "subtitle", subtitle)
    _text(feed, "id", full_url(feed_path, config.url) if config.url else f"tag:{TAG_AUTHORITY}:{tag}")
    updated = max((a.date for a in articles if a.date), default=None)
    feed_updated = _instant(updated, config.zone) if updated else NO_DATE
    _text(feed, "updated", feed_updated)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=href(feed_path))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=href(alternate))
    author = ET.SubElement(feed, "author")  # for entries without a byline
    _text(author, "name", config.title)
    _text(feed, "generator", "dossier")
    for article in articles:
        key = (article.slug, folder, feed_updated if not article.date else "", full_text)
        if key not in entries:  # an entry is the same in every feed in the same folder
            entries[key] = _entry(article, config, href, feed_updated, full_text)
        feed.append(entries[key])
    return _serialise(feed)


def _entry(article: Article, config, href, fallback_updated: str, full_text: bool = True) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "title", article.title)
    _text(entry, "id", full_url(article.path, config.url) if config.url else f"tag:{TAG_AUTHORITY}:articles/{article.slug}")
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=href(article.path))
    if article.url:
        ET.SubElement(entry, "link", rel="via", href=_clean(article.url))  # where the outlet published it
    if article.date:
        instant = _instant(article.date, config.zone)
        _text(entry, "published", instant)
        _text(entry, "updated", instant)
    else:  # undated articles never look newer than the newest dated one
        _text(entry, "updated", fallback_updated)
    if article.author:
        author = ET.SubElement(entry, "author")
        _text(author, "name", article.author)
    if article.source.known:
        ET.SubElement(entry, "category", term=_clean(article.source.key), label=_clean(article.source.name))
    summary = article.dek or _first_paragraph(article)
    if summary:
        _text(entry, "summary", _shorten(summary))
    if full_text:
        content = _text(entry, "content", _body_html(article))
        content.set("type", "html")
    return entry


def _body_html(article: Article) -> str:
    """The kept text as an HTML fragment; Atom's type="html" carries it escaped once more as text."""
    return "\n".join(
        f"<{tag}>{html.escape(_clean(line.text), quote=False)}</{tag}>"
        for line in article.body
        for tag in ("h2" if line.role == "heading" else "p",)
    )


def _first_paragraph(article: Article) -> str:
    return next((line.text for line in article.body if line.role == "paragraph"), "")


def _shorten(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[: SUMMARY_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _instant(day: datetime.date, zone) -> str:
    """Midnight of `day` in the site's zone, RFC 3339: a date stays that date wherever it is built."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone).isoformat()


def sitemap(site_url: str, page_paths: Iterable[str]) -> bytes:
    """sitemaps.org urlset of every HTML page but 404.html, home page first, absolute URLs."""
    pages = {p for p in page_paths if p.endswith(".html") and p != "404.html"}
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path in sorted(pages, key=lambda p: (p != "index.html", p)):
        url = ET.SubElement(urlset, "url")
        _text(url, "loc", full_url(path, site_url))
    return _serialise(urlset)


def robots_txt(site_url: str) -> bytes:
    """Allow everything and name the sitemap. Crawlers read robots.txt only at a host's root, so
    under a project path (/REPO/) it is inert; the Sitemap line still documents where it is."""
    lines = ["User-agent: *", "Disallow:", f"Sitemap: {full_url(SITEMAP_PATH, site_url)}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
