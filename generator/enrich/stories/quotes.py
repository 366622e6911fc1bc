"""Finding quotations in cleaned paragraphs, whatever the quote marks, and however the scrape broke them.

Rules, in the order they matter:
- Double marks (" “ ” „ ‟ « ») are one family: inside a double quote, any double mark closes it. That
  handles straight/curly mixes (“...") and a closing mark typed as an opening one (`arena, “Putin said`).
- Single marks (' ‘ ’) open a quote only in an opening position (after a space, a bracket or a double
  mark, before a letter) and only when a closing single mark follows in the same paragraph (before
  the enclosing quote ends); between letters (Russia’s, don’t) or after a word with nothing open
  (sides') they are apostrophes.
- Quotes nest; only the outermost quote is reported, with the inner marks kept in its text.
- A double quote still open at the end of a paragraph goes on in the next one when that paragraph
  starts with an opening mark (the English convention for quotes over several paragraphs) or when
  its first double mark is a closing one (a quote broken over two lines); otherwise it ends with its
  paragraph, marked `closed=False`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ArticleText, Quote
from .speakers import attribute

DOUBLE = frozenset('"“”„‟«»')
SINGLE = frozenset("'‘’‚‛")
_OPEN_DOUBLE = frozenset('“„«"')  # glyphs that look like openers at the start of a continued paragraph
_BEFORE_OPEN = frozenset("([{—–-/:") | DOUBLE
_BEFORE_CLOSE = frozenset(".,!?;:)]…")
# Only quote marks change the state of the scan: it jumps from one to the next.
_MARK = re.compile("[%s]" % re.escape("".join(sorted(DOUBLE | SINGLE))))
_DOUBLE_MARK = re.compile("[%s]" % re.escape("".join(sorted(DOUBLE))))


@dataclass
class RawQuote:
    """A quote before its speaker is known: parts as (paragraph index, start, end)."""

    parts: list[tuple[int, int, int]]
    closed: bool


def find_quotes(article: ArticleText) -> list[Quote]:
    """Every outermost quotation in the article, in reading order, with its speaker where the text says it."""
    raws = find_raw_quotes(article.paragraphs)
    if not raws:
        return []  # no speakers to find
    speakers = attribute(article.paragraphs, raws)
    quotes = []
    for raw, speaker in zip(raws, speakers):
        spans = tuple((article.paragraphs[k][0], s, e) for k, s, e in raw.parts)
        text = " ".join(article.paragraphs[k][1][s:e] for k, s, e in raw.parts)
        line, start, end = spans[0]
        quotes.append(Quote(article.slug, article.source, line, start, end, text, speaker, spans, raw.closed))
    return quotes


def find_raw_quotes(paragraphs: tuple[tuple[int, str], ...]) -> list[RawQuote]:
    found: list[RawQuote] = []
    carry: list[tuple[int, int, int]] | None = None  # parts of a double quote left open by earlier paragraphs
    for k, (_line, text) in enumerate(paragraphs):
        stack: list[tuple[str, int]] = []  # (d|s, index of the opening mark; -1 = opened in an earlier paragraph)
        begin = 0
        if carry is not None:
            mode = _continuation(text)
            if mode is None:
                _emit(found, paragraphs, carry, closed=False)
                carry = None
            else:
                stack.append(("d", -1))
                if mode == "reopen":
                    begin = len(text) - len(text.lstrip()) + 1
                    stack[0] = ("d", begin - 1)
        n = len(text)
        for mark in _MARK.finditer(text, begin):
            i = mark.start()
            c = text[i]
            if c in DOUBLE:
                at = _innermost(stack, "d")
                if at is not None:
                    _, pos = stack[at]
                    del stack[at:]
                    if not stack:
                        parts = (carry or []) + [(k, pos + 1, i)]
                        carry = None
                        _emit(found, paragraphs, parts, closed=True)
                elif _opens_double(text, i):
                    stack.append(("d", i))
            elif c in SINGLE:
                prev = text[i - 1] if i else ""
                nxt = text[i + 1] if i + 1 < n else ""
                if prev.isalnum() and nxt.isalnum():
                    pass  # apostrophe: Russia’s, don’t
                elif stack and stack[-1][0] == "s" and prev and (prev.isalnum() or prev in _BEFORE_CLOSE) and not nxt.isalnum():
                    _, pos = stack.pop()
                    if not stack:
                        _emit(found, paragraphs, [(k, pos + 1, i)], closed=True)
                elif (not prev or prev.isspace() or prev in _BEFORE_OPEN) and (nxt.isalnum() or nxt in DOUBLE):
                    if _single_closes_later(text, i + 1, inside_double=_innermost(stack, "d") is not None):
                        stack.append(("s", i))
        # End of paragraph: unmatched singles were apostrophes; an open outermost double quote carries on.
        if stack and stack[0][0] == "d":
            pos = stack[0][1]
            carry = (carry or []) + [(k, pos + 1, n)]
    if carry is not None:
        _emit(found, paragraphs, carry, closed=False)
    found.sort(key=lambda r: (r.parts[0][0], r.parts[0][1]))
    return found


def _innermost(stack: list[tuple[str, int]], kind: str) -> int | None:
    for at in range(len(stack) - 1, -1, -1):
        if stack[at][0] == kind:
            return at
    return None


def _opens_double(text: str, i: int) -> bool:
    """A double mark outside any quote opens one if quoted words follow it."""
    rest = text[i + 1 :]
    if not rest.strip():
        return False
    if text[i] in "«„":
        return True
    return not rest[0].isspace()


def _single_closes_later(text: str, i: int, inside_double: bool) -> bool:
    """Is there a closing single mark ahead (before the enclosing double quote ends)?"""
    n = len(text)
    for mark in _MARK.finditer(text, i):
        j = mark.start()
        c = text[j]
        if inside_double and c in DOUBLE:
            return False
        if c in SINGLE:
            prev = text[j - 1]
            nxt = text[j + 1] if j + 1 < n else ""
            if (prev.isalnum() or prev in _BEFORE_CLOSE) and not nxt.isalnum():
                return True
    return False


def _continuation(text: str) -> str | None:
    """How a paragraph continues a quote left open: 'reopen', 'close' or None (it does not)."""
    stripped = text.lstrip()
    if not stripped:
        return None
    first = stripped[0]
    if first in _OPEN_DOUBLE and len(stripped) > 1 and not stripped[1].isspace():
        return "reopen"
    mark = _DOUBLE_MARK.search(text)
    if mark is None:
        return None
    j = mark.start()
    prev = text[j - 1] if j else ""
    nxt = text[j + 1] if j + 1 < len(text) else ""
    if (prev and not prev.isspace()) or not nxt or nxt.isspace() or nxt in _BEFORE_CLOSE:
        return "close"
    return None


def _emit(found: list[RawQuote], paragraphs, parts: list[tuple[int, int, int]], closed: bool) -> None:
    clean = []
    for k, s, e in parts:
        text = paragraphs[k][1]
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            clean.append((k, s, e))
    if clean and any(ch.isalnum() for k, s, e in clean for ch in paragraphs[k][1][s:e]):
        found.append(RawQuote(clean, closed))
