"""Named rules: one small documented rule per kind of noise, and the reason each one gives.

Line rules look at one line alone (its text and shape) and fire on page furniture whose wording
is well known: comment forms, share bars, bylines, credits, dates, reading-time widgets...
Context rules (section labels, teasers, the page around the main text, an outlet's template) need
the lines around them; the classifier applies those, but their names and reasons live here too so
that every removal in the audit log reads the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from .features import TOKEN_RE, WORD_RE, Shape
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
    furniture: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]  # (anchored, floating)
    related: re.Pattern[str]
    byline: re.Pattern[str]
    credit_prefix: re.Pattern[str]
    credit_suffix: re.Pattern[str]
    agency_only: re.Pattern[str]
    breadcrumb: re.Pattern[str]
    html_title: re.Pattern[str]
    numeric_date: re.Pattern[str]
    bio: re.Pattern[str]
    # The same patterns without those that scan the whole line: for long lines without any of
    # the language's `long_line_triggers` (a paragraph rarely holds furniture; scanning it is slow).
    anchored_only: "Compiled | None" = None


def _alt(patterns) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _split(patterns) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns anchored at the start are tried once with match(); only the others scan the line."""
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    floating = [p for p in patterns if not p.startswith("^")]
    return (
        re.compile(_alt(anchored), re.IGNORECASE) if anchored else None,
        re.compile(_alt(floating), re.IGNORECASE) if floating else None,
    )


def _matches(pats: tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None, text: str) -> bool:
    if pats is None:
        return False
    anchored, floating = pats
    return bool((anchored is not None and anchored.match(text)) or (floating is not None and floating.search(text)))


_COMPILED: dict[str, Compiled] = {}
LONG_LINE = 25  # tokens: past this, phrases inside the line are looked for only after a trigger word


def compiled(lang: Language) -> Compiled:
    """A language's patterns, compiled once per process (rules run on every line)."""
    c = _COMPILED.get(lang.code)
    if c is None or c.lang is not lang:
        c = _COMPILED[lang.code] = _compile(lang)
        _MEMO.clear()  # results remembered for the patterns this replaces
    return c


def _compile(lang: Language) -> Compiled:
    c = _compile_patterns(lang)
    bare = replace(c, furniture={r: (a, None) for r, (a, _f) in c.furniture.items()})
    return replace(c, anchored_only=bare)


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
        if s.tokens <= max_words and _matches(c.furniture.get(rule), s.text):
            return Hit(rule)
        return None

    check.__name__ = rule.replace("-", "_")
    check.max_tokens = max_words  # type: ignore[attr-defined]
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
    words = [w.lower() for w in TOKEN_RE.findall(s.text)]
    cleaned = [w.strip("()[]|•·,:;.!?-–—") for w in words]
    cleaned = [w for w in cleaned if w]
    if cleaned and all(w in c.lang.share_words for w in cleaned) and any(
        w not in ("on", "to", "via", "with", "this", "more", "us") for w in cleaned
    ):
        return Hit("share-widget")
    return Hit("share-widget") if _matches(c.furniture.get("share-widget"), s.text) else None


_BREADCRUMB_MARKS = frozenset("»›>/|")


def breadcrumb(s: Shape, c: Compiled) -> Hit | None:
    """A breadcrumb trail: "Home » Section » Headline" (site navigation, not text)."""
    if s.tokens <= 40 and not s.inner_sentences and _BREADCRUMB_MARKS.intersection(s.text) and c.breadcrumb.search(s.text):
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


def _may_credit(t: str) -> bool:
    # Every credit form has a slash, a bracket, or one of these words: skip the scan otherwise.
    if "/" in t or "(" in t:
        return True
    low = t.lower()
    return any(k in low for k in ("photo", "image", "picture", "credit", "illustration", "getty", "shutterstock", "alamy", "istock"))


def photo_credit(s: Shape, c: Compiled) -> Hit | None:
    """A photo or agency credit: "Photo: X / Reuters", "File image via Sputnik", a lone "Sputnik"."""
    if s.tokens > 40:
        return None
    t = s.text
    if c.agency_only.match(t) or (s.tokens <= 15 and c.credit_prefix.match(t)):
        return Hit("photo-credit", t)
    # Credits close a caption: only the line's tail can hold one.
    if s.tokens <= 30 and _may_credit(t) and c.credit_suffix.search(t, max(0, len(t) - 160)):
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
    toks = [t.strip("()[]|•·,:;.!?-–—").lower() for t in TOKEN_RE.findall(s.text)]
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
    toks = [t.strip("()[]|•·,:;.!?–—").lower() for t in TOKEN_RE.findall(s.text)]
    toks = [t for t in toks if t and t not in ("-", "/", "|")]
    if not toks:
        return None
    month = numbers = other = 0
    for t in toks:
        base = t.rstrip(".")
        if base in c.lang.months or base in c.lang.weekdays:
            month += 1
        elif c.numeric_date.match(t):
            month += 1
            numbers += 1
        elif _is_number(t) or _ORDINAL_RE.fullmatch(t) or _CLOCK_RE.fullmatch(t):
            numbers += 1
        elif base in c.lang.date_words:
            continue
        else:
            other += 1
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
    for cut in (half, half + 1, half - 1):
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
    if not any(ch.isalnum() for ch in s.text):
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
         doubled_text: 10**9, share_widget: 40, related_label: 8}
_LINE_RULES_CAPPED = tuple((r, getattr(r, "max_tokens", _CAPS.get(r, 10**9))) for r in LINE_RULES)


_MEMO: dict[tuple[int, str], Hit | None] = {}
_MEMO_MAX_TOKENS = 12  # short lines (menus, buttons, furniture) repeat across pages: remember them
_MEMO_SIZE = 200_000


def first_hit(s: Shape, c: Compiled) -> Hit | None:
    """The first line rule that fires on this line, or None."""
    if s.tokens <= _MEMO_MAX_TOKENS:
        key = (id(c), s.text)
        if key in _MEMO:
            return _MEMO[key]
        hit = _first_hit(s, c)
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        _MEMO[key] = hit
        return hit
    return _first_hit(s, c)


def _first_hit(s: Shape, c: Compiled) -> Hit | None:
    n = s.tokens
    if n > LONG_LINE and c.anchored_only is not None:
        low = s.text.lower()
        if not any(k in low for k in c.lang.long_line_triggers):
            c = c.anchored_only
    for rule, cap in _LINE_RULES_CAPPED:
        if n <= cap:
            h = rule(s, c)
            if h is not None:
                return h
    return None


def is_author_bio(s: Shape, c: Compiled) -> bool:
    """"Jane Doe is a reporter who covers ..." (used only below the main text, see classifier)."""
    return s.tokens <= 80 and bool(c.bio.search(s.text))


def looks_like_html_title(s: Shape, c: Compiled) -> bool:
    """"Headline | Site Name" or "Headline - Site": the page's <title> element."""
    return bool(c.html_title.match(s.text)) and not s.text.rstrip().endswith((".", "!"))
