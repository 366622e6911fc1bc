#!/usr/bin/env python3
"""Synthetic dossiers for the scale benchmark: N scraped news articles, the same for the same N.

    python bench/generate.py N DIR [--seed S]

Writes DIR/site.yaml, DIR/content/articles/NNNNNN_<outlet>.txt, a copy of the repo's templates/
and static/ (so `python -m generator build --config DIR/site.yaml` builds it) and
DIR/bench-manifest.json (title, date, outlet and tags of each article, for the Pelican and Hugo
copies). Everything comes from the word lists and sentence templates below, seeded: article i
is the same whatever N is, so the 1,000-article dossier is the first thousand of the 10,000.

What an article looks like: front matter (date, source: one of 20 outlets); noise at the top
(breadcrumbs, a scrape date, a reading-time widget, the outlet's own header lines); a headline,
byline and photo credit; 400-900 words of news prose about a story that several outlets cover,
with people (titles, later surnames only), organisations, places, dates (explicit, "On March 3",
"last week", "on Thursday", decades) and quotes reused across outlets verbatim, split or
paraphrased; noise in the middle (a section label and a teaser headline, "Read also", an
advert marker) and at the bottom (comment prompts, "Source link", related headlines, the
outlet's footer lines, repeated on every article of that outlet).
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=4).hexdigest()  # cache key of generated dossiers
ARTICLES_PER_STORY = 4  # outlets covering one story, on average
FIRST_DAY = datetime.date(2018, 1, 1)
DAYS = 365 * 6

# --- word lists ------------------------------------------------------------------------------

FIRST = """Anna Marek Elena Tomas Sofia Viktor Irina Pavel Leila Omar Hana Jonas Mira Daniel Nadia Karl
Ines Yusuf Clara Ruben Ayla Stefan Lucia Andrei Maya Felix Greta Ivan Noor Hugo Dana Emil Zara Otto
Vera Luka Rosa Samir Alma Bruno""".split()
LAST = """Varga Delano Kovac Lindqvist Moreau Petrov Haddad Okafor Brandt Castell Novak Sato Ferreira
Aydin Kowalski Romero Halvorsen Mendes Dragan Weber Nakamura Rossi Baptiste Ivanova Schultz Larsen
Markovic Ortega Demir Kuznets Albrecht Sorensen Vidal Horvat Tanaka Quist Obi Marchetti Abbasi
Berisha Chandra Dumont Eriksen Fischer Gallo Hoffmann Ibrahim Jansen Kaya Lambert Mahmoud Nielsen Orlov
Pereira Qureshi Reyes Salazar Toth Ueda Volkov Wagner Yilmaz Zielinski Antonov Bauer Costa Dvorak
Engel Farouk Garcia Huber Ilic Jovanovic Keller Lopez Meyer Nowak Olsen Popescu Richter Sokolov
Takahashi Urban Vasquez Wolf Yamamoto Zhukov Arslan Bianchi Conti""".split()
COUNTRIES = [  # (country, demonym, capital, other city)
    ("Russia", "Russian", "Moscow", "St Petersburg"), ("China", "Chinese", "Beijing", "Shanghai"),
    ("Germany", "German", "Berlin", "Hamburg"), ("France", "French", "Paris", "Marseille"),
    ("Ukraine", "Ukrainian", "Kyiv", "Odesa"), ("Turkey", "Turkish", "Ankara", "Istanbul"),
    ("India", "Indian", "New Delhi", "Mumbai"), ("Brazil", "Brazilian", "Brasilia", "Sao Paulo"),
    ("Japan", "Japanese", "Tokyo", "Osaka"), ("Poland", "Polish", "Warsaw", "Gdansk"),
    ("Kazakhstan", "Kazakh", "Astana", "Almaty"), ("Egypt", "Egyptian", "Cairo", "Alexandria"),
    ("Norway", "Norwegian", "Oslo", "Bergen"), ("Italy", "Italian", "Rome", "Milan"),
    ("Serbia", "Serbian", "Belgrade", "Novi Sad"), ("Iran", "Iranian", "Tehran", "Isfahan"),
    ("Nigeria", "Nigerian", "Abuja", "Lagos"), ("Mexico", "Mexican", "Mexico City", "Monterrey"),
    ("Finland", "Finnish", "Helsinki", "Tampere"), ("Georgia", "Georgian", "Tbilisi", "Batumi"),
]
TITLES = [  # (title before the name, what later sentences call the person)
    ("President", "the president"), ("Prime Minister", "the prime minister"),
    ("Foreign Minister", "the foreign minister"), ("Energy Minister", "the minister"),
    ("Defence Minister", "the minister"), ("Finance Minister", "the minister"),
    ("Ambassador", "the ambassador"), ("Central Bank Governor", "the governor"),
    ("presidential aide", "the aide"), ("Deputy Prime Minister", "the deputy prime minister"),
    ("opposition leader", "the opposition leader"), ("Mayor", "the mayor"),
]
ORGS = [
    ("the United Nations", "UN"), ("the European Union", "EU"), ("NATO", "NATO"), ("the World Bank", "World Bank"),
    ("the International Monetary Fund", "IMF"), ("the Ministry of Energy", "ministry"),
    ("the Northern Grid Company", "Northern Grid"), ("the Baltic Shipping Union", "BSU"),
    ("the Eastern Pipeline Consortium", "EPC"), ("the National Statistics Office", "statistics office"),
    ("the Central Election Commission", "election commission"), ("the World Health Organization", "WHO"),
    ("the Caspian Development Bank", "CDB"), ("the Shanghai Cooperation Organisation", "SCO"),
    ("the Red Cross", "Red Cross"), ("the Arctic Council", "Arctic Council"),
    ("the State Audit Chamber", "audit chamber"), ("the Supreme Court", "court"),
]
THEMES = {  # theme: (nouns, things, verbs)
    "energy": (["gas supplies", "the new pipeline", "electricity prices", "oil exports", "the power grid"],
               ["a gas contract", "a pipeline deal", "an energy accord"], ["supply", "export", "deliver"]),
    "trade": (["bilateral trade", "tariffs", "the trade balance", "grain exports", "customs rules"],
              ["a trade agreement", "a customs pact", "a free trade zone"], ["trade", "sell", "import"]),
    "security": (["border security", "joint exercises", "the missile systems", "naval patrols", "the armed forces"],
                 ["a security pact", "a defence treaty", "a joint patrol"], ["defend", "patrol", "deploy"]),
    "sanctions": (["the sanctions", "frozen assets", "export controls", "the banking restrictions", "the price cap"],
                  ["a sanctions package", "an asset freeze", "a new list of restrictions"], ["restrict", "freeze", "ban"]),
    "climate": (["emissions", "the flood defences", "the drought", "coal plants", "the heat wave"],
                ["a climate plan", "an emissions pledge", "a reforestation fund"], ["cut", "protect", "invest"]),
    "elections": (["the vote count", "turnout", "the runoff", "campaign finance", "the ballot"],
                  ["an electoral reform", "a new voting law", "an observer mission"], ["vote", "observe", "count"]),
    "health": (["the vaccine rollout", "hospital capacity", "the outbreak", "drug prices", "the pandemic"],
               ["a health programme", "a vaccine deal", "an emergency fund"], ["treat", "vaccinate", "fund"]),
    "migration": (["the border crossings", "asylum claims", "the refugee camps", "labour migration", "visa rules"],
                  ["a migration deal", "a resettlement plan", "a visa waiver"], ["admit", "return", "resettle"]),
    "technology": (["chip production", "the satellite launch", "data centres", "cyber attacks", "the space programme"],
                   ["a technology partnership", "a satellite contract", "a joint research centre"], ["develop", "launch", "build"]),
    "finance": (["inflation", "the national currency", "interest rates", "the budget deficit", "foreign debt"],
                ["a currency swap", "a loan package", "a debt restructuring"], ["lend", "borrow", "settle"]),
}
THEME_NAMES = list(THEMES)
SECTIONS = ["World", "Europe", "Asia", "Politics", "Economy", "Business", "Russia", "Middle East", "Opinion", "Analysis"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve", "fifteen", "twenty"]

# 20 outlets, each with its own habits and template lines (repeated on each of its articles).
OUTLETS = [
    # key, name, quote marks, blank lines between paragraphs, header lines, footer lines
    ("ledger", "The Daily Ledger", "“”", True, ["The Daily Ledger", "Menu"], ["© The Daily Ledger. All rights reserved.", "Follow The Daily Ledger on Telegram"]),
    ("courier", "Eastern Courier", '""', False, ["Eastern Courier | Independent news"], ["Eastern Courier is registered as a media outlet. Reproduction requires a link to the source."]),
    ("tribune", "Capital Tribune", "“”", True, ["Subscribe to Capital Tribune"], ["Capital Tribune newsletter: the day's top stories in your inbox", "Terms of use | Privacy policy | Contact us"]),
    ("wire", "Global Wire Service", '""', False, ["GWS"], ["Global Wire Service - all material is protected by copyright"]),
    ("observer", "The Steppe Observer", "“”", True, ["The Steppe Observer"], ["Support independent journalism in Central Asia: donate to The Steppe Observer"]),
    ("herald", "Baltic Herald", "“”", True, ["Baltic Herald • News from the Baltic region"], ["Baltic Herald uses cookies to improve your experience.", "Advertise with us"]),
    ("insider", "Policy Insider", '""', True, ["Policy Insider"], ["Policy Insider Pro subscribers get this analysis first. Start your free trial."]),
    ("monitor", "Caucasus Monitor", "“”", False, ["Caucasus Monitor", "Search"], ["Have a news tip? Write to Caucasus Monitor."]),
    ("today", "Eurasia Today", '""', True, ["Eurasia Today - Live"], ["Eurasia Today is available on the App Store and Google Play", "Download our app"]),
    ("gazette", "The Northern Gazette", "“”", True, ["The Northern Gazette"], ["The Northern Gazette, founded 1887", "Letters to the editor: letters@example.org"]),
    ("post", "Danube Post", "“”", False, ["Danube Post"], ["Danube Post on social media: Facebook, X, Instagram"]),
    ("times", "Silk Road Times", '""', True, ["Silk Road Times", "E-paper"], ["Silk Road Times. Editor-in-chief: R. Halvorsen."]),
    ("review", "Atlantic Review", "“”", True, ["Atlantic Review"], ["Atlantic Review is funded by its readers. Become a member."]),
    ("express", "Volga Express", '""', False, ["Volga Express"], ["Volga Express 18+"]),
    ("digest", "World Affairs Digest", "“”", True, ["World Affairs Digest"], ["World Affairs Digest - independent analysis since 2004"]),
    ("chronicle", "Pacific Chronicle", "“”", True, ["Pacific Chronicle"], ["Pacific Chronicle: Sign up for breaking news alerts"]),
    ("bulletin", "Market Bulletin", '""', True, ["Market Bulletin", "Markets | Economy | Companies"], ["Market data delayed by at least 15 minutes."]),
    ("dispatch", "Frontier Dispatch", "“”", False, ["Frontier Dispatch"], ["Frontier Dispatch is a member of the Independent Press Network"]),
    ("voice", "People's Voice", '""', True, ["People's Voice"], ["People's Voice - the newspaper of record since 1991"]),
    ("sentinel", "Mediterranean Sentinel", "“”", True, ["Mediterranean Sentinel"], ["Mediterranean Sentinel © all rights reserved"]),
]
SYNONYMS = {  # for paraphrased quotes
    "will": "would", "we": "they", "our": "their", "us": "them", "is": "was", "are": "were", "have": "had",
    "can": "could", "never": "not ever", "new": "further", "important": "significant", "today": "that day",
    "now": "at that point", "must": "had to", "want": "wanted", "here": "there", "this": "that",
}

# --- sentence templates ----------------------------------------------------------------------
# Slots: {P} full name with title, {Pl} surname, {Pr} role ("the minister"), {Q} second person,
# {Ql} surname, {C} {C2} countries, {D} {D2} demonyms, {cap} capital, {city}, {O} organisation,
# {Os} its short name, {n} noun of the theme, {n2}, {thing}, {v} verb, {num} number word,
# {pct} a percentage, {amt} an amount, {when} a date expression, {past} a past date expression.

LEDE = [
    "{P} said {when} that {C} and {C2} would {v} more together, in remarks that drew attention in {cap} and beyond.",
    "{D} and {D2} officials have agreed on {thing}, {P} told reporters in {city} {when}.",
    "{P} {when} warned that {n} could become the main test for relations between {C} and {C2}.",
    "Speaking at a press conference in {cap} {when}, {P} described {n} as “a stabilising factor” for the region.",
    "{O} said {when} it would review {n} after talks in {city} ended without {thing}.",
    "The dispute over {n} between {C} and {C2} deepened {when}, when {P} rejected the latest proposal from {O}.",
]
BODY = [
    "According to {Pl}, the two countries have already signed {thing} and are working on {n2}.",
    "{Pr} said that {n} had grown by {pct} over the past year, citing figures from {O}.",
    "The talks in {city} were the first of their kind since {since}, when {C} and {C2} last met at this level.",
    "{Ql}, who has long criticised {n}, said the plan would cost about {amt}.",
    "Officials in {cap} declined to comment on the remarks, but a spokesperson for {O} said a statement would follow.",
    "{D} media reported that {num} delegations had arrived in {city} {past}.",
    "Analysts say {n} has become the central issue for {C} since the 1990s, when the first agreements were signed.",
    "{P} also met {Q} {past} to discuss {n2} and {n}.",
    "The {Os} has estimated that {n} could reach {amt} by the end of the decade.",
    "Critics in {C2} argue that {thing} would leave {n2} exposed, and {Ql} called it “a step backwards”.",
    "Since the early 2000s, {C} has relied on {n} for a large share of its budget revenue.",
    "The decision came after {num} rounds of negotiations that began {past}.",
    "{Pl} added that {C} was ready to {v} {n2} “without preconditions” if {C2} did the same.",
    "In a separate statement, {O} said it was monitoring {n} in {city} closely.",
    "Earlier this month, {Q} said that {n} would top the agenda at the next summit in {cap}.",
    "The {D} side has not yet published the text of {thing}, which is expected to be signed {future}.",
    "Figures published by {O} show that {n2} fell by {pct} in the first quarter.",
    "Relations between {C} and {C2} have been strained since {since}, after a row over {n}.",
    "{Pr} did not say when {thing} would take effect, but officials expect it {future}.",
    "Local residents in {city} told reporters that {n} had already changed daily life there.",
    "Last week, {O} warned that {n} would remain fragile for years without {thing}.",
    "The meeting in {cap} lasted more than {num} hours, according to people familiar with the talks.",
    "In the 1980s, the two countries signed their first accord on {n2}, which lapsed a decade later.",
    "{on_day}, {Q} said that {n2} would be discussed again at {O}.",
    "{on_day}, officials in {city} confirmed that {thing} had been postponed.",
    "The {D} foreign ministry summoned the {D2} ambassador over {n} {past}, a diplomat said.",
    "Trading in {city} slowed as investors weighed what {thing} would mean for {n2}.",
    "Opposition deputies in {cap} demanded a hearing on {n}, saying the public had been kept in the dark.",
    "A poll published {past} found that {pct} of {D} voters backed {thing}.",
    "{Ql}'s office released a transcript of the call but left out the passages on {n2}.",
    "Shipping companies said {n} had added {num} days to routes through {city}.",
    "The governor of {city} asked {O} for emergency help with {n2}.",
    "Two senior {D} officials resigned {past} over the handling of {n}.",
    "The parliament in {cap} is due to vote on {thing} {future}, the speaker said.",
    "Diplomats in {cap2} described the mood at the talks as tense but businesslike.",
    "Protesters gathered outside the {D2} embassy in {cap} to denounce {thing}.",
    "The agreement would be reviewed every {num} years, according to a draft seen by reporters.",
    "{O} has set up a working group of {num} experts to study {n}.",
    "Energy traders and farmers alike have felt the effect of {n} on prices in {city}.",
    "The {D2} embassy said it had not been consulted about {thing}.",
    "Lawyers for the companies involved said they would challenge {thing} in court.",
    "{Ql} said on {weekday} that {C2} would respond to any attempt to {v} {n} “in a proportionate way”.",
]
QUOTE = [
    "We have never threatened anyone, and we will not accept threats against {C}",
    "This partnership has no precedent in history, at least between {C} and {C2}",
    "Our cooperation on {n} is a serious stabilising factor in the international arena",
    "We are ready to {v} {n2} together, but the other side must show the same will",
    "Nobody should expect {C} to give up {n} because someone in {cap2} demands it",
    "The figures speak for themselves: {n} has grown every year, and it will grow again",
    "We made it clear that {thing} is only possible with guarantees for {n2}",
    "This is not about politics, this is about {n} and the lives of ordinary people in {city}",
    "We want {thing} that works for {C} and for {C2}, not a document for the archives",
    "Let us turn this page and talk about {n2}, which is what people really care about",
    "There is no hidden meaning here, we simply want {n} to be predictable",
    "The door to {O} remains open, and we hope {C2} will walk through it",
]
SAYS = ["said", "stressed", "told reporters", "added", "emphasised", "noted", "said in a statement"]
HEADLINE = [
    "{Pl} says {C} and {C2} will {v} more together",
    "{C} and {C2} agree on {thing}",
    "{O} warns of crisis over {n} in {C}",
    "{Pl}: {n} is a stabilising factor",
    "{D} officials reject {C2}'s plan on {n}",
    "Talks on {n} in {city} end without a deal",
    "{Pl} meets {Ql} in {cap} to discuss {n}",
    "{C} ready to sign {thing} with {C2}, {Pl} says",
]
TOP_NOISE = [
    lambda r, o, d: f"Home » {r.choice(SECTIONS)} » {r.choice(SECTIONS)}",
    lambda r, o, d: f"Home / News / {r.choice(SECTIONS)}",
    lambda r, o, d: scrape_date(r, d),
    lambda r, o, d: f"0 {r.randint(2, 9)} min {r.randint(1, 11)} mths",
    lambda r, o, d: f"{r.randint(2, 9)} min read",
    lambda r, o, d: "Share on Facebook Share on Twitter",
    lambda r, o, d: r.choice(SECTIONS),
]
BOTTOM_NOISE = [
    ["Source link"],
    ["Leave a Reply", "Your email address will not be published. Required fields are marked *"],
    ["LEAVE A REPLY", "Please enter your comment!", "Please enter your name here"],
    ["Discuss"],
    ["› Subscribe"],
    ["Leave a Comment"],
    ["The reCAPTCHA verification period has expired. Please reload the page."],
]
# Each outlet words the same facts its own way: narration (never quotes) goes through these swaps
# and gains an adverbial now and then, so unrelated articles share few 5-grams, as real ones do.
VARIANTS = {
    "said": ["said", "stated", "told journalists", "declared", "remarked", "announced", "noted"],
    "officials": ["officials", "diplomats", "government sources", "civil servants", "authorities"],
    "talks": ["talks", "negotiations", "consultations", "discussions"],
    "meeting": ["meeting", "session", "summit", "encounter"],
    "countries": ["countries", "nations", "states", "governments", "neighbours"],
    "plan": ["plan", "proposal", "initiative", "scheme", "blueprint"],
    "agreement": ["agreement", "accord", "deal", "arrangement"],
    "warned": ["warned", "cautioned", "signalled", "argued"],
    "expected": ["expected", "likely", "due", "set"],
    "first": ["first", "earliest", "initial", "opening"],
    "large": ["large", "sizeable", "substantial", "major", "considerable"],
    "already": ["already", "so far", "by now", "to date"],
    "issue": ["issue", "question", "matter", "problem", "topic"],
    "reported": ["reported", "wrote", "said", "claimed", "noted"],
    "would": ["would", "will", "could", "might"],
    "comment": ["comment", "respond", "elaborate", "say more"],
    "statement": ["statement", "press release", "communique", "briefing"],
    "since": ["since", "ever since"],
    "agenda": ["agenda", "programme", "list of priorities", "schedule"],
    "relations": ["relations", "ties", "links", "contacts"],
    "critics": ["critics", "opponents", "sceptics", "detractors"],
    "people": ["people", "sources", "persons", "insiders"],
    "residents": ["residents", "inhabitants", "people", "locals"],
    "months": ["months", "weeks", "quarters"],
    "decision": ["decision", "move", "step", "ruling"],
    "figures": ["figures", "data", "numbers", "statistics"],
    "years": ["years", "decades", "seasons"],
}
ADVERBIALS = [
    "according to local media", "in a rare move", "by most accounts", "for now", "once again", "in recent days",
    "as expected", "unexpectedly", "in private", "at the time", "in public", "behind closed doors",
    "according to the transcript", "for the first time", "at least formally", "in practice", "on paper",
    "so far", "after a long pause", "to the surprise of many", "in the end", "at a late hour",
]


PROPER = {w for name, *rest in COUNTRIES for part in (name, *rest) for w in part.split()} | set(FIRST) | set(LAST) \
    | {t.split()[0] for t, _ in TITLES if t[0].isupper()} | {o.split()[0] for _, o in ORGS}


def reword(sentence: str, r: random.Random) -> str:
    """Narration as one outlet writes it: some words swapped, sometimes an adverbial added."""
    words = sentence.split(" ")
    for k, word in enumerate(words):
        core = word.rstrip(",.;:")
        choices = VARIANTS.get(core)
        if choices and r.random() < 0.7:
            words[k] = r.choice(choices) + word[len(core):]
    text = " ".join(words)
    if r.random() < 0.3:
        keep_case = words[0].rstrip(",.'s") in PROPER
        text = f"{r.choice(ADVERBIALS).capitalize()}, {text if keep_case else text[0].lower() + text[1:]}"
    elif r.random() < 0.3 and text.endswith(".") and not text.endswith(("”.", '".')):
        text = f"{text[:-1]}, {r.choice(ADVERBIALS)}."
    return text


RELATED = ["You may also like", "More Articles", "Related", "Read more:", "More on this topic"]


def scrape_date(r: random.Random, day: datetime.date) -> str:
    """The date the page was scraped, printed in the page header: after the publication date."""
    seen = day + datetime.timedelta(days=r.randint(30, 900))
    return f"{WEEKDAYS[seen.weekday()]}, {seen:%B} {seen.day}, {seen.year}"


# --- the world: people and stories ----------------------------------------------------------

def people() -> list[dict]:
    r = random.Random("people")
    result, used = [], set()
    while len(result) < 80:
        first, last = r.choice(FIRST), r.choice(LAST)
        if last in used:
            continue
        used.add(last)
        title, role = r.choice(TITLES)
        country = r.randrange(len(COUNTRIES))
        result.append({"name": f"{first} {last}", "last": last, "title": title, "role": role, "country": country})
    return result


PEOPLE = people()


def story(s: int) -> dict:
    """Story s: what several outlets report on one day. Same s, same story."""
    r = random.Random(f"story-{s}")
    c1, c2 = r.sample(range(len(COUNTRIES)), 2)
    locals_ = [p for p in PEOPLE if p["country"] == c1] or PEOPLE
    speaker = r.choice(locals_)
    other = r.choice([p for p in PEOPLE if p is not speaker])
    theme = r.choice(THEME_NAMES)
    org = r.choice(ORGS)
    day = FIRST_DAY + datetime.timedelta(days=(s * 7 + r.randrange(7)) % DAYS)  # stories spread over six years
    slots = base_slots(r, c1, c2, speaker, other, theme, org)
    quotes = [fill(q, slots, r) for q in r.sample(QUOTE, 4)]
    headline = fill(r.choice(HEADLINE), slots, r)
    return {"c1": c1, "c2": c2, "speaker": speaker, "other": other, "theme": theme, "org": org, "day": day,
            "quotes": quotes, "headline": headline}


def base_slots(r, c1, c2, speaker, other, theme, org) -> dict:
    nouns, things, verbs = THEMES[theme]
    country, demonym, capital, city = COUNTRIES[c1]
    country2, demonym2, capital2, _ = COUNTRIES[c2]
    return {
        "P": f"{COUNTRIES[speaker['country']][1]} {speaker['title']} {speaker['name']}"
        if speaker["title"][0].isupper() else f"{speaker['title']} {speaker['name']}",
        "Pl": speaker["last"], "Pr": speaker["role"].capitalize(),
        "Q": f"{other['title']} {other['name']}", "Ql": other["last"],
        "C": country, "C2": country2, "D": demonym, "D2": demonym2, "cap": capital, "cap2": capital2, "city": city,
        "O": org[0], "Os": org[1], "n": nouns[0], "n2": nouns[1], "thing": things[0], "v": verbs[0],
        "_nouns": nouns, "_things": things, "_verbs": verbs,
    }


def fill(template: str, slots: dict, r: random.Random, day: datetime.date | None = None) -> str:
    values = dict(slots)
    values["n"], values["n2"] = r.sample(slots["_nouns"], 2)
    values["thing"] = r.choice(slots["_things"])
    values["v"] = r.choice(slots["_verbs"])
    values["num"] = r.choice(NUMBERS)
    values["pct"] = f"{r.randint(2, 40)}{r.choice(['%', ' per cent', ' percent'])}"
    values["amt"] = f"{r.randint(2, 900)} {r.choice(['million', 'billion'])} {r.choice(['dollars', 'euros', 'roubles', 'yuan'])}"
    day = day or FIRST_DAY
    values["when"] = when(r, day)
    values["past"] = past(r, day)
    values["future"] = future(r, day)
    values["weekday"] = WEEKDAYS[day.weekday()]
    long_ago = day - datetime.timedelta(days=r.randint(200, 4000))
    values["since"] = r.choice([str(long_ago.year), f"{long_ago:%B} {long_ago.year}", f"the {long_ago.year // 10 * 10}s"])
    earlier = day - datetime.timedelta(days=r.randint(2, 200))
    values["on_day"] = f"On {earlier:%B} {earlier.day}"  # underspecified: the year is the reader's guess
    text = template.format(**values)
    return text[0].upper() + text[1:]


def when(r, day: datetime.date) -> str:
    """The day of the story, as reporters write it on that day or the next."""
    return r.choice([f"on {WEEKDAYS[day.weekday()]}", "on Thursday" if day.weekday() == 3 else "today",
                     f"on {day:%B} {day.day}", f"on {day.day} {day:%B}", "yesterday", f"on {day.day} {day:%B %Y}"])


def past(r, day: datetime.date) -> str:
    before = day - datetime.timedelta(days=r.randint(3, 3000))
    return r.choice([
        "last week", "last month", "two days ago", "earlier this year", f"in {before.year}",
        f"in {before:%B} {before.year}", f"on {before:%B} {before.day}",
        f"on {before.day} {before:%B %Y}", f"in late {before:%B}", f"in the {before.year // 10 * 10 - 10}s",
        f"on {before:%B} {before.day}, {before.year}", "a decade ago", "in the summer",
    ])


def future(r, day: datetime.date) -> str:
    after = day + datetime.timedelta(days=r.randint(20, 400))
    return r.choice(["next month", "next year", f"in {after:%B}", f"by {after:%B} {after.year}", "within weeks",
                     f"in early {after.year}"])


def paraphrase(quote: str, speaker_last: str, r: random.Random) -> str:
    """Reported speech with a few words swapped: the same quote, as another outlet retells it."""
    words = [SYNONYMS.get(w.lower(), w) for w in quote.split()]
    words[0] = words[0].lower() if words[0] not in ("I",) and not words[0][1:2].isupper() else words[0]
    verb = r.choice(["said", "argued", "insisted", "claimed"])
    return f"{speaker_last} {verb} that {' '.join(words)}."


def quoted(quote: str, marks: str, says: str, who: str, r: random.Random) -> str:
    a, b = marks[0], marks[1]
    form = r.randrange(3)
    if form == 0:
        return f"{a}{quote},{b} {who} {says}."
    if form == 1 and quote.count(",") >= 1:  # split quote
        head, tail = quote.split(",", 1)
        return f"{a}{head},{b} {who} {says}, {a}{tail.strip()}.{b}"
    return f"{who[0].upper() + who[1:]} {says}: {a}{quote}.{b}"


# --- one article -----------------------------------------------------------------------------

def article(i: int) -> tuple[str, dict]:
    """Article i: its file text and its manifest record."""
    r = random.Random(f"article-{i}")
    s = i // ARTICLES_PER_STORY
    st = story(s)
    outlet_index = (s * 7 + i * 3) % len(OUTLETS)  # outlets of a story differ
    key, name, marks, blank, header, footer = OUTLETS[outlet_index]
    day = st["day"] + datetime.timedelta(days=r.choice([0, 0, 0, 1, 1, 2]))
    slots = base_slots(r, st["c1"], st["c2"], st["speaker"], st["other"], st["theme"], st["org"])
    story_day = st["day"]

    title = st["headline"] if r.random() < 0.5 else fill(r.choice(HEADLINE), slots, r, story_day)
    lines: list[str] = []
    top = list(header)
    for make in r.sample(TOP_NOISE, r.randint(1, 3)):
        top.append(make(r, key, day))
    lines += top
    lines.append(title)
    if r.random() < 0.6:
        lines.append(r.choice([f"by {r.choice(FIRST).lower()}", f"By {r.choice(FIRST)} {r.choice(LAST)}",
                               f"{r.choice(FIRST)} {r.choice(LAST)}, {name}"]))
    if r.random() < 0.4:
        lines.append(f"Photo: {r.choice(FIRST)} {r.choice(LAST)} / {r.choice(['Reuters', 'AP', 'AFP', 'TASS', 'Xinhua'])}")

    target = r.randint(400, 900)
    body = [reword(fill(r.choice(LEDE), slots, r, story_day), r)]
    words = len(body[0].split())
    quotes = st["quotes"][:]
    r.shuffle(quotes)
    middle_at = None
    order: list[str] = []
    while words < target:
        para = []
        for _ in range(r.randint(1, 3)):
            if quotes and r.random() < 0.35:
                q = quotes.pop()
                who = r.choice([st["speaker"]["last"], st["speaker"]["role"], "he" if r.random() < 0.5 else "she"])
                sentence = paraphrase(q, st["speaker"]["last"], r) if r.random() < 0.3 else quoted(q, marks, r.choice(SAYS), who, r)
            else:
                if not order:  # each template once before any repeats
                    order = r.sample(BODY, len(BODY))
                sentence = reword(fill(order.pop(), slots, r, story_day), r)
            para.append(sentence)
        text = " ".join(para)
        if marks == '""':
            text = text.replace("“", '"').replace("”", '"')
        body.append(text)
        words += len(text.split())
        if middle_at is None and words > target * 0.45:
            middle_at = len(body)
    middle = r.choice([
        [r.choice(SECTIONS), fill(r.choice(HEADLINE), slots, r, story_day)],
        [f"Read also: {fill(r.choice(HEADLINE), slots, r, story_day)}"],
        ["ADVERTISEMENT"],
        [r.choice(SECTIONS), fill(r.choice(HEADLINE), slots, r, story_day), fill(r.choice(HEADLINE), slots, r, story_day)],
    ])
    body[middle_at or len(body):middle_at or len(body)] = middle
    lines += body
    bottom = list(r.choice(BOTTOM_NOISE))
    if r.random() < 0.6:
        bottom.append(r.choice(RELATED))
        bottom += [story(s + k)["headline"] for k in (1, 2, 3)]
    bottom += footer
    lines += bottom

    sep = "\n\n" if blank else "\n"
    text = f"---\ndate: {day.isoformat()}\nsource: {key}\n---\n" + sep.join(lines) + "\n"
    c1, c2 = COUNTRIES[st["c1"]][0], COUNTRIES[st["c2"]][0]
    tags = [st["speaker"]["name"], c1, c2, st["org"][0].removeprefix("the "), st["theme"]]
    record = {"file": f"{i:06d}_{key}.txt", "title": title, "date": day.isoformat(), "source": key,
              "source_name": name, "tags": tags, "body_start": text.index("---\n", 4) + 4}
    return text, record


def site_yaml(n: int) -> str:
    lines = [
        f'title: "Synthetic dossier: {n} articles"',
        "description: Generated by bench/generate.py for the scale benchmark.",
        "language: en",
        "timezone: UTC",
        "sources:",
    ]
    for key, name, *_ in OUTLETS:
        lines += [f"  {key}:", f'    name: "{name}"', f"    url: https://{key}.example.org"]
    return "\n".join(lines) + "\n"


def generate(n: int, out: Path) -> list[dict]:
    """Write the dossier of n articles into `out` (which must not hold another one)."""
    articles = out / "content" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    manifest = []
    for i in range(n):
        text, record = article(i)
        (articles / record["file"]).write_text(text, encoding="utf-8")
        manifest.append(record)
    (out / "site.yaml").write_text(site_yaml(n), encoding="utf-8")
    for folder in ("templates", "static"):
        if (out / folder).exists():
            shutil.rmtree(out / folder)
        shutil.copytree(ROOT / folder, out / folder)
    (out / "bench-manifest.json").write_text(json.dumps({"version": VERSION, "articles": manifest}), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("dir", type=Path, help="folder to write the dossier into")
    args = parser.parse_args(argv)
    if args.dir.exists() and any(args.dir.iterdir()):
        print(f"generate: {args.dir} is not empty; choose a new folder", file=sys.stderr)
        return 2
    generate(args.n, args.dir)
    print(f"generate: {args.n} articles in {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
