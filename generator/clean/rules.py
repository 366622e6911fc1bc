"""Named rules: one small documented rule per kind of noise, and the reason each one gives.

Line rules look at one line alone (its text and shape) and fire on page furniture whose wording
is well known: comment forms, share bars, bylines, credits, dates, reading-time widgets...
Context rules (section labels, teasers, the page around the main text, an outlet's template) need
the lines around them; the classifier applies those, but their names and reasons live here too so
that every removal in the audit log reads the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from re import _constants as _sre_c  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Callable, NamedTuple

from .features import WORD_RE, Shape, measure
from .lang import Language

# Why each rule removes a line: one sentence an editor can check against the line.
REASONS: dict[str, str] = {
    "comment-prompt": "Comment-form furniture (reply prompts, form fields, moderation notices), not article text.",
    "subscribe-prompt": "A sign-up or subscription prompt (newsletter, membership, app, follow us), not article text.",
    "login-form": "Account furniture (sign in, register, password), not article text.",
    "cookie-notice": "A cookie, privacy or consent notice from the site, not article text.",
    "share-widget": "Buttons of a share bar or social links, not article text.",
    "breadcrumb": "A breadcrumb trail (Home » section » page) from the site's navigation.",
    "byline": "The byline; the author is kept in the article's metadata instead.",
    "photo-credit": "A photo caption credit or agency credit; kept in the article's metadata instead.",
    "scrape-date": "A date alone at the top of the page that is not the article's date: the day of the scrape.",
    "date-line": "A date or time alone on a line: page furniture (the publication date belongs in the front matter).",
    "reading-time": "A reading-time, age or counter widget (like '5 min read' or '3 hours ago').",
    "ad-label": "An advertising label or affiliate notice, not article text.",
    "tag-list": "The article's tags or categories, a list of links.",
    "aggregator-link": "Aggregator furniture: a link to the source or a heading over links to other stories.",
    "related-label": "A heading over links to other stories (related, popular, read more).",
    "site-footer": "Site navigation or footer furniture (menus, copyright, legal links, back to top).",
    "no-words": "A line with no words at all (rules, separators, stray symbols).",
    "section-label": "A one-word section label of the site (set above a headline), not article text.",
    "related-teaser": "The headline of another story, set under a section or 'related' label, not this article's text.",
    "author-bio": "The author's biography after the article, site furniture rather than article text.",
    "furniture-context": "Between two lines of page furniture and not a full paragraph itself: part of the same box (jusText's context rule).",
    "page-header": "Above the article's main text: navigation and page furniture gather here, away from the run of prose.",
    "page-footer": "Below the article's main text: related links, comments and site furniture gather here.",
    "html-title": "The page's <title> (headline plus site name) repeated at the top; the headline itself is kept.",
    "outlet-template": "This outlet prints the same line on its other articles: part of its page template.",
    "override-drop": "An editor's drop pattern matched this line.",
}

# Kept lines carry a rule name too, so an explain view can say why a line stayed.
KEEP_REASONS: dict[str, str] = {
    "main-text": "Inside the article's main run of text.",
    "title": "The article's headline.",
    "dek": "The standfirst under the headline.",
    "override-keep": "An editor's keep pattern matched this line.",
}


@dataclass(frozen=True)
class Hit:
    """A line rule that fired, with what it recovered for the metadata (author, credit)."""

    rule: str
    value: str | None = None


@dataclass(frozen=True)
class Compiled:
    """A language's patterns compiled once (see `compiled`)."""

    lang: Language
    furniture: dict[str, "Phrases"]
    related: re.Pattern[str]
    byline: re.Pattern[str]
    credit_prefix: re.Pattern[str]
    credit_suffix: re.Pattern[str]
    agency_only: re.Pattern[str]
    # agency_only's letters are an agency's name and at most 30 characters after a slash (15
    # words): a line with more words is no lone agency credit.
    agency_only_max_words: int
    breadcrumb: re.Pattern[str]
    html_title: re.Pattern[str]
    numeric_date: re.Pattern[str]
    bio: re.Pattern[str]
    # The same patterns without those that scan the whole line: for long lines without any of
    # the language's `long_line_triggers` (a paragraph rarely holds furniture; scanning it is slow).
    anchored_only: "Compiled | None" = None
    memo: dict = field(default_factory=dict)  # text -> (Shape, Hit | None), see read_line
    tails: dict = field(default_factory=dict)  # the fast path's phrase rules, see _tail_for
    tails_by_tokens: dict = field(default_factory=dict)


def _alt(patterns) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


class Phrases(NamedTuple):
    """One rule's phrases: those anchored at the start are tried once with match(); only the
    others scan the line, and only when the line holds one of their needles."""

    anchored: re.Pattern[str] | None
    floating: re.Pattern[str] | None
    # Lower-case strings one of which every match of `floating` contains; None when some
    # floating phrase has no literal part to look for (it is then always scanned).
    needles: tuple[str, ...] | None


def _split(patterns) -> Phrases:
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    floating = [p for p in patterns if not p.startswith("^")]
    needles: list[str] | None = []
    for p in floating:
        found = required_literals(p)
        if found is None or needles is None:
            needles = None
        else:
            needles.extend(n for n in found if n not in needles)
    return Phrases(
        re.compile(_alt(anchored), re.IGNORECASE) if anchored else None,
        re.compile(_alt(floating), re.IGNORECASE) if floating else None,
        tuple(needles) if floating and needles else None,
    )


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which is in (the lower-cased text of) every match of `pattern`
    under re.IGNORECASE, or None if the pattern has no such literal part.

    `please (?:keep|read) (?:our|the)` -> ('please ',); `(?:follow|find) (?:me|us) on` ->
    ('follow', 'find'). Read off the parsed pattern: a run of literal characters that every
    match passes through, or for an alternation, one such run from each branch. A substring
    test on the line is much cheaper than scanning it with the pattern, so a rule scans only
    lines that hold one of its needles."""
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _required(list(parsed))
    return tuple(found) if found else None


def _required(items) -> list[str] | None:
    """The best needle set of a sequence of parsed items (the one whose shortest needle is longest)."""
    choices: list[list[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _sre_c.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:  # a literal run ends at anything else (an optional part, a class, an anchor)
            choices.append(["".join(run)])
            run = []
        sub = None
        if op is _sre_c.SUBPATTERN:
            sub = _required(list(av[-1]))
        elif op is _sre_c.BRANCH:
            sub = []
            for branch in av[1]:
                b = _required(list(branch))
                if b is None:
                    sub = None
                    break
                sub.extend(b)
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] >= 1:
            sub = _required(list(av[2]))
        if sub:
            choices.append(sub)
    if not choices:
        return None
    # The rarest needles win: the longest shortest one, not counting spaces (" on " is everywhere).
    return max(choices, key=lambda needles: min(len(n.strip()) for n in needles))


def _matches(p: Phrases | None, s: Shape) -> bool:
    if p is None:
        return False
    if p.anchored is not None and p.anchored.match(s.text):
        return True
    if p.floating is None:
        return False
    if p.needles is not None and s.foldable and not any(map(s.lower.__contains__, p.needles)):
        return False
    return p.floating.search(s.text) is not None


_COMPILED: dict[str, Compiled] = {}
LONG_LINE = 25  # tokens: past this, phrases inside the line are looked for only after a trigger word


def compiled(lang: Language) -> Compiled:
    """A language's patterns, compiled once per process (rules run on every line)."""
    c = _COMPILED.get(lang.code)
    if c is None or c.lang is not lang:
        c = _COMPILED[lang.code] = _compile(lang)
    return c


def _compile(lang: Language) -> Compiled:
    c = _compile_patterns(lang)
    bare = replace(c, furniture={r: Phrases(p.anchored, None, None) for r, p in c.furniture.items()})
    return replace(c, anchored_only=replace(bare, memo={}, tails={}, tails_by_tokens={}))


def _compile_patterns(lang: Language) -> Compiled:
    I = re.IGNORECASE
    agencies = _alt(re.escape(a) for a in sorted(lang.agencies, key=len, reverse=True))
    return Compiled(
        lang=lang,
        furniture={rule: _split(ps) for rule, ps in lang.furniture.items()},
        related=re.compile(rf"^(?:{_alt(lang.related_labels)})\W*$", I),
        byline=re.compile(
            rf"^(?:{_alt(re.escape(p) for p in lang.byline_prefixes)})\s*:?\s+"
            r"(?P<who>[^\W\d_][\w.'’\-]*(?:\s+(?:and\s+|&\s+)?[\w.'’\-]+){0,5}?)"
            r"(?:\s*[,|•–—-]\s*.{0,60})?$",
            I,
        ),
        credit_prefix=re.compile(
            rf"^(?:{_alt(re.escape(p) for p in lang.credit_prefixes)})\s*(?::|by\b|via\b|courtesy\b|credit\b|copyright\b|caption\b|©)", I
        ),
        # "... Photograph: Guy Smallman/Getty Images", "Mike Blake/Reuters files", "(AP Photo/Jane Doe)"
        credit_suffix=re.compile(
            rf"(?:(?:photo|photograph|image|picture|credit|illustration)s?\s*(?::|by)\s*[^.]{{1,80}}$"
            rf"|[\w.'’\-]+\s*/\s*(?:{agencies})(?: (?:files?|photo|pool|via .{{1,30}}))?\W*$"
            rf"|\b(?:{agencies})\s*/\s*[\w.'’\- ]{{1,40}}\W*$"
            rf"|\((?:{agencies})[^)]{{0,60}}\)\W*$|\b(?:getty images|shutterstock|alamy|istock(?:photo)?)\W*$)",
            I,
        ),
        agency_only_max_words=max(len(WORD_RE.findall(a)) for a in lang.agencies) + 15,
        agency_only=re.compile(rf"^\W*(?:{agencies})(?:\s*(?:photo|images?|file|/ ?[\w ]{{1,30}}))?\W*$", I),
        breadcrumb=re.compile(r"^(?:home|start|main page|homepage)\s*[»›>/|]|(?:\S.*?\s[»›]\s.*?){2,}|^[^.!?]{1,120}\s[»›>]\s[^.!?]{1,120}$", I),
        html_title=re.compile(r"^.{8,200}?\s(?:\||-|–|—|::|·)\s[^|.!?]{2,60}$"),
        numeric_date=re.compile(r"^\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}$"),
        bio=re.compile(
            rf"^(?:[A-Z][\w.'’\-]+\s+){{1,3}}(?:(?:{_alt(lang.bio_actions)})\b"
            rf"|(?:{_alt(lang.bio_verbs)})\b.{{0,120}}\b(?:{_alt(lang.bio_nouns)})s?\b)",
        ),
    )


# --- line rules -------------------------------------------------------------------------------
# Each takes the line's shape and the compiled language and returns a Hit or None.
# Length caps keep them off real paragraphs that merely mention a furniture phrase.


def _furniture(rule: str, max_words: int) -> Callable[[Shape, Compiled], Hit | None]:
    def check(s: Shape, c: Compiled) -> Hit | None:
        if s.tokens <= max_words and _matches(c.furniture.get(rule), s):
            return Hit(rule)
        return None

    check.__name__ = rule.replace("-", "_")
    check.max_tokens = max_words  # type: ignore[attr-defined]
    check.phrases = rule  # type: ignore[attr-defined]
    check.__doc__ = f"{REASONS[rule]} (the language's '{rule}' phrases, lines of at most {max_words} words)"
    return check


comment_prompt = _furniture("comment-prompt", 50)
subscribe_prompt = _furniture("subscribe-prompt", 20)
login_form = _furniture("login-form", 10)
cookie_notice = _furniture("cookie-notice", 60)
ad_label = _furniture("ad-label", 30)
tag_list = _furniture("tag-list", 40)
aggregator_link = _furniture("aggregator-link", 12)
site_footer = _furniture("site-footer", 40)
related_teaser = _furniture("related-teaser", 25)


def share_widget(s: Shape, c: Compiled) -> Hit | None:
    """A short line made only of share-bar words ("Facebook Twitter Email", "Share Adjust Comment Print")."""
    if s.tokens > 12:
        return None
    if _share_words(s, c) or _matches(c.furniture.get("share-widget"), s):
        return Hit("share-widget")
    return None


def _share_words(s: Shape, c: Compiled) -> bool:
    cleaned = [w.strip("()[]|•·,:;.!?-–—") for w in s.lower.split()]
    cleaned = [w for w in cleaned if w]
    return bool(cleaned) and all(w in c.lang.share_words for w in cleaned) and any(
        w not in ("on", "to", "via", "with", "this", "more", "us") for w in cleaned
    )


share_widget.max_tokens = 12  # type: ignore[attr-defined]
share_widget.phrases = "share-widget"  # type: ignore[attr-defined]
share_widget.own_check = _share_words  # type: ignore[attr-defined]


_BREADCRUMB_MARKS = re.compile("[»›>/|]")


def breadcrumb(s: Shape, c: Compiled) -> Hit | None:
    """A breadcrumb trail: "Home » Section » Headline" (site navigation, not text)."""
    if s.tokens <= 40 and not s.inner_sentences and _BREADCRUMB_MARKS.search(s.text) and c.breadcrumb.search(s.text):
        return Hit("breadcrumb")
    return None


def byline(s: Shape, c: Compiled) -> Hit | None:
    """A byline such as "by alex" or "Written by Jane Doe, Staff Writer"; the author goes to metadata."""
    if s.tokens > 12 or (s.sentence_end and s.tokens > 3 and not s.text.endswith(")")):
        return None
    m = c.byline.match(s.text)
    if not m:
        return None
    who = m.group("who").strip(" .,")
    # "By the way, ..." is prose: a byline names someone, it does not start a sentence.
    first = who.split()[0].lower() if who else ""
    if not who or first in c.lang.stopwords:
        return None
    return Hit("byline", who)


_CREDIT_WORDS = ("photo", "image", "picture", "credit", "illustration", "getty", "shutterstock", "alamy", "istock")


def _may_credit(s: Shape) -> bool:
    # Every credit form has a slash, a bracket, or one of these words: skip the scan otherwise.
    t = s.text
    return "/" in t or "(" in t or any(map(s.lower.__contains__, _CREDIT_WORDS))


def photo_credit(s: Shape, c: Compiled) -> Hit | None:
    """A photo or agency credit: "Photo: X / Reuters", "File image via Sputnik", a lone "Sputnik"."""
    if s.tokens > 40:
        return None
    t = s.text
    if (s.words <= c.agency_only_max_words and c.agency_only.match(t)) or (s.tokens <= 15 and c.credit_prefix.match(t)):
        return Hit("photo-credit", t)
    # Credits close a caption: only the line's tail can hold one.
    if s.tokens <= 30 and _may_credit(s) and c.credit_suffix.search(t, max(0, len(t) - 160)):
        return Hit("photo-credit", t)
    return None


_UNIT_SUFFIX_RE = re.compile(r"(\d+)([a-z]+)")
_ORDINAL_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)")
_CLOCK_RE = re.compile(r"\d{1,2}[:.]\d\d(?:am|pm)?")


def _is_number(tok: str) -> bool:
    return any(ch.isdigit() for ch in tok) and all(ch.isdigit() or ch in ".,:/-–h" for ch in tok)


def reading_time(s: Shape, c: Compiled) -> Hit | None:
    """A reading-time, age or counter widget: only numbers and time units ("0 5 min 11 mths")."""
    if s.tokens > 10:
        return None
    toks = [t.strip("()[]|•·,:;.!?-–—") for t in s.lower.split()]
    toks = [t for t in toks if t]
    if not toks:
        return None
    units = numbers = 0
    for t in toks:
        if _is_number(t):
            numbers += 1
        elif t in c.lang.time_words or t in ("estimated",):
            units += 1
        else:
            m = _UNIT_SUFFIX_RE.fullmatch(t)
            if m and m.group(2) in c.lang.time_words:
                units += 1
                numbers += 1
            else:
                return None
    return Hit("reading-time") if units and numbers else None


def date_line(s: Shape, c: Compiled) -> Hit | None:
    """A date or time alone on a line ("Tuesday, March 19, 2024", "Updated: 06 December 2019"),
    or signed with a name or two ("Armanox June 28, 2015 at 10:25 pm", a comment's header)."""
    if s.tokens > 14:
        return None
    toks = [t.strip("()[]|•·,:;.!?–—") for t in s.lower.split()]
    toks = [t for t in toks if t and t not in ("-", "/", "|")]
    if not toks:
        return None
    month = numbers = other = 0
    lang = c.lang
    for t in toks:
        base = t.rstrip(".")
        if base in lang.months or base in lang.weekdays:
            month += 1
            continue
        # Numeric forms start with a digit ('h' only in '10h30'): a word skips the patterns.
        if not t[0].isalpha() or t[0] == "h":
            if c.numeric_date.match(t):
                month += 1
                numbers += 1
                continue
            if _is_number(t) or _ORDINAL_RE.fullmatch(t) or _CLOCK_RE.fullmatch(t):
                numbers += 1
                continue
        if base in lang.date_words:
            continue
        other += 1
        if other > 2:  # too many words for any date line, whatever follows
            return None
    # Only numbers is not a date (a year, a score); a date with a few other words is a signed
    # date line only when the date is complete (month and numbers) and the words are few.
    if not month or other > (2 if numbers else 0):
        return None
    return Hit("date-line")


def doubled_text(s: Shape, c: Compiled) -> Hit | None:
    """A link card: the same headline printed twice on one line (link text, then its title)."""
    t = s.text
    if s.words < 4:
        return None
    half = len(t) // 2
    first, last = t[0], t[-1]
    around = t[half - 2 : half + 2]  # the characters on either side of every cut below
    if around.isalnum() and first not in around and last not in around:
        return None
    for cut in (half, half + 1, half - 1):
        # The halves are equal only if the left one ends like the line and the right one starts
        # like it: where the cut falls inside a word, one character each tells.
        a, b = t[cut - 1], t[cut]
        if (a != last and not a.isspace()) or (b != first and not b.isspace()):
            continue
        left, right = t[:cut].strip(), t[cut:].strip()
        if left and left == right:
            return Hit("related-teaser")
    return None


def related_label(s: Shape, c: Compiled) -> Hit | None:
    """A heading over other stories: "Related", "Most Popular", "Read more", "You may also like"."""
    if s.tokens <= 8 and c.related.match(s.text):
        return Hit("related-label")
    return None


def no_words(s: Shape, c: Compiled) -> Hit | None:
    """A line of symbols only ("|", "_____", "• • •"): no letter and no digit."""
    if not s.words and not any(ch.isalnum() for ch in s.text):
        return Hit("no-words")
    return None


# Order matters: the first rule that fires names the line. Specific forms come before
# general ones (a byline before a date, a credit before a footer).
LINE_RULES: tuple[Callable[[Shape, Compiled], Hit | None], ...] = (
    no_words,
    byline,
    photo_credit,
    reading_time,
    date_line,
    breadcrumb,
    doubled_text,
    comment_prompt,
    cookie_notice,
    login_form,
    share_widget,
    subscribe_prompt,
    ad_label,
    tag_list,
    aggregator_link,
    related_teaser,
    related_label,
    site_footer,
)


# The longest line each rule can fire on (it checks its own cap too): a paragraph skips the rest.
_CAPS = {no_words: 10**9, byline: 12, photo_credit: 40, reading_time: 10, date_line: 14, breadcrumb: 40,
         doubled_text: 10**9, related_label: 8}
_LINE_RULES_CAPPED = tuple((r, getattr(r, "max_tokens", _CAPS.get(r, 10**9))) for r in LINE_RULES)


_MEMO_MAX_CHARS = 100  # short lines (menus, buttons, furniture, templates) repeat across pages: remember them
_MEMO_SIZE = 50_000


def read_line(text: str, c: Compiled) -> tuple[Shape, Hit | None]:
    """A stripped, non-blank line's shape and the first line rule that fires on it.

    Both depend on the text alone, so they are remembered for short lines: an outlet prints the
    same menu, buttons and footer on every page, and a paragraph is rarely seen twice."""
    if len(text) > _MEMO_MAX_CHARS:
        s = measure(text, c.lang)
        return s, _first_hit(s, c)
    memo = c.memo
    got = memo.get(text)
    if got is None:
        s = measure(text, c.lang)
        got = (s, _first_hit(s, c))
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[text] = got
    return got


def first_hit(s: Shape, c: Compiled) -> Hit | None:
    """The first line rule that fires on this line, or None."""
    return _first_hit(s, c)


def reference_first_hit(s: Shape, c: Compiled) -> Hit | None:
    """What `first_hit` means: each rule of LINE_RULES in turn, the first that fires.

    `first_hit` gets the same answer with less work per line; tests hold it to this one."""
    n = s.tokens
    if n > LONG_LINE and c.anchored_only is not None and not _has_trigger(s, c):
        c = c.anchored_only
    for rule, cap in _LINE_RULES_CAPPED:
        if n <= cap:
            h = rule(s, c)
            if h is not None:
                return h
    return None


def _has_trigger(s: Shape, c: Compiled) -> bool:
    return any(map(s.lower.__contains__, c.lang.long_line_triggers))


# The fast path. The rules up to the first phrase rule run one by one; the phrase rules after
# them (comment prompts ... site footer) are tried together: their anchored phrases are one
# alternation, in rule order, so a single match() names the first rule whose anchored phrase
# fires (and only the phrases that can start with the line's first character are in it); only
# the rules before that one can still fire, by a floating phrase (looked for only when the line
# holds one of its needles) or by a check of their own (share-bar words).
_SPLIT_AT = next(i for i, r in enumerate(LINE_RULES) if hasattr(r, "phrases"))
_LEAD_CAPPED = _LINE_RULES_CAPPED[:_SPLIT_AT]
_TAIL_MAX_CAP = max(cap for _r, cap in _LINE_RULES_CAPPED[_SPLIT_AT:])


class _TailRule(NamedTuple):
    name: str
    cap: int
    anchored: tuple[tuple[str, frozenset[str] | None], ...]  # (source without ^, first characters)
    floating: Phrases | None
    own_check: Callable[[Shape, Compiled], bool] | None


def _tail_rules(c: Compiled) -> list[_TailRule]:
    out = []
    for rule, cap in _LINE_RULES_CAPPED[_SPLIT_AT:]:
        if rule is related_label:
            # c.related is ^(?:label|label...)\W*$: the same as one phrase per label.
            srcs = [rf"(?:{label})\W*$" for label in c.lang.related_labels]
            out.append(_TailRule("related-label", cap, tuple((src, first_chars(src)) for src in srcs), None, None))
            continue
        name = getattr(rule, "phrases", None)
        if name is None:
            raise TypeError(f"{rule.__name__}: a rule after the phrase rules needs a place in the fast path")
        anchored = tuple((p[1:], first_chars(p[1:])) for p in c.lang.furniture.get(name, ()) if p.startswith("^"))
        p = c.furniture.get(name)
        floating = p if p is not None and p.floating is not None else None
        out.append(_TailRule(name, cap, anchored, floating, getattr(rule, "own_check", None)))
    return out


def first_chars(pattern: str) -> frozenset[str] | None:
    """The lower-case ASCII characters a match of `pattern` (under re.IGNORECASE) can start
    with, or None when it can start with anything (or match nothing at all).

    Only ASCII first characters are told apart (a line that starts with another one is tried
    against every phrase); a set that may be too large is always safe, one too small never."""
    try:
        found, may_be_empty = _seq_first(list(_sre_parse.parse(pattern, re.IGNORECASE)))
    except re.error:
        return None
    return frozenset(found) if found is not None and not may_be_empty else None


_ALL_ASCII = frozenset(chr(i).lower() for i in range(128))
_DIGITS = frozenset("0123456789")
_CATEGORY_FIRST = {
    _sre_c.CATEGORY_DIGIT: _DIGITS,
    _sre_c.CATEGORY_SPACE: frozenset(" \t\n\r\f\v\x1c\x1d\x1e\x1f"),
    _sre_c.CATEGORY_WORD: frozenset("abcdefghijklmnopqrstuvwxyz0123456789_"),
    _sre_c.CATEGORY_NOT_WORD: frozenset(ch for ch in _ALL_ASCII if not (ch.isalnum() or ch == "_")),
}
# Characters that re.IGNORECASE matches to an ASCII letter.
_FOLDS_TO_ASCII = {"\u017f": "s", "\u212a": "k", "\u0131": "i", "\u0130": "i"}


def _char_first(code: int) -> set[str]:
    ch = chr(code)
    return {ch.lower(), _FOLDS_TO_ASCII[ch]} if ch in _FOLDS_TO_ASCII else {ch.lower()}


def _seq_first(items) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match the empty string); None: unknown."""
    out: set[str] = set()
    for op, av in items:
        first, may_be_empty = _item_first(op, av)
        if first is None:
            return None, False
        out |= first
        if not may_be_empty:
            return out, False
    return out, True


def _item_first(op, av) -> tuple[set[str] | None, bool]:
    if op is _sre_c.LITERAL:
        return _char_first(av), False
    if op in (_sre_c.NOT_LITERAL, _sre_c.ANY):
        return set(_ALL_ASCII), False
    if op is _sre_c.IN:
        out: set[str] = set()
        for o, a in av:
            if o is _sre_c.LITERAL:
                out |= _char_first(a)
            elif o is _sre_c.RANGE and a[1] < 128:
                out.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            elif o is _sre_c.CATEGORY and a in _CATEGORY_FIRST:
                out |= _CATEGORY_FIRST[a]
            else:  # a negated set, a range past ASCII, another category: anything
                return set(_ALL_ASCII), False
        return out, False
    if op is _sre_c.SUBPATTERN:
        return _seq_first(list(av[-1]))
    if op is _sre_c.BRANCH:
        out = set()
        empty = False
        for branch in av[1]:
            first, may_be_empty = _seq_first(list(branch))
            if first is None:
                return None, False
            out |= first
            empty = empty or may_be_empty
        return out, empty
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT):
        first, may_be_empty = _seq_first(list(av[2]))
        return first, may_be_empty or av[0] == 0
    if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
        return set(), True  # zero width: what follows comes first
    return None, False


class _Tail(NamedTuple):
    """The phrase rules that apply to lines of one length."""

    names: tuple[str, ...]  # of every phrase rule, in order
    applies: tuple[bool, ...]  # to lines of this length (their cap)
    # (index, name, floating, own_check) of the applicable rules that can fire without their
    # anchored phrase.
    others: tuple[tuple[int, str, Phrases | None, Callable | None], ...]
    # One of these is in a line that any of their floating phrases matches (None: unknown).
    needles: tuple[str, ...] | None
    own_checks: bool  # whether some applicable rule has a check of its own


def _fewest_needles(sets) -> tuple[str, ...] | None:
    """The union of needle sets, without needles that hold another one (None if any is None)."""
    union: set[str] = set()
    for needles in sets:
        if needles is None:
            return None
        union.update(needles)
    return tuple(sorted(n for n in union if not any(m != n and m in n for m in union)))


def _every_tail_rule(c: Compiled) -> list[_TailRule]:
    every = c.tails.get("every")
    if every is None:
        every = c.tails["every"] = _tail_rules(c)
    return every


def _tail_for(c: Compiled, tokens: int) -> _Tail:
    every = _every_tail_rule(c)
    applies = tuple(tokens <= r.cap for r in every)
    live = [r for k, r in enumerate(every) if applies[k]]
    return _Tail(
        tuple(r.name for r in every),
        applies,
        tuple((k, r.name, r.floating, r.own_check) for k, r in enumerate(every) if applies[k] and (r.floating or r.own_check)),
        _fewest_needles(r.floating.needles for r in live if r.floating is not None),
        any(r.own_check is not None for r in live),
    )


def _anchored_for(c: Compiled, long_line: bool, first: str | None) -> re.Pattern[str] | None:
    """One alternation of the phrase rules' anchored phrases that can start with `first` (None:
    with any character), a named group per rule: (?P<r3>...). For a long line, only the rules
    whose cap lets them name a line past LONG_LINE are in it."""
    groups = []
    for k, r in enumerate(_every_tail_rule(c)):
        if long_line and r.cap <= LONG_LINE:
            continue
        srcs = [src for src, chars in r.anchored if first is None or chars is None or first in chars]
        if srcs:
            groups.append(f"(?P<r{k}>{_alt(srcs)})")
    rx = c.tails[(long_line, first)] = re.compile("|".join(groups), re.IGNORECASE) if groups else None
    return rx


def _anchored_hit(c: Compiled, tail: _Tail, s: Shape) -> int:
    """Index of the first applicable phrase rule whose anchored phrases match the line, else len(names)."""
    text = s.text
    key = (s.tokens > LONG_LINE, text[0].lower() if text[0].isascii() else None)
    try:
        anchored = c.tails[key]
    except KeyError:
        anchored = _anchored_for(c, *key)
    m = anchored.match(text) if anchored is not None else None
    if m is None:
        return len(tail.names)
    k = int(m.lastgroup[1:])  # type: ignore[index]
    if tail.applies[k]:
        return k
    # The first rule whose phrase matched is capped below this line's length: try the later ones
    # one by one (rare: a long line that opens like a button).
    every = _every_tail_rule(c)
    for j in range(k + 1, len(every)):
        if tail.applies[j] and every[j].anchored and _rule_anchored(c, j).match(text):
            return j
    return len(tail.names)


def warm(c: Compiled, first_characters) -> None:
    """Compile now the phrase alternations for lines starting with these characters (a build
    does this before it forks its workers, which then share them instead of each compiling)."""
    _every_tail_rule(c)
    for ch in set(first_characters):
        key = ch.lower() if ch.isascii() else None
        for long_line in (False, True):
            if (long_line, key) not in c.tails:
                _anchored_for(c, long_line, key)


def _rule_anchored(c: Compiled, k: int) -> re.Pattern[str]:
    rx = c.tails.get(("rule", k))
    if rx is None:
        rx = c.tails[("rule", k)] = re.compile(_alt(src for src, _chars in _every_tail_rule(c)[k].anchored), re.IGNORECASE)
    return rx


def _first_hit(s: Shape, c: Compiled) -> Hit | None:
    n = s.tokens
    for rule, cap in _LEAD_CAPPED:
        if n <= cap:
            h = rule(s, c)
            if h is not None:
                return h
    key = min(n, _TAIL_MAX_CAP + 1)
    tail = c.tails_by_tokens.get(key)
    if tail is None:
        tail = c.tails_by_tokens[key] = _tail_for(c, key)
    best = _anchored_hit(c, tail, s)
    if tail.others and tail.others[0][0] < best:
        # Floating phrases only in lines that hold one of their needles, and past LONG_LINE
        # only in lines with a trigger word (the needles are fewer: they go first).
        if tail.needles is not None and s.foldable and not any(map(s.lower.__contains__, tail.needles)):
            scan = False
        else:
            scan = n <= LONG_LINE or _has_trigger(s, c)
        if not scan and not tail.own_checks:
            return Hit(tail.names[best]) if best < len(tail.names) else None
        for k, name, floating, own_check in tail.others:
            if k >= best:
                break
            if own_check is not None and own_check(s, c):
                return Hit(name)
            if scan and floating is not None:
                if floating.needles is not None and s.foldable and not any(map(s.lower.__contains__, floating.needles)):
                    continue
                if floating.floating.search(s.text) is not None:  # type: ignore[union-attr]
                    return Hit(name)
    return Hit(tail.names[best]) if best < len(tail.names) else None


def is_author_bio(s: Shape, c: Compiled) -> bool:
    """"Jane Doe is a reporter who covers ..." (used only below the main text, see classifier)."""
    return s.tokens <= 80 and bool(c.bio.search(s.text))


def looks_like_html_title(s: Shape, c: Compiled) -> bool:
    """"Headline | Site Name" or "Headline - Site": the page's <title> element."""
    return bool(c.html_title.match(s.text)) and not s.text.rstrip().endswith((".", "!"))
