"""Second pass, with the whole dossier in view: which candidates are names, who a surname or a
title stands for, which keyphrases are themes, and how curated topics take over found ones.

Everything that compares names goes through keyed indexes (a surname's transliteration key, an
office and its country, a theme's head word), never through all pairs of topics.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon as lx
from .extract import is_common

SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})


@dataclass
class Draft:
    """A topic being assembled."""

    key: str
    kind: str
    mentions: list[tuple[str, int, int, int, str]] = field(default_factory=list)  # slug, line, start, end, text
    name: str = ""
    description: str = ""
    forms: Counter = field(default_factory=Counter)  # surface forms, for the display name

    def add(self, slug: str, line: int, start: int, end: int, text: str) -> None:
        self.mentions.append((slug, line, start, end, text))
        self.forms[text] += 1  # as written; clean_form() when read


BRACKETS = re.compile(r"[\[\]]")
SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def clean_form(text: str) -> str:
    """A surface form as an alias: brackets and possessives off, spaces single."""
    text = SPACES.sub(" ", BRACKETS.sub("", text)).strip()
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text


def translit_key(word: str) -> str:
    """One key for the spellings of a transliterated name: Yuri/Yury, Alexey/Aleksei, Navalny/Navalnyy."""
    w = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode("ascii")
    for a, b in (("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("ck", "k"), ("x", "ks"), ("ph", "f"),
                 ("w", "v"), ("j", "i"), ("y", "i"), ("ie", "i"), ("ou", "u")):
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def _close(a: str, b: str) -> bool:
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


class Resolver:
    def __init__(self, scans: list[tuple[str, list[tuple]]], vocab: set[str], curated,
                 texts: dict[tuple[str, int], str]) -> None:
        self.scans = scans
        self.texts = texts
        self.vocab = vocab
        self.curated = list(curated)
        self.drafts: dict[str, Draft] = {}
        self.n_articles = len(scans)

    def draft(self, key: str, kind: str) -> Draft:
        d = self.drafts.get(key)
        if d is None:
            d = self.drafts[key] = Draft(key, kind)
        return d

    # ------------------------------------------------------------------------------------------
    def run(self) -> list[Draft]:
        names, roles, themes, curated_hits, acronyms = [], [], [], [], []
        for slug, cands in self.scans:
            for c in cands:
                tag = c[0]
                if tag == "E":
                    self._entity(slug, c)
                elif tag == "N":
                    names.append((slug, c))
                elif tag == "O":
                    self._org(slug, c)
                elif tag == "R":
                    roles.append((slug, c))
                elif tag == "T":
                    themes.append((slug, c))
                elif tag == "P":
                    self._proper(slug, c)
                elif tag == "C":
                    curated_hits.append((slug, c))
                elif tag == "A":
                    acronyms.append((slug, c))
        self._merge_orgs()
        self._people(names, roles)
        self._acronyms(acronyms)
        self._themes(themes)
        self._drop_rare_proper()
        self._curate(curated_hits)
        return [d for d in self.drafts.values() if d.mentions]

    # ------------------------------------------------------------------------------- entities
    def _entity(self, slug: str, c: tuple) -> None:
        _, line, start, end, key, name, kind, initial, whole_run, common = c
        if whole_run and common and initial:
            return  # "Reading the report, ...": a city's name that is also a word, starting a sentence
        d = self.draft(key, kind)
        d.name = name
        d.add(slug, line, start, end, self._text(slug, line, start, end))

    def _org(self, slug: str, c: tuple) -> None:
        _, line, start, end, name, country, rest = c
        rest_key = _org_key(rest)
        d = self.draft(f"org:{country}|{rest_key}", "organisation")
        d.add(slug, line, start, end, self._text(slug, line, start, end))

    def _merge_orgs(self) -> None:
        """'Foreign Ministry' is the one country's Foreign Ministry the dossier names, when it names one."""
        by_rest: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.drafts):
            if key.startswith("org:") and "|" in key:
                country, rest = key[4:].split("|", 1)
                if country:
                    by_rest[rest].append(key)
        for key in sorted(self.drafts):
            if key.startswith("org:|"):
                rest = key[5:]
                if len(by_rest.get(rest, ())) == 1:
                    self._move(key, by_rest[rest][0])

    def _acronyms(self, links: list) -> None:
        """'Federal Security Service (FSB)': the acronym's topic and the long name's are one."""
        if not links:
            return
        wanted = {(slug, c[1], c[2]) for slug, c in links} | {(slug, c[1], c[3]) for slug, c in links}
        by_end: dict[tuple, str] = {}
        by_start: dict[tuple, str] = {}
        for key in sorted(self.drafts):
            for m in self.drafts[key].mentions:
                if (m[0], m[1], m[3]) in wanted:
                    by_end.setdefault((m[0], m[1], m[3]), key)
                if (m[0], m[1], m[2]) in wanted:
                    by_start.setdefault((m[0], m[1], m[2]), key)
        moved: dict[str, str] = {}

        def now(key: str | None) -> str | None:
            while key in moved:
                key = moved[key]
            return key

        for slug, c in links:
            _, line, end, acr_start = c
            long_key, acr_key = now(by_end.get((slug, line, end))), now(by_start.get((slug, line, acr_start)))
            if not long_key or not acr_key or long_key == acr_key:
                continue
            if self.drafts[long_key].kind != "organisation" or self.drafts[acr_key].kind != "organisation":
                continue
            if acr_key.startswith("org:|"):  # an acronym nobody listed: it joins the long name
                long_draft = self.drafts[long_key]
                if not long_draft.name:
                    forms = Counter({clean_form(f): k for f, k in long_draft.forms.items()})
                    long_draft.name = sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
                self._move(acr_key, long_key)
                moved[acr_key] = long_key
            else:  # a listed organisation ("FSB"): the long name joins it, under its listed name
                self._move(long_key, acr_key)
                moved[long_key] = acr_key

    def _proper(self, slug: str, c: tuple) -> None:
        _, line, start, end, name = c
        if name.startswith("@place:"):
            d = self.draft("place:" + name[7:], "place")
        else:
            d = self.draft("=" + name, "theme")
            d.name = d.name or name
        d.add(slug, line, start, end, self._text(slug, line, start, end))

    def _drop_rare_proper(self) -> None:
        for key in [k for k in self.drafts if k.startswith("=")]:
            d = self.drafts[key]
            if len(d.mentions) < 2:
                del self.drafts[key]

    # --------------------------------------------------------------------------------- people
    def _people(self, names: list, roles: list) -> None:
        # A one-word name that is also a dictionary word ("Hope", "Stop") counts only as part of a
        # longer name written somewhere mid-sentence; a headline's names must be known from the text.
        in_long_names: set[str] = set()
        known: set[tuple] = set()
        for slug, c in names:
            toks, initial, cue = c[5], c[6], c[7]
            if not initial or cue is not None:
                known.add(toks)
                if len(toks) >= 2:
                    in_long_names.update(toks)
        accepted = []
        for slug, c in names:
            toks, initial, cue = c[5], c[6], c[7]
            if len(toks) >= 5 and cue is None:
                continue
            if initial == 2 and cue is None and toks not in known and not (len(toks) == 1 and toks[0] in in_long_names):
                continue
            if len(toks) == 1 and cue is None:
                word = toks[0]
                if (is_common(word) or word.lower() in self.vocab) and word not in in_long_names:
                    continue
            accepted.append((slug, c))

        # People of two words or more, clustered by family name then given name.
        full_counts: Counter = Counter()
        for slug, c in accepted:
            toks, hint = c[5], c[8]
            if len(toks) >= 2 and not (hint in ("org", "place") and c[7] is None):
                full_counts[c[5]] += 1
        buckets: dict[str, list[dict]] = defaultdict(list)
        cluster_of: dict[tuple, dict] = {}
        for toks, count in sorted(full_counts.items(), key=lambda kv: (-kv[1], kv[0])):
            family, given = split_name(toks)
            fkey, gkey = translit_key(family), translit_key(given)
            for cl in buckets[fkey]:
                if any(_close(gkey, g) for g in cl["given"]):
                    break
            else:
                cl = {"key": f"person:{fkey}:{gkey}", "given": [], "forms": Counter()}
                buckets[fkey].append(cl)
            cl["given"].append(gkey)
            cl["forms"][" ".join(toks)] += count
            cluster_of[toks] = cl

        in_article: dict[str, set[str]] = defaultdict(set)  # slug -> person keys named in full there
        for slug, c in accepted:
            cl = cluster_of.get(c[5])
            if cl is not None and c[8] not in ("org", "place"):
                in_article[slug].add(cl["key"])

        clusters = {cl["key"]: cl for cls in buckets.values() for cl in cls}
        person_of_mention: list[tuple[str, tuple, str]] = []
        solo: dict[str, list[tuple[str, tuple]]] = defaultdict(list)
        for slug, c in accepted:
            toks, hint = c[5], c[8]
            if hint in ("org", "place") and c[7] is None:
                key = "org:|" + _org_key(" ".join(toks)) if hint == "org" else "place:" + " ".join(toks)
                d = self.draft(key, "organisation" if hint == "org" else "place")
                d.name = d.name or " ".join(toks)
                d.add(slug, c[1], c[2], c[3], self._text(slug, c[1], c[2], c[3]))
                continue
            if len(toks) >= 2:
                cl = cluster_of[toks]
                person_of_mention.append((slug, c, cl["key"]))
                continue
            # one word: a family name of someone named in full, or a name of its own
            fkey = translit_key(toks[0])
            cands = buckets.get(fkey, [])
            here = [cl for cl in cands if cl["key"] in in_article[slug]]
            chosen = None
            if len(here) == 1:
                chosen = here[0]
            elif not here and len(cands) == 1:
                chosen = cands[0]
            elif not here and cands:
                ranked = sorted(cands, key=lambda cl: (-sum(cl["forms"].values()), cl["key"]))
                if sum(ranked[0]["forms"].values()) > sum(ranked[1]["forms"].values()):
                    chosen = ranked[0]
            if chosen is not None:
                person_of_mention.append((slug, c, chosen["key"]))
            elif not here and not cands:
                solo[fkey].append((slug, c))

        holders: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for slug, c, key in person_of_mention:
            d = self.draft(key, "person")
            d.add(slug, c[1], c[2], c[3], self._text(slug, c[1], c[2], c[3]))
            cue = c[7]
            office = _office(cue[1]) if cue else None
            if office and cue[0]:
                holders[(cue[0], office)][key] += 1
        for key, cl in clusters.items():
            if key in self.drafts:
                self.drafts[key].name = sorted(cl["forms"].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]

        # One word that is nobody's family name: its kind from how the text uses it.
        for fkey, uses in sorted(solo.items()):
            votes: Counter = Counter()
            forms: Counter = Counter()
            for slug, c in uses:
                toks, cue, hint, det, prep = c[5], c[7], c[8], c[9], c[10]
                forms[toks[0]] += 1
                if hint == "person" or cue is not None:
                    votes["person"] += 3
                elif toks[0].isupper():
                    votes["organisation"] += 1
                elif det:
                    votes["theme"] += 1
                elif prep:
                    votes["place"] += 1
                else:
                    votes["person"] += 1
            kind = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            name = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            key = {"person": "person:", "organisation": "org:", "place": "place:", "theme": "="}[kind]
            key += fkey if kind == "person" else name
            if kind == "organisation":
                key = "org:|" + _org_key(name)
            d = self.draft(key, kind)
            d.name = d.name or name
            for slug, c in uses:
                d.add(slug, c[1], c[2], c[3], self._text(slug, c[1], c[2], c[3]))
            if kind == "theme" and len(uses) < 2:
                del self.drafts[key]

        # "the Russian president": the one person the dossier shows in that office.
        articles_of: dict[str, set[str]] = defaultdict(set)
        for key, d in self.drafts.items():
            if key.startswith("person:"):
                for m in d.mentions:
                    articles_of[m[0]].add(key)
        for slug, c in roles:
            _, line, start, end, country, office = c
            offices = lx.HEAD_OF_STATE if office == "leader" else {office}
            held: Counter = Counter()
            for o in offices:
                held.update(holders.get((country, o), {}))
            if not held:
                continue
            here = [k for k in held if k in articles_of[slug]]
            pick = here[0] if len(here) == 1 else (next(iter(held)) if len(held) == 1 else None)
            if pick is not None:
                self.drafts[pick].add(slug, line, start, end, self._text(slug, line, start, end))

    # --------------------------------------------------------------------------------- themes
    def _themes(self, themes: list) -> None:
        """Keyphrases that the dossier keeps coming back to become themes.

        A phrase that is a minor use of its head word merges into it ("high-tech weapons" into
        "weapons"); a phrase that is the main use of its head takes the bare word too ("guarantees"
        where "security guarantees" is what is written). A single word needs two articles and three
        different contexts (a quote many outlets carry has one); a phrase, two paragraphs.
        """
        tf: Counter = Counter()
        for slug, c in themes:
            tf[c[4]] += 1
        target: dict[tuple, tuple] = {}
        for key in tf:
            if len(key) == 3 and key[1:] in tf and not key[0].startswith("@"):
                target[key] = key[1:]
        head_tf: Counter = Counter()
        phrase_tf: Counter = Counter()
        phrase_paras: dict[tuple, set] = defaultdict(set)
        for slug, c in themes:
            phrase_paras[target.get(c[4], c[4])].add((slug, c[1]))
        for key, count in tf.items():
            final = target.get(key, key)
            if not final[0].startswith("@"):
                head_tf[final[-1]] += count
            phrase_tf[final] += count
        owner: dict[str, tuple] = {}
        for key in sorted(phrase_tf, key=lambda k: (-phrase_tf[k], k)):
            if len(key) < 2 or key[0].startswith("@") or all("-" in w for w in key[:-1]):
                continue  # "high-tech weapons" qualifies weapons, it is not a term of its own
            head = key[-1]
            if phrase_tf[key] >= 0.5 * head_tf[head] and head not in owner:
                owner[head] = key
        for key in list(phrase_tf):
            if key[0].startswith("@"):
                continue
            head = key[-1]
            if head in owner and key != owner[head]:
                # the bare word, and other phrases on the same head that do not recur on their own
                # ("legal guarantees", "joint exercises"), are the main phrase written differently
                if len(key) == 1 or len(phrase_paras[key]) < 2:
                    target[key] = owner[head]
                else:
                    target.setdefault(key, key)
            elif len(key) >= 2 and head not in owner:
                target[key] = (head,)
        for key, t in list(target.items()):
            while t in target and target[t] != t:
                t = target[t]
            target[key] = t

        docs: dict[tuple, set[str]] = defaultdict(set)
        paras: dict[tuple, set[tuple[str, int]]] = defaultdict(set)
        ctxs: dict[tuple, set] = defaultdict(set)
        total: Counter = Counter()
        for slug, c in themes:
            key = target.get(c[4], c[4])
            total[key] += 1
            docs[key].add(slug)
            paras[key].add((slug, c[1]))
            ctxs[key].add(c[6])
        n = self.n_articles
        min_df = max(1, math.ceil(n * 0.003))
        chosen = []
        for key in total:
            df = len(docs[key])
            if len(key) == 1:
                ok = df >= max(min(2, n), min_df) and len(ctxs[key]) >= 3  # one article: its own words
            else:
                ok = len(paras[key]) >= 2 and df >= min_df
            if ok:
                chosen.append(key)
        limit = int(15 + 12 * math.log10(n + 1))
        chosen = set(sorted(chosen, key=lambda k: (-len(docs[k]), -total[k], k))[:limit])

        bare: dict[tuple, Counter] = defaultdict(Counter)
        for slug, c in themes:
            key = target.get(c[4], c[4])
            if key not in chosen:
                continue
            text = self._text(slug, c[1], c[2], c[3])
            d = self.draft("theme:" + "|".join(key), "theme")
            d.add(slug, c[1], c[2], c[3], text)
            if c[4] == key:
                bare[key][clean_form(text)] += 1
        for key in chosen:
            d = self.drafts["theme:" + "|".join(key)]
            if key[0].startswith("@"):
                org = self.drafts.get(key[0][1:])
                owner_name = org.name if org is not None and org.name else key[0].split(":", 1)[1]
                d.name = f"{owner_name} {key[1]}"
                continue
            written = bare[key]
            if not written:
                # a head word only ever written with qualifiers: named by the head as written
                written = Counter()
                for f, k in d.forms.items():
                    words = clean_form(f).split()
                    written[" ".join(words[-len(key):])] += k
            forms = Counter()
            for form, k in written.items():
                forms[form if any(w.isupper() and len(w) > 1 for w in form.split()) else form.lower()] += k
            d.name = sorted(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]

    # -------------------------------------------------------------------------------- curated
    def _curate(self, hits: list) -> None:
        """Curated topics win: their name, kind and description; every found topic one of their
        names or aliases points to merges into them."""
        owner: dict[str, int] = {}
        for i, spec in enumerate(self.curated):
            for form in (spec.name, *spec.aliases):
                if _fold(form):
                    owner.setdefault(_fold(form), i)
        keys = {i: f"curated:{i}" for i in range(len(self.curated))}
        for key in sorted(self.drafts):
            d = self.drafts[key]
            forms = {_fold(d.name), *(_fold(f) for f in d.forms)}
            hit = sorted(owner[f] for f in forms if f in owner)
            if hit:
                self._move(key, keys[hit[0]], kind=self.curated[hit[0]].kind)
        for slug, c in hits:
            _, line, start, end, index = c
            d = self.draft(keys[index], self.curated[index].kind)
            d.add(slug, line, start, end, self._text(slug, line, start, end))
        for i, spec in enumerate(self.curated):
            d = self.drafts.get(keys[i])
            if d is not None:
                d.name, d.kind, d.description = spec.name, spec.kind, spec.description

    # --------------------------------------------------------------------------------- helpers
    def _move(self, src: str, dst: str, kind: str | None = None) -> None:
        d = self.drafts.pop(src)
        target = self.draft(dst, kind or d.kind)
        target.mentions.extend(d.mentions)
        target.forms.update(d.forms)
        if not target.name:
            target.name = d.name

    def _text(self, slug: str, line: int, start: int, end: int) -> str:
        return self.texts[(slug, line)][start:end]


def _fold(form: str) -> str:
    form = clean_form(form).casefold()
    return form[4:] if form.startswith("the ") else form


def _org_key(rest: str) -> str:
    key = rest.lower().replace("’", "'")
    key = key.replace("defense", "defence").replace("organization", "organisation")
    key = re.sub(r"^the ", "", key)
    m = re.fullmatch(r"(ministry|department|office) of (?:the )?(.+)", key)
    if m:
        key = f"{m.group(2)} {m.group(1)}"
    return key


def _office(title: str) -> str | None:
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
