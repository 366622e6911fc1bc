"""Who said a quote, where the text says it: "Putin stressed", "he said", "the Russian leader went on".

Every paragraph is read with its quotes masked out, so only the reporter's words are searched for
attributions (a speech verb next to its subject: a name, a pronoun or a role like "the president").
Names are shortened the way the article itself shortens them ("Vladimir Putin" -> "Putin").
Pronouns resolve to the last named speaker in the paragraph, else in the two paragraphs before;
roles resolve through the article's own title-name pairs ("Chinese President Xi Jinping" makes
"the Chinese president" Xi), else like a pronoun, else to the article's most-quoted name. A quote
with no attribution of its own takes the one of its sentence, then of the quote just before it when
its sentence is nothing but the quote; otherwise its speaker stays None.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..patterns import alternation
from .text import DEMONYMS, sentence_spans

if TYPE_CHECKING:
    from .quotes import RawQuote

_VERBS = """said says say stated states stressed stresses noted notes added adds continued continues
went\\s+on(?:\\s+to\\s+say)? goes\\s+on began begins explained explains emphasi[sz]ed emphasi[sz]es asserted
asserts hailed praised touted told tells remarked declared announced urged insisted insists argued argues
claimed claims warned warns replied answered recalled pointed\\s+out underlined underscored highlighted
observed acknowledged admitted complained described wrote tweeted affirmed concluded suggested cautioned
asked asks reiterated commented responded joked vowed promised called""".split()
_LITERAL_VERBS = [v for v in _VERBS if v.isalpha()] + [f"emphasi{z}{e}" for z in "sz" for e in ("ed", "es")]
VERB = r"(?:%s|%s)" % (alternation(_LITERAL_VERBS), "|".join(v for v in _VERBS if "\\s" in v))
_PARTICIPLE_WORDS = """adding saying noting stressing explaining insisting continuing declaring asserting stating arguing
warning recalling remarking emphasising emphasizing describing telling urging concluding""".split()
_PARTICIPLES = re.compile(r"\b(?:%s)\b[^§]*$" % alternation(_PARTICIPLE_WORDS))
ROLE_NOUNS = frozenset(
    """president leader minister spokesman spokeswoman spokesperson aide diplomat ambassador chancellor premier
    official secretary envoy head chief lawmaker senator governor mayor general commander adviser advisor
    king queen chairman""".split()
)
_ROLE = r"(?:%s)" % alternation(ROLE_NOUNS)
TITLE_WORDS = ROLE_NOUNS | frozenset(
    """presidential vice prime foreign defence defense deputy mr mrs ms dr gen former interior finance trade
    state national security press first blogger correspondent kremlin""".split()
)
NATIONALITIES = frozenset(DEMONYMS) | frozenset(DEMONYMS.values())
_LEADING = frozenset("the a an but and earlier now then later also meanwhile however separately so".split())
_GROUPS = (
    {"president", "leader", "premier", "chancellor", "head", "king", "queen", "chairman"},
    {"minister", "diplomat", "secretary"},
    {"diplomat", "ambassador", "envoy", "minister"},
    {"spokesman", "spokeswoman", "spokesperson"},
    {"aide", "adviser", "advisor"},
)

_ADV = r"(?:(?:,\s*for\s+(?:his|her|their)\s+part,|on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:last|this)\s+week|yesterday|today|also|further|even|then|later|again|repeatedly|previously|earlier|once|has|had|have|reportedly|subsequently|recently|just|firmly|strongly|clearly|openly|then)\s+)*"
_CAP = r"[A-Z][\w’'\-]*"
# A subject starts with a capital (a name), or h/s/t/a (he, she, they, the, a, an): the lookahead
# changes no match, it only lets re give up at most positions of the 120 searched in one step.
_SUBJECT_END = re.compile(
    r"(?=[A-Zahst])(?:\b(?P<pron>[Hh]e|[Ss]he|[Tt]hey)"
    r"|\b(?P<role>(?:[Tt]he|[Aa]n?)\s+(?:[\w\-]+\s+){0,2}?(?i:%s))"
    r"|(?P<name>(?:(?:[A-Z]\.|%s)\s+){0,4}%s))%s\s+%s$" % (_ROLE, _CAP, _CAP, r"(?:,\s*for\s+(?:his|her|their)\s+part,)?", _ADV)
)
# The subject of any verb, for sentences whose quote hangs on a participle: "the president pointed to
# Moscow bolstering cooperation, adding: “...”".
_ANY_SUBJECT = re.compile(
    r"(?:^|[,;:]\s+|\s)(?:(?P<pron>[Hh]e|[Ss]he|[Tt]hey)"
    r"|(?P<role>(?:[Tt]he|[Aa]n?)\s+(?:[\w\-]+\s+){0,2}?(?i:%s))"
    r"|(?P<name>(?:(?:[A-Z]\.|%s)\s+){0,4}%s))\s+%s[a-z]+(?:ed|s)\b" % (_ROLE, _CAP, _CAP, _ADV)
)
_PARTICIPLE = re.compile(r"\b(?:%s)\b" % alternation(_PARTICIPLE_WORDS))
_VERB_RE = re.compile(r"\b%s\b" % VERB)
# Speech verbs and participles in one scan (a word is one or the other, never both). The lookahead
# for their first letters changes no match: it only lets re give up at most positions in one step.
_VERB_OR_PARTICIPLE = re.compile(r"(?=[%s])\b(?:(?P<verb>%s)|%s)\b" % (
    "".join(sorted({w[0] for w in _VERBS + _PARTICIPLE_WORDS})), VERB, alternation(_PARTICIPLE_WORDS)))
_INVERTED = re.compile(
    r"^[\s,]*%s\s+(?:(?P<role>(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?(?i:%s))|(?P<name>(?:%s\s+){0,3}%s))" % (VERB, _ROLE, _CAP, _CAP)
)
_INVERTED_AT = re.compile(_INVERTED.pattern.removeprefix("^"))  # the same, matched where a verb starts
_ACCORDING = re.compile(
    r"\b[Aa]ccording\s+to\s+(?:(?P<pron>him|her|them)\b|(?P<role>the\s+(?:[\w\-]+\s+){0,2}?(?i:%s))\b|(?P<name>(?:%s\s+){0,3}%s))"
    % (_ROLE, _CAP, _CAP)
)
# Subjects that are places, not people: "Moscow suggested sending specialists" is no quote's speaker.
NOT_SPEAKERS = frozenset(
    """Moscow Beijing Washington Kiev Kyiv London Paris Berlin Tokyo Brussels Kremlin West East NATO Russia China
    Ukraine America Europe Britain India Japan Germany France Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April May June July August September October November December""".split()
)
_MARKS = "\"“”„‟«»'‘’"
_TOKEN = re.compile(r"[\w’'\-]+")
_TITLE_OR_NATIONALITY = TITLE_WORDS | NATIONALITIES
# A whole word that is a title word, in lower-cased text.
_TITLE_WORD = re.compile(r"(?<![\w’'\-])(?:%s)(?![\w’'\-])" % alternation(_TITLE_OR_NATIONALITY))
MASK = "§"


@dataclass
class _Event:
    start: int  # where the subject starts
    end: int  # where the attribution ends
    kind: str  # name | pron | role
    surface: str
    speaker: str | None = None


@dataclass
class _Person:
    name: str
    nats: frozenset[str]
    roles: frozenset[str]


def attribute(paragraphs: tuple[tuple[int, str], ...], raws: list[RawQuote]) -> list[str | None]:
    """The speaker of each raw quote (None where the text does not say)."""
    texts = [t for _, t in paragraphs]
    whole = "\n".join(texts)
    masked = _mask(texts, raws)
    persons = _appositions(texts)
    events = [_events(m) for m in masked]
    short = _Shortener(whole, persons)
    names = Counter(short(e.surface) for evs in events for e in evs if e.kind == "name" and _person_name(e.surface))
    dominant = names.most_common(1)[0][0] if names else None

    carried: list[tuple[int, str]] = []  # (paragraph index, speaker) of the last resolved attribution
    for k, evs in enumerate(events):
        for e in evs:
            context = _context(evs, e.start, carried, k)
            e.speaker = _resolve(e, context, persons, short, dominant)
        last = [e.speaker for e in evs if e.speaker]
        if last:
            carried.append((k, last[-1]))

    # Sentences are read only where a quote starts or ends: most paragraphs have no quote.
    quoted = {k for raw in raws for k in (raw.parts[0][0], raw.parts[-1][0])}
    sentences = {k: sentence_spans(masked[k]) for k in quoted}
    result: list[str | None] = []
    previous: tuple[int, int, int, str | None] | None = None  # (paragraph, sentence start, mask end, speaker)
    for raw in raws:
        k0, s0, _ = raw.parts[0]
        k1, _, e1 = raw.parts[-1]
        m0, m1 = masked[k0], masked[k1]
        open_at = _mask_start(m0, s0)
        close_at = _mask_end(m1, e1)
        sent0 = _sentence_at(sentences[k0], open_at)
        sent1 = _sentence_at(sentences[k1], max(close_at - 1, 0))
        before = m0[sent0[0] : open_at]
        after_end = sent1[1]
        nxt = m1.find(MASK, close_at)
        after = m1[close_at : after_end if nxt < 0 else min(nxt, after_end)]
        speaker = None
        found = False
        # 1. right after the quote: ', Putin stressed' / '” he continued' / ', said the president'
        for e in events[k1]:
            if close_at <= e.start and not m1[close_at : e.start].strip(" \t,.;:—–-"):
                speaker, found = e.speaker, True
                break
        # 2. before it in its sentence: 'He said, “...' / 'Putin hailed China and Russia’s “...'
        if not found:
            cut = before.rfind(MASK)
            own = before[cut + 1 :] if cut >= 0 else before
            own_from = open_at - len(own)
            if _PARTICIPLES.search(own):
                speaker, found = _sentence_speaker(events[k0], sent0, previous, k0), True
            else:
                inside = [e for e in events[k0] if own_from <= e.start and e.end <= open_at]
                if inside:
                    speaker, found = inside[-1].speaker, True
        # 3. another quote earlier in the same sentence
        if not found and previous and previous[0] == k0 and previous[1] == sent0[0]:
            speaker, found = previous[3], True
        # 4. a sentence that is only this quote continues the quote before it in the paragraph
        if not found and previous and previous[0] == k0 and not _words(before) and not _words(after):
            speaker, found = previous[3], True
        # 5. any attribution elsewhere in the sentence
        if not found:
            speaker = _sentence_speaker(events[k0], sent0, None, k0)
        result.append(speaker)
        previous = (k1, sent1[0], close_at, speaker)
    return result


def _sentence_speaker(evs: list[_Event], sent: tuple[int, int], previous, k: int) -> str | None:
    inside = [e for e in evs if sent[0] <= e.start < sent[1]]
    if inside:
        return inside[0].speaker
    if previous and previous[0] == k and previous[1] == sent[0]:
        return previous[3]
    return None


def _words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _sentence_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding pos (a position between sentences belongs to the next one)."""
    for s, e in spans:
        if pos < e:
            return (min(s, pos), e)
    return spans[-1] if spans else (0, 0)


def _mask_start(m: str, s: int) -> int:
    i = s
    while i > 0 and m[i - 1] == MASK:
        i -= 1
    return i


def _mask_end(m: str, e: int) -> int:
    i = e
    while i < len(m) and m[i] == MASK:
        i += 1
    return i


def _mask(texts: list[str], raws: list[RawQuote]) -> list[str]:
    """Paragraph texts with every quote, marks included, replaced by § (same length: offsets hold)."""
    out = [list(t) for t in texts]
    for raw in raws:
        for k, s, e in raw.parts:
            t = texts[k]
            a = s
            while a > 0 and (t[a - 1].isspace() or t[a - 1] in _MARKS):
                a -= 1
                if t[a] in _MARKS:
                    break
            b = e
            while b < len(t) and (t[b].isspace() or t[b] in _MARKS):
                b += 1
                if t[b - 1] in _MARKS:
                    break
            for i in range(a, b):
                out[k][i] = MASK
    return ["".join(chars) for chars in out]


def _events(m: str) -> list[_Event]:
    events: list[_Event] = []
    participles = []
    for v in _VERB_OR_PARTICIPLE.finditer(m):
        if v.group("verb") is None:
            participles.append(v)
            continue
        at = v.start()
        offset = max(0, at - 120)
        sub = _SUBJECT_END.search(m[offset:at])
        if sub:
            kind = next(k for k in ("pron", "role", "name") if sub.group(k))
            surface = sub.group(kind)
            if kind == "name" and not _person_name(surface) and not _title_only(surface):
                sub = None
            else:
                start = offset + sub.start(kind)
                if kind == "name" and _title_only(surface):
                    kind = "role"
                events.append(_Event(start, v.end(), kind, surface))
                continue
        # An inverted attribution ('said the president') follows a quote, a comma or nothing.
        before = at
        while before and m[before - 1].isspace():
            before -= 1
        if before and m[before - 1] not in (MASK, ","):
            continue
        inv = _INVERTED_AT.match(m, at)
        if inv:
            kind = "role" if inv.group("role") else "name"
            surface = inv.group(kind)
            if kind == "role" or _person_name(surface):
                events.append(_Event(at, inv.end(), kind, surface))
    for a in _ACCORDING.finditer(m) if "ccording" in m else ():
        kind = next(k for k in ("pron", "role", "name") if a.group(k))
        surface = a.group(kind)
        if kind == "name" and not _person_name(surface):
            continue
        events.append(_Event(a.start(), a.end(), "pron" if kind == "pron" else kind, surface))
    for p in participles:
        begin = max(m.rfind(". ", 0, p.start()), m.rfind("? ", 0, p.start()), m.rfind("! ", 0, p.start())) + 1
        if any(begin <= e.start < p.start() for e in events):
            continue
        for sub in _ANY_SUBJECT.finditer(m, begin, p.start()):
            kind = next(k for k in ("pron", "role", "name") if sub.group(k))
            surface = sub.group(kind)
            if kind == "name" and _title_only(surface):
                kind = "role"
            elif kind == "name" and not _person_name(surface):
                continue
            events.append(_Event(sub.start(kind), sub.end(), kind, surface))
            break
    events.sort(key=lambda e: e.start)
    return events


def _tokens(surface: str) -> list[str]:
    return surface.replace(".", " ").split()


def _split_title(surface: str) -> tuple[list[str], list[str]]:
    """'Russian President Vladimir Putin' -> (['russian', 'president'], ['Vladimir', 'Putin'])."""
    toks = _tokens(surface)
    while toks and toks[0].lower() in _LEADING:
        toks = toks[1:]
    title = []
    while toks and (toks[0].lower() in TITLE_WORDS or toks[0].lower() in NATIONALITIES):
        title.append(toks[0].lower())
        toks = toks[1:]
    return title, toks


def _person_name(surface: str) -> bool:
    title, name = _split_title(surface)
    return bool(name) and len(name) <= 4 and not any(t in NOT_SPEAKERS for t in name)


def _title_only(surface: str) -> bool:
    title, name = _split_title(surface)
    return bool(title) and not name and any(t in ROLE_NOUNS for t in title)


def _appositions(texts: list[str]) -> list[_Person]:
    """Title-name pairs the article states: 'Chinese President Xi Jinping', 'presidential aide Yuri Ushakov'.

    A run of title words followed by up to three capitalised words; the scan jumps from one title
    word to the next (most words are neither) and reads the words after it one by one."""
    persons: dict[str, _Person] = {}
    for text in texts:
        lower = text.lower()
        if len(lower) != len(text):  # lower-casing moved the offsets ('İ' is two letters): read it word by word
            lower = None
        resume = 0  # words starting before this offset were read as part of an earlier apposition
        for hit in _TITLE_WORD.finditer(lower) if lower is not None else _TOKEN.finditer(text):
            if hit.start() < resume or text[hit.start() : hit.end()].lower() not in _TITLE_OR_NATIONALITY:
                continue
            toks = [(text[hit.start() : hit.end()], hit.start())]
            word = _TOKEN.search(text, hit.end())
            while word and word.group().lower() in _TITLE_OR_NATIONALITY:
                toks.append((word.group(), word.start()))
                word = _TOKEN.search(text, word.end())
            j = len(toks)
            while word and len(toks) - j < 3 and word.group()[:1].isupper() and word.group().lower() not in TITLE_WORDS:
                toks.append((word.group(), word.start()))
                word = _TOKEN.search(text, word.end())
            n = len(toks)
            title = [t.lower() for t, _ in toks[:j]]
            if n > j and any(t in ROLE_NOUNS for t in title) and _adjacent(text, toks, 0, n):
                name = " ".join(t for t, _ in toks[j:n])
                nats = frozenset(DEMONYMS.get(t, t) for t in title if t in NATIONALITIES)
                roles = frozenset(t for t in title if t in ROLE_NOUNS)
                old = persons.get(name)
                persons[name] = _Person(name, nats | (old.nats if old else frozenset()), roles | (old.roles if old else frozenset()))
                resume = word.start() if word else len(text) + 1
            else:
                resume = toks[j][1] if j < n else (word.start() if word else len(text) + 1)
    return list(persons.values())


def _adjacent(text: str, toks, i: int, n: int) -> bool:
    """Only spaces between the tokens (no comma or sentence break inside the apposition)."""
    return all(not text[toks[a][1] + len(toks[a][0]) : toks[a + 1][1]].strip() for a in range(i, n - 1))


class _Shortener:
    """The form the article uses for a person on second mention: 'Vladimir Putin' -> 'Putin', 'Wang Yi' stays."""

    def __init__(self, text: str, persons: list[_Person]):
        self.text = text
        self.full = {p.name for p in persons}
        self.cache: dict[str, str] = {}

    def __call__(self, surface: str) -> str:
        _, toks = _split_title(surface)
        name = " ".join(toks)
        if name in self.cache:
            return self.cache[name]
        # a short name that is part of a longer one the article gives: 'Putin' of 'Vladimir Putin'
        short = name
        if len(toks) > 1:
            whole = self.text.count(name)  # re.findall of a plain string counts the same occurrences
            for t in (toks[-1], toks[0]):
                # a word found no more often than the name (str.count is an upper bound) is never alone
                if self.text.count(t) > whole and _whole_words(self.text, t) > whole:
                    short = t
                    break
        self.cache[name] = short
        return short


def _whole_words(text: str, word: str) -> int:
    """len(re.findall(r"\\b" + re.escape(word) + r"\\b", text)), without compiling a pattern per name."""
    count = start = 0
    n = len(word)
    first, last = _is_word(word[0]), _is_word(word[-1])
    while (at := text.find(word, start)) >= 0:
        before = _is_word(text[at - 1]) if at else False
        after = _is_word(text[at + n]) if at + n < len(text) else False
        if before != first and after != last:
            count += 1
            start = at + n
        else:
            start = at + 1
    return count


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches in a str pattern


def _context(evs: list[_Event], pos: int, carried: list[tuple[int, str]], k: int) -> str | None:
    for e in reversed(evs):
        if e.start < pos and e.speaker:
            return e.speaker
    if carried and carried[-1][0] >= k - 2:
        return carried[-1][1]
    return None


def _compatible(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in _GROUPS)


def _resolve(e: _Event, context: str | None, persons: list[_Person], short: _Shortener, dominant: str | None) -> str | None:
    if e.kind == "name":
        return short(e.surface)
    if e.kind == "pron":
        return context
    words = [w.lower() for w in _tokens(e.surface)]
    if words and words[0] in ("a", "an"):
        return None  # 'a Kremlin official': someone, not a known person
    nats = {DEMONYMS.get(w, w) for w in words if w in NATIONALITIES}
    roles = {w for w in words if w in ROLE_NOUNS}
    fits = [p for p in persons if nats <= p.nats and any(_compatible(r, t) for r in roles for t in p.roles)]
    names = [short(p.name) for p in fits]
    if len(set(names)) == 1:
        return names[0]
    if context and context in names:
        return context
    if names:
        return None
    known = {short(p.name): p for p in persons}
    for candidate in (context, dominant):
        if candidate and not (nats and candidate in known and known[candidate].nats and not nats <= known[candidate].nats):
            return candidate
    return None
