"""The cleaner: takes scraping noise out of article text, keeps the article whole, explains each removal.

`clean_corpus` is the entry point for a dossier (it finds each outlet's template across its
articles); `clean_article` cleans one; `clean_text` is plain text in, plain text out.
How lines are judged: classifier.py (layers) and rules.py (the named rules and their reasons).
"""
from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from typing import Callable, Sequence

from ..model import CleanArticle, CleanMetadata, CleanOverrides, FrontMatter, Line, RawArticle, Removal
from .classifier import Classified, Decision, classify
from .features import measure
from .lang import DEFAULT, LANGUAGES, Language
from .rules import KEEP_REASONS, REASONS, compiled, warm

__all__ = [
    "clean_corpus", "clean_article", "clean_text", "outlet_templates", "explain", "REASONS", "KEEP_REASONS",
    "LANGUAGES", "Language",
]


def clean_corpus(
    raws: Sequence[RawArticle], overrides: Callable[[RawArticle], CleanOverrides] | None = None
) -> list[CleanArticle]:
    """Clean every article; same order as given.

    Lines repeated across articles of the SAME source (raw.meta.source; an article without a
    source is an outlet of its own) are that outlet's template. Text repeated across DIFFERENT
    outlets is shared quotes, which is content: it is never removed for being repeated.
    """
    templates = outlet_templates(raws)
    out = []
    # Cleaning makes no reference cycles, and the results pile up: the cyclic collector would
    # only walk them again and again (a tenth of the time on 10,000 articles).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for raw in raws:
            tl = templates.get(raw.meta.source, frozenset()) if raw.meta.source is not None else frozenset()
            out.append(clean_article(raw, overrides(raw) if overrides else None, tl))
    finally:
        if collecting:
            gc.enable()
    return out


def outlet_templates(raws: Sequence[RawArticle], lang: Language = DEFAULT,
                     line_sets: dict[str, frozenset[str]] | None = None) -> dict[str, frozenset[str]]:
    """Per source: the lines it prints on at least half of its articles (and on two or more).

    A long paragraph counts only when the outlet prints it on three or more articles: two stories
    of one outlet may well quote the same sentence, a template repeats on every page. `line_sets`
    (an article's digest -> its distinct lines) is read and filled, so that a rebuild splits only
    the articles that changed.
    """
    by_source: dict[str, list[RawArticle]] = defaultdict(list)
    for raw in raws:
        if raw.meta.source is not None:
            by_source[raw.meta.source].append(raw)
    result: dict[str, frozenset[str]] = {}
    # Compiled once here, before a build forks its cleaning workers: they share the patterns.
    warm(compiled(lang), {ln.lstrip()[:1] for raw in raws[:200] for ln in raw.body.split("\n") if ln.strip()})
    for source, group in by_source.items():
        if len(group) < 2:
            continue
        df: Counter[str] = Counter()
        for raw in group:
            df.update(distinct_lines(raw, line_sets))
        need = max(2, (len(group) + 1) // 2)
        lines = set()
        for text, k in df.items():
            if k < need or len(text) <= 1:
                continue
            s = measure(text, lang)
            if k >= 3 or s.words < 15:
                lines.add(text)
        result[source] = frozenset(lines)
    return result


def distinct_lines(raw: RawArticle, kept: dict[str, frozenset[str]] | None) -> frozenset[str]:
    """The article's lines, stripped, each once; looked up in `kept` by the file's digest."""
    lines = kept.get(raw.digest) if kept is not None else None
    if lines is None:
        lines = frozenset(map(str.strip, raw.body.split("\n")))
        if kept is not None:
            kept[raw.digest] = lines
    return lines


def clean_article(
    raw: RawArticle, overrides: CleanOverrides | None = None, template_lines: frozenset[str] = frozenset()
) -> CleanArticle:
    """One article alone (template_lines = lines this article's outlet repeats across its articles)."""
    lines = raw.body.split("\n")
    result = classify(
        lines,
        template_lines=template_lines,
        overrides=overrides,
        article_date=raw.meta.date,
        known_title=raw.meta.title,
    )
    kept: list[Line] = []
    removed: list[Removal] = []
    overruled: list[Removal] = []
    texts = result.texts
    first = raw.body_first_line
    for i, d in enumerate(result.decisions):
        if d is None:
            continue
        text = texts[i]
        if d.keep:
            kept.append(Line(first + i, text, d.role))
            if d.rule == "override-keep":
                reason = "Kept by a keep pattern in site.yaml; otherwise: " + REASONS.get(d.overruled, d.overruled)
                overruled.append(Removal(first + i, text, d.overruled, reason))
        else:
            removed.append(Removal(first + i, text, d.rule, _reason(d)))
    meta = CleanMetadata(title=result.title, author=result.author, dek=result.dek, credit=result.credit)
    return CleanArticle(raw=raw, kept=tuple(kept), removed=tuple(removed), metadata=meta, kept_by_override=tuple(overruled))


def _reason(d: Decision) -> str:
    reason = REASONS.get(d.rule, d.rule)
    if d.rule in ("page-header", "page-footer") and d.cls:
        reason = f"{reason} (jusText class: {d.cls})"
    return reason


def clean_text(text: str) -> str:
    """Plain text in, kept lines out (one per line, blank line between paragraphs).

    Lone surrogates (text decoded with errors="surrogateescape") become U+FFFD, so the output is
    always valid UTF-8.
    """
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
    raw = RawArticle(file="<text>", body=text, body_offset=0, body_first_line=1, meta=FrontMatter(), digest="")
    return render_kept(clean_article(_normalise(raw)))


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def render_kept(article: CleanArticle) -> str:
    """The kept lines in their original order, paragraphs separated by a blank line."""
    return "\n\n".join(line.text for line in article.kept) + ("\n" if article.kept else "")


def explain(article: CleanArticle) -> list[str]:
    """`FILE:LINE  RULE  reason  | text` for each removed line (the CLI's --explain format)."""
    return [f"{article.raw.file}:{r.line}  {r.rule}  {r.reason}  | {r.text}" for r in article.removed]


def _normalise(raw: RawArticle) -> RawArticle:
    # Plain text from anywhere: CRLF or CR line ends become \n, like the loader does.
    if "\r" not in raw.body:
        return raw
    body = raw.body.replace("\r\n", "\n").replace("\r", "\n")
    return RawArticle(raw.file, body, 0, 1, raw.meta, raw.digest)
