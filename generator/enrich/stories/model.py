"""The objects the cross-source engine takes and returns: frozen dataclasses the lead turns into pages and JSON."""
from __future__ import annotations

import difflib
import functools
import hashlib
import re
from dataclasses import dataclass, field

from .text import comparable


@dataclass(frozen=True)
class ArticleText:
    """One cleaned article: its paragraphs with their line numbers in the file, title first."""

    slug: str
    source: str  # outlet key; unknown outlets each have their own key
    source_name: str  # display name
    paragraphs: tuple[tuple[int, str], ...]  # (line number in the file, cleaned paragraph text)


@dataclass(frozen=True)
class Quote:
    """Words inside quote marks, where they are, and who said them when the text says so.

    `line`, `start`, `end` place the quote's first part: offsets in that paragraph, inside the marks,
    surrounding spaces left out. A quote split over paragraphs (or lines) has one (line, start, end)
    per part in `spans`; `text` joins the parts with a space. A variant in a QuoteGroup may be one or
    more sentences of a longer quote: then `parent` is the whole quote as found.
    """

    article: str
    source: str
    line: int
    start: int
    end: int
    text: str
    speaker: str | None
    spans: tuple[tuple[int, int, int], ...] = ()
    closed: bool = True  # False when no closing mark was found: the quote ran to its paragraph's end
    parent: Quote | None = None

    @property
    def whole(self) -> Quote:
        """The quote as found in the article (itself unless this is a sentence taken from a longer quote)."""
        return self.parent or self

    @functools.cached_property
    def words(self) -> int:
        return len(self.text.split())


_TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|\s+|[^\w\s]")


@dataclass(frozen=True)
class QuoteGroup:
    """One statement as each outlet renders it: `variants` in article order, one or more per outlet."""

    speaker: str | None
    variants: tuple[Quote, ...]
    sources: frozenset[str] = field(default=frozenset())

    def __post_init__(self) -> None:
        if not self.sources:
            object.__setattr__(self, "sources", frozenset(v.source for v in self.variants))

    @functools.cached_property
    def key(self) -> str:
        """Stable id for links and JSON: a hash of where the variants are (not of their wording)."""
        where = sorted(f"{v.article}:{v.line}:{v.start}" for v in self.variants)
        return "q-" + hashlib.sha1("|".join(where).encode()).hexdigest()[:10]

    @functools.cached_property
    def label(self) -> str:
        """A short name for the statement: its most widely carried wording, cut at about 12 words."""
        if len(self.variants) == 1:
            best = self.variants[0]
        else:
            best = max(enumerate(self.variants), key=lambda iv: (iv[1].words >= 4, -abs(iv[1].words - 14), -iv[0]))[1]
        words = best.text.split(None, 12)  # the 13th piece, if any, is the rest
        return " ".join(words[:12]) + (" …" if len(words) > 12 else "")

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.article for v in self.variants))

    def diff(self, a: Quote, b: Quote) -> list[tuple[str, str]]:
        """Word-level differences from a to b: (equal|delete|insert, text); equal text is a's wording.

        Words compare case-, punctuation- and British/American-spelling-insensitively, so only real
        wording changes are highlighted; joining the non-insert parts gives a.text back, the
        non-delete parts b.text.
        """
        ta, tb = _TOKEN.findall(a.text), _TOKEN.findall(b.text)
        ka = [comparable(t) for t in ta]
        kb = [comparable(t) for t in tb]
        out: list[tuple[str, str]] = []

        def emit(op: str, text: str) -> None:
            if not text:
                return
            if out and out[-1][0] == op:
                out[-1] = (op, out[-1][1] + text)
            else:
                out.append((op, text))

        matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                emit("equal", "".join(ta[i1:i2]))
            else:
                emit("delete", "".join(ta[i1:i2]))
                emit("insert", "".join(tb[j1:j2]))
        return out


@dataclass(frozen=True)
class GroupingStats:
    """How much work grouping did: `comparisons` exact similarity checks out of `all_pairs` possible."""

    quotes: int
    units: int  # sentences (or clauses of long sentences) compared
    comparisons: int
    all_pairs: int
    links: int


@dataclass(frozen=True)
class Alignment:
    groups: list[QuoteGroup]
    stats: GroupingStats


@dataclass(frozen=True)
class NearCopy:
    """Two articles that share much of their own (non-quoted) wording: a repost or a rewrite of the other.

    `score`: share of the smaller article's word 5-grams found in the other; `narration`: the same with
    quoted words left out, which is what tells a repost from two outlets quoting one translation.
    `passages`: (line in a, line in b, share of the smaller paragraph's 5-grams in common).
    """

    a: str
    b: str
    source_a: str
    source_b: str
    score: float
    narration: float
    passages: tuple[tuple[int, int, float], ...]


@dataclass(frozen=True)
class UniquePassage:
    """A paragraph whose content no other outlet carries ("only in this source").

    `support`: how much of it (0-1, by word rarity) the best-matching other outlet covers;
    `sentences`: (start, end) offsets in the paragraph of the sentences nobody else has.
    """

    article: str
    source: str
    line: int
    text: str
    support: float
    sentences: tuple[tuple[int, int], ...]
