"""Shape features of one line: the measurements every later layer decides on.

Computed once per line in a single pass; nothing here decides anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lang import Language

# Words: runs of letters (any script) with inner apostrophes or hyphens.
WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
TOKEN_RE = re.compile(r"\S+")
# Sentence end: . ! ? … possibly followed by closing quotes or brackets.
SENTENCE_END_RE = re.compile(r"[.!?…:;](?:[\"'”’»)\]]*)\s*$|[\"”]$")
INNER_SENTENCE_RE = re.compile(r"[a-z0-9\"”’)][.!?]\s+[\"“‘(]?[A-Z0-9]|[。！？].")
STARTS_UPPER_RE = re.compile(r"^[\W_]*[A-Z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]")


@dataclass(frozen=True, slots=True)
class Shape:
    """What a line looks like: size, prose signals and headline signals."""

    text: str  # stripped
    chars: int
    words: int  # letter words
    tokens: int  # white-space separated tokens
    stop_ratio: float  # stopwords / words
    title_ratio: float  # capitalised words / words (among words that are not stopwords)
    sentence_end: bool  # ends like a sentence (. ! ? … : ; or a closing quote)
    inner_sentences: int  # sentence breaks inside the line
    starts_upper: bool
    letter_ratio: float  # letters / non-space characters
    approx_words: int = 0  # words, counting two CJK characters as one (those scripts use no spaces)

    @property
    def is_blank(self) -> bool:
        return self.chars == 0


BLANK = Shape("", 0, 0, 0, 0.0, 0.0, False, 0, False, 0.0, 0)
# Han, kana and hangul: a "word" of WORD_RE there is a whole clause.
CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


# Invisible format characters (zero-width spaces, joiners, U+2063) hide a line's real last character.
_INVISIBLE_RE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u00a0]")
_INVISIBLE = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x00AD)}


_CLOSERS = "\"'”’»)] "
_ENDS = (".", "!", "?", "…", ":", ";", "。", "！", "？", "．", "؟", "।")


def _ends_sentence(text: str) -> bool:
    # Same as SENTENCE_END_RE, without scanning the line.
    return text.rstrip(_CLOSERS).endswith(_ENDS) or text.endswith(("\"", "”"))


def measure(text: str, lang: Language) -> Shape:
    """Measure one stripped line (the shape ignores invisible characters; the text is kept as is)."""
    if not text:
        return BLANK
    if not text.isascii() and _INVISIBLE_RE.search(text):
        text = text.translate(_INVISIBLE).replace("\u00a0", " ").strip() or text
    words = WORD_RE.findall(text)
    nw = len(words)
    sw = lang.stopwords
    lower = list(map(str.lower, words))
    stops = sum(map(sw.__contains__, lower))
    caps = content = 0
    if nw <= 12:  # title case only matters for short lines (menus, labels, headlines)
        for w, lw in zip(words, lower):
            if lw not in sw:
                content += 1
                if w[0].isupper():
                    caps += 1
    nonspace = len(text) - text.count(" ")
    letters = len("".join(words))
    return Shape(
        text=text,
        chars=len(text),
        words=nw,
        tokens=len(text.split()),
        stop_ratio=stops / nw if nw else 0.0,
        title_ratio=caps / content if content else 0.0,
        sentence_end=_ends_sentence(text),
        inner_sentences=len(INNER_SENTENCE_RE.findall(text)),
        starts_upper=bool(STARTS_UPPER_RE.match(text)),
        letter_ratio=letters / nonspace if nonspace else 0.0,
        approx_words=nw + (len(CJK_RE.findall(text)) // 2 if not text.isascii() else 0),
    )
