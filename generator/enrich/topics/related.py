"""'See also': the topics that co-occur with each topic most (a shared paragraph counts 3, a shared
article only 1).

Counted afresh with numpy when the dossier is big (pairs of topics in every article and every
paragraph: millions at 10,000 articles). The last call's counts are kept (in this process), so a
rebuild where a few topics changed (one article edited in the preview server) adjusts the counts
by what those topics gained or lost: a topic handed over as the same object is unchanged, and for
a changed one only the articles whose mentions differ are looked at.
"""
from __future__ import annotations

import gc
import heapq
from bisect import bisect_left, bisect_right
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
    """Pair scores over topics (by slug), and the topics they were counted from."""

    def __init__(self, limit: int = 5):
        self.limit = limit
        self.seen: dict[str, object] = {}  # slug -> the topic object counted
        self.rows: dict[str, Counter] = {}  # slug -> other slug -> score (made when first needed)
        self.best: dict[str, list] = {}  # slug -> its related slugs, as last worked out
        self.counted = None  # numpy's count: (slugs, first, second, score, row starts, row ends)
        self.number: dict[str, int] = {}  # slug -> its row in numpy's count

    def related(self, topics: Sequence, limit: int) -> dict[str, list[str]]:
        slugs = [t.slug for t in topics]
        now = dict(zip(slugs, topics))
        changed = [t for t in topics if self.seen.get(t.slug) is not t]
        gone = [slug for slug in self.seen if slug not in now]
        if (limit != self.limit or len(now) != len(topics) or not self.seen
                or len(changed) + len(gone) > FRESH_ABOVE * max(len(topics), 1)):
            self.__init__(limit)
            self.seen = dict(now)
            if sum(len(t.mentions) for t in topics) >= NUMPY_FROM:
                self._count_with_numpy(topics)
            else:
                self._count_in_python(topics)
        else:
            dirty: set[str] = set()
            for slug in gone:
                old = self.seen[slug]
                self._move(slug, old, None, {m[0] for m in old.mentions}, dirty)
                del self.seen[slug]
                self.best.pop(slug, None)
                self.rows.pop(slug, None)
                self.number.pop(slug, None)  # were it to come back, it starts from nothing
            for t in changed:
                old = self.seen.get(t.slug)
                if old is None:
                    articles = {m[0] for m in t.mentions}
                else:  # only where the two differ
                    articles = {m[0] for m in set(old.mentions).symmetric_difference(t.mentions)}
                self._move(t.slug, old, t, articles, dirty)
                self.seen[t.slug] = t
            for slug in dirty:
                if slug in now:
                    self.best[slug] = self._best(slug)
        return {slug: list(self.best[slug]) for slug in slugs}

    # ------------------------------------------------------------------------------- counting
    def _row(self, slug: str) -> Counter:
        """The scores of one topic with the others."""
        row = self.rows.get(slug)
        if row is None:
            row = self.rows[slug] = Counter()
            i = self.number.get(slug)
            if i is not None and self.counted is not None:
                slugs, _, second, score, starts, ends = self.counted
                a, b = int(starts[i]), int(ends[i])
                for j, s in zip(second[a:b].tolist(), score[a:b].tolist()):
                    row[slugs[j]] = s
        return row

    def _best(self, slug: str) -> list[str]:
        row = self._row(slug)
        return [other for _, other in heapq.nsmallest(self.limit, ((-s, other) for other, s in row.items()))]

    def _move(self, slug: str, old, new, articles: set, dirty: set) -> None:
        """Topic `slug` goes from `old` to `new` (either None) in `articles`: its scores with the
        topics mentioned there (as counted so far) change by what it gained or lost."""
        for a in articles:
            before_lines = _lines(old, a)
            after_lines = _lines(new, a)
            if before_lines == after_lines:
                continue
            dirty.add(slug)
            for other, topic in self.seen.items():
                if other == slug:
                    continue
                theirs = _lines(topic, a)
                if theirs is None:
                    continue
                by = (after_lines is not None) - (before_lines is not None)
                by += 2 * ((len(theirs & after_lines) if after_lines else 0)
                           - (len(theirs & before_lines) if before_lines else 0))
                if by:
                    self._bump(slug, other, by)
                    dirty.add(other)

    def _bump(self, a: str, b: str, by: int) -> None:
        ra, rb = self._row(a), self._row(b)
        left = ra[b] + by
        if left:
            ra[b] = rb[a] = left
        else:
            del ra[b], rb[a]

    def _count_in_python(self, topics: Sequence) -> None:
        in_article: dict[str, list] = defaultdict(list)
        in_paragraph: dict[tuple, list] = defaultdict(list)
        for t in topics:
            ms = t.mentions
            for a in set(map(_ARTICLE, ms)):
                in_article[a].append(t.slug)
            for p in set(zip(map(_ARTICLE, ms), map(_LINE, ms))):
                in_paragraph[p].append(t.slug)
        pairs: Counter = Counter()
        for together in in_article.values():
            if len(together) > 1:
                pairs.update(combinations(sorted(together), 2))
        for together in in_paragraph.values():
            if len(together) > 1:
                together = sorted(together)
                pairs.update(combinations(together, 2))  # a shared paragraph counts 2 more
                pairs.update(combinations(together, 2))
        rows = self.rows
        for t in topics:
            rows[t.slug] = Counter()
        for (a, b), s in pairs.items():
            rows[a][b] = s
            rows[b][a] = s
        for t in topics:
            self.best[t.slug] = self._best(t.slug)

    def _count_with_numpy(self, topics: Sequence) -> None:
        """Every topic's best, from pair counts made with numpy (topics numbered in slug order, so
        that a tie goes to the lower number); a topic's row of scores is made when an edit needs it."""
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
        self.counted = (slugs, first, second, scores, starts, ends)
        self.number = {slug: i for i, slug in enumerate(slugs)}


def _lines(topic, article: str) -> frozenset | None:
    """The lines of `article` where `topic` is mentioned, or None when it is not mentioned there."""
    if topic is None:
        return None
    ms = topic.mentions
    lo = bisect_left(ms, article, key=_ARTICLE)
    if lo == len(ms) or ms[lo][0] != article:
        return None
    hi = bisect_right(ms, article, lo, key=_ARTICLE)
    return frozenset(map(_LINE, ms[lo:hi]))


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


_state = Cooccurrence()


def related_topics(topics: Sequence, limit: int = 5) -> dict[str, list[str]]:
    """slug -> slugs of the topics that co-occur with it most, for 'see also'.

    Sharing a paragraph counts 3, sharing only an article 1; ties go alphabetically. A topic that
    shares nothing with another is not related to it. Slugs are unique (find_topics makes them so).
    """
    collecting = gc.isenabled()
    gc.disable()  # as in find_topics: no cycles made here, and the collector's passes cost more
    try:
        return _state.related(topics, limit)
    finally:
        if collecting:
            gc.enable()
