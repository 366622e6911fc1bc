"""Temporal tagger and normaliser for English news text (TimeML TIMEX3 values).

`find_timexes(text, dct)` finds date, time, duration and set expressions and resolves each against
the publication date `dct` (news convention: deictic expressions such as "last week" or "Thursday"
are anchored to the publication date, the tense of the sentence choosing past or future) and, for
underspecified dates ("On August 22"), against the year the story is in: an adverbial full date
with its year ("on August 20, 2020,") anchors the month-days of the same paragraph that follow it.
`value_days(value)` gives the first and last day a value spans, `value_label(value, mod)` how a
reader sees it; `tag_for_score(text, dct)` feeds ../shared/timebench/score.py.

How it works: a set of compiled regular expressions (built once, at import) proposes candidate
spans; one pass over the text finds the words that can be part of an expression ("week", "ago",
month names, numbers...), and each rule's expression is tried only where one of its words is, at
the few places its match could start; the longest candidates that their resolver accepts win;
those are then resolved in text order, so that a resolved date becomes the reference for the
expressions after it ("a year earlier", "the next day", "On September 2"). No clock, no time
zone, no library: every value comes from `dct` and the text.

Conventions (TimeML, and TimeBank/AQUAINT where TimeML leaves a choice, see bench/results-dates.md):
spans keep prepositions out ("on Thursday" -> "Thursday") and determiners and "ago" in ("the
1990s", "last week", "a decade ago"); approximators ("about", "only") stay out but set `mod`;
"late October" is 2021-10 with mod END; "N years ago" is a year; a month-day or month without a
year is the nearest one to the publication date unless a tense cue right before it or a far
distance says otherwise; "last June" is the latest June before the month just gone; in earnings
news "a year earlier" is the reported quarter a year before (1988-Q3).

DOSSIER_DATES_DEBUG=1 in the environment makes a resolver's bug raise instead of dropping the timex.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import functools
import os
import re
from dataclasses import dataclass
from typing import Callable

from .patterns import alternation

_DEBUG = bool(os.environ.get("DOSSIER_DATES_DEBUG"))  # let a resolver's bug raise instead of dropping the timex

__all__ = ["Timex", "find_timexes", "value_days", "value_label", "tag_for_score"]


@dataclass(frozen=True)
class Timex:
    start: int  # character offsets into the text given
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, LESS_THAN, MORE_THAN, ...


# =============================================================================== vocabulary
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
              "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}  # monday = 0
WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                "sun": 6}
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ORD_ONES = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth"]
ORD_TENS = {"twentieth": 20, "thirtieth": 30}
ORDINALS = {w: i for i, w in enumerate(ORD_ONES) if i}
ORDINALS.update(ORD_TENS)
for _t, _v in (("twenty", 20), ("thirty", 30)):
    for _i in range(1, 10):
        ORDINALS[f"{_t}-{ORD_ONES[_i]}"] = _v + _i
        ORDINALS[f"{_t} {ORD_ONES[_i]}"] = _v + _i
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month (meteorological seasons)
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
VAGUE = {"several", "few", "a few", "many", "some", "couple", "numerous", "a number of", "countless",
         "dozens of", "hundreds of", "thousands of", "a couple of"}
UNITS = {  # unit word -> (ISO designator, multiplier, time part?)
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("M", 3, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "millennium": ("Y", 1000, False),
}
MOD_WORDS = {"early": "START", "earlier": None, "beginning": "START", "start": "START", "dawn": "START",
             "mid": "MID", "middle": "MID", "late": "END", "later": None, "end": "END", "close": "END",
             "turn": "END"}
APPROX_WORDS = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
                "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
                "under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
                "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "just over": "MORE_THAN",
                "just under": "LESS_THAN", "well over": "MORE_THAN", "barely": "LESS_THAN", "only": None,
                "just": None, "a little over": "MORE_THAN", "a little more than": "MORE_THAN"}


def _alt(words) -> str:
    return "|".join(sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True))


def _caps(words) -> str:
    """Capitalised or upper-case forms only: month and day names are proper nouns."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(w.upper())
    return _alt(forms)


def _ci(s: str) -> str:
    return f"(?i:{s})"


# =============================================================================== pattern pieces
B = r"(?<![\w$£€#@/])"  # a left edge: not inside a word, a number or an amount
E = r"(?![\w])"  # a right edge
MONTH_FULL = rf"(?:{_caps(MONTHS)})(?![a-zA-Z])"
MONTH_ABBR_RX = rf"(?:{_caps(MONTH_ABBR)})(?:\.|(?![a-zA-Z]))"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR_RX})"
WEEKDAY = rf"(?:{_caps(WEEKDAYS)})(?![a-zA-Z])"
WEEKDAY_ANY = rf"(?:{WEEKDAY}|(?:{_caps(WEEKDAY_ABBR)})\.)"
NUM_ONES = _alt(ONES[1:])
NUM_WORD = (rf"(?:(?:{_alt(TENS)})(?:[\s-]+(?:{_alt(ONES[1:10])}))?|{NUM_ONES}|a\s+hundred|one\s+hundred|"
            rf"a\s+dozen|dozen|a\s+couple\s+of|a\s+couple|couple\s+of|couple|half\s+a|half\s+an|a|an)")
NUM_VAGUE = r"(?:several|a\s+few|few|many|some|numerous|a\s+number\s+of|countless|dozens\s+of|hundreds\s+of)"
NUM_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
NUM_FRAC = r"(?:\s+and\s+(?:a\s+)?half|\s+and\s+(?:one|a)[\s-]+(?:half|quarter))"
NUM = _ci(rf"(?:{NUM_DIGITS}(?:\s+1/2)?|{NUM_WORD}{NUM_FRAC}?|{NUM_VAGUE})")
UNIT = _ci(r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|"
           r"centuries|century|millenni(?:um|a))")
UNIT_SG = _ci(r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|millennium)")
DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
DAY_WORD = _ci(_alt(ORDINALS))
DAY = rf"(?:{DAY_NUM}|{DAY_WORD})"
YEAR_DIGITS = r"(?<![\d.,])(?:1\d{3}|20\d{2}|21\d{2})(?![\d]|,\d|\.\d)"
SPOKEN_TAIL = rf"(?:(?:{_alt(TENS)})(?:[\s-]+(?:{_alt(ONES[1:10])}))?|{_alt(ONES[10:])}|oh[\s-]+(?:{_alt(ONES[1:10])}))"
SPOKEN_YEAR = _ci(rf"(?:(?:nineteen|eighteen|seventeen|sixteen|twenty)[\s-]+(?:hundred(?:\s+and)?\s+)?{SPOKEN_TAIL}"
                  rf"|two\s+thousand(?:\s+and)?[\s-]+(?:{_alt(ONES[1:])}))")
YEAR = rf"(?:{YEAR_DIGITS}|{SPOKEN_YEAR})"
APOS = r"['‘’`]"
PART_PRE = _ci(r"(?:(?:very\s+)?(?:early|late|mid(?:dle)?)(?:\s+|-)|mid|"
               r"(?:the\s+)?(?:beginning|start|end|middle|close|dawn|turn)\s+of\s+(?:the\s+)?)")
TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|MSK))?"


_SPACES = re.compile(r"\s+")


def _rx(p: str) -> re.Pattern:
    return re.compile(p)


# =============================================================================== numbers and values
def _num_value(s: str) -> float | None:
    """'three' -> 3, 'twenty-four' -> 24, '1,000' -> 1000, 'a couple of' -> 2, vague words -> None."""
    s = _SPACES.sub(" ", s.strip().lower())
    half = 0.0
    m = re.search(r" and (?:a |one )?half$| 1/2$", s)
    if m:
        half, s = 0.5, s[:m.start()]
    m = re.search(r" and (?:one|a)[ -]quarter$", s)
    if m:
        half, s = 0.25, s[:m.start()]
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        try:
            return float(s.replace(",", "")) + half
        except ValueError:
            return None
    if s in ("a", "an", "one"):
        return 1 + half
    if s in ("half a", "half an"):
        return 0.5
    if s in ("a couple of", "a couple", "couple of", "couple"):
        return 2
    if s in ("a dozen", "dozen"):
        return 12
    if s in ("a hundred", "one hundred"):
        return 100
    parts = re.split(r"[ -]+", s)
    total = 0
    for p in parts:
        if p in TENS:
            total += TENS[p]
        elif p in ONES:
            total += ONES.index(p)
        else:
            return None
    return total + half


def _spoken_year(s: str) -> int | None:
    s = re.sub(r"[\s-]+", " ", s.strip().lower()).replace(" and ", " ").replace(" hundred", "")
    words = s.split()
    if not words:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = _num_value(" ".join(words[2:])) if len(words) > 2 else 0
        return None if rest is None else 2000 + int(rest)
    cent = {"nineteen": 19, "eighteen": 18, "seventeen": 17, "sixteen": 16, "twenty": 20}.get(words[0])
    if cent is None:
        return None
    tail = words[1:]
    if tail and tail[0] == "oh":
        tail = tail[1:]
    v = _num_value(" ".join(tail)) if tail else 0
    return None if v is None else cent * 100 + int(v)


def _year_of(s: str) -> int | None:
    s = s.strip()
    if s.isdigit():
        return int(s)
    return _spoken_year(s)


def _day_of(s: str) -> int | None:
    s = s.strip().lower()
    m = re.match(r"(\d+)", s)
    if m:
        return int(m.group(1))
    return ORDINALS.get(_SPACES.sub(" ", s))


def _month_of(s: str) -> int | None:
    s = s.strip().rstrip(".").lower()
    return MONTHS.get(s) or MONTH_ABBR.get(s)


def _y(y: int) -> str:
    return f"{y:04d}"


def _fmt_day(d: _dt.date) -> str:
    return d.isoformat()  # (YYYY-MM-DD: a date's year is 1 to 9999, always four digits)


def _fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _fmt_week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{_y(y)}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _valid_year(y: int) -> bool:
    return 1 <= y <= 9999


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _shift_days(d: _dt.date, n: int) -> _dt.date | None:
    try:
        return d + _dt.timedelta(days=n)
    except OverflowError:
        return None


def _duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, 'year') -> P3Y, (24, 'hour') -> PT24H, vague -> PXY."""
    unit = _unit_key(unit)
    code, mult, timepart = UNITS[unit]
    pre = "PT" if timepart else "P"
    if n is None:
        return f"{pre}X{code}"
    n = n * mult
    if n != int(n):  # halves: express in the next smaller unit when it divides evenly
        smaller = {("Y", False): (12, "M", False), ("W", False): (7, "D", False), ("D", False): (24, "H", True),
                   ("H", True): (60, "M", True), ("M", True): (60, "S", True)}.get((code, timepart))
        if smaller and float(n * smaller[0]).is_integer():
            k, code, timepart = smaller
            n = n * k
            pre = "PT" if timepart else "P"
        else:
            return f"{pre}{n:g}{code}"
    return f"{pre}{int(n)}{code}"


def _unit_key(u: str) -> str:
    u = u.lower().strip()
    if u in ("centuries",):
        return "century"
    if u.startswith("millenni"):
        return "millennium"
    if u.endswith("s") and u[:-1] in UNITS:
        return u[:-1]
    return u


# =============================================================================== resolved references
@dataclass
class Ref:
    """A resolved point in time the narrative can lean on: granularity and first day."""

    gran: str  # day, week, month, quarter, half, season, year
    day: _dt.date
    pos: int
    explicit: bool  # the text itself gave the year (or derived from such a date)
    anchor: bool = False  # an adverbial full date ("on August 20, 2020,"): the story is then


_ADVERBIAL = re.compile(r"(?i:(?:\b(?:on|in|since|until|till|by|from|at|before|after|through|as\s+of|dated)\s+)$|"
                        r"(?:^|[.!?;:\n]\s*|,\s*)$)")


def _adverbial(doc, pos: int) -> bool:
    """Whether a date at `pos` sets the story's time (after a preposition or opening a sentence or
    clause) rather than naming something ("the Dec. 21, 1988, bombing")."""
    return _ADVERBIAL.search(doc.text[max(0, pos - 14):pos]) is not None


def _ref_value(r: Ref) -> str:
    d = r.day
    if r.gran == "day":
        return _fmt_day(d)
    if r.gran == "week":
        return _fmt_week(d)
    if r.gran == "month":
        return _fmt_month(d.year, d.month)
    if r.gran == "quarter":
        return f"{_y(d.year)}-Q{(d.month - 1) // 3 + 1}"
    if r.gran == "half":
        return f"{_y(d.year)}-H{(d.month - 1) // 6 + 1}"
    return _y(d.year)


# =============================================================================== context: sentences, tense
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "gov", "sen", "rep", "gen", "col",
           "lt", "sgt", "capt", "adm", "prof", "rev", "no", "vs", "u.s", "u.n", "u.k", "e.g", "i.e", "mt", "ft"}
_ABBREV |= set(MONTH_ABBR) | set(WEEKDAY_ABBR)
# Sentences end at [.!?]+[\"')\]”’]*\s+ or at a new line, but a full stop after an abbreviation or
# an initial ("Mr.", "U.S.", "J. R.") ends none: the word before it, its whole run of letters and
# dots, is tested by lookbehinds, grouped by their last letter so that a full stop after "said"
# costs a few character tests.
_INITIAL = r"[A-Za-z]\."


def _no_end() -> str:
    by_last: dict[str, list[str]] = {}
    for a in sorted(_ABBREV):
        by_last.setdefault(a[-1], []).append(rf"(?<=(?<![\w.])(?i:{re.escape(a)})\.)")
    groups = [rf"(?<=(?i:{re.escape(c)})\.)(?:{'|'.join(forms)})" for c, forms in sorted(by_last.items())]
    initials = "|".join(rf"(?<=(?<![\w.]){_INITIAL * k}[A-Za-z]\.)" for k in range(1, 6))
    return "|".join([r"(?<=(?<![\w.])[A-Za-z]\.)", rf"(?<=\.[A-Za-z]\.)(?:{initials})", *groups])


_NO_END = _no_end()
# (a character class first: the regex engine skips quickly to the next candidate)
_SENT_RX = re.compile(rf"[.!?\n](?:(?<=\n)|(?:(?:{_NO_END})(?P<no>))?[.!?]*[\"')\]”’]*\s+)")
_WORD_RX = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_FUTURE = {"will", "'ll", "shall", "wo", "going", "scheduled", "expects", "expect", "plans", "plan", "planning",
           "intends", "intend", "hopes", "would", "next", "upcoming", "coming", "tomorrow", "due", "to", "set",
           "should", "until", "till", "await", "awaits", "later"}
_PAST = {"said", "told", "was", "were", "had", "did", "ago", "yesterday", "last", "earlier", "made", "came", "went",
         "took", "gave", "got", "began", "became", "left", "met", "saw", "fell", "rose", "held", "won", "lost", "sold",
         "bought", "paid", "put", "cut", "hit", "led", "ran", "sent", "spent", "struck", "brought", "thought", "found",
         "kept", "knew", "built", "chose", "drove", "flew", "grew", "spoke", "stood", "wrote", "broke", "ended",
         "began", "stole", "shot", "killed", "died", "since", "slid", "sank", "spun", "swept", "sought", "taught",
         "heard", "meant", "felt", "dealt", "quit", "bid", "read", "hung", "wore", "ate", "drew", "forgot", "froze",
         "hid", "lay", "rang", "rode", "shook", "sang", "sat", "slept", "swam", "threw", "woke", "previously",
         "recently", "former", "been"}
_NOT_PAST_ED = {"need", "indeed", "hundred", "speed", "seed", "feed", "breed", "proceed", "exceed", "succeed", "red",
                "bed", "shed", "fed", "united", "limited", "scheduled", "expected", "planned", "proposed", "embed",
                "related", "based", "detailed", "advanced", "interested", "concerned", "supposed", "used", "need",
                "weed", "steed", "greed", "creed", "deed", "heed", "reed", "sled", "wed", "led", "bred", "sped",
                "renewed", "continued", "intended", "designed", "aimed", "slated", "prepared", "required",
                "anticipated", "projected", "forecasted", "estimated", "unexpected", "unidentified", "unnamed",
                "undisclosed", "added", "titled", "entitled", "owned", "called", "named", "armed", "allied",
                "combined", "reported", "increased", "reduced", "improved", "extended", "revised", "adjusted",
                "restated", "diluted", "unchanged", "mixed", "fixed", "listed", "traded", "priced", "rated"}
_FUT_ED = {"scheduled", "planned", "expected", "slated", "intended", "set", "due", "designed", "aimed", "prepared",
           "anticipated", "projected", "forecasted", "estimated"}


class Doc:
    def __init__(self, text: str, dct: _dt.date):
        self.text = text
        self.dct = dct
        self._sent = None
        self.refs: list[Ref] = []
        self._ref_pos: list[int] = []

    def add_ref(self, r: Ref) -> None:
        i = bisect.bisect_right(self._ref_pos, r.pos)
        self._ref_pos.insert(i, r.pos)
        self.refs.insert(i, r)

    def _bounds(self):
        if self._sent is None:
            self._sent = [0] + [m.end() for m in _SENT_RX.finditer(self.text) if m.lastgroup is None]
        return self._sent

    def sentence(self, pos: int) -> tuple[int, int]:
        b = self._bounds()
        i = bisect.bisect_right(b, pos) - 1
        start = b[max(i, 0)]
        end = b[i + 1] if i + 1 < len(b) else len(self.text)
        return start, end

    def paragraph(self, pos: int) -> tuple[int, int]:
        s = self.text.rfind("\n", 0, pos) + 1
        e = self.text.find("\n", pos)
        return s, (len(self.text) if e < 0 else e)

    def tense(self, start: int, end: int) -> str | None:
        """'PAST' or 'FUTURE' from the tense cue nearest the expression in its sentence (preceding
        cues first), or None when the sentence gives none."""
        return self.tense_near(start, end)[0]

    def tense_near(self, start: int, end: int) -> tuple[str | None, bool]:
        """The tense and whether its cue governs the expression closely (the word before it, or
        before its preposition: "is set for Oct. 30", "was founded on July 4")."""
        ss, se = self.sentence(start)
        ss = max(ss, start - 300)
        se = min(se, end + 300)
        text = self.text
        before = _WORD_RX.findall(text, ss, start)  # the words before the expression, nearest last
        k = len(before)
        for i in range(k - 1, -1, -1):
            t = _cue(before[i].lower(), before[i - 1].lower() if i else "")
            if t:
                return t, i == k - 1 or (i == k - 2 and before[k - 1].lower() in _CLOSE_PREP)
        inside = _WORD_RX.findall(text, start, min(end, se))
        prev = inside[-1] if inside else before[-1] if before else ""
        for w in _WORD_RX.findall(text, end, se)[:8]:  # then the few after it
            t = _cue(w.lower(), prev.lower())
            if t:
                return t, False
            prev = w
        return None, False

    # ------------------------------------------------------------------ narrative references
    def narrative(self, pos: int, window: int = 400) -> Ref | None:
        """The story's own date: the latest explicit full date (day, month and year written out, or
        resolved from one) before `pos`, in the same paragraph or within `window` characters, when
        its year is not the publication year. "On August 20, 2020 ... On August 22" -> 2020."""
        ps, _ = self.paragraph(pos)
        for r in reversed(self.refs):
            if r.pos >= pos:
                continue
            if r.pos < ps and pos - r.pos > window:
                return None
            if r.explicit and r.gran == "day":
                return r if r.day.year != self.dct.year and r.anchor else None
        return None

    def sentence_year(self, pos: int, near: int = 60) -> Ref | None:
        """An explicit date earlier in the same sentence: a full date or month anywhere before, a bare
        year only close before ("In 1995 the firm moved; in June ...")."""
        ss, _ = self.sentence(pos)
        for r in reversed(self.refs):
            if r.pos >= pos:
                continue
            if r.pos < ss:
                return None
            if r.explicit and (r.gran in ("day", "month") or pos - r.pos <= near):
                return r
        return None

    def last_ref(self, pos: int, window: int = 600) -> Ref | None:
        ps, _ = self.paragraph(pos)
        for r in reversed(self.refs):
            if r.pos >= pos:
                continue
            if r.pos < ps and pos - r.pos > window:
                return None
            return r
        return None

    def quarter_context(self, pos: int, window: int = 1200, reported: bool = False) -> Ref | None:
        """The quarter or half the text was last about (earnings news: "net income in the third
        quarter rose ... from $4 million a year earlier"), if one was named in the last `window` chars.
        `reported`: only one already begun by the publication date (a comparison "a year earlier"
        is with results, not with a forecast for "the third quarter of 1990")."""
        for r in reversed(self.refs):
            if r.pos >= pos:
                continue
            if pos - r.pos > window:
                return None
            if r.gran in ("quarter", "half"):
                if reported:
                    ey, em = _add_months(r.day.year, r.day.month, 3 if r.gran == "quarter" else 6)
                    if (ey, em) > (self.dct.year, self.dct.month):
                        continue  # not over by the publication date: a forecast
                return r
        return None


_CLOSE_PREP = {"on", "in", "for", "at", "by", "until", "till", "since", "from", "during"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "this", "that", "those", "these", "our", "my", "your",
                "be", "date", "day", "mid", "early", "late", "end", "around", "about"}


def _cue(w: str, prev: str) -> str | None:
    """The tense a word (lower case) points to, given the word before it."""
    if w in ("will", "shall", "'ll", "wo", "would"):
        return "FUTURE"
    if w in ("expects", "expect", "plans", "intends", "hopes", "upcoming", "tomorrow", "next", "coming", "until",
             "till", "awaits", "await", "planning", "preparing", "hoping", "intending", "expecting", "aims",
             "aiming", "scheduling"):
        return "FUTURE"
    if w in _FUT_ED:
        if prev in ("has", "have", "had", "was", "were", "been"):
            return "PAST"
        return "FUTURE"
    if w == "to":
        if prev in ("going", "is", "are", "am", "due", "set", "was", "were", "agreed", "decided", "plan", "plans",
                    "planned", "expected", "scheduled", "likely", "ready", "hoped", "promised", "vowed", "pledged"):
            return "FUTURE"
        return None
    if w in _PAST:
        if prev in ("be", "being", "is", "are", "am", "get", "gets", "will", "would") and w not in (
                "was", "were", "had", "did", "ago", "yesterday", "last", "earlier", "since", "previously",
                "recently", "former"):
            return None  # "will be paid", "is heard": a passive, the auxiliary decides
        return "PAST"
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED:
        if prev in ("be", "being", "to", "is", "are", "am", "get", "gets", "will", "would"):
            return None  # a passive or infinitive: the auxiliary decides
        return "PAST"
    return None


# =============================================================================== resolution helpers
def _season_of(d: _dt.date) -> tuple[int, str]:
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


_SEASON_ORDER = ["SP", "SU", "FA", "WI"]


def _season_index(y: int, s: str) -> int:
    return y * 4 + _SEASON_ORDER.index(s)


def _pick_year(candidates_for: Callable[[int], _dt.date | None], anchor: _dt.date, tense: str | None,
               nearest_only: bool = False, far: int = 90) -> _dt.date | None:
    """Choose among the anchor's year and its neighbours: the nearest to the anchor, unless the tense
    says otherwise and the nearest is more than `far` days away on the wrong side (news dates
    cluster around the publication date; a verb's tense often belongs to another event)."""
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if _valid_year(y):
            d = candidates_for(y)
            if d is not None:
                cands.append(d)
    if not cands:
        return None
    best = min(cands, key=lambda d: (abs((d - anchor).days), d > anchor))
    if nearest_only or abs((best - anchor).days) <= far:
        return best
    if tense == "PAST" and best > anchor:
        past = [d for d in cands if d <= anchor]
        if past:
            return max(past)
    if tense == "FUTURE" and best < anchor:
        fut = [d for d in cands if d >= anchor]
        if fut:
            return min(fut)
    return best


# =============================================================================== rules
# Each rule: (name, compiled regex, resolver). A resolver gets (doc, match) and returns
# (type, value, mod, span-adjustment) or None to reject the candidate.

RULES: list[tuple[str, re.Pattern, Callable]] = []


def rule(name: str, pattern: str):
    rx = _rx(pattern)

    def deco(fn):
        RULES.append((name, rx, fn))
        return fn

    return deco


# each mod word as a whole word or opening the part ("mid-"), in MOD_WORDS order: compiled once
_MOD_RX = [(re.compile(rf"\b{w}\b|^{w}-?"), mod) for w, mod in MOD_WORDS.items()]


def _mod_of(part: str | None) -> str | None:
    if not part:
        return None
    p = part.lower()
    for rx, mod in _MOD_RX:
        if rx.search(p):
            return mod
    return None


def _approx_mod(s: str | None) -> str | None:
    if not s:
        return None
    return APPROX_WORDS.get(_SPACES.sub(" ", s.strip().lower()))


def _underspecified_day(doc: Doc, pos: int, end: int, month: int, day: int) -> tuple[_dt.date | None, bool]:
    """Year for a month-day without one: the sentence's year, the story's, else the DCT's."""
    ref = doc.sentence_year(pos)
    if ref is not None:
        if ref.gran == "year":
            return _safe_date(ref.day.year, month, day), True
        return _pick_year(lambda y: _safe_date(y, month, day), ref.day, None, nearest_only=True), True
    ref = doc.narrative(pos)
    if ref is not None:
        d = _pick_year(lambda y: _safe_date(y, month, day), ref.day, None, nearest_only=True)
        if d is not None and abs((d - ref.day).days) <= 120:
            return d, True
    tense, close = doc.tense_near(pos, end)
    return _pick_year(lambda y: _safe_date(y, month, day), doc.dct, tense, far=14 if close else 90), False


def _underspecified_month(doc: Doc, pos: int, end: int, month: int) -> tuple[int | None, bool]:
    ref = doc.sentence_year(pos)
    if ref is not None and ref.gran == "year":
        return ref.day.year, True
    if ref is None:
        ref = doc.narrative(pos)
        if ref is not None:
            d = _pick_year(lambda y: _safe_date(y, month, 1), _dt.date(ref.day.year, ref.day.month, 1), None, True)
            if d is None or abs((d - ref.day).days) > 120:
                ref = None
    if ref is not None:
        d = _pick_year(lambda y: _safe_date(y, month, 1), _dt.date(ref.day.year, ref.day.month, 1), None, True)
        return (d.year if d else None), True
    anchor = _dt.date(doc.dct.year, doc.dct.month, 1)
    tense, close = doc.tense_near(pos, end)
    d = _pick_year(lambda y: _safe_date(y, month, 1), anchor, tense, far=31 if close else 75)
    return (d.year if d else None), False


# ---------------------------------------------------------------- explicit and underspecified dates
MDY = (rf"{B}(?P<weekof>(?i:the\s+week\s+of)\s+)?(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAY})"
       rf"(?:(?:,\s*|\s+)(?P<year>{YEAR}))?(?![\w]|:\d)")


@rule("mdy", MDY)
def _r_mdy(doc, m):
    month, day = _month_of(m["mon"]), _day_of(m["day"])
    if not month or not day or day > 31:
        return None
    if m["year"]:
        y = _year_of(m["year"])
        d = _safe_date(y, month, day) if y else None
        if d is None:
            return None
        doc.add_ref(Ref("day", d, m.start(), True, _adverbial(doc, m.start())))
        return "DATE", (_fmt_week(d) if m.groupdict().get("weekof") else _fmt_day(d)), None
    if m["mon"][:3].lower() == "may" and not re.match(r"\d", m["day"]):  # "May first" is rarely a date
        return None
    d, explicit = _underspecified_day(doc, m.start(), m.end(), month, day)
    if d is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    doc.add_ref(Ref("day", d, m.start(), explicit, explicit and _adverbial(doc, m.start())))
    return "DATE", (_fmt_week(d) if m.groupdict().get("weekof") else _fmt_day(d)), None


DMY = (rf"{B}(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?:(?P<the>the)\s+)?(?P<day>{DAY_NUM}|{DAY_WORD})(?:\s+of)?\s+"
       rf"(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?(?![\w:])")


@rule("dmy", DMY)
def _r_dmy(doc, m):
    if m["the"] is None and not re.match(r"\d", m["day"]):
        return None  # "second December ..." without "the": an ordinal, not a date
    if m["the"] is None and m["mon"][:3].lower() == "may" and not m["year"]:
        return None  # "5 May" fine with a year; "the 5 may ..." is odd either way
    return _r_mdy(doc, m)


@rule("iso", r"(?<![\w\-/.])(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d\-/])")
def _r_iso(doc, m):
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    doc.add_ref(Ref("day", d, m.start(), True))
    return "DATE", _fmt_day(d), None


@rule("slash", r"(?<![\w/.\-])(?P<a>[01]?\d|[23][01]?)/(?P<b>[0-3]?\d)/(?P<y>(?:1[89]|20)\d\d|\d\d)(?![\w/])")
def _r_slash(doc, m):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if len(m["y"]) == 2:
        y += 1900 if y > (doc.dct.year % 100) + 10 else 2000
    month, day = (a, b) if a <= 12 else (b, a)
    d = _safe_date(y, month, day)
    if d is None:
        return None
    doc.add_ref(Ref("day", d, m.start(), True))
    return "DATE", _fmt_day(d), None


@rule("month_year", rf"{B}(?P<part>{PART_PRE})?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?)(?P<year>{YEAR})(?![\w])")
def _r_month_year(doc, m):
    month, y = _month_of(m["mon"]), _year_of(m["year"])
    if not month or not y or not _valid_year(y):
        return None
    doc.add_ref(Ref("month", _dt.date(y, month, 1), m.start(), True))
    return "DATE", _fmt_month(y, month), _mod_of(m["part"])


_PREP_BEFORE_MONTH = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|to|through|during|last|next|this|early|late|mid|of|before|after|"
    r"between|and|or|until|end|beginning|start|middle|this\s+past|past|coming|month\s+of)\s*-?\s*)$")


@rule("month", rf"{B}(?P<rel>(?i:(?:last|next|this|this\s+past|this\s+coming|the\s+coming|the\s+past))\s+)?"
               rf"(?P<part>{PART_PRE})?(?P<mon>{MONTH_FULL}|{_caps(['sept'])}\.)"
               rf"(?P<rel2>\s+(?:(?i:last|next|this))\s+year)?(?![\w])")
def _r_month(doc, m):
    month = _month_of(m["mon"])
    if not month:
        return None
    text = doc.text
    before = text[max(0, m.start() - 25):m.start()]
    after = text[m.end():m.end() + 20]
    if not (m["rel"] or m["part"] or m["rel2"]):
        # bare month name: not a person ("June Carter", "Theresa May"), not the verb "may"/"march"
        if re.match(r"\s+[A-Z][a-z]", after) or re.search(r"[A-Z][a-z]+\s+$", before):
            if not _PREP_BEFORE_MONTH.search(before):
                return None
        if m["mon"] in ("May", "MAY", "March", "MARCH") and not _PREP_BEFORE_MONTH.search(before):
            return None
        if re.match(r"\s*\d", after):
            return None  # a day or year follows: another rule's
    rel = (m["rel"] or "").strip().lower()
    rel2 = (m["rel2"] or "").strip().lower()
    dct = doc.dct
    if rel2:
        y = dct.year + (-1 if "last" in rel2 else 1 if "next" in rel2 else 0)
        explicit = False
    elif rel in ("last", "the past"):
        # the latest one before this month, but not the month just gone (that is "last month"):
        # "last June" in October is this year's, "last February" in March the year before's
        y = dct.year if month < dct.month - 1 else dct.year - 1
        explicit = False
    elif rel == "this past":
        y = dct.year if month < dct.month else dct.year - 1
        explicit = False
    elif rel in ("next", "this coming", "the coming"):
        y = dct.year if month > dct.month else dct.year + 1
        explicit = False
    elif rel == "this":
        y, explicit = dct.year, False
    else:
        y, explicit = _underspecified_month(doc, m.start(), m.end(), month)
    span = (m.start(), m.end("mon")) if m["rel2"] else None  # TimeBank: "February [this year]"
    if y is None or not _valid_year(y):
        return "DATE", f"XXXX-{month:02d}", _mod_of(m["part"]), span
    doc.add_ref(Ref("month", _dt.date(y, month, 1), m.start(), explicit))
    return "DATE", _fmt_month(y, month), _mod_of(m["part"]), span


# ---------------------------------------------------------------- years, decades, centuries
_QUANTITY_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|people|persons|workers|troops|soldiers|employees|members|residents|students|"
    r"cars|vehicles|units|shares|tons|tonnes|barrels|meters|metres|feet|miles|kilometers|kilometres|km|points|"
    r"votes|jobs|homes|houses|pages|rooms|acres|hectares|pounds|kilograms|kg|times|copies|words|calories|dollars|"
    r"yuan|euros|yen|rubles|roubles|deaths|cases|patients|children|women|men|families|prisoners|refugees|"
    r"civilians|officers|police|policemen|delegates|participants|visitors|tourists|flights|planes|ships|"
    r"tanks|missiles|rockets|guns|weapons|firms|companies|stores|sites|beds|doses|hours|minutes|seconds|"
    r"days|weeks|months|years|[a-z]+-(?:year|month|week|day)s?\b|-[a-z]+\s+(?:people|workers))\b", re.I)
_QUANTITY_BEFORE = re.compile(r"(?i:\b(?:about|some|nearly|almost|approximately|roughly|around|over|than|least|"
                              r"up\s+to|only|just|total\s+of|estimated|of|at|No\.?|number|page|pages|p\.|"
                              r"route|highway|flight|room|area|code|model|version|plus|minus|times|ID)\s*)$")
_YEAR_PREP = re.compile(r"(?i:\b(?:in|since|until|till|by|from|to|through|during|before|after|between|and|"
                        r"or|of|early|late|mid|fiscal|year|around|circa|c\.|the|'s|for)\s*-?\s*)$")


@rule("year", rf"{B}(?P<part>{PART_PRE})?(?P<fiscal>(?i:(?:fiscal|calendar|(?:the\s+)?year|(?:the\s+)?fiscal\s+year|(?:the\s+)?calendar\s+year))\s+)?"
              rf"(?P<year>{YEAR_DIGITS}|{SPOKEN_YEAR}|(?i:two\s+thousand))(?!{APOS}?s\b|-\d|\d)")
def _r_year(doc, m):
    y = _year_of(m["year"])
    if y is None:
        return None
    text = doc.text
    before = text[max(0, m.start() - 20):m.start()]
    after = text[m.end():m.end() + 20]
    spoken = not m["year"][:1].isdigit()
    if spoken and m["year"].lower().startswith("two thousand") and not (m["fiscal"] or _YEAR_PREP.search(before)):
        return None
    if not (m["part"] or m["fiscal"]):
        if _QUANTITY_AFTER.match(after):
            return None
        if _QUANTITY_BEFORE.search(before) and not _YEAR_PREP.search(before[-6:]):
            return None
        if re.match(r"\s*(?:[-–]\s*)?\d", after) or re.search(r"\d[\s,]*$", before):
            return None  # a range of numbers or a table row
        if y < 1500 and not _YEAR_PREP.search(before):
            return None
        w = re.search(r"(?<![.!?]\s)\b([A-Z][A-Za-z]+)\s+$", before)
        if w and not spoken and not _YEAR_PREP.search(before) and w.group(1).lower() not in MONTHS and w.group(1).lower() not in SEASONS:
            return None  # "Orion 1980", "Windows 2000": a name
        if y > doc.dct.year + 150 and not _YEAR_PREP.search(before):
            return None
    if not _valid_year(y):
        return None
    doc.add_ref(Ref("year", _dt.date(y, 1, 1), m.start(), True))
    return "DATE", _y(y), _mod_of(m["part"])


@rule("decade", rf"{B}(?P<the>(?i:the)\s+)?(?P<part>(?i:(?:very\s+)?(?:early|late|mid(?:dle)?)(?:\s+|-)|mid|(?:beginning|start|end|middle|close|turn)\s+of\s+the\s+))?"
                rf"(?:(?P<dec>(?:1\d|20|21)\d0){APOS}?s|{APOS}(?P<short>\d0){APOS}?s|(?P<word>{_ci(_alt(DECADE_WORDS))}))(?![\w])")
def _r_decade(doc, m):
    if m["word"] and not m["the"]:
        return None  # "in his sixties" is an age
    if m["dec"]:
        d = int(m["dec"])
        if d % 100 == 0 and d != 2000:
            return "DATE", f"{d // 100:02d}", _mod_of(m["part"])  # "the 1800s": the century
        y0 = d
    else:
        tens = int(m["short"]) // 10 if m["short"] else DECADE_WORDS[m["word"].lower()]
        cur = doc.dct.year
        y0 = (cur // 100) * 100 + tens * 10
        if y0 > cur:
            y0 -= 100
    return "DATE", f"{y0 // 10:03d}X", _mod_of(m["part"])


CENT_ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|" + _ci(_alt([w for w in ORDINALS if " " not in w])) + ")"


@rule("century", rf"{B}(?:(?P<the>(?i:the))\s+)?(?P<part>(?i:(?:early|late|mid(?:dle)?)(?:\s+|-)|mid-|(?:beginning|start|end|middle|turn|dawn)\s+of\s+the\s+))?"
                 rf"(?P<ord>{CENT_ORD}|(?i:this|last|next|past|previous|current))[\s-]+(?i:century)(?![\w-])")
def _r_century(doc, m):
    o = m["ord"].lower()
    if o == "past" and m["the"] and not m["part"]:
        return "DURATION", "P100Y", None  # "the past century": the last hundred years
    cur = (doc.dct.year - 1) // 100 + 1  # 2021 is in the 21st century
    if o in ("this", "current"):
        n = cur
    elif o in ("last", "past", "previous"):
        n = cur - 1
    elif o == "next":
        n = cur + 1
    else:
        n = int(re.match(r"\d+", o).group()) if o[0].isdigit() else ORDINALS.get(o.replace("-", " "), ORDINALS.get(o))
    if not n or n < 1 or n > 99:
        return None
    return "DATE", f"{n - 1:02d}", _mod_of(m["part"])


# ---------------------------------------------------------------- quarters, halves, seasons
QORD = _ci(r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)")
_QN = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4,
       "last": 4}
YEAR_TAIL = rf"(?:\s+of\s+(?P<yr>{YEAR_DIGITS}|(?i:(?:this|last|next|the\s+(?:current|previous|following|same)|that)\s+(?:fiscal\s+)?year)|(?i:fiscal)\s+{YEAR_DIGITS}))"


def _year_phrase(doc: Doc, s: str | None, pos: int) -> int | None:
    if not s:
        return None
    s = s.lower()
    m = re.search(r"\d{4}", s)
    if m:
        return int(m.group())
    if "last" in s or "previous" in s:
        return doc.dct.year - 1
    if "next" in s or "following" in s:
        return doc.dct.year + 1
    if "that" in s or "same" in s:
        r = doc.last_ref(pos)
        return r.day.year if r else doc.dct.year
    return doc.dct.year


def _period_year(doc: Doc, pos: int, end: int, idx: int, cur_idx: int, per_year: int) -> int:
    """Year of a quarter/half given without one: the sentence's or the story's year, else the
    current or last completed one, unless the sentence looks ahead to a later one."""
    ref = doc.sentence_year(pos)
    if ref is not None:
        return ref.day.year
    y = doc.dct.year
    back = (cur_idx - idx) % per_year
    if back == 0:
        return y
    if back <= max(1, per_year // 4) or doc.tense(pos, end) != "FUTURE":
        return y if idx < cur_idx else y - 1
    return y if idx > cur_idx else y + 1


@rule("quarter", rf"{B}(?P<the>(?i:the)\s+)?(?:(?P<yr0>{YEAR_DIGITS}){APOS}?s?\s+|(?i:(?:next|last|this)\s+year){APOS}s\s+)?"
                 rf"(?:(?P<fisc>(?i:fiscal|calendar))[\s-]+)?(?P<q>{QORD})[\s-]+(?:(?i:fiscal)\s+)?(?P<qw>(?i:quarter))(?![\w])(?!-[a-z]+\s+(?:of|in)\b){YEAR_TAIL}?")
def _r_quarter(doc, m):
    q = _QN[m["q"].lower()]
    if m["q"].lower() in ("final", "last") and not (m["yr"] or m["yr0"]):
        return None  # "last quarter" is relative: the_quarter's
    y = _year_phrase(doc, m["yr"], m.start()) if m["yr"] else (int(m["yr0"]) if m["yr0"] else None)
    if y is None and re.search(r"(?i:next\s+year's\s*)$", m.group()):
        y = doc.dct.year + 1
    if y is None:
        head = m.group().lower()
        if "next year" in head:
            y = doc.dct.year + 1
        elif "last year" in head:
            y = doc.dct.year - 1
        elif "this year" in head:
            y = doc.dct.year
    explicit = y is not None
    if y is None:
        y = _period_year(doc, m.start(), m.end(), q, (doc.dct.month - 1) // 3 + 1, 4)
    span = None
    hyph = doc.text[m.start("q"):m.end("qw")]
    if m["the"] and "-" in hyph and not m["yr"]:
        span = (m.start("q") if not m["fisc"] else m.start("fisc"), m.end())  # "the third-quarter loss"
    if not _valid_year(y):
        return None
    doc.add_ref(Ref("quarter", _dt.date(y, 3 * q - 2, 1), m.start(), explicit))
    return "DATE", f"{_y(y)}-Q{q}", None, span


@rule("qn", rf"(?<![\w])(?P<q>Q[1-4]|[1-4]Q)(?:\s*(?P<y>{YEAR_DIGITS})|\s*{APOS}(?P<yy>\d\d))?(?![\w])")
def _r_qn(doc, m):
    q = int(re.search(r"\d", m["q"]).group())
    if m["y"]:
        y, explicit = int(m["y"]), True
    elif m["yy"]:
        yy = int(m["yy"])
        y, explicit = (1900 + yy if yy > doc.dct.year % 100 + 10 else 2000 + yy), True
    else:
        y, explicit = _period_year(doc, m.start(), m.end(), q, (doc.dct.month - 1) // 3 + 1, 4), False
    doc.add_ref(Ref("quarter", _dt.date(y, 3 * q - 2, 1), m.start(), explicit))
    return "DATE", f"{_y(y)}-Q{q}", None


@rule("half", rf"{B}(?P<the>(?i:the)\s+)?(?:(?P<fisc>(?i:fiscal|calendar))[\s-]+)?(?P<h>(?i:first|second|1st|2nd|latter))[\s-]+(?i:half)(?![\w])(?!\s+(?:of\s+)?(?:an?|the)\s)(?!\s+of\s+(?!\d{{4}}|this|last|next)){YEAR_TAIL}?")
def _r_half(doc, m):
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    after = doc.text[m.end():m.end() + 30]
    if not m["yr"] and re.match(r"\s*(?:of\s+)?(?:the\s+)?(?:century|decade|game|match|season|month|\d|[A-Z])", after):
        return None
    y = _year_phrase(doc, m["yr"], m.start()) if m["yr"] else None
    explicit = y is not None
    if y is None:
        qc = doc.sentence_year(m.start())
        y = qc.day.year if qc else _period_year(doc, m.start(), m.end(), h, (doc.dct.month - 1) // 6 + 1, 2)
    span = None
    if m["the"] and "-" in doc.text[m.start("h"):m.end("h") + 6] and not m["yr"]:
        span = (m.start("fisc") if m["fisc"] else m.start("h"), m.end())
    doc.add_ref(Ref("half", _dt.date(y, 6 * h - 5, 1), m.start(), explicit))
    return "DATE", f"{_y(y)}-H{h}", None, span


_QREL = _ci(r"(?:the\s+)?(?:latest|current|most\s+recent|recent|same|comparable|previous|prior|preceding|"
            r"year-(?:ago|earlier)|year\s+ago|year\s+earlier|year-before|fiscal)(?:\s+(?:fiscal|third|second|first|fourth))?")


@rule("the_quarter", rf"{B}(?P<det>(?i:the|this|last|next|that|the\s+same|the\s+latest|the\s+current|the\s+most\s+recent|the\s+previous|the\s+prior|the\s+preceding|the\s+comparable|the\s+year[- ](?:ago|earlier)(?:\s+(?:fiscal|calendar))?|the\s+comparable\s+year[- ](?:ago|earlier)|the\s+year\s+(?:ago|earlier)|year[- ](?:ago|earlier)))"
                     rf"(?:\s+(?P<q>{QORD}))?\s+(?i:(?P<unit>quarter|period))(?![\w])(?!-)")
def _r_the_quarter(doc, m):
    det = _SPACES.sub(" ", m["det"].lower())
    unit = m["unit"].lower()
    qc = doc.quarter_context(m.start(), reported="year" in det)
    dq = (doc.dct.month - 1) // 3 + 1
    dy = doc.dct.year
    if unit == "period" and (qc is None or qc.gran != "quarter"):
        if "year" in det and ("ago" in det or "earlier" in det):
            if qc is not None:
                return "DATE", f"{_y(qc.day.year - 1)}-H{(qc.day.month - 1) // 6 + 1}", None
            return "DATE", _y(dy - 1), None  # "the year-ago period": the year before
        return None
    if unit == "period" and det in ("the", "this", "that"):
        return None
    ended = re.match(rf"\s+(?:ended|ending|that\s+ended|which\s+ended)\s+(?P<mon>{MONTH})\s*(?P<day>\d{{1,2}})\b",
                     doc.text[m.end():m.end() + 40])
    if ended and not m["q"] and "year" not in det and det in ("the", "the latest", "the same", "that", "the most recent"):
        # "the quarter ended Sept. 30": the quarter that date closes
        em = _month_of(ended["mon"])
        if em:
            q = (em - 1) // 3 + 1
            d = _pick_year(lambda y: _safe_date(y, em, 1), _dt.date(dy, doc.dct.month, 1), "PAST")
            if d is not None:
                doc.add_ref(Ref("quarter", _dt.date(d.year, 3 * q - 2, 1), m.start(), False))
                return "DATE", f"{_y(d.year)}-Q{q}", None
    if m["q"]:
        q = _QN[m["q"].lower()]
        base_year = qc.day.year if qc else _period_year(doc, m.start(), m.end(), q, dq, 4)
    elif det in ("this", "the current"):
        q, base_year = dq, dy
    elif qc is not None:
        q, base_year = (qc.day.month - 1) // 3 + 1, qc.day.year
    elif det in ("next",):
        base_year, q = _add_months(dy, 3 * dq - 2, 3)
        q = (q - 1) // 3 + 1
    else:  # "the quarter", "last quarter", "the latest quarter": the last one completed
        base_year, q = _add_months(dy, 3 * dq - 2, -3)
        q = (q - 1) // 3 + 1
    if "year" in det and ("ago" in det or "earlier" in det or "before" in det):
        base_year -= 1
    elif det in ("last", "the previous", "the prior", "the preceding") and qc is not None and not m["q"]:
        base_year, mm = _add_months(base_year, 3 * q - 2, -3)
        q = (mm - 1) // 3 + 1
    elif det == "next" and qc is not None and not m["q"]:
        base_year, mm = _add_months(base_year, 3 * q - 2, 3)
        q = (mm - 1) // 3 + 1
    if not _valid_year(base_year):
        return None
    if "year" not in det:
        doc.add_ref(Ref("quarter", _dt.date(base_year, 3 * q - 2, 1), m.start(), False))
    return "DATE", f"{_y(base_year)}-Q{q}", None


SEASON = _ci(_alt(SEASONS))


@rule("season", rf"{B}(?P<rel>(?i:(?:this|last|next|this\s+past|this\s+coming|the\s+coming|the\s+past|the|that|past|coming|early|late|mid|the\s+early|the\s+late|the\s+middle\s+of\s+the|the\s+end\s+of\s+the|the\s+beginning\s+of\s+the))[\s-]+)?"
                rf"(?P<s>{SEASON})(?:(?:\s+of)?\s+(?P<year>{YEAR}))?(?![\w])")
def _r_season(doc, m):
    s = SEASONS[m["s"].lower()]
    rel = _SPACES.sub(" ", (m["rel"] or "").strip().lower())
    after = doc.text[m.end():m.end() + 15]
    mod = _mod_of(rel) if any(w in rel for w in ("early", "late", "mid", "middle", "end", "beginning")) else None
    if m["year"]:
        y = _year_of(m["year"])
        if not y or not _valid_year(y):
            return None
        doc.add_ref(Ref("season", _dt.date(y, SEASON_MONTH[s], 1), m.start(), True))
        return "DATE", f"{_y(y)}-{s}", mod
    if not rel:
        if m["s"].lower() == "fall" or m["s"][0].isupper():
            return None  # "fall" is a verb; "Spring" a name
        if not re.search(r"(?i:\b(?:in|during|by|until|since|through|over|each|every)\s+)$",
                         doc.text[max(0, m.start() - 12):m.start()]):
            return None
    if rel in ("the", "that") and re.match(r"\s+of\s+(?!\d)", after):
        return None  # "the fall of the Berlin wall"
    if rel in ("the", "that") and m["s"].lower() == "fall":
        return None
    cy, cs = _season_of(doc.dct)
    cur = _season_index(cy, cs)
    target = SEASON_MONTH[s]
    idx = _SEASON_ORDER.index(s)
    # candidate seasons s in years cy-1..cy+1 as indexes
    cands = [(yy * 4 + idx, yy) for yy in (cy - 1, cy, cy + 1)]
    if rel in ("last", "the past", "past"):
        pick = max(c for c in cands if c[0] < cur - 1)  # as for months: not the season just gone
    elif rel == "this past":
        pick = max(c for c in cands if c[0] < cur)
    elif rel in ("next", "this coming", "the coming", "coming"):
        pick = min(c for c in cands if c[0] > cur)
    elif rel == "this":
        # "this summer" in spring is the coming one, in autumn the one just gone
        pick = min(cands, key=lambda c: (abs(c[0] - cur), c[0] < cur))
    else:
        ref = doc.sentence_year(m.start()) or doc.narrative(m.start())
        if ref is not None:
            return_year = ref.day.year
            doc.add_ref(Ref("season", _dt.date(return_year, target, 1), m.start(), True))
            return "DATE", f"{_y(return_year)}-{s}", mod
        tense = doc.tense(m.start(), m.end())
        if tense == "PAST":
            pick = max(c for c in cands if c[0] <= cur)
        elif tense == "FUTURE":
            pick = min(c for c in cands if c[0] >= cur)
        else:
            pick = min(cands, key=lambda c: (abs(c[0] - cur), c[0] > cur))
    y = pick[1]
    if not _valid_year(y):
        return None
    doc.add_ref(Ref("season", _dt.date(y, target, 1), m.start(), False))
    return "DATE", f"{_y(y)}-{s}", mod


# ---------------------------------------------------------------- weekdays and deictic days
DAYPART = _ci(r"(?:morning|afternoon|evening|night|overnight)")
_PART_CODE = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI",
              "tonight": "TNI"}


def _weekday_date(doc: Doc, wd: int, rel: str, pos: int, end: int) -> _dt.date | None:
    anchor = doc.dct
    ref = doc.sentence_year(pos)
    if ref is not None and ref.gran == "day" and abs((ref.day - doc.dct).days) > 14:
        anchor = ref.day  # a narrative far from the publication date
        rel = rel or "nearest"
    delta = wd - anchor.weekday()
    if rel == "possessive":
        n = delta if delta <= 0 else delta - 7
    elif rel in ("last", "past", "previous", "this past"):
        n = delta if delta < 0 else delta - 7
    elif rel in ("next", "coming", "this coming", "following"):
        n = delta if delta > 0 else delta + 7
    elif rel == "this":
        n = delta
    elif rel == "nearest":
        n = delta if abs(delta) <= 3 else (delta - 7 if delta > 0 else delta + 7)
    else:
        if delta == 0:
            return anchor
        tense = doc.tense(pos, end)
        if tense == "FUTURE":
            n = delta if delta > 0 else delta + 7
        else:
            n = delta if delta < 0 else delta - 7
    return _shift_days(anchor, n)


@rule("weekday", rf"{B}(?P<pre>(?i:(?:(?:last|next|this|coming|this\s+past|this\s+coming|past|previous|following)\s+)))?"
                 rf"(?P<part>(?i:(?:early|late|earlier|later)\s+)(?:(?i:on\s+))?)?"
                 rf"(?P<wd>{WEEKDAY})(?P<pl>s)?(?:\s+(?P<dp>{DAYPART}))?(?![\w])")
def _r_weekday(doc, m):
    wd = WEEKDAYS[m["wd"].lower()]
    before = doc.text[max(0, m.start() - 12):m.start()]
    if re.search(r"(?:Good|Black|Holy|Ash|Palm|Easter|Cyber|Super|Maundy|Bloody|Blue)\s+$", before):
        return None
    if m["pl"] or re.search(r"(?i:\b(?:every|each|on)\s+)$", before) and m["pl"]:
        return "SET", f"XXXX-WXX-{wd + 1}" + (_PART_CODE[m["dp"].lower()] if m["dp"] else ""), None
    if re.search(r"(?i:\b(?:every|each)\s+)$", before):
        return None  # the set rule takes it
    rel = _SPACES.sub(" ", (m["pre"] or "").strip().lower())
    if not rel and re.match(r"['’]s\s", doc.text[m.end():m.end() + 3]) and not re.match(
            r"['’]s\s+[a-z-]+\s+(?:will|is\s+to|would|shall)\b", doc.text[m.end():m.end() + 40]):
        rel = "possessive"  # "Wednesday's ruling": a reported event, so the last one
    d = _weekday_date(doc, wd, rel, m.start(), m.end())
    if d is None:
        return "DATE", f"XXXX-WXX-{wd + 1}", None
    part = (m["part"] or "").strip().lower()
    mod = "START" if part.startswith("early") else "END" if part.startswith("late ") or part == "late" else None
    doc.add_ref(Ref("day", d, m.start(), False))
    span = (m.start("wd"), m.end()) if part.startswith(("earlier", "later")) and not m["pre"] else None
    if m["dp"]:
        return "TIME", _fmt_day(d) + _PART_CODE[m["dp"].lower()], None, span
    return "DATE", _fmt_day(d), mod, span


DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@rule("deictic", rf"{B}(?P<part>(?i:(?:early|late|earlier|later|mid-?)\s*))?(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight))"
                 rf"(?:\s+(?P<dp>{DAYPART}))?(?![\w])")
def _r_deictic(doc, m):
    w = _SPACES.sub(" ", m["w"].lower())
    n = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(w, DEICTIC.get(w, 0))
    d = _shift_days(doc.dct, n)
    if d is None:
        return None
    part = (m["part"] or "").strip().lower()
    if part.startswith("mid") and not m["dp"]:
        return None
    after = doc.text[m.end():m.end() + 20]
    if re.match(r"['’]s\s+(?:world|society|youth|generation|standards|children|kids|teenagers|young)\b", after):
        return None  # "today's world": the present in general, not a day
    if w == "tomorrow" and re.search(r"(?i:\bof\s+)$", doc.text[max(0, m.start() - 5):m.start()]):
        return None  # "the people of tomorrow"
    doc.add_ref(Ref("day", d, m.start(), False))
    if w == "tonight":
        return "TIME", _fmt_day(d) + "TNI", None
    if m["dp"]:
        return "TIME", _fmt_day(d) + _PART_CODE[m["dp"].lower()], None
    mod = "START" if part == "early" else "END" if part == "late" else None
    span = (m.start("w"), m.end()) if part.startswith(("earlier", "later")) and w == "today" else None
    return "DATE", _fmt_day(d), mod, span


@rule("daypart", rf"{B}(?P<rel>(?i:this|last|tomorrow|yesterday|the\s+next|the\s+following|that|early\s+this|late\s+last|later\s+this|earlier\s+this|late\s+this))\s+(?P<dp>{DAYPART})(?![\w])")
def _r_daypart(doc, m):
    rel = _SPACES.sub(" ", m["rel"].lower())
    dp = m["dp"].lower()
    if rel in ("the next", "the following", "that"):
        r = doc.last_ref(m.start())
        base = r.day if r and r.gran == "day" else doc.dct
        d = _shift_days(base, 1 if rel != "that" else 0)
        if d is None:
            return None
        return "TIME", _fmt_day(d) + _PART_CODE[dp], None
    n = -1 if (rel.endswith("last") and dp in ("night", "overnight")) or rel == "yesterday" else 1 if rel == "tomorrow" else 0
    if rel.endswith("last") and dp not in ("night",):
        return None
    d = _shift_days(doc.dct, n)
    if d is None:
        return None
    return "TIME", _fmt_day(d) + _PART_CODE[dp], None


# ---------------------------------------------------------------- times of day
CLOCK = r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?![a-z]))"
CLOCK24 = r"(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?::[0-5]\d)?"


@rule("clock", rf"{B}(?P<approx>(?i:about|around|approximately|shortly\s+(?:after|before)|just\s+(?:after|before))\s+)?"
               rf"(?:{CLOCK}|{CLOCK24}{TZ}(?=\s*(?:(?i:GMT|UTC|local|hours|on|in|yesterday|today|tomorrow)|{WEEKDAY}))|(?P<noon>(?i:noon|midnight|midday)))"
               rf"(?:{TZ})(?:,?\s+(?:(?i:on)\s+)?(?P<day>(?P<wd>{WEEKDAY})|(?i:yesterday|today|tomorrow|tonight)|(?P<mon>{MONTH})\s*(?P<md>{DAY_NUM})))?(?![\w])")
def _r_clock(doc, m):
    if m["noon"]:
        w = m["noon"].lower()
        hh, mi = (24 if w == "midnight" else 12), 0
        if not m["day"] and not re.search(r"(?i:\b(?:at|by|until|before|after|since|from|till|around|about)\s+)$",
                                          doc.text[max(0, m.start() - 12):m.start()]):
            return None
    elif m["h2"] is not None:
        hh, mi = int(m["h2"]), int(m["mi2"])
    else:
        hh, mi = int(m["h"]), int(m["mi"] or 0)
        if hh > 12 or hh == 0:
            return None
        ap = m["ap"].lower()
        if ap.startswith("p") and hh != 12:
            hh += 12
        elif ap.startswith("a") and hh == 12:
            hh = 0
    day = doc.dct
    if m["day"]:
        dword = m["day"].lower()
        if m["wd"]:
            day = _weekday_date(doc, WEEKDAYS[m["wd"].lower()], "", m.start(), m.end()) or day
        elif m["mon"]:
            month, dd = _month_of(m["mon"]), _day_of(m["md"])
            day = (_underspecified_day(doc, m.start(), m.end(), month, dd)[0] if month and dd else None) or day
        else:
            day = _shift_days(doc.dct, DEICTIC.get(dword, 0)) or day
    else:
        r = doc.sentence_year(m.start()) or doc.last_ref(m.start(), window=0)
        if r is not None and r.gran == "day":
            day = r.day
        else:
            ss, _ = doc.sentence(m.start())
            for rr in reversed(doc.refs):
                if ss <= rr.pos < m.start() and rr.gran == "day":
                    day = rr.day
                    break
    t = f"T{hh:02d}:{mi:02d}" if hh != 24 else "T24:00"
    return "TIME", _fmt_day(day) + t, _approx_mod(m["approx"])


@rule("oclock", rf"{B}(?P<n>{_ci(NUM_ONES)}|1[0-2]|[1-9])\s+(?:(?i:o.clock)|(?i:in\s+the\s+(?P<dp>morning|afternoon|evening)))(?![\w])")
def _r_oclock(doc, m):
    n = _num_value(m["n"])
    if not n or n > 12:
        return None
    hh = int(n)
    if m["dp"] and m["dp"].lower() in ("afternoon", "evening") and hh < 12:
        hh += 12
    return "TIME", _fmt_day(doc.dct) + f"T{hh:02d}:00", None


# ---------------------------------------------------------------- relative to the publication date
REL_UNIT = _ci(r"(?:week|weekend|month|year|quarter|decade|fiscal\s+year|calendar\s+year)")


@rule("rel_unit", rf"{B}(?P<part>(?i:(?:the\s+)?(?:very\s+)?(?:early|late|earlier|later|mid)(?:\s+|-)(?:in\s+)?|(?:the\s+)?(?:beginning|start|end|middle|close|turn)\s+of\s+|(?:the\s+)?(?:first|second|last)\s+half\s+of\s+|mid-))?"
                  rf"(?P<rel>(?i:last|this|next|the\s+current|current|the\s+past|the\s+last|the\s+coming|coming|the\s+previous|previous|the\s+following|the\s+same|that|the\s+prior|the|this\s+past|this\s+coming|the\s+full|the\s+whole|the\s+entire))\s+(?P<unit>{REL_UNIT})(?![\w-])(?!{APOS}s?\s+(?:end|close))")
def _r_rel_unit(doc, m):
    rel = _SPACES.sub(" ", m["rel"].lower())
    unit = _SPACES.sub(" ", m["unit"].lower()).replace("fiscal ", "").replace("calendar ", "")
    part = _SPACES.sub(" ", (m["part"] or "").strip().lower())
    mod = None
    if "half of" in part:
        if unit != "year":
            return None
    elif part:
        mod = _mod_of(part)
    pos = m.start()
    text = doc.text
    after = text[m.end():m.end() + 12]
    before = text[max(0, m.start() - 12):m.start()]
    dct = doc.dct
    # which way and from where
    if rel in ("last", "the last", "previous", "the previous", "the prior", "this past"):
        n, base = -1, dct
    elif rel in ("next", "coming", "the coming", "this coming"):
        n, base = 1, dct
    elif rel in ("this", "current", "the current"):
        n, base = 0, dct
    elif rel == "the past":
        if unit == "decade":
            return "DURATION", "P10Y", None
        n, base = -1, dct  # TimeBank: "in the past year" is a DATE, like "last year"
    elif rel in ("the following",):
        r = doc.last_ref(pos)
        n, base = 1, (r.day if r else dct)
    elif rel in ("the same", "that"):
        r = doc.last_ref(pos)
        if rel == "that" and not re.search(r"(?i:\b(?:in|during|of|on|by|later|earlier|since|until)\s+)$", before) and not part:
            return None
        n, base = 0, (r.day if r else dct)
    elif rel in ("the full", "the whole", "the entire"):
        if unit != "year":
            return None
        r = doc.sentence_year(pos)
        n, base = 0, (r.day if r else dct)
    elif rel == "the":
        if unit not in ("year", "week", "month", "weekend", "quarter"):
            return None
        if unit == "quarter":
            return None  # the_quarter rule
        if unit == "weekend":
            n, base = None, dct
        else:
            if not part and not re.search(r"(?i:\b(?:in|during|earlier|later|of|this|for|throughout)\s+)$", before):
                return None
            if unit == "year" and not part and re.match(r"\s+(?:ended|ending)\b", after):
                return "DURATION", "P1Y", None  # "the year ended Sept. 30": a fiscal year's length
            r = doc.narrative(pos) or doc.sentence_year(pos)
            n, base = 0, (r.day if r else dct)
    else:
        return None
    if rel == "the last" and not part:
        if unit in ("week", "month", "year", "decade") and re.search(r"(?i:\b(?:over|in|during|for|within)\s+)$", before):
            return "DURATION", _duration(1, unit), None
    if unit == "quarter":
        if part and "half" in part:
            return None
        dq = (base.month - 1) // 3
        yy, mm = _add_months(base.year, dq * 3 + 1, 3 * (n or 0))
        if not _valid_year(yy):
            return None
        doc.add_ref(Ref("quarter", _dt.date(yy, mm, 1), pos, False))
        return "DATE", f"{_y(yy)}-Q{(mm - 1) // 3 + 1}", mod
    if unit == "weekend":
        if n is None:
            tense = doc.tense(m.start(), m.end())
            if base.weekday() >= 5:
                n = 0
            else:
                n = 0 if tense == "FUTURE" else -1
        if n == 0 and rel in ("this",) and base.weekday() < 5:
            n = 0
        d = _shift_days(base, 7 * n + (5 - base.weekday()) if base.weekday() < 5 else 7 * n)
        if d is None:
            return None
        return "DATE", _fmt_week(d) + "-WE", mod
    if unit == "week":
        d = _shift_days(base, 7 * n)
        if d is None:
            return None
        doc.add_ref(Ref("week", d, pos, False))
        span = (m.start("rel"), m.end()) if part in ("earlier", "later") else None  # TimeBank: "earlier [this week]"
        return "DATE", _fmt_week(d), mod, span
    if unit == "month":
        yy, mm = _add_months(base.year, base.month, n)
        if not _valid_year(yy):
            return None
        doc.add_ref(Ref("month", _dt.date(yy, mm, 1), pos, False))
        return "DATE", _fmt_month(yy, mm), mod
    if unit == "year":
        yy = base.year + n
        if not _valid_year(yy):
            return None
        if "half of" in part:
            h = 1 if "first" in part else 2
            return "DATE", f"{_y(yy)}-H{h}", None
        doc.add_ref(Ref("year", _dt.date(yy, 1, 1), pos, False))
        return "DATE", _y(yy), mod
    if unit == "decade":
        if rel in ("the last", "the past", "the coming", "the following"):
            return "DURATION", "P10Y", None
        dd = (base.year // 10 + n) * 10
        if not _valid_year(dd):
            return None
        return "DATE", f"{dd // 10:03d}X", mod
    return None


@rule("year_end", rf"{B}(?P<w>(?i:year[- ]end|year[- ]ago|year[- ]earlier|the\s+year[- ](?:ago|earlier)))(?![\w-])")
def _r_year_end(doc, m):
    w = m["w"].lower()
    if "end" in w:
        r = doc.sentence_year(m.start())
        y = r.day.year if r else doc.dct.year
        return "DATE", _y(y), "END"
    qc = doc.quarter_context(m.start(), reported=True)
    if qc is not None:
        if qc.gran == "quarter":
            return "DATE", f"{_y(qc.day.year - 1)}-Q{(qc.day.month - 1) // 3 + 1}", None
        return "DATE", f"{_y(qc.day.year - 1)}-H{(qc.day.month - 1) // 6 + 1}", None
    base = doc.dct if "ago" in w else ((doc.last_ref(m.start()) or Ref("day", doc.dct, 0, False)).day)
    return "DATE", _y(base.year - 1), None


AGO_UNIT = _ci(r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century|quarters?)")


@rule("ago", rf"{B}(?P<approx>{_ci(_alt([k for k in APPROX_WORDS if k not in ('only', 'just', 'over', 'under', 'some')]) + '|only|just|some')}\s+)?"
             rf"(?P<n>{NUM})?[\s-]*(?P<unit>{AGO_UNIT})(?:\s+or\s+so)?\s+(?P<dir>(?i:ago|earlier|later|before|after|hence|from\s+now|back))(?![\w])")
def _r_ago(doc, m):
    unit = _unit_key(m["unit"])
    d_word = m["dir"].lower()
    nraw = (m["n"] or "").strip()
    n = _num_value(nraw) if nraw else None
    after = doc.text[m.end():m.end() + 15]
    if d_word in ("before", "after"):
        # "two days before the vote" is a duration anchored to an event: tag the duration only
        if re.match(r"\s*[A-Za-z]", after) and not re.match(r"\s*(?:that|then)\b", after):
            return None
        d_word = "earlier" if d_word == "before" else "later"
    if d_word == "back" and not re.search(r"[,.;]|$", after[:2] or "."):
        return None
    mod = _approx_mod(m["approx"])
    if n is None:
        if not nraw and not m["unit"].lower().endswith("s"):
            return None  # "day later" without a number
        if d_word in ("ago", "earlier", "back"):
            return "DATE", "PAST_REF", mod
        return "DATE", "FUTURE_REF", mod
    sign = -1 if d_word in ("ago", "earlier", "back") else 1
    if d_word in ("ago", "hence", "from now", "back"):
        base = doc.dct
        anchor_gran = None
    else:
        r = doc.last_ref(m.start())
        base = r.day if r else doc.dct
        anchor_gran = r.gran if r else None
    n_int = int(n) if float(n).is_integer() else None
    if unit in ("year",) and n == 1:
        qc = doc.quarter_context(m.start(), reported=sign < 0)
        if qc is not None:
            if qc.gran == "quarter":
                return "DATE", f"{_y(qc.day.year + sign)}-Q{(qc.day.month - 1) // 3 + 1}", mod
            return "DATE", f"{_y(qc.day.year + sign)}-H{(qc.day.month - 1) // 6 + 1}", mod
    try:
        if unit in ("day", "night") and n_int is not None:
            d = base + _dt.timedelta(days=sign * n_int)
            doc.add_ref(Ref("day", d, m.start(), False))
            return "DATE", _fmt_day(d), mod
        if unit == "week" and n_int is not None:
            d = base + _dt.timedelta(days=7 * sign * n_int)
            if anchor_gran == "day":
                return "DATE", _fmt_day(d), mod
            return "DATE", _fmt_week(d), mod
        if unit in ("month", "quarter") and n_int is not None:
            yy, mm = _add_months(base.year, base.month, sign * n_int * (3 if unit == "quarter" else 1))
            if anchor_gran == "day":
                dd = _safe_date(yy, mm, min(base.day, calendar.monthrange(yy, mm)[1]))
                if dd:
                    return "DATE", _fmt_day(dd), mod
            if unit == "quarter":
                return "DATE", f"{_y(yy)}-Q{(mm - 1) // 3 + 1}", mod
            doc.add_ref(Ref("month", _dt.date(yy, mm, 1), m.start(), False))
            return "DATE", _fmt_month(yy, mm), mod
        if unit in ("year", "decade", "century"):
            k = {"year": 1, "decade": 10, "century": 100}[unit]
            yrs = n * k
            if not float(yrs).is_integer():
                return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
            yy = base.year + sign * int(yrs)
            if not _valid_year(yy):
                return None
            if unit != "year" and mod is None:
                # "a decade ago" names a rough year, not the year exactly ten before (as "ten years ago" does);
                # the value stays the year TimeBank gives it, the mod says it is approximate
                mod = "APPROX"
            if anchor_gran == "day" and unit == "year":
                dd = _safe_date(yy, base.month, min(base.day, 28 if base.month == 2 else base.day))
                if dd:
                    return "DATE", _fmt_day(dd), mod
            doc.add_ref(Ref("year", _dt.date(yy, 1, 1), m.start(), False))
            return "DATE", _y(yy), mod
        if unit in ("hour", "minute", "second"):
            return "DATE" if unit == "hour" else "TIME", ("PAST_REF" if sign < 0 else "FUTURE_REF"), mod
    except (OverflowError, ValueError):
        return None
    return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod


@rule("the_day", rf"{B}(?P<w>(?i:(?:the\s+)?(?:next|following|previous|preceding|same)\s+(?:day|morning|evening|night|week|month|year)|(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|week|month|year)|(?:that|the\s+same)\s+(?:day|week|month|year)|the\s+(?:day|week|month|year)\s+(?:before|after)|the\s+next\s+day|the\s+day\s+after))(?![\w])")
def _r_the_day(doc, m):
    w = _SPACES.sub(" ", m["w"].lower())
    before = doc.text[max(0, m.start() - 12):m.start()]
    after = doc.text[m.end():m.end() + 20]
    unit = re.search(r"day|morning|evening|night|week|month|year", w).group()
    if re.search(r"\b(?:before|after)$", w) and re.match(r"\s+(?:the|a|an|his|her|their|its|last|next|this|that|[A-Z])", after):
        return None  # "the day before the vote": anchored to an event
    if w.startswith(("that", "the same")) and not re.search(
            r"(?i:\b(?:on|in|of|during|by|since|until|earlier|later|for)\s+)$", before):
        return None
    if re.search(r"\b(?:next|following)\b", w) and not w.startswith("the") and unit in ("week", "month", "year"):
        return None  # "next week" is the rel_unit rule's
    r = doc.last_ref(m.start())
    base_ref = r if r else Ref("day", doc.dct, 0, False)
    base = base_ref.day
    n = 1 if re.search(r"next|following|after|later", w) else -1 if re.search(r"previous|preceding|before", w) else 0
    if re.search(r"earlier|later", w):
        n = 0
    try:
        if unit in ("day", "morning", "evening", "night"):
            d = base + _dt.timedelta(days=n)
            doc.add_ref(Ref("day", d, m.start(), base_ref.explicit))
            if unit != "day":
                return "TIME", _fmt_day(d) + _PART_CODE[unit], None
            return "DATE", _fmt_day(d), None
        if unit == "week":
            return "DATE", _fmt_week(base + _dt.timedelta(days=7 * n)), None
        if unit == "month":
            yy, mm = _add_months(base.year, base.month, n)
            return "DATE", _fmt_month(yy, mm), None
        yy = base.year + n
        if not _valid_year(yy):
            return None
        doc.add_ref(Ref("year", _dt.date(yy, 1, 1), m.start(), base_ref.explicit))
        return "DATE", _y(yy), None
    except (OverflowError, ValueError):
        return None


_REFS = {
    "now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
    "to date": "PRESENT_REF", "so far": None, "as yet": None,
    "recently": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF", "until recently": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "in the past": None, "formerly": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the immediate future": "FUTURE_REF", "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF", "the coming days": "FUTURE_REF", "the coming weeks": "FUTURE_REF",
    "the coming months": "FUTURE_REF", "the coming years": "FUTURE_REF", "coming days": "FUTURE_REF",
    "coming weeks": "FUTURE_REF", "coming months": "FUTURE_REF", "coming years": "FUTURE_REF",
    "the days ahead": "FUTURE_REF", "the weeks ahead": "FUTURE_REF", "the months ahead": "FUTURE_REF",
    "the years ahead": "FUTURE_REF", "recent years": "PAST_REF", "recent months": "PAST_REF",
    "recent weeks": "PAST_REF", "recent days": "PAST_REF", "recent decades": "PAST_REF",
    "recent": "PAST_REF", "current": "PRESENT_REF", "then current": "PAST_REF", "then-current": "PAST_REF",
    "a later date": "FUTURE_REF", "the time being": "PRESENT_REF",
}


@rule("refs", rf"{B}(?P<w>{_ci(_alt([k for k, v in _REFS.items() if v]))})(?![\w])")
def _r_refs(doc, m):
    w = _SPACES.sub(" ", m["w"].lower())
    text = doc.text
    before = text[max(0, m.start() - 12):m.start()]
    after = text[m.end():m.end() + 20]
    if w == "now":
        if re.search(r"(?i:\b(?:from|until|till|by)\s+)$", before):
            return None
    if w == "soon":
        if re.search(r"(?i:\b(?:as|too|how)\s+)$", before) or re.match(r"\s+(?:after|as|thereafter)\b", after):
            return None
    if w == "shortly" and re.match(r"\s+(?:after|before)\b", after):
        return None
    if w == "recent":
        if not re.match(r"\s+[A-Za-z]", after) or re.search(r"(?i:\b(?:most|more)\s+)$", before):
            return None
    if w == "the past" and re.match(r"\s+(?:\d|[a-z]+\s+(?:days|weeks|months|years|decades|quarters))", after):
        return None  # the duration rule's
    if w == "current":
        if not re.match(r"\s+[A-Za-z]", after) or re.match(r"\s+(?:accounts?|affairs|flows?|events)\b", after):
            return None  # "current account" is a balance, "current events" news
        if re.match(r"\s+(?:quarter|year|month|week|fiscal|period|century|decade)\b", after):
            return None  # the relative-unit rule's
    if w == "the present" and not re.match(r"\s*(?:[.,;:)]|day\b)", after):
        return None
    return "DATE", _REFS[w], None


# ---------------------------------------------------------------- durations
DUR_PRE = _ci(r"(?:the\s+(?:(?:past|last|next|first|final|coming|previous|following|initial|remaining|latest|"
              r"preceding|prior|same|entire|whole|full|year-earlier|year-ago|other)\s+)*|"
              r"(?:(?:past|last|next|first|final|coming|previous|following|initial|remaining|latest|"
              r"preceding|prior|same|entire|whole|full|year-earlier|year-ago|other)\s+)+)")


@rule("duration", rf"{B}(?P<pre>{DUR_PRE})?(?P<approx>{_ci(_alt([k for k in APPROX_WORDS]))}\s+)?"
                  rf"(?P<n>{NUM})(?P<sep>[\s-]+)(?:(?i:more|additional|extra|further|straight|consecutive|full|long)\s+)?(?P<unit>{UNIT})(?P<old>[\s-]+(?i:old))?(?![\w])(?!-old)(?P<half>\s+(?i:and\s+a\s+half))?")
def _r_duration(doc, m):
    if m["old"]:
        return None  # an age
    nraw = m["n"].strip()
    low = nraw.lower()
    unit = m["unit"].lower()
    plural = unit.endswith("s") and _unit_key(unit) != unit
    after = doc.text[m.end():m.end() + 20]
    before = doc.text[max(0, m.start() - 20):m.start()]
    if re.match(r"-(?:old|olds)\b", after) or re.match(r"\s*-?\s*old\b", after):
        return None
    if re.match(r"\s+(?:ago|earlier|later|hence|from\s+now|back)\b", after):
        return None  # the ago rule's
    if low in ("a", "an") and m["sep"].strip() == "-":
        return None
    if unit.startswith("quarter") and (m["sep"].strip() == "-" or re.match(r"\s+of\s+(?!the\s+year|\d{4}|fiscal)", after)):
        return None  # "three-quarters of its food", "a quarter of the shares": fractions
    if unit.startswith("second") and low in ("a", "an", "one") and re.match(r"\s+[A-Za-z]", after):
        return None  # "a second group": an ordinal
    if m["unit"][0].isupper() and not m["unit"].isupper() and nraw[:1].isdigit():
        return None  # "60 Minutes": a title
    if low == "one" and unit == "day" and re.search(r"(?i:\b(?:will|would|could|may|might|can|should|shall|must)\s+)$", before):
        return "DATE", "FUTURE_REF", None  # "Islam will one day be ..."
    if (re.search(r"(?i:\bin\s+)$", before) and not m["pre"] and not m["approx"] and plural
            and unit.rstrip("s") in ("day", "week", "month", "year", "decade")
            and not re.search(r"(?i:\b(?:first|time|best|worst|highest|lowest|most|least|last|only)\b[^.]{0,12}$)", before)
            and doc.tense(m.start(), m.end()) == "FUTURE"):
        k = _num_value(nraw)
        if k is not None and float(k).is_integer():
            # "redeemed in five years": a date that far after the publication date
            k, u = int(k), unit.rstrip("s")
            try:
                if u == "day":
                    return "DATE", _fmt_day(doc.dct + _dt.timedelta(days=k)), None
                if u == "week":
                    return "DATE", _fmt_week(doc.dct + _dt.timedelta(days=7 * k)), None
                if u == "month":
                    yy, mm = _add_months(doc.dct.year, doc.dct.month, k)
                    return "DATE", _fmt_month(yy, mm), None
                yy = doc.dct.year + k * (10 if u == "decade" else 1)
                if _valid_year(yy):
                    return "DATE", _y(yy), None
            except (OverflowError, ValueError):
                return None
    if low in ("a", "an", "one") and not plural:
        n = 1.0
        if re.match(r"\s*(?:earlier|later|ago)\b", after):
            return None
        # "$5 a year", "twice a week": a set
        if low in ("a", "an") and re.search(
                r"(?:\d|%|percent|cents?|dollars?|times|twice|once|thrice|hours|days|nights|weeks|months)\s*$", before):
            return "SET", _duration(1, unit), None, (m.start("n"), m.end("unit"))
        if low in ("a", "an") and re.search(r"(?i:\b(?:per|each)\s+)$", before):
            return None
    n = _num_value(nraw) if not re.fullmatch(NUM_VAGUE, nraw, re.I) else None
    if m["half"]:
        n = (n or 0) + 0.5 if n is not None else None
    if n is not None and n == 0:
        return None
    if n is not None and n > 1000 and unit.startswith("year"):
        return None
    key = _unit_key(unit)
    if key not in UNITS:
        return None
    value = _duration(n, key)
    mod = _approx_mod(m["approx"])
    pre = _SPACES.sub(" ", (m["pre"] or "").strip().lower())
    span = None
    if pre and not pre.startswith("the") and not re.search(r"past|last|next|first|coming|previous|following|remaining|entire|whole|full", pre):
        span = (m.start("approx") if m["approx"] else m.start("n"), m.end())
    return "DURATION", value, mod, span


@rule("bare_units", rf"{B}(?P<pre>(?i:for|over|in|within|lasting|took|take|takes|after|since)\s+)(?P<u>(?i:years|months|weeks|days|decades|centuries|hours|minutes))(?![\w])(?!\s+(?:of|ago|earlier|later|before|after)\b)")
def _r_bare_units(doc, m):
    before = doc.text[max(0, m.start() - 12):m.start()]
    if re.search(r"(?i:\b(?:the|first)\s+)$", before):
        return None
    if m["pre"].strip().lower() in ("after", "since", "in") and not re.search(
            r"(?i:\b(?:first|time|best|worst|highest|lowest)\s+)$", before):
        if m["pre"].strip().lower() != "in":
            return None
        if not re.search(r"(?i:(?:first|time|best|worst|highest|lowest|most|least)\s+)$", before):
            return None
    return "DURATION", _duration(None, _unit_key(m["u"])), None, (m.start("u"), m.end("u"))


# ---------------------------------------------------------------- sets
SET_UNIT = _ci(r"(?:day|week|month|year|quarter|hour|minute|night|morning|evening|afternoon|weekend|decade|"
               r"summer|winter|spring|fall|autumn|season)")
_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
            "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
            "semiannually": "P6M", "biannually": "P6M"}


@rule("set", rf"{B}(?P<q>(?i:every|each|per|once\s+a|twice\s+a|three\s+times\s+a|(?:once|twice|three\s+times)\s+(?:a|per|every|each)))\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<n>{NUM})\s+)?(?:(?P<unit>{SET_UNIT}s?)|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH_FULL}))(?![\w])")
def _r_set(doc, m):
    q = _SPACES.sub(" ", m["q"].lower())
    if m["wd"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}", None
    if m["mon"]:
        return "SET", f"XXXX-{_month_of(m['mon']):02d}", None
    unit = _unit_key(m["unit"])
    if unit in SEASONS:
        return "SET", f"XXXX-{SEASONS[unit]}", None
    if unit in ("morning", "evening", "afternoon"):
        return "SET", f"XXXX-XX-XXT{_PART_CODE[unit][1:]}", None
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE", None
    if unit == "season":
        return "SET", "P1Y", None
    if q == "per" and not re.search(r"(?:\d|%|cents?|dollars?)\s*$", doc.text[max(0, m.start() - 12):m.start()]):
        return None
    n = _num_value(m["n"]) if m["n"] else 1
    if m["other"]:
        n = 2 * (n or 1)
    if unit not in UNITS:
        return None
    return "SET", _duration(n, unit), None


@rule("set_adv", rf"{B}(?P<w>{_ci(_alt(_SET_ADV))})(?![\w])")
def _r_set_adv(doc, m):
    after = doc.text[m.end():m.end() + 25]
    before = doc.text[max(0, m.start() - 20):m.start()]
    if re.search(r"(?i:\baverage\s+)$", before):
        return None  # "average daily volume" qualifies a quantity, not a recurrence
    if m["w"].lower() in ("quarterly", "annually", "monthly") and re.match(r"\s+[a-z]", after) and not re.match(
            r"\s+(?:and|or|but|to|in|on|at|for|from|since|until|by|through)\b", after):
        return None  # "its quarterly dividend": a kind of payment, not a recurrence named
    return "SET", _SET_ADV[m["w"].lower()], None


# ---------------------------------------------------------------- holidays
def _easter(y: int) -> _dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = ((h + l_ - 7 * m + 114) % 31) + 1
    return _dt.date(y, month, day)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> _dt.date:
    if n > 0:
        d = _dt.date(y, month, 1)
        d += _dt.timedelta(days=(wd - d.weekday()) % 7 + 7 * (n - 1))
    else:
        d = _dt.date(y, month, calendar.monthrange(y, month)[1])
        d -= _dt.timedelta(days=(d.weekday() - wd) % 7)
    return d


HOLIDAYS: dict[str, Callable[[int], _dt.date]] = {
    "christmas": lambda y: _dt.date(y, 12, 25), "christmas day": lambda y: _dt.date(y, 12, 25),
    "christmas eve": lambda y: _dt.date(y, 12, 24), "new year's day": lambda y: _dt.date(y, 1, 1),
    "new year's eve": lambda y: _dt.date(y, 12, 31), "boxing day": lambda y: _dt.date(y, 12, 26),
    "halloween": lambda y: _dt.date(y, 10, 31), "valentine's day": lambda y: _dt.date(y, 2, 14),
    "independence day": lambda y: _dt.date(y, 7, 4), "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4), "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1), "easter": _easter, "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - _dt.timedelta(days=2), "easter monday": lambda y: _easter(y) + _dt.timedelta(days=1),
    "may day": lambda y: _dt.date(y, 5, 1), "veterans day": lambda y: _dt.date(y, 11, 11),
    "armistice day": lambda y: _dt.date(y, 11, 11), "victory day": lambda y: _dt.date(y, 5, 9),
}
HOLIDAY_RX = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+").replace("'", "['’]") for k in HOLIDAYS),
                             key=len, reverse=True))


@rule("holiday", rf"{B}(?P<h>(?i:{HOLIDAY_RX}))(?:,?\s+(?P<year>{YEAR_DIGITS}))?(?![\w])")
def _r_holiday(doc, m):
    if not m["h"][0].isupper():
        return None
    key = _SPACES.sub(" ", m["h"].lower().replace("’", "'"))
    fn = HOLIDAYS.get(key)
    if fn is None:
        return None
    after = doc.text[m.end():m.end() + 15]
    if key in ("christmas", "easter", "thanksgiving", "halloween") and re.match(r"\s+(?:tree|card|gift|present|shopping|season|holiday|break|market|party|dinner|lights|music|carol)", after):
        return None
    try:
        if m["year"]:
            d = fn(int(m["year"]))
            doc.add_ref(Ref("day", d, m.start(), True))
            return "DATE", _fmt_day(d), None
        ref = doc.sentence_year(m.start()) or doc.narrative(m.start())
        if ref is not None:
            d = fn(ref.day.year)
        else:
            d = _pick_year(lambda y: fn(y), doc.dct, doc.tense(m.start(), m.end()))
    except (ValueError, OverflowError):
        return None
    if d is None:
        return None
    doc.add_ref(Ref("day", d, m.start(), ref is not None))
    return "DATE", _fmt_day(d), None


# =============================================================================== the tagger
# Where each rule is worth running. Every match of a rule holds one of its trigger words (whole
# words, in lower case) or, for the rules that read digits, a run of digits of the right shape, so
# a rule is tried only where one of its triggers is. The words that may come before a trigger
# inside a match are few and known, so the match's possible starts are the trigger itself and the
# run of such words just before it ("the past three [years]"); the rule's regex is matched at
# those starts only, never searched for along a line. `candidates_by_lines` is the plain way (every
# rule searched along every line) that this must agree with; the tests hold them together.
@dataclass(frozen=True)
class Spot:
    triggers: frozenset  # words one of which every match of the rule holds
    before: frozenset = frozenset()  # words that may stand right before a trigger in a match ("#": a number)
    prefix: frozenset = frozenset()  # words that may come before those, further left
    needs_before: bool = False  # no match without one of `before` ("three [years]": no duration without a number)
    gap: bool = False  # a match may start on the blanks before its trigger ("ago": its number is optional)
    after: re.Pattern | None = None  # what must follow a trigger in a match (on the lower-case text)

    @functools.cached_property
    def further(self) -> frozenset:
        return self.before | self.prefix


_MONTH_TOK = frozenset(MONTHS) | frozenset(MONTH_ABBR)
_UNIT_TOK = frozenset(UNITS) | frozenset(u + "s" for u in UNITS) | {"centuries", "millennia"}
_WEEKDAY_TOK = frozenset(WEEKDAYS) | frozenset(WEEKDAY_ABBR)
_ORD_TOK = frozenset(p for w in ORDINALS for p in re.split(r"[\s-]", w)) | {"#"}
_ORD_LAST = frozenset(re.split(r"[\s-]", w)[-1] for w in ORDINALS) | {"#"}
_QORD = frozenset({"first", "second", "third", "fourth", "final", "last", "#"})
_PART = frozenset({"very", "early", "late", "mid", "middle", "the", "beginning", "start", "end", "close", "dawn",
                   "turn", "of"})
_PART_LAST = frozenset({"early", "late", "mid", "middle", "of", "the"})
_NUM_TOK = (frozenset(ONES[1:]) | frozenset(TENS) | {"a", "an", "hundred", "dozen", "couple", "of", "half", "and", "several",
                                                     "few", "many", "some", "numerous", "number", "countless", "dozens",
                                                     "hundreds", "quarter", "#"})
_NUM_LAST = (frozenset(ONES[1:]) | frozenset(TENS) | {"hundred", "dozen", "couple", "of", "a", "an", "several", "few",
                                                      "many", "some", "numerous", "countless", "half", "quarter", "#"})
_APPROX_TOK = frozenset(w for k in APPROX_WORDS for w in k.split())
_SPOKEN_TOK = frozenset(ONES[1:]) | frozenset(TENS) | {"hundred", "and", "thousand", "oh"}
_REL = frozenset({"last", "this", "next", "current", "past", "coming", "previous", "following", "same", "that", "prior",
                  "the", "full", "whole", "entire"})
_REFS_TOK = frozenset(w for k, v in _REFS.items() if v for w in k.split())
SPOTS: dict[str, Spot] = {
    "mdy": Spot(_MONTH_TOK, frozenset({"of"}) | _WEEKDAY_TOK, frozenset({"the", "week"})),
    "dmy": Spot(_MONTH_TOK, _ORD_LAST | {"of"}, _ORD_TOK | _WEEKDAY_TOK | {"the"}, needs_before=True),
    "iso": Spot(frozenset()), "slash": Spot(frozenset(), frozenset({"#"})),
    "month_year": Spot(_MONTH_TOK, _PART_LAST, _PART),
    "month": Spot(_MONTH_TOK | {"sept"}, _PART_LAST | {"last", "next", "this", "past", "coming"}, _PART),
    "year": Spot(frozenset({"nineteen", "eighteen", "seventeen", "sixteen", "twenty", "thousand"}),
                 _PART_LAST | {"fiscal", "calendar", "year", "two"}, _PART | _SPOKEN_TOK),
    "decade": Spot(frozenset(DECADE_WORDS), frozenset({"the", "early", "late", "mid", "middle"}), _PART),
    "century": Spot(frozenset({"century", "centuries"}), _ORD_LAST | {"this", "last", "next", "past", "previous", "current"},
                    _PART | _ORD_TOK, needs_before=True),
    "quarter": Spot(frozenset({"quarter"}), _QORD | {"fiscal"}, frozenset({"the", "s", "next", "this", "year", "calendar"}),
                    needs_before=True),
    "qn": Spot(frozenset({"q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"})),
    "half": Spot(frozenset({"half"}), frozenset({"first", "second", "latter", "#"}), frozenset({"the", "fiscal", "calendar"}),
                 needs_before=True),
    "the_quarter": Spot(frozenset({"quarter", "period"}),
                        _QORD | {"the", "this", "next", "that", "same", "latest", "current", "recent", "previous", "prior",
                                 "preceding", "comparable", "ago", "earlier", "fiscal", "calendar"},
                        frozenset({"most", "year"}), needs_before=True),
    "season": Spot(frozenset(SEASONS), frozenset({"this", "last", "next", "past", "coming", "the", "that", "early", "late",
                                                  "mid"}), frozenset({"middle", "of", "end", "beginning"})),
    "weekday": Spot(frozenset(WEEKDAYS) | frozenset(w + "s" for w in WEEKDAYS),
                    frozenset({"last", "next", "this", "coming", "past", "previous", "following", "early", "late", "earlier",
                               "later", "on"})),
    "deictic": Spot(frozenset({"today", "yesterday", "tomorrow", "tonight"}),
                    frozenset({"early", "late", "earlier", "later", "mid", "before", "after"}), frozenset({"the", "day"})),
    "daypart": Spot(frozenset({"morning", "afternoon", "evening", "night", "overnight"}),
                    frozenset({"this", "last", "tomorrow", "yesterday", "next", "following", "that"}),
                    frozenset({"the", "early", "late", "later", "earlier"}), needs_before=True),
    "clock": Spot(frozenset({"noon", "midnight", "midday"}),
                  frozenset({"about", "around", "approximately", "after", "before", "#"}), frozenset({"shortly", "just"})),
    "oclock": Spot(frozenset({"clock", "morning", "afternoon", "evening"}), frozenset({"o", "the"}),
                   frozenset({"in", "#"}) | frozenset(ONES[1:]), needs_before=True),
    "rel_unit": Spot(frozenset({"week", "weekend", "month", "year", "quarter", "decade"}), _REL | {"fiscal", "calendar"},
                     _PART | {"earlier", "later", "in", "first", "second", "last", "half"}, needs_before=True),
    "year_end": Spot(frozenset({"year"}), frozenset({"the"})),
    "ago": Spot(_UNIT_TOK, _NUM_LAST | frozenset(k.split()[-1] for k in APPROX_WORDS), _NUM_TOK | _APPROX_TOK, gap=True,
                after=re.compile(r"(?:\s+or\s+so)?\s+(?:ago|earlier|later|before|after|hence|from\s+now|back)")),
    "the_day": Spot(frozenset({"day", "morning", "evening", "night", "week", "month", "year"}),
                    frozenset({"next", "following", "previous", "preceding", "same", "that", "the"}),
                    frozenset({"earlier", "later"}), needs_before=True),
    "refs": Spot(_REFS_TOK - {"the", "at", "to", "a", "in", "so", "as", "just", "right", "more", "most", "until"},
                 _REFS_TOK, _REFS_TOK),
    "duration": Spot(_UNIT_TOK, _NUM_LAST | {"more", "additional", "extra", "further", "straight", "consecutive", "full",
                                             "long"},
                     _NUM_TOK | _APPROX_TOK | {"the", "past", "last", "next", "first", "final", "coming", "previous",
                                               "following", "initial", "remaining", "latest", "preceding", "prior", "same",
                                               "entire", "whole", "full", "year", "earlier", "ago", "other"},
                     needs_before=True),
    "bare_units": Spot(frozenset({"years", "months", "weeks", "days", "decades", "centuries", "hours", "minutes"}),
                       frozenset({"for", "over", "in", "within", "lasting", "took", "take", "takes", "after", "since"}),
                       needs_before=True),
    "set": Spot(frozenset({"every", "each", "per", "once", "twice", "times"}),
                frozenset({"three", "once", "twice", "times"}), frozenset({"a"})),
    "set_adv": Spot(frozenset(_SET_ADV)),
    "holiday": Spot(frozenset(k.split()[0].replace("'s", "") for k in HOLIDAYS)),
}
_CAPITALISED = frozenset({"mdy", "dmy", "month_year", "month", "weekday"})  # their trigger is a proper noun


_RULE_INDEX = {name: i for i, (name, _, _) in enumerate(RULES)}
_WORD_RULES: dict[str, tuple[int, ...]] = {}  # trigger word -> the rules it triggers
_WORD_RULES_CAP: dict[str, tuple[int, ...]] = {}  # the same, for the word written with a capital
for _name, _spot in SPOTS.items():
    for _w in _spot.triggers:
        _WORD_RULES_CAP[_w] = _WORD_RULES_CAP.get(_w, ()) + (_RULE_INDEX[_name],)
        if _name not in _CAPITALISED:
            _WORD_RULES[_w] = _WORD_RULES.get(_w, ()) + (_RULE_INDEX[_name],)
# On the lower-case text: a trigger word, whole or glued to a number or to "mid" ("3years",
# "September30", "midSeptember"), or a run of digits. A character that is no letter comes first,
# so the regex engine skips through words fast.
_TRIGGER = re.compile(rf"[^a-z](?:(?:mid)??(?P<w>{alternation(_WORD_RULES_CAP)})(?![a-z])|(?<=\d)(?<!\d\d)(?=(?P<d>\d*)))")
_RULE_SPOTS = [(rx, fn, SPOTS[name].before, SPOTS[name].further, SPOTS[name].needs_before, SPOTS[name].gap,
                SPOTS[name].after) for name, rx, fn in RULES]
_I_YEAR, _I_ISO, _I_DECADE, _I_SLASH, _I_CLOCK = (_RULE_INDEX[n] for n in ("year", "iso", "decade", "slash", "clock"))
_I_THE_QUARTER = _RULE_INDEX["the_quarter"]
_CLOCK_AFTER = re.compile(r"\s*[apAP]\.?[mM]\b|:\d\d")
_PREV_WORD = re.compile(r"([^a-z\d\n]{0,40})([a-z\d]*)")  # on the reversed lower-case text: what precedes a spot
_APOS_CHARS = frozenset("'‘’`")
_APOS_S = _APOS_CHARS | {"s"}  # after the digits of a decade ("1990s", "1990's")
_CHUNK = 4000


def _lower(text: str) -> str:
    """`text` in lower case, character for character (offsets into one are offsets into the other)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" lowers to two characters


def _triggers(text: str, low: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """(start, end, rules) of each word or number in `text` that may be part of a match of `rules`."""
    found = []
    for m in _TRIGGER.finditer("\n" + low):  # (the new line lets a trigger open the text)
        w = m["w"]
        if w is not None:
            s, e = m.start("w") - 1, m.end("w") - 1
            rules = (_WORD_RULES_CAP if text[s].isupper() else _WORD_RULES).get(w)
            if rules is not None:
                found.append((s, e, rules))
                continue
            if not w[0].isdigit():
                continue
        else:  # (the run is looked at, not taken: a word glued to it is still found, "3years")
            s, e = m.start() - 1, m.end("d") - 1
            w = low[s:e]
        after = text[e:e + 1]
        rules = ()
        if len(w) == 4 and w[0] in "12":
            rules = (_I_YEAR, _I_ISO) if after == "-" else (_I_YEAR,)
        if w[-1] == "0" and after in _APOS_S:
            rules += (_I_DECADE,)
        if after == "/" or text[s - 1:s] == "/":
            rules += (_I_SLASH,)
        if after in " :.aApP" and after and _CLOCK_AFTER.match(text, e):
            rules += (_I_CLOCK,)
        if rules:
            found.append((s, e, rules))
    return found


def _chunks(text: str, s: int, n: int):
    """(start, end) of the pieces of the line from `s` to `n`; a long line is cut at a space near
    every _CHUNK characters (no expression spans the cut)."""
    while s < n:
        e = n
        while e - s > _CHUNK:
            cut = text.rfind(" ", s + _CHUNK // 2, s + _CHUNK)
            cut = s + _CHUNK if cut <= s else cut
            yield s, cut
            s = cut
        if e > s:
            yield s, e
        s = e + 1


def _word_before(rev: str, n: int, at: int) -> tuple[str, int, int]:
    """The word before offset `at` (lower case, "" at a line's start), where it starts, and where
    the blanks after it start; `rev` is the lower-case text reversed, `n` its length."""
    m = _PREV_WORD.match(rev, n - at)
    blank = at - len(m.group(1))
    return m.group(2)[::-1], blank - len(m.group(2)), blank


def _candidates(text: str) -> list[tuple]:
    """Every match of every rule that holds one of the rule's triggers: (start, end, rule, match, resolver)."""
    low = _lower(text)
    n = len(text)
    rev = low[::-1]
    words: dict[int, tuple[str, int, int]] = {}  # position -> (the word before it, where it starts, where its gap starts)
    pos = [0] * len(RULES)  # where each rule's last match ends (a rule's matches do not overlap)
    cs = ce = -1
    cands = []
    for s, e, rules in _triggers(text, low):
        if not cs <= s < ce:  # the line (or piece of a long line) the trigger is on
            cs = low.rfind("\n", 0, s) + 1
            ce = low.find("\n", s)
            ce = n if ce < 0 else ce
            if ce - cs > _CHUNK:
                cs, ce = next((a, b) for a, b in _chunks(text, cs, ce) if a <= s < b or b == ce)
        prev = words.get(s)
        if prev is None:
            prev = words[s] = _word_before(rev, n, s)
        w, ws = prev[0], prev[1]
        number = w[:1].isdigit()
        for i in rules:
            if s < pos[i]:
                continue  # inside the rule's last match
            rx, fn, before, further, needs_before, gap, after = _RULE_SPOTS[i]
            if after is not None and after.match(low, e) is None:
                continue
            # where a match holding this trigger may start: the run of words before it that the
            # rule allows there, then the trigger itself
            floor = max(cs, pos[i])
            if w and ws >= floor and (w in before or number and "#" in before):
                starts = [ws]
                while True:
                    got = words.get(starts[-1])
                    if got is None:
                        got = words[starts[-1]] = _word_before(rev, n, starts[-1])
                    if not got[0] or got[1] < floor or not (got[0] in further or got[0][0].isdigit() and "#" in further):
                        break
                    starts.append(got[1])
                starts.reverse()
            elif needs_before:
                continue
            else:
                starts = []
            if gap:  # on the blanks before the trigger ("ago" may start with its separator)
                starts.extend(range(max(prev[2], floor), s))
            elif s > cs and text[s - 1] in _APOS_CHARS:  # "'90s"
                starts.append(s - 1)
            starts.append(s)
            for p in starts:
                m = rx.match(text, p, ce)
                if m is not None and m.end() > m.start():
                    cands.append((m.start(), m.end(), i, m, fn))
                    pos[i] = m.end()
                    break
    return cands


def candidates_by_lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, rule) of every match of every rule along every line: what `_candidates` finds
    the fast way (the tests compare the two)."""
    found = []
    n = len(text)
    s = 0
    while s <= n:
        e = text.find("\n", s)
        e = n if e < 0 else e
        for cs, ce in _chunks(text, s, e):
            for i, (_, rx, _) in enumerate(RULES):
                found.extend((m.start(), m.end(), i) for m in rx.finditer(text, cs, ce) if m.end() > m.start())
        s = e + 1
    return sorted(found)


def find_timexes(text: str, dct: _dt.date) -> list[Timex]:
    """Every temporal expression in `text`, in order, resolved against the publication date `dct`."""
    if not isinstance(text, str) or not text:
        return []
    if isinstance(dct, _dt.datetime):
        dct = dct.date()
    if not isinstance(dct, _dt.date):
        return []
    cands = _candidates(text)
    if not cands:
        return []
    # Which candidates: longest first, then the rule listed first, then leftmost; a candidate is
    # kept when it overlaps none kept so far and its resolver accepts it (a rejected long
    # candidate leaves its span to shorter ones). What they mean: the kept ones resolved in text
    # order, each resolved date a reference for the next.
    if any(c[2] == _I_THE_QUARTER and c[3]["unit"].lower() == "period" for c in cands):
        return _choose_then_resolve(text, dct, cands)
    # Whether a resolver accepts depends on the text, not on the dates resolved before it (but
    # for "the (year-ago) period": above), so both are done in one pass: the kept candidates are
    # chosen as if every one were accepted, and resolved in order; when one with rivals declines,
    # the choice is made again without it and the pass goes back to where the choice changed.
    # (A candidate that overlaps no other is always kept.)
    cands.sort(key=lambda c: (c[0], c[1]))
    rival = set()
    reach = -1
    for k, c in enumerate(cands):
        if c[0] < reach or (k + 1 < len(cands) and cands[k + 1][0] < c[1]):
            rival.add(c)
        reach = max(reach, c[1])
    rivals = sorted(rival, key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    declined: set = set()
    chosen = _keep(cands, rival, rivals, declined)
    doc = Doc(text, dct)
    out: list[Timex] = []
    last_end = 0
    before: list[tuple[int, int, int]] = []  # before resolving chosen[j]: (refs, timexes, last_end)
    j = 0
    while j < len(chosen):
        c = chosen[j]
        before.append((len(doc.refs), len(out), last_end))
        t = _resolve(doc, c[3], c[4])
        if t is None and c in rival:
            declined.add(c)
            again = _keep(cands, rival, rivals, declined)
            j = next((k for k, (x, y) in enumerate(zip(chosen, again)) if x is not y), min(len(again), j))
            refs, kept, last_end = before[j]
            del doc.refs[refs:], doc._ref_pos[refs:], out[kept:], before[j:]
            chosen = again
            continue
        if t is not None and t.start >= last_end:
            out.append(t)
            last_end = t.end
        j += 1
    return out


def _choose(cands: list, declined: set) -> list:
    """The candidates kept (`cands` longest first; none of `declined`), in text order."""
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for c in cands:
        s, e = c[0], c[1]
        i = bisect.bisect_left(starts, s)
        if i > 0 and ends[i - 1] > s or i < len(starts) and starts[i] < e or c in declined:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _keep(cands: list, rival: set, rivals: list, declined: set) -> list:
    """The candidates kept (`cands` in text order), given those that overlap others (`rival`, and
    longest first in `rivals`) and those whose resolver declined."""
    kept = set(_choose(rivals, declined))
    return [c for c in cands if c not in rival or c in kept]


def _choose_then_resolve(text: str, dct: _dt.date, cands: list) -> list[Timex]:
    """find_timexes the plain way: every candidate is tried in a scratch document, longest
    first, to choose; then the chosen are resolved in text order."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    scratch = Doc(text, dct)
    declined = {c for c in cands if _resolve(scratch, c[3], c[4]) is None}
    doc = Doc(text, dct)
    doc._sent = scratch._sent
    out: list[Timex] = []
    last_end = 0
    for c in _choose(cands, declined):
        t = _resolve(doc, c[3], c[4])
        if t is not None and t.start >= last_end:
            out.append(t)
            last_end = t.end
    return out


_OUTSIDE = re.compile(r"(?i:about|almost|only|just|over|under|approximately|roughly)\s+")


def _resolve(doc: Doc, m: re.Match, fn) -> Timex | None:
    try:
        res = fn(doc, m)
    except (ValueError, OverflowError):
        return None  # a date out of the calendar's range (year 0, year 10000): no value to give
    except (KeyError, IndexError, TypeError, AttributeError, ZeroDivisionError):
        if _DEBUG:
            raise
        return None
    if not res:
        return None
    typ, val, mod = res[0], res[1], res[2]
    span = res[3] if len(res) > 3 and res[3] else (m.start(), m.end())
    s, e = span
    # trim whitespace and trailing punctuation that a pattern may have swallowed
    while e > s and doc.text[e - 1] in " \t\n,;:":
        e -= 1
    while s < e and doc.text[s] in " \t\n":
        s += 1
    # TimeBank leaves these outside the tag ("about [two weeks]", "only [six months]"); the mod keeps them
    cut = _OUTSIDE.match(doc.text, s, e)
    if cut and cut.end() < e:
        s = cut.end()
    if e <= s:
        return None
    return Timex(s, e, doc.text[s:e], typ, val, mod)


def tag_for_score(text: str, dct_string: str) -> list[dict]:
    """For ../shared/timebench/score.py --python: dicts with start, end, text, type, value."""
    try:
        dct = _dt.date.fromisoformat(str(dct_string)[:10])
    except ValueError:
        return []
    return [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
            for t in find_timexes(text, dct)]


# =============================================================================== values to days and labels
_VAL_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_VAL_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-XX)?$")
_VAL_YEAR = re.compile(r"^(\d{4})(?:-XX(?:-XX)?)?$")
_VAL_DECADE = re.compile(r"^(\d{3})X?$")
_VAL_CENTURY = re.compile(r"^(\d{2})$")
_VAL_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_VAL_Q = re.compile(r"^(\d{4})-Q([1-4])$")
_VAL_H = re.compile(r"^(\d{4})-H([12])$")
_VAL_S = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")


def value_days(value: str) -> tuple[_dt.date, _dt.date] | None:
    """First and last ISO day a DATE value spans; None for values with no span (PAST_REF, durations)."""
    return _days_of(value) if isinstance(value, str) else _days_of(str(value))


@functools.lru_cache(maxsize=4096)  # (values repeat from article to article: "2020", "199X")
def _days_of(value: str) -> tuple[_dt.date, _dt.date] | None:
    try:
        return _value_days(value.strip().upper())
    except (ValueError, OverflowError, TypeError):
        return None


def _month_span(y: int, m: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(y, m, 1), _dt.date(y, m, calendar.monthrange(y, m)[1])


def _value_days(v: str):
    if m := _VAL_DAY.match(v):
        d = _dt.date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := _VAL_MONTH.match(v):
        return _month_span(int(m[1]), int(m[2]))
    if m := _VAL_YEAR.match(v):
        y = int(m[1])
        return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
    if m := _VAL_WEEK.match(v):
        y, w = int(m[1]), int(m[2])
        mon = _dt.date.fromisocalendar(y, w, 1)
        if m[3]:
            return mon + _dt.timedelta(days=5), mon + _dt.timedelta(days=6)
        return mon, mon + _dt.timedelta(days=6)
    if m := _VAL_Q.match(v):
        y, q = int(m[1]), int(m[2])
        return _dt.date(y, 3 * q - 2, 1), _month_span(y, 3 * q)[1]
    if m := _VAL_H.match(v):
        y, h = int(m[1]), int(m[2])
        return _dt.date(y, 6 * h - 5, 1), _month_span(y, 6 * h)[1]
    if m := _VAL_S.match(v):
        y, s = int(m[1]), m[2]
        first = SEASON_MONTH[s]
        ly, lm = _add_months(y, first, 2)
        return _dt.date(y, first, 1), _month_span(ly, lm)[1]
    if m := _VAL_DECADE.match(v):
        y0 = int(m[1]) * 10
        if y0 == 0:
            return None
        return _dt.date(y0, 1, 1), _dt.date(y0 + 9, 12, 31)
    if m := _VAL_CENTURY.match(v):
        y0 = int(m[1]) * 100
        if y0 == 0:
            return None
        return _dt.date(y0, 1, 1), _dt.date(y0 + 99, 12, 31)
    return None


_MOD_LABEL = {"START": "early", "MID": "mid-", "END": "late", "APPROX": "about", "LESS_THAN": "nearly",
              "MORE_THAN": "more than", "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "by",
              "ON_OR_AFTER": "from", "EQUAL_OR_LESS": "up to", "EQUAL_OR_MORE": "at least"}
_ORD = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_SEASON_NAME = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def _ordinal(n: int) -> str:
    suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def value_label(value: str, mod: str | None = None) -> str:
    """How a reader sees a value: "17 December 2021", "late October 2021", "the 1990s"."""
    try:
        base = _label(str(value).strip().upper())
    except (ValueError, OverflowError, TypeError):
        base = None
    if base is None:
        base = str(value)
    word = _MOD_LABEL.get((mod or "").upper())
    if not word:
        return base
    if word == "mid-":
        if base.startswith("the "):
            return "the mid-" + base[4:]
        return "mid-" + base
    if word in ("early", "late") and base.startswith("the "):
        return f"the {word} {base[4:]}"
    return f"{word} {base}"


_DUR = re.compile(r"^P(T?)(\d+(?:\.\d+)?|X)([YMWDHS])$")
_DUR_UNIT = {("", "Y"): "year", ("", "M"): "month", ("", "W"): "week", ("", "D"): "day", ("T", "H"): "hour",
             ("T", "M"): "minute", ("T", "S"): "second"}


def _label(v: str) -> str | None:
    if m := _DUR.match(v):  # durations: "P3Y" -> "3 years", "PXD" -> "days"
        unit = _DUR_UNIT.get((m[1], m[3]))
        if unit is None:
            return None
        if m[2] == "X":
            return unit + "s"
        return f"{m[2]} {unit}" + ("" if m[2] == "1" else "s")
    if v == "PAST_REF":
        return "the past"
    if v == "PRESENT_REF":
        return "the present"
    if v == "FUTURE_REF":
        return "the future"
    if m := _VAL_DAY.match(v):
        d = _dt.date(int(m[1]), int(m[2]), int(m[3]))
        part = {"TMO": " (morning)", "TAF": " (afternoon)", "TEV": " (evening)", "TNI": " (night)"}.get(v[10:], "")
        if not part and len(v) > 10:
            part = f", {v[11:]}"
        return f"{d.day} {calendar.month_name[d.month]} {d.year}{part}"
    if m := _VAL_MONTH.match(v):
        mo = int(m[2])
        if not 1 <= mo <= 12:
            return None
        return f"{calendar.month_name[mo]} {int(m[1])}"
    if m := _VAL_YEAR.match(v):
        return str(int(m[1]))
    if m := _VAL_WEEK.match(v):
        s = f"week {int(m[2])} of {int(m[1])}"
        return f"the weekend of {s}" if m[3] else s
    if m := _VAL_Q.match(v):
        return f"the {_ORD[int(m[2])]} quarter of {int(m[1])}"
    if m := _VAL_H.match(v):
        return f"the {_ORD[int(m[2])]} half of {int(m[1])}"
    if m := _VAL_S.match(v):
        return f"{_SEASON_NAME[m[2]]} {int(m[1])}"
    if m := _VAL_DECADE.match(v):
        return f"the {int(m[1]) * 10}s"
    if m := _VAL_CENTURY.match(v):
        return f"the {_ordinal(int(m[1]) + 1)} century"
    return None
