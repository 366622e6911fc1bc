"""A preview rebuild (one Builder with the memo, kept between builds) reuses what it can, and still
makes, after every kind of edit, exactly the site a fresh build of the same files makes."""
import shutil

import pytest

from generator.build import Builder
from generator.parallel import Memo

from .conftest import ROOT, run_dossier
from .test_disk_cache import site_bytes

PRESS = "content/articles/003_7778151356b8f587.txt"
TRADE = "content/articles/001_8df2c676a59bc520.txt"


def edit(project, path, old, new):
    file = project / path
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new, 1))


EDITS = [
    # the date alone: the topic engine reads the same text, yet the topic pages show the new date
    lambda project: edit(project, PRESS, "date: 2021-12-23", "date: 2021-12-24"),
    lambda project: edit(project, PRESS, "Putin named Russia", "Vladimir Putin named Russia"),
    lambda project: (project / TRADE).unlink(),
]


@pytest.fixture
def demo_project(tmp_path):
    project = tmp_path / "demo"
    for folder in ("content", "templates", "static"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "site.yaml", project / "site.yaml")
    return project


def test_every_preview_rebuild_makes_the_site_a_fresh_build_makes(demo_project, tmp_path):
    preview = Builder(demo_project / "site.yaml")
    preview.memo = Memo()
    preview.finish = None  # the search index is compared elsewhere (test_site_pages)
    preview.build()
    for n, make_edit in enumerate(EDITS):
        make_edit(demo_project)
        preview.build()
        fresh = run_dossier("build", "--out", str(tmp_path / f"fresh-{n}"), cwd=demo_project)
        assert fresh.returncode == 0, fresh.stderr
        ours, theirs = site_bytes(demo_project / "build"), site_bytes(tmp_path / f"fresh-{n}")
        assert sorted(ours) == sorted(theirs), n
        assert [p for p in ours if ours[p] != theirs[p]] == [], n
