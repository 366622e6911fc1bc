"""The output folder: replaced in one step, never anything outside it touched, dangerous targets refused."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from generator.output import MARKER, FreshSite, swap_in

from .conftest import ROOT, run_dossier


@pytest.mark.parametrize("target", ["content", ".", "..", "/", "~", "templates", "content/articles/out"])
def test_dangerous_output_folders_are_refused(project, target):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = run_dossier("build", "--out", target, cwd=project)
    assert result.returncode == 2
    assert "refusing to build" in result.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_a_folder_not_made_by_dossier_is_not_replaced(project):
    (project / "mine").mkdir()
    (project / "mine" / "notes.txt").write_text("precious")
    result = run_dossier("build", "--out", "mine", cwd=project)
    assert result.returncode == 2
    assert "was not made by dossier" in result.stderr
    assert (project / "mine" / "notes.txt").read_text() == "precious"


def test_rebuild_replaces_the_site_and_removes_pages_of_deleted_articles(project):
    assert run_dossier("build", cwd=project).returncode == 0
    page = project / "build/articles/christmas-market-draws-record-crowds.html"
    assert page.is_file()
    (project / "content/articles/market.md").unlink()
    assert run_dossier("build", cwd=project).returncode == 0
    assert not page.exists()
    assert (project / "build" / MARKER).is_file()
    assert [p.name for p in project.iterdir() if p.name.startswith("build")] == ["build"]


def test_template_error_names_file_and_line_and_keeps_the_last_good_site(project):
    assert run_dossier("build", cwd=project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "build").rglob("*") if p.is_file()}
    (project / "templates/article.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n')
    result = run_dossier("build", cwd=project)
    assert result.returncode == 2
    assert "\ntemplates/article.html:3: template error:" in "\n" + result.stderr
    assert {p: p.read_bytes() for p in (project / "build").rglob("*") if p.is_file()} == before


def test_the_build_never_writes_into_content(project):
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert run_dossier("build", cwd=project).returncode == 0
    after = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("path", ["../outside.html", "/tmp/outside.html", "a/../../outside.html", ".", "a/.."])
def test_a_page_path_that_leaves_the_fresh_folder_is_refused(tmp_path, path):
    site = FreshSite(tmp_path / "build")
    with pytest.raises(ValueError, match="escapes the output folder"):
        site.put(path, b"x")
    site.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_page_paths_inside_the_fresh_folder_are_written_where_they_say(tmp_path):
    site = FreshSite(tmp_path / "build")
    site.put("topics/a.html", b"A")
    site.put("topics/./b/../c.html", b"C")
    assert (site.folder / "topics" / "a.html").read_bytes() == b"A"
    assert sorted(p.name for p in (site.folder / "topics").iterdir()) == ["a.html", "c.html"]
    site.discard()


def test_swap_keeps_the_old_site_until_the_new_one_is_complete(tmp_path):
    out, fresh = tmp_path / "build", tmp_path / "build.new-1"
    out.mkdir()
    (out / "old.html").write_text("old")
    fresh.mkdir()
    (fresh / "new.html").write_text("new")
    swap_in(fresh, out)
    assert sorted(p.name for p in out.iterdir()) == ["new.html"]
    assert not fresh.exists()


def test_killed_build_leaves_the_last_good_site_and_the_next_build_recovers(project):
    assert run_dossier("build", cwd=project).returncode == 0
    before = {p.relative_to(project): p.read_bytes() for p in (project / "build").rglob("*") if p.is_file()}
    for n in range(200):  # many articles, so that the build is still running when it is killed
        (project / f"content/articles/extra-{n}.txt").write_text(f"---\ndate: 2021-12-01\n---\nExtra article {n}.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = {p.relative_to(project): p.read_bytes() for p in (project / "build").rglob("*") if p.is_file()}
    if after != before:  # killed after the swap: then the new site must be whole
        assert len(json.loads((project / "build/data/articles.json").read_text())) == 203
    assert (project / "build" / MARKER).is_file()
    assert run_dossier("build", cwd=project).returncode == 0
    assert [p.name for p in project.iterdir() if p.name.startswith("build")] == ["build"]


# ------------------------------------------------------------------- kill -9 at chosen moments
COPIES = 300  # fixture articles copied under new titles: a build of a couple of seconds, ~340 pages


def add_copies(project) -> int:
    """COPIES copies of the fixture's articles, each with a title of its own; the article count after."""
    folder = project / "content" / "articles"
    originals = sorted(folder.iterdir())
    for n in range(COPIES):
        source = originals[n % len(originals)]
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        front = "".join(line + "\n" for line in front.splitlines() if not line.startswith("title:"))
        (folder / f"copy-{n}-{source.name}").write_text(f"---\ntitle: Copy {n} of {source.stem}\n{front}---\n{body}")
    return len(originals) + COPIES


def site_files(folder) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def siblings(project) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith("build"))


def fresh_folder(project):
    return next(iter(project.glob("build.new-*")), None)


def pages_in(folder) -> int:
    try:
        return sum(1 for _ in os.scandir(folder / "articles"))
    except OSError:
        return 0


def kill_when(project, ready, limit: float = 60.0) -> bool:
    """Start `python -m generator build` in `project`, SIGKILL it (the build process alone, as a
    crash or the OOM killer would) as soon as `ready()` holds; False if the build ended first.
    Whatever it started (the search indexer) is killed afterwards, so nothing outlives the test."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--quiet"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + limit
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if ready():
                process.send_signal(signal.SIGKILL)
                process.wait()
                return process.returncode == -signal.SIGKILL
            time.sleep(0.002)
        return False
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def test_a_build_killed_while_writing_leaves_the_last_site_whole_and_the_next_build_recovers(project):
    articles = add_copies(project)
    assert run_dossier("build", cwd=project).returncode == 0
    moments = {
        "the fresh folder has just been made": lambda: fresh_folder(project) is not None,
        "a third of the article pages are written": lambda: pages_in(fresh_folder(project) or project) >= articles // 3,
        "every page is written, the search index is being made":
            lambda: pages_in(fresh_folder(project) or project) >= articles,
    }
    for n, (moment, ready) in enumerate(moments.items()):
        # an edit, so that this build has something to do (a build of unchanged inputs writes nothing)
        edited = project / "content" / "articles" / "copy-0-ferry.txt"
        _, front, body = edited.read_text(encoding="utf-8").split("---\n", 2)
        front = front.replace(front.splitlines()[0], f"title: Edit {n} of copy 0", 1)
        edited.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        before = site_files(project / "build")
        assert kill_when(project, ready), f"the build ended before {moment}"
        leftover = fresh_folder(project)
        assert leftover is not None, f"killed when {moment}, yet no half-written folder was left"
        assert (project / "build" / MARKER).is_file(), moment
        after = site_files(project / "build")
        assert after["index.html"] == before["index.html"], moment
        assert after == before, f"killed when {moment}: build/ is not the last complete site"

        result = run_dossier("build", cwd=project)
        assert result.returncode == 0, f"after a kill when {moment}: {result.stderr}"
        assert siblings(project) == ["build"], f"leftovers after the build that followed a kill when {moment}"
        records = json.loads((project / "build/data/articles.json").read_text(encoding="utf-8"))
        assert len(records) == articles and f"Edit {n} of copy 0" in {r["title"] for r in records}, moment


def test_a_build_killed_after_the_swap_leaves_the_new_site_and_the_next_build_removes_the_old_one(project):
    articles = add_copies(project)
    assert run_dossier("build", cwd=project).returncode == 0
    (project / "content/articles/ferry.txt").write_text("---\ndate: 2021-12-22\n---\nFerry news, edited.\n")
    swapped_out = os.stat(project / "build").st_ino
    # swapped: build/ is another folder, while the old site is still being removed under build.new-*
    if not kill_when(project, lambda: os.stat(project / "build").st_ino != swapped_out and fresh_folder(project)):
        pytest.skip("the build ended before it could be killed between the swap and the removal of the old site")
    assert (project / "build" / MARKER).is_file() and fresh_folder(project) is not None
    records = json.loads((project / "build/data/articles.json").read_text(encoding="utf-8"))
    assert len(records) == articles and "Ferry news, edited." in {r["title"] for r in records}
    result = run_dossier("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert siblings(project) == ["build"]
