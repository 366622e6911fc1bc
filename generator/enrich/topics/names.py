"""How names are compared and keyed: transliteration keys, given and family names, organisation
keys, the office a title names, surface forms as aliases. Pure functions of their arguments."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import lexicon as lx

SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
BRACKETS = re.compile(r"[\[\]]")
SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def clean_form(text: str) -> str:
    """A surface form as an alias: brackets and possessives off, spaces single."""
    text = SPACES.sub(" ", BRACKETS.sub("", text)).strip()
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text


@lru_cache(maxsize=1 << 16)
def translit_key(word: str) -> str:
    """One key for the spellings of a transliterated name: Yuri/Yury, Alexey/Aleksei, Navalny/Navalnyy."""
    w = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode("ascii")
    for a, b in (("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("ck", "k"), ("x", "ks"), ("ph", "f"),
                 ("w", "v"), ("j", "i"), ("y", "i"), ("ie", "i"), ("ou", "u")):
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def close_given(a: str, b: str) -> bool:
    """Same given name? Equal keys, an initial of the other, or one letter apart in a long name."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def split_name(toks: tuple[str, ...]) -> tuple[str, str]:
    """(family name, given name) of a person's name: 'Xi Jinping' -> ('Xi', 'Jinping')."""
    words = [t for t in toks if t not in SUFFIXES]
    if len(words) == 2 and words[0] in lx.FAMILY_NAME_FIRST:
        return words[0], words[1]
    return words[-1], words[0] if len(words) > 1 else ""


@lru_cache(maxsize=1 << 14)
def fold(form: str) -> str:
    """A name as curated topics are matched: casefolded, without a leading 'the'."""
    form = clean_form(form).casefold()
    return form[4:] if form.startswith("the ") else form


@lru_cache(maxsize=1 << 14)
def org_key(rest: str) -> str:
    key = rest.lower().replace("’", "'")
    key = key.replace("defense", "defence").replace("organization", "organisation")
    key = re.sub(r"^the ", "", key)
    m = re.fullmatch(r"(ministry|department|office) of (?:the )?(.+)", key)
    if m:
        key = f"{m.group(2)} {m.group(1)}"
    return key


@lru_cache(maxsize=1 << 12)
def office_of(title: str) -> str | None:
    """The office a title names, if it names its holder: 'President' -> 'president'."""
    words = title.split()
    if not words or any(w in {"deputy", "vice", "former", "ex", "acting", "late", "aide", "adviser", "advisor",
                              "spokesman", "spokeswoman"} for w in words):
        return None
    if len(words) >= 2 and " ".join(words[-2:]) in lx.OFFICE_PHRASES:
        return " ".join(words[-2:]).replace("defense", "defence")
    if words[-1] in lx.OFFICE_WORDS:
        return words[-1]
    return None
