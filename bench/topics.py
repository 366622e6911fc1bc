#!/usr/bin/env python3
"""Benchmark the topic engine on a synthetic dossier of news-length articles.

    .venv/bin/python bench/topics.py [--sizes 1000,10000] [--workers 1,2]

The corpus is made deterministically (fixed seed) from the demo's cleaned paragraphs: each article
takes a dozen of them and swaps the demo's people, places and organisations for ones drawn from
pools (transliteration variants included), so a big dossier has many topics, not five. Times
find_topics and related_topics for each size and worker count, next to a reference measured in
the same run (splitting the same text into words with one regular expression: the least any
reader of the text must pay). Prints a table and writes bench/results-topics.md.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import platform
import random
import re
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.clean import clean_corpus  # noqa: E402
from generator.content import read_article  # noqa: E402
from generator.enrich.topics import ArticleText, find_topics, related_topics  # noqa: E402
from generator.problems import Problems  # noqa: E402

RESULTS = ROOT / "bench" / "results-topics.md"
SEED = 20211223
PARAGRAPHS_PER_ARTICLE = 12

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


def demo_paragraphs() -> list[str]:
    files = sorted((ROOT / "content" / "articles").glob("*.txt"))
    raws = [read_article(f, ROOT, None, Problems()) for f in files]
    return [line.text for clean in clean_corpus(raws) for line in clean.kept if len(line.text) > 40]


def synthetic_corpus(n: int, seed: int = SEED) -> list[ArticleText]:
    """n articles of about a dozen paragraphs each; the same n and seed give the same corpus."""
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
        articles.append(ArticleText(f"a{i:06d}", f"outlet-{i % 37}", tuple(paragraphs)))
    return articles


def demo_judgement() -> str:
    """The demo dossier judged against tests/fixtures/topics/demo_expected.yaml (as the test does)."""
    import yaml

    from tests.test_topics_demo import EXPECTED, demo_articles, judge

    return judge(find_topics(demo_articles()), yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))).summary()


def reference(articles: list[ArticleText]) -> float:
    """Seconds to split every paragraph into words with one regex: the floor for reading the text."""
    word = re.compile(r"\w+")
    t = time.perf_counter()
    count = 0
    for a in articles:
        for _, text in a.paragraphs:
            count += len(word.findall(text))
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    workers = [int(w) for w in args.workers.split(",")]

    load_before = os.getloadavg()[0]
    find_topics([ArticleText("warm", "x", ((1, "Putin met Xi Jinping in Moscow."),))])  # load the gazetteer
    rows = []
    for n in sizes:
        corpus = synthetic_corpus(n)
        words = sum(len(t.split()) for a in corpus for _, t in a.paragraphs)
        ref = reference(corpus)
        first = None
        for w in workers:
            t = time.perf_counter()
            topics = find_topics(corpus, workers=w)
            took = time.perf_counter() - t
            t = time.perf_counter()
            related_topics(topics)
            rel = time.perf_counter() - t
            if first is None:
                first = topics
            same = "yes" if topics == first else "NO"
            counts = {k: sum(1 for tp in topics if tp.kind == k) for k in ("person", "organisation", "place", "theme")}
            rows.append((n, words, w, took, rel, ref, len(topics), counts, same))
            print(f"{n:>6} articles  {words:>9} words  workers={w}  find_topics {took:7.2f} s "
                  f"({n / took:7.0f} articles/s)  related {rel:5.2f} s  reference {ref:5.2f} s "
                  f"(x{took / ref:5.0f})  topics {len(topics)} {counts}  same output: {same}", flush=True)

    lines = [
        "# Topic engine benchmark",
        "",
        "`.venv/bin/python bench/topics.py` on a synthetic dossier made from the demo paragraphs with",
        "people, places and organisations swapped from pools (fixed seed). Reference: splitting the same",
        "text into words with one regex, measured in the same run.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{load_before:.1f} when the run started (other work shares these cores, so times are upper bounds).",
        "",
        "| articles | words | workers | find_topics (s) | articles/s | related_topics (s) | x reference | topics | persons | orgs | places | themes | same output |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for n, words, w, took, rel, ref, count, counts, same in rows:
        lines.append(f"| {n} | {words} | {w} | {took:.2f} | {n / took:.0f} | {rel:.2f} | {took / ref:.0f} | {count} | "
                     f"{counts['person']} | {counts['organisation']} | {counts['place']} | {counts['theme']} | {same} |")
    lines += ["", "## The demo against the hand-made list", "", "```", demo_judgement(), "```"]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
