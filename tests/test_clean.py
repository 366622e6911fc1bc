"""The cleaner's behaviour, one named rule or contract at a time (generator/clean/)."""
from __future__ import annotations

import datetime
import re

from generator.clean import REASONS, clean_article, clean_corpus, clean_text, explain, outlet_templates
from generator.clean.rules import LINE_RULES
from generator.model import CleanOverrides, FrontMatter, RawArticle

PARA = [
    "Moscow and Beijing are jointly working to develop state-of-the-art weapons as they cooperate in the security area, the president said on Thursday.",
    "The armed forces of the two countries also cooperate, he noted, adding that the joint exercises had been planned for months before the meeting.",
    "Trade between the two countries surpassed the pre-pandemic level to top $100 billion, he said, and both sides work together in nuclear energy and space.",
    "He stressed that the partnership had no precedent in history, at least between the two countries, and that it was a stabilising factor in the world.",
]


def raw(text: str, source: str | None = None, date: datetime.date | None = None, file: str = "x.txt") -> RawArticle:
    return RawArticle(file=file, body=text, body_offset=0, body_first_line=1,
                      meta=FrontMatter(source=source, date=date), digest="")


def body(*extra_top: str, bottom: tuple[str, ...] = (), middle: dict[int, str] | None = None) -> str:
    paras = list(PARA)
    for at, line in sorted((middle or {}).items(), reverse=True):
        paras.insert(at, line)
    return "\n\n".join([*extra_top, *paras, *bottom])


def removed_rules(art) -> dict[str, str]:
    return {r.text: r.rule for r in art.removed}


def kept_texts(art) -> list[str]:
    return [ln.text for ln in art.kept]


def test_comment_prompt_is_removed_and_logged_with_rule_and_reason():
    art = clean_article(raw(body(bottom=("Leave a Reply", "Your email address will not be published. Required fields are marked *"))))
    rules = removed_rules(art)
    assert rules["Leave a Reply"] == "comment-prompt"
    assert rules["Your email address will not be published. Required fields are marked *"] == "comment-prompt"
    r = next(r for r in art.removed if r.text == "Leave a Reply")
    assert r.reason == REASONS["comment-prompt"] and r.line == 9


def test_every_paragraph_is_kept_in_order_with_its_file_line_number():
    art = clean_article(raw(body("Putin: Russia and China developing high-tech weapons")))
    assert kept_texts(art)[1:] == PARA
    assert [ln.number for ln in art.kept] == [1, 3, 5, 7, 9]


def test_byline_goes_to_metadata_not_text():
    art = clean_article(raw(body("Putin announced personal relationship with Xi Jinping", "by alex")))
    assert removed_rules(art)["by alex"] == "byline"
    assert art.metadata.author == "alex"
    assert art.metadata.title == "Putin announced personal relationship with Xi Jinping"


def test_sentence_starting_with_by_is_not_a_byline():
    line = "By contrast, the ministry said the talks would go on."
    art = clean_article(raw(body(middle={2: line})))
    assert line in kept_texts(art)
    assert art.metadata.author is None


def test_photo_credits_of_all_three_shapes_are_removed_and_the_first_is_metadata():
    for credit in ("Photo: Mikhail Metzel / Reuters", "File image via Sputnik", "Sputnik",
                   "Striking members of the union at a rally last year. Photograph: Jane Roe/Getty Images"):
        art = clean_article(raw(body("Putin praises China ties at annual news conference", credit)))
        assert removed_rules(art)[credit] == "photo-credit", credit
        assert art.metadata.credit == credit


def test_scrape_date_differs_from_the_article_date_and_is_named_so():
    art = clean_article(raw(body("Tuesday, March 19, 2024", "Putin: Russia and China developing weapons"), date=datetime.date(2021, 12, 23)))
    assert removed_rules(art)["Tuesday, March 19, 2024"] == "scrape-date"
    same = clean_article(raw(body("Thursday, December 23, 2021", "Putin: Russia and China developing weapons"), date=datetime.date(2021, 12, 23)))
    assert removed_rules(same)["Thursday, December 23, 2021"] == "date-line"


def test_reading_time_and_age_widgets_are_removed():
    for widget in ("0 5 min 11 mths", "4 Min Read", "Estimated reading time: 6 minutes", "3 hours ago"):
        assert removed_rules(clean_article(raw(body(widget))))[widget] == "reading-time", widget


def test_breadcrumb_and_share_bar_are_removed():
    art = clean_article(raw(body("Home » World » Putin praises China", "Facebook Twitter Email", "Share this article")))
    rules = removed_rules(art)
    assert rules["Home » World » Putin praises China"] == "breadcrumb"
    assert rules["Facebook Twitter Email"] == "share-widget"
    assert rules["Share this article"] == "share-widget"


def test_section_label_and_teaser_spliced_mid_article_are_removed_but_a_subheading_stays():
    text = "\n".join([PARA[0], PARA[1], "Asia", "Non-Dollar Trade Settlements Between China, Russia Hit New High", PARA[2], PARA[3]])
    rules = removed_rules(clean_article(raw(text)))
    assert rules == {"Asia": "section-label", "Non-Dollar Trade Settlements Between China, Russia Hit New High": "related-teaser"}
    text = "\n\n".join([PARA[0], PARA[1], "NATO Expansion to the East is unacceptable: Putin", PARA[2], PARA[3]])
    art = clean_article(raw(text))
    assert art.removed == ()
    assert ("NATO Expansion to the East is unacceptable: Putin", "heading") in [(ln.text, ln.role) for ln in art.kept]


def test_a_cut_line_glued_between_paragraphs_is_not_taken_for_a_spliced_headline():
    heading = "Why the talks matter for both sides"
    cut = "If at any time you would like to unsubscribe from receiving future emails, you can email us at"
    text = "\n\n".join([PARA[0], heading, PARA[1]]) + "\n" + "\n".join([PARA[2], cut, "office@example.org and we will remove you at once.", PARA[3]])
    art = clean_article(raw(text))
    assert cut in kept_texts(art) and heading in kept_texts(art)


def test_a_line_ending_with_a_colon_keeps_what_it_announces():
    text = "\n\n".join([PARA[0], PARA[1], "In short:", "# .tmux.conf set-option -g mouse on set-option -s set-clipboard off", "Next post", "Home"])
    out = kept_texts(clean_article(raw(text)))
    assert out[-2:] == ["In short:", "# .tmux.conf set-option -g mouse on set-option -s set-clipboard off"]


def test_teasers_under_a_related_label_are_removed():
    art = clean_article(raw(body(middle={3: "RELATED STORIES\n\nDo masks offer protection from new coronavirus? It depends\nJapan gets creative as mask shortages continue"})))
    rules = removed_rules(art)
    assert rules["RELATED STORIES"] == "related-label"
    assert rules["Do masks offer protection from new coronavirus? It depends"] == "related-teaser"
    assert kept_texts(art) == PARA


def test_cut_lines_and_short_quotes_are_article_text():
    cut = "Importantly, following that meeting Xi had declared formal support for this central security concern of Russia’s"
    ellipsis = "Xi has affirmed he stands by Russia’s firm stance on countering NATO expansion eastward…"
    quote = "“Nothing in response. Nothing,” he noted."
    art = clean_article(raw(body(middle={1: cut, 2: quote, 3: ellipsis})))
    assert {cut, ellipsis, quote} <= set(kept_texts(art))


def test_navigation_above_and_footer_below_the_main_text_are_removed_with_position_rules():
    nav = ["Home", "World", "Business", "Sport", "Culture"]
    foot = ["About Us", "Careers", "Privacy Policy", "© 2024 Example Media. All rights reserved."]
    art = clean_article(raw("\n".join(nav) + "\n\n" + body() + "\n\n" + "\n".join(foot)))
    assert kept_texts(art) == PARA
    rules = removed_rules(art)
    assert {rules[x] for x in ("World", "Business", "Sport", "Culture")} == {"page-header"}
    assert rules["© 2024 Example Media. All rights reserved."] == "site-footer"


def test_overrides_keep_wins_over_drop_and_both_are_logged_by_name():
    ov = CleanOverrides(keep=(re.compile("Leave a Reply"),), drop=(re.compile("Leave|Trade between"),))
    art = clean_article(raw(body(bottom=("Leave a Reply",))), ov)
    assert "Leave a Reply" in kept_texts(art)
    assert removed_rules(art)[PARA[2]] == "override-drop"
    assert REASONS["override-drop"]


def test_every_non_blank_line_is_either_kept_or_removed_and_blank_lines_are_neither():
    text = body("Home", "Some Headline For The Story Here", bottom=("Discuss", "   ", "\t"))
    art = clean_article(raw(text))
    lines = text.split("\n")
    nonblank = {i + 1 for i, ln in enumerate(lines) if ln.strip()}
    kept = {ln.number for ln in art.kept}
    removed = {r.line for r in art.removed}
    assert kept | removed == nonblank and not kept & removed


def test_lines_the_same_outlet_repeats_are_its_template():
    promo = "The Valley Courier has been your home for stories from the valley since 1887"
    arts = [raw("\n\n".join([*(f"{p} Report {i}." for p in PARA), promo]), source="daily") for i in range(3)]
    out = clean_corpus(arts)
    for art in out:
        assert removed_rules(art)[promo] == "outlet-template"
        assert len(art.kept) == 4


def test_text_repeated_across_different_outlets_is_shared_quotes_and_kept():
    quote = "“This intense daily work benefits both the Chinese and Russian people,” Putin said."
    arts = [raw(body(middle={2: quote}), source=s) for s in ("tass", "reuters", "sputnik")]
    arts += [raw(body(middle={1: quote}), source=None), raw(body(middle={3: quote}), source=None)]
    for art in clean_corpus(arts):
        assert quote in kept_texts(art)
    assert outlet_templates(arts) == {}


def test_a_quote_two_stories_of_one_outlet_share_is_not_template():
    quote = "“This intense daily work benefits both the Chinese and Russian people and is a serious stabilising factor in the international arena,” Putin said."
    arts = [raw(body(middle={2: quote}), source="tass"), raw(body(middle={1: quote}), source="tass")]
    for art in clean_corpus(arts):
        assert quote in kept_texts(art)


def test_clean_corpus_keeps_order_and_handles_no_articles():
    assert clean_corpus([]) == []
    arts = [raw(body(), file=f"{i}.txt") for i in range(4)]
    assert [a.raw.file for a in clean_corpus(arts)] == ["0.txt", "1.txt", "2.txt", "3.txt"]


def test_clean_text_writes_kept_lines_with_a_blank_line_between_paragraphs():
    out = clean_text("Menu\nHome\n\n" + "\n".join(PARA) + "\nLeave a Reply\n")
    assert out == "\n\n".join(PARA) + "\n"
    assert clean_text("") == ""


def test_explain_lists_file_line_rule_reason_and_text():
    art = clean_article(raw(body(bottom=("Leave a Reply",)), file="content/a.txt"))
    assert explain(art) == [f"content/a.txt:9  comment-prompt  {REASONS['comment-prompt']}  | Leave a Reply"]


def test_every_rule_has_a_kebab_case_name_a_reason_and_a_docstring():
    for name, reason in REASONS.items():
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", name)
        assert reason[0].isupper() and reason.endswith((".", ")"))
    for rule in LINE_RULES:
        assert rule.__doc__, rule.__name__
