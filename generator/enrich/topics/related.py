"""'See also': the topics that co-occur with each topic most (a shared paragraph counts 3, a shared
article only 1).

Counted afresh with numpy when the dossier is big (pairs of topics in every article and every
paragraph: millions at 10,000 articles). The last call's counts are kept (in this process), so a
rebuild where a few topics changed (one article edited in the preview server) adjusts the counts
by what those topics gained or lost: a topic handed over as the same object is unchanged, and
for a changed one only the articles and paragraphs it entered or left are looked at.
"""
from __future__ import annotations

import gc
import heapq
from collections import Counter, defaultdict
from itertools import combinations
from operator import itemgetter
from typing import Sequence

_ARTICLE, _LINE = itemgetter(0), itemgetter(1)
FRESH_ABOVE = 0.25  # when more of the topics than this changed, counting afresh is quicker
NUMPY_FROM = 100_000  # mentions; below this, counting in Python is as quick as importing numpy
LINES = 1 << 32  # paragraph code: article number * LINES + line
BINCOUNT_UP_TO = 1 << 22  # topics squared: count pairs in an array that big rather than by sorting


class Cooccurrence:
    """Pair scores over topics (by slug), and what each topic was last counted with."""

    def __init__(self, limit: int = 5):
        self.limit = limit
        self.seen: dict[str, object] = {}  # slug -> the topic object counted
        self.in_article: dict[str, tuple] = {}  # article -> slugs mentioned there
        self.in_paragraph: dict[tuple, tuple] = {}  # (article, line) -> slugs mentioned there
        self.score: dict[str, Counter] = defaultdict(Counter)  # slug -> other slug -> score
        self.best: dict[str, list] = {}  # slug -> its related slugs, as last worked out
        self.indexed = False  # in_article, in_paragraph and score hold the counts of `seen`
        self.pairs = None  # numpy's pair scores, until the indexes are made from them

    def related(self, topics: Sequence, limit: int) -> dict[str, list[str]]:
        slugs = [t.slug for t in topics]
        now = dict(zip(slugs, topics))
        changed = [t for t in topics if self.seen.get(t.slug) is not t]
        gone = [slug for slug in self.seen if slug not in now]
        if (limit != self.limit or len(now) != len(topics) or not self.seen
                or len(changed) + len(gone) > FRESH_ABOVE * max(len(topics), 1)):
            self.__init__(limit)
            for t in topics:
                self.seen[t.slug] = t
            if sum(len(t.mentions) for t in topics) >= NUMPY_FROM:
                self._count_with_numpy(topics)
            else:
                self._index(topics)
                for t in topics:
                    self.best[t.slug] = self._best(t.slug)
        else:
            if not self.indexed:
                self._index(list(self.seen.values()))
            dirty: set[str] = set()
            for slug in gone:
                self._move(slug, _members(self.seen.pop(slug)), (frozenset(), frozenset()), dirty)
                self.score.pop(slug, None)
                self.best.pop(slug, None)
            for t in changed:
                before = self.seen.get(t.slug)
                self._move(t.slug, _members(before) if before is not None else (frozenset(), frozenset()),
                           _members(t), dirty)
                self.seen[t.slug] = t
            for slug in dirty:
                if slug in now:
                    self.best[slug] = self._best(slug)
        return {slug: list(self.best[slug]) for slug in slugs}

    def _best(self, slug: str) -> list[str]:
        found = self.score.get(slug)
        if not found:
            return []
        return [other for _, other in heapq.nsmallest(self.limit, ((-s, other) for other, s in found.items()))]

    def _move(self, slug: str, before: tuple, after: tuple, dirty: set) -> None:
        """Topic `slug` leaves the articles and paragraphs it is no longer in and enters its new ones."""
        score = self.score
        for index, old, new, weight in ((self.in_article, before[0], after[0], 1),
                                         (self.in_paragraph, before[1], after[1], 2)):
            for place in old - new:
                others = tuple(other for other in index[place] if other != slug)
                for other in others:
                    _bump(score, slug, other, -weight)
                    dirty.add(other)
                if others:
                    index[place] = others
                else:
                    del index[place]
                dirty.add(slug)
            for place in new - old:
                others = index.get(place, ())
                for other in others:
                    _bump(score, slug, other, weight)
                    dirty.add(other)
                index[place] = (*others, slug)
                dirty.add(slug)

    def _index(self, topics: Sequence) -> None:
        """Which topics each article and paragraph mentions, and the pair scores (from numpy's
        count when it made one)."""
        in_article: dict[str, list] = defaultdict(list)
        in_paragraph: dict[tuple, list] = defaultdict(list)
        for t in topics:
            articles, paragraphs = _members(t)
            for a in articles:
                in_article[a].append(t.slug)
            for p in paragraphs:
                in_paragraph[p].append(t.slug)
        self.in_article = {a: tuple(v) for a, v in in_article.items()}
        self.in_paragraph = {p: tuple(v) for p, v in in_paragraph.items()}
        score = self.score
        if self.pairs is not None:
            slugs, first, second, scores = self.pairs
            for a, b, s in zip(first.tolist(), second.tolist(), scores.tolist()):
                score[slugs[a]][slugs[b]] = s
            self.pairs = None
        else:
            pairs: Counter = Counter()
            for together in in_article.values():
                if len(together) > 1:
                    pairs.update(combinations(sorted(together), 2))
            for together in in_paragraph.values():
                if len(together) > 1:
                    together = sorted(together)
                    pairs.update(combinations(together, 2))  # a shared paragraph counts 2 more
                    pairs.update(combinations(together, 2))
            for (a, b), s in pairs.items():
                score[a][b] = s
                score[b][a] = s
        self.indexed = True

    def _count_with_numpy(self, topics: Sequence) -> None:
        """Every topic's best, from pair counts made with numpy (topics numbered in slug order, so
        that a tie goes to the lower number)."""
        import numpy as np

        ranked = sorted(topics, key=lambda t: t.slug)
        slugs = [t.slug for t in ranked]
        n = len(ranked)
        every: set = set()
        for t in ranked:
            every.update(map(_ARTICLE, t.mentions))
        number = {a: i for i, a in enumerate(every)}
        art_topic, art_group, par_topic, par_group = [], [], [], []
        for i, t in enumerate(ranked):
            ms = t.mentions
            articles = np.fromiter(map(number.__getitem__, map(_ARTICLE, ms)), np.int64, len(ms))
            lines = np.fromiter(map(_LINE, ms), np.int64, len(ms))
            found = np.unique(articles)
            art_group.append(found)
            art_topic.append(np.full(len(found), i, np.int64))
            found = np.unique(articles * LINES + lines)
            par_group.append(found)
            par_topic.append(np.full(len(found), i, np.int64))
        codes, counts = _pair_counts(np, np.concatenate(art_topic), np.concatenate(art_group), n)
        in_paragraphs, twice = _pair_counts(np, np.concatenate(par_topic), np.concatenate(par_group), n)
        counts[np.searchsorted(codes, in_paragraphs)] += 2 * twice  # a pair in a paragraph is in its article
        first, second = codes // n, codes % n
        first, second, scores = (np.concatenate((first, second)), np.concatenate((second, first)),
                                 np.concatenate((counts, counts)))
        order = np.lexsort((second, -scores, first))
        first, second, scores = first[order], second[order], scores[order]
        starts = np.searchsorted(first, np.arange(n))
        ends = np.searchsorted(first, np.arange(n), side="right")
        best = second.tolist()
        for i, slug in enumerate(slugs):
            a = int(starts[i])
            self.best[slug] = [slugs[j] for j in best[a:min(a + self.limit, int(ends[i]))]]
        self.pairs = (slugs, first, second, scores)


def _pair_counts(np, topic, group, n: int):
    """(pair codes a*n+b with a<b, how many groups hold both) for topics listed once per group."""
    order = np.lexsort((topic, group))
    topic, group = topic[order], group[order]
    codes = []
    for d in range(1, len(topic)):
        same = group[:-d] == group[d:]
        if not same.any():
            break  # sorted by group: no group has more than d members
        codes.append(topic[:-d][same] * n + topic[d:][same])
    if not codes:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    codes = np.concatenate(codes)
    if n * n <= BINCOUNT_UP_TO:
        counts = np.bincount(codes, minlength=n * n)
        codes = np.flatnonzero(counts)
        return codes, counts[codes]
    return np.unique(codes, return_counts=True)


def _bump(score: dict, a: str, b: str, by: int) -> None:
    left = score[a][b] + by
    if left:
        score[a][b] = score[b][a] = left
    else:
        del score[a][b], score[b][a]


def _members(topic) -> tuple[frozenset, frozenset]:
    """The articles and the paragraphs ((article, line)) a topic is mentioned in."""
    ms = topic.mentions
    return frozenset(map(_ARTICLE, ms)), frozenset(zip(map(_ARTICLE, ms), map(_LINE, ms)))


_state = Cooccurrence()


def related_topics(topics: Sequence, limit: int = 5) -> dict[str, list[str]]:
    """slug -> slugs of the topics that co-occur with it most, for 'see also'.

    Sharing a paragraph counts 3, sharing only an article 1; ties go alphabetically. A topic that
    shares nothing with another is not related to it.
    """
    collecting = gc.isenabled()
    gc.disable()  # as in find_topics: no cycles made here, and the collector's passes cost more
    try:
        return _state.related(topics, limit)
    finally:
        if collecting:
            gc.enable()
