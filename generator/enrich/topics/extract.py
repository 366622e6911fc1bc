"""First pass, one article at a time: tokens, capitalised runs read against the gazetteer and the
title words, title-only references ("the Russian president"), keyphrase candidates.

It needs nothing from other articles, so it runs in worker processes; the second pass (resolve.py)
decides with the whole dossier in view. Candidates are plain tuples, cheap to send between processes.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon as lx
from .gazetteer import Entry, gazetteer, norm_token
from .tables import ADJ, NOUN, VERB, tables

TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K.
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*(?:-?\d+)?(?:-(?:[^\W\d_]+(?:['’][^\W\d_]+)*|\d+))*"  # words, high-tech, COVID-19
    r"|\d+(?:[.,:]\d+)*"
)
# Characters between two words that start a new sentence (or a quotation, a bracket, a heading).
BOUNDARY = frozenset(".!?:;“\"‘«»([–—|•›…")
# Words after which a word that can be a verb is one: "they help", "to build", "will trade".
SUBJECTS = frozenset({"i", "we", "you", "he", "she", "it", "they", "who", "which", "that", "to", "will", "would",
                      "can", "could", "should", "may", "might", "must", "shall", "did", "does", "do", "also",
                      "not", "never", "always", "often", "still", "just", "already", "then"})
OBJECTS = frozenset({"the", "a", "an", "both", "us", "them", "him", "her", "it", "its", "his", "their", "our",
                     "my", "your", "me", "this", "these", "those", "all", "each", "every"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
LOCATIVE = frozenset({"in", "from", "near", "into", "across", "towards", "toward", "outside", "inside"})
OFFICE_QUALIFIERS = frozenset({"prime", "foreign", "defence", "defense", "finance", "supreme"})
NOT_OFFICE_HOLDER = frozenset({"deputy", "vice", "former", "ex", "late", "acting", "then", "future", "next",
                               "previous", "outgoing", "incoming"})

# Candidate tuples (first field says which; start and end are offsets of the mention in its paragraph):
#   ("E", line, start, end, key, name, kind, initial, whole_run, common)   a gazetteer place or organisation
#   ("N", line, start, end, name_start, tokens, initial, cue, hint, det, prep)   a name to resolve
#       initial: 0 mid-sentence, 1 starts a sentence, 2 in a headline; cue: (country key, title)
#       when a title stands before it; hint: "", "org", "place" or "person"; det: "the"/"a" before
#       it; prep: "in"/"from" before it
#   ("O", line, start, end, name, country_key, rest)       an organisation by its head word ("Defence Ministry")
#   ("R", line, start, end, country_key, office)           a title standing for its holder
#   ("T", line, start, end, key, words, context)           a keyphrase (key: lemmas; context: the words around it)
#   ("P", line, start, end, name)                          a capitalised theme ("COVID-19", "Cold War"),
#                                                          or "@place:NAME" for a place by its head word
#   ("C", line, start, end, index)                         a curated topic's name or alias, as written
#   ("A", line, end, acronym_start)                        a name ending at `end` defined by the acronym after it


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


class Paragraph:
    """Tokens of one paragraph with what the rules need to know about each."""

    __slots__ = ("text", "starts", "ends", "toks", "bases", "lows", "caps", "initial", "entity", "headline")

    def __init__(self, text: str):
        self.text = text
        spans = [m.span() for m in TOKEN.finditer(text)]
        toks = [text[a:b] for a, b in spans]
        if any("-" in t and t[0].isupper() for t in toks):
            spans, toks = _split_hyphenated(spans, toks)
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        self.starts, self.ends, self.toks = starts, ends, toks
        self.bases = [t[:-2] if t.endswith(POSSESSIVE_S) and len(t) > 3 else t for t in toks]
        self.lows = [b.lower() for b in self.bases]
        n = len(toks)
        self.caps = [False] * n
        self.initial = [False] * n
        self.entity: list[Entry | None] = [None] * n
        upper = 0
        never = lx.NEVER_NAMES
        for i, tok in enumerate(toks):
            if not tok[0].isupper():
                continue  # only capitalised words need to know whether they start a sentence
            upper += 1
            self.caps[i] = len(tok) > 1 and tok not in never and self.bases[i] not in never and "&" not in tok
            if i == 0:
                self.initial[i] = True
            else:
                gap = text[ends[i - 1]:starts[i]]
                if gap != " " and not BOUNDARY.isdisjoint(gap):
                    self.initial[i] = not (gap.startswith(".") and toks[i - 1] in lx.ABBREVIATIONS)
        # A headline capitalises its dictionary words ("Jointly Developing High-Tech Weapons");
        # a sentence full of names does not.
        self.headline = False
        stripped = text.rstrip().rstrip("”\"’'")
        sentence = stripped.endswith(".") and not stripped.endswith("..")  # headlines end without a full stop
        if upper >= 2 and upper * 3 >= n and not sentence:
            words = [t for t in toks if len(t) >= 4 and t[0].isalpha() and is_common(t.split("-")[0])]
            capital = sum(1 for t in words if t[0].isupper())
            self.headline = capital >= 2 and capital / len(words) >= 0.6

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        return self.text[self.ends[i - 1]:self.starts[i]] if i > 0 else self.text[: self.starts[0]]

    def word_before(self, i: int) -> str:
        """The lowercase word right before token i when only a space separates them."""
        if i > 0 and self.gap(i) == " ":
            return self.lows[i - 1]
        return ""


def scan_article(slug: str, paragraphs, curated_re: re.Pattern | None) -> tuple[list[tuple], set[str]]:
    """Every candidate in one article, and the words it uses in lowercase that no dictionary knows."""
    out: list[tuple] = []
    vocab: set[str] = set()
    for line, text in paragraphs:
        if not text or not text.strip():
            continue
        if curated_re is not None:
            for m in curated_re.finditer(text):
                out.append(("C", line, m.start(), m.end(), m.lastindex - 1))
        p = Paragraph(text)
        if not p.toks:
            continue
        letters = [t for t in p.toks if t[0].isalpha()]
        if len(letters) >= 2 and all(t.isupper() for t in letters):
            continue  # LEAVE A REPLY: a shouted label, not a sentence
        _runs(p, line, out)
        _roles(p, line, out)
        _themes(p, line, out, vocab)
    return out, vocab


# ----------------------------------------------------------------------------------- capitalised runs
def _runs(p: Paragraph, line: int, out: list) -> None:
    n = len(p.toks)
    i = 0
    while i < n:
        if not p.caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            gap = p.gap(j)
            if p.caps[j] and gap in (" ", "-") and not p.initial[j]:
                j += 1
                continue
            # "Ministry of Foreign Affairs", "People's Republic of China"; "Ursula von der Leyen"
            if gap == " " and p.lows[j] == "of" and p.bases[j - 1] in lx.CONNECT_AFTER:
                k = j + 1 + (1 if j + 1 < n and p.lows[j + 1] == "the" else 0)
                if k < n and p.caps[k] and p.gap(k) == " ":
                    j = k + 1
                    continue
            if gap == " " and p.toks[j] in lx.NAME_PARTICLES and not p.toks[j][0].isupper():
                k = j + 1
                while k < n and p.toks[k] in lx.NAME_PARTICLES and p.gap(k) == " ":
                    k += 1
                if k < n and p.caps[k] and p.gap(k) == " ":
                    j = k + 1
                    continue
            break
        _run(p, i, j, line, out)
        _acronym(p, i, j, line, out)
        i = j


def _acronym(p: Paragraph, i: int, j: int, line: int, out: list) -> None:
    """'the Federal Security Service (FSB)': the acronym in brackets names what the run names."""
    if j >= len(p.toks) or j - i < 2 or p.gap(j) != " (":
        return
    acr = p.toks[j]
    if not (acr.isupper() and 2 <= len(acr) <= 8 and p.text[p.ends[j]:p.ends[j] + 1] == ")"):
        return
    initials = [t[0] for t in p.toks[i:j] if t[0].isupper()]
    if initials and acr[0] == initials[0] and len(acr) <= len(initials) + 2:
        out.append(("A", line, p.ends[j - 1], p.starts[j]))


def _segment(p: Paragraph, i: int, j: int) -> list[tuple[str, int, int, Entry | None]]:
    """Label the tokens of a run: G gazetteer entry, T title word, H organisation head, L place head,
    W common word (at a sentence start or in a headline), N other (a name's word), K connector."""
    g = gazetteer()
    segs: list[tuple[str, int, int, Entry | None]] = []
    k = i
    whole = j - i
    while k < j:
        if not p.toks[k][0].isupper():
            segs.append(("K", k, k + 1, None))
            k += 1
            continue
        found = None
        for length in range(min(g.longest, j - k), 0, -1):
            raw = tuple(norm_token(t) for t in p.toks[k:k + length])
            entry = g.lookup(raw) or g.lookup(raw[:-1] + (norm_token(p.bases[k + length - 1]),))
            if entry is None:
                continue
            if entry.whole_run and length != whole:
                continue
            if entry.needs_the and p.word_before(k) != "the":
                continue
            if entry.adjective and p.bases[k + length - 1] in lx.ADJECTIVE_ONLY and k + length < j:
                continue
            if entry.city and k + length < j and p.gap(k + length) == " " \
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
                and p.gap(segs[x + 1][1]) == " ":
            segs[x] = ("T", segs[x][1], segs[x][2], None)
    return segs


def _run(p: Paragraph, i: int, j: int, line: int, out: list) -> None:
    segs = _segment(p, i, j)
    # Leading words of a sentence that a dictionary knows are not names ("Earlier", "Reports").
    while segs and segs[0][0] in ("W", "K"):
        segs.pop(0)
    dictionary_words = any(s[0] == "W" for s in segs)
    if not segs:
        return
    initial = 2 if p.headline else 1 if p.initial[segs[0][1]] else 0
    for kind, a, b, entry in segs:
        if entry is not None:
            for k in range(a, b):
                p.entity[k] = entry
    first, last = segs[0], segs[-1]

    # An organisation or place named by its head word: "Russian Defence Ministry", "Pacific Fleet".
    if last[0] in ("H", "L") and len(segs) > 1 and not dictionary_words:
        start, end = p.starts[first[1]], p.ends[last[1]]
        country = ""
        for kind, a, b, entry in segs:
            if kind == "G" and entry.kind == "place" and (entry.adjective or p.bases[b - 1] != p.toks[b - 1]):
                if not country:
                    country = entry.key
                if last[0] == "H":
                    _entity(p, a, b, entry, line, out)
            elif kind != "G":
                break
        name = p.text[start:end]
        if last[0] == "H":
            rest_from = next((s[1] for s in segs if not (s[0] == "G" and s[3].kind == "place" and (
                s[3].adjective or p.bases[s[2] - 1] != p.toks[s[2] - 1]))), first[1])
            rest = " ".join(p.bases[rest_from:last[2]])
            out.append(("O", line, start, end, name, country, rest))
        else:
            out.append(("P", line, start, end, "@place:" + name))
        return

    # Otherwise left to right: entities, titles, names.
    idx = 0
    while idx < len(segs):
        kind, a, b, entry = segs[idx]
        if kind == "G":
            _entity(p, a, b, entry, line, out, initial=initial if a == first[1] else 0)
            idx += 1
            continue
        if kind in ("N", "H", "L"):
            # a name: consecutive name words, split where a hyphen joined them (Xi-Putin) and at a
            # headline's dictionary words ("Jointly Developing")
            end_idx = idx
            while (end_idx + 1 < len(segs) and segs[end_idx + 1][0] in ("N", "K", "H", "L")
                   and p.gap(segs[end_idx + 1][1]) != "-"):
                end_idx += 1
            while end_idx > idx and segs[end_idx][0] == "K":
                end_idx -= 1
            a, b = segs[idx][1], segs[end_idx][2]
            _name(p, a, b, line, out, initial=initial if a == first[1] or initial == 2 else 0)
            idx = end_idx + 1
            continue
        idx += 1  # titles (T) and connectors are read by the names and roles that follow them


def _entity(p: Paragraph, a: int, b: int, entry: Entry, line: int, out: list, initial: int = 0) -> None:
    start, end = p.starts[a], p.starts[b - 1] + len(p.bases[b - 1])
    if entry.with_the and p.word_before(a) == "the":
        start = p.starts[a - 1]
    common = b - a == 1 and is_common(p.bases[a])
    out.append(("E", line, start, end, entry.key, entry.name, entry.kind, initial, entry.whole_run, common))


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
        if p.gap(k + 1) not in (" ", "-"):
            break
        low = p.lows[k]
        entry = p.entity[k]
        if entry is not None and entry.kind == "place":
            while k - 1 >= 0 and p.entity[k - 1] is entry and p.gap(k) == " ":
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
        if in_run and titles and p.caps[k] and entry is None and p.gap(k + 1) == " " and titles[0] in lx.TITLE_NOUNS:
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


def _name(p: Paragraph, a: int, b: int, line: int, out: list, *, initial: int) -> None:
    toks = tuple(norm_token(t) for t in p.bases[a:b] if t[0].isupper() or t in lx.NAME_PARTICLES)
    if not toks:
        return
    end = p.starts[b - 1] + len(p.bases[b - 1])
    start = p.starts[a]
    if len(toks) == 1 and any(ch.isdigit() for ch in toks[0]):
        # COVID-19, S-500: a named thing, a theme; it takes the noun after it ("COVID-19 pandemic")
        if b < len(p.toks) and p.gap(b) in (" ", "] ") and word_class(p.lows[b])[0] == "N" \
                and p.lows[b] not in lx.GENERIC_NOUNS and not p.toks[b][0].isupper():
            end = p.ends[b]
        out.append(("P", line, start, end, toks[0]))
        return
    cue, span = _cue(p, a)
    if cue is None and len(toks) > 1 and not initial and all(is_common(t) for t in toks):
        out.append(("P", line, start, end, " ".join(toks)))  # "Cold War"
        return
    hint = ""
    before = p.word_before(a)
    after = p.lows[b] if b < len(p.toks) and p.gap(b) == " " and not p.toks[b][0].isupper() else ""
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
    out.append(("N", line, p.starts[span], end, start, toks, initial, cue, hint, det, prep))


def _roles(p: Paragraph, line: int, out: list) -> None:
    """'the Russian president', 'the Chinese leader', 'Russian President said': a title standing alone."""
    n = len(p.toks)
    for k in range(1, n):
        low = p.lows[k]
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
        if k + 1 < n and p.caps[k + 1] and p.gap(k + 1) == " " and p.entity[k + 1] is None:
            continue  # a title before a name is the name's cue, not a reference on its own
        g = first - 1
        if g < 0 or p.gap(first) != " ":
            continue
        entry = p.entity[g]
        if entry is None or entry.kind != "place" or not entry.adjective and p.toks[g] == p.bases[g]:
            continue
        if p.lows[g - 1] in NOT_OFFICE_HOLDER if g >= 1 else False:
            continue
        start = p.starts[g]
        if g >= 1 and p.lows[g - 1] == "the" and p.gap(g) == " ":
            start = p.starts[g - 1]
        end = p.starts[k] + len(p.bases[k])
        out.append(("R", line, start, end, entry.key, office))


# ------------------------------------------------------------------------------------------ themes
def _themes(p: Paragraph, line: int, out: list, vocab: set[str]) -> None:
    n = len(p.toks)
    seq: list[int] = []  # token indices of the current run of adjectives and nouns
    for k in range(n + 1):
        cls = None
        if k < n:
            tok = p.toks[k]
            low = p.lows[k]
            is_word = tok[0].isalpha() and "'" not in p.bases[k] and "’" not in p.bases[k]
            if is_word and not tok[0].isupper():
                cls, _ = word_class(low)
                if cls == "N" and not _known(low):
                    vocab.add(low)
            elif is_word and p.entity[k] is None and (p.initial[k] or p.headline) and is_common(tok) \
                    and not tok.isupper() and low not in lx.TITLE_NOUNS:
                cls, _ = word_class(low)
            if cls in ("N", "J") and seq and p.gap(k) != " ":
                _phrase(p, seq, line, out)
                seq = []
        if cls in ("N", "J"):
            seq.append(k)
            if p.toks[k] != p.bases[k]:  # a possessive ends the phrase: "the country's leaders"
                _phrase(p, seq, line, out)
                seq = []
        elif seq:
            _phrase(p, seq, line, out)
            seq = []


def _known(low: str) -> bool:
    return bool(word_flags(low))


def _phrase(p: Paragraph, seq: list[int], line: int, out: list) -> None:
    # "they help build business", "bolstering economic cooperation": leading verbs are not the phrase
    stripped = False
    while len(seq) > 1:
        k = seq[0]
        low = p.lows[k]
        before = p.lows[k - 1] if k > 0 and p.gap(k) == " " else ""
        if low.endswith("ing") and _verb_too(low):
            seq, stripped = seq[1:], True
        elif _verb_too(low) and (stripped or before.endswith(("n't", "n’t"))
                                 or (before in SUBJECTS and p.toks[k - 1] == p.bases[k - 1])):  # not "it's"
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
        if dropped_head is not None and dropped_head > 0 and p.gap(dropped_head) == " ":
            k = dropped_head - 1
            noun = _gerund_noun(p.lows[k])
            if noun and not p.toks[k][0].isupper() and noun not in lx.GENERIC_NOUNS:
                out.append(("T", line, p.starts[k], p.ends[dropped_head], (noun,), 1, _context(p, k, k)))
        return
    seq, classes = seq[-3:], classes[-3:]
    while len(seq) > 1 and (_generic(p.lows[seq[0]], classes[0][1])
                            or (p.lows[seq[0]] in lx.TITLE_WORDS and classes[0][0] == "J")):
        seq, classes = seq[1:], classes[1:]
    # "this work benefits both", "it helps us": a last word with an object after it is a verb
    after = seq[-1] + 1
    if len(seq) > 1 and after < len(p.toks) and p.gap(after) == " " and p.lows[after] in OBJECTS \
            and _verb_too(p.lows[seq[-1]]):
        seq, classes = seq[:-1], classes[:-1]
        while seq and (classes[-1][0] != "N" or _generic(p.lows[seq[-1]], classes[-1][1])):
            seq, classes = seq[:-1], classes[:-1]
        if not seq:
            return
    head = classes[-1][1]
    if len(head) < 3 or any(ch.isdigit() for ch in head):
        return
    first = seq[0]
    start, end = p.starts[first], p.ends[seq[-1]]
    # "NATO expansion", "NATO's expansion": an organisation's doing is one theme
    if len(seq) == 1 and first > 0 and p.gap(first) == " ":
        org = p.entity[first - 1]
        prev = p.toks[first - 1]
        if org is not None and org.kind == "organisation":
            out.append(("T", line, p.starts[first - 1], end, ("@" + org.key, head), 2, _context(p, first - 1, first)))
            return
        if prev.isupper() and len(prev) >= 2 and org is None and p.caps[first - 1]:
            out.append(("T", line, p.starts[first - 1], end, ("@org:" + prev, head), 2, _context(p, first - 1, first)))
            return
    if len(seq) == 1 and len(classes) == 1 and _verb_too(p.lows[first]):
        before = p.lows[first - 1] if first > 0 and p.gap(first) == " " else ""
        if before not in lx.BEFORE_NOUNS and not (p.initial[first] and before == ""):
            return  # "it helps", "they talk": a verb here
    key = tuple(c[1] if c[0] == "N" else p.lows[k] for k, c in zip(seq, classes))
    out.append(("T", line, start, end, key, len(seq), _context(p, first, seq[-1])))


def _context(p: Paragraph, a: int, b: int) -> tuple[str, str]:
    """The words either side of tokens a..b (empty at punctuation): the same quote carried by many
    outlets has the same context every time, a theme the dossier keeps coming back to has many."""
    before = p.lows[a - 1] if a > 0 and p.gap(a) == " " else ""
    after = p.lows[b + 1] if b + 1 < len(p.toks) and p.gap(b + 1) == " " else ""
    return before, after


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


def _generic(low: str, lemma: str) -> bool:
    return low in lx.GENERIC_NOUNS or lemma in lx.GENERIC_NOUNS or low in lx.NOT_THEMES or lemma in lx.NOT_THEMES
