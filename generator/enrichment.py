"""Enrich: what the dossier knows beyond single articles: the timeline of dated events, the topic
index (people, organisations, places, themes) and the cross-source view (quotes compared across
outlets, near-copies, what only one outlet carries, who covers which topic)."""
from __future__ import annotations

import dataclasses
from collections import defaultdict

from .enrich.events import Paragraphs, build_timeline
from .enrich import stories
from .parallel import SameObjects, memo_map, memo_stage
from .enrich.topics import ArticleText, find_topics, related_topics
from .site import Article, Dossier


# Enrichment reads this much of each article: news articles are a few thousand characters, and
# a 50 MB file (a scraper gone wrong, or hostile input) must not hold the whole build for minutes.
MAX_ENRICHED_CHARS = 200_000


def paragraphs(article: Article) -> tuple[tuple[int, str], ...]:
    """The kept lines an enrichment stage reads: title first, then the body, up to MAX_ENRICHED_CHARS."""
    title_line = (article.title_line, article.title) if article.title_line else None
    lines = ([title_line] if title_line else []) + [(line.number, line.text) for line in article.body]
    kept, total = [], 0
    for number, text in lines:
        if total + len(text) > MAX_ENRICHED_CHARS:
            break
        kept.append((number, text))
        total += len(text)
    return tuple(kept)


def enrich(dossier: Dossier) -> Dossier:
    texts = {a.slug: lines for a, lines in article_texts(dossier.articles)}
    # Everything enrichment reads of the articles; when it is what the last build read (the
    # preview server rebuilding after a template edit), the last results are used again.
    key = (tuple((a.slug, a.source, a.date, texts[a.slug]) for a in dossier.articles), dossier.config.topics)
    fields = memo_stage("enrich", key, lambda: enriched_fields(dossier, texts))
    return dataclasses.replace(dossier, **fields)


def article_texts(articles) -> list[tuple[Article, tuple]]:
    """(article, paragraphs(article)) for each; in a preview, an article that is the same object as in
    the last build keeps its tuple: it is not made again (1.3 s of a profiled rebuild at 10,000
    articles), and comparing the inputs with the last build's stops at its identity."""
    kept = SameObjects("enrich.texts")
    found = [(article, kept.get(article, paragraphs)) for article in articles]
    kept.finish()
    return found


ENRICHED = ("timeline", "events_by_article", "topics", "related_topics", "topics_by_article", "quote_groups",
            "quotes_by_article", "near_copies", "unique_passages", "coverage")


def enriched_fields(dossier: Dossier, texts: dict) -> dict:
    done = add_story(add_topics(add_timeline(dossier, texts), texts), texts)
    return {name: getattr(done, name) for name in ENRICHED}


def add_timeline(dossier: Dossier, texts: dict) -> Dossier:
    timeline = build_timeline(
        [Paragraphs(a.slug, a.source.key, a.source.name, a.date, texts[a.slug]) for a in dossier.articles]
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


def add_topics(dossier: Dossier, texts: dict) -> Dossier:
    topics = find_topics(
        [ArticleText(a.slug, a.source.key, texts[a.slug]) for a in dossier.articles], dossier.config.topics,
        project=dossier.config.root,
    )
    by_article = defaultdict(list)
    for topic in topics:
        for slug in topic.articles:
            by_article[slug].append(topic)
    return dataclasses.replace(
        dossier,
        topics=tuple(topics),
        related_topics=related_topics(topics),
        topics_by_article={slug: tuple(sorted(found, key=lambda t: (t.kind, t.name))) for slug, found in by_article.items()},
    )


def add_story(dossier: Dossier, texts: dict) -> Dossier:
    articles = [stories.ArticleText(a.slug, a.source.key, a.source.name, texts[a.slug]) for a in dossier.articles]
    quotes = [quote for found in memo_map(stories.find_quotes, articles) for quote in found]
    groups = stories.group_quotes(quotes)
    unique = stories.unique_passages(articles, groups)
    topic_articles = {topic.name: topic.articles for topic in dossier.topics}
    by_article = defaultdict(list)
    for group in groups:
        for variant in group.variants:
            by_article[variant.article].append((group, variant))
    return dataclasses.replace(
        dossier,
        quote_groups=tuple(groups),
        quotes_by_article={slug: tuple(found) for slug, found in by_article.items()},
        near_copies=tuple(stories.near_copies(articles)),
        unique_passages={slug: tuple(found) for slug, found in unique.items() if found},
        coverage=stories.coverage(articles, topic_articles, groups, unique),
    )
