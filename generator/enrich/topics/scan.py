"""One article's candidates (extract.py) arranged for the dossier-wide pass: grouped by what they
could become, each mention with its text, and pre-counted, so that the whole dossier's counts are
sums of these and a changed article changes them by its own share only.

A Scan is made in a worker process (and kept by the preview server's memo between builds); it is
never changed afterwards.
"""
from __future__ import annotations

import re
from collections import defaultdict

from . import lexicon as lx
from .extract import scan_paragraph
from .names import office_of, org_key, translit_key


class Scan:
    """What the dossier-wide pass reads of one article. A mention is (slug, line, start, end, text),
    a plain tuple until it is kept (sending Mention objects between processes costs three times more).

    ents     gazetteer key -> (display name, mentions)
    orgs     "org:COUNTRY|REST" -> mentions           an organisation by its head word
    props    "place:NAME" or "=NAME" -> mentions       a place by its head word, a capitalised theme
    names    ((tokens, initial, has_cue, hint, det, prep), (country, office) or None, mention), ...
    roles    (country key, office, mention), ...       a title standing for its holder
    themes   keyphrase key -> mentions; contexts: key -> its distinct contexts here outside quotation marks
    curated  curated topic index -> mentions
    links    (line, end of the long name, start of the acronym), ...
    vocab    lowercase nouns no dictionary knows
    """

    __slots__ = ("slug", "ents", "orgs", "props", "names", "roles", "themes", "contexts", "curated", "links",
                 "vocab", "sigs", "keyphrases", "full_names", "family_keys", "eq_keys", "offices")

    def __init__(self, slug: str):
        self.slug = slug

    # Scans are compared by identity (the memo hands back the same object for an unchanged article).
    def __getstate__(self):
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state):
        for name, value in zip(self.__slots__, state):
            object.__setattr__(self, name, value)


# Equal strings and keys made by different articles are made the same object: the Scans of a
# worker's share of the dossier then travel to the main process (pickle writes an object once)
# and sit in its memory a good deal smaller. find_topics empties it when it is done.
SHARED: dict = {}
SAME_LIMIT = 1 << 20


def scan(slug: str, paragraphs, curated_re: re.Pattern | None, memo: dict | None = None) -> Scan:
    """The Scan of one article (its paragraphs as (line, text), the title first). `memo` keeps
    each paragraph's candidates by its text, for paragraphs that several articles print word for
    word (agency copy, a statement quoted whole): give the same dict only with the same curated_re."""
    texts = dict(paragraphs)  # a repeated line number reads the last paragraph given for it
    if len(SHARED) > SAME_LIMIT:
        SHARED.clear()
    same = SHARED.setdefault  # same(value, value): the first equal object kept
    ents: dict[str, tuple[str, list]] = {}
    orgs: dict[str, list] = defaultdict(list)
    props: dict[str, list] = defaultdict(list)
    themes: dict[tuple, list] = defaultdict(list)
    contexts: dict[tuple, set] = defaultdict(set)
    curated: dict[int, list] = defaultdict(list)
    names, roles, links, keyphrases = [], [], [], []
    vocab: set[str] = set()
    for line, paragraph in paragraphs:
        if not paragraph or paragraph.isspace():  # what strip() would empty, without the copy
            continue
        found = memo.get(paragraph) if memo is not None else None
        if found is None:
            found = scan_paragraph(paragraph, curated_re)
            if memo is not None:
                memo[paragraph] = found
        cands, words = found
        vocab |= words
        text = texts[line]
        for c in cands:
            tag = c[0]
            if tag == "A":
                links.append((line, c[1], c[2]))
                continue
            written = text[c[1]:c[2]]
            mention = (slug, line, c[1], c[2], same(written, written))
            if tag == "T":
                key = same(c[3], c[3])
                themes[key].append(mention)
                found_in = contexts[key]  # present even when every mention is quoted
                if c[5] is not None:
                    found_in.add(same(c[5], c[5]))
                keyphrases.append(key)
            elif tag == "E":
                _, _, _, key, name, _, initial, whole_run, common = c
                if whole_run and common and initial:
                    continue  # "Reading the report, ...": a city's name that is also a word, starting a sentence
                held = ents.get(key)
                if held is None:
                    ents[key] = (name, [mention])
                else:
                    held[1].append(mention)
            elif tag == "N":
                toks, initial, cue, hint, det, prep = c[4], c[5], c[6], c[7], c[8], c[9]
                office = office_of(cue[1]) if cue else None
                sig = (toks, initial, cue is not None, hint, det, prep)
                names.append((same(sig, sig),
                              (cue[0], office) if office and cue[0] else None, mention))
            elif tag == "O":
                orgs[f"org:{c[4]}|{org_key(c[5])}"].append(mention)
            elif tag == "P":
                name = c[3]
                props["place:" + name[7:] if name.startswith("@place:") else "=" + name].append(mention)
            elif tag == "R":
                roles.append((c[3], c[4], mention))
            elif tag == "C":
                curated[c[3]].append(mention)
    s = Scan(slug)
    s.ents = {key: (name, tuple(ms)) for key, (name, ms) in ents.items()}
    s.orgs = {key: tuple(ms) for key, ms in orgs.items()}
    s.props = {key: tuple(ms) for key, ms in props.items()}
    s.names = tuple(names)
    s.roles = tuple(roles)
    s.themes = {key: tuple(ms) for key, ms in themes.items()}
    s.contexts = {key: tuple(sorted(found)) for key, found in contexts.items()}
    s.curated = {key: tuple(ms) for key, ms in curated.items()}
    s.links = tuple(links)
    s.vocab = frozenset(vocab)
    s.keyphrases = tuple(keyphrases)  # one per candidate, for counting
    # What the dossier-wide decisions are looked up by, to find the articles a changed decision concerns.
    s.sigs = tuple(n[0] for n in names)
    s.full_names = frozenset(sig[0] for sig in s.sigs if len(sig[0]) >= 2)
    s.family_keys = frozenset(translit_key(sig[0][0]) for sig in s.sigs if len(sig[0]) == 1)
    s.eq_keys = frozenset(key for key in s.props if key.startswith("="))
    s.offices = frozenset((country, o) for country, office, _ in roles
                          for o in (lx.HEAD_OF_STATE if office == "leader" else (office,)))
    return s
