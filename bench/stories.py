#!/usr/bin/env python3
"""Benchmark the cross-source engine: the whole stage's time at 1,000 and 10,000 articles, cold and
after a one-article edit, against the engine before the rework; grouping quality; the scorers.

    .venv/bin/python bench/stories.py [--stage-sizes 1000,10000] [--before-sizes 1000,10000]
                                      [--sizes 1000,10000] [--no-lsh] [--no-quality]

1. Stage time on the scale benchmark's dossiers (bench/generate.py, cleaned by the generator, as
   enrichment.add_story reads them): find_quotes, group_quotes, unique_passages, near_copies and
   coverage, each step's wall time and CPU time (this process, and the forked workers it reaped),
   for
     before      the engine at REFERENCE (git show'n into bench/work/stories/), no memo
     cold        this engine, no memo (what `python -m generator build` does)
     edit        this engine with a generator.parallel.Memo, after a first build: one article's
                 paragraph gets a sentence more (twice, two articles: the median is reported)
   and how much the outputs agree. Other sessions share the cores: CPU seconds are the figure to
   compare, wall seconds say what a user waits. Each run starts after gc.collect(): at 10,000
   articles a full collection pass walks two million objects (about a second), and lands in whichever
   step happens to be running.
2. Scale and quality on a deterministic synthetic corpus: events (press conferences) of a dozen
   statements by a few speakers; each article, from one of 200 outlets, quotes 3-6 statements of one
   event, rendered with translation-like noise (synonyms, dropped and added words, a swapped half),
   sometimes only a 4-6 word fragment, sometimes two statements in one quote. Statements of one event
   share topic words, so different statements overlap as they do in the demo. Truth: which statement
   each quoted sentence renders. Reported: time, unit pairs compared vs all pairs, and pairwise
   precision/recall/F1 of the groups against the truth, for
     ours        prefix-filtered inverted index of rare stems + the link rule (generator.enrich.stories)
     exhaustive  the same rule on every pair (reference, 1,000 articles only: 10,000 is projected)
     minhash-lsh 60 MinHash values in 20 bands of 3 + the same rule (the usual alternative)
     alt rules   other decisions on our candidate pairs: Jaccard alone, rapidfuzz token_set_ratio,
                 difflib ratio, character 4-gram Jaccard
   and near-copies on the same corpus with 1% of its articles reposted by another outlet (a tenth
   of the words changed): how many reposts are found from the sampled index, and what else.
3. Scorers on hand-labelled demo sentence pairs (same statement in another translation vs a
   different statement sharing words): ranking quality (AUC) and accuracy at each scorer's threshold.

Prints the tables and writes bench/results-stories.md. rapidfuzz is optional (rows say when missing).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import difflib
import gc
import hashlib
import math
import os
import pathlib
import pickle
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.enrich.stories import ArticleText, align_quotes, find_quotes, near_copies, unique_passages  # noqa: E402
from generator.enrich.stories import align as A  # noqa: E402
from generator.enrich.stories.text import content_stems  # noqa: E402

try:
    from rapidfuzz import fuzz as _rf
except ImportError:  # optional: measured when installed
    _rf = None

RESULTS = ROOT / "bench" / "results-stories.md"
WORK = ROOT / "bench" / "work" / "stories"
REFERENCE = "32bd54a"  # the engine before the rework for 10,000 articles and preview rebuilds

# ---------------------------------------------------------------------------------------------
# Synthetic corpus

SYLLABLES = "ka lo mi ter van dor pel sin ru ba tek mon zi fa gor ul ne shi ran vo den ik sa tul mer".split()
FUNCTION = "the we are is of and to in that with a our this it on for not be will have".split()
VERBS = ["said", "stressed", "noted", "added", "stated"]


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen and len(w) > 4:
            seen.add(w)
            out.append(w)
    return out


class Corpus:
    def __init__(self, n_articles: int, seed: int = 2021):
        rng = random.Random(seed)
        self.vocab = _vocabulary(rng, 20000)
        weights = [1 / (r + 1) ** 0.9 for r in range(len(self.vocab))]
        self.cum = list(_accumulate(weights))
        self.synonym = {i: rng.randrange(len(self.vocab)) for i in range(len(self.vocab)) if rng.random() < 0.6}
        names = sorted({w.capitalize() for w in _vocabulary(random.Random(seed + 1), 800)})
        rng.shuffle(names)
        self.articles: list[ArticleText] = []
        self.truth: list[tuple[str, int, int, int, int]] = []  # (slug, line, start, end, statement id)
        n_events = max(1, n_articles // 8)
        events = []
        sid = 0
        for _ in range(n_events):
            speakers = rng.sample(names, 3)
            topic = [self._word(rng) for _ in range(8)]  # what the event is about: shared by its statements
            statements = []
            for _ in range(12):
                statements.append((sid, rng.choice(speakers), self._statement(rng, topic)))
                sid += 1
            events.append(statements)
        for a in range(n_articles):
            self._article(rng, a, events[rng.randrange(n_events)])

    def _word(self, rng: random.Random) -> int:
        return _bisect(self.cum, rng.random() * self.cum[-1])

    def _statement(self, rng: random.Random, topic: list[int]) -> list[tuple[int, bool]]:
        words: list[tuple[int, bool]] = []
        for _ in range(rng.randint(6, 12)):
            if rng.random() < 0.5:
                words.append((rng.randrange(len(FUNCTION)), False))
            words.append((rng.choice(topic) if rng.random() < 0.35 else self._word(rng), True))
        return words

    def _render(self, rng: random.Random, statement: list[tuple[int, bool]]) -> list[str]:
        out = []
        for w, content in statement:
            if not content:
                if rng.random() < 0.3:
                    continue
                out.append(FUNCTION[w])
                continue
            r = rng.random()
            if r < 0.08:
                continue  # dropped
            if r < 0.33 and w in self.synonym:
                w = self.synonym[w]  # another translation's word
            out.append(self.vocab[w])
            if rng.random() < 0.06:
                out.append(self.vocab[self._word(rng)])  # a word added
        if rng.random() < 0.15 and len(out) > 4:
            half = len(out) // 2
            out = out[half:] + out[:half]
        return out or [self.vocab[statement[-1][0]]]

    def _article(self, rng: random.Random, a: int, event) -> None:
        slug = f"a{a:05d}"
        source = f"outlet{rng.randrange(200):03d}"
        paragraphs: list[tuple[int, str]] = [(1, self._narration(rng, 8).rstrip(".").title())]
        line = 3
        picked = rng.sample(event, rng.randint(3, 6))
        i = 0
        while i < len(picked):
            sentences = [picked[i]]
            if i + 1 < len(picked) and picked[i + 1][1] == picked[i][1] and rng.random() < 0.5:
                sentences.append(picked[i + 1])
                i += 1
            i += 1
            speaker = sentences[0][1]
            rendered = []
            for sid, _, statement in sentences:
                words = self._render(rng, statement)
                if len(sentences) == 1 and rng.random() < 0.2 and len(words) > 7:
                    k = rng.randint(4, 6)
                    s = rng.randrange(len(words) - k + 1)
                    rendered.append((sid, " ".join(words[s : s + k]), True))
                else:
                    rendered.append((sid, " ".join(words).capitalize() + ".", False))
            quote = " ".join(text for _, text, _ in rendered)
            style = rng.randrange(3)
            if rendered[0][2]:  # a fragment sits inside the reporter's sentence
                lead = f"{speaker} {rng.choice(VERBS)} that the plan was “"
                tail = "” in the end."
            elif style == 0:
                lead, tail = "“", f"” {speaker} {rng.choice(VERBS)}."
            elif style == 1:
                lead, tail = f"{speaker} {rng.choice(VERBS)}: \"", '"'
            else:
                lead, tail = "«", f"», {speaker} {rng.choice(VERBS)}."
            text = lead + quote + tail
            offset = len(lead)
            for sid, sentence, _ in rendered:
                self.truth.append((slug, line, offset, offset + len(sentence), sid))
                offset += len(sentence) + 1
            paragraphs.append((line, text))
            line += 2
            if rng.random() < 0.5:
                paragraphs.append((line, self._narration(rng, rng.randint(10, 25))))
                line += 2
        self.articles.append(ArticleText(slug, source, source.title(), tuple(paragraphs)))

    def _narration(self, rng: random.Random, n: int) -> str:
        words = [self.vocab[self._word(rng)] if rng.random() < 0.6 else rng.choice(FUNCTION) for _ in range(n)]
        return " ".join(words).capitalize() + "."


def _accumulate(xs):
    total = 0.0
    for x in xs:
        total += x
        yield total


def _bisect(cum: list[float], x: float) -> int:
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


# ---------------------------------------------------------------------------------------------
# The whole stage on the scale benchmark's dossiers, before and after, cold and after an edit

STEPS = ("find_quotes", "group_quotes", "unique_passages", "near_copies", "coverage")


def dossier_articles(n: int) -> list[ArticleText]:
    """The cleaned articles of bench/generate.py's N-article dossier, as enrichment.add_story reads them
    (cleaning 10,000 articles takes a minute: kept in bench/work/stories/ per dossier and cleaner)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    folder = ROOT / "bench" / "work" / "scale" / f"dossier-{n}-{generate.VERSION}"
    cleaner = subprocess.run(["git", "rev-parse", "HEAD:generator/clean"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    cache = WORK / f"articles-{n}-{generate.VERSION}-{cleaner[:10]}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    if not (folder / "site.yaml").exists():
        generate.generate(n, folder)
    from generator.build import Builder
    from generator.config import load_config
    from generator.enrichment import paragraphs
    from generator.problems import Problems
    from generator.site import assemble

    builder = Builder(folder / "site.yaml")
    config = load_config(builder.config_path)
    problems = Problems(list(config.warnings))
    cleaned = builder.clean(config, builder.load_articles(config, problems))
    dossier = assemble(config, cleaned, [], problems)
    articles = [ArticleText(a.slug, a.source.key, a.source.name, paragraphs(a)) for a in dossier.articles]
    WORK.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(articles))
    return articles


def engine_before():
    """The cross-source package at REFERENCE, importable as `before_stories`."""
    where = WORK / f"before-{REFERENCE}"
    package = where / "before_stories"
    if not package.exists():
        names = subprocess.run(["git", "ls-tree", "--name-only", f"{REFERENCE}:generator/enrich/stories"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.split()
        package.mkdir(parents=True)
        for name in names:
            text = subprocess.run(["git", "show", f"{REFERENCE}:generator/enrich/stories/{name}"], cwd=ROOT,
                                  capture_output=True, text=True, check=True).stdout
            (package / name).write_text(text.replace("from ...parallel import", "from generator.parallel import"))
    sys.path.insert(0, str(where))
    import before_stories

    return before_stories


def _cpu() -> tuple[float, float]:
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, workers.ru_utime + workers.ru_stime


def run_stage(engine, articles: list[ArticleText]) -> tuple[dict, tuple]:
    """enrichment.add_story's calls, timed: {step: (wall, cpu here, cpu in workers)}, and the outputs."""
    from generator.parallel import memo_map

    times, out = {}, {}
    gc.collect()  # start each run with no garbage from the last: a full pass lands in whatever step is running

    def step(name, func):
        wall, (me, workers) = time.perf_counter(), _cpu()
        out[name] = func()
        after = _cpu()
        times[name] = (time.perf_counter() - wall, after[0] - me, after[1] - workers)

    step("find_quotes", lambda: [q for found in memo_map(engine.find_quotes, articles) for q in found])
    step("group_quotes", lambda: engine.group_quotes(out["find_quotes"]))
    step("unique_passages", lambda: engine.unique_passages(articles, out["group_quotes"]))
    step("near_copies", lambda: engine.near_copies(articles))
    step("coverage", lambda: engine.coverage(articles, {}, out["group_quotes"], out["unique_passages"]))
    return times, (out["group_quotes"], out["unique_passages"], out["near_copies"])


def edited(articles: list[ArticleText], i: int) -> list[ArticleText]:
    """The dossier with article i's second paragraph one sentence longer."""
    a = articles[i]
    (line, text), rest = a.paragraphs[1], a.paragraphs[2:]
    changed = dataclasses.replace(a, paragraphs=(a.paragraphs[0], (line, text + " Officials said talks would resume next week."), *rest))
    return articles[:i] + [changed] + articles[i + 1 :]


def stage_timings(sizes: list[int], before_sizes: list[int]) -> tuple[list, list]:
    """Rows (N, run, {step: (wall, cpu, cpu workers)}) and notes on how the outputs compare."""
    from generator.enrich import stories
    from generator.parallel import Memo, use_memo

    rows, notes = [], []
    for n in sizes:
        articles = dossier_articles(n)
        old = None
        if n in before_sizes:
            use_memo(None)
            times, old = run_stage(engine_before(), articles)
            rows.append((n, "before", times))
        use_memo(None)
        times, new = run_stage(stories, articles)
        rows.append((n, "cold", times))
        if old is not None and old[2]:
            notes.append(f"N={n} before: {stock_share(articles, old[2])}")
        memo = Memo()
        use_memo(memo)
        memo.start()
        run_stage(stories, articles)
        memo.finish()
        edits = []
        for i in (len(articles) // 3, 2 * len(articles) // 3):
            articles = edited(articles, i)
            memo.start()
            edits.append(run_stage(stories, articles)[0])
            memo.finish()
        use_memo(None)
        median = {step: tuple(statistics.median(e[step][k] for e in edits) for k in range(3)) for step in STEPS}
        rows.append((n, "edit", median))
        notes.extend(compare_outputs(n, old, new))
    return rows, notes


def stock_share(articles: list[ArticleText], pairs) -> str:
    """How much of what the earlier engine's near-copy pairs share is stock phrasing (in > 50 articles)."""
    from generator.enrich.stories import copies, prints

    found = {a.slug: p.copy for a, p in zip(articles, prints.prints_of(articles))}
    counts = copies.ArticleCounts()
    counts.update(list(found.values()))
    distinctive = []
    for pair in pairs:
        a, b = found[pair.a], found[pair.b]
        shared_own = copies.intersection(a.own, b.own)
        rare = int(((counts.df(shared_own) <= copies.COMMON_ARTICLES)).sum()) if len(shared_own) else 0
        distinctive.append(rare / max(1, min(a.own_size, b.own_size)))
    distinctive.sort()
    return (f"its {len(pairs):,} near-copy pairs share a median {statistics.median(p.narration for p in pairs):.2f} of the "
            f"smaller article's own 5-grams, but only {statistics.median(distinctive):.3f} counting 5-grams in at most "
            f"{copies.COMMON_ARTICLES} articles (90th percentile {distinctive[int(0.9 * (len(distinctive) - 1))]:.3f}; "
            f"a near-copy now needs {copies.NEAR_COPY})")


def stage_table(rows) -> list[str]:
    lines = ["| N articles | run | " + " | ".join(STEPS) + " | CPU s | wall s | CPU vs before |",
             "|---|---|" + "---|" * len(STEPS) + "---|---|---|"]
    before = {n: sum(t[1] + t[2] for t in times.values()) for n, run, times in rows if run == "before"}
    for n, run, times in rows:
        cpu = sum(t[1] + t[2] for t in times.values())
        wall = sum(t[0] for t in times.values())
        ratio = f"{cpu / before[n]:.3f}" if n in before and run != "before" else ""
        cells = " | ".join(f"{times[step][1] + times[step][2]:.2f}" for step in STEPS)
        lines.append(f"| {n:,} | {run} | {cells} | {cpu:.2f} | {wall:.2f} | {ratio} |")
    return lines


def with_reposts(corpus: "Corpus") -> tuple[list[ArticleText], set[frozenset]]:
    """The corpus and, for 1% of its articles, a repost by another outlet with a tenth of the words changed."""
    rng = random.Random(7)
    articles, planted = list(corpus.articles), set()
    for a in rng.sample(corpus.articles, max(1, len(articles) // 100)):
        def reword(text: str) -> str:
            words = text.split()
            for k in rng.sample(range(len(words)), len(words) // 10):
                words[k] = corpus.vocab[corpus._word(rng)]
            return " ".join(words)

        source = f"reposter{rng.randrange(10)}"
        copy = ArticleText(a.slug + "-repost", source, source.title(), tuple((line, reword(text)) for line, text in a.paragraphs))
        articles.append(copy)
        planted.add(frozenset((a.slug, copy.slug)))
    return articles, planted


def compare_outputs(n: int, old, new) -> list[str]:
    groups, unique, copies = new
    as_lists = lambda gs: [[(v.article, v.line, v.start, v.end, v.text) for v in g.variants] for g in gs]
    paragraphs = lambda u: {(p.article, p.line) for found in u.values() for p in found}
    shared = sum(len(g.sources) > 1 for g in groups)
    out = [f"N={n}: {len(groups):,} quote groups ({shared:,} across outlets), {len(paragraphs(unique)):,} paragraphs "
           f"only in one source, {len(copies):,} near-copy pairs"]
    if old is not None:
        old_groups, old_unique, old_copies = old
        same = as_lists(old_groups) == as_lists(groups)
        kept = len(paragraphs(old_unique) & paragraphs(unique))
        out.append(f"N={n} before: quote groups {'identical, in the same order' if same else 'DIFFERENT'}; "
                   f"{len(paragraphs(old_unique)):,} paragraphs only in one source ({kept:,} of them still, "
                   f"{len(paragraphs(unique)) - kept:,} new); {len(old_copies):,} near-copy pairs")
    return out


# ---------------------------------------------------------------------------------------------
# Scoring groups against the truth


def pairwise(corpus: Corpus, groups) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 over the truth sentences (a sentence no group covers is alone)."""
    where: dict[tuple[str, int], list[tuple[int, int, int]]] = defaultdict(list)
    for g_index, g in enumerate(groups):
        for v in g.variants:
            for line, s, e in v.spans or ((v.line, v.start, v.end),):
                where[v.article, line].append((s, e, g_index))
    cells: Counter[tuple[int, int]] = Counter()
    pred: Counter[int] = Counter()
    true: Counter[int] = Counter()
    for n, (slug, line, s, e, sid) in enumerate(corpus.truth):
        mid = (s + e) // 2
        g = next((gi for gs, ge, gi in where.get((slug, line), ()) if gs <= mid < ge), -1 - n)
        cells[g, sid] += 1
        pred[g] += 1
        true[sid] += 1
    pairs = lambda c: sum(k * (k - 1) // 2 for k in c.values())
    tp, pp, tt = pairs(cells), pairs(pred), pairs(true)
    p = tp / pp if pp else 1.0
    r = tp / tt if tt else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------------------------------------
# Alternatives


def lsh_pairs(units, bands: int = 20, rows: int = 3):
    """Candidate pairs from MinHash LSH over the units' stem sets."""
    k = bands * rows
    prime = (1 << 61) - 1  # h -> (a*h + b) mod p: a universal hash family, one per MinHash value
    coeffs = [(random.Random(s).randrange(1, prime), random.Random(-s - 1).randrange(prime)) for s in range(k)]
    cache: dict[str, list[int]] = {}

    def vector(t: str) -> list[int]:
        v = cache.get(t)
        if v is None:
            h = int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "big") & ((1 << 61) - 1)  # stable across runs
            v = cache[t] = [(a * h + b) % prime for a, b in coeffs]
        return v

    buckets: dict[tuple, list[int]] = defaultdict(list)
    for u in units:
        if len(u.stems) < 2:
            continue
        sig = [min(col) for col in zip(*(vector(t) for t in u.stems))]
        for b in range(bands):
            buckets[(b, *sig[b * rows : (b + 1) * rows])].append(u.index)
    seen: set[tuple[int, int]] = set()
    for ids in buckets.values():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                pair = (ids[x], ids[y])
                if pair not in seen:
                    seen.add(pair)
                    yield units[pair[0]], units[pair[1]]


def run_rule(quotes, pairs_fn, rule) -> tuple[list, int, float]:
    """Group with a given candidate generator and decision rule; (groups, comparisons, seconds)."""
    t0 = time.perf_counter()
    units = A.units_of(quotes, 2)
    parent = list(range(len(units)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    n = 0
    for x, y in pairs_fn(units):
        n += 1
        if rule(x, y):
            rx, ry = find(x.index), find(y.index)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    comps = defaultdict(list)
    for u in units:
        comps[find(u.index)].append(u)
    groups = [A._group(quotes, members) for members in comps.values()]
    return groups, n, time.perf_counter() - t0


def _speakers_agree(x, y) -> bool:
    return not (x.speaker and y.speaker and not (x.speaker <= y.speaker or y.speaker <= x.speaker))


def _text(quotes, u) -> str:
    return quotes[u.quote].text[u.a : u.b]


def _grams(s: str, n: int = 4) -> set[str]:
    s = " ".join(s.lower().split())
    return {s[i : i + n] for i in range(len(s) - n + 1)}


def jaccard_only(x, y) -> bool:
    inter = len(x.stems & y.stems)
    return _speakers_agree(x, y) and inter >= 2 and inter >= 0.4 * (len(x.stems) + len(y.stems) - inter)


# ---------------------------------------------------------------------------------------------
# Demo sentence pairs, labelled by hand (the same statement in two outlets' translations, or not)

SAME = [
    ("The Chinese Army is largely equipped with the most advanced weapons systems.", "China’s armed forces are equipped with the most advanced weapons systems to a large extent."),
    ("The Chinese Army is largely equipped with the most advanced weapons systems.", "The Chinese Army is equipped to a significant extent with the world’s most advanced weapons systems."),
    ("China’s armed forces are equipped with the most advanced weapons systems to a large extent.", "The Chinese Army is equipped to a significant extent with the world’s most advanced weapons systems."),
    ("absolutely comprehensive partnership of a strategic nature, which has no precedent in history, at least between Russia and China", "an absolutely comprehensive partnership of strategic nature,"),
    ("absolutely comprehensive partnership of a strategic nature, which has no precedent in history, at least between Russia and China", "It’s an absolutely comprehensive partnership of strategic nature that hasn’t had precedents in history, at least between Russia and China,"),
    ("absolutely comprehensive partnership of a strategic nature, which has no precedent in history, at least between Russia and China", "Such a strategic partnership had no precedent like this, at least between Russia and China."),
    ("We even develop individual high-tech weapons [,such as aircraft and helicopters] together", "We are even developing together certain high-tech types of weapons,"),
    ("We even develop individual high-tech weapons [,such as aircraft and helicopters] together", "We are even developing certain high-tech weapons together,"),
    ("This intense daily work benefits both the Chinese and Russian people, and is a serious stabilising factor in the international arena", "this hard day-to-day work benefits both Chinese and Russian people and is a serious stabilizing factor on the international stage"),
    ("This intense daily work benefits both the Chinese and Russian people, and is a serious stabilising factor in the international arena", "This intense daily work is in our favor with China and is a stabilizing factor in the international arena,"),
    ("We have personal relations of trust and they help to build relations in work.", "have very trusting relations and it helps us build good business ties as well."),
    ("We have personal relations of trust and they help to build relations in work.", "We communicate with [President of the People's Republic of China] Xi Jinping as good friends, we have developed personal relationships of trust, they help build business relationships."),
    ("We cooperate [with China] in the security area,", "We are cooperating in the field of security."),
    ("Asia is developing rapidly, with China being the undisputed leader [in this process]", "China is an undoubted leader of the global and Asian economy."),
    ("It’s joint exercises, participation in joint international war games, joint patrols at sea and in air,", "we conduct constant exercises, international war games, and we carry out joint patrols at sea and in the air."),
    ("And now they say ‘Ukraine will be a NATO member.’", "They came to us, and now they still say: no, now Ukraine will join NATO as well."),
    ("Have we approached the borders of the United States or Britain? They have approached ours.", "Are we the ones who went there, to the US borders, or to the borders of the United Kingdom or somewhere?"),
]
DIFFERENT = [
    ("The Chinese Army is largely equipped with the most advanced weapons systems.", "We are even developing together certain high-tech types of weapons,"),
    ("The Chinese Army is equipped to a significant extent with the world’s most advanced weapons systems.", "We are cooperating in the field of security."),
    ("absolutely comprehensive partnership of a strategic nature, which has no precedent in history, at least between Russia and China", "This intense daily work benefits both the Chinese and Russian people, and is a serious stabilising factor in the international arena"),
    ("Asia is developing rapidly, with China being the undisputed leader [in this process]", "We are not the ones who are threatening someone,"),
    ("Asia is developing at a fast, efficient pace,", "Naturally, we are developing ties with China in this area."),
    ("China is the leader of the world and Asian economies, and we are developing relations in this regard as well.", "China is number one among our trading partners,"),
    ("Have we approached the borders of the United States or Britain? They have approached ours.", "The US is standing with missiles on our doorstep."),
    ("We made it clear that NATO's expansion to the east is unacceptable.", "They outrageously deceived us: five waves of NATO’s expansion."),
    ("You are demanding some guarantees from me.", "But it is you that must provide guarantees."),
    ("We are even developing certain high-tech weapons together,", "It’s joint exercises, participation in joint international war games, joint patrols at sea and in air,"),
    ("That’s the time until which we’ll supply all types of energy resources to China,", "We are ready to continue afterward because our life and our country don’t end in 2060."),
    ("We cooperate [with China] in the security area,", "The level of economic cooperation has exceeded the level before the [COVID-19] pandemic."),
    ("an absolutely comprehensive partnership of strategic nature,", "Such a strategic partnership had no precedent like this, at least between Russia and China. This intense daily work is in our favor with China and is a stabilizing factor in the international arena,"),
]


def _ours_score(a: str, b: str) -> float:
    """The link rule as a number: >= 1 exactly when one of generator.enrich.stories.align.RULES holds."""
    x, y = set(content_stems(a)), set(content_stems(b))
    inter = len(x & y)
    if not x or not y:
        return 0.0
    j = inter / len(x | y)
    c = inter / min(len(x), len(y))
    return max(min(inter / n, j / jm if jm else math.inf, c / cm if cm else math.inf) for jm, cm, n in A.RULES)


SCORERS = {
    "ours: stem overlap rules (align.RULES)": (_ours_score, 1.0),
    "stem Jaccard alone >= 0.4": (lambda a, b: _jac(set(content_stems(a)), set(content_stems(b))), 0.4),
    "character 4-gram Jaccard >= 0.3": (lambda a, b: _jac(_grams(a), _grams(b)), 0.3),
    "difflib ratio >= 0.6": (lambda a, b: difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio(), 0.6),
}
if _rf is not None:
    SCORERS["rapidfuzz token_set_ratio >= 70"] = (lambda a, b: _rf.token_set_ratio(a.lower(), b.lower()) / 100, 0.7)
    SCORERS["rapidfuzz token_sort_ratio >= 60"] = (lambda a, b: _rf.token_sort_ratio(a.lower(), b.lower()) / 100, 0.6)


def _jac(x: set, y: set) -> float:
    return len(x & y) / len(x | y) if x | y else 0.0


def score_demo_pairs() -> list[tuple[str, float, float, float]]:
    rows = []
    for name, (fn, threshold) in SCORERS.items():
        pos = [fn(a, b) for a, b in SAME]
        neg = [fn(a, b) for a, b in DIFFERENT]
        auc = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
        acc = (sum(p >= threshold for p in pos) + sum(n < threshold for n in neg)) / (len(pos) + len(neg))
        best = max(
            (sum(p >= t for p in pos) + sum(n < t for n in neg)) / (len(pos) + len(neg)) for t in set(pos + neg)
        )
        rows.append((name, auc, acc, best))
    return rows


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage-sizes", default="1000,10000", help="scale dossiers to time the whole stage on")
    parser.add_argument("--before-sizes", default="1000,10000", help="...and the engine at REFERENCE on")
    parser.add_argument("--sizes", default="1000,10000", help="synthetic quote corpora for grouping quality")
    parser.add_argument("--no-lsh", action="store_true")
    parser.add_argument("--no-quality", action="store_true", help="time the stage only")
    args = parser.parse_args()
    numbers = lambda text: [int(x) for x in text.split(",") if x]
    sizes = [] if args.no_quality else numbers(args.sizes)

    stage_rows, stage_notes = stage_timings(numbers(args.stage_sizes), numbers(args.before_sizes))
    stage_lines = stage_table(stage_rows)
    print("\n".join(stage_lines))
    print()
    print("\n".join(stage_notes))
    print()

    table = []  # (N, system, quotes, units, comparisons, all pairs, seconds, P, R, F1, note)
    notes = []
    per_comparison = None
    for n in sizes:
        t0 = time.perf_counter()
        corpus = Corpus(n)
        t_gen = time.perf_counter() - t0
        t0 = time.perf_counter()
        quotes = [q for a in corpus.articles for q in find_quotes(a)]
        t_find = time.perf_counter() - t0
        notes.append(f"N={n}: corpus built in {t_gen:.1f} s; find_quotes on {n} articles: {t_find:.1f} s "
                     f"({len(quotes)} quotes, {len(corpus.truth)} quoted sentences in the truth)")
        t0 = time.perf_counter()
        ours = align_quotes(quotes)
        t_ours = time.perf_counter() - t0
        s = ours.stats
        table.append((n, "ours (prefix-filtered rare-stem index)", s.quotes, s.units, s.comparisons, s.all_pairs, t_ours, *pairwise(corpus, ours.groups), ""))
        if n <= 2000:
            t0 = time.perf_counter()
            slow = align_quotes(quotes, exhaustive=True)
            t_slow = time.perf_counter() - t0
            per_comparison = t_slow / max(1, slow.stats.comparisons)
            table.append((n, "exhaustive (every pair, same rule)", slow.stats.quotes, slow.stats.units, slow.stats.comparisons, slow.stats.all_pairs, t_slow, *pairwise(corpus, slow.groups), "reference"))
        elif per_comparison:
            table.append((n, "exhaustive (every pair, same rule)", s.quotes, s.units, s.all_pairs, s.all_pairs, per_comparison * s.all_pairs, float("nan"), float("nan"), float("nan"), "projected from the 1,000-article run"))
        articles, planted = with_reposts(corpus)
        t0 = time.perf_counter()
        found = {frozenset((p.a, p.b)) for p in near_copies(articles)}
        t_copies = time.perf_counter() - t0
        t0 = time.perf_counter()
        unique = unique_passages(corpus.articles, ours.groups)
        t_unique = time.perf_counter() - t0
        notes.append(f"N={n}: near_copies {t_copies:.1f} s with {len(planted)} reposts planted (another outlet, a tenth "
                     f"of the words changed): {len(found & planted)} found, {len(found - planted)} other pairs; "
                     f"unique_passages {t_unique:.1f} s ({sum(map(len, unique.values()))} paragraphs)")
        if not args.no_lsh:
            groups, comps, secs = run_rule(quotes, lsh_pairs, A.same_statement)
            table.append((n, "MinHash LSH 20x3 + same rule", s.quotes, s.units, comps, s.all_pairs, secs, *pairwise(corpus, groups), ""))
        if n <= 2000:
            alternatives = [("our candidates + stem Jaccard alone", jaccard_only)]
            if _rf is not None:
                alternatives.append(("our candidates + rapidfuzz token_set_ratio >= 70", lambda x, y: _speakers_agree(x, y) and _rf.token_set_ratio(_text(quotes, x).lower(), _text(quotes, y).lower()) >= 70))
            alternatives.append(("our candidates + difflib ratio >= 0.6", lambda x, y: _speakers_agree(x, y) and difflib.SequenceMatcher(None, _text(quotes, x).lower(), _text(quotes, y).lower()).ratio() >= 0.6))
            alternatives.append(("our candidates + char 4-gram Jaccard >= 0.3", lambda x, y: _speakers_agree(x, y) and _jac(_grams(_text(quotes, x)), _grams(_text(quotes, y))) >= 0.3))
            for name, rule in alternatives:
                groups, comps, secs = run_rule(quotes, A.candidate_pairs, rule)
                table.append((n, name, s.quotes, s.units, comps, s.all_pairs, secs, *pairwise(corpus, groups), "decision rule only"))
            if _rf is None:
                notes.append("rapidfuzz not installed: its rows are missing (pip install rapidfuzz to measure it)")
            else:
                import rapidfuzz

                notes.append(f"rapidfuzz {rapidfuzz.__version__} measured as an alternative; it is not a dependency of dossier")

    demo = score_demo_pairs()

    def fmt(x: float, digits: int = 3) -> str:
        return "n/a" if x != x else f"{x:.{digits}f}"

    lines = [
        "| N articles | system | quotes | units | pairs compared | all pairs | share compared | seconds | precision | recall | F1 | note |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, name, q, u, c, ap, secs, p, r, f, note in table:
        share = c / ap if ap else 0
        lines.append(f"| {n:,} | {name} | {q:,} | {u:,} | {c:,} | {ap:,} | {share:.5f} | {secs:.2f} | {fmt(p)} | {fmt(r)} | {fmt(f)} | {note} |")
    demo_lines = ["| scorer | AUC | accuracy at its threshold | best accuracy at any threshold |", "|---|---|---|---|"]
    for name, auc, acc, best in demo:
        demo_lines.append(f"| {name} | {auc:.3f} | {acc:.3f} | {best:.3f} |")

    print("\n".join(lines))
    print()
    print("\n".join(notes))
    print()
    print(f"Demo sentence pairs: {len(SAME)} same statement, {len(DIFFERENT)} different")
    print("\n".join(demo_lines))

    text = [
        "# Cross-source engine benchmark",
        "",
        f"Measured {datetime.date.today().isoformat()} by `bench/stories.py`, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other sessions (load average {os.getloadavg()[0]:.1f} at the end), "
        "all systems in the same run.",
        "",
        "## The whole stage on the scale dossiers: before, cold, after a one-article edit",
        "",
        "CPU seconds of each step, this process and its forked workers together (`before` is the engine at "
        f"{REFERENCE}; `cold` this one with no memo, as `python -m generator build`; `edit` this one in a preview "
        "server's memo after one article changed, median of two edits).",
        "",
        *stage_lines,
        "",
        *[f"- {note}" for note in stage_notes],
        "",
        "What changed, and what the outputs lose or gain:",
        "",
        "- Each article is read once for near-copies and unique passages (`prints.article_print`, through `memo_map`):",
        "  sentences, content stems, 5-gram fingerprints. Quote finding is twice as fast and finds the same quotes and",
        "  speakers; quote groups are the same groups in the same order.",
        "- Near-copies: candidates come from a 1-in-16 sample of the 5-gram fingerprints (all of them below 200,000) in",
        "  a sorted numpy array, no dict of pair counts; shares count distinctive 5-grams only (in at most 50 articles).",
        "  The earlier engine compared every pair sharing three such 5-grams and then counted stock phrases in the own-",
        "  wording share: on these dossiers its pairs are articles on one story written from the same sentence",
        "  templates (see the note above), and none is a near-copy under the new rule. The demo's repost has the same",
        "  scores and passages as before; planted reposts are all found (section 2).",
        "- Unique passages: word weights are rounded to 1/16 (so an edit elsewhere rarely moves them, and sums are exact",
        "  in any order), and ties for the 20 candidate paragraphs of a sentence go to the smallest hash of outlet and",
        "  text instead of the dossier's order; most of the changed paragraphs come from the ties (the synthetic",
        "  vocabulary is small, and many candidates score the same). An article's result is kept under a digest of",
        "  everything it reads, so an edit recomputes the articles sharing a rare stem with the edited paragraphs:",
        "  on the 1,000-article dossier, where most stems are rare, that is most articles.",
        "- The preview server keeps, besides the memo's per-article results: article counts of every 5-gram (updated",
        "  with the changed articles), the measured pairs, the quote groups and the coverage items of unchanged groups",
        "  and articles. The cyclic garbage collector waits during the dossier-wide steps.",
        "",
        "## Grouping quotes at scale (synthetic corpus, pairwise precision/recall against its truth)",
        "",
        "Units are the quoted sentences (and clauses of long ones) that grouping aligns; `pairs compared` counts exact",
        "similarity checks, `all pairs` is units x (units - 1) / 2. The corpus: events of 12 statements by 3 speakers that",
        "draw 35% of their content words from the event's 8 topic words (different statements share words, as in the demo); each",
        "article (one of 200 outlets) quotes 3-6 statements of one event with translation-like noise (a third of content",
        "words swapped for a synonym, 8% dropped, 6% added, 15% of quotes with their halves swapped), 20% as a 4-6 word",
        "fragment inside the reporter's sentence, and pairs of statements quoted together.",
        "",
        *lines,
        "",
        *[f"- {note}" for note in notes],
        "",
        "## Scorers on hand-labelled demo sentence pairs",
        "",
        f"{len(SAME)} pairs that render one statement in two outlets' translations, {len(DIFFERENT)} pairs of different statements",
        "from the same answers that share words (bench/stories.py, SAME and DIFFERENT). AUC: how often a same-statement pair",
        "scores above a different-statement pair.",
        "",
        *demo_lines,
        "",
    ]
    RESULTS.write_text("\n".join(text), encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
