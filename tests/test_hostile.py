"""Hostile input: nothing crashes, nothing good is lost, every bad file is reported by name."""
import datetime
import re
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import decode, parse_front_matter, split_front_matter
from generator.problems import ProblemError, Problems
from generator.slugs import slugify, unique_slugs

from .conftest import read_json, run_dossier

PROSE = "An article that is fine in every way, with a sentence long enough to be kept.\n"
OK = f"---\ndate: 2021-12-01\n---\n{PROSE}".encode()

# (file name, bytes, what must happen): "built", or a fragment of the message that names the file
HOSTILE_CASES = [
    ("invalid-yaml.txt", b"---\ntitle: [x\n---\n" + PROSE.encode(), "front matter is not valid YAML"),
    ("not-mapping.txt", b"---\n42\n---\n" + PROSE.encode(), "front matter must be 'key: value' lines"),
    ("list-title.txt", b"---\ntitle: [a, b]\n---\n" + PROSE.encode(), "front matter 'title': expected text"),
    ("bad-date.txt", b"---\ndate: 2021-13-45\n---\n" + PROSE.encode(), "front matter 'date': expected a date"),
    ("bool-draft.txt", b"---\ndraft: perhaps\n---\n" + PROSE.encode(), "front matter 'draft': expected true or false"),
    ("js-url.txt", b"---\nurl: javascript:alert(1)\n---\n" + PROSE.encode(), "front matter 'url': expected an http"),
    ("unterminated.txt", b"---\ndate: 2021-12-01\n" + PROSE.encode(), "never closed"),
    ("alias.txt", b"---\na: &x [1]\nb: *x\n---\n" + PROSE.encode(), "YAML aliases"),
    ("binary.txt", bytes(range(256)) * 4, "binary data"),
    ("latin1.txt", "Caf\xe9 cr\xe8me\n".encode("latin-1"), "not valid UTF-8"),
    ("empty.txt", b"", "built"),
    ("whitespace.txt", b"  \n\t\n   \n", "built"),
    ("bom-crlf.txt", b"\xef\xbb\xbf---\r\ndate: 2021-12-01\r\n---\r\n" + PROSE.encode().replace(b"\n", b"\r\n"), "built"),
    ("lone-cr.txt", b"---\rdate: 2021-12-01\r---\r" + PROSE.encode().replace(b"\n", b"\r"), "built"),
    ("huge-line.txt", b"---\ndate: 2021-12-01\n---\n" + b"word " * 200_000 + b"\n", "built"),
    ("only-front-matter.txt", b"---\ndate: 2021-12-01\n---\n", "built"),
    ("a name with spaces.txt", OK, "built"),
    ("ünïcødé ✓.txt", OK, "built"),
    ("$(touch pwned);`id`|&.txt", OK, "built"),
    ("traversal-title.txt", b"---\ntitle: ../../etc/passwd\n---\n" + PROSE.encode(), "built"),
    ("con.txt", b"---\ntitle: CON\n---\n" + PROSE.encode(), "built"),
    ("emoji-title.txt", "---\ntitle: \U0001f389\U0001f389\n---\n".encode() + PROSE.encode(), "built"),
    ("empty-title.txt", b"---\ntitle: ''\n---\n" + PROSE.encode(), "built"),
    ("Same.txt", b"---\ntitle: Same\n---\n" + PROSE.encode(), "built"),
    ("same.md", b"---\ntitle: same\n---\n" + PROSE.encode(), "built"),
    ("norway.txt", b"---\ntitle: NO\nsource: NO\n---\n" + PROSE.encode(), "built"),
]


def test_hostile_corpus_every_case_is_built_or_reported_and_nothing_else_is_lost(project):
    folder = project / "content/articles"
    for name, data, _ in HOSTILE_CASES:
        (folder / name).write_bytes(data)
    result = run_dossier("build", cwd=project)
    assert result.returncode == 1  # some cases are errors; the build still finished
    built = {r["file"].split("/")[-1]: r for r in read_json(project / "build/data/articles.json")}
    for name, _, expected in HOSTILE_CASES:
        if expected == "built":
            assert name in built, (name, result.stderr)
            assert (project / "build" / built[name]["path"]).is_file()
        else:
            assert name not in built
            line = next((l for l in result.stderr.splitlines() if f"content/articles/{name}" in l), "")
            assert expected in line, (name, line)
    for name in ("ferry.txt", "harbour-bridge.txt", "market.md"):  # the good articles are all there
        assert name in built
    slugs = [r["slug"] for r in built.values()]
    assert len(slugs) == len(set(slugs)) and len({s.lower() for s in slugs}) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)
    assert built["norway.txt"]["title"] == "NO" and built["norway.txt"]["source"] == "NO"
    assert not (project / "pwned").exists()
    assert not list(project.parent.rglob("passwd*"))


def test_slugs_are_stable_across_builds(project):
    for name, data, expected in HOSTILE_CASES:
        if expected == "built":
            (project / "content/articles" / name).write_bytes(data)
    run_dossier("build", cwd=project)
    first = read_json(project / "build/data/articles.json")
    run_dossier("build", cwd=project)
    assert read_json(project / "build/data/articles.json") == first


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_with_a_problem(data):
    problems = Problems()
    try:
        text = decode(data, "x.txt")
        split = split_front_matter(text, "x.txt")
        parse_front_matter(split, "x.txt", zoneinfo.ZoneInfo("UTC"), problems)
    except ProblemError as error:
        assert error.problem.file == "x.txt"
        return
    assert "\r" not in text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_front_matter_text_is_read_or_refused_with_a_problem(block):
    text = f"---\n{block}\n---\nBody.\n"
    try:
        split = split_front_matter(text, "x.txt")
        meta = parse_front_matter(split, "x.txt", zoneinfo.ZoneInfo("UTC"), Problems())
    except ProblemError as error:
        assert str(error).startswith("x.txt")
        return
    assert meta.date is None or isinstance(meta.date, datetime.date)
    assert text[split.body_offset:] == "Body.\n" or block.strip().startswith(("---", "..."))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_slugs_are_always_safe_file_names(title):
    slug = slugify(title)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)
    assert len(slug) <= 80
    assert slug.split("-")[0] not in {"con", "prn", "aux", "nul"} or slug != slug.split("-")[0]


@given(st.lists(st.sampled_from(["a", "a-2", "", "b", "con-page"]), max_size=30))
def test_unique_slugs_never_repeat(wanted):
    made = unique_slugs(wanted)
    assert len(made) == len(set(made)) == len(wanted)
    assert made == unique_slugs(wanted)


def test_a_50_mb_article_is_read_cleaned_and_built(project):
    paragraph = ("A long paragraph of a very long article, repeated to make the file large. " * 12).strip()
    body = "\n".join(f"{paragraph} Number {n}." for n in range(56_000))
    (project / "content/articles/huge.txt").write_text(f"---\ntitle: Huge\ndate: 2021-12-01\n---\n{body}\n")
    assert (project / "content/articles/huge.txt").stat().st_size > 50_000_000
    result = run_dossier("build", cwd=project)
    assert result.returncode == 0, result.stderr[-2000:]
    record = next(r for r in read_json(project / "build/data/articles.json") if r["title"] == "Huge")
    assert record["words"] > 7_000_000


def test_a_hundred_thousand_files_in_one_folder_are_all_found_and_read(tmp_path):
    from pathlib import Path

    from generator.content import find_files, read_article

    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    for n in range(100_000):
        (folder / f"a{n:06}.txt").write_text(f"Article {n}.\n")
    found = find_files(folder, (".txt",))
    assert len(found) == 100_000 and found[0].name == "a000000.txt" and found[-1].name == "a099999.txt"
    problems = Problems()
    zone = zoneinfo.ZoneInfo("UTC")
    assert all(read_article(Path(p), tmp_path, zone, problems).body for p in found[::997])
    assert problems.items == []


def test_make_clean_removes_only_what_dossier_made(project, tmp_path):
    import shutil
    import subprocess

    from .conftest import ROOT

    shutil.copy(ROOT / "Makefile", project / "Makefile")
    (project / "build").mkdir()
    (project / "build" / "mine.txt").write_text("not made by dossier")
    refused = subprocess.run(["make", "clean"], cwd=project, capture_output=True, text=True)
    assert refused.returncode != 0 and "not made by dossier" in refused.stderr
    assert (project / "build" / "mine.txt").exists()
    shutil.rmtree(project / "build")
    assert run_dossier("build", cwd=project).returncode == 0
    (project / "notes.txt").write_text("keep me")
    assert subprocess.run(["make", "clean"], cwd=project, capture_output=True).returncode == 0
    assert not (project / "build").exists()
    assert sorted(p.name for p in project.iterdir()) == ["Makefile", "content", "notes.txt", "site.yaml", "static", "templates"]
