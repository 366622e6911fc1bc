"""What only one outlet carries ("only in this source"), and the coverage table.

unique_passages: a sentence is carried by another outlet when one of that outlet's paragraphs holds
at least CARRIED of its content stems, weighted by rarity (idf over paragraphs, rounded to 1/16); a
paragraph is "only in this source" when most of its weight is in sentences nobody else carries.
Quotes in multi-source groups count as carried. Candidate paragraphs for a sentence come from its
stems that at most COMMON_PARAGRAPHS paragraphs have; the TOP best by those stems are measured. Ties
for the last places go to the paragraphs with the smallest token (a hash of outlet and text), so the
choice does not depend on the order the articles come in; it used to be their order in the dossier.

Per article, remembered between preview builds: the stems of each sentence and paragraph
(passage_print), then the article's unique paragraphs, remembered under a digest of everything else
they depend on: the weights of its stems and which articles hold its rarer stems. Weights are
rounded so that an edit elsewhere, which moves every paragraph count a little, changes few of them;
rounded weights also add up exactly, in any order. One edited article recomputes itself and the
few articles sharing its rare stems, not the dossier.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import partial
from typing import Iterable, Mapping, Sequence

import numpy as np

from .collector import paused
from ...datafiles import Records
from ...parallel import keeps_results, memo_map
from .align import group_quotes
from .model import ArticleText, QuoteGroup, UniquePassage
from .prints import PassagePrint, prints_of

COMMON_PARAGRAPHS = 200  # stems in more paragraphs than this do not find candidates
TOP = 20  # candidate paragraphs measured per sentence
CARRIED = 0.5  # a sentence is carried by an outlet that has this share of its weighted stems
UNIQUE = 0.6  # a paragraph is unique when this share of its weight is in uncarried sentences
UNIQUE_SUPPORT = 0.35  # ...and other outlets carry less than this of it on average
WEIGHT_STEP = 16  # weights are multiples of 1/WEIGHT_STEP
_STEM_BITS = 24  # stem numbers packed under paragraph numbers in one int64 (16 million stems)


_VOCABULARY: dict[str, int] = {}  # stem -> dossier-wide number, for every stem this process has seen


def _numbered(p: PassagePrint) -> np.ndarray:
    """The print's stems as dossier-wide numbers (numbered once per print: a print the memo keeps
    between preview builds keeps its numbers, and the vocabulary only grows)."""
    if p.ids is None:
        for t in p.stems:
            if t not in _VOCABULARY:
                _VOCABULARY[t] = len(_VOCABULARY)
        ids = np.fromiter(map(_VOCABULARY.__getitem__, p.stems), dtype=np.int64, count=len(p.stems))
        p.par_count = np.bincount(p.par_stems, minlength=len(p.stems))
        global_ids = ids[p.par_stems]
        paragraph = np.repeat(np.arange(len(p.lines)), np.diff(p.par_bounds))
        p.par_ids = global_ids[np.lexsort((global_ids, paragraph))]
        p.ids = ids
    return p.ids


@dataclass
class _Dossier:
    """What one build's articles share, for computing any article's unique paragraphs."""

    prints: list[PassagePrint]
    articles: Sequence[ArticleText]
    weight: np.ndarray  # per stem number
    rare: np.ndarray  # per stem number: in at most COMMON_PARAGRAPHS paragraphs
    first_par: np.ndarray  # per article: the number of its first paragraph
    _index: tuple | None = None

    def index(self) -> tuple:
        """(postings start per stem, paragraph numbers, paragraph source, source numbers, paragraph-stem codes,
        paragraph tokens)."""
        if self._index is None:
            self._index = _build_index(self)
        return self._index


_DOSSIER: _Dossier | None = None  # read by _unique_in (in this process or in workers forked from it)


@dataclass(frozen=True, eq=False)
class _Job:
    """One article's unique paragraphs to find: equal to another job for the same print and inputs."""

    at: int  # the print's place in _DOSSIER.prints
    print: PassagePrint
    digest: int
    quotes: tuple[tuple[int, int, int], ...]  # (line, start, end) of quoted words other outlets carry too

    def __hash__(self) -> int:
        return hash((id(self.print), self.digest, self.quotes))

    def __eq__(self, other) -> bool:
        return isinstance(other, _Job) and (self.print is other.print and self.digest == other.digest
                                             and self.quotes == other.quotes)

    def __reduce__(self):
        return (_job_in_worker, (self.at, self.digest, self.quotes))


def _job_in_worker(at: int, digest: int, quotes: tuple) -> _Job:
    return _Job(at, _DOSSIER.prints[at], digest, quotes)


@paused()
def unique_passages(
    articles: Sequence[ArticleText], groups: Sequence[QuoteGroup] | None = None
) -> dict[str, tuple[UniquePassage, ...]]:
    """Per article slug, the paragraphs whose content no other outlet carries, in reading order."""
    global _DOSSIER
    prints = [p.passage for p in prints_of(articles, keep=True)]
    if not prints:
        return {}
    ids = [_numbered(p) for p in prints]
    sizes = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    all_ids = np.concatenate(ids)
    per_article = np.concatenate([p.par_count for p in prints])
    df = np.bincount(all_ids, weights=per_article, minlength=len(_VOCABULARY))
    paragraphs = np.fromiter((len(p.lines) for p in prints), dtype=np.int64, count=len(prints))
    n_par = max(1, int(paragraphs.sum()))
    weight = np.rint(np.log1p(n_par / np.maximum(df, 1)) * WEIGHT_STEP) / WEIGHT_STEP
    rare = (df > 0) & (df <= COMMON_PARAGRAPHS)
    first_par = np.concatenate(([0], np.cumsum(paragraphs)[:-1]))
    _DOSSIER = _Dossier(prints, articles, weight, rare, first_par)

    # What an article's result reads besides itself: its stems' weights and rarity, and for each
    # rare stem, the paragraphs that have it (their tokens change with their text).
    holders = np.zeros(len(_VOCABULARY), dtype=np.uint64)
    chosen = rare[all_ids]
    np.add.at(holders, all_ids[chosen], np.concatenate([p.held_by for p in prints])[chosen])
    state = _mix(np.rint(weight * WEIGHT_STEP).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
                 + rare.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
                 + _mix(holders) * rare.astype(np.uint64)
                 + np.arange(len(_VOCABULARY), dtype=np.uint64))
    sums = np.concatenate(([np.uint64(0)], np.cumsum(state[all_ids], dtype=np.uint64)))
    ends = np.cumsum(sizes)
    digests = (sums[ends] - sums[ends - sizes]).tolist()

    shared: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for g in groups or ():
        if len(g.sources) > 1:
            for v in g.variants:
                for line, s, e in v.spans or ((v.line, v.start, v.end),):
                    shared[v.article].append((line, s, e))
    jobs = [_Job(i, p, d, tuple(sorted(shared.get(p.slug, ())))) for i, (p, d) in enumerate(zip(prints, digests))]
    try:
        found = memo_map(_unique_in, jobs)
    finally:
        _DOSSIER = None  # read only while the jobs run: let the rest of the build have the memory
    if not keeps_results():  # (a preview's memo hands out the same tuples next build: keep them)
        found = [_sharing_text(passages, article) for passages, article in zip(found, articles)]
    return {p.slug: passages for p, passages in zip(prints, found) if passages}


def _sharing_text(passages: tuple[UniquePassage, ...], article: ArticleText) -> tuple[UniquePassage, ...]:
    """The passages with the article's own paragraph strings as their text: from the workers, each
    comes with a copy of its paragraph."""
    if not passages:
        return passages
    texts = dict(article.paragraphs)
    return tuple(replace(p, text=texts[p.line]) if texts.get(p.line) == p.text else p for p in passages)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every bit of the result depends on every bit of x."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _build_index(d: _Dossier) -> tuple:
    """Postings of the rare stems (paragraph numbers), each paragraph's source, and the sorted codes paragraph << _STEM_BITS | stem of every paragraph's stems."""
    prints = d.prints
    all_ids = np.concatenate([p.par_ids for p in prints])
    all_par = np.concatenate([np.diff(p.par_bounds) for p in prints])  # stems per paragraph, all paragraphs
    all_par = np.repeat(np.arange(len(all_par)), all_par)
    keep = d.rare[all_ids]
    stems, pars = all_ids[keep], all_par[keep]
    order = np.argsort(stems, kind="stable")
    starts = np.searchsorted(stems[order], np.arange(len(d.weight) + 1))
    sources = {s: n for n, s in enumerate(dict.fromkeys(p.source for p in prints))}
    par_source = np.repeat(np.array([sources[p.source] for p in prints]), [len(p.lines) for p in prints])
    # paragraphs are numbered in order and their stems sorted in each: the codes come out sorted
    codes = (all_par << _STEM_BITS) | all_ids
    par_token = np.concatenate([p.par_tokens for p in prints])
    return starts, pars[order], par_source, sources, codes, par_token


def _unique_in(job: _Job) -> tuple[UniquePassage, ...]:
    """The article's unique paragraphs, from its sentences' best support in other outlets."""
    d = _DOSSIER
    p = job.print
    ids = p.ids[p.sent_stems]
    n_sent = len(p.sent_spans)
    sent_of = np.repeat(np.arange(n_sent), np.diff(p.sent_bounds))
    w_entry = d.weight[ids]
    w_sent = np.bincount(sent_of, weights=w_entry, minlength=n_sent)
    support = np.zeros(n_sent)
    rare = d.rare[ids]
    if rare.any():
        support = _best_support(d, p, ids, sent_of, w_entry, w_sent, rare)
    if job.quotes:  # a sentence overlapping a quote other outlets carry too is carried
        quoted: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for line, s, e in job.quotes:
            quoted[line].append((s, e))
        quoted_par = [quoted.get(line) for line in p.lines]  # per paragraph: its quotes, or None
        for j, (k, (s, e)) in enumerate(zip(p.sent_par.tolist(), p.sent_spans.tolist())):
            if quoted_par[k] and any(qs < e and s < qe for qs, qe in quoted_par[k]):
                support[j] = 1.0
    # Per paragraph, added up in sentence order: weight, weight of uncarried sentences, support x weight.
    counted = w_sent > 0
    n_par = len(p.lines)
    total = np.bincount(p.sent_par, weights=w_sent, minlength=n_par)
    lonely = counted & (support < CARRIED)
    uncarried = np.bincount(p.sent_par, weights=w_sent * lonely, minlength=n_par)
    weighted = np.bincount(p.sent_par, weights=support * w_sent, minlength=n_par)
    mean = np.divide(weighted, total, out=np.ones(n_par), where=total > 0)
    chosen = np.flatnonzero((total > 0) & (uncarried >= UNIQUE * total) & (mean < UNIQUE_SUPPORT))
    if not len(chosen):
        return ()
    spans: dict[int, list[tuple[int, int]]] = {k: [] for k in chosen.tolist()}
    sent_par, sent_spans = p.sent_par.tolist(), p.sent_spans.tolist()  # Python ints, as read one by one
    for j in np.flatnonzero(lonely).tolist():
        k = sent_par[j]
        if k in spans:
            spans[k].append(tuple(sent_spans[j]))
    texts = d.articles[job.at].paragraphs
    return tuple(UniquePassage(p.slug, p.source, p.lines[k], texts[k][1], round(float(mean[k]), 3), tuple(found))
                 for k, found in spans.items())


def _best_support(d: _Dossier, p: PassagePrint, ids, sent_of, w_entry, w_sent, rare) -> np.ndarray:
    """Per sentence, the largest weighted share of it that one paragraph of another outlet holds,
    among the TOP paragraphs that hold most of its rare stems' weight (ties: by paragraph token)."""
    starts, postings, par_source, sources, codes, par_token = d.index()
    stems = ids[rare]
    counts = starts[stems + 1] - starts[stems]
    if not counts.sum():
        return np.zeros(len(w_sent))
    take = np.repeat(starts[stems], counts) + _ranges(counts)
    par = postings[take]
    sent = np.repeat(sent_of[rare], counts)
    w = np.repeat(w_entry[rare], counts)
    other = par_source[par] != sources[p.source]
    par, sent, w = par[other], sent[other], w[other]
    if not len(par):
        return np.zeros(len(w_sent))
    key = sent * len(par_source) + par
    key, at = np.unique(key, return_inverse=True)
    hits = np.bincount(at, weights=w)
    sent, par = key // len(par_source), key % len(par_source)
    order = np.lexsort((par_token[par], -hits, sent))
    sent, par, hits = sent[order], par[order], hits[order]
    keep = np.arange(len(sent)) - np.searchsorted(sent, sent) < TOP
    sent, par, overlap = sent[keep], par[keep], hits[keep]
    # The overlap is the hits (rare stems) plus the sentence's common stems that the paragraph has too.
    common = np.flatnonzero(~rare)
    if len(common):
        bounds = np.searchsorted(sent_of[common], np.arange(len(w_sent) + 1))
        lengths = (bounds[1:] - bounds[:-1])[sent]
        entry = common[np.repeat(bounds[sent], lengths) + _ranges(lengths)]
        probe = (np.repeat(par, lengths) << _STEM_BITS) | ids[entry]
        at = np.searchsorted(codes, probe)
        at[at == len(codes)] = 0
        held = codes[at] == probe
        overlap = overlap + np.bincount(np.repeat(np.arange(len(sent)), lengths), weights=w_entry[entry] * held,
                                        minlength=len(sent))
    best = np.zeros(len(w_sent))
    np.maximum.at(best, sent, overlap)
    return np.divide(best, w_sent, out=np.zeros_like(best), where=w_sent > 0)


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for each c in counts, concatenated."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)


@paused()
def coverage(
    articles: Sequence[ArticleText],
    topic_mentions: Mapping[str, Iterable[str]],
    groups: Sequence[QuoteGroup] | None = None,
    unique: Mapping[str, Sequence[UniquePassage]] | None = None,
) -> dict:
    """Which outlets carry each topic, quote group and unique passage: the data of build/data/coverage.json.

    {sources: [{key, name, articles}], items: [{label, kind: topic|quote|unique, sources, articles, refs}]};
    `refs` are [{article, line}] for linking to exact paragraphs (topics have none). Groups and unique
    passages are computed when not given.

    `items` is a datafiles.Records: each quote group's and unique passage's item is made as the file
    is written (at 10,000 articles, 250,000 items held at once took 180 MB), and a preview encodes
    again only those of groups and passages that are new objects.
    """
    sources: dict[str, dict] = {}
    for a in articles:
        sources.setdefault(a.source, {"key": a.source, "name": a.source_name, "articles": []})["articles"].append(a.slug)
    carriers = Carriers({a.slug: (n, a.source) for n, a in enumerate(articles)}, {key: n for n, key in enumerate(sources)})
    if groups is None:
        from .quotes import find_quotes

        groups = group_quotes([q for a in articles for q in find_quotes(a)])
    if unique is None:
        unique = unique_passages(articles, groups)

    topics = []
    for label, slugs in topic_mentions.items():
        srcs, arts = carriers.of(slugs)
        if arts:
            topics.append({"label": label, "kind": "topic", "sources": srcs, "articles": arts, "refs": []})
    topics.sort(key=lambda item: (-len(item["sources"]), -len(item["articles"]), item["label"]))
    last = len(carriers.articles)
    passages = [p for slug in sorted(unique, key=lambda s: carriers.articles.get(s, (last,))[0]) for p in unique[slug]]
    return {"sources": list(sources.values()),
            "items": Records(partial(coverage_item, carriers), [*topics, *groups, *passages], carriers)}


@dataclass(frozen=True)
class Carriers:
    """Where each article stands in the dossier and which outlet it is from: what a coverage item
    reads besides its group or passage."""

    articles: dict[str, tuple[int, str]]  # slug -> (its place, its outlet's key)
    sources: dict[str, int]  # outlet key -> its place

    def of(self, slugs: Iterable[str]) -> tuple[list[str], list[str]]:
        """(outlets, articles) among `slugs`, each in dossier order; unknown articles left out."""
        known = self.articles
        arts = sorted({s for s in slugs if s in known}, key=lambda s: known[s][0])
        srcs = sorted({known[s][1] for s in arts}, key=self.sources.__getitem__)
        return srcs, arts


def coverage_item(carriers: Carriers, entry: dict | QuoteGroup | UniquePassage) -> dict:
    """The item of coverage.json for a topic's item (made already), a quote group or a unique passage."""
    if isinstance(entry, dict):
        return entry
    if isinstance(entry, QuoteGroup):
        refs = [{"article": v.article, "line": v.line} for v in entry.variants]
        return {"label": entry.label, "kind": "quote", "key": entry.key, "speaker": entry.speaker,
                **_carried(carriers.of(v.article for v in entry.variants)), "refs": refs}
    words = entry.text.split(None, 12)  # the 13th piece, if any, is the rest
    label = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    return {"label": label, "kind": "unique", **_carried(carriers.of((entry.article,))),
            "refs": [{"article": entry.article, "line": entry.line}]}


def _carried(found: tuple[list[str], list[str]]) -> dict:
    return {"sources": found[0], "articles": found[1]}
