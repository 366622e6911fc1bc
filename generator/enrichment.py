"""Enrich: what the dossier knows beyond single articles: the timeline of dated events."""
from __future__ import annotations

import dataclasses
from collections import defaultdict

from .enrich.events import Paragraphs, build_timeline
from .site import Article, Dossier


def paragraphs(article: Article) -> tuple[tuple[int, str], ...]:
    """The kept lines an enrichment stage reads: title first, then the body."""
    title_line = (article.title_line, article.title) if article.title_line else None
    body = tuple((line.number, line.text) for line in article.body)
    return ((title_line,) if title_line else ()) + body


def enrich(dossier: Dossier) -> Dossier:
    timeline = build_timeline(
        [Paragraphs(a.slug, a.source.key, a.source.name, a.date, paragraphs(a)) for a in dossier.articles]
    )
    events = defaultdict(list)
    for entry in timeline:
        for mention in entry.mentions:
            events[mention.article].append((entry, mention))
    for found in events.values():
        found.sort(key=lambda pair: (pair[1].line, pair[1].at))
    return dataclasses.replace(
        dossier, timeline=tuple(timeline), events_by_article={slug: tuple(v) for slug, v in events.items()}
    )
