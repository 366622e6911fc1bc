"""The cleaner inside the site: every removal visible and explained, and an editor's overrides obeyed."""
from .conftest import ROOT, read_json, run_dossier
from .sitecheck import parse


def test_cleaning_json_explains_every_removed_line_of_the_demo(demo_site):
    records = read_json(demo_site / "data" / "cleaning.json")
    assert len(records) == 5
    for record in records:
        assert set(record) >= {"file", "slug", "kept", "removed", "metadata"}
        source_lines = (ROOT / record["file"]).read_text(encoding="utf-8").split("\n")
        for removal in record["removed"]:
            assert set(removal) >= {"line", "text", "rule", "reason"}
            assert removal["text"] == source_lines[removal["line"] - 1].strip()  # the line as in the file
            assert removal["rule"] and removal["reason"]
    by_file = {r["file"].split("/")[-1]: r for r in records}
    assert by_file["004_6b12ce860547d60b.txt"]["metadata"]["author"] == "alex"
    rules = {r["rule"] for r in by_file["002_13f6215aedc64298.txt"]["removed"]}
    assert "comment-prompt" in rules


def test_article_page_lists_what_was_removed_with_rule_and_reason(demo_site):
    record = next(r for r in read_json(demo_site / "data" / "cleaning.json") if r["file"].endswith("003_7778151356b8f587.txt"))
    page = parse(demo_site / "articles" / f"{record['slug']}.html")
    assert ("details", {"class": "removed", "id": "removed"}) in page.elements
    for removal in record["removed"]:
        assert removal["text"] in page.text
        assert removal["rule"] in page.text
    assert "Leave a Reply" in page.text.split("What the cleaner removed")[1]
    assert "Leave a Reply" not in page.text.split("What the cleaner removed")[0]


def test_keep_and_drop_patterns_per_source_and_per_file_are_obeyed_and_logged(project):
    (project / "site.yaml").write_text(
        (project / "site.yaml").read_text()
        + "    clean:\n      keep: ['^Leave a Reply$']\n"  # under sources.herald
        + "clean:\n  files:\n    ferry.txt:\n      drop: ['season tickets']\n"
    )
    assert run_dossier("build", cwd=project).returncode == 0
    records = {r["file"].split("/")[-1]: r for r in read_json(project / "build/data/cleaning.json")}
    bridge = records["harbour-bridge.txt"]
    assert not any(r["text"] == "Leave a Reply" for r in bridge["removed"])
    assert [k["text"] for k in bridge["kept_by_override"]] == ["Leave a Reply"]
    assert bridge["kept_by_override"][0]["rule"] == "comment-prompt"
    ferry = records["ferry.txt"]
    assert any(r["rule"] == "override-drop" and "season tickets" in r["text"] for r in ferry["removed"])
