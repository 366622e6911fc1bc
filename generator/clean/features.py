"""Shape features of one line: the measurements every later layer decides on.

Computed once per line in a single pass; nothing here decides anything. Lines are measured by
the million, so this is written for speed: one lower-casing, one word scan, no per-word Python
loop on long lines.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .lang import Language

# Words: runs of letters (any script) with inner apostrophes or hyphens.
WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# The same on text whose only letters are ASCII ones (the Unicode classes are slower to test):
# ASCII text, or ASCII text with typographic punctuation (none of which is a word character).
# The lower-case form runs on the lower-cased line (fewer ranges to test, the same spans).
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*")
_LATIN_LOWER_WORD_RE = re.compile(r"[a-z]+(?:['’\-][a-z]+)*")
_NOT_LATIN_RE = re.compile("[^\x00-\x7f‘’“”„‚‹›«»–—…•·€£°©®™′″´]")
TOKEN_RE = re.compile(r"\S+")
# Sentence end: . ! ? … possibly followed by closing quotes or brackets.
SENTENCE_END_RE = re.compile(r"[.!?…:;](?:[\"'”’»)\]]*)\s*$|[\"”]$")
# A sentence break inside a line: "word. Next" (or CJK full stops).
INNER_SENTENCE_RE = re.compile(r"[.!?。！？](?:(?<=[a-z0-9\"”’)][.!?])\s+[\"“‘(]?[A-Z0-9]|(?<=[。！？]).)")
# The same, one pattern per stop, each starting with its literal (what comes before it is a
# look-behind): the scan for a literal jumps from one stop to the next, far faster than testing
# a class at every character.
_INNER_STOP_RES = tuple(
    (stop, re.compile(rf"\{stop}(?<=[a-z0-9\"”’)]\{stop})\s+[\"“‘(]?[A-Z0-9]")) for stop in ".!?"
)
_CJK_STOP_RE = re.compile(r"[。！？].")


def _inner_sentence(text: str, latin: bool) -> bool:
    """INNER_SENTENCE_RE.search(text) is not None (a Latin line has no CJK full stops)."""
    for stop, pattern in _INNER_STOP_RES:
        if stop in text and pattern.search(text) is not None:
            return True
    return not latin and _CJK_STOP_RE.search(text) is not None


STARTS_UPPER_RE = re.compile(r"^[\W_]*[A-Z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]")
# Han, kana and hangul: a "word" of WORD_RE there is a whole clause.
CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not turn into
# it (dotless i, long s, dotted capital I, Kelvin sign): where one occurs, a lower-cased
# substring test cannot stand in for a case-insensitive pattern.
_FOLD_UNSAFE_RE = re.compile("[\u0131\u017f\u0130\u212a]")


class Shape(NamedTuple):
    """What a line looks like: size, prose signals and headline signals."""

    text: str  # stripped
    chars: int
    words: int  # letter words
    tokens: int  # white-space separated tokens
    stop_ratio: float  # stopwords / words
    title_ratio: float  # capitalised words / words (among words that are not stopwords)
    sentence_end: bool  # ends like a sentence (. ! ? … : ; or a closing quote)
    inner_sentences: bool  # holds a sentence break inside the line
    starts_upper: bool
    letter_ratio: float  # letters / non-space characters
    approx_words: int = 0  # words, counting two CJK characters as one (those scripts use no spaces)
    lower: str = ""  # text.lower()
    # Whether a case-insensitive literal can be looked for in `lower` with `in` (see _FOLD_UNSAFE_RE).
    foldable: bool = True

    @property
    def is_blank(self) -> bool:
        return self.chars == 0


BLANK = Shape("", 0, 0, 0, 0.0, 0.0, False, False, False, 0.0, 0, "", True)


# Invisible format characters (zero-width spaces, joiners, U+2063) hide a line's real last character.
_INVISIBLE_RE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u00a0]")
_INVISIBLE = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x00AD)}
_INVISIBLE_CHARS = tuple(map(chr, _INVISIBLE))


def _visible(text: str) -> str:
    """text.translate(_INVISIBLE) with no-break spaces as spaces, stripped (or text if that is empty).

    str.replace per character present: translate() goes through a dict for every character."""
    out = text
    for ch in _INVISIBLE_CHARS:
        if ch in out:
            out = out.replace(ch, "")
    return out.replace("\u00a0", " ").strip() or text


_CLOSERS = "\"'”’»)] "
_ENDS = (".", "!", "?", "…", ":", ";", "。", "！", "？", "．", "؟", "।")
TITLE_CASE_MAX_WORDS = 12  # title case only matters for short lines (menus, labels, headlines)


def _ends_sentence(text: str) -> bool:
    # Same as SENTENCE_END_RE, without scanning the line.
    return text.rstrip(_CLOSERS).endswith(_ENDS) or text.endswith(("\"", "”"))


# Long Latin lines are split into words as bytes: a translation table turns every byte that is
# not a letter or a connector (' - and ’, written \x7f) into a space, and split() does the rest.
# A connector belongs to a word only between two letters; loose ones become spaces first. Same
# words as _LATIN_LOWER_WORD_RE, a third of the time; short lines (which need the words' case
# for title case) take the pattern.
_BYTES_FROM_CHARS = 80
_TO_WORDS = bytes(b if 97 <= b <= 122 or b in b"'-\x7f" else 32 for b in range(256))
_TO_SKELETON = bytes(97 if 97 <= b <= 122 else 45 if b in b"'-\x7f" else 32 for b in range(256))
_LOOSE_CONNECTOR_RE = re.compile(rb"[-'\x7f](?:(?<![a-z][-'\x7f])|(?![a-z]))")
# The same test on the skeleton (letters a, connectors -): one literal to scan for, much faster.
_LOOSE_IN_SKELETON_RE = re.compile(rb"-(?:(?<![a-z]-)|(?![a-z]))")
_BYTE_STOPWORDS: dict[frozenset[str], frozenset[bytes]] = {}
_APOSTROPHE = "’".encode()
# Deleting every byte but the control characters (tab, DEL...) leaves nothing on a line whose
# only white space is the space: what str.isprintable() tells of a Latin line, faster.
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 and b != 127)


def _latin_words(lower_utf8: bytes, stopwords: frozenset[str]) -> tuple[int, int, int] | None:
    """(words, stopwords, letters) of a lower-cased Latin line without control characters
    (as UTF-8), or None to take the pattern."""
    tb = lower_utf8.replace(_APOSTROPHE, b"\x7f").translate(_TO_WORDS)
    if _LOOSE_IN_SKELETON_RE.search(tb.translate(_TO_SKELETON)) is not None:
        tb = _LOOSE_CONNECTOR_RE.sub(b" ", tb)
    toks = tb.split()
    if len(toks) <= TITLE_CASE_MAX_WORDS:
        return None
    swb = _BYTE_STOPWORDS.get(stopwords)
    if swb is None:
        swb = _BYTE_STOPWORDS[stopwords] = frozenset(w.replace("’", "\x7f").encode() for w in stopwords)
    return len(toks), sum(map(swb.__contains__, toks)), len(tb) - tb.count(b" ")


def measure(text: str, lang: Language) -> Shape:
    """Measure one stripped line (the shape ignores invisible characters; the text is kept as is)."""
    if not text:
        return BLANK
    ascii_text = text.isascii()
    # Latin: no letter but ASCII ones, and no invisible character (one scan finds out).
    latin = ascii_text or _NOT_LATIN_RE.search(text) is None
    if not latin and _INVISIBLE_RE.search(text):
        text = _visible(text)
        latin = _NOT_LATIN_RE.search(text) is None
    approx = 0
    sw = lang.stopwords
    caps = content = 0
    found = None
    if latin and len(text) > _BYTES_FROM_CHARS:
        utf8 = text.encode()
        if not utf8.translate(None, _NOT_CONTROL):
            # A Latin line's letters are ASCII: bytes.lower() lowers them all.
            lower_utf8 = utf8.lower()
            found = _latin_words(lower_utf8, sw)
    if found is not None:
        nw, stops, letters = found
        foldable = True
        low = text.lower() if ascii_text else lower_utf8.decode()
        spaces = text.count(" ")
        tokens = spaces + 1 if "  " not in text else len(text.split())
    else:
        low = text.lower()
        if latin:
            lower = _LATIN_LOWER_WORD_RE.findall(low)
            words = _LATIN_WORD_RE.findall(text) if len(lower) <= TITLE_CASE_MAX_WORDS else lower
            foldable = True
        else:
            words = WORD_RE.findall(text)
            lower = list(map(str.lower, words))
            foldable = _FOLD_UNSAFE_RE.search(text) is None
            if CJK_RE.search(text) is not None:
                approx = len(CJK_RE.findall(text)) // 2
        nw = len(lower)
        stops = sum(map(sw.__contains__, lower))
        letters = len("".join(words))
        if nw <= TITLE_CASE_MAX_WORDS:
            for w, lw in zip(words, lower):
                if lw not in sw:
                    content += 1
                    if w[0].isupper():
                        caps += 1
        spaces = text.count(" ")
        # Tokens: with no white space but single spaces (the usual case), one more than the spaces.
        tokens = spaces + 1 if text.isprintable() and "  " not in text else len(text.split())
    nonspace = len(text) - spaces
    return Shape(
        text,
        len(text),
        nw,
        tokens,
        stops / nw if nw else 0.0,
        caps / content if content else 0.0,
        _ends_sentence(text),
        _inner_sentence(text, latin),
        STARTS_UPPER_RE.match(text) is not None,
        letters / nonspace if nonspace else 0.0,
        nw + approx,
        low,
        foldable,
    )
