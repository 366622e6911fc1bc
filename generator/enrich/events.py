"""Timeline events: each dated expression in the cleaned text, with its sentence, grouped across outlets.

The tagger (dates.py) reads each article's kept paragraphs as one text, so the year a narrative is
in carries from one paragraph to the next. Mentions with the same resolved date and a similar
sentence are one event, however many outlets report it.
"""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from ..parallel import memo_map
from .dates import find_timexes, value_days, value_label

STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his in is it its of on or that the their "
    "them they this to was were which while who will with would said says say told also after before last "
    "this next on thursday".split()
)
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)\]]*\s+(?=[\"“‘«(\[]?[A-Z0-9])")
SIMILAR = 0.3  # share of the shorter sentence's content words that says two sentences tell one event


@dataclass(frozen=True)
class Paragraphs:
    """What the timeline needs of an article: who published it, when, and its kept paragraphs."""

    slug: str
    source: str
    source_name: str
    date: datetime.date | None
    paragraphs: tuple[tuple[int, str], ...]  # (file line, text)


@dataclass(frozen=True)
class EventMention:
    article: str
    source: str
    source_name: str
    line: int
    text: str  # the date expression as written
    sentence: str
    at: int  # where `text` starts in `sentence`
    value: str
    mod: str | None


@dataclass(frozen=True)
class TimelineEntry:
    key: str  # anchor id on the timeline page
    value: str
    mod: str | None
    first_day: datetime.date
    last_day: datetime.date
    label: str
    mentions: tuple[EventMention, ...]

    @property
    def sources(self) -> list[str]:
        return sorted({m.source_name for m in self.mentions})

    @property
    def machine_date(self) -> str | None:
        """The value as HTML's <time datetime> accepts it, or None where no form fits (decades)."""
        value = self.value
        if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", value):
            return value
        if self.first_day.year == self.last_day.year:
            return f"{self.first_day.year:04d}"
        return None


def dated_mentions(article: Paragraphs) -> list[EventMention]:
    """Every expression in the article that resolves to a span of days on the calendar."""
    if article.date is None or not article.paragraphs:
        return []
    text, starts = join_paragraphs(article.paragraphs)
    mentions = []
    for timex in find_timexes(text, article.date):
        if timex.type not in ("DATE", "TIME"):
            continue
        value = timex.value[:10] if timex.type == "TIME" else timex.value
        if value_days(value) is None:
            continue
        index = paragraph_at(starts, timex.start)
        line, paragraph = article.paragraphs[index]
        local = timex.start - starts[index]
        sentence, at = sentence_around(paragraph, local)
        mentions.append(
            EventMention(article.slug, article.source, article.source_name, line, timex.text, sentence, at, value, timex.mod)
        )
    return mentions


def join_paragraphs(paragraphs: Sequence[tuple[int, str]]) -> tuple[str, list[int]]:
    starts, parts, offset = [], [], 0
    for _, text in paragraphs:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2
    return "\n\n".join(parts), starts


def paragraph_at(starts: list[int], offset: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= offset:
            index = i
        else:
            break
    return index


def sentence_around(paragraph: str, offset: int) -> tuple[str, int]:
    """The sentence of `paragraph` holding `offset`, and the offset within that sentence."""
    start = 0
    for match in SENTENCE_END.finditer(paragraph):
        if match.end() > offset:
            end = match.start()
            return paragraph[start:end].strip(), offset - start
        start = match.end()
    return paragraph[start:].strip(), offset - start


def content_words(sentence: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", sentence.lower())
    return frozenset(w for w in words if w not in STOPWORDS and len(w) > 2)


def build_timeline(articles: Sequence[Paragraphs]) -> list[TimelineEntry]:
    """All dated events of the dossier, one entry per (date, similar sentence), sorted by date."""
    by_value: dict[tuple[str, str | None], list[EventMention]] = defaultdict(list)
    for found in memo_map(dated_mentions, articles):
        for mention in found:
            by_value[(mention.value, mention.mod)].append(mention)
    entries = []
    for (value, mod), mentions in by_value.items():
        first, last = value_days(value)
        for cluster in cluster_by_sentence(mentions):
            entries.append((first, last, value, mod, cluster))
    entries.sort(key=lambda e: (e[0], e[1], e[2], e[3] or "", e[4][0].article, e[4][0].line))
    return [
        TimelineEntry(f"t{i + 1}", value, mod, first, last, value_label(value, mod), tuple(cluster))
        for i, (first, last, value, mod, cluster) in enumerate(entries)
    ]


def cluster_by_sentence(mentions: list[EventMention]) -> list[list[EventMention]]:
    """Mentions of one date that tell one event: linked when close together in one article or
    when their sentences share enough words; every cluster a mention links to is merged.

    A mention is compared with the first few members of each cluster only, so a date that
    thousands of articles mention stays cheap."""
    clusters: list[list[tuple[EventMention, frozenset[str]]]] = []
    for mention in sorted(mentions, key=lambda m: (m.article, m.line, m.at)):
        words = content_words(mention.sentence)
        joined = [
            members for members in clusters
            if any(same_event(mention, words, other, other_words) for other, other_words in members[:MAX_COMPARED])
        ]
        merged = [member for members in joined for member in members] + [(mention, words)]
        clusters = [members for members in clusters if not any(members is j for j in joined)] + [merged]
    clusters.sort(key=lambda members: min((m.article, m.line, m.at) for m, _ in members))
    return [sorted((m for m, _ in members), key=lambda m: (m.article, m.line, m.at)) for members in clusters]


MAX_COMPARED = 8
NEARBY_LINES = 4


def same_event(a: EventMention, a_words: frozenset[str], b: EventMention, b_words: frozenset[str]) -> bool:
    if a.article == b.article and abs(a.line - b.line) <= NEARBY_LINES:
        return True
    smaller = min(len(a_words), len(b_words))
    return smaller > 0 and len(a_words & b_words) / smaller >= SIMILAR
