"""Cross-source view: which outlets carry which quotes and facts, and how their wording differs.

find_quotes -> group_quotes (sentences aligned across outlets, candidates from rare words) ->
near_copies (copies.py), unique_passages, coverage (passages.py). Functions over ArticleText; the
per-article parts run through parallel.memo_map, so a preview build redoes only what an edit changed.
"""
from .model import (
    Alignment,
    ArticleText,
    GroupingStats,
    NearCopy,
    Quote,
    QuoteGroup,
    UniquePassage,
)
from .quotes import find_quotes

__all__ = [
    "Alignment", "ArticleText", "GroupingStats", "NearCopy", "Quote", "QuoteGroup", "UniquePassage",
    "find_quotes", "align_quotes", "group_quotes", "near_copies", "unique_passages", "coverage",
]

from .align import align_quotes, group_quotes  # noqa: E402
from .copies import near_copies  # noqa: E402
from .passages import coverage, unique_passages  # noqa: E402
