"""The reader's site in a real browser (Debian's Chromium through Playwright): accessibility with
axe-core, keyboard-only reading, search, and layout at phone and desktop widths in light and dark.
The demo is built once per session and served over HTTP under /REPO/, as GitHub Pages serves a
project site."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import ROOT, read_json

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PREFIX = "/REPO/"


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under PREFIX; anything else is a 404, like a project site."""

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(demo_site):
    handler = functools.partial(PrefixHandler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def pages(demo_site) -> dict[str, str]:
    """The pages the issue names, by what they are."""
    articles = read_json(demo_site / "data" / "articles.json")
    topics = read_json(demo_site / "data" / "topics.json")
    article = max(articles, key=lambda a: a["words"])  # the longest: most links, most to lay out
    topic = max(topics, key=lambda t: t["mentions"])
    return {
        "home": "index.html",
        "article": article["path"],
        "topics": "topics/index.html",
        "topic": topic["path"],
        "timeline": "timeline/index.html",
        "sources": "sources/index.html",
        "search": "search.html?q=Putin",
    }


@pytest.fixture
def context(browser):
    made = []

    def make(**options):
        ctx = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def open_page(context, url: str, **options):
    page = context(**options).new_page()
    page.goto(url)
    if "search.html" in url:
        page.wait_for_selector("#search-form[data-ready]", timeout=15000)
        if "q=" in url:
            page.wait_for_function("document.getElementById('search-status').textContent.includes('result')", timeout=15000)
    return page


# --- accessibility -------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "article", "topics", "topic", "timeline", "sources", "search"])
def test_axe_finds_no_serious_or_critical_violations(context, site_url, pages, name, scheme):
    assert AXE.is_file(), "axe-core is missing: run `npm ci --ignore-scripts` (make test does)"
    page = open_page(context, site_url + pages[name], color_scheme=scheme)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not bad, "\n".join(bad)


TAB_LIMIT = 600


@pytest.mark.parametrize("name", ["home", "article", "timeline", "sources", "topic"])
def test_keyboard_alone_reaches_every_link(context, site_url, pages, name):
    page = open_page(context, site_url + pages[name])
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # what a reader unfolds
    wanted = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
        .filter(a => a.checkVisibility() && a.getClientRects().length)
        .map(a => a.href + ' ' + a.textContent.trim())""")
    reached = set()
    page.locator("body").focus()
    for _ in range(min(TAB_LIMIT, 3 * len(wanted) + 20)):
        page.keyboard.press("Tab")
        found = page.evaluate("() => { const e = document.activeElement; return e && e.tagName === 'A' ? e.href + ' ' + e.textContent.trim() : null }")
        if found:
            reached.add(found)
        if reached >= set(wanted):
            break
    missing = set(wanted) - reached
    assert not missing, sorted(missing)[:10]


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(context, site_url, pages):
    page = open_page(context, site_url + pages["article"])
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"]
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 20  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, not the header
    assert page.evaluate("!!document.activeElement.closest('main')")


# --- search --------------------------------------------------------------------------------------

def result_titles(page) -> list[str]:
    return page.locator("#search-results > li h2 a").all_text_contents()


def test_typing_navalny_finds_the_article_that_mentions_him(context, site_url, demo_site):
    articles = read_json(demo_site / "data" / "articles.json")
    mentions = [a for a in articles if "Navalny" in (demo_site / a["path"]).read_text(encoding="utf-8").split('class="article-body"')[1]]
    assert mentions
    page = open_page(context, site_url + "search.html")
    page.fill("#search-q", "Navalny")
    page.wait_for_function("document.querySelectorAll('#search-results > li').length > 0", timeout=15000)
    titles = result_titles(page)
    for article in mentions:
        assert article["title"] in titles
    link = page.locator("#search-results a", has_text=mentions[0]["title"]).first
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith(site_url) and page.url.split("#")[0].endswith(mentions[0]["path"])


def test_filtering_by_source_keeps_only_that_source(context, site_url, demo_site):
    articles = read_json(demo_site / "data" / "articles.json")
    navalny = next(a for a in articles if a["file"].endswith("002_13f6215aedc64298.txt"))
    source = f"Unknown source ({Path(navalny['file']).name})"
    other = next(a for a in articles if a["slug"] != navalny["slug"])
    page = open_page(context, site_url + "search.html?q=Putin")
    everything = len(page.locator("#search-results > li").all())
    page.select_option("#filter-type", "Article")
    page.select_option("#filter-source", source)
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('1 result')", timeout=15000)
    assert result_titles(page) == [navalny["title"]]
    assert everything > 1
    assert "source=" in page.url  # the filter is in the address, so it can be shared
    page.select_option("#filter-source", f"Unknown source ({Path(other['file']).name})")
    page.fill("#search-q", "Navalny")
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('Nothing found')", timeout=15000)


def test_timeline_entries_and_topics_are_results_of_their_own(context, site_url):
    page = open_page(context, site_url + "search.html?q=Omsk")
    hrefs = page.locator("#search-results > li h2 a").evaluate_all("links => links.map(a => a.href)")
    timeline = [href for href in hrefs if "/timeline/index.html#" in href]
    assert timeline
    page.goto(timeline[0])
    assert page.evaluate("!!document.getElementById(location.hash.slice(1))")  # the section it names exists
    page = open_page(context, site_url + "search.html?q=Navalny&type=Topic")
    assert any("/topics/" in href for href in page.locator("#search-results > li h2 a").evaluate_all("ls => ls.map(a => a.href)"))


def test_header_search_box_takes_the_words_to_the_search_page(context, site_url, pages):
    page = open_page(context, site_url + pages["topic"])
    page.fill("#site-search-q", "Xi Jinping")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-form[data-ready]", timeout=15000)
    page.wait_for_function("document.querySelectorAll('#search-results > li').length > 0", timeout=15000)
    assert page.input_value("#search-q") == "Xi Jinping"
    assert page.url.startswith(site_url + "search.html")


def test_search_page_from_a_file_explains_itself(context, demo_site):
    page = context().new_page()
    page.goto((demo_site / "search.html").as_uri())
    page.wait_for_selector("#search-offline:not([hidden])", timeout=15000)
    assert "http" in page.locator("#search-offline").text_content()


# --- layout --------------------------------------------------------------------------------------

OVERLAPS = """() => {
  const selector = 'h1, h2, h3, p, dt, dd, figcaption, label, legend, button, input, select, .site-title, nav li, li > a';
  const boxes = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility() || el.closest('.visually-hidden, .skip-link, svg, .picture-scroll, .table-scroll')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    boxes.push([el, r]);
  }
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra] = boxes[i], [b, rb] = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 1 && h > 1) found.push(a.tagName + '.' + a.className + ' "' + a.textContent.trim().slice(0, 30) + '" x ' +
                                    b.tagName + '.' + b.className + ' "' + b.textContent.trim().slice(0, 30) + '"');
      if (found.length > 10) return found;
    }
  }
  return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_no_horizontal_scroll_no_overlapping_text_and_no_outside_requests(context, site_url, pages, width, scheme):
    ctx = context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    problems = []
    for name, path in pages.items():
        page = ctx.new_page()
        outside = []
        page.on("request", lambda request: outside.append(request.url)
                if not request.url.startswith((site_url, "data:")) else None)
        page.goto(site_url + path)
        if name == "search":
            page.wait_for_function("document.getElementById('search-status').textContent.includes('result')", timeout=15000)
        scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll[0] > scroll[1]:
            problems.append(f"{name}: scrolls sideways ({scroll[0]} > {scroll[1]})")
        overlaps = page.evaluate(OVERLAPS)
        problems += [f"{name}: {o}" for o in overlaps]
        if outside:
            problems.append(f"{name}: requests outside the site: {outside[:3]}")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        dark = sum(int(v) for v in background[background.index("(") + 1:-1].split(",")[:3]) < 300
        if dark != (scheme == "dark"):
            problems.append(f"{name}: background {background} in {scheme} mode")
        page.close()
    assert not problems, "\n".join(problems)


def test_article_prints_without_navigation_or_search(context, site_url, pages):
    page = open_page(context, site_url + pages["article"])
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header', '.pager', '.site-footer', 'details.removed']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.evaluate("getComputedStyle(document.querySelector('.article-body')).display") != "none"
