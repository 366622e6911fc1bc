"""The cleaner's fast paths give the answers of the plain definitions they stand in for.

Line rules: `first_hit` (one alternation per first character, needles before floating phrases,
caps) names the rule that running LINE_RULES in turn names. Shapes: the bytes word split and the
literal scans count what WORD_RE, str.split and INNER_SENTENCE_RE count. No timings here
(bench/clean.py measures throughput).
"""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clean import rules
from generator.clean.features import INNER_SENTENCE_RE, WORD_RE, measure
from generator.clean.lang import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
C = rules.compiled(DEFAULT)

# Lines that open like a short rule's phrase but run past its cap, or hold a phrase far inside.
EDGE_LINES = [
    "Share this article with your friends because the president said on Thursday that the talks would go on for weeks.",
    "Subscribe to the idea that the two countries cooperate in the security area, he said, adding that it was planned.",
    "Sign in to the building was required, the guard said, and nobody could enter the hall before the speech began at noon.",
    "Related: the talks between the two countries went on for hours, officials said on Thursday evening in the capital city.",
    "Comments are closed on this story, but the debate over the new law will go on in parliament next week, he said.",
    "Tags: Russia, China, trade, energy, weapons, exercises, summit, Putin, Xi, Moscow, Beijing, partnership, security, space",
    "We use cookies to improve your experience on our site, and by continuing to browse you agree to our use of cookies.",
    "The company said it would never miss a chance to say that readers can sign up for its newsletter in their inbox.",
    "AP Photo / Jane Doe",
    "Photo: Mikhail Metzel / Reuters",
    "A man walks past the building in Moscow on Thursday. (AP Photo/Alexander Zemlianichenko)",
    "Please enter your comment! Please enter your name here. You have entered an incorrect email address!",
    "© 2024 The Daily Example. All rights reserved. Powered by WordPress",
    "Read more: Non-Dollar Trade Settlements Between China, Russia Hit New High",
    "The story was originally published on the outlet's website and was republished here with permission of the author.",
    "İnbox newsletter ſubscribe KEEP UP WITH US ON TWITTER",
    "Home » World » Asia » China and Russia sign new deals",
    "Leave a Reply Cancel reply",
    "Don’t miss",
    "“We are ready,” he said. “The talks will go on.”",
    "Trade between the two countries surpassed the pre-pandemic level\tto top $100 billion, he said.",
]


def demo_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "content" / "articles").glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n")]
    for path in sorted((ROOT / "tests" / "fixtures" / "clean").glob("*.tsv")):
        lines += [ln.split("\t")[-1].strip() for ln in path.read_text(encoding="utf-8").split("\n")]
    return [ln for ln in dict.fromkeys(lines + EDGE_LINES) if ln]


def test_fast_rule_path_names_the_rule_the_rules_in_turn_name():
    for text in demo_lines():
        s = measure(text, DEFAULT)
        assert rules.first_hit(s, C) == rules.reference_first_hit(s, C), text


PIECES = st.sampled_from([
    "Share", "share this", "Subscribe", "subscribe to our newsletter", "Sign in", "Log in or register", "Related",
    "Read more:", "Comments", "3 comments", "Leave a Reply", "cookies", "we use cookies", "Accept all", "©", "(c) 2020",
    "all rights reserved", "powered by", "Advertisement", "affiliate commission", "Tags:", "Filed under", "Source link",
    "originally published on", "Next post", "Previous article", "Most popular", "Home", "»", "|", "/", "Photo:", "AP",
    "Reuters", "Getty Images", "By", "Jane Doe", "March 19, 2024", "5 min read", "the", "a", "of", "and", "said",
    "Putin", "China", "weapons", ".", ",", "“", "”", "’", "-", "'", "İ", "ſ", "K", "\t", "1.", "2024",
])
LINES = st.lists(PIECES, min_size=1, max_size=70).map(" ".join).map(str.strip).filter(bool)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(LINES)
def test_fast_rule_path_agrees_on_furniture_shaped_lines(text):
    s = measure(text, DEFAULT)
    assert rules.first_hit(s, C) == rules.reference_first_hit(s, C)


CHARS = st.sampled_from(list("abcXYZ e-'’“”—….,!?:;()0189_\t") + ["\x7f", "é", "ß", "İ", "ſ", "日本", "。", "\u200b", "\xa0", "  "])
TEXTS = st.lists(CHARS, min_size=1, max_size=300).map("".join).map(str.strip).filter(bool)
INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u00a0]")


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_shape_counts_what_the_patterns_count(text):
    s = measure(text, DEFAULT)
    if INVISIBLE.search(text):
        return  # measured on the text without them; test_clean_robust covers those lines
    words = WORD_RE.findall(text)
    lower = [w.lower() for w in words]
    assert s.words == len(words)
    assert s.tokens == len(text.split())
    assert s.stop_ratio == (sum(w in DEFAULT.stopwords for w in lower) / len(words) if words else 0.0)
    nonspace = len(text) - text.count(" ")
    assert s.letter_ratio == (len("".join(words)) / nonspace if nonspace else 0.0)
    assert s.inner_sentences == (INNER_SENTENCE_RE.search(text) is not None)
    assert s.lower == text.lower()


def naive_doubled(text: str) -> bool:
    half = len(text) // 2
    return any(text[:cut].strip() and text[:cut].strip() == text[cut:].strip() for cut in (half, half + 1, half - 1))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["ab", "cd", "e", "fgh", " ", "  ", "\t", ".", "ab cd"]), min_size=1, max_size=8).map("".join),
       st.sampled_from(["", " ", "  ", "\t "]), st.booleans())
def test_doubled_headline_test_agrees_with_comparing_the_halves(half, gap, same):
    text = (half + gap + (half if same else half[::-1])).strip()
    if not text:
        return
    s = measure(text, DEFAULT)
    assert (rules.doubled_text(s, C) is not None) == (s.words >= 4 and naive_doubled(text))


def test_lone_agency_word_bound_holds_for_the_longest_credit_the_pattern_allows():
    longest = max(DEFAULT.agencies, key=lambda a: len(WORD_RE.findall(a)))
    text = f"{longest} / " + " ".join("a" * 15)[:30]
    assert C.agency_only.match(text)
    assert measure(text, DEFAULT).words <= C.agency_only_max_words


def test_needles_are_read_off_the_phrases():
    assert rules.required_literals(r"please (?:keep|read) (?:our|the) (?:comment|community)") == ("please ",)
    needles = rules.required_literals(r"\b(?:follow|find) (?:me|us) on (?:twitter|x)\b")
    for line in ("Follow us on Twitter", "FIND ME ON X"):
        assert any(n in line.lower() for n in needles)
    assert " on " not in needles  # the rarer needles are chosen
    assert rules.required_literals(r"\d+\s*\W") is None


def test_first_characters_are_read_off_the_phrases():
    assert rules.first_chars(r"(?:there are )?no comments") == frozenset("tn")
    assert rules.first_chars(r"\d+ comments") == frozenset("0123456789")
    assert "s" in rules.first_chars(r"\W*subscribe\W*$") and "a" not in rules.first_chars(r"\W*subscribe\W*$")
    assert rules.first_chars(r"(?:a|)b") == frozenset("ab")
    assert "q" in rules.first_chars(r".{0,3}x")
    assert rules.first_chars(r"(?:x)?") is None  # may match nothing: any line


def naive_date_line(text: str) -> bool:
    """The date-line rule as first written: count every token, decide at the end."""
    from generator.clean.rules import _CLOCK_RE, _ORDINAL_RE, _is_number

    s = measure(text, DEFAULT)
    if s.tokens > 14:
        return False
    toks = [t.strip("()[]|•·,:;.!?–—") for t in s.lower.split()]
    toks = [t for t in toks if t and t not in ("-", "/", "|")]
    month = numbers = other = 0
    for t in toks:
        base = t.rstrip(".")
        if base in DEFAULT.months or base in DEFAULT.weekdays:
            month += 1
        elif C.numeric_date.match(t):
            month += 1
            numbers += 1
        elif _is_number(t) or _ORDINAL_RE.fullmatch(t) or _CLOCK_RE.fullmatch(t):
            numbers += 1
        elif base in DEFAULT.date_words:
            continue
        else:
            other += 1
    return bool(toks) and bool(month) and other <= (2 if numbers else 0)


DATE_PIECES = st.sampled_from(["Tuesday,", "March", "19,", "2024", "at", "10:25", "pm", "Updated:", "06", "December",
                               "2019", "Armanox", "June", "28th", "10h30", "h12", "12/03/2024", "by", "the", "news", "|",
                               "-", "Sept.", "GMT", "said", "he", "2", "1st", "hours"])


@settings(max_examples=500, deadline=None)
@given(st.lists(DATE_PIECES, min_size=1, max_size=16).map(" ".join))
def test_date_line_rule_stops_early_with_the_same_answer(text):
    assert (rules.date_line(measure(text, DEFAULT), C) is not None) == naive_date_line(text)
