"""Scraped text is untrusted: it is escaped everywhere, and markdown pages are sanitised."""
from .conftest import run_dossier
from .sitecheck import parse

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_article_text_title_and_author_are_escaped(project):
    (project / "content/articles/evil.txt").write_text(
        f'---\ntitle: "{HOSTILE.replace(chr(34), "")}"\nauthor: "<b onmouseover=alert(2)>Eve</b>"\ndate: 2021-12-01\n---\n'
        f"{HOSTILE} is what the scraper saw.\n</textarea></script><script>alert(3)</script>\n"
    )
    assert run_dossier("build", cwd=project).returncode == 0
    for page in ["index.html", *(f"articles/{p.name}" for p in (project / "build/articles").iterdir())]:
        parsed = parse(project / "build" / page)
        tags = [tag for tag, _ in parsed.elements]
        assert all(a == {"type": "application/ld+json"} for t, a in parsed.elements if t == "script"), page
        assert "img" not in tags, page
        assert not any(name.startswith("on") for _, attrs in parsed.elements for name in attrs), page
    page = (project / "build/articles").glob("script*.html")
    text = " ".join(parse(p).text for p in page)
    assert '<script>alert("x")</script>' in text  # shown to the reader as text, not run


def test_markdown_pages_are_sanitised(project):
    (project / "content/pages/evil.md").write_text(
        "# Evil\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) <a href=\"#\" onclick=\"alert(3)\">x</a>\n\n"
        "![i](data:image/svg+xml;base64,PHN2Zz4=)\n"
    )
    assert run_dossier("build", cwd=project).returncode == 0
    html = (project / "build/evil.html").read_text()
    parsed = parse(project / "build/evil.html")
    assert "script" not in [tag for tag, _ in parsed.elements]
    assert "javascript:" not in html and "onclick" not in html and "data:image" not in html


XSS_PAYLOADS = [
    "<script>window.__pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.__pwned = 2; alert(2)">',
    '"><svg onload="window.__pwned=3">',
    "</textarea><script>window.__pwned = 4</script>",
    '</script><script>window.__pwned = 5</script>',
    "javascript:window.__pwned=6",
    "<style>body{background:url(javascript:alert(7))}</style>",
    "{{ 7*7 }} {% raw %}",
]


def test_no_script_from_any_article_runs_in_a_real_browser(project, browser):
    payload = " ".join(XSS_PAYLOADS)
    (project / "content/articles/xss.txt").write_text(
        "---\ntitle: '" + payload.replace("'", "''") + "'\nauthor: '" + XSS_PAYLOADS[1].replace("'", "''")
        + "'\nsource: '" + XSS_PAYLOADS[4].replace("'", "''") + "'\ndate: 2021-12-23\n---\n"
        + "\n".join(f"On Thursday {p} said the minister in a long enough sentence." for p in XSS_PAYLOADS) + "\n"
    )
    (project / "content/pages/xss.md").write_text("# Page\n\n" + "\n\n".join(XSS_PAYLOADS) + "\n\n[x](javascript:alert(8))\n")
    assert run_dossier("build", cwd=project).returncode == 0
    home = (project / "build/index.html").read_text()
    assert "{{ 7*7 }}" in home  # template syntax in an article is text, never evaluated
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for html_file in sorted((project / "build").rglob("*.html")):
            page.goto(html_file.as_uri())
            assert page.evaluate("() => window.__pwned") is None, html_file
        assert dialogs == []
    finally:
        page.close()
