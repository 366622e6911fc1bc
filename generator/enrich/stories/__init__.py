"""Cross-source view: which outlets carry which quotes and facts, and how their wording differs.

find_quotes -> group_quotes (sentences aligned across outlets, candidates from rare words) ->
near_copies, unique_passages, coverage. Pure functions over ArticleText; see each module.
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
from .passages import coverage, near_copies, unique_passages  # noqa: E402
