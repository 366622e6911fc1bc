"""Second pass, with the whole dossier in view: which candidates are names, who a surname or a
title stands for, which keyphrases are themes, and how curated topics take over found ones.

Everything that compares names goes through keyed indexes (a surname's transliteration key, an
office and its country, a theme's head word), never through all pairs of topics.

The pass is kept in an Engine that remembers the last build (the preview server keeps one per
memo). The dossier-wide decisions are made from counts that are sums over the articles' Scans;
each article is then read against the decisions it looks up. When one article changes, the counts
change by its share, the decisions are made again from the counts (cheap: one entry per distinct
name, keyphrase or key, not per mention), and only the articles whose looked-up decisions changed
are read again; topics none of whose articles changed are reused as they were.
"""
from __future__ import annotations

import math
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Callable, Sequence

from . import lexicon as lx
from .extract import is_common
from .names import clean_form, close_given, fold, org_key, split_name, translit_key
from .scan import Scan

MISSING = object()
SPLICE_AT_MOST = 16  # a topic with more changed articles than this is put together afresh
_ARTICLE = itemgetter(0)
_TEXT = itemgetter(4)
HINTED = ("org", "place")


def kind_of(key: str) -> str:
    """A draft's kind follows from its key (curated keys take their spec's kind)."""
    if key.startswith("person:"):
        return "person"
    if key.startswith("org:"):
        return "organisation"
    if key.startswith("place:"):
        return "place"
    return "theme"  # "=NAME", "theme:..."


def top_form(forms: Counter) -> str:
    """The most written form, the longest on a tie, then A-Z."""
    return sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


@dataclass(frozen=True)
class Built:
    """A topic as the engine hands it over (generator.enrich.topics.Topic is made from it)."""

    key: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    description: str
    mentions: tuple  # of Mention, sorted


class Read:
    """One article read against the decisions: its mentions by draft key, and what the later,
    dossier-wide steps need from it."""

    __slots__ = ("keyed", "persons", "holders", "claims", "links", "bare", "roles")

    def __init__(self):
        self.keyed: dict[str, list] = defaultdict(list)
        self.persons: set[str] = set()
        self.holders: list[tuple] = []
        self.claims: dict[str, str] = {}
        self.links: tuple = ()
        self.bare: dict[str, list] = {}
        self.roles: dict[str, list] = {}


class Decisions:
    """The dossier-wide decisions, as tables looked up by what an article holds."""

    def __init__(self):
        self.accept: dict[tuple, bool] = {}  # name signature -> is it a name
        self.cluster: dict[tuple, str] = {}  # full name tokens -> person key
        self.bucket: dict[str, tuple] = {}  # family key -> (person keys, the one a lone surname means)
        self.solo: dict[str, str | None] = {}  # family key of nobody named in full -> its draft key
        self.omerge: dict[str, str] = {}  # "org:|rest" -> the one country's organisation of that name
        self.deleted: dict[str, bool] = {}  # "=NAME" keys a rare lone word removed
        self.theme: dict[tuple, tuple[str, bool]] = {}  # keyphrase -> (theme key, is it the theme's own key)
        self.cluster_names: dict[str, str] = {}
        self.solo_names: dict[str, str] = {}
        self.held: dict[tuple, frozenset] = {}  # (country, office) -> person keys that hold it

    def tables(self):
        return {"accept": self.accept, "cluster": self.cluster, "bucket": self.bucket, "solo": self.solo,
                "omerge": self.omerge, "deleted": self.deleted, "theme": self.theme}


def changed(old: dict, new: dict) -> set:
    if old is new:
        return set()
    out = {k for k, v in new.items() if old.get(k, MISSING) != v}
    out.update(k for k in old if k not in new)
    return out


class Engine:
    """The second pass over a dossier's Scans, remembering the last one's state (see the module doc)."""

    def __init__(self, curated: Sequence = (), make_mention: Callable[[tuple], object] = tuple):
        self.curated = list(curated)
        self.mention = make_mention
        self.owner: dict[str, int] = {}
        for i, spec in enumerate(self.curated):
            for form in (spec.name, *spec.aliases):
                if fold(form):
                    self.owner.setdefault(fold(form), i)
        self.scans: dict[str, Scan] = {}
        # sums over the scans
        self.sigs: Counter = Counter()
        self.vocab: Counter = Counter()
        self.okeys: Counter = Counter()
        self.tf: Counter = Counter()
        self.ent_keys: Counter = Counter()
        self.ent_names: dict[str, str] = {}
        self.key_articles: dict[tuple, set] = defaultdict(set)  # keyphrase -> slugs
        self.context_cache: dict[tuple, frozenset] = {}
        # per article, read against the decisions
        self.d = Decisions()
        self.reads: dict[str, Read] = {}
        self.holders: Counter = Counter()
        self.claims: dict[str, dict[str, str]] = defaultdict(dict)  # key -> slug -> first name written
        self.draft_articles: dict[str, set] = defaultdict(set)  # draft key -> slugs
        self.dirty: set[str] = set()  # draft keys whose articles changed since their cached sums
        self.forms_cache: dict[str, Counter] = {}
        self.count_cache: dict[str, int] = {}
        self.hits_cache: dict[str, frozenset] = {}
        self.theme_name_cache: dict[str, str] = {}
        self.bare_cache: dict[str, Counter] = {}
        # per article, its topics' mentions
        self.final_of: dict[str, str | None] = {}
        self.outputs: dict[str, dict[str, tuple]] = {}  # slug -> final key -> its Mentions there
        self.topic_articles: dict[str, set] = defaultdict(set)
        self.alias_counts: dict[str, Counter] = {}  # final key -> alias -> mentions (made when first needed)
        self.built: dict[str, Built] = {}
        self.published: dict = {}  # key -> (Built, Topic), kept by the caller
        self.last: dict = {}  # what the last update did and its CPU seconds per step

    # ------------------------------------------------------------------------------------ update
    def update(self, scans: Sequence[Scan]) -> list[Built]:
        """The topics of the dossier whose articles are `scans` (any order, unique slugs)."""
        clock = _Clock()
        new = {s.slug: s for s in scans}
        came = [s for slug, s in new.items() if self.scans.get(slug) is not s]
        everything = len(came) == len(new)  # nothing to keep: made as in a first build
        if everything and self.scans:
            self.__init__(self.curated, self.mention)
        gone = [s for slug, s in self.scans.items() if new.get(slug) is not s]
        for s in gone:
            self._forget(s)
        self._learn(came)
        self.scans = new
        touched = {s.slug for s in came} | {s.slug for s in gone}
        touched_final: set[str] = set(touched)
        clock("sums")

        d = self._decide()
        if not everything:
            for name, table in d.tables().items():
                delta = changed(self.d.tables()[name], table)
                if delta:
                    touched |= self._readers(name, delta)
        held_before = self.d.held
        self.d = d
        clock("decide")
        level1 = sorted(slug for slug in touched if slug in new)
        for slug in touched:
            self._unread(slug)
        for slug in level1:
            self._read(new[slug])
        # The title-only references read who holds which office, which the reading above counts.
        d.held = self._held()
        roles = set(level1)
        delta = changed(held_before, d.held) if not everything else set()
        if delta:
            roles |= {slug for slug, s in new.items() if not s.offices.isdisjoint(delta)}
        for slug in sorted(roles):
            self._read_roles(new[slug])
        touched_final |= roles
        clock("read")

        final_of, drafts = self._finish_drafts()
        delta = changed(self.final_of, final_of) if not everything else set()
        self.final_of = final_of
        if delta:
            touched_final |= {slug for slug, r in self.reads.items()
                              if not delta.isdisjoint(r.keyed) or not delta.isdisjoint(r.roles)}
        clock("drafts")
        changed_topics: dict[str, set] = defaultdict(set)
        parts = None
        if everything:
            parts = self._output_all(sorted(touched_final))
        else:
            for slug in touched_final:
                for fk in self._output(slug):
                    changed_topics[fk].add(slug)
        clock("mentions")
        topics = self._topics(drafts, changed_topics, parts)
        clock("topics")
        self.last = {"articles read": len(level1), "roles read": len(roles), "articles output": len(touched_final),
                     "topics rebuilt": len(parts) if parts is not None else len(changed_topics), **clock.spent}
        return topics

    # --------------------------------------------------------------------------- sums over scans
    def _learn(self, came: list[Scan]) -> None:
        fields = chain.from_iterable
        self.sigs.update(fields(s.sigs for s in came))
        self.vocab.update(fields(s.vocab for s in came))
        self.okeys.update(fields(s.orgs.keys() for s in came))
        self.tf.update(fields(s.keyphrases for s in came))
        self.ent_keys.update(fields(s.ents.keys() for s in came))
        cache = self.context_cache
        key_articles = self.key_articles
        for s in came:
            for key, (name, _) in s.ents.items():
                self.ent_names[key] = name
            slug = s.slug
            for key in s.themes:
                key_articles[key].add(slug)
            if cache:
                for key in s.themes:
                    held = cache.get(key)
                    if isinstance(held, Counter):
                        held.update(s.contexts[key])

    def _forget(self, s: Scan) -> None:
        for counter, items in ((self.sigs, s.sigs), (self.vocab, s.vocab), (self.okeys, s.orgs.keys()),
                               (self.tf, s.keyphrases), (self.ent_keys, s.ents.keys())):
            counter.subtract(items)
            for item in set(items):
                if counter[item] <= 0:
                    del counter[item]
        cache = self.context_cache
        for key in s.themes:
            held = cache.get(key)
            if isinstance(held, Counter):
                _add(held, s.contexts[key], -1)
            elif held is not None:
                del cache[key]  # some of the contexts it has may have been this article's only
            held = self.key_articles[key]
            held.discard(s.slug)
            if not held:
                del self.key_articles[key]

    def _readers(self, table: str, delta: set) -> set[str]:
        """The articles that look up any of `delta` in the decision table `table`."""
        field = {"accept": "sigs", "cluster": "full_names", "bucket": "family_keys", "solo": "family_keys",
                 "omerge": "orgs", "deleted": "eq_keys", "theme": "themes"}[table]
        if table == "theme":
            out: set[str] = set()
            for key in delta:
                out |= self.key_articles.get(key, set())
            return out
        if table == "accept":
            return {slug for slug, s in self.scans.items() if not delta.isdisjoint(s.sigs)}
        return {slug for slug, s in self.scans.items() if not delta.isdisjoint(getattr(s, field))}

    # -------------------------------------------------------------------------------- decisions
    def _decide(self) -> Decisions:
        d = Decisions()
        self._decide_names(d)
        by_rest: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.okeys):
            country, rest = key[4:].split("|", 1)
            if country:
                by_rest[rest].append(key)
        for key in self.okeys:
            if key.startswith("org:|"):
                found = by_rest.get(key[5:], ())
                if len(found) == 1:
                    d.omerge[key] = found[0]
        self._decide_themes(d)
        return d

    def _decide_names(self, d: Decisions) -> None:
        sigs = self.sigs
        known = {sig[0] for sig in sigs if not sig[1] or sig[2]}
        in_long = {w for toks in known if len(toks) >= 2 for w in toks}
        vocab = self.vocab
        accept = d.accept
        for sig in sigs:
            toks, initial, has_cue = sig[0], sig[1], sig[2]
            ok = True
            if len(toks) >= 5 and not has_cue:
                ok = False
            elif initial == 2 and not has_cue and toks not in known and not (len(toks) == 1 and toks[0] in in_long):
                ok = False
            elif len(toks) == 1 and not has_cue:
                word = toks[0]
                if (is_common(word) or word.lower() in vocab) and word not in in_long:
                    ok = False
            accept[sig] = ok

        # People of two words or more, clustered by family name then given name.
        full_counts: Counter = Counter()
        for sig, count in sigs.items():
            if accept[sig] and len(sig[0]) >= 2 and not (sig[3] in HINTED and not sig[2]):
                full_counts[sig[0]] += count
        buckets: dict[str, list[dict]] = defaultdict(list)
        for toks, count in sorted(full_counts.items(), key=lambda kv: (-kv[1], kv[0])):
            family, given = split_name(toks)
            fkey, gkey = translit_key(family), translit_key(given)
            for cl in buckets[fkey]:
                if any(close_given(gkey, g) for g in cl["given"]):
                    break
            else:
                cl = {"key": f"person:{fkey}:{gkey}", "given": [], "forms": Counter()}
                buckets[fkey].append(cl)
            cl["given"].append(gkey)
            cl["forms"][" ".join(toks)] += count
            d.cluster[toks] = cl["key"]
        for fkey, cands in buckets.items():
            for cl in cands:
                d.cluster_names[cl["key"]] = top_form(cl["forms"])
            default = None
            if len(cands) == 1:
                default = cands[0]["key"]
            else:
                ranked = sorted(cands, key=lambda cl: (-sum(cl["forms"].values()), cl["key"]))
                if sum(ranked[0]["forms"].values()) > sum(ranked[1]["forms"].values()):
                    default = ranked[0]["key"]
            d.bucket[fkey] = (tuple(cl["key"] for cl in cands), default)

        # One word that is nobody's family name: its kind from how the text uses it.
        votes: dict[str, Counter] = defaultdict(Counter)
        forms: dict[str, Counter] = defaultdict(Counter)
        uses: Counter = Counter()
        for sig, count in sigs.items():
            toks, _, has_cue, hint, det, prep = sig
            if len(toks) != 1 or not accept[sig] or (hint in HINTED and not has_cue):
                continue
            fkey = translit_key(toks[0])
            if fkey in d.bucket:
                continue
            if hint == "person" or has_cue:
                votes[fkey]["person"] += 3 * count
            elif toks[0].isupper():
                votes[fkey]["organisation"] += count
            elif det:
                votes[fkey]["theme"] += count
            elif prep:
                votes[fkey]["place"] += count
            else:
                votes[fkey]["person"] += count
            forms[fkey][toks[0]] += count
            uses[fkey] += count
        for fkey in sorted(uses):
            kind = sorted(votes[fkey].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            name = sorted(forms[fkey].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            if kind == "person":
                key = "person:" + fkey
            elif kind == "organisation":
                key = "org:|" + org_key(name)
            elif kind == "place":
                key = "place:" + name
            else:
                key = "=" + name
            if kind == "theme" and uses[fkey] < 2:
                d.deleted[key] = True
                d.solo[fkey] = None
            else:
                d.solo[fkey] = key
                d.solo_names.setdefault(key, name)

    def _decide_themes(self, d: Decisions) -> None:
        """Keyphrases that the dossier keeps coming back to become themes.

        A phrase that is a minor use of its head word merges into it ("high-tech weapons" into
        "weapons"); a phrase that is the main use of its head takes the bare word too ("guarantees"
        where "security guarantees" is what is written). A single word needs two articles and three
        different contexts outside quotation marks (a quote many outlets carry, however each
        translates it, is the speaker's words once, not the dossier coming back to a subject); a
        phrase, two paragraphs where it is written as the phrase, not only as its bare head word.
        When a head word is no theme, the phrases merged into it are judged on their own.
        """
        tf = self.tf
        target: dict[tuple, tuple] = {}
        for key in tf:
            if len(key) == 3 and key[1:] in tf and not key[0].startswith("@"):
                target[key] = key[1:]
        first = dict(target)  # the 3-word phrases their 2-word tails take in
        tails: dict[tuple, list] = defaultdict(list)
        for key, t in first.items():
            tails[t].append(key)
        head_tf: Counter = Counter()
        phrase_tf: Counter = Counter()
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
                members = ([key] if key in tf else []) + tails.get(key, [])
                if len(key) == 1 or not self._in_two_paragraphs(members):
                    target[key] = owner[head]
                else:
                    target.setdefault(key, key)
            elif len(key) >= 2 and head not in owner:
                target[key] = (head,)
        for key, t in list(target.items()):
            while t in target and target[t] != t:
                t = target[t]
            target[key] = t

        groups: dict[tuple, list] = defaultdict(list)
        for key in tf:
            groups[target.get(key, key)].append(key)
        n = len(self.scans)
        min_df = max(1, math.ceil(n * 0.003))
        ok: list[tuple] = []
        docs: dict[tuple, int] = {}
        total: dict[tuple, int] = {}

        def judge(final: tuple, members: list) -> bool:
            if len(members) == 1:
                df = len(self.key_articles[members[0]])
            else:
                df = len(set().union(*(self.key_articles[k] for k in members)))
            if len(final) == 1:
                good = df >= max(min(2, n), min_df) and self._contexts_at_least(members, 3)
            else:
                # the phrase itself must recur: the bare head word it took in does not make
                # "internal affairs" of one "internal affairs" and one "global affairs"
                written = [k for k in members if len(k) > 1]
                good = df >= min_df and self._in_two_paragraphs(written, df if len(written) == len(members) else None)
            if good:
                ok.append(final)
                docs[final] = df
                total[final] = sum(tf[k] for k in members)
            return good

        for final, members in list(groups.items()):
            if judge(final, members) or len(final) > 1:
                continue
            # The head word is no theme; a phrase that merged into it because the bare word was
            # written more often stands on its own ("strategic partnership" beside a "partnership"
            # only ever written inside one quoted statement).
            own: dict[tuple, list] = defaultdict(list)
            for key in members:
                if len(key) > 1 and not all("-" in w for w in key[:-1]):
                    tail = first.get(key)
                    own[key if tail is None or all("-" in w for w in tail[:-1]) else tail].append(key)
            for phrase, keys in own.items():
                groups[phrase] = keys
                judge(phrase, keys)
        limit = int(15 + 12 * math.log10(n + 1))
        chosen = sorted(ok, key=lambda k: (-docs[k], -total[k], k))[:limit]
        for final in chosen:
            dkey = "theme:" + "|".join(final)
            for key in groups[final]:
                d.theme[key] = (dkey, key == final)

    def _in_two_paragraphs(self, members: list, df: int | None = None) -> bool:
        """Do the keyphrases `members` occur in two paragraphs or more, together?"""
        if df is None:
            slugs = set().union(*(self.key_articles.get(k, ()) for k in members)) if members else set()
            df = len(slugs)
        else:
            slugs = None
        if df >= 2:
            return True
        if df == 0:
            return False
        if slugs is None:
            slugs = set().union(*(self.key_articles.get(k, ()) for k in members))
        s = self.scans[next(iter(slugs))]
        lines = {m[1] for k in members for m in s.themes.get(k, ())}
        return len(lines) >= 2

    def _contexts_at_least(self, members: list, count: int) -> bool:
        """Are the keyphrases `members` written in `count` different contexts (words either side)?"""
        seen: set = set()
        for key in members:
            seen.update(self._contexts(key, count))
            if len(seen) >= count:
                return True
        return False

    def _contexts(self, key: tuple, count: int):
        """The contexts of one keyphrase: all of them, counted by article (a Counter, kept up to
        date as articles come and go), or a set of `count` of them when it has that many."""
        got = self.context_cache.get(key)
        if got is None:
            seen: Counter = Counter()
            slugs = self.key_articles[key]
            for i, slug in enumerate(slugs):
                seen.update(self.scans[slug].contexts[key])
                if len(seen) >= count and i + 1 < len(slugs):
                    got = frozenset(seen)  # enough; more articles may add more
                    break
            else:
                got = seen
            self.context_cache[key] = got
        return got

    def _held(self) -> dict[tuple, frozenset]:
        held: dict[tuple, set] = defaultdict(set)
        for (country, office, key), count in self.holders.items():
            if count > 0:
                held[(country, office)].add(key)
        return {k: frozenset(v) for k, v in held.items()}

    # ----------------------------------------------------------------------- reading an article
    def _unread(self, slug: str) -> None:
        r = self.reads.pop(slug, None)
        if r is None:
            return
        self.holders.subtract(r.holders)
        for key in r.claims:
            self.claims[key].pop(slug, None)
            if not self.claims[key]:
                del self.claims[key]
        for source in (r.keyed, r.roles):
            for key, ms in source.items():
                self._account(key, ms, -1)
                self._leave(key, slug)
        for key, texts in r.bare.items():
            self._account_bare(key, texts, -1)

    def _leave(self, key: str, slug: str, still: Read | None = None) -> None:
        held = self.draft_articles.get(key)
        if held is not None and not (still is not None and (key in still.keyed or key in still.roles)):
            held.discard(slug)
            if not held:
                del self.draft_articles[key]
        self.dirty.add(key)

    def _join(self, key: str, slug: str) -> None:
        self.draft_articles[key].add(slug)
        self.dirty.add(key)

    def _read(self, s: Scan) -> None:
        d = self.d
        r = Read()
        keyed = r.keyed
        for key, (_, ms) in s.ents.items():
            keyed[key] = list(ms)
        omerge = d.omerge
        for key, ms in s.orgs.items():
            keyed[omerge.get(key, key)].extend(ms)
        for key, ms in s.props.items():
            if key not in d.deleted:
                keyed[key].extend(ms)
        if s.names:
            self._read_names(s, r)
        theme = d.theme
        for key in s.themes.keys() & theme.keys():
            dkey, own = theme[key]
            keyed[dkey].extend(s.themes[key])
            if own:
                r.bare.setdefault(dkey, []).extend(m[4] for m in s.themes[key])
        for i, ms in s.curated.items():
            keyed[f"curated:{i}"].extend(ms)
        if s.links:
            ends: dict[tuple, str] = {}
            starts: dict[tuple, str] = {}
            for key in sorted(keyed):
                if key.startswith(("theme:", "curated:")):
                    continue  # made after acronyms are read
                for m in keyed[key]:
                    ends.setdefault((m[1], m[3]), key)
                    starts.setdefault((m[1], m[2]), key)
            r.links = tuple((ends.get((line, end)), starts.get((line, acr))) for line, end, acr in s.links)
        self.reads[s.slug] = r
        self.holders.update(r.holders)
        for key, name in r.claims.items():
            self.claims[key][s.slug] = name
        if self.forms_cache or self.count_cache:
            for key, ms in keyed.items():
                self._account(key, ms, 1)
        if self.bare_cache:
            for key, texts in r.bare.items():
                self._account_bare(key, texts, 1)
        draft_articles, slug = self.draft_articles, s.slug
        for key in keyed:
            draft_articles[key].add(slug)
        self.dirty.update(keyed)

    def _read_names(self, s: Scan, r: Read) -> None:
        d = self.d
        accept, cluster = d.accept, d.cluster
        in_article = {cluster[sig[0]] for sig, _, _ in s.names
                      if accept[sig] and sig[0] in cluster and sig[3] not in HINTED}
        keyed = r.keyed
        for sig, holder, m in s.names:
            if not accept[sig]:
                continue
            toks = sig[0]
            if sig[3] in HINTED and not sig[2]:
                joined = " ".join(toks)
                key = "org:|" + org_key(joined) if sig[3] == "org" else "place:" + joined
                keyed[key].append(m)
                r.claims.setdefault(key, joined)
                continue
            if len(toks) >= 2:
                key = cluster[toks]
            else:
                fkey = translit_key(toks[0])
                b = d.bucket.get(fkey)
                if b is None:
                    key = d.solo[fkey]
                    if key is not None:
                        keyed[key].append(m)
                    continue
                keys, default = b
                here = [k for k in keys if k in in_article]
                key = here[0] if len(here) == 1 else default if not here else None
                if key is None:
                    continue
            keyed[key].append(m)
            r.persons.add(key)
            if holder is not None:
                r.holders.append((holder[0], holder[1], key))

    def _read_roles(self, s: Scan) -> None:
        """'the Russian president': the one person the dossier shows in that office."""
        r = self.reads[s.slug]
        before, r.roles = r.roles, {}
        for key, ms in before.items():
            self._account(key, ms, -1)
            self._leave(key, s.slug, r)
        held_by = self.d.held
        for country, office, m in s.roles:
            held: set = set()
            for o in (lx.HEAD_OF_STATE if office == "leader" else (office,)):
                held.update(held_by.get((country, o), ()))
            if not held:
                continue
            here = held & r.persons
            pick = next(iter(here)) if len(here) == 1 else (next(iter(held)) if len(held) == 1 else None)
            if pick is not None:
                r.roles.setdefault(pick, []).append(m)
        for key, ms in r.roles.items():
            self._account(key, ms, 1)
            self._join(key, s.slug)

    # ------------------------------------------------------------------------- sums over reads
    def _account(self, key: str, ms, sign: int) -> None:
        """Keep the sums already made for a draft up to date with one article's mentions of it."""
        forms = self.forms_cache.get(key)
        if forms is not None:
            _add(forms, [m[4] for m in ms], sign)
        if key in self.count_cache:
            self.count_cache[key] += sign * len(ms)

    def _account_bare(self, key: str, texts, sign: int) -> None:
        bare = self.bare_cache.get(key)
        if bare is not None:
            _add(bare, list(map(clean_form, texts)), sign)

    def _clean(self) -> None:
        """Forget what is made from the sums of drafts whose mentions changed."""
        for key in self.dirty:
            self.hits_cache.pop(key, None)
            self.theme_name_cache.pop(key, None)
        self.dirty = set()

    def _forms(self, key: str) -> Counter:
        """Every surface form of a draft's mentions, counted (as Draft.forms was)."""
        got = self.forms_cache.get(key)
        if got is None:
            got = Counter()
            for slug in self.draft_articles.get(key, ()):
                r = self.reads[slug]
                got.update(m[4] for m in r.keyed.get(key, ()))
                got.update(m[4] for m in r.roles.get(key, ()))
            self.forms_cache[key] = got
        return got

    def _count(self, key: str) -> int:
        got = self.count_cache.get(key)
        if got is None:
            got = self.count_cache[key] = sum(len(self.reads[slug].keyed.get(key, ()))
                                              for slug in self.draft_articles.get(key, ()))
        return got

    def _hits(self, key: str) -> frozenset:
        """The curated topics one of the draft's surface forms names."""
        got = self.hits_cache.get(key)
        if got is None:
            owner = self.owner
            got = self.hits_cache[key] = frozenset(owner[f] for f in map(fold, self._forms(key)) if f in owner)
        return got

    def _base_name(self, key: str) -> str:
        """The name a draft has before acronyms and themes are read (as the old Draft.name was)."""
        if key in self.ent_keys:
            return self.ent_names[key]
        if key.startswith("person:"):
            return self.d.cluster_names.get(key) or self.d.solo_names.get(key, "")
        if key.startswith("="):
            return key[1:]
        if key.startswith("place:"):
            return key[6:] if key in self.claims or key in self.d.solo_names else ""
        if key.startswith("org:|"):
            claims = self.claims.get(key)
            if claims:
                return claims[min(claims)]
            return self.d.solo_names.get(key, "")
        return ""

    # ------------------------------------------------------------------------- the whole dossier
    def _finish_drafts(self) -> tuple[dict, dict]:
        """Acronyms, rare capitalised themes, theme names and curated topics, over the drafts:
        (draft key -> final key or None, final key -> (name, kind, description, member keys))."""
        self._clean()
        alive = {key for key in self.draft_articles if not key.startswith("curated:")}
        names: dict[str, str] = {}
        extra_forms: dict[str, Counter] = defaultdict(Counter)
        members: dict[str, list[str]] = {key: [key] for key in alive}

        def name(key: str) -> str:
            got = names.get(key)
            return got if got is not None else self._base_name(key)

        def forms(key: str) -> Counter:
            got = self._forms(key)
            return got + extra_forms[key] if key in extra_forms else got

        def move(src: str, dst: str) -> None:
            extra_forms[dst] = extra_forms.get(dst, Counter()) + forms(src)
            if not name(dst):
                names[dst] = name(src)
            members[dst].extend(members.pop(src))
            alive.discard(src)
            moved[src] = dst

        # 'Federal Security Service (FSB)': the acronym's topic and the long name's are one.
        moved: dict[str, str] = {}

        def now(key: str | None) -> str | None:
            while key in moved:
                key = moved[key]
            return key

        for slug in sorted(slug for slug, r in self.reads.items() if r.links):
            for long_key, acr_key in self.reads[slug].links:
                long_key, acr_key = now(long_key), now(acr_key)
                if not long_key or not acr_key or long_key == acr_key:
                    continue
                if kind_of(long_key) != "organisation" or kind_of(acr_key) != "organisation":
                    continue
                if acr_key.startswith("org:|"):  # an acronym nobody listed: it joins the long name
                    if not name(long_key):
                        names[long_key] = top_form(Counter({clean_form(f): k for f, k in forms(long_key).items()}))
                    move(acr_key, long_key)
                else:  # a listed organisation ("FSB"): the long name joins it, under its listed name
                    move(long_key, acr_key)

        # Theme names, now that organisations have theirs ("NATO expansion").
        for key in alive:
            if key.startswith("theme:"):
                names[key] = self._theme_name(key, alive, name)
        # A capitalised theme needs two mentions.
        for key in [k for k in alive if k.startswith("=")]:
            if self._count(key) < 2:
                alive.discard(key)
                members.pop(key)

        final_of: dict[str, str | None] = {}
        drafts: dict[str, tuple] = {}
        curated_members: dict[int, list[str]] = defaultdict(list)
        for key in alive:
            hit = None
            if self.owner:
                found = set()
                for member in members[key]:
                    found |= self._hits(member)
                f = fold(name(key))
                if f in self.owner:
                    found.add(self.owner[f])
                if found:
                    hit = min(found)
            if hit is not None:
                curated_members[hit].extend(members[key])
            else:
                drafts[key] = (name(key), kind_of(key), "", members[key])
                for member in members[key]:
                    final_of[member] = key
        for key in self.draft_articles:
            if key.startswith("curated:"):
                curated_members[int(key[8:])].append(key)
        for i, keys in curated_members.items():
            spec = self.curated[i]
            ckey = f"curated:{i}"
            drafts[ckey] = (spec.name, spec.kind, spec.description, keys)
            for member in keys:
                final_of[member] = ckey
        for key in self.draft_articles:
            final_of.setdefault(key, None)  # a rare capitalised theme, dropped
        # Nameless drafts (an organisation known by its head word) are named by what is written most.
        for key, (n, kind, description, keys) in list(drafts.items()):
            if not n:
                total: Counter = Counter()
                for member in keys:
                    for f, k in self._forms(member).items():
                        total[clean_form(f)] += k
                drafts[key] = (top_form(total) if total else "", kind, description, keys)
        return final_of, drafts

    def _theme_name(self, key: str, alive: set, name: Callable[[str], str]) -> str:
        final = tuple(key[6:].split("|"))
        if final[0].startswith("@"):
            org = final[0][1:]
            owner_name = name(org) if org in alive else ""
            return f"{owner_name or org.split(':', 1)[1]} {final[1]}"
        got = self.theme_name_cache.get(key)
        if got is not None:
            return got
        written = self.bare_cache.get(key)
        if written is None:
            written = Counter()
            for slug in self.draft_articles.get(key, ()):
                written.update(map(clean_form, self.reads[slug].bare.get(key, ())))
            self.bare_cache[key] = written
        if not written:
            # a head word only ever written with qualifiers: named by the head as written
            for f, k in self._forms(key).items():
                words = clean_form(f).split()
                written[" ".join(words[-len(final):])] += k
        forms: Counter = Counter()
        for form, k in written.items():
            forms[form if any(w.isupper() and len(w) > 1 for w in form.split()) else form.lower()] += k
        got = self.theme_name_cache[key] = sorted(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        return got

    # ------------------------------------------------------------------------------- the topics
    def _output_all(self, slugs: list[str]) -> dict[str, list]:
        """_output of every article, in a first build: topic -> its articles' mentions, by article."""
        parts: dict[str, list] = defaultdict(list)
        articles: dict[str, list] = defaultdict(list)
        for slug in slugs:
            after = self._mentions_of(slug)
            if after:
                self.outputs[slug] = after
                for fk, value in after.items():
                    parts[fk].append(value)
                    articles[fk].append(slug)
        for fk, found in articles.items():
            self.topic_articles[fk] = set(found)
        return parts

    def _output(self, slug: str) -> set[str]:
        """The article's mentions of each topic, sorted and without one inside another; returns
        the topics whose mentions in this article are not what they were."""
        before = self.outputs.pop(slug, {})
        after = self._mentions_of(slug)
        if after:
            self.outputs[slug] = after
        out = set()
        for fk in before.keys() | after.keys():
            old, new = before.get(fk), after.get(fk)
            if old is None or new is None or old != new:
                out.add(fk)
                aliases = self.alias_counts.get(fk)
                if aliases is not None:
                    if old is not None:
                        _add(aliases, list(map(clean_form, map(_TEXT, old))), -1)
                    if new is not None:
                        aliases.update(map(clean_form, map(_TEXT, new)))
                if new is None:
                    self.topic_articles[fk].discard(slug)
                    if not self.topic_articles[fk]:
                        del self.topic_articles[fk]
                        self.alias_counts.pop(fk, None)
                else:
                    self.topic_articles[fk].add(slug)
            else:
                after[fk] = old  # equal: keep the objects already in the topic
        return out

    def _mentions_of(self, slug: str) -> dict[str, tuple]:
        """Final key -> the article's Mentions of it."""
        r = self.reads.get(slug)
        grouped: dict[str, list] = {}
        if r is not None:
            final_of = self.final_of
            for source in (r.keyed, r.roles):
                for key, ms in source.items():
                    fk = final_of.get(key)
                    if fk is not None:
                        held = grouped.get(fk)
                        grouped[fk] = ms if held is None else held + ms  # never changes a Read's list
        after: dict[str, tuple] = {}
        make = self.mention
        for fk, ms in grouped.items():
            after[fk] = tuple(map(make, _kept(ms)))
        return after

    def _topics(self, drafts: dict, changed: dict[str, set], parts: dict | None = None) -> list[Built]:
        """The topics, reusing each one whose articles' mentions and name did not change; a topic
        with a few changed articles has their mentions replaced in place (they are sorted by article)."""
        built = {}
        outputs = self.outputs
        for fk, (name, kind, description, _) in drafts.items():
            slugs = self.topic_articles.get(fk)
            if not slugs:
                continue
            if parts is not None:
                found = parts[fk]
                mentions = tuple(chain.from_iterable(found))
                aliases = tuple(sorted(set(map(clean_form, map(_TEXT, mentions))) - {""}))
                built[fk] = Built(fk, name, kind, aliases, description, mentions)
                continue
            old = self.built.get(fk)
            redo = changed.get(fk)
            if old is not None and not redo:
                if (old.name, old.kind, old.description) == (name, kind, description):
                    built[fk] = old
                else:
                    built[fk] = Built(fk, name, kind, old.aliases, description, old.mentions)
                continue
            if old is not None and len(redo) <= SPLICE_AT_MOST:
                mentions = old.mentions
                for slug in redo:
                    lo = bisect_left(mentions, slug, key=_ARTICLE)
                    hi = bisect_right(mentions, slug, lo, key=_ARTICLE)
                    part = outputs.get(slug, {}).get(fk)
                    mentions = mentions[:lo] + (part if part is not None else ()) + mentions[hi:]
            else:
                mentions = tuple(chain.from_iterable(outputs[slug][fk] for slug in sorted(slugs)))
            counts = self.alias_counts.get(fk)
            if counts is None:
                counts = self.alias_counts[fk] = Counter(map(clean_form, map(_TEXT, mentions)))
            aliases = tuple(sorted(a for a in counts if a))
            if old is not None and aliases == old.aliases:
                aliases = old.aliases
            built[fk] = Built(fk, name, kind, aliases, description, mentions)
        self.built = built
        return sorted(built.values(), key=lambda t: (t.kind, t.name.lower(), t.name, t.key))


def _add(counter: Counter, items, sign: int) -> None:
    """counter += items (sign 1) or -= items (sign -1), keeping no count of zero."""
    if sign > 0:
        counter.update(items)
        return
    for item in items:
        left = counter[item] - 1
        if left > 0:
            counter[item] = left
        else:
            del counter[item]


class _Clock:
    """CPU seconds per step of the last update (Engine.last), for the benchmark."""

    def __init__(self):
        self.spent: dict[str, float] = {}
        self.at = time.process_time()

    def __call__(self, step: str) -> None:
        now = time.process_time()
        self.spent[step] = now - self.at
        self.at = now


def _kept(ms: list) -> list:
    """An article's mentions of one topic, (slug, line, start, end, text), sorted, each once, and
    without one that lies inside another in the same paragraph."""
    if len(ms) == 1:
        return ms
    ms = sorted(set(ms))
    prev = ms[0]
    for m in ms[1:]:
        if m[1] == prev[1] and (m[2] == prev[2] or m[3] <= prev[3]):
            return _dedupe(ms)
        prev = m
    return ms


def _dedupe(mentions: list[tuple]) -> list[tuple]:
    """Drop a mention that lies inside another mention of the same topic (same paragraph).

    `mentions` are sorted (slug, line, start, end, text) tuples of one article; the result stays sorted."""
    kept: list[tuple] = []
    for m in sorted(mentions, key=lambda m: (m[1], m[2], -m[3])):
        if kept and kept[-1][1] == m[1] and m[3] <= kept[-1][3]:
            continue
        kept.append(m)
    kept.sort()
    return kept
