"""Each article read once for the dossier-wide comparisons (article_print, run through memo_map so a
preview build reads only the articles that changed): its sentences, their content stems for
unique_passages (passages.py), its word 5-grams as fingerprints for near_copies (copies.py).

A paragraph is lower-cased and split into words once: its sentences' words are its words (sentences
are cut at spaces), the 5-grams use them as they are, the stems after dropping function words.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from itertools import chain
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ...parallel import memo_map
from .model import ArticleText
from .quotes import find_raw_quotes
from .shingles import fingerprints, flat_fingerprints, numbers, word_number
from .text import normal, sentence_spans, words, _WORD

SAMPLE_BITS = 4  # near_copies indexes the fingerprints whose low SAMPLE_BITS bits are zero...
SHORT = 300  # ...and, of an article with fewer 5-grams than this,
SHORT_BITS = 2  # those whose low SHORT_BITS bits are zero (two short articles share too few in one in 16)
_LOW = np.uint64((1 << SAMPLE_BITS) - 1)
_LOW_SHORT = np.uint64((1 << SHORT_BITS) - 1)


@dataclass(frozen=True, eq=False)
class CopyPrint:
    """An article's 5-gram fingerprints (sorted, distinct): all of them, the sampled ones, and which
    are its own wording (outside quotes). The memo keeps one per article: 8 bytes a 5-gram."""

    whole: np.ndarray
    sample: np.ndarray  # the sampled whole fingerprints
    sample_short: np.ndarray  # a short article's fingerprints sampled at its rate but not in `sample`
    own_bits: np.ndarray  # np.packbits of: whole[i] is also own wording
    own_extra: np.ndarray  # own fingerprints that are not in `whole` (a word cut by a quote mark)
    own_size: int
    own_sampled: int  # how many own fingerprints are sampled
    own_sampled_short: int  # ...at a short article's rate (0 for a long one)

    @property
    def own(self) -> np.ndarray:
        mine = self.whole[np.unpackbits(self.own_bits, count=len(self.whole)).astype(bool)]
        return np.union1d(mine, self.own_extra) if len(self.own_extra) else mine


@dataclass(eq=False)
class PassagePrint:
    """An article's stems, numbered within the article: `stems[i]` is local stem i.

    Sentence j has the local stems sent_stems[sent_bounds[j]:sent_bounds[j + 1]] and lies in
    paragraph sent_par[j] at sent_spans[j]; paragraph k has par_stems[par_bounds[k]:par_bounds[k + 1]]."""

    slug: str
    source: str
    lines: tuple[int, ...]
    stems: tuple[str, ...]
    sent_stems: np.ndarray
    sent_bounds: np.ndarray
    sent_par: np.ndarray
    sent_spans: np.ndarray  # (start, end) in its paragraph, one row per sentence
    par_stems: np.ndarray
    par_bounds: np.ndarray
    par_tokens: np.ndarray  # per paragraph: a hash of its source and text (what other articles read of it)
    held_by: np.ndarray  # per local stem: the sum of the tokens of the paragraphs that have it
    # Set by the building process (see _numbered): dossier-wide numbers of the stems, how many
    # paragraphs have each, and the paragraphs' stems as dossier-wide numbers, sorted in each paragraph.
    ids: np.ndarray | None = field(default=None)
    par_count: np.ndarray | None = field(default=None)
    par_ids: np.ndarray | None = field(default=None)


@dataclass(frozen=True, eq=False)
class ArticlePrint:
    copy: CopyPrint
    passage: PassagePrint


def article_print(article: ArticleText) -> ArticlePrint:
    """Everything near_copies and unique_passages read of one article."""
    spans, sentence_words = [], []
    for _, text in article.paragraphs:
        cut = sentence_spans(text)
        lower = text.lower().replace("’", "'").replace("-", " ")
        if len(lower) == len(text):
            found = _sentence_words(lower, cut)
        else:  # lower-casing changed the length ('İ'): offsets into `lower` would be wrong
            found = [words(text[s:e]) for s, e in cut]
        spans.append(cut)
        sentence_words.append(found)
    return ArticlePrint(_copy_print(article, sentence_words), _passage_print(article, spans, sentence_words))


# Every character that cannot be in a word (see text._WORD) of a lower-cased paragraph whose "’" are
# made "'": all of ASCII but letters, digits and the apostrophe, and the usual typographic marks.
_NOT_WORD = str.maketrans(dict.fromkeys([c for c in map(chr, range(128)) if not (c.isalnum() or c == "'")]
                                        + list("“”‘‚‛«»„‟‹›—–…§•·"), " "))


def _sentence_words(lower: str, cut: list[tuple[int, int]]) -> list[list[str]]:
    """_WORD.findall(lower, s, e) for each (s, e): when the paragraph is ASCII once its non-word
    characters are spaces, a sentence without an apostrophe has its words split by spaces."""
    plain = lower.translate(_NOT_WORD)  # one character for one: the offsets hold
    if not plain.isascii():
        return [_WORD.findall(lower, s, e) for s, e in cut]
    return [_WORD.findall(part) if "'" in part else part.split() for part in (plain[s:e] for s, e in cut)]


_LAST: tuple[list, list] | None = None  # the last call's articles and prints


def prints_of(articles: Sequence[ArticleText], *, keep: bool = False) -> list[ArticlePrint]:
    """article_print of each article. With `keep`, they are kept for the next call with the same
    articles (unique_passages keeps them for near_copies, which add_story calls next), and only
    for it: a command-line build needs no memo's worth of prints after the stage."""
    global _LAST
    last, _LAST = _LAST, None
    if last is not None and len(last[0]) == len(articles) and all(a is b for a, b in zip(last[0], articles)):
        found = last[1]
    else:
        found = memo_map(article_print, articles)
    if keep:
        _LAST = (list(articles), found)
    return found


def _copy_print(article: ArticleText, sentence_words: list[list[list[str]]]) -> CopyPrint:
    lengths = [sum(map(len, found)) for found in sentence_words]  # words per paragraph
    every_word = chain.from_iterable(chain.from_iterable(sentence_words))
    word_numbers = np.fromiter(map(word_number, every_word), dtype=np.uint64, count=sum(lengths))
    fp, paragraph = flat_fingerprints(word_numbers, lengths)
    whole = _distinct(fp)
    own = _distinct(own_fingerprints(article, fp, paragraph))
    mine = _members(whole, own)
    extra = own[~_members(own, whole)]
    sample = whole[(whole & _LOW) == 0]
    short = len(whole) < SHORT
    sample_short = whole[((whole & _LOW_SHORT) == 0) & ((whole & _LOW) != 0)] if short else whole[:0]
    return CopyPrint(whole, sample, sample_short, np.packbits(mine), extra, len(own),
                     int(np.count_nonzero((own & _LOW) == 0)), int(np.count_nonzero((own & _LOW_SHORT) == 0)) if short else 0)


def own_fingerprints(article: ArticleText, fp: np.ndarray, paragraph: np.ndarray) -> np.ndarray:
    """The 5-grams of the article's words outside quotes, from its 5-grams `fp` (of paragraph
    `paragraph` each): a paragraph without quotes keeps its own; one with quotes is cut into
    pieces no 5-gram may span, and their 5-grams are worked out (a 5-gram's fingerprint is a
    function of its five words, so reusing those of the whole article changes none)."""
    quoted: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for raw in find_raw_quotes(article.paragraphs):
        for k, s, e in raw.parts:
            quoted[k].append((s, e))
    cut = [k for k, (_, text) in enumerate(article.paragraphs) if k in quoted or "|" in text]
    if not cut:
        return fp
    is_cut = np.zeros(len(article.paragraphs), dtype=bool)
    is_cut[cut] = True
    pieces = [numbers(piece) for k in cut for piece in _narration(article.paragraphs[k][1], quoted.get(k, [])).split("\n")]
    return np.concatenate((fp[~is_cut[paragraph]], fingerprints(pieces)[0]))


def paragraph_prints(article: ArticleText) -> tuple[np.ndarray, np.ndarray]:
    """(fingerprints, bounds): paragraph k's distinct fingerprints are fingerprints[bounds[k]:bounds[k + 1]].

    Only near-copies read them, for the few pairs they report: worked out again rather than kept."""
    fp, par = fingerprints([numbers(text) for _, text in article.paragraphs])
    order = np.lexsort((fp, par))
    fp, par = fp[order], par[order]
    keep = np.ones(len(fp), dtype=bool)
    keep[1:] = (fp[1:] != fp[:-1]) | (par[1:] != par[:-1])
    fp, par = fp[keep], par[keep]
    return fp, np.searchsorted(par, np.arange(len(article.paragraphs) + 1))


def _members(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """np.isin(values, sorted_values), by binary search in the sorted array (isin sorts both again:
    most of its time on a few hundred values)."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_values, values)
    at[at == len(sorted_values)] = 0
    return sorted_values[at] == values


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique hashes, which is slower for a few hundred values)."""
    values = np.sort(values)
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


def _narration(text: str, parts: list[tuple[int, int]]) -> str:
    """The paragraph with its quoted words cut out (a line break stops 5-grams from bridging the gap)."""
    out, last = [], 0
    for s, e in sorted(parts):
        out.append(text[last:s])
        out.append(" | ")
        last = e
    out.append(text[last:])
    return "".join(out).replace("|", "\n")


def _passage_print(article: ArticleText, spans, sentence_words) -> PassagePrint:
    local: dict[str, int] = {}
    sent_stems, sent_bounds, sent_par, sent_spans = [], [0], [], []
    par_stems, par_bounds = [], [0]
    for k, (cut, found) in enumerate(zip(spans, sentence_words)):
        in_paragraph: set[int] = set()
        for span, ws in zip(cut, found):
            ids = sorted({local.setdefault(t, len(local)) for t in map(normal, ws) if t})
            sent_stems.extend(ids)
            sent_bounds.append(len(sent_stems))
            sent_par.append(k)
            sent_spans.append(span)
            in_paragraph.update(ids)
        par_stems.extend(sorted(in_paragraph))
        par_bounds.append(len(par_stems))
    par_tokens = np.array([paragraph_token(article.source, text) for _, text in article.paragraphs], dtype=np.uint64)
    par_stems, par_bounds = _ints(par_stems), _ints(par_bounds)
    held_by = np.zeros(len(local), dtype=np.uint64)
    np.add.at(held_by, par_stems, np.repeat(par_tokens, np.diff(par_bounds)))
    return PassagePrint(
        article.slug, article.source,
        tuple(line for line, _ in article.paragraphs),
        tuple(local), _ints(sent_stems), _ints(sent_bounds), _ints(sent_par), np.array(sent_spans, dtype=np.int32).reshape(-1, 2),
        par_stems, par_bounds, par_tokens, held_by,
    )


def paragraph_token(source: str, text: str) -> int:
    """63 bits of a hash of a paragraph and its outlet: all another article's result reads of it."""
    return int.from_bytes(hashlib.blake2b(f"{source}\0{text}".encode(), digest_size=8).digest(), "little") >> 1


def _ints(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int32)
