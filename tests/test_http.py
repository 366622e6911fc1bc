"""The built site works over real HTTP, at a domain root and under a GitHub Pages project path."""
import threading
import urllib.error
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import run_dossier
from .sitecheck import PageParser


class PagesHandler(SimpleHTTPRequestHandler):
    """Serves the site under `prefix` and answers unknown paths with 404.html, like GitHub Pages."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(site: Path, prefix: str):
    handler = type("Handler", (PagesHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Follow every link, stylesheet and script from `start` within the site; return seen URLs and failures."""
    seen, failures, queue = set(), [], [start]
    site_root = start.rsplit("/", 1)[0] + "/"
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        if status != 200:
            failures.append(f"{url}: {status}")
            continue
        if url.endswith(".html") or url.endswith("/"):
            parser = PageParser()
            parser.feed(body.decode("utf-8"))
            for _, link in parser.links:
                target = urljoin(url, link).split("#")[0]
                if target.startswith(site_root):
                    queue.append(target)
    return seen, failures


@pytest.mark.parametrize("prefix", ["/", "/REPO/"])
def test_every_link_works_over_http(project, prefix):
    assert run_dossier("build", "--base-path", prefix, cwd=project).returncode == 0
    server, root = serve(project / "build", prefix)
    try:
        seen, failures = crawl(root + "index.html")
        assert failures == []
        assert len(seen) >= 8  # home, 3 articles, topics, timeline, about, stylesheet
    finally:
        server.shutdown()


def test_unknown_deep_path_gets_a_404_page_whose_links_work(project):
    assert run_dossier("build", "--base-path", "/REPO/", cwd=project).returncode == 0
    server, root = serve(project / "build", "/REPO/")
    try:
        status, body = fetch(root + "no/such/page")
        assert status == 404
        parser = PageParser()
        parser.feed(body.decode("utf-8"))
        links = [link for _, link in parser.links]
        assert "/REPO/static/site.css" in links and "/REPO/index.html" in links
        for link in links:
            if link.startswith("#"):
                continue
            assert fetch(urljoin(root + "no/such/page", link))[0] == 200, link
    finally:
        server.shutdown()
