"""The temporal tagger: spans and TIMEX3 values written down by hand from the TimeML guidelines.

Expected values follow TimeML 1.2.1 / TIMEX3 conventions (TimeBank practice for spans: the
preposition stays outside, determiners and modifiers such as "the", "last", "late", "about" and
"ago" are inside). Publication date of the demo articles: Thursday 23 December 2021, ISO week 51.
"""
from __future__ import annotations

import datetime as dt

import pytest

from generator.enrich.dates import Timex, find_timexes, tag_for_score, value_days, value_label

DEMO = dt.date(2021, 12, 23)  # a Thursday, 2021-W51


def tags(text, dct=DEMO):
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct)]


def one(text, expr, dct=DEMO):
    """The timex whose text is exactly `expr` (it must be found, once)."""
    found = [t for t in find_timexes(text, dct) if t.text == expr]
    assert len(found) == 1, (expr, tags(text, dct))
    t = found[0]
    assert text[t.start:t.end] == expr
    return t


def value(text, expr, dct=DEMO):
    return one(text, expr, dct).value


# ------------------------------------------------------------------ the demo articles' sentences
class TestDemo:
    def test_on_thursday_is_the_publication_day(self):
        s = "Speaking at an annual press conference on Thursday, Russian President Vladimir Putin touted"
        assert tags(s) == [("Thursday", "DATE", "2021-12-23")]

    def test_his_thursday_conference(self):
        assert value("Putin during his Thursday year-end conference addressed the crisis", "Thursday") == "2021-12-23"

    def test_last_week(self):
        s = "The remarks come after a virtual meeting between Putin and Xi last week, when the Chinese president"
        assert tags(s) == [("last week", "DATE", "2021-W50")]

    def test_in_late_october(self):
        t = one("In late October, the Russian Defence Ministry announced that warships had patrolled", "late October")
        assert (t.type, t.value, t.mod) == ("DATE", "2021-10", "END")

    def test_on_december_17(self):
        s = "On December 17, the Russian Foreign Ministry made public two draft agreements."
        assert tags(s) == [("December 17", "DATE", "2021-12-17")]

    def test_on_december_20(self):
        s = "On December 20, Chinese Foreign Minister Wang Yi said that relations will not weaken."
        assert tags(s) == [("December 20", "DATE", "2021-12-20")]

    def test_narrative_year_carries_to_later_underspecified_dates(self):
        s = ("Navalny was rushed to a local hospital in the Siberian city of Omsk on August 20, 2020, after "
             "collapsing on a Moscow-bound flight from Tomsk. He fell into a coma and was put on a ventilator. "
             "On August 22, he was airlifted to Berlin and admitted to the Charite hospital. On September 2, "
             "the German government claimed that the blogger had been affected by a toxic agent.")
        assert tags(s) == [("August 20, 2020", "DATE", "2020-08-20"),
                           ("August 22", "DATE", "2020-08-22"),
                           ("September 2", "DATE", "2020-09-02")]

    def test_in_the_1990s(self):
        s = "He stressed that Russia was deceived when it was told in the 1990s that NATO would not expand."
        assert tags(s) == [("the 1990s", "DATE", "199X")]

    def test_by_2060(self):
        s = "Russia and China engage with each other in reaching carbon neutrality by 2060."
        assert tags(s) == [("2060", "DATE", "2060")]

    def test_last_month(self):
        s = "after last month Washington and Kiev accused the Kremlin of a major military build-up"
        assert tags(s) == [("last month", "DATE", "2021-11")]

    def test_a_decade_ago(self):
        # TimeBank resolves "N years/a decade ago" at year granularity from the DCT (1999: "a decade ago" -> 1989)
        assert value("While a decade ago his answer would have come as a shock", "a decade ago") == "2011"

    def test_a_decade_ago_is_approximate_and_labelled_so(self):
        # a decade is a round figure: the year stays TimeBank's, the mod and the label say "about"
        t = one("While a decade ago his answer would have come as a shock", "a decade ago")
        assert (t.value, t.mod) == ("2011", "APPROX")
        assert value_label(t.value, t.mod) == "about 2011"
        assert one("Two decades ago the plant closed.", "Two decades ago").mod == "APPROX"
        assert one("Ten years ago the plant closed.", "Ten years ago").mod is None  # a count of years is exact

    def test_days_ago(self):
        assert tags("Days ago the Kremlin sought to initiate urgent dialogue with the West") == [
            ("Days ago", "DATE", "PAST_REF")]

    def test_this_week(self):
        assert tags("Reports this week suggest that Russia and the US have agreed to meet") == [
            ("this week", "DATE", "2021-W51")]

    def test_in_january_future(self):
        s = "Reports this week suggest that Russia and the US have agreed to meet over the matter in January."
        assert value(s, "January") == "2022-01"

    def test_the_20th_century(self):
        s = "given the two countries' tense history, particularly through the 20th century"
        assert tags(s) == [("the 20th century", "DATE", "19")]

    def test_scrape_date_line_is_just_a_date(self):
        assert tags("Tuesday, March 19, 2024\n\nPutin: Russia and China") == [
            ("Tuesday, March 19, 2024", "DATE", "2024-03-19")]

    def test_now(self):
        assert value("And now they say Ukraine will be a NATO member.", "now") == "PRESENT_REF"


# ------------------------------------------------------------------ explicit dates
@pytest.mark.parametrize("text,expr,val", [
    ("The deal was signed on December 17, 2021 in Moscow.", "December 17, 2021", "2021-12-17"),
    ("The deal was signed on Dec. 17, 2021 in Moscow.", "Dec. 17, 2021", "2021-12-17"),
    ("The deal was signed on Dec 17 2021 in Moscow.", "Dec 17 2021", "2021-12-17"),
    ("The deal was signed on 17 December 2021 in Moscow.", "17 December 2021", "2021-12-17"),
    ("The deal was signed on 17th December, 2021.", "17th December, 2021", "2021-12-17"),
    ("It opened on the 4th of July, 1976.", "the 4th of July, 1976", "1976-07-04"),
    ("Filed 2021-12-17 by the court.", "2021-12-17", "2021-12-17"),
    ("Filed 12/17/2021 by the court.", "12/17/2021", "2021-12-17"),
    ("Filed 17/12/2021 by the court.", "17/12/2021", "2021-12-17"),
    ("Posted on Friday, December 17, 2021 at noon", "Friday, December 17, 2021", "2021-12-17"),
    ("It was founded in December 1991.", "December 1991", "1991-12"),
    ("It was founded in Dec. 1991.", "Dec. 1991", "1991-12"),
    ("It was founded in 1991.", "1991", "1991"),
    ("Profit rose in fiscal 1989, it said.", "fiscal 1989", "1989"),
    ("It was founded in the spring of 1991.", "the spring of 1991", "1991-SP"),
    ("It happened in the winter of 1994.", "the winter of 1994", "1994-WI"),
    ("It will be held in summer 2022.", "summer 2022", "2022-SU"),
    ("Sales rose in the fourth quarter of 2020.", "the fourth quarter of 2020", "2020-Q4"),
    ("Sales rose in Q3 2020.", "Q3 2020", "2020-Q3"),
    ("Sales rose in the first half of 2020.", "the first half of 2020", "2020-H1"),
    ("It was built in the 1960s.", "the 1960s", "196X"),
    ("It was built in the '60s.", "the '60s", "196X"),
    ("It was built in the sixties.", "the sixties", "196X"),
    ("It was built in the 19th century.", "the 19th century", "18"),
    ("It was built in the nineteenth century.", "the nineteenth century", "18"),
    ("It dates from the 1800s.", "the 1800s", "18"),
])
def test_explicit(text, expr, val):
    t = one(text, expr)
    assert (t.type, t.value) == ("DATE", val)


def test_year_is_not_a_quantity():
    assert tags("The index closed at 2082.1 points and 1,990 people attended; 2000 workers") == []
    assert tags("He paid $1990 for it.") == []


def test_may_the_verb_and_may_the_name_are_not_months():
    assert tags("The minister may resign, said Theresa May.") == []
    assert value("The law took effect in May.", "May") == "2021-05"


# ------------------------------------------------------------------ underspecified, anchored
@pytest.mark.parametrize("text,dct,expr,val", [
    # month-day, nearest to the publication date in the direction the tense gives
    ("The vote took place on Dec. 17.", dt.date(2022, 1, 5), "Dec. 17", "2021-12-17"),
    ("The vote will take place on Jan. 10.", dt.date(2021, 12, 23), "Jan. 10", "2022-01-10"),
    ("Profit for the period ended Sept. 30 rose.", dt.date(1989, 10, 30), "Sept. 30", "1989-09-30"),
    ("Shares will be issued Nov. 6.", dt.date(1989, 10, 30), "Nov. 6", "1989-11-06"),
    # a bare month: the last one before the publication date when the sentence is past
    ("Her properties, worth millions in October, are worth half that now.", dt.date(1998, 1, 8), "October", "1997-10"),
    ("The plan was announced in March.", dt.date(2021, 12, 23), "March", "2021-03"),
    ("The plan will be announced in March.", dt.date(2021, 12, 23), "March", "2022-03"),
    ("Sales rose this month.", dt.date(2021, 12, 23), "this month", "2021-12"),
    # a year given earlier in the sentence anchors the month
    ("In 1995 the firm moved; in June it hired 300 people.", DEMO, "June", "1995-06"),
    ("The firm was founded in 1995, and in June it hired 300 people.", DEMO, "June", "1995-06"),
])
def test_underspecified(text, dct, expr, val):
    assert value(text, expr, dct) == val


def test_narrative_anchor_does_not_leak_across_far_paragraphs():
    text = ("The war started on March 3, 1991, and ended on April 1.\n\n" + "Filler sentence here. " * 60
            + "\n\nOn December 17, the ministry published the drafts.")
    assert value(text, "April 1") == "1991-04-01"
    assert value(text, "December 17") == "2021-12-17"


# ------------------------------------------------------------------ relative to the publication date
@pytest.mark.parametrize("text,expr,val", [
    ("Putin said on Tuesday that talks were useful.", "Tuesday", "2021-12-21"),
    ("Talks will resume on Monday, officials said.", "Monday", "2021-12-27"),
    ("The meeting is scheduled for Friday.", "Friday", "2021-12-24"),
    ("They met last Friday in Geneva.", "last Friday", "2021-12-17"),
    ("They met yesterday in Geneva.", "yesterday", "2021-12-22"),
    ("They meet today in Geneva.", "today", "2021-12-23"),
    ("They meet tomorrow in Geneva.", "tomorrow", "2021-12-24"),
    ("They met last week.", "last week", "2021-W50"),
    ("They will meet next week.", "next week", "2021-W52"),
    ("They met earlier this week.", "this week", "2021-W51"),  # TimeBank leaves "earlier" out here
    ("They met last month.", "last month", "2021-11"),
    ("They will meet next month.", "next month", "2022-01"),
    ("They met earlier this month.", "earlier this month", "2021-12"),
    ("Sales rose last year.", "last year", "2020"),
    ("Sales rose this year.", "this year", "2021"),
    ("Sales will rise next year.", "next year", "2022"),
    ("Sales rose earlier this year.", "earlier this year", "2021"),
    ("Sales will rise early next year.", "early next year", "2022"),
    ("Sales rose three days ago.", "three days ago", "2021-12-20"),
    ("Sales rose two weeks ago.", "two weeks ago", "2021-W49"),
    ("Sales rose five months ago.", "five months ago", "2021-07"),
    ("Sales rose two years ago.", "two years ago", "2019"),
    ("Sales rose 10 years ago.", "10 years ago", "2011"),
    ("Sales fell last quarter.", "last quarter", "2021-Q3"),
    ("Sales fell this quarter.", "this quarter", "2021-Q4"),
    # "last <month/season>": the latest before this one, skipping the one just gone (that would be
    # "last month"); TimeBank: "last June" in October 1989 -> 1989-06, "last February" in March 1998 -> 1997-02
    ("They met last summer.", "last summer", "2021-SU"),
    ("They met last November.", "last November", "2020-11"),
    ("They met last June.", "last June", "2021-06"),
    ("The deal closed last weekend.", "last weekend", "2021-W50-WE"),
])
def test_relative(text, expr, val):
    t = one(text, expr)
    assert (t.type, t.value) == ("DATE", val)


@pytest.mark.parametrize("text,expr,val", [
    ("Prices are now rising.", "now", "PRESENT_REF"),
    ("Prices are currently rising.", "currently", "PRESENT_REF"),
    ("Prices recently rose.", "recently", "PAST_REF"),
    ("Prices may rise in the future.", "the future", "FUTURE_REF"),
    ("Prices will soon rise.", "soon", "FUTURE_REF"),
    ("Prices rose in the past.", "the past", "PAST_REF"),
    ("Prices rose several years ago.", "several years ago", "PAST_REF"),
])
def test_vague_references(text, expr, val):
    assert value(text, expr) == val


def test_this_summer_in_spring():
    assert value("They will meet this summer.", "this summer", dt.date(2022, 3, 20)) == "2022-SU"


def test_weekday_in_a_report_of_last_weeks_news():
    # publication Monday 30 October 1989: "Friday" in a past sentence is the Friday before
    assert value("The stock fell 5% Friday.", "Friday", dt.date(1989, 10, 30)) == "1989-10-27"


def test_quarters_in_earnings_news():
    d = dt.date(1989, 10, 26)
    assert value("Third-quarter profit rose 10%.", "Third-quarter", d) == "1989-Q3"
    assert value("Profit rose in the third quarter.", "the third quarter", d) == "1989-Q3"
    assert value("Sales in the fourth quarter will be weak.", "the fourth quarter", d) == "1989-Q4"
    # "a year earlier" in a sentence about a quarter: the same quarter a year before
    s = "Net income in the third quarter rose to $5 million from $4 million a year earlier."
    assert value(s, "a year earlier", d) == "1988-Q3"
    assert value("Sales a year ago were lower.", "a year ago", d) == "1988"


# ------------------------------------------------------------------ parts and modifiers
@pytest.mark.parametrize("text,expr,val,mod", [
    ("It began in early 2020.", "early 2020", "2020", "START"),
    ("It began in mid-2020.", "mid-2020", "2020", "MID"),
    ("It began in late 2020.", "late 2020", "2020", "END"),
    ("It began in the late 1970s.", "the late 1970s", "197X", "END"),
    ("It began in the early 1990s.", "the early 1990s", "199X", "START"),
    ("It began in mid-November.", "mid-November", "2021-11", "MID"),
    ("It began at the end of 2020.", "the end of 2020", "2020", "END"),
    ("It began at the beginning of the year.", "the beginning of the year", "2021", "START"),
    # TimeBank leaves "about" outside the tag; the mod keeps it
    ("It began about a decade ago.", "a decade ago", "2011", "APPROX"),
])
def test_modifiers(text, expr, val, mod):
    t = one(text, expr)
    assert (t.type, t.value, t.mod) == ("DATE", val, mod)


# ------------------------------------------------------------------ durations and sets
@pytest.mark.parametrize("text,expr,val", [
    ("The war lasted three years.", "three years", "P3Y"),
    ("He signed a two-year contract.", "two-year", "P2Y"),
    ("Stocks hit a five year low.", "five year", "P5Y"),
    ("The talks lasted 24 hours.", "24 hours", "PT24H"),
    ("The talks lasted 90 minutes.", "90 minutes", "PT90M"),
    ("Prices rose in the past three months.", "the past three months", "P3M"),
    ("Prices will rise over the next two weeks.", "the next two weeks", "P2W"),
    ("Profit rose in the first nine months.", "the first nine months", "P9M"),
    ("It took a few days.", "a few days", "PXD"),
    ("It took several weeks.", "several weeks", "PXW"),
    ("It took a decade.", "a decade", "P10Y"),
    ("It took two decades.", "two decades", "P20Y"),
    ("It took a couple of years.", "a couple of years", "P2Y"),
    ("It took two and a half years.", "two and a half years", "P30M"),
    ("It took 18 months.", "18 months", "P18M"),
    ("It has been talked about for years.", "years", "PXY"),
    ("Talks lasted a week.", "a week", "P1W"),
])
def test_durations(text, expr, val):
    t = one(text, expr)
    assert (t.type, t.value) == ("DURATION", val)


def test_ages_are_not_durations():
    assert tags("Mr. Reupke, 52 years old, resigned.") == []


@pytest.mark.parametrize("text,expr,val", [
    ("The committee meets every week.", "every week", "P1W"),
    ("The paper is published daily.", "daily", "P1D"),
    ("The committee meets weekly.", "weekly", "P1W"),
    ("Rents rise each year.", "each year", "P1Y"),
    ("The committee meets every Monday.", "every Monday", "XXXX-WXX-1"),
])
def test_sets(text, expr, val):
    t = one(text, expr)
    assert (t.type, t.value) == ("SET", val)


# ------------------------------------------------------------------ times of day
@pytest.mark.parametrize("text,expr,val", [
    ("The plane landed at 10:35 a.m. local time.", "10:35 a.m.", "2021-12-23T10:35"),
    ("The plane landed this morning.", "this morning", "2021-12-23TMO"),
    ("The plane landed last night.", "last night", "2021-12-22TNI"),
    ("The plane landed Tuesday evening.", "Tuesday evening", "2021-12-21TEV"),
    ("The plane landed tonight.", "tonight", "2021-12-23TNI"),
])
def test_times(text, expr, val):
    t = one(text, expr)
    assert (t.type, t.value) == ("TIME", val)


# ------------------------------------------------------------------ the API helpers
@pytest.mark.parametrize("val,first,last", [
    ("2021-12-17", "2021-12-17", "2021-12-17"),
    ("2021-12-17TNI", "2021-12-17", "2021-12-17"),
    ("2021-12-17T10:35", "2021-12-17", "2021-12-17"),
    ("2021-12", "2021-12-01", "2021-12-31"),
    ("2020-02", "2020-02-01", "2020-02-29"),
    ("2021", "2021-01-01", "2021-12-31"),
    ("199X", "1990-01-01", "1999-12-31"),
    ("199", "1990-01-01", "1999-12-31"),
    ("19", "1900-01-01", "1999-12-31"),
    ("2021-W50", "2021-12-13", "2021-12-19"),
    ("2021-W50-WE", "2021-12-18", "2021-12-19"),
    ("2021-Q4", "2021-10-01", "2021-12-31"),
    ("2021-H1", "2021-01-01", "2021-06-30"),
    ("2021-SP", "2021-03-01", "2021-05-31"),
    ("2021-SU", "2021-06-01", "2021-08-31"),
    ("2021-FA", "2021-09-01", "2021-11-30"),
    ("2021-WI", "2021-12-01", "2022-02-28"),
    ("2021-12-XX", "2021-12-01", "2021-12-31"),
])
def test_value_days(val, first, last):
    assert value_days(val) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize("val", ["PAST_REF", "PRESENT_REF", "FUTURE_REF", "P3D", "PXY", "XXXX-WXX-1", "", "junk",
                                 "2021-13", "2021-02-30", "2021-W54", "2021-Q5"])
def test_value_days_none(val):
    assert value_days(val) is None


@pytest.mark.parametrize("val,mod,label", [
    ("2021-12-17", None, "17 December 2021"),
    ("2021-12", None, "December 2021"),
    ("2021-10", "END", "late October 2021"),
    ("2020", "START", "early 2020"),
    ("2020-11", "MID", "mid-November 2020"),
    ("199X", None, "the 1990s"),
    ("197X", "END", "the late 1970s"),
    ("19", None, "the 20th century"),
    ("2021-W50", None, "week 50 of 2021"),
    ("2060", None, "2060"),
    ("2021-Q4", None, "the fourth quarter of 2021"),
    ("2021-H1", None, "the first half of 2021"),
    ("2021-SU", None, "summer 2021"),
    ("2021-W50-WE", None, "the weekend of week 50 of 2021"),
    ("2011", "APPROX", "about 2011"),
    ("PAST_REF", None, "the past"),
    ("PRESENT_REF", None, "the present"),
    ("FUTURE_REF", None, "the future"),
    ("P3Y", None, "3 years"),
    ("P1D", None, "1 day"),
    ("PXM", None, "months"),
    ("PT24H", None, "24 hours"),
])
def test_value_label(val, mod, label):
    assert value_label(val, mod) == label


def test_timex_is_frozen_and_ordered():
    ts = find_timexes("On December 17 and December 20, 2021, they met last week.", DEMO)
    assert all(isinstance(t, Timex) for t in ts)
    assert [t.start for t in ts] == sorted(t.start for t in ts)
    with pytest.raises(Exception):
        ts[0].value = "x"


def test_tag_for_score_shape():
    out = tag_for_score("They met on December 17.", "2021-12-23")
    assert out == [{"start": 12, "end": 23, "text": "December 17", "type": "DATE", "value": "2021-12-17"}]
    assert tag_for_score("They met on December 17.", "not a date") is not None


def test_the_quarter_ended_names_its_quarter():
    s = "Sales rose 10% in the quarter ended Sept. 30."
    assert value(s, "the quarter", dt.date(1989, 10, 26)) == "1989-Q3"


def test_possessive_weekday_is_a_reported_event():
    # Saturday 15 January 2000: "Wednesday's ruling" is the one that happened, even in a future sentence
    s = "Relatives said they would look for ways to get around Wednesday's ruling."
    assert value(s, "Wednesday", dt.date(2000, 1, 15)) == "2000-01-12"


def test_a_date_naming_an_event_does_not_set_the_story_year():
    s = ("Two agents were charged in the Dec. 21, 1988, bombing of a flight. They were removed from the list "
         "after the leader agreed in April to hand them over.")
    assert value(s, "April", dt.date(1999, 6, 7)) == "1999-04"


def test_year_ago_compares_with_the_reported_quarter_not_a_forecast():
    s = ("Third-quarter profit fell; losses may continue through the third quarter of 1990. "
         "In the year-ago period, the company earned $101 million.")
    assert value(s, "the year-ago period", dt.date(1989, 10, 26)) == "1988-Q3"


def test_the_week_of_a_date():
    assert value("A hearing is set for the week of March 6.", "the week of March 6", dt.date(2000, 2, 24)) == "2000-W10"


def test_a_verb_right_before_the_date_sets_its_direction():
    assert value("The G20 summit is set for Oct. 30.", "Oct. 30") == "2022-10-30"
    assert value("The firm was founded on Dec. 30.", "Dec. 30", dt.date(2022, 1, 3)) == "2021-12-30"


def test_clock_time_with_a_day():
    t = one("At 3pm GMT on Tuesday the market fell.", "3pm GMT on Tuesday")
    assert (t.type, t.value) == ("TIME", "2021-12-21T15:00")


def test_rates_per_unit_are_sets():
    ts = tags("The plant runs 24 hours a day, seven days a week, and charges $5 a year.")
    assert ("a day", "SET", "P1D") in ts and ("a week", "SET", "P1W") in ts and ("a year", "SET", "P1Y") in ts
    assert ("24 hours", "DURATION", "PT24H") in ts and ("seven days", "DURATION", "P7D") in ts
