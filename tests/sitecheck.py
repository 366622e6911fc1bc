"""Helpers for tests: parse built pages and follow their links the way a browser on file:// would."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src")}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.elements: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name, value in attrs:
            if (tag, name) in LINK_ATTRS and value is not None:
                self.links.append((tag, value))

    def handle_data(self, data):
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https", "mailto")


def resolve(page: str, url: str) -> tuple[str, str]:
    """Output path and fragment that a relative `url` on `page` points to."""
    parts = urlsplit(url)
    if not parts.path:
        return page, parts.fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    return target, parts.fragment


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every link, script, stylesheet or image on every page that points to nothing.

    Links must be page-relative, except on 404.html, which is served at any depth and so must use
    base-path-absolute ones."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for tag, url in parsed.links:
            if is_external(url):
                continue
            if page == "404.html" and not url.startswith("#"):
                if not url.startswith(base_path):
                    broken.append(f"{page}: {url} is not under the base path {base_path}")
                    continue
                url = url[len(base_path):] or "index.html"
            elif url.startswith("/") or urlsplit(url).scheme:
                broken.append(f"{page}: {url} is not page-relative")
                continue
            target, fragment = resolve(page, url)
            file = site / target
            if target.startswith("..") or not file.is_file():
                broken.append(f"{page}: {url} -> {target} does not exist")
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(f"{page}: {url} -> no element with id {fragment!r} in {target}")
    return broken
