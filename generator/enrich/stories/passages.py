"""What is shared and what is not: reposts between articles, passages only one outlet has, the coverage table.

near_copies: word 5-grams per paragraph (quotes masked out for the `narration` score, because two
outlets quoting one official translation are not reposts of each other); candidate article pairs
come from an inverted index of 5-grams, those in too many articles (boilerplate) left out.
unique_passages: a sentence is carried by another outlet when one of that outlet's paragraphs holds
at least half its content stems, weighted by rarity (idf over paragraphs); a paragraph is "only in this
source" when most of its weight is in sentences nobody else carries. Quotes in multi-source groups
count as carried.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Iterable, Mapping, Sequence

from .align import group_quotes
from ...parallel import memo_map
from .model import ArticleText, NearCopy, QuoteGroup, UniquePassage
from .quotes import find_raw_quotes
from .text import british_to_american, content_stems, sentence_spans, words

SHINGLE = 5
NEAR_COPY = 0.3  # share of the smaller article's own (non-quoted) 5-grams found in the other
NEAR_COPY_ALL = 0.3  # ...or of all its 5-grams, quotes included, provided that
NARRATION_MIN = 0.08  # ...some of its own wording is shared too (demo: repost 0.34/0.12, others <= 0.06/0.04)
PASSAGE = 0.2  # a paragraph pair is a shared passage from this share of the smaller one's 5-grams
COMMON_ARTICLES = 50  # 5-grams in more articles than this are boilerplate (and would make the work quadratic)
COMMON_PARAGRAPHS = 200  # stems in more paragraphs than this do not find candidates for unique_passages
CARRIED = 0.5  # a sentence is carried by an outlet that has this share of its weighted stems
UNIQUE = 0.6  # a paragraph is unique when this share of its weight is in uncarried sentences
UNIQUE_SUPPORT = 0.35  # ...and other outlets carry less than this of it on average


def _shingles(text: str) -> set[int]:
    toks = [british_to_american(w) for w in words(text)]
    return {hash(tuple(toks[i : i + SHINGLE])) for i in range(len(toks) - SHINGLE + 1)}


def _narration(text: str, parts: list[tuple[int, int]]) -> str:
    """The paragraph with its quoted words cut out (a line break stops 5-grams from bridging the gap)."""
    out, last = [], 0
    for s, e in sorted(parts):
        out.append(text[last:s])
        out.append(" | ")
        last = e
    out.append(text[last:])
    return "".join(out).replace("|", "\n")


def _paragraph_shingles(article: ArticleText) -> tuple[list[set[int]], list[set[int]]]:
    raws = find_raw_quotes(article.paragraphs)
    quoted: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in raws:
        for k, s, e in r.parts:
            quoted[k].append((s, e))
    whole, own = [], []
    for k, (_, text) in enumerate(article.paragraphs):
        whole.append(_shingles(text))
        own.append(set().union(*(_shingles(p) for p in _narration(text, quoted[k]).split("\n"))))
    return whole, own


def near_copies(articles: Sequence[ArticleText]) -> list[NearCopy]:
    """Pairs of articles where one reposts or rewrites the other, with the paragraphs they share."""
    whole, own = [], []
    for w, o in memo_map(_paragraph_shingles, articles):
        whole.append(w)
        own.append(o)
    all_of = [set().union(*w) if w else set() for w in whole]
    own_of = [set().union(*o) if o else set() for o in own]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, shingles in enumerate(all_of):
        for s in shingles:
            postings[s].append(i)
    common = COMMON_ARTICLES
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if 1 < len(ids) <= common:
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    shared[ids[x], ids[y]] += 1
    result = []
    for (i, j), n in shared.items():
        if n < 3:
            continue
        score = n / max(1, min(len(all_of[i]), len(all_of[j])))
        narration = len(own_of[i] & own_of[j]) / max(1, min(len(own_of[i]), len(own_of[j])))
        if narration < NEAR_COPY and not (score >= NEAR_COPY_ALL and narration >= NARRATION_MIN):
            continue
        passages = []
        for ka, sa in enumerate(whole[i]):
            if not sa:
                continue
            for kb, sb in enumerate(whole[j]):
                common_n = len(sa & sb)
                if sb and common_n >= 3 and common_n >= PASSAGE * min(len(sa), len(sb)):
                    share = round(common_n / min(len(sa), len(sb)), 3)
                    passages.append((articles[i].paragraphs[ka][0], articles[j].paragraphs[kb][0], share))
        a, b = articles[i], articles[j]
        result.append(NearCopy(a.slug, b.slug, a.source, b.source, round(score, 3), round(narration, 3), tuple(passages)))
    result.sort(key=lambda p: (-p.narration, -p.score, p.a, p.b))
    return result


def _paragraph_stems(article: ArticleText) -> list[frozenset[str]]:
    return [frozenset(content_stems(text, drop_brackets=False)) for _, text in article.paragraphs]


def unique_passages(
    articles: Sequence[ArticleText], groups: Sequence[QuoteGroup] | None = None
) -> dict[str, list[UniquePassage]]:
    """Per article slug, the paragraphs whose content no other outlet carries, in reading order."""
    stems = memo_map(_paragraph_stems, articles)
    n_par = sum(len(s) for s in stems) or 1
    df = Counter(t for s in stems for p in s for t in p)
    weight = {t: math.log(1 + n_par / c) for t, c in df.items()}
    common = COMMON_PARAGRAPHS
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, s in enumerate(stems):
        for k, p in enumerate(s):
            for t in p:
                postings[t].append((i, k))
    shared_quotes: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for g in groups or ():
        if len(g.sources) > 1:
            for v in g.variants:
                for line, s, e in v.spans or ((v.line, v.start, v.end),):
                    shared_quotes[v.article, line].append((s, e))

    result: dict[str, list[UniquePassage]] = {}
    for i, a in enumerate(articles):
        found = []
        for k, (line, text) in enumerate(a.paragraphs):
            total = uncarried = 0.0
            supports = []
            lonely = []
            for s, e in sentence_spans(text):
                sent = frozenset(content_stems(text[s:e], drop_brackets=False))
                w = sum(weight[t] for t in sent)
                if not w:
                    continue
                support = 1.0 if any(qs < e and s < qe for qs, qe in shared_quotes.get((a.slug, line), ())) else 0.0
                if support < 1.0:
                    support = _best_support(sent, w, i, articles, stems, postings, weight, df, common)
                total += w
                supports.append((support, w))
                if support < CARRIED:
                    uncarried += w
                    lonely.append((s, e))
            mean = sum(sp * w for sp, w in supports) / total if total else 1.0
            if total and uncarried >= UNIQUE * total and mean < UNIQUE_SUPPORT:
                found.append(UniquePassage(a.slug, a.source, line, text, round(mean, 3), tuple(lonely)))
        if found:
            result[a.slug] = found
    return result


def _best_support(sent, w, i, articles, stems, postings, weight, df, common) -> float:
    """The largest weighted share of `sent` that one paragraph of another outlet holds."""
    source = articles[i].source
    hits: Counter[tuple[int, int]] = Counter()
    for t in sent:
        if df[t] > common:
            continue
        for j, k in postings[t]:
            if articles[j].source != source:
                hits[j, k] += weight[t]
    best = 0.0
    for (j, k), _ in hits.most_common(20):
        best = max(best, sum(weight[t] for t in sent & stems[j][k]) / w)
    return best


def coverage(
    articles: Sequence[ArticleText],
    topic_mentions: Mapping[str, Iterable[str]],
    groups: Sequence[QuoteGroup] | None = None,
    unique: Mapping[str, Sequence[UniquePassage]] | None = None,
) -> dict:
    """Which outlets carry each topic, quote group and unique passage: the data of build/data/coverage.json.

    {sources: [{key, name, articles}], items: [{label, kind: topic|quote|unique, sources, articles, refs}]};
    `refs` are [{article, line}] for linking to exact paragraphs (topics have none). Groups and unique
    passages are computed when not given.
    """
    order = {a.slug: n for n, a in enumerate(articles)}
    by_slug = {a.slug: a for a in articles}
    sources: dict[str, dict] = {}
    for a in articles:
        sources.setdefault(a.source, {"key": a.source, "name": a.source_name, "articles": []})["articles"].append(a.slug)
    source_order = {key: n for n, key in enumerate(sources)}

    def carriers(slugs: Iterable[str]) -> tuple[list[str], list[str]]:
        arts = sorted({s for s in slugs if s in by_slug}, key=order.__getitem__)
        srcs = sorted({by_slug[s].source for s in arts}, key=source_order.__getitem__)
        return srcs, arts

    if groups is None:
        from .quotes import find_quotes

        groups = group_quotes([q for a in articles for q in find_quotes(a)])
    if unique is None:
        unique = unique_passages(articles, groups)

    topics = []
    for label, slugs in topic_mentions.items():
        srcs, arts = carriers(slugs)
        if arts:
            topics.append({"label": label, "kind": "topic", "sources": srcs, "articles": arts, "refs": []})
    topics.sort(key=lambda item: (-len(item["sources"]), -len(item["articles"]), item["label"]))
    items = topics
    for g in groups:
        srcs, arts = carriers(v.article for v in g.variants)
        refs = [{"article": v.article, "line": v.line} for v in g.variants]
        items.append({"label": g.label, "kind": "quote", "key": g.key, "speaker": g.speaker,
                      "sources": srcs, "articles": arts, "refs": refs})
    for slug in sorted(unique, key=lambda s: order.get(s, len(order))):
        for p in unique[slug]:
            label = " ".join(p.text.split()[:12]) + (" …" if len(p.text.split()) > 12 else "")
            srcs, arts = carriers([p.article])
            items.append({"label": label, "kind": "unique", "sources": srcs, "articles": arts,
                          "refs": [{"article": p.article, "line": p.line}]})
    return {"sources": list(sources.values()), "items": items}
