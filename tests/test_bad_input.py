"""One bad article is reported with its file and line, skipped, and never takes the others down."""
import re

from .conftest import read_json, run_dossier


def build(project, *args):
    return run_dossier("build", *args, cwd=project)


def built_files(project):
    return sorted(r["file"] for r in read_json(project / "build" / "data" / "articles.json"))


GOOD = ["content/articles/ferry.txt", "content/articles/harbour-bridge.txt", "content/articles/market.md"]


def test_invalid_yaml_front_matter_is_reported_with_line_and_skipped(project):
    (project / "content/articles/bad.txt").write_text("---\ndate: 2021-12-01\ntitle: [unclosed\n---\nText.\n")
    result = build(project)
    assert result.returncode == 1
    assert "error: content/articles/bad.txt:3: front matter is not valid YAML" in result.stderr
    assert "fix the line or remove the --- block" in result.stderr
    assert built_files(project) == GOOD
    assert "1 errors" in result.stderr.splitlines()[-1]


def test_front_matter_that_is_not_a_mapping_is_reported(project):
    (project / "content/articles/list.txt").write_text("---\n- just\n- a list\n---\nText.\n")
    result = build(project)
    assert result.returncode == 1
    assert "content/articles/list.txt:2: front matter must be 'key: value' lines" in result.stderr
    assert built_files(project) == GOOD


def test_wrongly_typed_key_names_key_and_line(project):
    (project / "content/articles/d.txt").write_text("---\ntitle: Fine\ndate: next tuesday\n---\nText.\n")
    result = build(project)
    assert result.returncode == 1
    assert "content/articles/d.txt:3: front matter 'date': expected a date as YYYY-MM-DD" in result.stderr


def test_unknown_front_matter_key_is_a_warning_and_strict_makes_it_fail(project):
    (project / "content/articles/u.txt").write_text("---\ndate: 2021-12-01\nauthr: Bob\n---\nSome text here.\n")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "warning: content/articles/u.txt:3: front matter unknown key 'authr' is ignored; did you mean 'author'?" in result.stderr
    assert build(project, "--strict").returncode == 1


def test_unterminated_front_matter_is_reported(project):
    (project / "content/articles/open.txt").write_text("---\ndate: 2021-12-01\nText without a closing fence.\n")
    result = build(project)
    assert "content/articles/open.txt:1: front matter opened with '---' is never closed" in result.stderr
    assert built_files(project) == GOOD


def test_invalid_utf8_is_reported_with_its_line(project):
    (project / "content/articles/latin1.txt").write_bytes("---\ndate: 2021-12-01\n---\nok\nCaf\xe9 society\n".encode("latin-1"))
    result = build(project)
    assert result.returncode == 1
    assert "content/articles/latin1.txt:5: not valid UTF-8 (byte 0xe9); re-save the file as UTF-8" in result.stderr
    assert built_files(project) == GOOD


def test_binary_file_is_reported(project):
    (project / "content/articles/image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = build(project)
    assert "content/articles/image.txt: binary data, not text" in result.stderr
    assert built_files(project) == GOOD


def test_bom_and_crlf_files_are_read_correctly(project):
    text = "---\r\ntitle: Windows file\r\ndate: 2021-12-05\r\n---\r\nFirst paragraph of the file, long enough to be prose.\r\nSecond paragraph, which ends the article with a full sentence.\r\n"
    (project / "content/articles/win.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (project / "content/articles/mac.txt").write_bytes(b"---\rtitle: Old Mac file\rdate: 2021-12-06\r---\rOnly line.\r")
    result = build(project)
    assert result.returncode == 0, result.stderr
    records = {r["file"]: r for r in read_json(project / "build/data/articles.json")}
    assert records["content/articles/win.txt"]["title"] == "Windows file"
    assert records["content/articles/win.txt"]["date"] == "2021-12-05"
    assert records["content/articles/mac.txt"]["title"] == "Old Mac file"
    page = (project / "build/articles/windows-file.html").read_text(encoding="utf-8")
    assert re.search(r'<p id="p-5"[^>]*>First paragraph of the file, long enough to be prose\.', page)
    assert re.search(r'<p id="p-6"[^>]*>Second paragraph, which ends the article with a full sentence\.', page)
    assert "\r" not in page


def test_two_articles_choosing_one_slug_is_an_error_naming_both(project):
    for name in ("one.txt", "two.txt"):
        (project / "content/articles" / name).write_text("---\nslug: same\ndate: 2021-12-01\n---\nText.\n")
    result = build(project)
    assert result.returncode == 1
    assert "content/articles/two.txt: slug 'same' is already used by content/articles/one.txt" in result.stderr


def test_articles_with_the_same_title_each_get_their_own_page(project):
    for name in ("a.txt", "b.txt", "C.txt"):
        (project / "content/articles" / name).write_text("---\ntitle: Same Title\ndate: 2021-12-01\n---\nText.\n")
    assert build(project).returncode == 0
    slugs = sorted(r["slug"] for r in read_json(project / "build/data/articles.json") if r["title"] == "Same Title")
    assert slugs == ["same-title", "same-title-2", "same-title-3"]
    for slug in slugs:
        assert (project / "build/articles" / f"{slug}.html").is_file()


def test_drafts_and_editor_temporary_files_are_left_out(project):
    (project / "content/articles/draft.txt").write_text("---\ndraft: true\n---\nNot yet.\n")
    (project / "content/articles/.hidden.txt").write_text("hidden\n")
    (project / "content/articles/ferry.txt~").write_text("backup\n")
    assert build(project).returncode == 0
    assert built_files(project) == GOOD
