"""The topic engine kept between builds (the preview server's memo) gives exactly what a fresh one
gives, whatever changed: an article edited, removed or added, a person renamed, a curated topic."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import parallel
from generator.config import TopicSpec
from generator.enrich.topics import ArticleText, find_topics, related_topics
from generator.enrich.topics import related as related_module
from generator.enrich.topics.related import Cooccurrence

from .test_topics import EUROPE, JUNK_ARTICLES, PUTIN, THEMES
from .test_topics_robust import TRICKY

CURATED = [TopicSpec("Weapons", "theme", ("arms", "weapons"), "Arms and their makers."),
           TopicSpec("The Kremlin", "organisation", ("Kremlin",), "")]


def edited(articles: list[ArticleText], slug: str, paragraphs: tuple) -> list[ArticleText]:
    return [ArticleText(a.slug, a.source, paragraphs) if a.slug == slug else a for a in articles]


def versions() -> list[list[ArticleText]]:
    """A dossier as someone works on it: each version differs from the one before by one step."""
    first = PUTIN + THEMES + EUROPE + JUNK_ARTICLES
    a = first[0]
    steps = [first]
    steps.append(edited(steps[-1], a.slug, a.paragraphs + ((99, "Kremlin spokesman Dmitry Peskov said Putin "
                                                                 "would meet Xi Jinping in Beijing."),)))
    steps.append([x for x in steps[-1] if x.slug != EUROPE[0].slug])  # removed
    steps.append(steps[-1] + [ArticleText("new", "new", ((1, "Foreign Minister Sergey Lavrov met NATO officials "
                                                              "on security guarantees in Geneva."),
                                                         (3, "Lavrov said the talks on weapons were frank."),))])
    b = steps[-1][1]
    steps.append(edited(steps[-1], b.slug, tuple((line, text.replace("Putin", "Navalny"))
                                                  for line, text in b.paragraphs)))  # a person renamed
    steps.append(first)  # and back
    return steps


def data(topics) -> list[tuple]:
    return [(t.name, t.slug, t.kind, t.aliases, t.description, t.mentions) for t in topics]


@pytest.fixture
def memo():
    m = parallel.Memo()
    parallel.use_memo(m)
    yield m
    parallel.use_memo(None)


@pytest.mark.parametrize("curated", [(), CURATED], ids=["found", "curated"])
def test_a_kept_engine_gives_what_a_fresh_one_gives_after_every_kind_of_change(memo, curated):
    for articles in versions():
        memo.start()
        kept = find_topics(articles, curated)
        memo.finish()
        fresh = find_topics(articles, curated, workers=1)  # workers=1: a fresh engine, no memo
        assert data(kept) == data(fresh)
        assert related_topics(kept) == Cooccurrence().related(fresh, 5)


def test_a_topic_none_of_whose_articles_changed_is_handed_over_as_the_same_object(memo):
    before = find_topics(PUTIN + EUROPE)
    after = find_topics(edited(PUTIN + EUROPE, "e2", EUROPE[1].paragraphs + ((99, "Peskov spoke again."),)))
    same = {t.slug: t for t in before}
    untouched = [t for t in after if "e2" not in t.articles]
    assert untouched and all(same[t.slug] is t for t in untouched)
    peskov = next(t for t in after if t.name == "Dmitry Peskov")
    assert peskov is not same[peskov.slug] and len(peskov.mentions) == len(same[peskov.slug].mentions) + 1


def test_see_also_counted_with_numpy_is_what_counting_in_python_gives(monkeypatch):
    topics = find_topics(PUTIN + THEMES + EUROPE + JUNK_ARTICLES)
    in_python = Cooccurrence().related(topics, 3)
    monkeypatch.setattr(related_module, "NUMPY_FROM", 0)
    with_numpy = Cooccurrence()
    assert with_numpy.related(topics, 3) == in_python
    # the counts numpy made carry on when a few topics change
    fewer = find_topics(PUTIN + THEMES + EUROPE)
    assert with_numpy.related(fewer, 3) == Cooccurrence().related(fewer, 3)


paragraph = st.lists(st.sampled_from(TRICKY + ["Putin", "Xi Jinping", "President Vladimir Putin", "the Kremlin",
                                               "Kremlin spokesman Dmitry Peskov", "Peskov", "NATO", "weapons",
                                               "security guarantees", "the Russian president", "Lavrov",
                                               "Foreign Minister Sergey Lavrov", "Sergei Lavrov", "(FSB)",
                                               "the Federal Security Service", "Foreign Ministry"]),
                     max_size=25).map(" ".join)
dossier = st.lists(st.tuples(st.integers(0, 6), st.lists(paragraph, max_size=4)), min_size=1, max_size=7)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(dossier, min_size=2, max_size=4), st.booleans())
def test_any_sequence_of_dossiers_gives_what_fresh_engines_give(sequence, with_curated):
    curated = CURATED if with_curated else ()
    memo = parallel.Memo()
    parallel.use_memo(memo)
    try:
        for version in sequence:
            articles = list({f"a{i}": ArticleText(f"a{i}", "s", tuple((1 + 2 * j, p) for j, p in enumerate(ps)))
                             for i, ps in version}.values())
            memo.start()
            kept = find_topics(articles, curated)
            memo.finish()
            assert data(kept) == data(find_topics(articles, curated, workers=1))
            assert related_topics(kept) == Cooccurrence().related(kept, 5)
    finally:
        parallel.use_memo(None)
