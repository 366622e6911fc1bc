"""Word 5-gram fingerprints of an article: stable 64-bit numbers, computed with numpy per article.

A word's number comes from its text (blake2b), not from Python's per-process string hash, so the
same article gives the same fingerprints in every process and every run: the sample of fingerprints
near_copies indexes (see copies.py) must not change between two builds of the same dossier.
"""
from __future__ import annotations

import functools
import hashlib
from itertools import chain
from typing import Iterable, Sequence

import numpy as np

from .text import british_to_american, words

SHINGLE = 5
_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constants (golden ratio, splitmix64)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
EMPTY = np.zeros(0, dtype=np.uint64)


@functools.lru_cache(maxsize=500_000)
def word_number(word: str) -> int:
    """A stable 64-bit number for a lower-cased word, British and American spellings alike."""
    return int.from_bytes(hashlib.blake2b(british_to_american(word).encode(), digest_size=8).digest(), "little")


def numbers(text: str) -> list[int]:
    """The words of a text as their numbers (see text.words)."""
    return list(map(word_number, words(text)))


def fingerprints(pieces: Iterable[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """The 5-grams of each piece of words (none spans two pieces): (fingerprints, piece index of each).

    Fingerprints are mixed so that their low bits are uniform (copies.py samples by them)."""
    pieces = list(pieces)
    lengths = [len(piece) for piece in pieces]
    if sum(lengths) < SHINGLE:
        return EMPTY, np.zeros(0, dtype=np.int32)
    flat = np.fromiter(chain.from_iterable(pieces), dtype=np.uint64, count=sum(lengths))
    return flat_fingerprints(flat, lengths)


def flat_fingerprints(w: np.ndarray, lengths: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """fingerprints() of pieces given as their words' numbers end to end (uint64) and their lengths.

    A piece shorter than a 5-gram gives none either way: every window over it spans another piece."""
    n = len(w) - SHINGLE + 1
    if n <= 0:
        return EMPTY, np.zeros(0, dtype=np.int32)
    owner = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    h = w[:n].copy()
    for d in range(1, SHINGLE):
        h *= _MULT
        h ^= w[d : d + n]
    h ^= h >> np.uint64(31)
    h *= _MIX1
    h ^= h >> np.uint64(29)
    h *= _MIX2
    h ^= h >> np.uint64(32)
    whole = owner[:n] == owner[SHINGLE - 1 :]  # the 5 words come from one piece
    return h[whole], owner[:n][whole]
