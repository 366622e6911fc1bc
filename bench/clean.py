#!/usr/bin/env python3
"""Benchmark the cleaner on ../shared/cleanbench against no cleaning, jusText and trafilatura.

    .venv/bin/python bench/clean.py [--errors] [--no-reference]

Every system gets the same scraped text and is scored in the same run with the bench's own
metric (../shared/cleanbench/score.py: must-keep and must-drop strings, trafilatura's method):
  none         the text as scraped
  ours         `python -m generator clean --out DIR FILE...` when the CLI has the command,
               else generator.clean.clean_text in-process
  jusText      each line a paragraph (<p>), English stoplist, default thresholds
  trafilatura  the same one-<p>-per-line HTML, default settings
Then a throughput line: clean_corpus over 10,000 news-length articles (the demo articles cycled
over 100 outlets, every paragraph made unique). Prints a table and writes bench/results-clean.md.

The data is never copied into the repository: without ../shared/cleanbench the benchmark skips.
jusText and trafilatura come from requirements-bench.txt; without them their rows say so.
"""
from __future__ import annotations

import argparse
import datetime
import html
import importlib.util
import json
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "cleanbench"
PAGES = BENCH / "pages"
RESULTS = ROOT / "bench" / "results-clean.md"
REFERENCE = {  # ../shared/cleanbench/README.md, measured by the bench's authors
    "no cleaning": (0.698, 0.536, 1.000),
    "jusText 3.0 (each line a paragraph)": (0.767, 0.746, 0.789),
    "trafilatura 2.3 on the same text": (0.698, 0.538, 0.996),
    "trafilatura 2.3 on the original HTML (not available to us)": (0.930, 0.903, 0.960),
}

sys.path.insert(0, str(ROOT))


def load_score():
    spec = importlib.util.spec_from_file_location("cleanbench_score", BENCH / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.score


def lines_as_html(text: str) -> str:
    """The scraped text as HTML with each non-blank line a paragraph (how the README fed the tools)."""
    body = "".join(f"<p>{html.escape(ln.strip())}</p>\n" for ln in text.split("\n") if ln.strip())
    return f"<html><head><meta charset='utf-8'></head><body>\n{body}</body></html>"


def run_justext(texts: dict[str, str]) -> dict[str, str]:
    import justext

    stop = justext.get_stoplist("English")
    out = {}
    for pid, text in texts.items():
        paras = justext.justext(lines_as_html(text).encode("utf-8"), stop, encoding="utf-8")
        out[pid] = "\n".join(p.text for p in paras if not p.is_boilerplate)
    return out


def run_trafilatura(texts: dict[str, str]) -> dict[str, str]:
    import trafilatura

    return {pid: trafilatura.extract(lines_as_html(text)) or "" for pid, text in texts.items()}


def cli_has_clean() -> bool:
    r = subprocess.run([sys.executable, "-m", "generator", "clean", "--help"], cwd=ROOT, capture_output=True, text=True)
    return r.returncode == 0 and "--out" in r.stdout


def run_ours(files: list[pathlib.Path]) -> tuple[dict[str, str], str, float]:
    """Our cleaner through the CLI (one process for all pages) when it exists, else in-process."""
    t0 = time.perf_counter()
    if cli_has_clean():
        with tempfile.TemporaryDirectory() as out:
            cmd = [sys.executable, "-m", "generator", "clean", "--out", out, *map(str, files)]
            r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("cleaner failed: " + r.stderr.strip()[-500:])
            res = {}
            for f in files:
                o = pathlib.Path(out) / f.name
                res[f.stem] = o.read_text(encoding="utf-8") if o.exists() else ""
        how = "python -m generator clean --out DIR FILE... (one process)"
    else:
        from generator.clean import clean_text

        res = {f.stem: clean_text(f.read_text(encoding="utf-8")) for f in files}
        how = "generator.clean.clean_text in-process (the CLI has no clean command yet)"
    return res, how, time.perf_counter() - t0


def throughput(n: int = 10_000) -> tuple[float, float, int]:
    """clean_corpus over n news-length articles: (seconds, articles per second, megabytes)."""
    from generator.clean import clean_corpus
    from generator.model import FrontMatter, RawArticle

    demo = sorted((ROOT / "content" / "articles").glob("*.txt"))
    bodies = [p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in demo]
    raws = []
    for i in range(n):
        # Every paragraph differs from article to article (as real ones do); short lines (titles,
        # furniture) repeat, as an outlet's template does.
        body = "\n".join(
            f"On day {i}, {ln}" if len(ln.split()) >= 12 else ln for ln in bodies[i % len(bodies)].split("\n")
        )
        raws.append(RawArticle(f"a{i}.txt", body, body, 0, 1, FrontMatter(source=f"outlet{i % 100}"), ""))
    mb = sum(len(r.body.encode("utf-8")) for r in raws) / 1e6
    t0 = time.perf_counter()
    clean_corpus(raws)
    dt = time.perf_counter() - t0
    return dt, n / dt, mb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list the pages ours gets most wrong")
    ap.add_argument("--no-reference", action="store_true", help="skip jusText and trafilatura")
    args = ap.parse_args()
    if not PAGES.is_dir():
        print(f"bench/clean.py: skipped: {PAGES} is absent (the cleanbench data stays outside the repository)")
        return 0
    score = load_score()
    pages = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(PAGES.glob("*.json"))}
    files = [PAGES / f"{pid}.txt" for pid in pages]
    texts = {f.stem: f.read_text(encoding="utf-8") for f in files}

    rows = []  # (name, f1, p, r, note)

    def add(name, outputs, note=""):
        f1, p, r, _acc, worst = score(pages, outputs)
        rows.append((name, f1, p, r, note))
        return worst

    add("no cleaning", texts)
    ours, how, secs = run_ours(files)
    worst = add("ours (dossier cleaner)", ours, how)
    if not args.no_reference:
        for name, fn in (("jusText (each line a paragraph)", run_justext), ("trafilatura on the same text", run_trafilatura)):
            try:
                t0 = time.perf_counter()
                out = fn(texts)
                add(name, out, f"{time.perf_counter() - t0:.1f} s")
            except ImportError as e:
                rows.append((name, None, None, None, f"not installed ({e.name}); pip install -r requirements-bench.txt"))

    dt, per_s, mb = throughput()
    through = f"clean_corpus on 10,000 news-length articles ({mb:.1f} MB, 100 outlets): {dt:.1f} s, {per_s:,.0f} articles/s"
    bench_speed = f"the 75 bench pages ({sum(len(t) for t in texts.values()) / 1e6:.1f} MB): {secs:.2f} s"

    head = "| system | F1 | precision | recall | note |\n|---|---|---|---|---|"
    body = "\n".join(
        f"| {n} | {f1:.3f} | {p:.3f} | {r:.3f} | {note} |" if f1 is not None else f"| {n} | - | - | - | {note} |"
        for n, f1, p, r, note in rows
    )
    ref = "\n".join(f"| {n} | {f:.3f} | {p:.3f} | {r:.3f} |" for n, (f, p, r) in REFERENCE.items())
    md = f"""# Cleaner benchmark

Measured {datetime.date.today().isoformat()} by `bench/clean.py` on {len(pages)} pages of `../shared/cleanbench`
({sum(len(v['with']) for v in pages.values())} must-keep and {sum(len(v['without']) for v in pages.values())} must-drop strings),
Python {platform.python_version()}, all systems in the same run on the same text.

{head}
{body}

Target: F1 >= 0.85 with recall >= 0.95 (aim 0.93).

Throughput: {through}; {bench_speed}.

Reference figures from the bench's README (same metric, measured by its authors):

| system | F1 | precision | recall |
|---|---|---|---|
{ref}
"""
    RESULTS.write_text(md, encoding="utf-8")
    print(head)
    print(body)
    print(through)
    print(bench_speed)
    if args.errors:
        print("worst pages (errors, id):", " ".join(f"{e}:{pid}" for e, pid in worst if e))
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
