"""The results kept on disk between processes: a fresh `make build` after one edit reads, cleans and
enriches that article alone, and makes exactly the site a build without any cache makes."""
import os
import sqlite3
import subprocess
import sys
from collections import Counter

from generator import build as build_module
from generator import parallel
from generator.build import Builder
from generator.diskcache import stable_key

from .conftest import ROOT, run_dossier
from .test_cache_location import files_under

BRIDGE = "content/articles/harbour-bridge.txt"


def site_bytes(folder):
    """Every file of a built site but the marker (which records input times) and the search index
    (Pagefind names its files by content hashes of its own)."""
    return {p: (folder / p).read_bytes() for p in files_under(folder)
            if not p.startswith((".dossier", "pagefind"))}


def counting(monkeypatch):
    """Count the files read, the articles cleaned and the items of each per-article enrichment step."""
    calls = Counter()
    read, clean, run, run_stored = build_module.read_article, build_module.clean_one, parallel.parallel_map, parallel.stored_map

    def read_article(path, *args):
        calls["read"] += 1
        return read(path, *args)

    def clean_one(work):
        calls["clean"] += 1
        return clean(work)

    def parallel_map(func, items):
        calls[func.__name__] += len(items)
        return run(func, items)

    def stored_map(func, items):  # what builds with a disk cache call instead of parallel_map
        calls[func.__name__] += len(items)
        return run_stored(func, items)

    monkeypatch.setattr(build_module, "read_article", read_article)
    monkeypatch.setattr(build_module, "clean_one", clean_one)
    monkeypatch.setattr(parallel, "parallel_map", parallel_map)
    monkeypatch.setattr(parallel, "stored_map", stored_map)
    return calls


def test_a_new_process_after_one_edit_redoes_that_article_only_and_makes_the_same_site(project, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    Builder(project / "site.yaml").build()
    article = project / BRIDGE
    article.write_text(article.read_text().replace("three months", "four months"))

    calls = counting(monkeypatch)
    Builder(project / "site.yaml").build()  # a new Builder remembers nothing, like a new process
    assert calls["read"] == 1 and calls["clean"] == 1
    for step in ("dated_mentions", "_scan_item", "find_quotes", "article_print"):
        assert calls[step] == 1, (step, calls)
    assert "four months" in (project / "build/articles/harbour-bridge-reopens-after-repairs.html").read_text()

    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "empty-cache"))
    fresh = run_dossier("build", "--out", str(tmp_path / "uncached"), cwd=project)
    assert fresh.returncode == 0, fresh.stderr
    assert site_bytes(project / "build") == site_bytes(tmp_path / "uncached")


def entries(cache):
    (file,) = cache.glob("build-*.sqlite")
    with sqlite3.connect(file) as db:
        return set(db.execute("SELECT key FROM entries"))


def test_the_cache_keeps_one_builds_worth_and_other_versions_are_removed(project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(cache))
    cache.mkdir()
    (cache / "build-1-0123456789abcdef.sqlite").write_bytes(b"another version's results")
    Builder(project / "site.yaml").build()
    assert [f.name for f in cache.glob("build-*") if "0123456789abcdef" in f.name] == []
    first = entries(cache)
    article = project / BRIDGE
    original = article.read_text()
    for n in range(3):  # each edit leaves the last version's results behind, and its build forgets them
        article.write_text(original + f"\nA line added {n} for the cache test.\n")
        Builder(project / "site.yaml").build()
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cold"))
    Builder(project / "site.yaml", tmp_path / "cold-build").build()
    assert entries(cache) == entries(tmp_path / "cold")  # what a build from nothing would keep
    assert len(entries(cache)) == len(first) and entries(cache) != first


def test_a_damaged_cache_file_only_means_doing_the_work_again(project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(cache))
    Builder(project / "site.yaml").build()
    for file in cache.glob("build-*.sqlite"):
        file.write_bytes(b"not a database" * 100)
    ferry = project / "content/articles/ferry.txt"
    ferry.write_text(ferry.read_text() + "\nOne more line.\n")  # a change, so the build is not skipped
    calls = counting(monkeypatch)
    Builder(project / "site.yaml").build()
    assert calls["read"] == 3 and calls["clean"] == 3
    assert "three months" in (project / "build/articles/harbour-bridge-reopens-after-repairs.html").read_text()
    ferry.write_text(ferry.read_text() + "\nAnd another.\n")
    calls.clear()
    Builder(project / "site.yaml").build()
    assert calls["read"] == 1 and calls["clean"] == 1, "the damaged file was replaced by a working one"


def test_warnings_of_an_article_read_from_the_cache_are_repeated(project, tmp_path):
    env = {"DOSSIER_CACHE_DIR": str(tmp_path / "cache")}
    (project / "content/articles/u.txt").write_text("---\ndate: 2021-12-01\nauthr: Bob\n---\nSome text here.\n")
    warning = "warning: content/articles/u.txt:3: front matter unknown key 'authr' is ignored"
    assert warning in run_dossier("build", cwd=project, env=env).stderr
    ferry = project / "content/articles/ferry.txt"
    ferry.write_text(ferry.read_text() + "\nOne more line.\n")  # a change, so the build is not skipped
    again = run_dossier("build", cwd=project, env=env)
    assert again.returncode == 0 and warning in again.stderr


def test_stable_keys_are_the_same_in_every_process():
    program = ("import sys; sys.path.insert(0, sys.argv[1]); from generator.diskcache import stable_key; "
               "print(stable_key(('clean', frozenset({'Leave a Reply', 'Source link', 'Share this'}), "
               "('a', 1, None))).hex())")
    keys = {
        subprocess.run([sys.executable, "-c", program, str(ROOT)], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip()
        for seed in (1, 2, 3, 4)
    }
    assert len(keys) == 1
    assert keys == {stable_key(("clean", frozenset({"Source link", "Share this", "Leave a Reply"}), ("a", 1, None))).hex()}
    assert stable_key(("a", "b")) != stable_key(("b", "a"))


def rendering(monkeypatch) -> list:
    rendered, render = [], build_module.render_page

    def render_page(env, spec, shared):
        rendered.append(spec.path)
        return render(env, spec, shared)

    monkeypatch.setattr(build_module, "render_page", render_page)
    return rendered


def test_a_new_process_renders_only_the_pages_whose_inputs_changed(project, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    everything = Builder(project / "site.yaml").build().pages
    article = project / BRIDGE
    article.write_text(article.read_text().replace("three months", "four months"))
    rendered = rendering(monkeypatch)
    Builder(project / "site.yaml").build()
    assert "articles/harbour-bridge-reopens-after-repairs.html" in rendered
    assert "about.html" not in rendered and len(rendered) < everything / 2, rendered

    template = project / "templates/page.html"
    template.write_text(template.read_text().replace('<article class="page">', '<article class="page edited">'))
    rendered.clear()
    Builder(project / "site.yaml").build()
    assert "about.html" in rendered and not [path for path in rendered if path.startswith("articles/")], rendered
    assert 'class="page edited"' in (project / "build/about.html").read_text()

    (project / "content/pages/about.md").write_text((project / "content/pages/about.md").read_text() + "\nMore.\n")
    rendered.clear()
    builder = Builder(project / "site.yaml")
    builder.code_version = "another version of the generator"
    builder.build()
    assert "articles/ferry-timetable-changes-for-the-winter.html" in rendered  # other code: nothing is reused


def double(x):
    return 2 * x


def test_a_memo_of_a_single_build_hands_results_out_and_holds_none():
    memo = parallel.Memo(keep=False)  # what `make build` uses: the disk keeps results, memory does not
    assert memo.map(double, [1, 2, 3]) == [2, 4, 6]
    assert memo.stage("step", 1, list) is not memo.stage("step", 1, list)
    assert memo.results == {} and memo.last == {}
    kept = parallel.Memo()
    assert kept.map(double, [1, 2]) == [2, 4] and len(kept.results) == 2
    assert kept.stage("step", 1, list) is kept.stage("step", 1, list)
