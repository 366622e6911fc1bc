"""Near-copies: pairs of articles where one reposts or rewrites the other, with the paragraphs they share.

What counts is distinctive wording: word 5-grams that at most COMMON_ARTICLES articles have. A pair
is a near-copy when the smaller article finds NEAR_COPY of its own wording (quotes cut out, because
two outlets quoting one official translation are not reposts of each other) in the other, or
NEAR_COPY_ALL of all its wording and NARRATION_MIN of its own; shares count distinctive 5-grams over
all the smaller article's 5-grams. Stock phrases ("according to people familiar with the talks")
are in hundreds of articles of a large dossier and make two unrelated articles look alike.

Per article (prints.article_print, remembered between preview builds): the 5-grams of the whole
article as 64-bit fingerprints (shingles.py), and which of them are its own wording. Across the
dossier, when it has more than INDEX_ALL 5-grams, only a sample is indexed: the fingerprints whose
low SAMPLE_BITS bits are zero, the same 5-grams in every article (Broder's mod-m sampling), in a
sorted numpy array; articles under SHORT 5-grams (about 300 words) also index one in four, so that
two short articles share enough of them. A pair is measured exactly when the distinctive sampled
5-grams it shares are at least CANDIDATE of the smaller article's sampled own 5-grams (about 34 for
600 words): a pair sharing 30% of its own wording is then missed about once in fifty, 40% once in
500, 50% less than once in 5,000. Smaller dossiers index every 5-gram and miss none.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import numpy as np

from .collector import paused
from ...parallel import memo_stage
from .model import ArticleText, NearCopy
from .prints import CopyPrint, paragraph_prints, prints_of
from .shingles import EMPTY

NEAR_COPY = 0.3  # share of the smaller article's own (non-quoted) 5-grams found in the other
NEAR_COPY_ALL = 0.3  # ...or of all its 5-grams, quotes included, provided that
NARRATION_MIN = 0.08  # ...some of its own wording is shared too (demo: repost 0.34/0.12, others <= 0.06/0.04)
PASSAGE = 0.2  # a paragraph pair is a shared passage from this share of the smaller one's 5-grams
MIN_SHARED = 3  # distinctive 5-grams two articles must share at least
COMMON_ARTICLES = 50  # 5-grams in more articles than this are stock phrases, not distinctive
INDEX_ALL = 200_000  # 5-grams a dossier may have for all of them to be indexed (exact, and cheap enough)
CANDIDATE = 0.12  # a pair is measured when it shares this share of the smaller own sample
CANDIDATE_MIN = 2  # ...and at least this many sampled 5-grams
_ID_BITS = 24  # article numbers packed under the fingerprint in one uint64 (up to 16 million articles)


@paused()
def near_copies(articles: Sequence[ArticleText]) -> list[NearCopy]:
    """Pairs of articles where one reposts or rewrites the other, with the paragraphs they share."""
    prints = [p.copy for p in prints_of(articles)]
    counts = memo_stage("stories.copies.counts", _STATE, ArticleCounts)
    counts.update(prints)
    # What two prints share depends on nothing else: kept for the next preview build under the
    # prints themselves (the memo returns the same print for an unchanged article).
    last = memo_stage("stories.copies.pairs", _STATE, dict)
    kept: dict[tuple[int, int], tuple] = {}
    measured = []
    for i, j in candidate_pairs(prints):
        a, b = prints[i], prints[j]
        known = last.get((id(a), id(b)))
        if known is None:
            known = (a, b, _shared(a, b), [])
        kept[id(a), id(b)] = known
        if known[2] is not None:
            measured.append((i, j, known))
    last.clear()
    last.update(kept)
    result = []
    for i, j, (a, b, (shared_all, shared_own), passages) in measured:
        shared = len(shared_all) - int(np.count_nonzero(counts.df(shared_all) > COMMON_ARTICLES))
        if shared < MIN_SHARED:
            continue
        score = shared / max(1, min(len(a.whole), len(b.whole)))
        own = len(shared_own) - int(np.count_nonzero(counts.df(shared_own) > COMMON_ARTICLES))
        narration = own / max(1, min(a.own_size, b.own_size))
        if narration < NEAR_COPY and not (score >= NEAR_COPY_ALL and narration >= NARRATION_MIN):
            continue
        x, y = articles[i], articles[j]
        if not passages:
            passages.append(shared_paragraphs(paragraph_prints(x), paragraph_prints(y), shared_all))
        lines = tuple((x.paragraphs[ka][0], y.paragraphs[kb][0], share) for ka, kb, share in passages[0])
        result.append(NearCopy(x.slug, y.slug, x.source, y.source, round(score, 3), round(narration, 3), lines))
    result.sort(key=lambda p: (-p.narration, -p.score, p.a, p.b))
    return result


_STATE = 1  # version of the objects kept between preview builds


def _shared(a: CopyPrint, b: CopyPrint) -> tuple[np.ndarray, np.ndarray] | None:
    """(5-grams a and b share, own 5-grams they share), or None when even counting stock phrases
    the pair cannot reach a threshold."""
    shared_own = intersection(a.own, b.own)
    own = max(1, min(a.own_size, b.own_size))
    if len(shared_own) < NARRATION_MIN * own:
        return None
    shared_all = intersection(a.whole, b.whole)
    if len(shared_own) < NEAR_COPY * own and len(shared_all) < NEAR_COPY_ALL * min(len(a.whole), len(b.whole)):
        return None
    return shared_all, shared_own


class ArticleCounts:
    """How many articles have each fingerprint, brought up to date from one build to the next by
    counting only the prints that changed (an unchanged article keeps its print object)."""

    def __init__(self):
        self.prints: dict[int, CopyPrint] = {}
        self.keys = EMPTY  # sorted fingerprints...
        self.counts = np.zeros(0, dtype=np.int64)  # ...and how many articles have each
        self.extra: dict[int, int] = {}  # fingerprints first seen after `keys` was made

    def update(self, prints: Sequence[CopyPrint]) -> None:
        now = {id(p): p for p in prints}
        removed = [p for key, p in self.prints.items() if key not in now]
        added = [p for key, p in now.items() if key not in self.prints]
        if len(removed) + len(added) > len(now) // 20 or len(self.extra) > len(self.keys) // 10:
            every = np.concatenate([p.whole for p in prints]) if prints else EMPTY
            self.keys, self.counts = np.unique(every, return_counts=True)
            self.extra = {}
        else:
            for p in removed:
                self._add(p.whole, -1)
            for p in added:
                self._add(p.whole, 1)
        self.prints = now

    def _add(self, values: np.ndarray, delta: int) -> None:
        at, found = self._find(values)
        self.counts[at[found]] += delta  # values are distinct: no index twice
        for value in values[~found].tolist():
            count = self.extra.get(value, 0) + delta
            if count:
                self.extra[value] = count
            else:
                del self.extra[value]

    def _find(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if not len(self.keys):
            return np.zeros(len(values), dtype=np.int64), np.zeros(len(values), dtype=bool)
        at = np.searchsorted(self.keys, values)
        at[at == len(self.keys)] = 0
        return at, self.keys[at] == values

    def df(self, values: np.ndarray) -> np.ndarray:
        """How many articles have each of `values`."""
        at, found = self._find(values)
        out = np.where(found, self.counts[at] if len(self.keys) else 0, 0)
        if self.extra and not found.all():
            missing = np.flatnonzero(~found)
            out[missing] = [self.extra.get(v, 0) for v in values[missing].tolist()]
        return out


def intersection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values two sorted arrays of distinct values share, sorted."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    return a[b[at] == a]


def candidate_pairs(prints: Sequence[CopyPrint]) -> list[tuple[int, int]]:
    """(i, j), i < j: articles sharing enough sampled fingerprints that at most COMMON_ARTICLES articles have."""
    n = len(prints)
    every = sum(len(p.whole) for p in prints) <= INDEX_ALL
    samples = [p.whole for p in prints] if every else [p.sample for p in prints] + [p.sample_short for p in prints]
    sizes = np.fromiter(map(len, samples), dtype=np.int64, count=len(samples))
    if n < 2 or not sizes.sum():
        return []
    keys = np.concatenate(samples)
    owner = np.repeat(np.tile(np.arange(n, dtype=np.uint64), len(samples) // n), sizes)
    packed = np.sort((keys >> np.uint64(_ID_BITS) << np.uint64(_ID_BITS)) | owner)
    key = packed >> np.uint64(_ID_BITS)
    ids = (packed & np.uint64((1 << _ID_BITS) - 1)).astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    counts = np.diff(np.append(starts, len(key)))
    keep = (counts >= 2) & (counts <= COMMON_ARTICLES)
    starts, counts = starts[keep], counts[keep]
    if not len(starts):
        return []
    # Every pair of members of each kept group: the member at local index a pairs with a+1 .. size-1.
    first = np.repeat(starts, counts) + _ranges(counts)
    later = np.repeat(counts, counts) - 1 - _ranges(counts)
    left = np.repeat(first, later)
    right = left + 1 + _ranges(later)
    code = np.sort(ids[left] * n + ids[right])
    bounds = np.flatnonzero(np.concatenate(([True], code[1:] != code[:-1], [True])))
    code, shared = code[bounds[:-1]], np.diff(bounds)
    i, j = code // n, code % n
    if every:
        own = np.fromiter((p.own_size for p in prints), dtype=np.int64, count=n)
        smaller = np.minimum(own[i], own[j])
    else:  # two short articles are sampled at their rate, any other pair at the long one's
        own = np.fromiter((p.own_sampled for p in prints), dtype=np.int64, count=n)
        own_short = np.fromiter((p.own_sampled_short for p in prints), dtype=np.int64, count=n)
        both_short = (own_short[i] > 0) & (own_short[j] > 0)
        smaller = np.where(both_short, np.minimum(own_short[i], own_short[j]), np.minimum(own[i], own[j]))
    keep = (shared >= CANDIDATE_MIN) & (shared >= CANDIDATE * smaller)
    return list(zip(i[keep].tolist(), j[keep].tolist()))


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for each c in counts, concatenated."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(counts) - counts
    return np.arange(total, dtype=np.int64) - np.repeat(starts, counts)


def shared_paragraphs(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray],
                      common: np.ndarray) -> list[tuple[int, int, float]]:
    """(paragraph of a, paragraph of b, share of the smaller one's 5-grams) for paragraphs sharing enough;
    a and b are paragraph_prints.

    Paragraphs are compared on all their 5-grams, stock phrases included: this says where the articles
    are alike, not whether they are near-copies."""
    if not len(common):
        return []
    hits: dict[tuple[int, int], int] = defaultdict(int)
    in_b: dict[int, list[int]] = defaultdict(list)
    for f, k in _paragraphs_holding(*b, common):
        in_b[f].append(k)
    for f, k in _paragraphs_holding(*a, common):
        for other in in_b[f]:
            hits[k, other] += 1
    sizes_a, sizes_b = np.diff(a[1]).tolist(), np.diff(b[1]).tolist()
    out = []
    for (x, y), n in sorted(hits.items()):
        small = min(sizes_a[x], sizes_b[y])
        if n >= MIN_SHARED and n >= PASSAGE * small:
            out.append((x, y, round(n / small, 3)))
    return out


def _paragraphs_holding(fingerprints: np.ndarray, bounds: np.ndarray, common: np.ndarray) -> list[tuple[int, int]]:
    """(fingerprint, paragraph) for each fingerprint of `common` in each paragraph that has it."""
    at = np.searchsorted(common, fingerprints)
    at[at == len(common)] = 0
    hit = np.flatnonzero(common[at] == fingerprints)
    par = np.searchsorted(bounds, hit, side="right") - 1
    return list(zip(fingerprints[hit].tolist(), par.tolist()))
