"""Grouping quotes across outlets: one group per statement, however each outlet translated it.

Unit of alignment: a sentence of a quote (a long sentence is cut further at ':' or ';'), because
outlets quote different stretches of the same answer: one quotes three sentences, another one of
them, a third two of them in another order. Each unit is a set of content-word stems (see text.py).

Two units are the same statement when their stem sets overlap enough (RULES: Jaccard >= 0.33 with 3+
shared stems, or >= 0.5 with 2+, or the smaller set lies at least 70% inside the larger with 3+ shared:
a short phrase quoted from a longer rendering); never when both name different speakers. Groups are the connected components of that relation.

Candidates come from an inverted index of the rarer stems, with prefix filtering (Chaudhuri et al.
2006; Bayardo et al. 2007): stems ordered rarest first, a unit x can only reach the overlap either rule
needs with y if one of its first |x| - need + 1 stems is in y, so only those are looked up. Stems in
more than 100 units are too common to be keys (they still count in the comparison): each lookup then
costs at most 100 comparisons, so the work grows linearly with the corpus; the price is the pairs that
share only common stems (bench: recall 0.874 -> 0.851 at 10,000 articles, 4.5x less work than a 1% cap).
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from typing import NamedTuple, Sequence

from .collector import paused
from ...parallel import memo_stage
from .model import Alignment, GroupingStats, Quote, QuoteGroup
from .text import content_stems, sentence_spans

# Two units render one statement when any rule holds: (min Jaccard, min share of the smaller set, min shared stems).
RULES = (
    (0.33, 0.0, 3),  # a third of two renderings' content words agree, three at least
    (0.5, 0.0, 2),  # two short renderings share half their words
    (0.0, 0.7, 3),  # a quoted phrase lies mostly inside a longer rendering
)
LONG_SENTENCE = 30  # words: longer sentences are cut at ':' and ';' before aligning
COMMON = 100  # stems in more units than this are not index keys: it keeps the work linear in the corpus size


class Unit(NamedTuple):
    """A sentence (or clause) of a quote, as aligned: a tuple, made 60,000 times a build at 10,000 articles."""

    index: int
    quote: int  # index of the quote in the input
    a: int  # offsets in the quote's text
    b: int
    stems: frozenset[str]
    speaker: frozenset[str] | None


def group_quotes(quotes: Sequence[Quote], *, min_words: int = 2) -> list[QuoteGroup]:
    """Groups of quotes that render one statement, multi-source groups first, then by size.

    Quotes shorter than `min_words` words (scare quotes such as “invasion”) are left out.
    """
    return align_quotes(quotes, min_words=min_words).groups


@paused()
def align_quotes(quotes: Sequence[Quote], *, min_words: int = 2, exhaustive: bool = False) -> Alignment:
    """group_quotes with the work it did; `exhaustive` compares every pair (the reference for tests and bench)."""
    units = units_of(quotes, min_words)
    if exhaustive:
        pairs = ((x, y) for i, x in enumerate(units) for y in units[i + 1 :])
    else:
        pairs = candidate_pairs(units)
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    comparisons = links = 0
    for x, y in pairs:
        comparisons += 1
        if same_statement(x, y):
            links += 1
            rx, ry = find(x.index), find(y.index)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    components: dict[int, list[Unit]] = defaultdict(list)
    for u in units:
        components[find(u.index)].append(u)
    components_first = [min(u.quote for u in members) for members in components.values()]
    # The last build's groups, under the identity of their variants: a preview build gets the same
    # Quote objects for unchanged articles (parallel.memo_map), and so the same QuoteGroup objects,
    # with their labels and keys already worked out.
    last = memo_stage("stories.align.groups", 1, dict)
    kept: dict[tuple, tuple] = {}
    groups = [_group(quotes, members, last, kept) for members in components.values()]
    last.clear()
    last.update(kept)
    # Multi-source groups first, then by size, then by their first quote (members[0] after _group
    # sorted them): components come in the order of their first unit, and so do the groups of one.
    order = sorted(range(len(groups)), key=lambda i: (len(groups[i].sources) < 2, -len(groups[i].sources),
                                                       -len(groups[i].variants), components_first[i]))
    groups = [groups[i] for i in order]
    n = len(units)
    return Alignment(groups, GroupingStats(len(quotes), n, comparisons, n * (n - 1) // 2, links))


def same_statement(x: Unit, y: Unit) -> bool:
    """The link rule (see RULES and the module docstring)."""
    if x.speaker and y.speaker and not (x.speaker <= y.speaker or y.speaker <= x.speaker):
        return False
    inter = len(x.stems & y.stems)
    union = len(x.stems) + len(y.stems) - inter
    small = min(len(x.stems), len(y.stems))
    return any(inter >= n and inter >= j * union and inter >= c * small for j, c, n in RULES)


def min_overlap(size: int) -> int:
    """The fewest shared stems with which a unit of this size can be linked to a unit at least as large."""
    return min(max(n, math.ceil(j * size - 1e-9), math.ceil(c * size - 1e-9)) for j, c, n in RULES)


def candidate_pairs(units: list[Unit]):
    """Pairs that may be linked, each once, from the smaller unit's prefix of rare stems."""
    df = Counter(t for u in units for t in u.stems)
    common = COMMON
    postings: dict[str, list[int]] = defaultdict(list)
    for u in units:
        for t in u.stems:
            if df[t] <= common:
                postings[t].append(u.index)
    size = [len(u.stems) for u in units]
    for x in units:
        n = size[x.index]
        if n < 2:
            continue
        ordered = sorted(x.stems, key=lambda t: (df[t], t))
        prefix = ordered[: n - min_overlap(n) + 1]
        seen: set[int] = set()
        for t in prefix:
            if df[t] > common:
                break  # ordered rarest first: the rest are common too
            for j in postings[t]:
                if j in seen:
                    continue
                seen.add(j)
                if (size[j], j) > (n, x.index):
                    yield x, units[j]


def units_of(quotes: Sequence[Quote], min_words: int) -> list[Unit]:
    units: list[Unit] = []
    for qi, q in enumerate(quotes):
        if q.words < min_words:
            continue
        speaker = _speaker_words(q.speaker) if q.speaker else None
        for a, b, stems in _segments(q.text):
            units.append(Unit(len(units), qi, a, b, stems, speaker))
    return units


@functools.lru_cache(maxsize=1 << 14)
def _speaker_words(speaker: str) -> frozenset[str]:
    return frozenset(speaker.lower().split())


_CLAUSE = re.compile(r"[:;]\s+")


@functools.lru_cache(maxsize=1 << 18)
def _segments(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """Sentences of a quote (long ones cut at ':' / ';'), tiny ones merged into a neighbour.

    Remembered by text: a preview build groups every quote again, most of them unchanged."""
    pieces: list[tuple[int, int]] = []
    for s, e in sentence_spans(text):
        if len(text[s:e].split()) > LONG_SENTENCE:
            cuts = [m.end() for m in _CLAUSE.finditer(text, s, e)]
            bounds = [s] + cuts + [e]
            for a, b in zip(bounds, bounds[1:]):
                seg = text[a:b].rstrip()
                if seg.strip():
                    pieces.append((a, a + len(seg)))
        else:
            pieces.append((s, e))
    out: list[list] = []
    for a, b in pieces:
        stems = content_stems(text[a:b])
        if out and (len(stems) < 2 or len(out[-1][2]) < 2):
            out[-1][1] = b
            out[-1][2] = out[-1][2] + stems
        else:
            out.append([a, b, stems])
    return tuple((a, b, frozenset(stems)) for a, b, stems in out)


def _group(quotes: Sequence[Quote], members: list[Unit], last: dict | None = None, kept: dict | None = None) -> QuoteGroup:
    """The group of the units of one component; the last build's group object when it has the same variants."""
    last = {} if last is None else last
    kept = {} if kept is None else kept
    members.sort(key=lambda u: (u.quote, u.a))
    parts: list[tuple[Quote, int, int]] = []
    run: list[Unit] = []
    for u in members + [None]:  # type: ignore[list-item]
        if run and (u is None or u.quote != run[-1].quote or not _adjacent(quotes[u.quote].text, run[-1], u)):
            parts.append((quotes[run[0].quote], run[0].a, run[-1].b))
            run = []
        if u is not None:
            run.append(u)
    key = tuple((id(q), a, b) for q, a, b in parts)
    known = last.get(key)
    if known is None or any(q is not w for (q, _, _), w in zip(parts, known[0])):
        variants = tuple(sub_quote(q, a, b) for q, a, b in parts)
        speakers = Counter(v.speaker for v in variants if v.speaker)
        speaker = speakers.most_common(1)[0][0] if speakers else None
        known = (tuple(q for q, _, _ in parts), QuoteGroup(speaker, variants))
    kept[key] = known
    return known[1]


def _adjacent(text: str, x: Unit, y: Unit) -> bool:
    return not text[x.b : y.a].strip()


def sub_quote(q: Quote, a: int, b: int) -> Quote:
    """The part q.text[a:b] of a quote as a Quote of its own, placed in its paragraph(s); q itself if whole."""
    if a <= 0 and b >= len(q.text):
        return q
    spans = []
    offset = 0
    for line, s, e in q.spans or ((q.line, q.start, q.end),):
        length = e - s
        lo, hi = max(a, offset), min(b, offset + length)
        if lo < hi:
            spans.append((line, s + lo - offset, s + hi - offset))
        offset += length + 1  # parts are joined with one space
    line, start, end = spans[0]
    return Quote(q.article, q.source, line, start, end, q.text[a:b], q.speaker, tuple(spans), q.closed, q)
