"""The cleaner on any text: no crash, nothing invented, valid UTF-8 out, stable on its own output.

No timings here (bench/clean.py measures throughput); only that large inputs finish.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clean import clean_article, clean_corpus, clean_text
from generator.model import FrontMatter, RawArticle

ROOT = Path(__file__).resolve().parent.parent
DEMO = sorted((ROOT / "content" / "articles").glob("*.txt"))


def raw(text: str, source: str | None = None) -> RawArticle:
    return RawArticle(file="x.txt", body=text, body_offset=0, body_first_line=1, meta=FrontMatter(source=source), digest="")


def assert_sound(text: str, out: str) -> None:
    """Output is valid UTF-8, and every output line is a line of the input (stripped), in input order."""
    out.encode("utf-8")
    src = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    pos = 0
    for line in (ln for ln in out.split("\n") if ln):
        clean_line = line
        while pos < len(src) and src[pos].replace("\ufffd", "") != clean_line.replace("\ufffd", ""):
            pos += 1
        assert pos < len(src), f"kept line not in input (or out of order): {line!r}"
        pos += 1


LINEISH = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", "  ", "Leave a Reply", "Home » News", "by alex", "Sputnik", "0 5 min 11 mths",
                     "Tuesday, March 19, 2024", "Asia", "Photo: A / Reuters", "•", "1.", "2.", "—", "»", "…"]),
    st.lists(st.sampled_from("the a of and Putin said China Russia was is to in weapons . , “ ” !".split()), max_size=60).map(" ".join),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_is_cleaned_without_error_into_lines_of_the_input(text):
    assert_sound(text, clean_text(text))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINEISH, max_size=80))
def test_any_mix_of_prose_and_furniture_lines_is_sound(lines):
    text = "\n".join(lines)
    assert_sound(text, clean_text(text))
    art = clean_article(raw(text))
    nonblank = {i + 1 for i, ln in enumerate(text.split("\n")) if ln.strip()}
    assert {ln.number for ln in art.kept} | {r.line for r in art.removed} == nonblank


@settings(max_examples=200)
@given(st.binary(max_size=2000), st.sampled_from(["replace", "surrogateescape", "ignore"]))
def test_binary_junk_decoded_any_way_gives_valid_utf8(data, errors):
    text = data.decode("utf-8", errors=errors)
    out = clean_text(text)
    out.encode("utf-8")  # lone surrogates from surrogateescape come out as U+FFFD


@settings(max_examples=100)
@given(st.binary(max_size=2000))
def test_latin1_junk_is_sound(data):
    text = data.decode("latin-1")
    assert_sound(text, clean_text(text))


def test_empty_blank_and_single_line_inputs():
    assert clean_text("") == ""
    assert clean_text("\n\n   \n\t\n") == ""
    assert clean_text("Leave a Reply") == ""
    one = "Russia and China are jointly working to develop state-of-the-art weapons, President Vladimir Putin said."
    assert clean_text(one) == one + "\n"
    assert clean_text("x") in ("", "x\n")
    assert clean_corpus([raw("")])[0].kept == ()


def test_a_hundred_thousand_lines_finish_and_stay_sound():
    lines = []
    for p in DEMO:
        lines += p.read_text(encoding="utf-8").split("\n")[3:]
    big = "\n".join((lines * (100_000 // len(lines) + 1))[:100_000])
    out = clean_text(big)
    assert out.count("\n\n") > 1000
    assert set(out.split("\n")) - {""} <= {ln.strip() for ln in lines}


def test_other_languages_keep_their_paragraphs_and_drop_short_menus():
    samples = {
        "ru": ["Главная", "Новости", "Президент России Владимир Путин заявил в четверг, что Москва и Пекин совместно разрабатывают высокотехнологичные виды вооружений.",
               "По его словам, армии двух стран также проводят совместные учения и патрулирование на море и в воздухе.",
               "Он подчеркнул, что такое стратегическое партнёрство не имеет прецедентов в истории.", "Поделиться"],
        "zh": ["首页", "新闻", "俄罗斯总统普京周四表示，莫斯科和北京正在共同开发高科技武器。", "他说，两国军队还进行联合演习，并在海上和空中联合巡逻。",
               "他强调，这种战略伙伴关系在历史上没有先例。", "分享"],
        "ar": ["الرئيسية", "أخبار", "قال الرئيس الروسي فلاديمير بوتين يوم الخميس إن موسكو وبكين تعملان معا على تطوير أسلحة عالية التقنية.",
               "وأضاف أن جيشي البلدين يجريان أيضا مناورات ودوريات مشتركة في البحر والجو.", "وشدد على أن هذه الشراكة الاستراتيجية ليس لها سابقة في التاريخ.", "مشاركة"],
        "de": ["Startseite", "Nachrichten", "Der russische Präsident Wladimir Putin sagte am Donnerstag, dass Moskau und Peking gemeinsam Waffen entwickeln.",
               "Nach seinen Worten führen die Streitkräfte beider Länder auch gemeinsame Übungen auf See und in der Luft durch.",
               "Er betonte, dass eine solche strategische Partnerschaft in der Geschichte beispiellos sei.", "Teilen"],
    }
    for lang, lines in samples.items():
        out = clean_text("\n\n".join(lines))
        assert out == "\n\n".join(lines[2:5]) + "\n", lang


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from([p.read_text(encoding="utf-8") for p in DEMO]), min_size=1, max_size=3),
    st.lists(st.sampled_from(["Home", "News", "Leave a Reply", "Share", "About Us", "Related", "Sign in"]), max_size=6),
)
def test_cleaning_clean_output_again_changes_nothing(articles, furniture):
    text = "\n".join(furniture) + "\n\n" + "\n\n".join(a.split("---\n", 2)[-1] for a in articles) + "\n".join(furniture)
    once = clean_text(text)
    assert clean_text(once) == once


def test_cleaning_the_demo_output_again_changes_nothing():
    for p in DEMO:
        once = clean_text(p.read_text(encoding="utf-8").split("---\n", 2)[-1])
        assert clean_text(once) == once, p.name


def test_sources_none_are_each_their_own_outlet():
    text = "\n\n".join(["Share this story"] + ["A line every article of this scrape repeats, whatever outlet it came from, here."] * 1)
    arts = clean_corpus([raw(text + f"\n\nParagraph {i} says something long enough to be prose, and it ends like one.") for i in range(5)])
    for art in arts:
        assert all(r.rule != "outlet-template" for r in art.removed)
