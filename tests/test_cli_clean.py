"""`dossier clean FILE... --out DIR` never writes over a source: not into (or around) the project's
source folders, not over one of its own inputs, and not two inputs to one output name."""
import pytest

from generator.cli import main

ARTICLES = "content/articles"


@pytest.fixture
def in_project(project, monkeypatch):
    monkeypatch.chdir(project)
    return project


def clean(capsys, *args):
    status = main(["clean", *args])
    return status, capsys.readouterr().err


def snapshot(folder):
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cleaned_files_are_written_to_a_folder_of_their_own(in_project, capsys):
    status, err = clean(capsys, f"{ARTICLES}/ferry.txt", f"{ARTICLES}/market.md", "--out", "cleaned")
    assert status == 0, err
    assert sorted(p.name for p in (in_project / "cleaned").iterdir()) == ["ferry.txt", "market.md"]


@pytest.mark.parametrize("out", [ARTICLES, "content", "content/articles/cleaned", ".", "templates", ".."])
def test_an_out_folder_that_is_holds_or_is_inside_a_source_folder_is_refused(in_project, capsys, out):
    before = snapshot(in_project)
    status, err = clean(capsys, f"{ARTICLES}/ferry.txt", "--out", out)
    assert status == 2
    first = err.splitlines()[0]
    assert first.startswith(f"{out}: refusing to write cleaned files") and "pass --out a folder of its own" in first
    assert snapshot(in_project) == before
    assert not (in_project / ARTICLES / "cleaned").exists()


def test_the_audited_case_content_articles_names_the_file_it_would_replace(in_project, capsys):
    source = in_project / ARTICLES / "ferry.txt"
    before = source.read_bytes()
    status, err = clean(capsys, f"{ARTICLES}/ferry.txt", "--out", ARTICLES)
    assert status == 2
    assert f"{ARTICLES}/ferry.txt: --out {ARTICLES} would write the cleaned text over this file itself" in err
    assert source.read_bytes() == before


def test_an_input_is_never_overwritten_outside_the_project_either(tmp_path, capsys, monkeypatch):
    scrapes = tmp_path / "scrapes"
    scrapes.mkdir()
    (scrapes / "x.txt").write_text("A scraped article.\nLeave a Reply\n")
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "y.txt").write_text("Another one.\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "y.txt").hardlink_to(tmp_path / "linked" / "y.txt")
    monkeypatch.chdir(tmp_path)
    status, err = clean(capsys, "scrapes/x.txt", "--out", "scrapes")
    assert status == 2 and "scrapes/x.txt: --out scrapes would write the cleaned text over this file itself" in err
    assert (scrapes / "x.txt").read_text() == "A scraped article.\nLeave a Reply\n"
    status, err = clean(capsys, "linked/y.txt", "--out", "out")  # out/y.txt is the same file by a hard link
    assert status == 2 and "linked/y.txt: --out out would write the cleaned text over this file itself" in err
    assert (tmp_path / "linked" / "y.txt").read_text() == "Another one.\n"


def test_two_inputs_with_one_file_name_are_refused_naming_both(tmp_path, capsys, monkeypatch):
    for outlet in ("herald", "gazette"):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "story.txt").write_text(f"The {outlet} story.\n")
    monkeypatch.chdir(tmp_path)
    status, err = clean(capsys, "herald/story.txt", "gazette/story.txt", "--out", "cleaned")
    assert status == 2
    assert err.splitlines()[0] == (
        "gazette/story.txt: has the same file name as herald/story.txt, so both would be written to "
        "cleaned/story.txt; clean them in separate runs with different --out folders, or rename one"
    )
    assert not (tmp_path / "cleaned").exists()


def test_names_that_differ_only_in_case_are_refused_too(tmp_path, capsys, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "Story.txt").write_text("One.\n")
    (tmp_path / "b" / "story.txt").write_text("Two.\n")
    monkeypatch.chdir(tmp_path)
    status, err = clean(capsys, "a/Story.txt", "b/story.txt", "--out", "cleaned")
    assert status == 2 and "b/story.txt: has the same file name as a/Story.txt" in err and "differ only in case" in err


def test_the_same_file_named_twice_is_not_a_clash(in_project, capsys):
    status, err = clean(capsys, f"{ARTICLES}/ferry.txt", f"./{ARTICLES}/ferry.txt", "--out", "cleaned")
    assert status == 0, err
    assert [p.name for p in (in_project / "cleaned").iterdir()] == ["ferry.txt"]


def test_an_out_that_is_a_file_is_refused(in_project, capsys):
    (in_project / "notes.txt").write_text("mine")
    status, err = clean(capsys, f"{ARTICLES}/ferry.txt", "--out", "notes.txt")
    assert status == 2 and err.startswith("notes.txt: is a file, not a folder")
    assert (in_project / "notes.txt").read_text() == "mine"
