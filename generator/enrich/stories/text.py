"""Light English normalisation for comparing wordings: content words, spelling, stems, sentences.

Translations of one statement share content words far more than they share word order, so the
engine compares sets of stems. The stemmer is deliberately small (inflections plus a few derivational
endings, so trustful/trusting/trust and relations/relationship meet); no dictionary, no model.
"""
from __future__ import annotations

import bisect
import functools
import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can could did do does doing don't down during each even few for from
    further had has have having he her here hers herself him himself his how i if in into is it its itself
    just least let like many may me might more most much must my myself no nor not now of off on once only
    or other our ours ourselves out over own per same shall she should so some such than that the their
    theirs them themselves then there these they this those through thus to too under until up upon us very
    was we were what when where which while who whom why will with within without would yet you your yours
    yourself yourselves it's that's there's we're we've we'll they're i'm i've let's he's she's one ones
    whether whatever however already still well really certain certainly way ways thing things something
    someone anyone everyone lot lots also said say says""".split()
)

# Country and demonym meet: "Chinese Army" / "China's armed forces".
DEMONYMS = {
    "chinese": "china", "russian": "russia", "russians": "russia", "american": "america", "americans": "america",
    "asian": "asia", "european": "europe", "europeans": "europe", "ukrainian": "ukraine", "ukrainians": "ukraine",
    "british": "britain", "french": "france", "german": "germany", "germans": "germany", "indian": "india",
    "japanese": "japan", "polish": "poland", "romanian": "romania", "canadian": "canada", "mexican": "mexico",
    "iranian": "iran", "israeli": "israel", "turkish": "turkey", "syrian": "syria", "soviet": "ussr",
    "western": "west", "eastern": "east", "sino": "china",
}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


_BRACKETS = re.compile(r"\[[^\]]*\]")


@functools.lru_cache(maxsize=200_000)
def british_to_american(word: str) -> str:
    """stabilising -> stabilizing, favour -> favor, defence -> defense: one spelling per word."""
    word = re.sub(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1", word)
    word = re.sub(r"(?<=[a-z]{3})our(s|ed|ing|able|ite|ites)?$", lambda m: "or" + (m.group(1) or ""), word)
    word = re.sub(r"(?<=[a-z]{3})ence$", "ense", word) if word in ("defence", "offence", "licence") else word
    word = re.sub(r"(?<=[a-z]{3})tre$", "ter", word)
    return word


_INFLECTIONS = ("ingly", "edly", "ings", "ies", "ing", "ied", "ed", "es", "ly", "s")
_DERIVATIONS = ("izations", "ization", "ational", "fulness", "ousness", "iveness", "ations", "ation",
                "ments", "ment", "ships", "ship", "ness", "ions", "ion", "ful", "ity", "ive", "ous",
                "ize", "iz", "ate", "at", "ic", "al", "er", "y", "e")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix-stripper: one inflection, up to two derivational endings, undoubled consonant."""
    w = word
    for suffix in _INFLECTIONS:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break
            w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    for _ in range(2):
        for suffix in _DERIVATIONS:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
        else:
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeious":
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes unified; hyphenated words split into their parts."""
    return _WORD.findall(text.lower().replace("’", "'").replace("-", " "))


@lru_cache(maxsize=200_000)
def normal(word: str) -> str | None:
    """The comparable form of one lower-cased word, or None for a function word."""
    if word in STOPWORDS or word.endswith("n't"):
        return None
    if word.endswith("'s"):
        word = word[:-2]
    elif "'" in word:
        return None  # we'll, they've: pronoun + auxiliary
    if word in STOPWORDS:
        return None
    word = DEMONYMS.get(word, word)
    word = british_to_american(word)
    if word.isdigit():
        return word
    return stem(word) if len(word) > 2 else None


def content_stems(text: str, *, drop_brackets: bool = True) -> list[str]:
    """Content-word stems of a text, in order; [editorial insertions] left out by default."""
    if drop_brackets and "[" in text:
        text = _BRACKETS.sub(" ", text)
    return [n for n in map(normal, words(text)) if n]


def comparable(token: str) -> str:
    """Key for word-level diffs: case, apostrophe style and British/American spelling ignored."""
    t = token.lower().replace("’", "'")
    if t.isspace():
        return " "
    return british_to_american(t) if t[:1].isalpha() else t


# A sentence ends at . ! ? or … followed by space and something that can start one. Brackets and
# common abbreviations do not end sentences. The pattern starts with the ending mark itself rather
# than a lookbehind for it, so that re skips to the next mark instead of trying every position: a
# match starts one character earlier, which is never inside the last match (that ends in a space).
_SENTENCE_END = re.compile(r"[.!?…]([\"”’']?)\s+(?=[\"“‘'«„\[(]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Prof|Jr|Sr|vs|No|U\.S|U\.K|e\.g|i\.e)\.|\b[A-Z]\.)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text, surrounding spaces left out."""
    spans = []
    start = 0
    depth = _bracket_depth(text) if "[" in text or "(" in text else None
    for m in _SENTENCE_END.finditer(text):
        cut = m.start() + 1  # after the ending mark
        if depth is not None and depth(cut) > 0:
            continue
        if text[m.start()] == "." and _ABBREV.search(text[max(0, cut - 6) : cut]):
            continue  # (every abbreviation _ABBREV knows ends in a full stop)
        spans.append((start, m.end(1)))  # a closing quote mark stays with its sentence
        start = m.end()
    spans.append((start, len(text)))
    # Only the text's own ends can be spaces: a cut leaves the spaces out of both sentences (each
    # sentence but the last ends in its mark, each but the first starts where the lookahead saw no space).
    s, e = spans[0]
    while s < e and text[s].isspace():
        s += 1
    spans[0] = (s, e)
    s, e = spans[-1]
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans[-1] = (s, e)
    else:
        spans.pop()
    return spans


_BRACKET = re.compile(r"[\[\]()]")


def _bracket_depth(text: str):
    """depth(i): how many brackets are open before offset i (a closing one with none open is ignored)."""
    at, depths = [0], [0]
    d = 0
    for m in _BRACKET.finditer(text):
        if m.group() in "[(":
            d += 1
        elif d:
            d -= 1
        at.append(m.start() + 1)
        depths.append(d)
    return lambda i: depths[bisect.bisect_right(at, i) - 1]
