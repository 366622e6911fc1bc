"""Timeline events: each dated expression in the cleaned text, with its sentence, grouped across outlets.

The tagger (dates.py) reads each article's kept paragraphs as one text, so the year a narrative is
in carries from one paragraph to the next. Mentions with the same resolved date and a similar
sentence are one event, however many outlets report it; so are mentions of one day whose date
expressions are attached to the same word ("a press conference on Thursday", "his Thursday
year-end conference").
"""
from __future__ import annotations

import bisect
import datetime
import hashlib
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from typing import Iterable, Sequence

from ..parallel import memo_map, memo_stage
from .dates import find_timexes, value_days, value_label

STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his in is it its of on or that the their "
    "them they this to was were which while who will with would said says say told also after before last "
    "this next on thursday".split()
)
# The end mark is matched, not looked behind for, so that the regex engine skips fast to the next
# one; a sentence ends one character after where the match starts.
SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*\s+(?=[\"“‘«(\[]?[A-Z0-9])")
SIMILAR = 0.3  # share of the shorter sentence's content words that says two sentences tell one event
# Words next to a date that say who reported it, not what happened: "noted on Monday", "told reporters on
# Monday" are said of different events every day ("said", "told" are stopwords already)
REPORTING = frozenset(
    "added admitted announced argued asserted cautioned claimed commented confirmed declared emphasised emphasized "
    "explained insisted noted remarked replied reported stated stressed tweeted warned wrote reporters journalists "
    "correspondents".split()
)
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a value naming one day: only there does a shared anchor tell one event


@dataclass(frozen=True)
class Paragraphs:
    """What the timeline needs of an article: who published it, when, and its kept paragraphs."""

    slug: str
    source: str
    source_name: str
    date: datetime.date | None
    paragraphs: tuple[tuple[int, str], ...]  # (file line, text)

    def __hash__(self) -> int:  # kept: the memo of per-article results hashes each article several times a build
        found = self.__dict__.get("_hash")
        if found is None:
            found = hash((self.slug, self.source, self.source_name, self.date, self.paragraphs))
            object.__setattr__(self, "_hash", found)
        return found

    def __getstate__(self) -> dict:  # (a string's hash differs from one process to the next)
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}


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
    # the sentence's content words (a tuple, which the garbage collector stops tracking: a dossier holds many)
    words: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # the words the date expression is attached to: the one before it ("conference on Thursday") and the one
    # after it ("Thursday's meeting"), other date expressions skipped ("his Thursday year-end conference")
    anchors: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def __setstate__(self, state: dict) -> None:
        # Mentions come back from the workers (or the disk cache) pickled, each of their words a
        # string of its own: 130 MB at 10,000 articles, for a vocabulary of a few thousand words.
        state["words"] = tuple(map(sys.intern, state["words"]))
        fields = self.__dict__
        for name, value in state.items():  # one by one: update() would unshare the instance dict's keys
            fields[name] = value


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
    """Every expression in the article that resolves to a span of days on the calendar, in the
    order the timeline sorts them (line, then place in the sentence)."""
    if article.date is None or not article.paragraphs:
        return []
    text, starts = join_paragraphs(article.paragraphs)
    mentions = []
    words: dict[str, tuple[str, ...]] = {}
    ends: dict[int, list[tuple[int, int]]] = {}  # paragraph -> where its sentences end
    timexes = find_timexes(text, article.date)
    for i, timex in enumerate(timexes):
        if timex.type not in ("DATE", "TIME"):
            continue
        value = timex.value[:10] if timex.type == "TIME" else timex.value
        if value_days(value) is None:
            continue
        index = paragraph_at(starts, timex.start)
        line, paragraph = article.paragraphs[index]
        local = timex.start - starts[index]
        if index not in ends:
            ends[index] = sentence_ends(paragraph)
        sentence, at = sentence_around(paragraph, local, ends[index])
        if sentence not in words:
            words[sentence] = tuple(sorted(content_words(sentence)))
        mentions.append(EventMention(article.slug, article.source, article.source_name, line, timex.text, sentence, at,
                                     value, timex.mod, words[sentence],
                                     anchor_words(text, timexes, i) if DAY.fullmatch(value) else ()))
    mentions.sort(key=lambda m: (m.line, m.at))
    return mentions


def join_paragraphs(paragraphs: Sequence[tuple[int, str]]) -> tuple[str, list[int]]:
    starts, parts, offset = [], [], 0
    for _, text in paragraphs:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2
    return "\n\n".join(parts), starts


def paragraph_at(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def sentence_ends(paragraph: str) -> list[tuple[int, int]]:
    """Where each sentence of `paragraph` but the last ends: (its end, where the next begins)."""
    return [(match.start() + 1, match.end()) for match in SENTENCE_END.finditer(paragraph)]


def sentence_around(paragraph: str, offset: int, ends: list[tuple[int, int]] | None = None) -> tuple[str, int]:
    """The sentence of `paragraph` holding `offset`, and the offset within that sentence."""
    if ends is None:
        ends = sentence_ends(paragraph)
    i = bisect.bisect_right(ends, offset, key=lambda span: span[1])  # the first sentence ending after offset
    start = ends[i - 1][1] if i else 0
    if i < len(ends):
        return paragraph[start:ends[i][0]].strip(), offset - start
    return paragraph[start:].strip(), offset - start


_CONTENT_WORD = re.compile(r"[a-z0-9]{3,}")


def content_words(sentence: str) -> frozenset[str]:
    return frozenset(_CONTENT_WORD.findall(sentence.lower())) - STOPWORDS


_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_PREPOSITIONS = frozenset("on at in during by since until from of".split())
_AFTER = re.compile(r"(?:['’]s)?[ \t]+([A-Za-z][\w'’-]*)")


def anchor_words(text: str, timexes: Sequence, i: int) -> tuple[str, ...]:
    """The words timex number `i` of `text` is attached to: the word before it (across one preposition:
    "conference on Thursday") and the word after it ("Thursday's meeting"), stepping over any date
    expression next to it, within its paragraph. Stopwords and reporting words are no anchors."""
    start, end = timexes[i].start, timexes[i].end
    k = i
    while k > 0 and timexes[k - 1].end <= start and not text[timexes[k - 1].end:start].strip(" \t"):
        k -= 1  # "the December 17 Thursday talks": step over the date before
        start = timexes[k].start
    k = i
    while k + 1 < len(timexes) and timexes[k + 1].start >= end and not text[end:timexes[k + 1].start].strip(" \t"):
        k += 1  # "his Thursday year-end conference": step over the date after
        end = timexes[k].end
    found = []
    head = text[max(0, start - 60):start]
    head = head[head.rfind("\n") + 1:]  # within its paragraph
    if head.endswith((" ", "\t")):
        words = head.split()[-2:]
        if len(words) == 2 and words[1] in _PREPOSITIONS:
            words.pop()
        if words and _WORD.fullmatch(words[-1]):
            found.append(words[-1])
    if after := _AFTER.match(text, end):
        found.append(after[1])
    anchors = set()
    for word in found:
        word = word.lower()
        if word.endswith(("'s", "’s")):  # (no word here holds a new line, so this is the old r"['’]s$")
            word = word[:-2]
        if len(word) >= 3 and word not in STOPWORDS and word not in REPORTING:
            anchors.add(word)
    return tuple(sorted(anchors))


def build_timeline(articles: Sequence[Paragraphs]) -> list[TimelineEntry]:
    """All dated events of the dossier, one entry per (date, similar sentence), sorted by date."""
    found = memo_map(dated_mentions, articles)
    dates = memo_stage("timeline dates", None, Dates)  # kept from build to build in the preview server
    entries = []
    for (value, mod), clusters in dates.update(articles, found).items():
        first, last = value_days(value)
        label = value_label(value, mod)
        for cluster in clusters:
            entries.append((first, last, value, mod, cluster, label))
    entries.sort(key=lambda e: (e[0], e[1], e[2], e[3] or "", e[4][0].article, e[4][0].line))
    keys: set[str] = set()
    return [
        TimelineEntry(entry_key(value, mod, cluster[0], keys), value, mod, first, last, label, tuple(cluster))
        for first, last, value, mod, cluster, label in entries
    ]


def entry_key(value: str, mod: str | None, first: EventMention, taken: set[str]) -> str:
    """An entry's anchor id, made from its date and first mention rather than its place in the list,
    so that an edit adding an event elsewhere does not renumber (and re-render) every page linking one."""
    digest = hashlib.blake2b(f"{value}|{mod}|{first.article}|{first.line}|{first.at}".encode(), digest_size=5)
    key = base = "t-" + digest.hexdigest()
    n = 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


def _order(m: EventMention) -> tuple[str, int, int]:
    return m.article, m.line, m.at


class Dates:
    """Every date's mentions, in (article, line, at) order, and their clusters. Kept between the
    builds of a preview server, where an edit changes the mentions of a few articles: only the
    dates those articles mention (before or after the edit) are regrouped and clustered again."""

    def __init__(self):
        self.found: dict[str, list[EventMention]] = {}  # article -> its mentions, as last seen
        self.mentions: dict[tuple[str, str | None], list[EventMention]] = {}  # (value, mod) -> mentions
        self.clusters: dict[tuple[str, str | None], list[list[EventMention]]] = {}

    def update(self, articles: Sequence[Paragraphs], found: list[list[EventMention]]):
        """The clusters of each date, for these articles and their mentions."""
        now = {a.slug: f for a, f in zip(articles, found)}
        changed = {slug for slug, f in now.items() if self.found.get(slug) is not f}
        changed |= self.found.keys() - now.keys()
        if len(changed) * 4 > len(now) or len(now) < len(articles):  # much changed (or names repeat): all again
            mentions = defaultdict(list)
            for i in sorted(range(len(articles)), key=lambda i: articles[i].slug):
                for mention in found[i]:
                    mentions[(mention.value, mention.mod)].append(mention)
            self.mentions = dict(mentions)
            self.clusters = {key: cluster_by_sentence(mentions) for key, mentions in self.mentions.items()}
        else:
            fresh = [m for slug in changed for m in now.get(slug, ())]
            touched = {(m.value, m.mod) for slug in changed for m in self.found.get(slug, ())}
            touched |= {(m.value, m.mod) for m in fresh}
            for key in touched:
                mentions = [m for m in self.mentions.get(key, ()) if m.article not in changed]
                mentions += [m for m in fresh if (m.value, m.mod) == key]
                mentions.sort(key=_order)
                if mentions == self.mentions.get(key):
                    continue  # the same mentions, by value (an edit elsewhere in an article makes new ones)
                if mentions:
                    self.mentions[key] = mentions
                    self.clusters[key] = cluster_by_sentence(mentions)
                else:
                    self.mentions.pop(key, None)
                    self.clusters.pop(key, None)
        self.found = now
        return self.clusters


def cluster_by_sentence(mentions: list[EventMention]) -> list[list[EventMention]]:
    """Mentions of one date that tell one event: linked when close together in one article, when
    their sentences share enough words, or (for a day) when their dates are attached to the same
    word; every cluster a mention links to is merged.

    A mention is compared with the first few members of each cluster only, so a date that
    thousands of articles mention stays cheap; and only with the clusters whose compared members
    share enough words with it or stand near it in its article (an index finds those), so a date
    with thousands of separate events does too. `mentions` come in (article, line, at) order."""
    members: dict[int, list[int]] = {}  # cluster -> its mentions (indexes into `mentions`)
    compared: dict[int, list[tuple[frozenset[str], int]]] = {}  # cluster -> (words, how many) of its first members
    union: dict[int, set[str]] = {}  # cluster -> the words of its compared members
    smallest: dict[int, int] = {}  # cluster -> the fewest words a compared member with any has
    stamp: dict[int, int] = {}  # cluster -> when it last grew (clusters merge in that order)
    cluster_of: dict[int, int] = {}  # compared mention -> its cluster
    by_word: dict[str, set[int]] = {}  # content word -> the clusters whose compared members have it
    by_anchor: dict[str, set[int]] = {}  # anchor word -> the clusters whose compared members have it
    nearby: list[tuple[int, int]] = []  # (line, mention) of the compared mentions of the current article
    merged = set()  # clusters whose mentions are out of order
    article = None
    none: frozenset[int] = frozenset()
    sets = [frozenset(m.words) for m in mentions]
    day = bool(mentions) and DAY.fullmatch(mentions[0].value) is not None
    anchors = [m.anchors if day else () for m in mentions]
    index = (by_word, by_anchor)
    for n, mention in enumerate(mentions):
        if mention.article != article:
            article, nearby = mention.article, []
        words, line = sets[n], mention.line
        size = len(words)
        # same_event, inline: a compared mention close before it in its article, one whose date is attached
        # to the same word, or one sharing enough words
        linked = set()
        for at, k in nearby:
            if line - at <= NEARBY_LINES and k in cluster_of:
                linked.add(cluster_of[k])
        for word in anchors[n]:
            linked.update(by_anchor.get(word, none))
        joined = list(linked)
        if size:
            sharing = set().union(*map(by_word.get, words, repeat(none)))
            if linked:  # (in place: most mentions link to none, and a copy of a large set costs)
                sharing -= linked
            for c in sharing:
                fewest = smallest[c]
                if len(words & union[c]) / (size if size < fewest else fewest) < SIMILAR:
                    continue  # no compared member can share enough
                for b_words, b_size in compared[c]:
                    if b_size and len(words & b_words) / (size if size < b_size else b_size) >= SIMILAR:
                        joined.append(c)
                        break
        if not joined:
            cid = n
            members[cid], first = [n], []
            compared[cid], union[cid], smallest[cid] = first, set(), 1 << 30
        elif len(joined) == 1:
            cid = joined[0]
            members[cid].append(n)
            first = compared[cid]
        else:  # the clusters joined, one after another in the order they last grew
            joined.sort(key=stamp.__getitem__)
            cid = joined[0]
            first = compared[cid]
            for c in joined[1:]:
                for w in union.pop(c):
                    by_word[w].discard(c)
                for k in members[c]:
                    if k in cluster_of:
                        for w in anchors[k]:
                            by_anchor[w].discard(c)
                del compared[c], smallest[c], stamp[c]
                for k in members[c]:
                    if k in cluster_of:
                        if len(first) < MAX_COMPARED:  # still compared, now in this cluster
                            _compare(sets[k], anchors[k], k, cid, first, union, smallest, cluster_of, index)
                        else:
                            del cluster_of[k]
                members[cid] += members.pop(c)
            members[cid].append(n)
            merged.add(cid)
        stamp[cid] = n
        if len(first) < MAX_COMPARED:  # the mention is one of the cluster's compared members
            _compare(words, anchors[n], n, cid, first, union, smallest, cluster_of, index)
            nearby.append((line, n))
    found = sorted(sorted(ks) if cid in merged else ks for cid, ks in members.items())
    return [[mentions[k] for k in ks] for ks in found]


def _compare(words: frozenset[str], anchors: tuple[str, ...], k: int, cid: int, first: list, union: dict,
             smallest: dict, cluster_of: dict, index: tuple[dict, dict]) -> None:
    """Make mention number `k` (with these content words and anchors) one of the compared members of cluster `cid`."""
    first.append((words, len(words)))
    union[cid].update(words)
    if words and len(words) < smallest[cid]:
        smallest[cid] = len(words)
    cluster_of[k] = cid
    by_word, by_anchor = index
    for w in words:
        if w in by_word:
            by_word[w].add(cid)
        else:
            by_word[w] = {cid}
    for w in anchors:
        if w in by_anchor:
            by_anchor[w].add(cid)
        else:
            by_anchor[w] = {cid}


MAX_COMPARED = 8
NEARBY_LINES = 4


def same_event(a: EventMention, a_words: Iterable[str], b: EventMention, b_words: Iterable[str]) -> bool:
    """Whether two mentions of one date tell one event (cluster_by_sentence applies this inline)."""
    if a.article == b.article and abs(a.line - b.line) <= NEARBY_LINES:
        return True
    if DAY.fullmatch(a.value) and set(a.anchors) & set(b.anchors):
        return True
    a_words, b_words = frozenset(a_words), frozenset(b_words)
    smaller = min(len(a_words), len(b_words))
    return smaller > 0 and len(a_words & b_words) / smaller >= SIMILAR
