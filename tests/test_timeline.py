"""The timeline: the events the demo articles mention, each dated against the publication date."""
import datetime

from hypothesis import given, settings, strategies as st

from generator.enrich import events
from generator.enrich.events import Paragraphs, build_timeline

from .conftest import read_json
from .sitecheck import parse

# What a careful reader dates in the demo (all five published on Thursday 2021-12-23), written
# down from the articles, not from the program's output.
EXPECTED = {
    "2021-12-23": "Thursday",  # the press conference itself
    "2021-W50": "last week",  # the virtual Putin-Xi meeting
    "2021-10": "late October",  # the joint naval patrol
    "2021-12-17": "December 17",  # the draft agreements
    "2021-12-20": "December 20",  # Wang Yi's statement
    "2020-08-20": "August 20, 2020",  # Navalny's collapse
    "2020-08-22": "August 22",  # his airlift: 2020, from the narrative
    "2020-09-02": "September 2",  # the German claim: 2020 too
    "199X": "the 1990s",  # NATO's promise
    "2060": "2060",  # the energy horizon
    "2021-11": "last month",  # the accusations
}


def test_demo_timeline_dates_every_event_a_reader_would(demo_site):
    timeline = read_json(demo_site / "data" / "timeline.json")
    found = {(e["value"], m["text"]) for e in timeline for m in e["mentions"]}
    for value, text in EXPECTED.items():
        assert (value, text) in found, (value, text)


def test_the_scrape_date_removed_by_the_cleaner_is_never_on_the_timeline(demo_site):
    timeline = read_json(demo_site / "data" / "timeline.json")
    assert not [e for e in timeline if e["first_day"].startswith("2024")]


def test_timeline_records_follow_the_contract_and_are_sorted(demo_site):
    timeline = read_json(demo_site / "data" / "timeline.json")
    days = [(e["first_day"], e["last_day"]) for e in timeline]
    assert [d[0] for d in days] == sorted(d[0] for d in days)
    for entry in timeline:
        assert set(entry) >= {"value", "first_day", "last_day", "label", "mentions"}
        assert entry["first_day"] <= entry["last_day"]
        for mention in entry["mentions"]:
            assert set(mention) >= {"article", "source", "line", "text", "sentence"}
            assert mention["text"] in mention["sentence"]
    late_october = next(e for e in timeline if e["value"] == "2021-10")
    assert late_october["label"] == "late October 2021"
    assert (late_october["first_day"], late_october["last_day"]) == ("2021-10-01", "2021-10-31")
    nineties = next(e for e in timeline if e["value"] == "199X")
    assert nineties["label"] == "the 1990s" and nineties["first_day"] == "1990-01-01"


def test_one_event_reported_by_several_outlets_is_one_entry(demo_site):
    timeline = read_json(demo_site / "data" / "timeline.json")
    meeting = [e for e in timeline if e["value"] == "2021-W50"]
    assert len(meeting) == 1
    assert len({m["source"] for m in meeting[0]["mentions"]}) == 2  # 000 and 003 both report it
    # The year-end press conference of Thursday 2021-12-23, as each article dates it (read from the articles):
    # 000 "an annual press conference on Thursday" (line 8) and "his Q&A session on Thursday" (line 10);
    # 001 "Putin on Thursday said" (line 4); 002 "Putin said on Thursday" (line 8); 003 "his Thursday year-end
    # conference" (line 31). 004 speaks of "the annual big press conference" but gives it no date.
    conference = [e for e in timeline if e["value"] == "2021-12-23"]
    assert len(conference) == 1
    files = {r["slug"]: r["file"].rsplit("/", 1)[-1][:3] for r in read_json(demo_site / "data" / "articles.json")}
    found = sorted((files[m["article"]], m["line"]) for m in conference[0]["mentions"])
    assert found == [("000", 8), ("000", 10), ("001", 4), ("002", 8), ("003", 31)]
    assert len({m["source"] for m in conference[0]["mentions"]}) == 4  # one per outlet, every outlet listed


def test_the_date_expressions_anchor_is_the_word_it_is_attached_to():
    day = datetime.date(2021, 12, 23)

    def anchors(sentence):
        article = Paragraphs("a", "s", "S", day, ((1, sentence),))
        return {m.text: m.anchors for m in events.dated_mentions(article)}

    assert anchors("Speaking at an annual press conference on Thursday, Putin said so.")["Thursday"] == ("conference",)
    # another date expression next to it is stepped over
    assert anchors("Putin during his Thursday year-end conference addressed the crisis.")["Thursday"] == ("conference",)
    assert anchors("Monday's vote was close.")["Monday"] == ("vote",)
    # reporting words and stopwords say who told it, not what happened
    assert anchors("The minister noted on Monday that prices rose.")["Monday"] == ()
    assert anchors("He told reporters on Monday that prices rose.")["Monday"] == ()
    # never across a sentence end
    assert anchors("They met in Moscow. Monday’s talks ended.")["Monday"] == ("talks",)


def test_one_day_mentions_attached_to_the_same_word_merge_and_others_stay_apart():
    day = datetime.date(2021, 12, 23)
    articles = [
        Paragraphs("a", "s1", "One", day, ((1, "Speaking at an annual press conference on Thursday, the president "
                                               "touted the strategic relationship with China."),)),
        Paragraphs("b", "s2", "Two", day, ((1, "The president during his Thursday year-end conference addressed "
                                               "the emerging crisis in the east."),)),
        Paragraphs("c", "s3", "Three", day, ((1, "The central bank noted on Thursday that inflation kept rising."),)),
        Paragraphs("d", "s4", "Four", day, ((1, "The statistics office noted on Thursday that exports fell."),)),
        # the same word by a wider date is no evidence: only a day is this precise
        Paragraphs("f", "s6", "Six", day, ((1, "A conference in December discussed the harbour dredging budget and ferry timetables."),)),
        Paragraphs("g", "s7", "Seven", day, ((1, "The conference of December voted on fishing quotas for the northern fleet and coastal villages."),)),
    ]
    entries = build_timeline(articles)
    by_value = {}
    for e in entries:
        by_value.setdefault(e.value, []).append(sorted(m.article for m in e.mentions))
    assert sorted(by_value["2021-12-23"]) == [["a", "b"], ["c"], ["d"]]
    assert sorted(by_value["2021-12"]) == [["f"], ["g"]]


def test_timeline_page_is_an_ordered_list_of_time_elements_linking_to_paragraphs(demo_site):
    page = parse(demo_site / "timeline" / "index.html")
    tags = [tag for tag, _ in page.elements]
    assert "ol" in tags
    datetimes = {attrs.get("datetime") for tag, attrs in page.elements if tag == "time"}
    assert {"2021-12-17", "2020-08-22", "2021-10", "2021-W50", "2060"} <= datetimes
    assert "the 1990s" in page.text and "late October 2021" in page.text
    paragraph_links = [url for _, url in page.links if "#p-" in url]
    assert len(paragraph_links) >= len(EXPECTED)


def test_article_page_lists_its_dated_events(demo_site):
    records = read_json(demo_site / "data" / "articles.json")
    navalny = next(r for r in records if r["file"].endswith("002_13f6215aedc64298.txt"))
    page = parse(demo_site / "articles" / f"{navalny['slug']}.html")
    assert "Dated events in this article" in page.text
    assert "22 August 2020" in page.text
    assert any(url.startswith("../timeline/index.html#t") for _, url in page.links)


def test_narrative_year_carries_across_paragraphs():
    article = Paragraphs(
        "a", "s", "S", datetime.date(2021, 12, 23),
        ((1, "He collapsed on August 20, 2020, on a flight."), (3, "On August 22, he was flown to Berlin.")),
    )
    values = [e.value for e in build_timeline([article])]
    assert values == ["2020-08-20", "2020-08-22"]


def test_undated_articles_stay_off_the_timeline():
    article = Paragraphs("a", "s", "S", None, ((1, "On December 17 something happened."),))
    assert build_timeline([article]) == []


def test_different_events_on_one_date_stay_apart_and_the_same_event_merges():
    day = datetime.date(2021, 12, 23)
    articles = [
        Paragraphs("a", "s1", "One", day, ((1, "The bridge over the harbour reopened on Monday after repairs."),)),
        Paragraphs("b", "s2", "Two", day, ((1, "On Monday the harbour bridge reopened after months of repairs."),)),
        Paragraphs("c", "s3", "Three", day, ((1, "Parliament voted on the budget on Monday."),)),
    ]
    entries = build_timeline(articles)
    assert [sorted(m.article for m in e.mentions) for e in entries] == [["a", "b"], ["c"]]
    assert all(e.value == "2021-12-20" for e in entries)


def plain_clusters(mentions):
    """The clustering rule the plain way: each mention compared with the first MAX_COMPARED members
    of every cluster so far; every cluster it links to merges (in the order they last grew), and
    the merged cluster goes last."""
    clusters = []
    for mention in mentions:
        joined = [c for c in clusters if any(
            events.same_event(mention, mention.words, other, other.words) for other in c[:events.MAX_COMPARED])]
        merged = [m for c in joined for m in c] + [mention]
        clusters = [c for c in clusters if not any(c is j for j in joined)] + [merged]
    order = lambda m: (m.article, m.line, m.at)  # noqa: E731
    clusters.sort(key=lambda c: min(map(order, c)))
    return [sorted(c, key=order) for c in clusters]


VOCABULARY = "bridge harbour ferry budget vote talks summit pipeline".split()
ANCHORS = "conference vote talks".split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 30), st.sets(st.sampled_from(VOCABULARY), max_size=3),
                          st.sets(st.sampled_from(ANCHORS), max_size=2)),
                max_size=60),
       st.sampled_from([1, 2, 3, events.MAX_COMPARED]),
       st.sampled_from(["2021-12-20", "2021-12"]))
def test_clusters_found_through_the_index_are_the_plain_ones(rows, compared, value):
    mentions = sorted(
        (events.EventMention(f"a{article}", "s", "S", line, "Monday", " ".join(sorted(words)), at, value, None,
                             tuple(sorted(words)), tuple(sorted(anchors)))
         for at, (article, line, words, anchors) in enumerate(rows)),
        key=lambda m: (m.article, m.line, m.at))
    kept = events.MAX_COMPARED
    events.MAX_COMPARED = compared  # (fewer compared members make more of the rule's corners)
    try:
        assert events.cluster_by_sentence(mentions) == plain_clusters(mentions)
    finally:
        events.MAX_COMPARED = kept


def test_a_preview_rebuild_regroups_only_what_changed_and_finds_what_a_fresh_build_finds():
    from generator import parallel

    day = datetime.date(2021, 12, 23)
    texts = ["The bridge reopened on Monday after repairs, officials said on December 17.",
             "On Monday the harbour bridge reopened; in 2020 it closed, and last week it was tested.",
             "Parliament voted on the budget on Monday. The vote in 2020 was closer.",
             "Talks resumed last week and will go on in January, after a pause since 2020."]
    articles = [Paragraphs(f"a{i}", f"s{i}", f"S{i}", day, ((1, text), (3, texts[(i + 1) % 4])))
                for i, text in enumerate(texts)] * 3
    articles = [Paragraphs(f"{a.slug}-{k}", a.source, a.source_name, a.date, a.paragraphs)
                for k, a in enumerate(articles)]
    edits = [
        lambda arts: arts,
        lambda arts: arts[:5] + [Paragraphs(arts[5].slug, "s9", "S9", day, ((1, "On Monday, in 2020, nothing."),))] + arts[6:],
        lambda arts: arts[:2] + arts[3:],  # one article deleted
        lambda arts: arts + [Paragraphs("z", "s1", "S1", day, ((2, "Since 2020 the bridge reopened on Monday."),))],
    ]
    memo = parallel.Memo()
    parallel.use_memo(memo)
    try:
        for edit in edits:
            articles = edit(articles)
            memo.start()
            kept = build_timeline(articles)
            memo.finish()
            parallel.use_memo(None)
            fresh = build_timeline(articles)
            parallel.use_memo(memo)
            assert [(e.value, e.mentions) for e in kept] == [(e.value, e.mentions) for e in fresh]
    finally:
        parallel.use_memo(None)
