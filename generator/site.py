"""Assemble: cleaned articles and pages -> the whole Dossier, every index complete before rendering.

Here each article gets its title, slug and source label; the pages to render and the data files
to write are listed from the finished Dossier.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Mapping

from .config import Config
from .content import Page
from .model import CleanArticle, CleanMetadata, Line, Removal
from .problems import Problems
from .slugs import slugify, unique_slugs


@dataclass(frozen=True)
class Source:
    """An outlet. Articles whose outlet is not named each get one of their own, labelled honestly."""

    key: str
    name: str
    known: bool
    url: str = ""

    @property
    def short_name(self) -> str:
        """For narrow places (table headings): the name, or the file an unnamed outlet's article is in."""
        return self.name if self.known else PurePosixPath(self.key.removeprefix("file:")).stem


@dataclass(frozen=True)
class Article:
    slug: str
    path: str  # output path of its page
    file: str
    title: str
    date: datetime.date | None
    source: Source
    author: str | None
    url: str | None
    dek: str | None
    credit: str | None
    title_line: int | None  # file line of the kept title, if the title came from the text
    body: tuple[Line, ...]  # kept lines after the title
    removed: tuple[Removal, ...]
    kept_by_override: tuple[Removal, ...]  # what an editor's keep pattern saved from the cleaner
    kept_count: int  # lines the cleaner kept, title included
    recovered: CleanMetadata  # what the cleaner found in the noise
    words: int

    @property
    def file_name(self) -> str:
        return PurePosixPath(self.file).name


@dataclass(frozen=True)
class SitePage:
    slug: str
    path: str
    file: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Dossier:
    config: Config
    articles: tuple[Article, ...]  # newest first
    pages: tuple[SitePage, ...]
    sources: tuple[Source, ...]
    # Added by the enrichment stage (generator/enrichment.py):
    timeline: tuple = ()  # TimelineEntry, sorted by date
    events_by_article: Mapping[str, tuple] = field(default_factory=dict)  # slug -> ((entry, mention), ...)
    topics: tuple = ()  # Topic, by kind then name
    related_topics: Mapping[str, list] = field(default_factory=dict)  # topic slug -> related topic slugs
    topics_by_article: Mapping[str, tuple] = field(default_factory=dict)  # article slug -> (Topic, ...)
    quote_groups: tuple = ()  # QuoteGroup: one statement as each outlet renders it
    quotes_by_article: Mapping[str, tuple] = field(default_factory=dict)  # slug -> ((group, variant), ...)
    near_copies: tuple = ()  # NearCopy: article pairs where one reposts or rewrites the other
    unique_passages: Mapping[str, tuple] = field(default_factory=dict)  # slug -> (UniquePassage, ...)
    coverage: Mapping = field(default_factory=dict)  # {sources, items}: build/data/coverage.json

    def topic(self, slug: str):
        return self._index("_topic_index", lambda: {t.slug: t for t in self.topics})[slug]

    def paragraph(self, article_slug: str, line: int) -> str:
        """The text of one kept line of an article (title included)."""
        def build():
            found = {}
            for a in self.articles:
                if a.title_line:
                    found[(a.slug, a.title_line)] = a.title
                for kept in a.body:
                    found[(a.slug, kept.number)] = kept.text
            return found
        return self._index("_paragraph_index", build)[(article_slug, line)]

    def article(self, slug: str) -> Article:
        return self._index("_article_index", lambda: {a.slug: a for a in self.articles})[slug]

    def ordered(self, slugs) -> list[Article]:
        """The articles with these slugs, newest first like `articles`; unknown slugs are left out."""
        order = self._index("_article_order", lambda: {a.slug: i for i, a in enumerate(self.articles)})
        return [self.articles[i] for i in sorted(order[s] for s in set(slugs) if s in order)]

    def _index(self, name: str, build):
        """A lookup table made once per Dossier (the dataclass is frozen, the cache is not part of it)."""
        cache = self.__dict__.get(name)
        if cache is None:
            cache = build()
            object.__setattr__(self, name, cache)
        return cache


def article_path(slug: str) -> str:
    return f"articles/{slug}.html"


def assemble(
    config: Config, cleaned: list[CleanArticle], pages: list[Page], problems: Problems, made: dict | None = None
) -> Dossier:
    """`made`, kept by the caller between builds with the same config, maps id(clean) to the
    (clean, title, slug, Article) of the last build: an unchanged article is then the very same
    object again, and telling whether a page that shows it changed is an identity check."""
    titles = [article_title(c) for c in cleaned]
    slugs = assign_slugs(cleaned, titles, problems)
    articles = []
    for clean, title, slug in zip(cleaned, titles, slugs):
        if slug is None:
            continue
        previous = made.get(id(clean)) if made is not None else None
        if previous and previous[0] is clean and previous[1:3] == (title, slug):
            article = previous[3]
        else:
            article = make_article(config, clean, title, slug)
        articles.append(article)
        if made is not None:
            made[id(clean)] = (clean, title, slug, article)
    if made is not None:  # forget articles that are gone or changed
        for key in set(made) - {id(c) for c in cleaned}:
            del made[key]
    articles.sort(key=newest_first)
    sources = {a.source.key: a.source for a in articles}
    return Dossier(
        config=config,
        articles=tuple(articles),
        pages=tuple(SitePage(p.slug, f"{p.slug}.html", p.file, p.title, p.markdown) for p in pages),
        sources=tuple(sorted(sources.values(), key=lambda s: (not s.known, s.name.lower()))),
    )


def newest_first(article: Article) -> tuple:
    """The dossier's order of articles: newest first, undated last, then by title."""
    return (article.date is None, -(article.date.toordinal() if article.date else 0), article.title.lower(), article.slug)


def article_title(clean: CleanArticle) -> str:
    """Front matter, then what the cleaner recovered, then the first kept line, then the file name."""
    if clean.raw.meta.title:
        return clean.raw.meta.title
    if clean.metadata.title:
        return clean.metadata.title
    for line in clean.kept:
        if line.role == "title":
            return line.text
    if clean.kept:
        first = clean.kept[0].text
        return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
    return PurePosixPath(clean.raw.file).stem


def assign_slugs(cleaned: list[CleanArticle], titles: list[str], problems: Problems) -> list[str | None]:
    """Chosen slugs are kept (two articles choosing one slug is an error); made ones are de-duplicated."""
    chosen: dict[str, str] = {}
    result: list[str | None] = [None] * len(cleaned)
    for i, clean in enumerate(cleaned):
        slug = clean.raw.meta.slug
        if slug is None:
            continue
        if slug in chosen:
            problems.error(
                clean.raw.file, None, f"slug '{slug}' is already used by {chosen[slug]}",
                "give one of the two articles another slug",
            )
            continue
        chosen[slug] = clean.raw.file
        result[i] = slug
    made = [slugify(t) or slugify(PurePosixPath(c.raw.file).stem) for c, t in zip(cleaned, titles)]
    taken = set(chosen)
    pending = [i for i, c in enumerate(cleaned) if c.raw.meta.slug is None]
    unique = unique_slugs([s for s in sorted(taken)] + [made[i] for i in pending])[len(taken):]
    for i, slug in zip(pending, unique):
        result[i] = slug
    return result


def make_article(config: Config, clean: CleanArticle, title: str, slug: str) -> Article:
    raw = clean.raw
    body = tuple(line for line in clean.kept if line.role != "title")
    title_line = next((line.number for line in clean.kept if line.role == "title"), None)
    dek = clean.metadata.dek
    return Article(
        slug=slug,
        path=article_path(slug),
        file=raw.file,
        title=title,
        title_line=title_line,
        date=raw.meta.date,
        source=article_source(config, raw.meta.source, raw.file),
        author=raw.meta.author or clean.metadata.author,
        url=raw.meta.url,
        dek=dek,
        credit=clean.metadata.credit,
        body=body,
        removed=clean.removed,
        kept_by_override=clean.kept_by_override,
        kept_count=len(clean.kept),
        recovered=clean.metadata,
        words=sum(len(line.text.split()) for line in clean.kept),
    )


def article_source(config: Config, key: str | None, file: str) -> Source:
    if key is None:
        name = PurePosixPath(file).name
        return Source(key=f"file:{file}", name=f"Unknown source ({name})", known=False)
    settings = config.sources.get(key)
    return Source(key=key, name=config.source_name(key) or key, known=True, url=settings.url if settings else "")
