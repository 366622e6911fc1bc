"""The output folder: replaced in one step, never anything outside it touched, dangerous targets refused."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from generator.output import MARKER, swap_in

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
