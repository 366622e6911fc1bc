"""What the Dossier becomes: the list of pages to render and the data files beside them."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from functools import partial

from .datafiles import Records
from .enrich.events import TimelineEntry
from .parallel import SameObjects
from .pictures import add_pictures
from .render import PageSpec
from .search import search_page_spec
from .site import Article, Dossier


@dataclass(frozen=True)
class TimelinePart:
    heading: str | None  # a month, or None for entries that span more than a month
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True)
class TimelineGroup:
    key: str
    heading: str  # a year, "the 1990s", "the 20th century"
    parts: tuple[TimelinePart, ...]
    page: str = "timeline/index.html"  # where its entries are listed

    @property
    def entry_count(self) -> int:
        return sum(len(part.entries) for part in self.parts)

    @property
    def mention_count(self) -> int:
        return sum(len(entry.mentions) for part in self.parts for entry in part.entries)


def timeline_groups(entries: tuple[TimelineEntry, ...]) -> list[TimelineGroup]:
    """Entries by year, then month; vague ones (a decade, a season) stand at the head of their period.
    Periods with the same span but another label ("the 2000s", "the early 2000s") get keys of their own."""
    groups: dict[tuple, dict] = {}
    for entry in entries:
        first, last = entry.first_day, entry.last_day
        if first.year != last.year:
            group = (first, last, entry.label, f"p{first.year}-{last.year}")
            month = None
        else:
            group = (datetime.date(first.year, 1, 1), datetime.date(first.year, 12, 31), str(first.year), f"y{first.year}")
            month = first.month if first.month == last.month else None
        groups.setdefault(group, {}).setdefault(month, []).append(entry)
    result = []
    for (_, _, heading, key), months in sorted(groups.items(), key=lambda item: (item[0][0], -item[0][1].toordinal())):
        parts = [
            TimelinePart(None if month is None else f"{datetime.date(2000, month, 1):%B} {heading}", tuple(found))
            for month, found in sorted(months.items(), key=lambda item: -1 if item[0] is None else item[0])
        ]
        taken = sum(1 for group in result if group.key == key or group.key.startswith(key + "-"))
        result.append(TimelineGroup(f"{key}-{taken + 1}" if taken else key, heading, tuple(parts)))
    return result


TIMELINE_PAGE_ENTRIES = 500  # above this many entries, one page per period and timeline/index.html lists them


def timeline_specs(dossier: Dossier) -> list[PageSpec]:
    """timeline/index.html; for a dossier with many dated events, one page per period beside it
    (timeline/y2021.html), and the index lists the periods and every entry, linking to its page. A
    period page sees only its own entries, so a rebuild carries it over while they stay the same."""
    groups = timeline_groups(dossier.timeline)
    shown = {"mentions_shown": MENTIONS_PER_EVENT, "split": False}
    if len(dossier.timeline) <= TIMELINE_PAGE_ENTRIES:
        return [PageSpec("timeline/index.html", "timeline.html",
                         {"dossier": dossier, **shown, "groups": groups, "articles": cited(dossier, groups)}, always=True)]
    groups = [replace(group, page=f"timeline/{group.key}.html") for group in groups]
    specs = [PageSpec("timeline/index.html", "timeline.html", {"dossier": dossier, **shown, "groups": groups,
                                                               "split": True}, always=True)]
    for i, group in enumerate(groups):
        beside = {"previous": (groups[i - 1].page, groups[i - 1].heading) if i else None,
                  "next": (groups[i + 1].page, groups[i + 1].heading) if i + 1 < len(groups) else None}
        specs.append(PageSpec(group.page, "timeline-period.html",
                              {**shown, "groups": [group], "period": group, "articles": cited(dossier, [group]), **beside}))
    return specs


def cited(dossier: Dossier, groups: list[TimelineGroup]) -> dict[str, tuple[str, str]]:
    """(path, title) of every article the entries of `groups` cite, by slug."""
    found = {}
    for group in groups:
        for part in group.parts:
            for entry in part.entries:
                for mention in entry.mentions:
                    if mention.article not in found:
                        article = dossier.article(mention.article)
                        found[mention.article] = (article.path, article.title)
    return found


MENTIONS_PER_EVENT = 8  # sentences shown open under one timeline entry; the rest fold into <details>
QUOTE_GROUPS_SHOWN = 200  # statements compared on the sources page, most widely quoted first
UNIQUE_SHOWN = 300  # "only in this source" paragraphs listed there; each is also marked on its article
HOME_PAGE_SIZE = 100  # articles per page of the home list
TOPIC_PAGE_SIZE = 50  # articles per page of a topic
SNIPPETS_PER_ARTICLE = 5  # paragraphs shown open per article on a topic page; the rest are folded, never dropped


@dataclass(frozen=True)
class Pager:
    """Where a page stands in a list split over several pages."""

    number: int  # 1-based
    paths: tuple[str, ...]  # every page of the list, first to last

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.count else None


def paged(first_path: str, items: tuple | list, size: int) -> list[tuple[str, tuple, Pager]]:
    """Split `items` over pages: first_path, then first_path with --2, --3... before .html."""
    chunks = [tuple(items[i:i + size]) for i in range(0, len(items), size)] or [()]
    stem = first_path.removesuffix(".html")
    paths = tuple(first_path if n == 1 else f"{stem}--{n}.html" for n in range(1, len(chunks) + 1))
    return [(path, chunk, Pager(n, paths)) for n, (path, chunk) in enumerate(zip(paths, chunks), start=1)]


def page_specs(dossier: Dossier) -> list[PageSpec]:
    whole = {"dossier": dossier}
    specs = [
        PageSpec(path, "index.html", {"articles": chunk, "pager": pager, "total": len(dossier.articles)})
        for path, chunk, pager in paged("index.html", dossier.articles, HOME_PAGE_SIZE)
    ]
    specs += [
        PageSpec("topics/index.html", "topics.html", {**whole, "kinds": topics_by_kind(dossier.topics)}, always=True),
        *timeline_specs(dossier),
        PageSpec("sources/index.html", "sources.html", {**whole, **story_context(dossier)}, always=True),
        PageSpec("404.html", "404.html", absolute_links=True),
    ]
    articles = dossier.articles
    # What an article page shows of a timeline entry: not its mentions, which an edit elsewhere changes.
    kept = SameObjects("pages.timeline_headers")
    headers = {entry.key: kept.get(entry, without_mentions) for entry in dossier.timeline}
    kept.finish()
    for i, article in enumerate(articles):
        newer = articles[i - 1] if i > 0 else None
        older = articles[i + 1] if i + 1 < len(articles) else None
        context = {
            "article": article,
            "newer": newer,
            "older": older,
            "events": tuple((headers[entry.key], mention) for entry, mention in dossier.events_by_article.get(article.slug, ())),
            "topics": [(t.name, t.slug, t.kind) for t in dossier.topics_by_article.get(article.slug, ())],
            "compared_quotes": compared_quotes(dossier, article.slug),
            "unique_lines": frozenset(p.line for p in dossier.unique_passages.get(article.slug, ())),
        }
        specs.append(PageSpec(article.path, "article.html", context))
    for page in dossier.pages:
        specs.append(PageSpec(page.path, "page.html", {"page": page}))
    # In a preview, each topic's articles and mentions as grouped last build (which takes 1-2 s at
    # 10,000 articles); the dict is made anew for a build that keeps nothing.
    kept = SameObjects("pages.topic_pages")
    for topic in dossier.topics:
        specs.extend(topic_pages(dossier, topic, kept))
    kept.finish()
    specs.append(search_page_spec())
    return add_pictures(dossier, specs)


def without_mentions(entry: TimelineEntry) -> TimelineEntry:
    return replace(entry, mentions=())


MATRIX_ROWS = 120  # topics in the sources x topics table; the most widely covered first


def compared_quotes(dossier: Dossier, slug: str) -> tuple:
    """(label, key, other sources) for each quote of the article that other outlets carry too."""
    seen, found = set(), []
    for group, _ in dossier.quotes_by_article.get(slug, ()):
        if len(group.sources) > 1 and group.key not in seen:
            seen.add(group.key)
            found.append((group.label, group.key, len(group.sources) - 1))
    return tuple(found)


@dataclass(frozen=True)
class Variant:
    source: str
    article: Article
    line: int
    parts: tuple[tuple[str, str], ...]  # (equal|insert, text): insert marks wording the first variant lacks


WORDING_DIFFS: dict[tuple[str, str], tuple] = {}  # (first wording, other wording) -> its parts
WORDING_DIFFS_KEPT = 20_000  # the sources page shows a few thousand; a preview keeps them between builds


def wording_parts(group, first, variant) -> tuple[tuple[str, str], ...]:
    """The variant's wording split into (equal|insert, text) against the first variant's. A diff
    depends on the two texts alone, and the sources page shows the same ones on every build: each
    pair is compared once per process (3.1 s of a profiled preview rebuild at 1,000 articles)."""
    pair = (first.text, variant.text)
    parts = WORDING_DIFFS.get(pair)
    if parts is None:
        if len(WORDING_DIFFS) >= WORDING_DIFFS_KEPT:
            WORDING_DIFFS.clear()
        parts = WORDING_DIFFS[pair] = tuple((op, text) for op, text in group.diff(first, variant) if op != "delete")
    return parts


def quote_view(dossier: Dossier, group) -> tuple:
    """A group's variants, each with its wording compared with the first one."""
    first = group.variants[0]
    names = {s.key: s.name for s in dossier.sources}
    variants = []
    for variant in group.variants:
        parts = (("equal", variant.text),) if variant is first else wording_parts(group, first, variant)
        variants.append(Variant(names.get(variant.source, variant.source), dossier.article(variant.article), variant.line, parts))
    return tuple(variants)


def cap_passages(unique: list, limit: int) -> tuple[list, int]:
    """At most `limit` passages in all, whole articles first; and how many were left out."""
    kept, count = [], 0
    for article, passages in unique:
        room = limit - count
        if room <= 0:
            break
        kept.append((article, passages[:room]))
        count += len(kept[-1][1])
    total = sum(len(passages) for _, passages in unique)
    return kept, total - count


def coverage_matrix(dossier: Dossier) -> tuple[list, list]:
    """Rows of (topic, [mentions in each source's articles]) for the most widely covered topics."""
    source_of = {a.slug: a.source.key for a in dossier.articles}
    columns = list(dossier.sources)
    rows = []
    for topic in dossier.topics:
        counts = dict.fromkeys((s.key for s in columns), 0)
        for mention in topic.mentions:
            counts[source_of[mention.article]] += 1
        rows.append((topic, [counts[s.key] for s in columns]))
    rows.sort(key=lambda row: (-sum(1 for n in row[1] if n), -sum(row[1]), row[0].name.lower()))
    return columns, rows[:MATRIX_ROWS]


def story_context(dossier: Dossier) -> dict:
    shared = [g for g in dossier.quote_groups if len(g.sources) > 1]
    shown = shared[:QUOTE_GROUPS_SHOWN]  # the engine puts the most widely quoted first
    columns, rows = coverage_matrix(dossier)
    unique = [(dossier.article(slug), passages) for slug, passages in dossier.unique_passages.items()]
    unique.sort(key=lambda pair: (pair[0].source.name.lower(), pair[0].title))
    unique, unique_hidden = cap_passages(unique, UNIQUE_SHOWN)
    return {
        "shared_quotes": [(group, quote_view(dossier, group)) for group in shown],
        "shared_hidden": len(shared) - len(shown),
        "unique_hidden": unique_hidden,
        "single_quotes": len(dossier.quote_groups) - len(shared),
        "columns": columns,
        "rows": rows,
        "more_topics": max(0, len(dossier.topics) - len(rows)),
        "unique": unique,
        "copies": [(dossier.article(c.a), dossier.article(c.b), c) for c in dossier.near_copies],
    }


KIND_HEADINGS = {"person": "People", "organisation": "Organisations", "place": "Places", "theme": "Themes"}
SNIPPET_CHARS = 90


def topic_path(slug: str) -> str:
    return f"topics/{slug}.html"


def topics_by_kind(topics) -> list[tuple[str, str, list]]:
    """(kind, heading, topics A-Z) for each kind that has topics, people first."""
    groups = []
    for kind, heading in KIND_HEADINGS.items():
        members = sorted((t for t in topics if t.kind == kind), key=lambda t: t.name.lower())
        if members:
            groups.append((kind, heading, members))
    return groups


def _lead(text: str, start: int, width: int) -> str:
    """The words before text[start], at most `width` characters, cut at a word boundary (…)."""
    before = text[max(0, start - width):start]
    if start > width:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    return before


def _trail(text: str, end: int, width: int) -> str:
    """The words after text[end], at most `width` characters, cut at a word boundary (…)."""
    after = text[end:end + width]
    if end + width < len(text):
        after = (after.rsplit(" ", 1)[0] if " " in after else after) + "…"
    return after


def snippet(text: str, start: int, end: int, width: int = SNIPPET_CHARS) -> tuple[str, str, str]:
    """The words around text[start:end], cut at word boundaries: (before, match, after)."""
    return _lead(text, start, width), text[start:end], _trail(text, end, width)


def paragraph_snippet(text: str, spans, width: int = SNIPPET_CHARS) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Every span (start, end) of one paragraph in one snippet: (before, ((match, after), ...)).

    The words between two matches are shown whole when they are no longer than the context two
    snippets would show (2 × width), else cut to that context on either side with … between: the
    snippet is never longer than one snippet per match, and each match is highlighted once."""
    if len(spans) == 1:  # most paragraphs mention a topic once
        start, end = spans[0]
        end = max(end, start)
        return _lead(text, start, width), ((text[start:end], _trail(text, end, width)),)
    spans = sorted(spans)
    marks: list[tuple[str, str]] = []
    at = spans[0][0]
    before = _lead(text, at, width)
    for i, (start, end) in enumerate(spans):
        start = max(start, at)  # a match overlapping the one before it is highlighted from where that ends
        end = max(end, start)
        if i + 1 < len(spans):
            nxt = max(spans[i + 1][0], end)
            gap = text[end:nxt]
            if len(gap) > 2 * width:  # "…the end of one context… the start of the next…"
                gap = _trail(text, end, width) + " " + _lead(text, nxt, width).removeprefix("…")
        else:
            nxt, gap = end, _trail(text, end, width)
        marks.append((text[start:end], gap))
        at = nxt
    return before, tuple(marks)


@dataclass(frozen=True)
class TopicHeader:
    """What a page shows of a topic besides its mentions. Pages hold this, not the Topic with all
    its mentions, so that telling whether a page changed never compares thousands of mentions."""

    name: str
    slug: str
    kind: str
    aliases: tuple[str, ...]
    description: str
    mention_count: int

    @classmethod
    def of(cls, topic) -> "TopicHeader":
        return cls(topic.name, topic.slug, topic.kind, topic.aliases, topic.description, len(topic.mentions))


@dataclass(frozen=True)
class TopicLink:
    """A 'see also' topic: its name and page, nothing that changes when its mentions do."""

    name: str
    slug: str


def topic_pages(dossier: Dossier, topic, kept: SameObjects | None = None) -> list[PageSpec]:
    """A topic's articles, newest first, TOPIC_PAGE_SIZE to a page, each with its mentions in context.
    With `kept`, a topic that is the same object as in the last build keeps its grouping of articles
    and mentions while its articles are the same objects too (a preview rebuild)."""
    related = tuple(TopicLink(dossier.topic(slug).name, slug) for slug in dossier.related_topics.get(topic.slug, []))
    if kept is None:
        grouped = topic_articles(dossier, topic)
    else:
        grouped = kept.get(topic, partial(topic_articles, dossier), partial(same_articles, dossier))
    header = TopicHeader.of(topic)
    specs = []
    for path, chunk, pager in paged(topic_path(topic.slug), grouped, TOPIC_PAGE_SIZE):
        context = {"topic": header, "articles": TopicArticles(dossier, chunk), "article_count": len(grouped),
                   "related": related, "kind_heading": KIND_HEADINGS[topic.kind], "pager": pager}
        specs.append(PageSpec(path, "topic.html", context))
    return specs


def same_articles(dossier: Dossier, grouped: tuple) -> bool:
    """Whether the articles of `grouped` are this dossier's (an edited article is a new object)."""
    return all(dossier.article(article.slug) is article for article, _ in grouped)


def topic_articles(dossier: Dossier, topic) -> tuple[tuple[Article, tuple], ...]:
    """(article, its mentions of the topic) for each article that mentions it, newest first."""
    by_article: dict[str, list] = {}
    for mention in topic.mentions:
        by_article.setdefault(mention.article, []).append(mention)
    return tuple((article, tuple(by_article[article.slug])) for article in dossier.ordered(by_article))


@dataclass(frozen=True)
class TopicArticles:
    """A topic page's articles, each with its mentions of the topic. Iterating gives (article,
    mention_snippets(...)): the snippets are made while the page renders, in a render worker, and
    only for pages that are rendered. Two are equal when their articles and mentions are."""

    dossier: Dossier = field(compare=False, repr=False)
    mentions: tuple[tuple[Article, tuple], ...]  # (article, its mentions of the topic)

    def __iter__(self):
        for article, mentions in self.mentions:
            yield article, mention_snippets(self.dossier, mentions)


def mention_snippets(dossier: Dossier, mentions: list) -> tuple[tuple, tuple, int]:
    """One article's mentions of a topic, one snippet per paragraph with every mention there
    highlighted, as (line, before, ((match, after), ...)): the first SNIPPETS_PER_ARTICLE
    paragraphs, the rest (shown folded), and how many mentions the rest hold."""
    by_line: dict[int, list] = {}
    for m in mentions:
        by_line.setdefault(m.line, []).append((m.start, m.end))
    slug = mentions[0].article
    units = tuple((line, *paragraph_snippet(dossier.paragraph(slug, line), spans)) for line, spans in sorted(by_line.items()))
    rest = units[SNIPPETS_PER_ARTICLE:]
    return units[:SNIPPETS_PER_ARTICLE], rest, sum(len(by_line[unit[0]]) for unit in rest)


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


def removal_record(removal) -> dict:
    return {"line": removal.line, "text": removal.text, "rule": removal.rule, "reason": removal.reason}


def cleaning_record(article: Article) -> dict:
    found = article.recovered
    return {
        "file": article.file,
        "slug": article.slug,
        "kept": article.kept_count,
        "removed": [removal_record(r) for r in article.removed],
        "kept_by_override": [removal_record(r) for r in article.kept_by_override],
        "metadata": {"title": found.title, "author": found.author, "dek": found.dek, "credit": found.credit},
    }


def timeline_record(entry: TimelineEntry) -> dict:
    return {
        "value": entry.value,
        "mod": entry.mod,
        "first_day": entry.first_day.isoformat(),
        "last_day": entry.last_day.isoformat(),
        "label": entry.label,
        "anchor": entry.key,
        "mentions": [
            {"article": m.article, "source": m.source_name, "line": m.line, "text": m.text, "sentence": m.sentence}
            for m in entry.mentions
        ],
    }


def topic_record(topic) -> dict:
    return {
        "name": topic.name,
        "slug": topic.slug,
        "kind": topic.kind,
        "aliases": list(topic.aliases),
        "description": topic.description,
        "articles": list(topic.articles),
        "mentions": len(topic.mentions),
        "path": topic_path(topic.slug),
    }


def quote_group_record(names: dict[str, str], group) -> dict:
    return {
        "key": group.key,
        "speaker": group.speaker,
        "variants": [
            {"article": v.article, "source": names.get(v.source, v.source), "line": v.line, "text": v.text}
            for v in group.variants
        ],
    }


def data_files(dossier: Dossier) -> dict[str, object]:
    """Machine-readable output in build/data/: the contracts other tools and tests rely on."""
    names = {s.key: s.name for s in dossier.sources}
    return {
        "data/articles.json": Records(article_record, dossier.articles),
        "data/cleaning.json": Records(cleaning_record, dossier.articles),
        "data/timeline.json": Records(timeline_record, dossier.timeline),
        "data/topics.json": Records(topic_record, dossier.topics),
        "data/quotes.json": Records(partial(quote_group_record, names), dossier.quote_groups, names),
        "data/coverage.json": dossier.coverage,
    }
