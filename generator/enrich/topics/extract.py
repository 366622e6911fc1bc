"""First pass, one article at a time: tokens, capitalised runs read against the gazetteer and the
title words, title-only references ("the Russian president"), keyphrase candidates.

It needs nothing from other articles, so it runs in worker processes; the second pass (resolve.py)
decides with the whole dossier in view. Candidates are plain tuples, cheap to send between processes.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, compress

from . import lexicon as lx
from .gazetteer import Entry, gazetteer, norm_token
from ..stories.quotes import DOUBLE, SINGLE, find_raw_quotes
from .tables import ADJ, NOUN, VERB, tables

# Possessive quantifiers (++, *+, ?+) never give back what they took: the same tokens as greedy ones,
# since everything after each of them is optional (nothing could need it back), found a tenth quicker.
TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K.
    r"|[^\W\d_]++(?:['’][^\W\d_]++)*+(?:-?\d++)?+(?:-(?:[^\W\d_]++(?:['’][^\W\d_]++)*+|\d++))*+"  # words, high-tech, COVID-19
    r"|\d++(?:[.,:]\d++)*+"
)
TOKEN_AND_GAP = re.compile(f"({TOKEN.pattern})")
# The same for text with no letter outside ASCII, where [^\W\d_] is [A-Za-z]; a fifth quicker.
TOKEN_AND_GAP_ASCII = re.compile("(" + TOKEN.pattern.replace(r"[^\W\d_]", "[A-Za-z]") + ")")
# Characters between two words that start a new sentence (or a quotation, a bracket, a heading).
BOUNDARY = frozenset(".!?:;“\"‘«»([–—|•›…")
# Words after which a word that can be a verb is one: "they help", "to build", "will trade".
SUBJECTS = frozenset({"i", "we", "you", "he", "she", "it", "they", "who", "which", "that", "to", "will", "would",
                      "can", "could", "should", "may", "might", "must", "shall", "did", "does", "do", "also",
                      "not", "never", "always", "often", "still", "just", "already", "then"})
OBJECTS = frozenset({"the", "a", "an", "both", "us", "them", "him", "her", "it", "its", "his", "their", "our",
                     "my", "your", "me", "this", "these", "those", "all", "each", "every"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
ROLE_WORDS = lx.OFFICE_WORDS | {"minister"}
RUN_OF_CLASSES = re.compile("[NJnj]+")  # over one class letter per token (see _token_info)
LOCATIVE = frozenset({"in", "from", "near", "into", "across", "towards", "toward", "outside", "inside"})
OFFICE_QUALIFIERS = frozenset({"prime", "foreign", "defence", "defense", "finance", "supreme"})
NOT_OFFICE_HOLDER = frozenset({"deputy", "vice", "former", "ex", "late", "acting", "then", "future", "next",
                               "previous", "outgoing", "incoming"})

# Candidate tuples (first field says which; start and end are offsets of the mention in its paragraph;
# scan_article puts the paragraph's line after the tag):
#   ("E", start, end, key, name, kind, initial, whole_run, common)   a gazetteer place or organisation
#   ("N", start, end, name_start, tokens, initial, cue, hint, det, prep)   a name to resolve
#       initial: 0 mid-sentence, 1 starts a sentence, 2 in a headline; cue: (country key, title)
#       when a title stands before it; hint: "", "org", "place" or "person"; det: "the"/"a" before
#       it; prep: "in"/"from" before it
#   ("O", start, end, name, country_key, rest)       an organisation by its head word ("Defence Ministry")
#   ("R", start, end, country_key, office)           a title standing for its holder
#   ("T", start, end, key, words, context)           a keyphrase (key: lemmas; context: the words around it,
#                                                    None inside quotation marks)
#   ("P", start, end, name)                          a capitalised theme ("COVID-19", "Cold War"),
#                                                    or "@place:NAME" for a place by its head word
#   ("C", start, end, index)                         a curated topic's name or alias, as written
#   ("A", end, acronym_start)                        a name ending at `end` defined by the acronym after it


def word_flags(low: str) -> int:
    """What lemminflect knows of a lowercase word: tables.KNOWN|NOUN|VERB|ADJ bits, 0 if nothing."""
    return tables().flags.get(low, 0)


@lru_cache(maxsize=1 << 18)
def word_class(word: str) -> tuple[str, str]:
    """(class, lemma) of a lowercase word: N noun (or noun-able), J adjective, X other, S stop word."""
    if word in lx.STOPWORDS:
        return "S", word
    flags = word_flags(word)
    if not flags:
        if "-" in word:
            return ("N" if word.endswith(("-up", "-off", "-out", "-in")) else "J"), word
        if word.endswith(("ly", "ing", "ed")) or len(word) < 3:
            return "X", word
        return "N", (word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word)
    if word.endswith("ing") and flags & VERB:
        return "J", word  # "developing", "working": a modifier at most, never what a phrase is about
    if flags & NOUN:
        return "N", tables().noun.get(word, word)
    if flags & ADJ:
        return "J", word
    return "X", word


@lru_cache(maxsize=1 << 18)
def is_common(word: str) -> bool:
    """An English dictionary word (so a capitalised one may just start a sentence)."""
    low = word.lower()
    if low in lx.STOPWORDS:
        return True
    return bool(word_flags(low)) or (low.endswith("s") and bool(word_flags(low[:-1])))


def base_of(token: str) -> str:
    """The token without a possessive ending: Navalny’s -> Navalny."""
    if token.endswith(("'s", "’s")) and len(token) > 3:
        return token[:-2]
    return token


POSSESSIVE_S = ("'s", "’s")


_gazetteer = None


def _load_gazetteer():
    global _gazetteer
    _gazetteer = gazetteer()
    return _gazetteer


def _split_hyphenated(spans: list[tuple[int, int]], toks: list[str]):
    """Xi-Putin, Russia-China, Sino-Russian, Moscow-bound: the capitalised parts, unless the whole
    is a name of its own (Nagorno-Karabakh) or a code (COVID-19)."""
    g = gazetteer()
    out_spans, out_toks = [], []
    for (s, e), tok in zip(spans, toks):
        if "-" in tok and tok[0].isupper() and not any(ch.isdigit() for ch in tok) \
                and g.lookup((norm_token(base_of(tok)),)) is None:
            offset = 0
            for part in tok.split("-"):
                if part and part[0].isupper():
                    out_spans.append((s + offset, s + offset + len(part)))
                    out_toks.append(part)
                offset += len(part) + 1
        else:
            out_spans.append((s, e))
            out_toks.append(tok)
    return out_spans, out_toks


_INFO: dict[str, tuple] = {}  # token -> _token_info(token), for the life of the process
INFO_LIMIT = 1 << 20


def _token_info(tok: str) -> tuple:
    """What the rules read of a token by itself: (base without a possessive, its lowercase,
    capitalised, can be part of a name, theme class) where the theme class is N/J for a lowercase
    noun/adjective (n/j when possessive: it ends a phrase), X/S other words, '' not a lowercase word;
    and whether it is a noun no dictionary knows."""
    base = tok[:-2] if tok.endswith(POSSESSIVE_S) and len(tok) > 3 else tok
    low = base.lower()
    up = tok[0].isupper()
    never = lx.NEVER_NAMES
    cap = up and len(tok) > 1 and tok not in never and base not in never and "&" not in tok
    cls = "x"
    unknown = False
    if not up and tok[0].isalpha() and "'" not in base and "’" not in base:
        cls = word_class(low)[0]
        unknown = cls == "N" and not _known(low)
        if tok != base and cls in ("N", "J"):
            cls = cls.lower()
    info = (base, low, up, cap, cls, unknown)
    if len(_INFO) >= INFO_LIMIT:
        _INFO.clear()
    _INFO[tok] = info
    return info


class Paragraph:
    """Tokens of one paragraph with what the rules need to know about each."""

    __slots__ = ("text", "starts", "ends", "toks", "gaps", "bases", "lows", "ups", "caps", "classes", "unknown",
                 "initial", "entity", "headline")

    def __init__(self, text: str):
        self.text = text
        parts = (TOKEN_AND_GAP_ASCII if text.isascii() else TOKEN_AND_GAP).split(text)  # gap, token, ..., gap
        toks = parts[1::2]
        if "-" in text and any("-" in t and t[0].isupper() for t in toks):
            spans = [m.span() for m in TOKEN.finditer(text)]
            spans, toks = _split_hyphenated(spans, toks)
            starts = [a for a, _ in spans]
            ends = [b for _, b in spans]
            gaps = [text[:starts[0]]] + [text[ends[i - 1]:starts[i]] for i in range(1, len(spans))]
        else:
            gaps = parts[0::2]  # gaps[i]: the text before token i
            pos = list(accumulate(map(len, parts)))  # where each gap and token ends
            starts, ends = pos[0:-1:2], pos[1::2]
        self.starts, self.ends, self.toks, self.gaps = starts, ends, toks, gaps
        n = len(toks)
        self.entity: list[Entry | None] = [None] * n
        if not n:
            self.bases = self.lows = self.ups = self.caps = self.classes = self.unknown = ()
            self.initial, self.headline = [], False
            return
        infos = list(map(_INFO.get, toks))
        if None in infos:
            infos = [info or _token_info(t) for info, t in zip(infos, toks)]
        self.bases, self.lows, self.ups, self.caps, self.classes, self.unknown = zip(*infos)
        # Only capitalised words need to know whether they start a sentence.
        initial = [False] * n
        ups = self.ups
        upper = 0
        i = -1
        try:
            while True:
                i = ups.index(True, i + 1)
                upper += 1
                if i == 0:
                    initial[0] = True
                else:
                    gap = gaps[i]
                    if gap != " " and not BOUNDARY.isdisjoint(gap):
                        initial[i] = not (gap.startswith(".") and toks[i - 1] in lx.ABBREVIATIONS)
        except ValueError:
            pass
        self.initial = initial
        # A headline capitalises its dictionary words ("Jointly Developing High-Tech Weapons");
        # a sentence full of names does not.
        self.headline = False
        if upper >= 2 and upper * 3 >= n:
            stripped = text.rstrip().rstrip("”\"’'")
            sentence = stripped.endswith(".") and not stripped.endswith("..")  # headlines end without a full stop
            if not sentence:
                words = [t for t in toks if len(t) >= 4 and t[0].isalpha() and is_common(t.split("-")[0])]
                capital = sum(1 for t in words if t[0].isupper())
                self.headline = capital >= 2 and capital / len(words) >= 0.6

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        return self.gaps[i]

    def word_before(self, i: int) -> str:
        """The lowercase word right before token i when only a space separates them."""
        if i > 0 and self.gaps[i] == " ":
            return self.lows[i - 1]
        return ""


def scan_paragraph(text: str, curated_re: re.Pattern | None) -> tuple[list[tuple], set[str]]:
    """Every candidate in one paragraph (the table above), and the words it uses in lowercase that
    no dictionary knows."""
    out: list[tuple] = []
    vocab: set[str] = set()
    if curated_re is not None:
        for m in curated_re.finditer(text):
            out.append(("C", m.start(), m.end(), m.lastindex - 1))
    p = Paragraph(text)
    if not p.toks:
        return out, vocab
    if _shouted(p.toks):
        return out, vocab  # LEAVE A REPLY: a shouted label, not a sentence
    _runs(p, out)
    _roles(p, out)
    _themes(p, out, vocab)
    _quoted_without_context(text, out)
    return out, vocab


def _shouted(toks: list[str]) -> bool:
    """Two words or more, all in capitals; stops at the first word that is not (most paragraphs' first)."""
    words = 0
    for tok in toks:
        if tok[0].isalpha():
            if not tok.isupper():
                return False
            words += 1
    return words >= 2


def scan_article(slug: str, paragraphs, curated_re: re.Pattern | None) -> tuple[list[tuple], set[str]]:
    """Every candidate in one article, each with its line after the tag, and the words it uses in
    lowercase that no dictionary knows."""
    out: list[tuple] = []
    vocab: set[str] = set()
    for line, text in paragraphs:
        if not text or not text.strip():
            continue
        cands, words = scan_paragraph(text, curated_re)
        out.extend((c[0], line, *c[1:]) for c in cands)
        vocab |= words
    return out, vocab


# ----------------------------------------------------------------------------------- capitalised runs
def _runs(p: Paragraph, out: list) -> None:
    n = len(p.toks)
    caps, gaps, lows, bases, toks, initial = p.caps, p.gaps, p.lows, p.bases, p.toks, p.initial
    i = 0
    while True:
        try:
            i = caps.index(True, i)
        except ValueError:
            return
        j = i + 1
        while j < n:
            gap = gaps[j]
            if caps[j] and (gap == " " or gap == "-") and not initial[j]:
                j += 1
                continue
            if gap != " ":
                break
            # "Ministry of Foreign Affairs", "People's Republic of China"; "Ursula von der Leyen"
            if lows[j] == "of" and bases[j - 1] in lx.CONNECT_AFTER:
                k = j + 1 + (1 if j + 1 < n and lows[j + 1] == "the" else 0)
                if k < n and caps[k] and gaps[k] == " ":
                    j = k + 1
                    continue
            if toks[j] in lx.NAME_PARTICLES and not toks[j][0].isupper():
                k = j + 1
                while k < n and toks[k] in lx.NAME_PARTICLES and gaps[k] == " ":
                    k += 1
                if k < n and caps[k] and gaps[k] == " ":
                    j = k + 1
                    continue
            break
        _run(p, i, j, out)
        _acronym(p, i, j, out)
        i = j


def _acronym(p: Paragraph, i: int, j: int, out: list) -> None:
    """'the Federal Security Service (FSB)': the acronym in brackets names what the run names."""
    if j >= len(p.toks) or j - i < 2 or p.gaps[j] != " (":
        return
    acr = p.toks[j]
    if not (acr.isupper() and 2 <= len(acr) <= 8 and p.text[p.ends[j]:p.ends[j] + 1] == ")"):
        return
    initials = [t[0] for t in p.toks[i:j] if t[0].isupper()]
    if initials and acr[0] == initials[0] and len(acr) <= len(initials) + 2:
        out.append(("A", p.ends[j - 1], p.starts[j]))


def _segment(p: Paragraph, i: int, j: int) -> list[tuple[str, int, int, Entry | None]]:
    """Label the tokens of a run: G gazetteer entry, T title word, H organisation head, L place head,
    W common word (at a sentence start or in a headline), N other (a name's word), K connector."""
    g = _gazetteer or _load_gazetteer()
    index, longest, starts = g.index, g.longest, g.starts
    segs: list[tuple[str, int, int, Entry | None]] = []
    k = i
    whole = j - i
    norms = [norm_token(t) for t in p.toks[i:j]]
    while k < j:
        if not p.toks[k][0].isupper():
            segs.append(("K", k, k + 1, None))
            k += 1
            continue
        found = None
        # only as many words as the longest entry starting with this one (one always: "Putin's")
        for length in range(min(longest, j - k, starts.get(norms[k - i], 1) or 1), 0, -1):
            raw = tuple(norms[k - i:k - i + length])
            entry = index.get(raw)
            if entry is None:
                last_base = p.bases[k + length - 1]
                if last_base == p.toks[k + length - 1]:
                    continue  # no possessive to drop: the same key again
                entry = index.get(raw[:-1] + (norm_token(last_base),))
                if entry is None:
                    continue
            if entry.whole_run and length != whole:
                continue
            if entry.needs_the and p.word_before(k) != "the":
                continue
            if entry.adjective and p.bases[k + length - 1] in lx.ADJECTIVE_ONLY and k + length < j:
                continue
            if entry.city and k + length < j and p.gaps[k + length] == " " \
                    and p.lows[k + length] not in lx.TITLE_WORDS and g.lookup((norm_token(p.bases[k + length]),)) is None:
                continue  # "Vladimir Putin", "Florence Parly": a first name, not the city
            if entry.city and k > i and segs and segs[-1][0] == "N" and (len(segs) == 1 or segs[-2][0] != "N"):
                continue  # "Sergey Korolyov": one given name before it makes it a family name
            found = (length, entry)
            break
        if found:
            segs.append(("G", k, k + found[0], found[1]))
            k += found[0]
            continue
        tok, low = p.bases[k], p.lows[k]
        last = k == j - 1
        if last and tok in lx.ORG_HEADS and whole > 1:
            segs.append(("H", k, k + 1, None))
        elif last and tok in lx.PLACE_HEADS and whole > 1:
            segs.append(("L", k, k + 1, None))
        elif low in lx.TITLE_WORDS and not tok.isupper():
            segs.append(("T", k, k + 1, None))
        elif (p.initial[k] or p.headline) and is_common(tok) and not tok.isupper():
            segs.append(("W", k, k + 1, None))
        else:
            segs.append(("N", k, k + 1, None))
        k += 1
    # "Czech Industry Minister Jozef Sikela": a word before a title is part of the title
    for x in range(len(segs) - 2, -1, -1):
        if segs[x][0] == "N" and segs[x + 1][0] == "T" and p.lows[segs[x + 1][1]] in lx.TITLE_NOUNS \
                and p.gaps[segs[x + 1][1]] == " ":
            segs[x] = ("T", segs[x][1], segs[x][2], None)
    return segs


def _run(p: Paragraph, i: int, j: int, out: list) -> None:
    segs = _segment(p, i, j)
    # Leading words of a sentence that a dictionary knows are not names ("Earlier", "Reports").
    while segs and segs[0][0] in ("W", "K"):
        segs.pop(0)
    if not segs:
        return
    initial = 2 if p.headline else 1 if p.initial[segs[0][1]] else 0
    for kind, a, b, entry in segs:
        if entry is not None:
            for k in range(a, b):
                p.entity[k] = entry
    first, last = segs[0], segs[-1]

    # An organisation or place named by its head word: "Russian Defence Ministry", "Pacific Fleet".
    if last[0] in ("H", "L") and len(segs) > 1 and not any(s[0] == "W" for s in segs):
        start, end = p.starts[first[1]], p.ends[last[1]]
        country = ""
        for kind, a, b, entry in segs:
            if kind == "G" and entry.kind == "place" and (entry.adjective or p.bases[b - 1] != p.toks[b - 1]):
                if not country:
                    country = entry.key
                if last[0] == "H":
                    _entity(p, a, b, entry, out)
            elif kind != "G":
                break
        name = p.text[start:end]
        if last[0] == "H":
            rest_from = next((s[1] for s in segs if not (s[0] == "G" and s[3].kind == "place" and (
                s[3].adjective or p.bases[s[2] - 1] != p.toks[s[2] - 1]))), first[1])
            rest = " ".join(p.bases[rest_from:last[2]])
            out.append(("O", start, end, name, country, rest))
        else:
            out.append(("P", start, end, "@place:" + name))
        return

    # Otherwise left to right: entities, titles, names.
    idx = 0
    while idx < len(segs):
        kind, a, b, entry = segs[idx]
        if kind == "G":
            _entity(p, a, b, entry, out, initial=initial if a == first[1] else 0)
            idx += 1
            continue
        if kind in ("N", "H", "L"):
            # a name: consecutive name words, split where a hyphen joined them (Xi-Putin) and at a
            # headline's dictionary words ("Jointly Developing")
            end_idx = idx
            while (end_idx + 1 < len(segs) and segs[end_idx + 1][0] in ("N", "K", "H", "L")
                   and p.gaps[segs[end_idx + 1][1]] != "-"):
                end_idx += 1
            while end_idx > idx and segs[end_idx][0] == "K":
                end_idx -= 1
            a, b = segs[idx][1], segs[end_idx][2]
            _name(p, a, b, out, initial=initial if a == first[1] or initial == 2 else 0)
            idx = end_idx + 1
            continue
        idx += 1  # titles (T) and connectors are read by the names and roles that follow them


def _entity(p: Paragraph, a: int, b: int, entry: Entry, out: list, initial: int = 0) -> None:
    start, end = p.starts[a], p.starts[b - 1] + len(p.bases[b - 1])
    if entry.with_the and p.word_before(a) == "the":
        start = p.starts[a - 1]
    common = b - a == 1 and is_common(p.bases[a])
    out.append(("E", start, end, entry.key, entry.name, entry.kind, initial, entry.whole_run, common))


def _cue(p: Paragraph, a: int) -> tuple[tuple[str, str] | None, int]:
    """The title in front of the name starting at token a: ((country key, title), span start token).

    Titles in the name's own capitalised run join its mention ("Russian President Vladimir Putin");
    lowercase ones only give it its kind and office ("Russian presidential aide Yuri Ushakov").
    """
    k = a - 1
    titles: list[str] = []
    country = ""
    span = a
    in_run = True
    while k >= 0 and a - k <= 10:
        if p.gaps[k + 1] not in (" ", "-"):
            break
        low = p.lows[k]
        entry = p.entity[k]
        if entry is not None and entry.kind == "place":
            while k - 1 >= 0 and p.entity[k - 1] is entry and p.gaps[k] == " ":
                k -= 1  # the rest of a place of several words
            if titles:
                country = country or entry.key
                if in_run:
                    span = k
            else:
                in_run = False  # "Ambassador to the United States Anatoly Antonov"
            k -= 1
            continue
        if low in lx.TITLE_WORDS and p.toks[k] == p.bases[k]:
            titles.insert(0, low)
            if p.toks[k][0].isupper() and in_run:
                span = k
            else:
                in_run = False
            k -= 1
            continue
        if in_run and titles and p.caps[k] and entry is None and p.gaps[k + 1] == " " and titles[0] in lx.TITLE_NOUNS:
            titles.insert(0, low)  # "Czech Industry Minister": a capitalised word before the title noun
            span = k
            k -= 1
            continue
        if low in ("to", "of", "the"):
            in_run = False
            k -= 1
            continue
        break
    if not any(t in lx.TITLE_NOUNS for t in titles):
        return None, a  # "new", "foreign", "national" alone name nobody's office
    return (country, " ".join(titles)), span


def _name(p: Paragraph, a: int, b: int, out: list, *, initial: int) -> None:
    toks = tuple(norm_token(t) for t in p.bases[a:b] if t[0].isupper() or t in lx.NAME_PARTICLES)
    if not toks:
        return
    end = p.starts[b - 1] + len(p.bases[b - 1])
    start = p.starts[a]
    if len(toks) == 1 and any(ch.isdigit() for ch in toks[0]):
        # COVID-19, S-500: a named thing, a theme; it takes the noun after it ("COVID-19 pandemic")
        if b < len(p.toks) and p.gaps[b] in (" ", "] ") and word_class(p.lows[b])[0] == "N" \
                and p.lows[b] not in lx.GENERIC_NOUNS and not p.toks[b][0].isupper():
            end = p.ends[b]
        out.append(("P", start, end, toks[0]))
        return
    cue, span = _cue(p, a)
    if cue is None and len(toks) > 1 and not initial and all(is_common(t) for t in toks):
        out.append(("P", start, end, " ".join(toks)))  # "Cold War"
        return
    hint = ""
    before = p.word_before(a)
    after = p.lows[b] if b < len(p.toks) and p.gaps[b] == " " and not p.toks[b][0].isupper() else ""
    if after in lx.ORG_NOUNS:
        hint = "org"
    elif after in lx.PLACE_NOUNS or (before == "of" and a >= 2 and p.lows[a - 2] in lx.PLACE_OF):
        hint = "place"
    elif (len(toks) == 1 and toks[0].isupper()) or (cue is None and any(t in ("of", "the", "and") for t in toks)):
        hint = "org"
    elif cue is not None:
        hint = "person"
    if not hint and cue is None and len(toks) > 1 and (before in DETERMINERS or before == "at"):
        hint = "org"  # "the Nord Stream pipeline", "analysts at Goldman Sachs": people take no article
    det = before in DETERMINERS
    prep = before in LOCATIVE
    out.append(("N", p.starts[span], end, start, toks, initial, cue, hint, det, prep))


def _roles(p: Paragraph, out: list) -> None:
    """'the Russian president', 'the Chinese leader', 'Russian President said': a title standing alone."""
    n = len(p.toks)
    if ROLE_WORDS.isdisjoint(p.lows):
        return
    for k in range(1, n):
        low = p.lows[k]
        if low not in ROLE_WORDS:
            continue
        office = None
        if low in lx.OFFICE_WORDS:
            office = low
            first = k
            if low == "leader" and p.lows[k - 1] == "supreme":
                office, first = "supreme leader", k - 1
        elif low == "minister" and p.lows[k - 1] in OFFICE_QUALIFIERS:
            office, first = f"{p.lows[k - 1]} minister".replace("defense", "defence"), k - 1
        if office is None:
            continue
        if k + 1 < n and p.caps[k + 1] and p.gaps[k + 1] == " " and p.entity[k + 1] is None:
            continue  # a title before a name is the name's cue, not a reference on its own
        g = first - 1
        if g < 0 or p.gaps[first] != " ":
            continue
        entry = p.entity[g]
        if entry is None or entry.kind != "place" or not entry.adjective and p.toks[g] == p.bases[g]:
            continue
        if p.lows[g - 1] in NOT_OFFICE_HOLDER if g >= 1 else False:
            continue
        start = p.starts[g]
        if g >= 1 and p.lows[g - 1] == "the" and p.gaps[g] == " ":
            start = p.starts[g - 1]
        end = p.starts[k] + len(p.bases[k])
        out.append(("R", start, end, entry.key, office))


# ------------------------------------------------------------------------------------------ themes
def _themes(p: Paragraph, out: list, vocab: set[str]) -> None:
    """Runs of nouns and adjectives, each read by _phrase: a run ends at a word of another class,
    at anything but a space between words, and after a possessive."""
    classes = p.classes
    if True in p.unknown:
        vocab.update(compress(p.lows, p.unknown))
    # A capitalised dictionary word starting a sentence or in a headline may be a theme's word.
    patched = None
    # Outside a headline only sentence starts qualify, and every one of them is capitalised.
    candidates = p.ups if p.headline else p.initial
    if True in candidates:
        toks, lows, bases, entity = p.toks, p.lows, p.bases, p.entity
        k = -1
        try:
            while True:
                k = candidates.index(True, k + 1)
                tok = toks[k]
                if entity[k] is None and tok[0].isalpha() and "'" not in bases[k] \
                        and "’" not in bases[k] and is_common(tok) and not tok.isupper() \
                        and lows[k] not in lx.TITLE_NOUNS:
                    cls = word_class(lows[k])[0]
                    if cls == "N" or cls == "J":
                        if patched is None:
                            patched = list(classes)
                        patched[k] = cls if tok == bases[k] else cls.lower()
        except ValueError:
            pass
    if patched is not None:
        classes = patched
    gaps = p.gaps
    for m in RUN_OF_CLASSES.finditer("".join(classes)):
        a, b = m.span()
        if b - a == 1:
            _phrase1(p, a, out)
            continue
        seq = [a]
        for k in range(a + 1, b):
            if classes[k - 1] in "nj" or gaps[k] != " ":
                _phrase(p, seq, out) if len(seq) > 1 else _phrase1(p, seq[0], out)
                seq = [k]
            else:
                seq.append(k)
        _phrase(p, seq, out) if len(seq) > 1 else _phrase1(p, seq[0], out)


def _known(low: str) -> bool:
    return bool(word_flags(low))


def _phrase(p: Paragraph, seq: list[int], out: list) -> None:
    # "they help build business", "bolstering economic cooperation": leading verbs are not the phrase
    stripped = False
    while len(seq) > 1:
        k = seq[0]
        low = p.lows[k]
        if not _verb_too(low):
            break
        if low.endswith("ing") or stripped:
            seq, stripped = seq[1:], True
            continue
        before = p.lows[k - 1] if k > 0 and p.gaps[k] == " " else ""
        if before.endswith(("n't", "n’t")) or (before in SUBJECTS and p.toks[k - 1] == p.bases[k - 1]):  # not "it's"
            seq, stripped = seq[1:], True
        else:
            break
    classes = [word_class(p.lows[k]) for k in seq]
    dropped_head = None
    # the noun phrase ends at its last noun; generic heads and modifiers fall away
    while classes and (classes[-1][0] != "N" or _generic(p.lows[seq[-1]], classes[-1][1])):
        if classes[-1][0] == "N" and dropped_head is None:
            dropped_head = seq[-1]
        seq, classes = seq[:-1], classes[:-1]
    if not seq:
        # "trading partner": the activity a gerund names before a generic head ("trade")
        if dropped_head is not None and dropped_head > 0 and p.gaps[dropped_head] == " ":
            k = dropped_head - 1
            noun = _gerund_noun(p.lows[k])
            if noun and not p.toks[k][0].isupper() and noun not in lx.GENERIC_NOUNS:
                out.append(("T", p.starts[k], p.ends[dropped_head], (noun,), 1, _context(p, k, k)))
        return
    seq, classes = seq[-3:], classes[-3:]
    while len(seq) > 1 and (_generic(p.lows[seq[0]], classes[0][1])
                            or (p.lows[seq[0]] in lx.TITLE_WORDS and classes[0][0] == "J")):
        seq, classes = seq[1:], classes[1:]
    # "this work benefits both", "it helps us": a last word with an object after it is a verb
    after = seq[-1] + 1
    if len(seq) > 1 and after < len(p.toks) and p.gaps[after] == " " and p.lows[after] in OBJECTS \
            and _verb_too(p.lows[seq[-1]]):
        seq, classes = seq[:-1], classes[:-1]
        while seq and (classes[-1][0] != "N" or _generic(p.lows[seq[-1]], classes[-1][1])):
            seq, classes = seq[:-1], classes[:-1]
        if not seq:
            return
    head = classes[-1][1]
    if _bad_head(head):
        return
    first = seq[0]
    start, end = p.starts[first], p.ends[seq[-1]]
    if len(seq) == 1 and first > 0 and p.gaps[first] == " " and _organisation_theme(p, first, end, head, out):
        return
    if len(seq) == 1 and len(classes) == 1 and _verb_too(p.lows[first]):
        before = p.lows[first - 1] if first > 0 and p.gaps[first] == " " else ""
        if before not in lx.BEFORE_NOUNS and not (p.initial[first] and before == ""):
            return  # "it helps", "they talk": a verb here
    key = tuple(c[1] if c[0] == "N" else p.lows[k] for k, c in zip(seq, classes))
    out.append(("T", start, end, key, len(seq), _context(p, first, seq[-1])))


def _organisation_theme(p: Paragraph, k: int, end: int, head: str, out: list) -> bool:
    """"NATO expansion", "NATO's expansion": an organisation's doing is one theme. Adds it when the
    token before the one-word phrase at k names an organisation (or looks like one: all capitals)."""
    org = p.entity[k - 1]
    prev = p.toks[k - 1]
    if org is not None and org.kind == "organisation":
        key = "@" + org.key
    elif prev.isupper() and len(prev) >= 2 and org is None and p.caps[k - 1]:
        key = "@org:" + prev
    else:
        return False
    out.append(("T", p.starts[k - 1], end, (key, head), 2, _context(p, k - 1, k)))
    return True


@lru_cache(maxsize=1 << 16)
def _single(low: str):
    """What _phrase makes of a one-word phrase: 0 nothing, 1 a generic noun (a gerund before it
    may name the theme: "trading partner"), or (lemma, can it be a verb) for a noun theme."""
    cls, lemma = word_class(low)
    if cls != "N":
        return 0
    if _generic(low, lemma):
        return 1
    if _bad_head(lemma):
        return 0
    return lemma, _verb_too(low)


@lru_cache(maxsize=1 << 16)
def _bad_head(head: str) -> bool:
    """Too short, or with a digit, to head a theme."""
    return len(head) < 3 or any(ch.isdigit() for ch in head)


def _phrase1(p: Paragraph, k: int, out: list) -> None:
    """_phrase of the one-word phrase at token k (most phrases are one word), the same, faster."""
    info = _single(p.lows[k])
    spaced = k > 0 and p.gaps[k] == " "
    if type(info) is int:
        if info == 1 and spaced:
            g = k - 1
            noun = _gerund_noun(p.lows[g])
            if noun and not p.toks[g][0].isupper() and noun not in lx.GENERIC_NOUNS:
                out.append(("T", p.starts[g], p.ends[k], (noun,), 1, _context(p, g, g)))
        return
    head, verb = info
    end = p.ends[k]
    if spaced and _organisation_theme(p, k, end, head, out):
        return
    if verb:
        before = p.lows[k - 1] if spaced else ""
        if before not in lx.BEFORE_NOUNS and not (p.initial[k] and before == ""):
            return  # "it helps", "they talk": a verb here
    out.append(("T", p.starts[k], end, (head,), 1, _context(p, k, k)))


QUOTE_MARK = re.compile("[%s]" % re.escape("".join(sorted(DOUBLE | SINGLE))))


def _quoted_without_context(text: str, out: list) -> None:
    """A keyphrase inside quotation marks loses its context: the words are the speaker's, and one
    statement that several outlets carry comes back in as many translations ("helps in business",
    "build good business ties"), which would otherwise look like a theme written in many contexts.
    The quotes are the cross-source view's (stories/quotes.py), read within this paragraph."""
    if not QUOTE_MARK.search(text) or not any(c[0] == "T" for c in out):
        return
    spans = sorted((s, e) for raw in find_raw_quotes(((0, text),)) for _, s, e in raw.parts)
    if not spans:
        return
    starts = [s for s, _ in spans]
    for i, c in enumerate(out):
        if c[0] == "T":
            j = bisect_right(starts, c[1]) - 1
            if j >= 0 and c[2] <= spans[j][1]:
                out[i] = c[:5] + (None,)


def _context(p: Paragraph, a: int, b: int) -> tuple[str, str]:
    """The words either side of tokens a..b (empty at punctuation): the same quote carried by many
    outlets has the same context every time, a theme the dossier keeps coming back to has many."""
    before = p.lows[a - 1] if a > 0 and p.gaps[a] == " " else ""
    after = p.lows[b + 1] if b + 1 < len(p.toks) and p.gaps[b + 1] == " " else ""
    return before, after


@lru_cache(maxsize=1 << 16)
def _verb_too(low: str) -> bool:
    return bool(word_flags(low) & VERB)


@lru_cache(maxsize=1 << 14)
def _gerund_noun(low: str) -> str | None:
    """'trading' -> 'trade': the noun of a gerund, when English has one."""
    if not low.endswith("ing"):
        return None
    if not word_flags(low) & VERB:
        return None
    verb = tables().verb.get(low, low)
    if not word_flags(verb) & NOUN:
        return None
    return tables().noun.get(verb, verb)


NOT_THEME_HEADS = lx.GENERIC_NOUNS | lx.NOT_THEMES


def _generic(low: str, lemma: str) -> bool:
    return low in NOT_THEME_HEADS or lemma in NOT_THEME_HEADS
