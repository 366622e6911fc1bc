"""The layered line classifier: every line gets a decision and the name of the rule that made it.

Layers, each a linear pass over the lines (later layers see earlier decisions):
  1. line rules    known furniture by wording (rules.py): comment forms, bylines, credits, dates...
  2. template      lines this outlet repeats on its other articles
  3. shape         jusText's classes from length and stopword density: good, near-good, short, bad
  3b. context      a section label glued to another story's headline; headlines under a 'related'
                   label; lines boxed in by furniture (jusText's neighbour rule)
  4. main text     the densest run of prose, a maximum-sum segment over per-line weights (prose
                   pulls, furniture pushes, a box of furniture costs its entry once, a colon line
                   and what it announces weigh nothing): above it is page header, below page footer
  5. structure     title and dek above the main text; headlines spliced between paragraphs;
                   the author's bio at its end; roles (heading, paragraph); the scrape date
  6. overrides     an editor's keep/drop patterns, keep winning
Weights and thresholds are named constants below, tuned on ../shared/cleanbench (bench/clean.py).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Sequence

from ..model import CleanOverrides
from .features import BLANK, Shape
from .lang import DEFAULT, Language
from .rules import Compiled, compiled, is_author_bio, looks_like_html_title, read_line

GOOD, NEAR_GOOD, SHORT, BAD = "good", "near-good", "short", "bad"

# Weights of the shape classes in the main-text search: prose pulls the segment open, furniture
# and bad lines push it shut, short lines (headings, list items) cost a little so a run of them
# between two stretches of prose stays inside while a menu far from prose does not.
W_GOOD_BASE, W_GOOD_PER_100_CHARS, W_GOOD_CAP = 1.0, 1.0, 8.0
W_NEAR_GOOD = 0.5
W_SHORT = -0.35  # a short line that looks like a link or menu item
W_SHORT_PLAIN = -0.15  # a short line of plain words (a list item, a note, a label)
W_SHORT_SENTENCE = 0.2  # a short complete sentence ("Stir fry to mix well.")
W_CODE = 0.0  # code or data: neither pulls nor pushes
W_BOXED_MAX_WORDS = 40  # a line longer than this is a paragraph even between two furniture lines
W_BAD = -0.7
W_RULE = -2.0
W_RULE_INSIDE = -0.5  # a further line of the same box, or a marker found inside articles
W_LIST_ITEM = 0.1  # a numbered list item: content however short
W_UNPUNCTUATED = 0.5  # prose-sized but ending like a headline or a question: half weight

# Lines a title search may step over (they sit between headline and text on news pages).
HEADER_FURNITURE = {"byline", "photo-credit", "date-line", "reading-time", "share-widget", "ad-label",
                    "scrape-date", "tag-list", "outlet-template", "breadcrumb", "no-words"}

_YEAR_RE = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_DAY_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


@dataclass(slots=True)
class Decision:
    """What happened to one non-blank line: kept (with role) or dropped, and by which rule."""

    keep: bool
    rule: str  # removal rule when dropped; keep reason (main-text, title, dek, override-keep) when kept
    role: str = "paragraph"
    cls: str = ""  # shape class, for the audit ('good', 'near-good', 'short', 'bad')
    overruled: str = ""  # for override-keep: the removal rule the editor's pattern overruled


@dataclass
class Classified:
    decisions: list[Decision | None]  # None for blank lines
    title: str | None
    author: str | None
    dek: str | None
    credit: str | None
    texts: list[str] = field(default_factory=list)  # each line stripped


def shape_class(s: Shape, prose_language: bool) -> str:
    """jusText's classes for one line, from its length and stopword density.

    Without a known language (stopwords never match) sentence punctuation stands in for them.
    """
    words = s.words if prose_language else s.approx_words
    if prose_language:
        stop = s.stop_ratio
    else:
        stop = 0.4 if (s.sentence_end or s.inner_sentences) else 0.1
    if words < 6:
        return SHORT
    if words >= 10 and stop >= 0.28 and (s.sentence_end or s.inner_sentences or words >= 20):
        return GOOD
    if words >= 25 and stop >= 0.18:
        return GOOD
    if stop >= 0.18:
        return NEAR_GOOD
    return BAD


def is_headline(s: Shape, max_words: int = 25) -> bool:
    """Shaped like a headline: a few words, capital first, no sentence punctuation at the end."""
    if not (2 <= s.words <= max_words) or not s.starts_upper or s.chars > 220:
        return False
    t = s.text.rstrip("\"'”’)»")
    return not t.endswith((".", ",", ";", ":", "…", "-", "–", "—", "|")) and s.letter_ratio >= 0.6


def ends_prose(s: Shape) -> bool:
    """Ends like a statement (. ! … : ;) or holds several sentences; a lone question is a headline's habit."""
    return s.text.rstrip("\"'”’)]» ").endswith((".", "!", "…", ":", ";")) or s.inner_sentences > 0


def _weight(cls: str, s: Shape, has_rule: bool, listed: bool) -> float:
    if has_rule:
        return W_RULE
    if listed:
        return W_LIST_ITEM
    if cls == GOOD:
        w = min(W_GOOD_CAP, W_GOOD_BASE + W_GOOD_PER_100_CHARS * s.chars / 100)
        return w if ends_prose(s) else w * W_UNPUNCTUATED
    if cls == NEAR_GOOD:
        return W_NEAR_GOOD if ends_prose(s) else W_NEAR_GOOD * W_UNPUNCTUATED
    if looks_like_code(s):
        return W_CODE
    if cls == SHORT:
        if s.words >= 3 and s.starts_upper and ends_prose(s):
            return W_SHORT_SENTENCE
        return W_SHORT if looks_like_link(s) else W_SHORT_PLAIN
    return W_BAD


_CODE_CHARS = frozenset("=(){};<>[]$\\`|*#")


def looks_like_code(s: Shape) -> bool:
    """Code or data (symbol-dense, few letters): content on technical pages, rare in furniture."""
    if s.letter_ratio >= 0.8 or s.text.startswith(("http://", "https://", "www.")):
        return False
    return sum(ch in _CODE_CHARS for ch in s.text) >= 2


def looks_like_link(s: Shape) -> bool:
    """A menu item or link: a few capitalised words and no punctuation (vs a note in a list)."""
    return s.words <= 6 and s.title_ratio >= 0.75 and not any(ch in s.text for ch in ",.;:()?!\"“”")


_NUMBERED_RE = re.compile(r"^\(?(\d{1,3})[.)]\s+\S")


def _announced(n: int, shapes: list[Shape], rule: list[str | None], colons: Sequence[int] | None = None) -> dict[int, int]:
    """For a line ending with a colon and for each line of the run it introduces (to the next
    blank line): the index of that colon line (lines not in the dict announce nothing).
    `colons`: the lines that end with a colon, if known (in order)."""
    out: dict[int, int] = {}
    for i in range(n) if colons is None else colons:
        s = shapes[i]
        if s.chars and s.text[-1] == ":" and rule[i] is None and s.words <= 60:
            out[i] = i
            j = i + 1
            while j < n and not shapes[j].chars:  # blank lines between the colon and its list
                j += 1
            while j < n and shapes[j].chars and rule[j] is None and j - i <= 40:
                out.setdefault(j, i)
                j += 1
    return out


def numbered_items(shapes: list[Shape], starts: Sequence[int] | None = None) -> list[bool]:
    """Lines of a numbered list (1. 2. 3. ...): authored content, whatever their length.
    `starts`: the lines that start with a digit or a bracket, if known (in order)."""
    n = len(shapes)
    nums: list[int | None] = [None] * n
    found = False
    for i in range(n) if starts is None else starts:
        s = shapes[i]
        if s.chars and (s.text[0] == "(" or s.text[0].isdigit()):  # cheap test before the pattern
            m = _NUMBERED_RE.match(s.text)
            if m:
                nums[i] = int(m.group(1))
                found = True
    listed = [False] * n
    if not found:
        return listed
    prev = None  # index of the previous non-blank line
    for i in range(n):
        if not shapes[i].chars:
            continue
        if prev is not None and nums[i] is not None and nums[prev] is not None and nums[i] == nums[prev] + 1:
            listed[i] = listed[prev] = True
        prev = i
    return listed


def _find_head(a, shapes, rule, cls, c, nb):
    """Title and dek: walk up from the main text over bylines, credits, dates and name crumbs.

    A headline-shaped line is the title; a headline right under another is its subtitle (the
    upper one is the title); a prose line right under the headline is the standfirst.
    """
    heads: list[int] = []
    dek_prose = None
    i = nb(a, -1) if a > 0 else -1
    looked = 0
    while i >= 0 and looked < 8:
        s = shapes[i]
        if rule[i] is not None:
            if rule[i] in HEADER_FURNITURE or not heads:
                i = nb(i, -1)
                continue
            break
        looked += 1
        if is_headline(s) and s.words >= 3 and not looks_like_html_title(s, c):
            heads.append(i)
            if len(heads) == 2 or dek_prose is not None:
                break
        elif heads:
            break
        elif dek_prose is None and cls[i] in (GOOD, NEAR_GOOD) and s.words <= 60:
            dek_prose = i
        elif dek_prose is None and s.words <= 3:
            pass  # a name, "By", a drop cap: crumbs of a byline
        else:
            break
        i = nb(i, -1)
    if not heads:
        s = shapes[a]
        # The main text may open with the headline itself (a page that is only the article).
        if is_headline(s) and s.words >= 3 and cls[a] != GOOD and nb(a, 1) != -1:
            return a, None
        return None, None
    title_i = heads[-1]
    dek_i = heads[0] if len(heads) == 2 else dek_prose
    return title_i, dek_i


def main_text_span(weights: list[float]) -> tuple[int, int] | None:
    """The maximum-sum run of lines (Kadane): the article's main text, or None if nothing is positive."""
    best, best_span = 0.0, None
    run, start = 0.0, 0
    for i, w in enumerate(weights):
        if run <= 0:
            run, start = w, i
        else:
            run += w
        if run > best:
            best, best_span = run, (start, i)
    return best_span


def _parse_date(text: str, lang: Language) -> datetime.date | None:
    y = _YEAR_RE.search(text)
    if not y:
        return None
    month = None
    for tok in re.findall(r"[^\W\d_]+", text.lower()):
        if tok in lang.months:
            month = tok
            break
    if month is None:
        return None
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    m = names.index(month[:3]) + 1 if month[:3] in names else None
    day = None
    for d in _DAY_RE.findall(_YEAR_RE.sub(" ", text)):
        if 1 <= int(d) <= 31:
            day = int(d)
            break
    if m is None or day is None:
        return None
    try:
        return datetime.date(int(y.group(1)), m, day)
    except ValueError:
        return None


def classify(
    lines: list[str],
    lang: Language = DEFAULT,
    template_lines: frozenset[str] = frozenset(),
    overrides: CleanOverrides | None = None,
    article_date: datetime.date | None = None,
    known_title: str | None = None,
) -> Classified:
    """Decide every line of an article body; blank lines get None."""
    c: Compiled = compiled(lang)
    n = len(lines)
    texts = list(map(str.strip, lines))

    # Layer 1 and 2: line rules, then the outlet's template.
    shapes: list[Shape] = [BLANK] * n
    rule: list[str | None] = [None] * n
    total_words = total_stops = 0
    # Later layers name only lines no rule named, so the first byline and credit are known here.
    author = credit = None
    # Lines the later passes look at, noted here so that those passes skip the others.
    labels: list[int] = []  # one or two words (section labels)
    heads: list[int] = []  # two to fifteen words (headings, spliced headlines)
    colons: list[int] = []  # ending with a colon
    numbered: list[int] = []  # starting with a digit or a bracket
    dates: list[int] = []  # date lines
    for i, t in enumerate(texts):
        if not t:
            continue
        s, h = read_line(t, c)
        shapes[i] = s
        w = s.words
        if w <= 15:
            if w <= 2:
                if w:
                    labels.append(i)
                    if w == 2:
                        heads.append(i)
            else:
                heads.append(i)
        if s.text[-1] == ":":
            colons.append(i)
        if s.text[0] == "(" or s.text[0].isdigit():
            numbered.append(i)
        if h is not None:
            if h.rule == "date-line":
                dates.append(i)
            rule[i] = h.rule
            if h.value:
                if author is None and h.rule == "byline":
                    author = h.value
                elif credit is None and h.rule == "photo-credit":
                    credit = h.value
        elif t in template_lines:
            rule[i] = "outlet-template"
        if s.words >= 5:
            total_words += s.words
            total_stops += round(s.stop_ratio * s.words)

    # Layer 3: shape classes. A page in a language we have no stopwords for still has sentences.
    prose_language = total_words > 0 and total_stops / total_words >= 0.12
    cls = [shape_class(s, prose_language) if s.chars else "" for s in shapes]

    def nb(i: int, step: int) -> int:
        """Index of the next non-blank line from i in direction step, or -1."""
        i += step
        while 0 <= i < n:
            if shapes[i].chars:
                return i
            i += step
        return -1

    def prose(i: int) -> bool:
        return 0 <= i < n and shapes[i].chars > 0 and cls[i] in (GOOD, NEAR_GOOD) and rule[i] is None

    # Layer 3b: context rules that need only the neighbours; what they name counts as furniture
    # in the main-text search too.
    for i in labels:
        if i >= n - 1:
            break
        s = shapes[i]
        # A section label glued to another story's headline, spliced between paragraphs.
        if (
            rule[i] is None and is_headline_word(s) and rule[i + 1] is None and is_headline(shapes[i + 1])
            and shapes[i + 1].words >= 4 and prose(nb(i + 1, 1)) and prose(nb(i, -1))
        ):
            rule[i], rule[i + 1] = "section-label", "related-teaser"
    for i in range(n) if "related-label" in rule or "aggregator-link" in rule else ():
        # Under a 'related' label: other stories' headlines, up to the next line of another shape.
        if rule[i] not in ("related-label", "aggregator-link"):
            continue
        found = False
        j = nb(i, 1)
        while j != -1:
            if rule[j] is None and is_headline(shapes[j]):
                rule[j] = "related-teaser"
                found = True
            elif rule[j] != "related-teaser":
                break
            j = nb(j, 1)
        if not found:
            # 'Read more' set under the teaser it points to, inside the text.
            j = nb(i, -1)
            if j != -1 and rule[j] is None and is_headline(shapes[j]) and prose(nb(j, -1)):
                rule[j] = "related-teaser"
    _box_context(n, shapes, rule, nb)

    # Layer 4: the main text.
    listed = numbered_items(shapes, numbered)
    # A box of furniture is one interruption: entering it costs W_RULE, each further line of it
    # little. Markers that sit inside article bodies (ads, credits, bylines) cost little anyway.
    weights = [0.0] * n
    prev_rule = False
    for i, s in enumerate(shapes):
        if not s.chars:
            continue
        r = rule[i]
        if r is not None:
            weights[i] = W_RULE_INSIDE if r in INLINE_RULES or prev_rule else W_RULE
            prev_rule = True
        else:
            weights[i] = _weight(cls[i], s, False, listed[i])
            prev_rule = False
    # A line ending with a colon announces what follows ("In short:", "Ingredients:"): it and
    # the lines it introduces (up to the next blank line) weigh nothing either way.
    announced = _announced(n, shapes, rule, colons)
    for i in announced:
        weights[i] = max(weights[i], 0.0)
    span = main_text_span(weights)
    if span is None:
        # No prose anywhere (a list, a stub, a single short line): keep what no rule named.
        a, b = 0, n - 1
    else:
        a, b = span
        # The main text takes in what its edge lines announce, and the announcements before it.
        while (j := nb(b, 1)) != -1 and j in announced and announced[j] <= b:
            b = j
        while (j := nb(a, -1)) != -1 and j in announced:
            a = j

    dec: list[Decision | None] = [None] * n
    for i in range(n):
        if not shapes[i].chars:
            continue
        if rule[i] is not None:
            dec[i] = Decision(False, rule[i], "paragraph", cls[i])  # type: ignore[arg-type]
        elif i < a:
            dec[i] = Decision(False, "page-header", "paragraph", cls[i])
        elif i > b:
            dec[i] = Decision(False, "page-footer", "paragraph", cls[i])
        else:
            dec[i] = Decision(True, "main-text", "paragraph", cls[i])

    # Layer 5a: title and dek above (or at the top of) the main text.
    title_i = dek_i = None
    if known_title:
        kt = known_title.strip().lower()
        for i in range(min(n, b + 1)):
            if texts[i].lower() == kt:
                title_i = i
                break
    if title_i is None and span is not None:
        title_i, dek_i = _find_head(a, shapes, rule, cls, c, nb)
    if title_i is not None:
        dec[title_i] = Decision(True, "title", "title", cls[title_i])
        # Above the title: a one- or two-word line is the site's section label ("Russia").
        j = nb(title_i, -1)
        if j != -1 and rule[j] is None and shapes[j].words <= 2 and is_headline_word(shapes[j]):
            dec[j] = Decision(False, "section-label", cls=cls[j])
        if dek_i is None:
            # A standfirst: the first line under the headline that is set apart from the body by
            # a credit or byline (headline, standfirst, picture, text), or a headline-shaped subtitle.
            j = nb(title_i, 1)
            while j != -1 and rule[j] in ("byline", "date-line", "reading-time", "share-widget"):
                j = nb(j, 1)
            if j != -1 and rule[j] is None:
                k = nb(j, 1)
                if k != -1 and rule[k] in ("photo-credit", "byline") and shapes[j].words <= 60:
                    dek_i = j
                elif is_headline(shapes[j], 30) and shapes[j].words >= 4 and k != -1 and cls[k] == GOOD:
                    dek_i = j
        if dek_i is not None:
            dec[dek_i] = Decision(True, "dek", "dek", cls[dek_i])

    # Layer 5b: a headline glued between two paragraphs, on a page that sets its own headings
    # apart with blank lines, is another story's headline spliced into this one.
    heads_apart = any(
        a <= i <= b and (i == 0 or not shapes[i - 1].chars) and (i + 1 >= n or not shapes[i + 1].chars)
        and dec[i] is not None and dec[i].keep and dec[i].rule == "main-text" and is_headline(shapes[i], 15)
        for i in heads
    )
    if heads_apart:
        for i in range(max(a, 1), min(b + 1, n - 1)):
            d, s = dec[i], shapes[i]
            if (
                d is not None and d.keep and d.rule == "main-text" and is_headline(s, 20) and s.words >= 4
                and prose(i - 1) and prose(i + 1) and shapes[i - 1].sentence_end
                # A line cut mid-sentence goes on in lower case or stops on a function word.
                and shapes[i + 1].starts_upper and not ends_on_stopword(s, lang)
            ):
                dec[i] = Decision(False, "related-teaser", cls=cls[i])

    # The author's bio closes the article on many sites.
    last = b
    for _ in range(3):
        if last < a:
            break
        d = dec[last]
        if d is not None and d.keep and is_author_bio(shapes[last], c):
            dec[last] = Decision(False, "author-bio", cls=cls[last])
        last = nb(last, -1)

    # Roles of the kept lines.
    for i in heads:
        d = dec[i]
        if a <= i <= b and d is not None and shapes[i].words <= 12 and d.keep and d.rule == "main-text" and is_headline(shapes[i], 12):
            d.role = "heading"

    # Date lines at the top that are not the article's date: the day of the scrape.
    for i in dates:
        if i < a and rule[i] == "date-line":
            when = _parse_date(texts[i], lang)
            if when is not None and article_date is not None and when != article_date:
                dec[i] = Decision(False, "scrape-date", cls=cls[i])

    # Layer 6: the editor's word.
    if overrides is not None and (overrides.keep or overrides.drop):
        for i in range(n):
            if dec[i] is None:
                continue
            t = texts[i]
            if any(p.search(t) for p in overrides.keep):
                if not dec[i].keep:
                    dec[i] = Decision(True, "override-keep", "paragraph", cls[i], overruled=dec[i].rule)
            elif any(p.search(t) for p in overrides.drop):
                dec[i] = Decision(False, "override-drop", cls=cls[i])

    return Classified(
        decisions=dec,
        title=texts[title_i] if title_i is not None else None,
        texts=texts,
        author=author,
        dek=texts[dek_i] if dek_i is not None else None,
        credit=credit,
    )


# Markers that articles carry inside their text (an ad slot, a picture's credit).
INLINE_RULES = frozenset({
    "ad-label", "photo-credit", "byline", "date-line", "reading-time", "no-words", "related-label", "related-teaser",
    "section-label",
})

# Furniture that forms boxes (comment forms, sign-up panels, teaser lists, footers); bylines,
# credits, dates, share bars and ad labels also sit around headlines and inside articles.
BOX_RULES = frozenset({
    "comment-prompt", "subscribe-prompt", "login-form", "cookie-notice", "related-label", "related-teaser",
    "aggregator-link", "site-footer", "tag-list", "section-label", "furniture-context", "author-bio",
})


def _box_context(n, shapes, rule, nb) -> None:
    """jusText's context rule: a line boxed in by furniture on both sides belongs to that box,
    unless it is a full paragraph of its own. Short unnamed lines are looked through when
    finding the sides; repeated until nothing changes (a box's lines name each other)."""
    boxes = [i for i, r in enumerate(rule) if r in BOX_RULES]
    if len(boxes) < 2:
        return
    inside = range(boxes[0] + 1, boxes[-1])  # a boxed line has box furniture on both sides
    for _ in range(5):
        changed = False
        for i in inside:
            if rule[i] is not None or not shapes[i].chars or shapes[i].words > W_BOXED_MAX_WORDS:
                continue
            sides = []
            for step in (-1, 1):
                j = nb(i, step)
                while j != -1 and rule[j] is None and shapes[j].words < 6:
                    j = nb(j, step)
                sides.append(j != -1 and rule[j] in BOX_RULES)
            if all(sides):
                rule[i] = "furniture-context"
                changed = True
        if not changed:
            return


def ends_on_stopword(s: Shape, lang: Language) -> bool:
    """"... you can email us at": a cut sentence, not a headline."""
    words = s.text.rstrip(" \"'”’»)").rsplit(None, 1)
    return bool(words) and words[-1].lower() in lang.stopwords


def is_headline_word(s: Shape) -> bool:
    """A label: one or two capitalised words, no punctuation ("Asia", "World News")."""
    return 1 <= s.words <= 2 and s.starts_upper and s.text[-1:].isalnum() and s.letter_ratio >= 0.8
