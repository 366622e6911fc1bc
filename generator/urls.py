"""Every URL the site prints is made here: page-relative links, absolute ones only where required.

Pages are addressed by their output path ('articles/x.html', 'topics/index.html'). Links always
name a file, never a bare directory, so the site also works from file:// where no server adds
index.html.
"""
from __future__ import annotations

import functools
import posixpath
from typing import Callable


def relative_url(from_page: str, target: str) -> str:
    """Link from the page at `from_page` to `target` (output path, optionally with #fragment)."""
    return links_from(from_page)(target)


def links_from(from_page: str) -> Callable[[str], str]:
    """relative_url(from_page, target) as a function of target: a page's folder is worked out
    once for its hundreds of links."""
    start = posixpath.dirname(from_page)

    def link(target: str) -> str:
        path, _, fragment = target.partition("#")
        if not path:
            return "#" + fragment
        folder, _, name = path.rpartition("/")
        url = folder_prefix(start, folder) + name or "./"
        return f"{url}#{fragment}" if fragment else url

    return link


@functools.lru_cache(maxsize=4096)
def folder_prefix(start: str, folder: str) -> str:
    """What goes before a file name in `folder` when linking from a page in `start`: '', '../x/'."""
    relative = posixpath.relpath(folder or ".", start or ".")
    return "" if relative == "." else relative + "/"


def absolute_path(target: str, base_path: str) -> str:
    """Base-path-absolute URL ('/REPO/articles/x.html'), for pages served at any depth (404.html)."""
    return base_path.rstrip("/") + "/" + target.lstrip("/")


def full_url(target: str, site_url: str) -> str:
    """Absolute URL with scheme and host, for feeds, sitemaps and canonical links; '' without a site url."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + target.lstrip("/")
