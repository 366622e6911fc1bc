"""The foundation: `build` turns a folder of articles into a site whose pages and data hold together."""
import json
import re
from pathlib import Path

from .conftest import ROOT, read_json, run_dossier
from .sitecheck import broken_links, parse


def build(project: Path, *args: str):
    return run_dossier("build", *args, cwd=project)


def test_demo_dossier_builds_every_article_with_its_date(demo_site):
    articles = read_json(demo_site / "data" / "articles.json")
    files = sorted(a["file"] for a in articles)
    assert files == sorted(f"content/articles/{p.name}" for p in (ROOT / "content" / "articles").glob("*.txt"))
    assert len(files) == 5
    for record in articles:
        assert record["date"] == "2021-12-23"
        assert record["source"] is None  # the files do not name their outlets; we do not invent them
        assert set(record) >= {"slug", "title", "source", "date", "author", "url", "file", "words"}
        assert record["words"] > 100
        assert (demo_site / "articles" / f"{record['slug']}.html").is_file()


def test_demo_article_pages_say_the_source_is_unknown_and_name_the_file(demo_site):
    for record in read_json(demo_site / "data" / "articles.json"):
        text = parse(demo_site / "articles" / f"{record['slug']}.html").text
        name = Path(record["file"]).name
        assert f"Unknown source ({name})" in text
        assert "not named" in text


def test_every_section_page_exists_and_is_linked_from_home(demo_site):
    home = parse(demo_site / "index.html")
    hrefs = {url for _, url in home.links}
    for page in ("topics/index.html", "timeline/index.html", "about.html"):
        assert (demo_site / page).is_file()
        assert page in hrefs


def test_about_page_is_rendered_from_markdown(demo_site):
    page = parse(demo_site / "about.html")
    assert ("h1", {}) in page.elements
    assert "How to read it" in page.text
    assert "**" not in page.text


def test_no_page_links_to_a_file_that_does_not_exist(demo_site):
    assert broken_links(demo_site) == []


def test_fixture_site_has_no_broken_links_under_a_base_path(project):
    result = build(project, "--base-path", "/REPO/")
    assert result.returncode == 0, result.stderr
    assert broken_links(project / "build", "/REPO/") == []


def test_home_lists_articles_newest_first_with_source_and_date(project):
    assert build(project).returncode == 0
    home = (project / "build" / "index.html").read_text(encoding="utf-8")
    order = [home.index(t) for t in ("Ferry timetable changes", "Harbour bridge reopens", "Christmas market draws")]
    assert order == sorted(order)
    assert '<time datetime="2021-12-20">20 December 2021</time>' in home
    assert "The Test Herald" in home


def test_article_record_holds_front_matter_and_counts_words(project):
    assert build(project).returncode == 0
    records = {r["file"]: r for r in read_json(project / "build" / "data" / "articles.json")}
    bridge = records["content/articles/harbour-bridge.txt"]
    assert bridge["title"] == "Harbour bridge reopens after repairs"
    assert bridge["slug"] == "harbour-bridge-reopens-after-repairs"
    assert bridge["source"] == "The Test Herald"
    assert bridge["author"] == "Ann Writer"
    assert bridge["url"] == "https://herald.example/bridge"
    assert bridge["date"] == "2021-12-20"
    # the two paragraphs: 15 + 10 words ("Leave a Reply" is noise, not article)
    assert bridge["words"] == 25
    market = records["content/articles/market.md"]
    assert market["source"] is None and market["slug"] == "christmas-market-draws-record-crowds"


def test_paragraphs_carry_their_source_line_as_anchor(project):
    assert build(project).returncode == 0
    page = parse(project / "build" / "articles" / "harbour-bridge-reopens-after-repairs.html")
    # body starts on file line 8 (after 7 lines of front matter); the quote is on line 10
    assert {"p-8", "p-10"} <= page.ids


def test_build_summary_line_counts_articles_pages_and_problems(project):
    result = build(project)
    assert result.returncode == 0
    last = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"dossier: built 3 articles, \d+ pages written \(\d+ in the site\), 0 warnings, 0 errors in [\d.]+ s", last), last


def test_build_prints_plain_progress_lines_when_not_on_a_terminal(project):
    result = build(project)
    assert "dossier: cleaning (3)" in result.stderr
    assert "\r" not in result.stderr


def test_dates_do_not_shift_with_the_machine_time_zone(project):
    article = project / "content" / "articles" / "late.txt"
    article.write_text("---\ndate: 2021-12-23T23:30:00-05:00\n---\nA late-night story with enough words in it.\n")
    for zone in ("Pacific/Kiritimati", "America/Adak", "UTC"):
        result = run_dossier("build", cwd=project, env={"TZ": zone})
        assert result.returncode == 0, result.stderr
        records = {r["file"]: r for r in read_json(project / "build" / "data" / "articles.json")}
        # 23:30 at UTC-5 is 04:30 on the 24th in London, the site's zone, wherever the build runs
        assert records["content/articles/late.txt"]["date"] == "2021-12-24"
        assert records["content/articles/harbour-bridge.txt"]["date"] == "2021-12-20"


def test_console_script_and_every_subcommand_have_help():
    for command in ([], ["build"], ["clean"], ["dates"]):
        result = run_dossier(*command, "--help", cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert "usage:" in result.stdout


def test_data_files_are_valid_json_lists(demo_site):
    for name in ("articles.json", "cleaning.json"):
        data = json.loads((demo_site / "data" / name).read_text(encoding="utf-8"))
        assert isinstance(data, list) and len(data) == 5
