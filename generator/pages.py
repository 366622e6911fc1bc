"""What the Dossier becomes: the list of pages to render and the data files beside them."""
from __future__ import annotations

from .render import PageSpec
from .site import Article, Dossier


def page_specs(dossier: Dossier) -> list[PageSpec]:
    specs = [
        PageSpec("index.html", "index.html", {"articles": dossier.articles}),
        PageSpec("topics/index.html", "topics.html"),
        PageSpec("timeline/index.html", "timeline.html"),
        PageSpec("404.html", "404.html", absolute_links=True),
    ]
    articles = dossier.articles
    for i, article in enumerate(articles):
        newer = articles[i - 1] if i > 0 else None
        older = articles[i + 1] if i + 1 < len(articles) else None
        specs.append(PageSpec(article.path, "article.html", {"article": article, "newer": newer, "older": older}))
    for page in dossier.pages:
        specs.append(PageSpec(page.path, "page.html", {"page": page}))
    return specs


def article_record(article: Article) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "source": article.source.name if article.source.known else None,
        "source_key": article.source.key,
        "date": article.date.isoformat() if article.date else None,
        "author": article.author,
        "url": article.url,
        "file": article.file,
        "words": article.words,
        "path": article.path,
        "dek": article.dek,
    }


def cleaning_record(article: Article) -> dict:
    found = article.recovered
    return {
        "file": article.file,
        "slug": article.slug,
        "kept": article.kept_count,
        "removed": [{"line": r.line, "text": r.text, "rule": r.rule, "reason": r.reason} for r in article.removed],
        "metadata": {"title": found.title, "author": found.author, "dek": found.dek, "credit": found.credit},
    }


def data_files(dossier: Dossier) -> dict[str, object]:
    """Machine-readable output in build/data/: the contracts other tools and tests rely on."""
    return {
        "data/articles.json": [article_record(a) for a in dossier.articles],
        "data/cleaning.json": [cleaning_record(a) for a in dossier.articles],
    }
