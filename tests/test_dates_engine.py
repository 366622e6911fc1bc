"""The tagger's fast candidate finder (each rule matched only where its trigger words are) finds
exactly what the plain way finds: every rule's regex searched along every line."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from generator.enrich import dates
from generator.enrich.dates import RULES, SPOTS, candidates_by_lines, find_timexes

ROOT = Path(__file__).resolve().parent.parent


def fast(text: str) -> list[tuple[int, int, int]]:
    return sorted((c[0], c[1], c[2]) for c in dates._candidates(text))


def named(found, text):
    return [(RULES[i][0], text[s:e]) for s, e, i in found]


def agree(text: str) -> None:
    expected, got = candidates_by_lines(text), fast(text)
    assert named(got, text) == named(expected, text)
    assert got == expected


SENTENCES = [
    "On Thursday, Putin said talks held last week went well; tomorrow, next month and in late October matter.",
    "Navalny collapsed on August 20, 2020, was flown to Berlin On August 22 and on September 2 Germany said so.",
    "NATO promised in the 1990s not to expand; the plan runs to 2060, and accusations came last month.",
    "Net income in the third quarter of 1989 rose 5% from $4 million a year earlier, and the year-ago period.",
    "The company expects results in the first half of next year and every other week until the end of 2022.",
    "About three years ago, some 20 minutes later, for the past several decades, in the early '90s and mid-1990s.",
    "At 10:35 p.m. EST Thursday, at noon on Dec. 5, 1988, at 4 o'clock, at 7 in the morning, in 3years.",
    "Q3 1990, 3Q'89, 12/25/2021, 2021-12-17, the 21st century, this year's second quarter, Christmas Eve 2021.",
    "Recently, these days, in the coming weeks, the foreseeable future, daily, twice a year, each Monday.",
    "midSeptember, September30, the week of March 6, Wednesday, the twenty-first of May 2020, 31 October 2022.",
    "The day before yesterday and the following morning; later that day, the same week, earlier this year.",
    "It lasted more than four decades, two and a half years, a couple of weeks, the next twenty-four hours.",
]


def test_the_fast_finder_agrees_on_news_sentences():
    for text in SENTENCES:
        agree(text)


def test_the_fast_finder_agrees_on_the_demo_articles():
    for path in sorted((ROOT / "content" / "articles").glob("*")):
        agree(path.read_text(encoding="utf-8-sig"))


def test_long_lines_and_blank_text():
    agree("")
    agree("\n\n")
    agree(("On December 17, 2021 the talks resumed last week and lasted three days. " * 200)[:12_000])
    agree("1990 " * 2000)


# Words a rule's match can be made of: those its triggers and the words before them are drawn
# from, and the literal words of its pattern.
KNOWN = {w for spot in SPOTS.values() for w in spot.triggers | spot.before | spot.prefix}
for _name, _rx, _ in RULES:
    KNOWN |= {w.lower() for w in re.findall(r"[A-Za-z]+", re.sub(r"\\[A-Za-z]|\(\?P<\w+>|\(\?[a-zA-Z]+", " ", _rx.pattern))}
NUMBERISH = re.compile(r"\d+(?:st|nd|rd|th|s)?|[qQ][1-4]|[1-4][qQ]")
ALPHABET = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '’-,.:/")
CONTEXT = st.lists(st.sampled_from(["said", "in", "on", "the", "of", "a", "3", "1990", "last", "about", "early", ",",
                                    ".", "The", "x"]), max_size=4).map(" ".join)


def spaced(text: str) -> bool:
    """Whether every word in `text` is one the patterns know, and numbers stand apart from words:
    the fast finder does not look for words glued together ("earlythe day"), which the patterns'
    optional blanks (\\s*) allow."""
    return all(w.lower() in KNOWN or NUMBERISH.fullmatch(w) for w in re.findall(r"[A-Za-z0-9]+", text))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(range(len(RULES))).flatmap(
    lambda i: st.tuples(CONTEXT, st.from_regex(RULES[i][1], alphabet=ALPHABET), CONTEXT)))
def test_the_fast_finder_agrees_on_what_each_rule_matches(parts):
    text = " ".join(parts)
    assume(spaced(text))
    agree(text)


WORDS = sorted(KNOWN | {"1990", "2021", "17", "3", "21st", "1990s", "'90s", "Dec.", "May", "10:35", "p.m.", ",", ".",
                        "-", "'s", "said", "x", "12/25/2021", "2021-12-17", "Q3", "o'clock", "mid-", "\n"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS).flatmap(lambda w: st.sampled_from([w, w.capitalize()])), max_size=14),
       st.sampled_from([" ", "  ", ", ", "-"]))
def test_the_fast_finder_agrees_on_word_soup(words, sep):
    agree(sep.join(words))


def test_a_text_with_no_trigger_costs_no_rule():
    assert dates._candidates("The committee met and the members spoke at length about the plan.") == []
    assert find_timexes("The committee met and the members spoke at length.", dt.date(2021, 12, 23)) == []
