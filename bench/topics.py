#!/usr/bin/env python3
"""Benchmark the topic engine: cold, start-up, and a one-article edit with the preview server's memo.

    .venv/bin/python bench/topics.py [--sizes 1000,10000] [--corpora mixed,generated] [--runs 3]
                                     [--before REV|none]

Two corpora, both deterministic:
  mixed      the demo's cleaned paragraphs, a dozen per article, with its people, places and
             organisations swapped for ones drawn from pools (fixed seed); three paragraphs in four
             repeat another article's word for word.
  generated  bench/generate.py's scraped articles (the scale benchmark's), cleaned by the cleaner:
             400-900 words of reworded news prose, few repeated paragraphs.

Every measurement runs in a fresh process (`--measure`), for the engine of the working tree and,
with --before, for the engine of an older commit (extracted with `git archive`), one after the
other in the same run, so the load of the machine is the same for both. CPU seconds are the
process's own plus its worker processes' (rusage of children), next to wall seconds: other work
shares these cores. Reports the median of --runs and checks that both engines give the same
topics and the same 'see also'. Prints a table and writes bench/results-topics.md.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import pickle
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results-topics.md"
SEED = 20211223
PARAGRAPHS_PER_ARTICLE = 12
# The engine before the speed work (issue 10): the commit before "compile the gazetteer ... once".
BEFORE = "bd9408d"
EDIT = " Russian President Vladimir Putin said NATO expansion threatened the security guarantees."

FIRST = ["Vladimir", "Sergey", "Sergei", "Dmitry", "Dmitri", "Yuri", "Yury", "Alexey", "Alexei", "Anatoly",
         "Maria", "Elena", "Olga", "Igor", "Nikolai", "Mikhail", "Anna", "Jake", "Antony", "Emmanuel",
         "Olaf", "Ursula", "Josep", "Wang", "Li", "Zhao", "Kim", "Recep", "Narendra", "Jens"]
FAMILY = ["Petrov", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov",
          "Morozov", "Volkov", "Solovyov", "Vasilyev", "Zaitsev", "Pavlov", "Semyonov", "Golubev",
          "Vinogradov", "Bogdanov", "Vorobyov", "Fyodorov", "Mikhailov", "Belyaev", "Tarasov", "Belov",
          "Komarov", "Orlov", "Kiselyov", "Makarov", "Andreyev", "Kovalyov", "Ilyin", "Gusev", "Titov",
          "Kuzmin", "Kudryavtsev", "Baranov", "Kulikov", "Alexeyev", "Stepanov", "Yakovlev", "Sorokin",
          "Sergeyev", "Romanov", "Zakharov", "Borisov", "Korolyov", "Gerasimov", "Ponomaryov", "Grigoryev"]
OFFICES = ["President", "Foreign Minister", "Defence Minister", "Prime Minister", "presidential aide",
           "spokesman", "Ambassador", "Deputy Foreign Minister", "opposition politician", "blogger"]
COUNTRIES = ["Ukraine", "Poland", "Romania", "Germany", "France", "India", "Japan", "Turkey", "Iran",
             "Brazil", "Canada", "Mexico", "Kazakhstan", "Belarus", "Finland", "Sweden", "Israel", "Egypt"]
CITIES = ["Kyiv", "Warsaw", "Bucharest", "Berlin", "Paris", "New Delhi", "Tokyo", "Ankara", "Tehran",
          "Brasilia", "Ottawa", "Astana", "Minsk", "Helsinki", "Stockholm", "Cairo", "Omsk", "Tomsk",
          "Novosibirsk", "Vladivostok", "Kazan", "Sochi", "Geneva", "Vienna"]
HEADS = ["Ministry", "Agency", "Fleet", "Council", "Committee", "Bank"]
ORG_WORDS = ["Defence", "Energy", "Finance", "Interior", "Northern", "Baltic", "Space", "Security", "Health"]


# ------------------------------------------------------------------------------------------ corpora
def demo_paragraphs() -> list[str]:
    from generator.clean import clean_corpus
    from generator.content import read_article
    from generator.problems import Problems

    files = sorted((ROOT / "content" / "articles").glob("*.txt"))
    raws = [read_article(f, ROOT, None, Problems()) for f in files]
    return [line.text for clean in clean_corpus(raws) for line in clean.kept if len(line.text) > 40]


def mixed_corpus(n: int, seed: int = SEED) -> list[tuple]:
    """n articles of about a dozen paragraphs each, as (slug, source, paragraphs)."""
    rng = random.Random(seed)
    templates = demo_paragraphs()
    people = [(rng.choice(FIRST), fam, rng.choice(OFFICES)) for fam in FAMILY for _ in range(4)]
    articles = []
    for i in range(n):
        person = people[rng.randrange(len(people))]
        other = people[rng.randrange(len(people))]
        country = rng.choice(COUNTRIES)
        city = rng.choice(CITIES)
        org = f"{rng.choice(['Russian', 'Chinese', 'Ukrainian', 'German'])} {rng.choice(ORG_WORDS)} {rng.choice(HEADS)}"
        paragraphs = []
        for j in range(PARAGRAPHS_PER_ARTICLE):
            text = rng.choice(templates)
            if rng.random() < 0.6:
                text = (text.replace("Vladimir Putin", f"{person[0]} {person[1]}").replace("Putin", person[1])
                        .replace("Xi Jinping", f"{other[0]} {other[1]}").replace("Xi", other[1])
                        .replace("Ukraine", country).replace("Beijing", city)
                        .replace("Russian Foreign Ministry", org).replace("Russian Defence Ministry", org))
            if rng.random() < 0.2:
                text = f"{person[2]} {person[0]} {person[1]} said on Monday that {text[0].lower()}{text[1:]}"
            paragraphs.append((1 + 2 * j, text))
        articles.append((f"a{i:06d}", f"outlet-{i % 37}", tuple(paragraphs)))
    return articles


def generated_corpus(n: int) -> list[tuple]:
    """bench/generate.py's first n articles, read and cleaned as a build does."""
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    from generator.clean import clean_corpus
    from generator.content import read_article
    from generator.problems import Problems

    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        folder = root / "content" / "articles"
        folder.mkdir(parents=True)
        files = []
        for i in range(n):
            text, record = generate.article(i)
            (folder / record["file"]).write_text(text, encoding="utf-8")
            files.append(folder / record["file"])
        raws = [read_article(f, root, None, Problems()) for f in files]
        cleaned = clean_corpus(raws)
    return [(pathlib.Path(c.raw.file).stem, c.raw.meta.source or f"file:{c.raw.file}",
             tuple((line.number, line.text) for line in c.kept)) for c in cleaned]


CORPORA = {"mixed": mixed_corpus, "generated": generated_corpus}


def describe(corpus: list[tuple]) -> dict:
    paragraphs = [text for _, _, ps in corpus for _, text in ps]
    word = re.compile(r"\w+")
    t = time.process_time()
    words = sum(len(word.findall(text)) for text in paragraphs)
    return {"articles": len(corpus), "words": words, "paragraphs": len(paragraphs),
            "repeated": 1 - len(set(paragraphs)) / max(len(paragraphs), 1), "reference": time.process_time() - t}


# --------------------------------------------------------------------------------- one measurement
def _cpu() -> tuple[float, float]:
    import resource

    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), kids.ru_utime + kids.ru_stime


def measure(kind: str, corpus_file: str, out_file: str) -> dict:
    """Runs in a fresh process whose sys.path starts with the engine to measure."""
    result: dict = {}
    if kind == "startup":
        w, (c, k) = time.perf_counter(), _cpu()
        from generator.enrich.topics import ArticleText, find_topics

        find_topics([ArticleText("a", "a", ((1, "Putin met Xi Jinping in Moscow."),))], workers=1)
        result = {"wall": time.perf_counter() - w, "cpu": time.process_time() - c, "children": 0.0}
        json.dump(result, open(out_file, "w"))
        return result

    from generator.enrich.topics import ArticleText, find_topics, related_topics

    find_topics([ArticleText("a", "a", ((1, "Putin met Xi Jinping in Moscow."),))], workers=1)  # start-up paid
    with open(corpus_file, "rb") as f:
        corpus = [ArticleText(*a) for a in pickle.load(f)]

    def timed(articles) -> tuple[dict, list, dict]:
        w, (c, k) = time.perf_counter(), _cpu()
        topics = find_topics(articles)
        w1, (c1, k1) = time.perf_counter(), _cpu()
        related = related_topics(topics)
        w2, (c2, k2) = time.perf_counter(), _cpu()
        return ({"wall": w1 - w, "cpu": c1 - c, "children": k1 - k,
                 "related wall": w2 - w1, "related cpu": c2 - c1}, topics, related)

    if kind == "cold":
        result, topics, related = timed(corpus)
    else:  # "edit": the preview server's memo kept between two builds, one article changed between
        from generator import parallel

        memo = parallel.Memo()
        parallel.use_memo(memo)
        memo.start()
        timed(corpus)
        memo.finish()
        middle = len(corpus) // 2
        for step in (1, 2):  # the first edit, then another one (what the server keeps doing)
            a = corpus[middle + step]
            line, text = a.paragraphs[1]
            edited = list(corpus)
            edited[middle + step] = ArticleText(a.slug, a.source, (a.paragraphs[0], (line, text + EDIT),
                                                                    *a.paragraphs[2:]))
            memo.start()
            took, topics, related = timed(edited)
            memo.finish()
            result[f"edit {step}"] = took
            corpus = edited
        try:  # what the engine did (the engine of the working tree says)
            result["steps"] = memo.last["topics.engine"][1].last
        except (AttributeError, KeyError, TypeError):
            pass
    data = [(t.name, t.slug, t.kind, t.aliases, t.description, [tuple(m[:5]) if isinstance(m, tuple) else
             (m.article, m.line, m.start, m.end, m.text) for m in t.mentions]) for t in topics]
    counts = {k: sum(1 for t in topics if t.kind == k) for k in ("person", "organisation", "place", "theme")}
    result["topics"] = len(topics)
    result["kinds"] = counts
    result["mentions"] = sum(len(t.mentions) for t in topics)
    with open(out_file + ".pickle", "wb") as f:
        pickle.dump((data, related), f)
    json.dump(result, open(out_file, "w"))
    return result


def run_measure(engine_root: pathlib.Path, kind: str, corpus_file: str, env: dict | None = None) -> tuple[dict, str]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    environment = {**os.environ, "PYTHONPATH": str(engine_root), **(env or {})}
    done = subprocess.run([sys.executable, __file__, "--measure", kind, corpus_file, out, str(engine_root)],
                          env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} measurement failed:\n{done.stderr[-3000:]}")
    with open(out) as f:
        return json.load(f), out


def extract(rev: str, into: pathlib.Path) -> pathlib.Path:
    """The generator package as it was at `rev`."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "generator"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


# ------------------------------------------------------------------------------------------ report
def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: list[float]) -> str:
    return f"{median(values):.2f} ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else f"{values[0]:.2f}"


def demo_judgement() -> str:
    """The demo dossier judged against tests/fixtures/topics/demo_expected.yaml (as the test does)."""
    import yaml

    from generator.enrich.topics import find_topics
    from tests.test_topics_demo import EXPECTED, demo_articles, judge

    return judge(find_topics(demo_articles()), yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))).summary()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--corpora", default="mixed,generated")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", default=BEFORE, help="commit whose engine to measure beside this one, or 'none'")
    ap.add_argument("--measure", nargs=4, metavar=("KIND", "CORPUS", "OUT", "ROOT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        kind, corpus_file, out, root = args.measure
        sys.path.insert(0, root)
        measure(kind, corpus_file, out)
        return 0
    sys.path.insert(0, str(ROOT))

    sizes = [int(s) for s in args.sizes.split(",")]
    load_before = os.getloadavg()[0]
    work = pathlib.Path(tempfile.mkdtemp(prefix="topics-bench-"))
    engines = {"now": ROOT}
    if args.before != "none":
        engines = {"before": extract(args.before, work / "before"), **engines}
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()

    # Start-up: a fresh process that finds the topics of one sentence; "now" with its compiled
    # tables in the cache, and with an empty cache (the first build after installing).
    startup: dict[str, list] = {}
    empty = work / "empty-cache"
    for _ in range(args.runs):
        for name, root in engines.items():
            startup.setdefault(name, []).append(run_measure(root, "startup", "", {})[0]["wall"])
        import shutil

        shutil.rmtree(empty, ignore_errors=True)
        startup.setdefault("now, empty cache", []).append(
            run_measure(ROOT, "startup", "", {"DOSSIER_CACHE_DIR": str(empty)})[0]["wall"])
    print("start-up (s):", {k: round(median(v), 3) for k, v in startup.items()}, flush=True)

    rows = []
    for corpus_name in args.corpora.split(","):
        for n in sizes:
            corpus = CORPORA[corpus_name](n)
            info = describe(corpus)
            corpus_file = work / f"{corpus_name}-{n}.pickle"
            with open(corpus_file, "wb") as f:
                pickle.dump(corpus, f)
            row = {"corpus": corpus_name, **info, "engines": {}}
            outputs = {}
            for kind in ("cold", "edit"):
                for _ in range(args.runs if kind == "cold" else 1):
                    for name, root in engines.items():
                        got, out = run_measure(root, kind, str(corpus_file))
                        row["engines"].setdefault(name, {}).setdefault(kind, []).append(got)
                        with open(out + ".pickle", "rb") as f:
                            outputs[(name, kind)] = pickle.load(f)
            same = "yes"
            if "before" in engines:
                same = "yes" if all(outputs[("before", k)] == outputs[("now", k)] for k in ("cold", "edit")) else "NO"
            row["same"] = same
            rows.append(row)
            print(summary_line(row), flush=True)

    write(rows, startup, engines, load_before, commit, args.runs)
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def summary_line(row: dict) -> str:
    parts = [f"{row['corpus']:>9} {row['articles']:>6} articles"]
    for name, got in row["engines"].items():
        cold = got["cold"]
        parts.append(f"{name}: cold {median([c['wall'] for c in cold]):.2f} s wall, "
                     f"{median([c['cpu'] + c['children'] for c in cold]):.2f} s CPU; "
                     f"edit {got['edit'][0]['edit 2']['wall']:.2f} s")
    return "  ".join(parts) + f"  same output: {row['same']}"


def write(rows: list, startup: dict, engines: dict, load_before: float, commit: str, runs: int) -> None:
    names = list(engines)
    lines = [
        "# Topic engine benchmark",
        "",
        "`.venv/bin/python bench/topics.py` (see its docstring). Each figure is measured in a fresh process,",
        f"the median of {runs} runs (min–max in brackets) for cold; `before` is the engine at {BEFORE}",
        "(before the speed work), `now` the working tree at "
        f"{commit}, measured one after the other in the same run.",
        "CPU is the process's own plus its worker processes' (2 workers on 2 cores).",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{load_before:.1f} when the run started (other sessions share these cores, so wall times are upper bounds).",
        "",
        "## Start-up: a fresh process finds the topics of one sentence (wall seconds)",
        "",
        "| engine | seconds |",
        "|---|---:|",
    ]
    for name, values in startup.items():
        lines.append(f"| {name} | {spread(values)} |")
    lines += [
        "",
        "## Cold: find_topics, then related_topics, on the whole dossier",
        "",
        "| corpus | articles | words | repeated paragraphs | engine | find_topics wall (s) | CPU: own + workers (s) "
        "| related_topics (s) | x reference | topics | same output |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|:---:|",
    ]
    for row in rows:
        for name in names:
            cold = row["engines"][name]["cold"]
            cpu = [c["cpu"] + c["children"] for c in cold]
            lines.append(
                f"| {row['corpus']} | {row['articles']} | {row['words']} | {row['repeated']:.0%} | {name} | "
                f"{spread([c['wall'] for c in cold])} | {median(cpu):.2f} = {median([c['cpu'] for c in cold]):.2f} + "
                f"{median([c['children'] for c in cold]):.2f} | {median([c['related wall'] for c in cold]):.2f} | "
                f"{median(cpu) / row['reference']:.0f} | {cold[0]['topics']} | {row['same']} |")
    lines += [
        "",
        "x reference: CPU seconds over those of splitting the same text into words with one regex.",
        "",
        "## One article edited, the preview server's memo in use (generator.parallel.Memo)",
        "",
        "A first build with the memo, then one article's paragraph changed and the dossier built again;",
        "then another article changed (the figures a server shows from then on). Wall seconds of",
        "find_topics and of related_topics; the scans of unchanged articles come from the memo.",
        "",
        "| corpus | articles | engine | first edit: find_topics | related | next edit: find_topics | related |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        for name in names:
            edit = row["engines"][name]["edit"][0]
            lines.append(f"| {row['corpus']} | {row['articles']} | {name} | {edit['edit 1']['wall']:.3f} | "
                         f"{edit['edit 1']['related wall']:.3f} | {edit['edit 2']['wall']:.3f} | "
                         f"{edit['edit 2']['related wall']:.3f} |")
    steps = [(row, row["engines"]["now"]["edit"][0].get("steps")) for row in rows if "now" in row["engines"]]
    if any(s for _, s in steps):
        lines += ["", "What the engine did in the next edit (CPU seconds per step, Engine.last):", "", "```"]
        for row, s in steps:
            if s:
                lines.append(f"{row['corpus']} {row['articles']}: " + ", ".join(
                    f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in s.items()))
        lines.append("```")
    lines += ["", "## The demo against the hand-made list", "", "```", demo_judgement(), "```"]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
