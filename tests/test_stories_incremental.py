"""A preview rebuild after an edit gives what a fresh build of the edited dossier gives.

The cross-source engine keeps per-article results (parallel.Memo) and a few dossier-wide ones
(article counts of 5-grams, compared pairs, quote groups, coverage items) from one build to the
next; these tests edit, add and remove articles and compare with building from nothing.
"""
import dataclasses
import random

import pytest

from generator.enrich import stories
from generator.enrich.stories import ArticleText, copies
from generator.parallel import Memo, memo_map, use_memo

WORDS = [f"w{i}" for i in range(400)] + "talks treaty pipeline border minister grain sanctions".split()


def corpus(n: int, seed: int = 11) -> list[ArticleText]:
    """Articles on a few stories: narration from the story's words, quotes shared across outlets,
    and every seventh article a repost of the one before it with a few words changed."""
    rng = random.Random(seed)
    stories_words = [rng.sample(WORDS, 40) for _ in range(max(1, n // 6))]
    statements = [[" ".join(rng.sample(words, 10)).capitalize() + "." for _ in range(4)] for words in stories_words]
    articles = []
    for i in range(n):
        s = rng.randrange(len(stories_words))
        if i % 7 == 6 and articles:
            prev = articles[-1]
            paragraphs = [(line, text.replace(rng.choice(text.split()), "changed", 1)) for line, text in prev.paragraphs]
            articles.append(ArticleText(f"a{i:04d}", f"s{i % 9}", f"S{i % 9}", tuple(paragraphs)))
            continue
        paragraphs = []
        for k in range(6):
            narration = " ".join(rng.choice(stories_words[s]) for _ in range(rng.randint(12, 30))).capitalize() + "."
            if k % 2:
                narration += f" “{rng.choice(statements[s])}” Speaker{s % 5} said."
            paragraphs.append((2 * k + 1, narration))
        articles.append(ArticleText(f"a{i:04d}", f"s{i % 9}", f"S{i % 9}", tuple(paragraphs)))
    return articles


def stage(articles: list[ArticleText]):
    """What enrichment.add_story computes, as comparable values."""
    quotes = [q for found in memo_map(stories.find_quotes, articles) for q in found]
    groups = stories.group_quotes(quotes)
    unique = stories.unique_passages(articles, groups)
    copies_found = stories.near_copies(articles)
    coverage = stories.coverage(articles, {"Topic": [articles[0].slug]}, groups, unique)
    return (
        [[(v.article, v.line, v.start, v.end, v.text, v.speaker) for v in g.variants] for g in groups],
        [g.key for g in groups],
        {slug: list(found) for slug, found in unique.items()},
        copies_found,
        {**coverage, "items": list(coverage["items"])},  # the items made, as the data file has them
    )


def preview_stage(memo: Memo, articles: list[ArticleText]):
    """stage() as one preview build computes it: remembering results in `memo` for the next."""
    use_memo(memo)
    memo.start()
    try:
        return stage(articles)
    finally:
        memo.finish()
        use_memo(None)


def edited(articles: list[ArticleText], rng: random.Random) -> list[ArticleText]:
    out = list(articles)
    i = rng.randrange(len(out))
    line, text = out[i].paragraphs[1]
    out[i] = dataclasses.replace(out[i], paragraphs=(out[i].paragraphs[0], (line, text + " Talks on the treaty resumed."), *out[i].paragraphs[2:]))
    del out[rng.randrange(len(out))]
    new = dataclasses.replace(out[rng.randrange(len(out))], slug="added")
    out.insert(rng.randrange(len(out)), new)
    return out


@pytest.fixture
def sampled(monkeypatch):
    """Make the corpus big enough for near_copies to index a sample of the 5-grams."""
    monkeypatch.setattr(copies, "INDEX_ALL", 1000)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_rebuild_after_edits_equals_a_fresh_build(sampled, seed):
    rng = random.Random(seed)
    articles = corpus(160, seed)
    memo = Memo()
    for _ in range(3):
        preview_stage(memo, articles)
        articles = edited(articles, rng)
    rebuilt = preview_stage(memo, articles)
    assert rebuilt == stage(articles)


def test_reposts_are_found_from_the_sample(sampled):
    articles = corpus(160)
    found = {(p.a, p.b) for p in stories.near_copies(articles)}
    reposts = {(articles[i - 1].slug, articles[i].slug) for i in range(6, 160, 7)}
    assert reposts <= found


def test_article_counts_brought_up_to_date_equal_counts_made_afresh():
    prints = [p.copy for p in memo_map(stories.prints.article_print, corpus(120))]
    counts = copies.ArticleCounts()
    counts.update(prints)
    changed = prints[:50] + prints[52:] + [prints[3]]  # two removed, one counted twice is not possible: use a copy
    changed[-1] = dataclasses.replace(prints[3])
    counts.update(changed)
    fresh = copies.ArticleCounts()
    fresh.update(changed)
    probe = copies.np.concatenate([p.whole for p in prints])
    assert (counts.df(probe) == fresh.df(probe)).all()


def test_an_edit_elsewhere_reaches_an_unchanged_article(sampled):
    """Another outlet starts carrying an article's only-here paragraph, quote and wording: the
    unchanged article's unique passages, quote group and near-copies follow in the rebuild."""
    articles = corpus(160, 5)
    only_here = (41, "Zorvan Pelkit reopened the Quillmarsh ferry despite the Tarnwick embargo on Thursday.")
    quote = (43, "“The Quillmarsh ferry will never close again while I am mayor,” Pelkit said.")
    a = dataclasses.replace(articles[10], paragraphs=articles[10].paragraphs + (only_here, quote))
    articles[10] = a
    memo = Memo()
    first = preview_stage(memo, articles)
    assert 41 in {p.line for p in first[2].get(a.slug, ())}
    b = next(x for x in articles if x.source != a.source)
    articles[articles.index(b)] = dataclasses.replace(b, paragraphs=a.paragraphs)
    rebuilt = preview_stage(memo, articles)
    assert 41 not in {p.line for p in rebuilt[2].get(a.slug, ())}
    assert any({p.a, p.b} == {a.slug, b.slug} for p in rebuilt[3])
    assert rebuilt == stage(articles)


def test_words_moving_to_another_outlet_reach_an_unchanged_article(sampled):
    """The same paragraph counts move from an article of A's outlet to one of another outlet: no
    word weight changes, yet A's paragraph is now carried elsewhere."""
    articles = corpus(160, 6)
    only_here = (41, "Zorvan Pelkit reopened the Quillmarsh ferry despite the Tarnwick embargo on Thursday.")
    a = dataclasses.replace(articles[10], paragraphs=articles[10].paragraphs + (only_here,))
    articles[10] = a
    c = next(i for i, x in enumerate(articles) if x.source == a.source and x is not a)
    b = next(i for i, x in enumerate(articles) if x.source != a.source)
    holder = (45, only_here[1].replace("Thursday", "Friday"))
    articles[c] = dataclasses.replace(articles[c], paragraphs=articles[c].paragraphs + (holder,))
    articles[b] = dataclasses.replace(articles[b], paragraphs=articles[b].paragraphs + ((45, "Nothing to see."),))
    memo = Memo()
    first = preview_stage(memo, articles)
    assert 41 in {p.line for p in first[2].get(a.slug, ())}
    articles[c] = dataclasses.replace(articles[c], paragraphs=articles[c].paragraphs[:-1] + ((45, "Nothing to see."),))
    articles[b] = dataclasses.replace(articles[b], paragraphs=articles[b].paragraphs[:-1] + (holder,))
    rebuilt = preview_stage(memo, articles)
    assert 41 not in {p.line for p in rebuilt[2].get(a.slug, ())}
    assert rebuilt == stage(articles)
