"""The words and phrases the cleaner knows, one module per language.

A `Language` holds everything language-specific: stopwords (for prose detection), the phrases of
page furniture per rule, month and weekday names, agency names. Rules and the classifier only read
these fields, so adding a language is adding a module like `en.py` and listing it in `LANGUAGES`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import en


@dataclass(frozen=True)
class Language:
    """Everything a language contributes; the field docs in `en.py` say what each one holds."""

    code: str
    stopwords: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    time_words: frozenset[str]
    date_words: frozenset[str]
    share_words: frozenset[str]
    agencies: tuple[str, ...]
    furniture: dict[str, tuple[str, ...]] = field(default_factory=dict)
    related_labels: tuple[str, ...] = ()
    byline_prefixes: tuple[str, ...] = ()
    credit_prefixes: tuple[str, ...] = ()
    bio_verbs: tuple[str, ...] = ()
    bio_actions: tuple[str, ...] = ()
    long_line_triggers: tuple[str, ...] = ()
    bio_nouns: tuple[str, ...] = ()


def _from_module(m) -> Language:
    return Language(
        code=m.CODE,
        stopwords=frozenset(m.STOPWORDS.split()),
        months=frozenset(m.MONTHS.split()),
        weekdays=frozenset(m.WEEKDAYS.split()),
        time_words=frozenset(m.TIME_WORDS.split()),
        date_words=frozenset(m.DATE_WORDS.split()),
        share_words=frozenset(m.SHARE_WORDS.split()),
        agencies=tuple(m.AGENCIES),
        furniture={k: tuple(v) for k, v in m.FURNITURE.items()},
        related_labels=tuple(m.RELATED_LABELS),
        byline_prefixes=tuple(m.BYLINE_PREFIXES),
        credit_prefixes=tuple(m.CREDIT_PREFIXES),
        bio_verbs=tuple(m.BIO_VERBS),
        bio_actions=tuple(m.BIO_ACTIONS),
        long_line_triggers=tuple(m.LONG_LINE_TRIGGERS),
        bio_nouns=tuple(m.BIO_NOUNS),
    )


ENGLISH = _from_module(en)
LANGUAGES: dict[str, Language] = {ENGLISH.code: ENGLISH}
DEFAULT = ENGLISH
