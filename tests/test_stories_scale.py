"""Grouping at scale: candidates come from an index of rare words, never from every pair of quotes.

Counts, not timings: the benchmark (bench/stories.py) measures time.
"""
import random

from generator.enrich.stories import ArticleText, align_quotes, find_quotes

WORDS = [f"w{i}" for i in range(3000)]


def corpus(n_articles: int, seed: int = 7) -> list[ArticleText]:
    """Articles quoting a pool of statements, each rendered with a word or two changed."""
    rng = random.Random(seed)
    statements = [" ".join(rng.sample(WORDS, 12)) for _ in range(n_articles // 3)]
    articles = []
    for i in range(n_articles):
        paragraphs = []
        for k in range(3):
            words = rng.choice(statements).split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            paragraphs.append((k + 1, f"“{' '.join(words).capitalize()}.” Speaker{rng.randrange(5)} said."))
        articles.append(ArticleText(f"a{i}", f"s{i % 40}", f"S{i % 40}", tuple(paragraphs)))
    return articles


def test_candidate_generation_compares_far_fewer_pairs_than_all():
    quotes = [q for a in corpus(600) for q in find_quotes(a)]
    result = align_quotes(quotes)
    assert result.stats.all_pairs == len(quotes) * (len(quotes) - 1) // 2
    assert result.stats.comparisons < result.stats.all_pairs / 20


def test_candidate_generation_finds_the_same_groups_as_comparing_every_pair():
    quotes = [q for a in corpus(200, seed=3) for q in find_quotes(a)]
    fast = align_quotes(quotes)
    slow = align_quotes(quotes, exhaustive=True)
    as_sets = lambda r: sorted(sorted((v.article, v.line, v.start) for v in g.variants) for g in r.groups)
    assert as_sets(fast) == as_sets(slow)
    assert slow.stats.comparisons == slow.stats.all_pairs
