"""A build writes nothing outside the project but build/ and its own cache, `.cache/dossier/` beside
site.yaml (the topic engine's compiled tables, the per-article results), which keeps one version and
`make clean` removes."""
import os
import shutil
import subprocess
from pathlib import Path

from .conftest import ROOT, run_dossier


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


def isolated_env(tmp_path: Path, monkeypatch) -> dict:
    """HOME and XDG_CACHE_HOME pointing at empty folders of the test, no cache override."""
    monkeypatch.delenv("DOSSIER_CACHE_DIR", raising=False)
    home = tmp_path / "home"
    (home / "xdg-cache").mkdir(parents=True)
    return {"HOME": str(home), "XDG_CACHE_HOME": str(home / "xdg-cache")}


def test_the_tables_cache_lives_beside_site_yaml_and_nothing_is_written_in_home(project, tmp_path, monkeypatch):
    env = isolated_env(tmp_path, monkeypatch)
    cache = project / ".cache" / "dossier"
    cache.mkdir(parents=True)
    stale = cache / "topic-tables-00000000000000000000.marshal"  # another version's tables
    stale.write_bytes(b"old")
    elsewhere = tmp_path / "elsewhere"  # run from another folder: the cache follows site.yaml, not the cwd
    elsewhere.mkdir()

    result = run_dossier("build", "--config", str(project / "site.yaml"), cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
    assert files_under(tmp_path / "home") == [] and files_under(elsewhere) == []
    tables = list(cache.glob("topic-tables-*.marshal"))
    assert len(tables) == 1 and tables[0] != stale, "the other version's file is removed when a new one is written"
    (results,) = cache.glob("build-*.sqlite")  # what reading, cleaning and enriching made (test_disk_cache.py)
    assert files_under(project / ".cache") == ["dossier/.gitignore", f"dossier/{results.name}", f"dossier/{tables[0].name}"]
    made = tables[0].stat().st_mtime_ns

    (project / "content" / "articles" / "new.txt").write_text("A new article about Moscow and its harbour.\n")
    result = run_dossier("build", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert tables[0].stat().st_mtime_ns == made, "the next build loads the tables instead of writing them again"
    assert files_under(tmp_path / "home") == []


def test_an_unwritable_cache_folder_only_means_compiling_in_memory(project, tmp_path, monkeypatch):
    env = isolated_env(tmp_path, monkeypatch)
    (project / ".cache").write_text("a file where the cache folder would go")
    result = run_dossier("build", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert (project / "build" / "index.html").is_file()
    assert (project / ".cache").read_text() == "a file where the cache folder would go"
    assert files_under(tmp_path / "home") == []


def test_the_cache_override_is_obeyed(project, tmp_path, monkeypatch):
    env = isolated_env(tmp_path, monkeypatch)
    chosen = tmp_path / "chosen-cache"
    result = run_dossier("build", cwd=project, env={**env, "DOSSIER_CACHE_DIR": str(chosen)})
    assert result.returncode == 0, result.stderr
    assert len(list(chosen.glob("topic-tables-*.marshal"))) == 1
    assert not (project / ".cache").exists()


def test_make_clean_removes_the_cache_folder_and_nothing_beside_it(project, tmp_path, monkeypatch):
    env = isolated_env(tmp_path, monkeypatch)
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    (project / ".cache" / "other-tool").mkdir(parents=True)
    (project / ".cache" / "other-tool" / "keep.txt").write_text("not dossier's")
    assert run_dossier("build", cwd=project, env=env).returncode == 0
    assert list((project / ".cache" / "dossier").glob("topic-tables-*.marshal"))
    done = subprocess.run(["make", "clean"], cwd=project, capture_output=True, text=True, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    assert not (project / "build").exists() and not (project / ".cache" / "dossier").exists()
    assert (project / ".cache" / "other-tool" / "keep.txt").read_text() == "not dossier's"
    shutil.rmtree(project / ".cache" / "other-tool")
    assert run_dossier("build", cwd=project, env=env).returncode == 0
    assert subprocess.run(["make", "clean"], cwd=project, capture_output=True, env={**os.environ, **env}).returncode == 0
    assert not (project / ".cache").exists(), "an empty .cache/ left by dossier's cache goes too"


def test_gitignore_keeps_the_cache_out_of_git():
    lines = (ROOT / ".gitignore").read_text().split()
    assert "/.cache/" in lines or ".cache/" in lines
