"""Cross-source engine (issue 6): quotes with speakers, grouped across outlets, near-copies, unique passages.

The fixtures are the five demo articles as the cleaner should leave them, copied by hand from
content/articles/*.txt with their file line numbers, so these tests do not move when the cleaner does.
"""
import json

import pytest

from generator.datafiles import data_parts
from generator.enrich.stories import (
    ArticleText,
    Quote,
    QuoteGroup,
    coverage,
    find_quotes,
    group_quotes,
    near_copies,
    unique_passages,
)


def art(slug: str, source: str, *paragraphs: tuple[int, str]) -> ArticleText:
    return ArticleText(slug=slug, source=source, source_name=source.title(), paragraphs=tuple(paragraphs))


A000 = art(
    "000", "outlet-a",
    (6, "Russia, China Jointly Developing High-Tech Weapons, Putin Says"),
    (8, 'Speaking at an annual press conference on Thursday, Russian President Vladimir Putin touted the strategic relationship between Russia and China as "a stabilising factor on the global stage".'),
    (10, "Russia and China are jointly working to develop state-of-the-art weapons, President Vladimir Putin told his Q&A session on Thursday."),
    (12, "\"The Chinese Army is largely equipped with the most advanced weapons systems. We even develop individual high-tech weapons [,such as aircraft and helicopters] together\", Putin stressed, citing the two sides' collaboration in the space and aviation sectors."),
    (14, 'According to him, the two countries also "develop cooperation between the armed forces", which includes "joint military exercises" and "participation in international war games" as well as "joint patrolling at sea and in the air".'),
    (15, 'Separately, Putin touted his "very trustful personal relationship" with Chinese President Xi Jinping, something that he said "helps in business".'),
    (16, 'In this regard, the Russian president pointed to Moscow bolstering economic cooperation with Beijing, adding: "Asia is developing rapidly, with China being the undisputed leader [in this process]".'),
    (19, 'Putin said that Moscow and Beijing "have already had a turnover of over one hundred billion [dollars]" and that both sides are "working in different directions", including those related to nuclear energy, space, and human rights.'),
    (20, "He praised the two's \"absolutely comprehensive partnership of a strategic nature, which has no precedent in history, at least between Russia and China\"."),
    (21, '"This intense daily work benefits both the Chinese and Russian people, and is a serious stabilising factor in the international arena", Putin emphasised.'),
    (22, 'The remarks come after a virtual meeting between Putin and Xi last week, when the Chinese president stressed that both sides "should take more joint actions to better protect" bilateral security interests, given that "at present, under the pretext of democracy and human rights, certain forces in the world arbitrarily interfere in the internal affairs of China and Russia, grossly violating international law and generally recognised norms of international relations".'),
    (25, 'Russian presidential aide Yuri Ushakov, for his part, told reporters at the time that during the virtual talks, the two "held a detailed discussion on future cooperation with regard to the [COVID-19] pandemic and agreed to strengthen working contacts between sanitary and epidemiological agencies".'),
    (26, "In late October, the Russian Defence Ministry announced that Russian and Chinese warships had conducted their first joint patrol in the Pacific Ocean. Russia was represented by 10 ships of the Pacific Fleet, while five vessels took part in the patrol from the Chinese side."),
)

A001 = art(
    "001", "outlet-b",
    (4, "In the latest remarks that revealed the true extent of closeness in Russia-China ties, Russian President Vladimir Putin on Thursday said Moscow and Beijing are “jointly developing high-tech weapons”. While answering questions at an annual press conference, which was aired on national television, Putin said Russia and China are jointly working to develop state-of-the-art weapons. Touting the relationship between both the countries, Putin said that the strategic ties are a “stabilising factor on the global stage\"."),
    (6, "“The Chinese Army is largely equipped with the most advanced weapons systems. We even develop individual high-tech weapons [such as aircraft and helicopters] together\", Putin stressed, citing that both countries are even collaborating in the space and aviation sectors."),
    (8, "He further said that Russia and China also “develop cooperation between the armed forces\", which includes \"joint military exercises\" and \"participation in international war games\" as well as \"joint patrolling at sea and in the air\". Separately, the Russian President even touted his relations with his Chinese counterpart Xi Jinping as “very trustful personal relationship” that also “helps in business”."),
    (10, "‘China being the undisputed leader’ in Asia"),
    (12, "In the same regard, the Russian President noted that Moscow is maintaining economic cooperation with Beijing. He said, “Asia is developing rapidly, with China being the undisputed leader” in the same process. Russian President said that Moscow and Beijing “have already had a turnover of over one hundred billion [dollars]\" and that both countries are \"working in different directions\" including the ones related to nuclear energy, space, and human rights."),
    (14, "Putin hailed China and Russia’s “absolutely comprehensive partnership of a strategic nature, which has no precedent in history, at least between Russia and China\". He stressed, “This intense daily work benefits both the Chinese and Russian people, and is a serious stabilising factor in the international arena.”"),
    (16, "NATO Expansion to the East is unacceptable: Putin"),
    (18, "Separately, answering another question about tensions in Europe and the possibility of “invasion” of Ukraine, Putin stressed that the entire situation is created by the West. Russian President said, “Our actions will depend not on the course of negotiations, but on the unconditional guarantees of Russian national security. We made it clear that NATO's expansion to the east is unacceptable. The US is standing with missiles on our doorstep. How would Americans react if we placed our missiles at the US border with Canada or Mexico?\""),
)

A002 = art(
    "002", "outlet-c",
    (6, "Putin: Russia and China developing high-tech weapons"),
    (8, "Moscow and Beijing are jointly working to develop state-of-the-art weapons as they cooperate in the security area, Russian President Vladimir Putin said on Thursday."),
    (10, "“We cooperate [with China] in the security area,” he stated during his annual news conference, adding, “China’s armed forces are equipped with the most advanced weapons systems to a large extent.”"),
    (12, "“We are even developing together certain high-tech types of weapons,” the president went on to say."),
    (14, "“We are working in space, aircraft areas. On planes and helicopters,” he continued."),
    (16, "The armed forces of the two countries also cooperate, Putin noted."),
    (18, "“It’s joint exercises, participation in joint international war games, joint patrols at sea and in air,” Putin said."),
    (20, "Russia and China have “an absolutely comprehensive partnership of strategic nature,” he added."),
    (22, "Russia and China stabilize global affairs by maintaining strategic bilateral relations, Putin noted."),
    (24, "“It’s an absolutely comprehensive partnership of strategic nature that hasn’t had precedents in history, at least between Russia and China,” he said, adding that “this hard day-to-day work benefits both Chinese and Russian people and is a serious stabilizing factor on the international stage”."),
    (26, "Putin said he’s on good terms with the Chinese leader."),
    (28, "“The President of the People’s Republic of China Xi Jinping and I call each other ‘friend,’” Putin continued, adding, “We have personal relations of trust and they help to build relations in work.”"),
    (30, "Trade between the two countries surpassed the pre-pandemic level to top $100 billion, Putin said. The countries also work together in nuclear energy, high-tech, space, culture and humanitarian area, he added."),
    (32, "“Asia is developing at a fast, efficient pace,” the president said, adding, “China is an undoubted leader of the global and Asian economy. Naturally, we are developing ties with China in this area.”"),
    (34, "China is Russia’s biggest trading partner, Putin continued."),
    (36, "Russia and China engage with each other in reaching carbon neutrality by 2060."),
    (38, "“That’s the time until which we’ll supply all types of energy resources to China,” Putin stated, adding, “We are ready to continue afterward because our life and our country don’t end in 2060.”"),
    (40, "That shouldn’t hurt carbon neutrality plans because it stipulates for the use of fossil fuels if emissions are properly absorbed, he said."),
    (42, "Putin also said it is the NATO countries that must provide security guarantees to Russia, and not the other way round."),
    (44, "Asked by a Sky News correspondent what guarantees Russia might provide it would not attack Ukraine or any other sovereign state, the Russian leader stressed that it was not Russia that created threats to other countries."),
    (46, "“Have we approached the borders of the United States or Britain? They have approached ours. And now they say ‘Ukraine will be a NATO member.’ Consequently, there will emerge [their weapon] systems,” he explained."),
    (48, "“You are demanding some guarantees from me. But it is you that must provide guarantees. You must do that at once, now, and not keep talking about this for decades,” Putin added."),
    (50, "He stressed that Russia was “outrageously deceived” when it was told in the 1990s that NATO would not expand eastwards."),
    (52, "“’Not an inch towards the east’, we were told in the 1990s. And what? They cheated us. They outrageously deceived us: five waves of NATO’s expansion. Now the corresponding systems are emerging in Romania and Poland,” Putin stated."),
    (54, "On December 17, the Russian Foreign Ministry made public two draft agreements on steps to be taken by the United States and NATO to provide legal security guarantees. Earlier, Putin urged NATO to enter into meaningful negotiations on reliable and long-term security guarantees for Russia. He stressed that Moscow needed legal guarantees on paper because previously the Western counterparts had defaulted on the corresponding verbal promises."),
    (56, "Russian presidential spokesman Dmitry Peskov told the media presidential aide Yury Ushakov had notified the US presidential national security advisor Jake Sullivan Moscow was prepared to enter into negotiations on draft security treaties at once. Deputy Foreign Minister Sergey Ryabkov will represent Russia at the consultations."),
    (58, "Putin also stated Western countries have given no evidence to prove allegations about Russian blogger Alexey Navalny’s possible poisoning."),
    (60, "“You speak about a man who was allegedly poisoned. We have issued numerous official inquiries from the Russian prosecutor’s office asking for any documents proving the poisoning. Not a single paper, not a single evidence of this Novichok, or whatever you call it,” he said during his traditional end-of-the-year news conference answering a question from a BBC correspondent."),
    (62, "According to the Russian leader, Moscow suggested sending Russian specialists “there to work together.”"),
    (64, "“I personally told the French president and the German chancellor: Let our specialists work, let us take sample, check grounds to open a criminal case. Nothing in response. Nothing,” he noted, describing the contacts on this matter."),
    (66, "“Stop talking about it. Let us turn over this page, if you have nothing to tell us,” he added."),
    (68, "Navalny was rushed to a local hospital in the Siberian city of Omsk on August 20, 2020, after collapsing on a Moscow-bound flight from Tomsk. He fell into a coma and was put on a ventilator in an intensive care unit. On August 22, he was airlifted to Berlin and admitted to the Charite hospital. On September 2, the German government claimed that the blogger had been affected by a toxic agent belonging to the Novichok family. Russia’s authorities pointed out that no poisonous substances had been detected in Navalny’s system prior to his transfer to Berlin and repeatedly expressed readiness for all-round cooperation to investigate this case."),
)

A003 = art(
    "003", "outlet-d",
    (7, "Delivering remarks on a wide range of issues during the Russian president’s annual year-end press conference where he holds a long Q&A session with the press and public, Putin named Russia’s number one partner on the global stage"),
    (9, "While a decade ago his answer would have perhaps come as a shock given the two countries’ tense history and rivalry, particularly through the 20th century – it should come as no surprise now, after both find themselves firmly in Washington’s geopolitical and economic crosshairs… China, Putin named as an unprecedented partner of close cooperation from trade to technology to defense"),
    (13, "Russia is “China’s number one partner,” the Russian president asserted, describing to the press conference that President Xi Jinping and he “have very trusting relations and it helps us build good business ties as well.” Putin stressed that Xi “is an obvious leader” and that recent meetings and cooperative endeavors “brings us closer together.”"),
    (15, "Here’s more according to an official English translation of Putin’s remarks featured in Russian state media reports:"),
    (17, "“We are cooperating in the field of security. The Chinese Army is equipped to a significant extent with the world’s most advanced weapons systems. We are even developing certain high-tech weapons together,” the Russian leader went on."),
    (19, "He said that there has been nothing like Russia and China’s current relations in history before, and remarked that this serves as a “stabilizing factor” on the world stage."),
    (21, "Xi and Putin met last week in a virtual conference, which came on the heels of Putin meeting with Biden for a much more tense, though generally positive exchange."),
    (23, "During this latest Xi-Putin summit, the Russian leader hailed his friendship with Xi as something closer than allies. Xi had also been cited in Chinese state media describing that the Russian president had “firmly supported China in defending its core interests and opposed attempts to divide China and Russia,” according to CCTV."),
    (25, "Importantly, following that meeting Xi had declared formal support for this central security concern of Russia’s"),
    (27, "Putin won support from Xi for his push to obtain binding security guarantees for Russia from the West, a Kremlin official said, according to Reuters."),
    (29, "Russia wants the United States and NATO to guarantee the military alliance will not expand further eastward or deploy weapons systems in Ukraine and other countries on Russia’s border."),
    (31, "Putin during his Thursday year-end conference addressed the emerging Ukraine crisis 2.0, after last month Washington and Kiev accused the Kremlin of a major military build-up threatening Ukraine…"),
    (33, "“We are not the ones who are threatening someone,” Putin began. “Are we the ones who went there, to the US borders, or to the borders of the United Kingdom or somewhere? They came to us, and now they still say: no, now Ukraine will join NATO as well.”"),
    (35, "Xi has affirmed he stands by Russia’s firm stance on countering NATO expansion eastward…"),
    (37, "Days ago the Kremlin sought to initiate urgent dialogue with the West by submitting a draft document of “security guarantees” – centered on the central demand of no more NATO expansion eastward. Reports this week suggest that Russia and the US have agreed to meet over the matter in January."),
)

A004 = art(
    "004", "outlet-e",
    (6, "Putin announced personal relationship with Xi Jinping"),
    (10, "Russian President Putin: cooperation with China is a stabilizing factor"),
    (14, "At the annual big press conference, Russian President Vladimir Putin called China the main strategic partner. According to him, cooperation between Moscow and Beijing is a significant stabilizing factor in the international arena. TASS is broadcasting on YouTube."),
    (16, "“This must be understood, there is no hidden meaning. We communicate with [President of the People's Republic of China] Xi Jinping as good friends, we have developed personal relationships of trust, they help build business relationships. China is the leader of the world and Asian economies, and we are developing relations in this regard as well. The level of economic cooperation has exceeded the level before the [COVID-19] pandemic. China is number one among our trading partners, ”the president said."),
    (18, "He added that Russia and China are cooperating in all areas, including in the field of security."),
    (20, "“Together we develop individual high-tech types of weapons, cooperate in space, in aviation, develop cooperation between the armed forces: we conduct constant exercises, international war games, and we carry out joint patrols at sea and in the air. Such a strategic partnership had no precedent like this, at least between Russia and China. This intense daily work is in our favor with China and is a stabilizing factor in the international arena, “Putin said."),
    (22, "On December 20, Chinese Foreign Minister Wang Yi said that China's friendly relations with Russia will not weaken regardless of the situation on the international arena. He stressed that the two countries are “united like a rock,” and the Sino-Russian friendship, passed down from generation to generation, will always be strong."),
    (24, "Earlier, Russian Ambassador to the United States Anatoly Antonov expressed the opinion that the international political situation is pushing Russia and China to strengthen their strategic partnership. At the same time, the diplomat stressed, Russia and the PRC do not pursue any geopolitical predatory plans and goals in relation to any sovereign state."),
)

DEMO = (A000, A001, A002, A003, A004)


def quotes_of(*articles: ArticleText) -> list[Quote]:
    return [q for a in articles for q in find_quotes(a)]


def texts(article: ArticleText) -> list[str]:
    return [q.text for q in find_quotes(article)]


def quote_starting(article: ArticleText, prefix: str) -> Quote:
    found = [q for q in find_quotes(article) if q.text.startswith(prefix)]
    assert len(found) == 1, (prefix, [q.text for q in find_quotes(article)])
    return found[0]


@pytest.fixture(scope="module")
def demo_groups() -> list[QuoteGroup]:
    return group_quotes(quotes_of(*DEMO))


def group_with(groups: list[QuoteGroup], words: str) -> QuoteGroup:
    found = [g for g in groups if any(words in v.text for v in g.variants)]
    assert len(found) == 1, (words, [[v.text for v in g.variants] for g in found])
    return found[0]


# --- finding quotes -----------------------------------------------------------------------------


def test_offsets_point_at_the_quoted_words_inside_the_marks():
    for article in DEMO:
        paragraphs = dict(article.paragraphs)
        for q in find_quotes(article):
            if len(q.spans) == 1:
                assert paragraphs[q.line][q.start : q.end] == q.text
            assert q.article == article.slug and q.source == article.source


def test_straight_and_curly_double_quotes_are_found():
    assert texts(art("x", "s", (1, 'He said "one two three" and “four five six” today.'))) == [
        "one two three",
        "four five six",
    ]


def test_guillemets_and_low_high_quotes_are_found():
    found = texts(art("x", "s", (1, "Er sagte „wir kommen morgen“ und « nous verrons bien » hier.")))
    assert found == ["wir kommen morgen", "nous verrons bien"]


def test_apostrophes_are_not_quote_marks():
    paragraph = "Russia’s army said it’s fine and don’t worry, citing the two sides' collaboration and Putin's plans."
    assert texts(art("x", "s", (1, paragraph))) == []


def test_apostrophes_inside_a_quote_do_not_end_it():
    q = quote_starting(A002, "That’s the time")
    assert q.text == "That’s the time until which we’ll supply all types of energy resources to China,"


def test_single_quotes_are_quotes_when_they_open_and_close():
    assert "China being the undisputed leader" in texts(A001)


def test_nested_quotes_stay_inside_the_outer_quote():
    q = quote_starting(A002, "The President of the People’s Republic")
    assert q.text == "The President of the People’s Republic of China Xi Jinping and I call each other ‘friend,’"
    inner = [q for q in find_quotes(A002) if q.text.startswith("’Not an inch")]
    assert len(inner) == 1 and inner[0].text.endswith("emerging in Romania and Poland,")
    assert not any(t == "friend," or t == "Not an inch towards the east" for t in texts(A002))


def test_closing_mark_typed_as_an_opening_one_still_closes_the_quote():
    q = quote_starting(A004, "Together we develop")
    assert q.text.endswith("stabilizing factor in the international arena,")
    assert q.speaker == "Putin"
    q = quote_starting(A004, "This must be understood")
    assert q.text.endswith("China is number one among our trading partners,")
    assert not any(t.startswith("the president said") or t.startswith("Putin said") for t in texts(A004))


def test_mixed_curly_open_and_straight_close():
    q = quote_starting(A001, "The Chinese Army is largely")
    assert q.text.endswith("[such as aircraft and helicopters] together")


def test_short_quoted_phrases_are_quotes():
    found = texts(A000)
    assert "very trustful personal relationship" in found
    assert "helps in business" in found
    assert "joint military exercises" in found


def test_quote_closed_in_the_next_paragraph_is_one_quote():
    article = art(
        "x", "s",
        (10, "Putin said: “We are working in space, aircraft areas."),
        (12, "On planes and helicopters,” he continued."),
    )
    [q] = find_quotes(article)
    assert q.text == "We are working in space, aircraft areas. On planes and helicopters,"
    assert q.line == 10 and q.spans[0][0] == 10 and q.spans[-1][0] == 12
    assert q.speaker == "Putin"


def test_quote_split_across_two_lines_is_one_quote():
    article = art(
        "x", "s",
        (5, "“We are not the ones who are threatening someone. Are we the ones who went there, to the US"),
        (6, "borders, or to the borders of the United Kingdom?” Putin asked."),
    )
    [q] = find_quotes(article)
    assert q.text.startswith("We are not the ones") and q.text.endswith("United Kingdom?")
    assert [line for line, _, _ in q.spans] == [5, 6]
    assert q.speaker == "Putin"


def test_quote_continued_by_an_opening_mark_in_the_next_paragraph_is_one_quote():
    article = art(
        "x", "s",
        (1, "Wang Yi said: “The two countries are united like a rock."),
        (3, "“The friendship, passed down from generation to generation, will always be strong,” he added."),
        (5, "“A new statement,” he said."),
    )
    found = find_quotes(article)
    assert [q.text for q in found] == [
        "The two countries are united like a rock. The friendship, passed down from generation to generation, will always be strong,",
        "A new statement,",
    ]
    assert all(q.speaker == "Wang Yi" for q in found)


def test_an_unclosed_quote_ends_with_its_paragraph_when_nothing_closes_it():
    article = art("x", "s", (1, "He said “this has no end"), (2, "A new paragraph without marks."))
    [q] = find_quotes(article)
    assert q.text == "this has no end" and q.spans == ((1, 9, 24),)


# --- speakers -----------------------------------------------------------------------------------


def test_named_speaker_after_the_quote():
    assert quote_starting(A000, "The Chinese Army").speaker == "Putin"  # "Putin stressed"
    assert quote_starting(A003, "We are not the ones").speaker == "Putin"  # "Putin began"


def test_he_after_a_named_speaker_in_the_same_paragraph():
    assert quote_starting(A000, "helps in business").speaker == "Putin"
    assert quote_starting(A004, "united like a rock").speaker == "Wang Yi"


def test_he_resolves_to_the_previous_paragraphs_speaker():
    assert quote_starting(A002, "We cooperate").speaker == "Putin"
    assert quote_starting(A000, "develop cooperation").speaker == "Putin"  # "According to him"


def test_role_noun_resolves_to_the_speaker_it_names():
    assert quote_starting(A003, "We are cooperating").speaker == "Putin"  # "the Russian leader went on"
    assert quote_starting(A002, "We are even developing").speaker == "Putin"  # "the president went on to say"
    assert quote_starting(A000, "should take more joint").speaker == "Xi"  # "the Chinese president stressed"


def test_a_quote_sentence_after_an_attributed_one_keeps_its_speaker():
    assert quote_starting(A003, "Are we the ones").speaker == "Putin"


def test_no_speaker_when_the_text_does_not_say():
    assert quote_starting(A001, "China being the undisputed").speaker is None
    assert find_quotes(art("x", "s", (1, "The slogan “build back better” was everywhere.")))[0].speaker is None


# --- grouping -----------------------------------------------------------------------------------


def test_three_translations_of_the_chinese_army_statement_are_one_group(demo_groups):
    group = group_with(demo_groups, "The Chinese Army is largely equipped")
    wordings = " | ".join(v.text for v in group.variants)
    assert "China’s armed forces are equipped with the most advanced weapons systems to a large extent" in wordings
    assert "The Chinese Army is equipped to a significant extent with the world’s most advanced weapons systems" in wordings
    assert {"outlet-a", "outlet-b", "outlet-c", "outlet-d"} <= group.sources
    assert group.speaker == "Putin"


def test_long_quotes_are_aligned_sentence_by_sentence(demo_groups):
    # 003 says three things in one quote: each sentence joins its own statement's group
    army = group_with(demo_groups, "The Chinese Army is equipped to a significant extent")
    assert not any("security" in v.text for v in army.variants)
    security = group_with(demo_groups, "We are cooperating in the field of security")
    assert any("We cooperate [with China] in the security area" in v.text for v in security.variants)
    variant = next(v for v in army.variants if v.article == "003")
    assert variant.parent is not None and variant.parent.text.startswith("We are cooperating")


def test_comprehensive_partnership_variants_are_one_group(demo_groups):
    group = group_with(demo_groups, "absolutely comprehensive partnership of a strategic nature")
    wordings = [v.text for v in group.variants]
    assert any("an absolutely comprehensive partnership of strategic nature" == w.rstrip(",") for w in wordings)
    assert any("hasn’t had precedents in history" in w for w in wordings)
    assert {"outlet-a", "outlet-b", "outlet-c"} <= group.sources


def test_different_statements_are_never_merged(demo_groups):
    distinct = [
        "Asia is developing rapidly",
        "We are not the ones who are threatening someone",
        "The Chinese Army is largely equipped",
        "absolutely comprehensive partnership of a strategic nature",
        "You speak about a man who was allegedly poisoned",
        "united like a rock",
        "Our actions will depend",
        "We are working in space, aircraft areas",
    ]
    homes = [group_with(demo_groups, words) for words in distinct]
    for i, a in enumerate(homes):
        for b in homes[i + 1 :]:
            assert a is not b


def test_groups_with_several_sources_come_first(demo_groups):
    sizes = [len(g.sources) > 1 for g in demo_groups]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0]


def test_single_source_quotes_stay_as_groups_of_one(demo_groups):
    group = group_with(demo_groups, "united like a rock")
    assert len(group.variants) == 1 and group.speaker == "Wang Yi"


def test_word_level_diff_between_variants(demo_groups):
    group = group_with(demo_groups, "The Chinese Army is largely equipped")
    a = next(v for v in group.variants if v.article == "000")
    c = next(v for v in group.variants if v.article == "003")
    ops = group.diff(a, c)
    assert {op for op, _ in ops} <= {"equal", "insert", "delete"}
    assert "".join(t for op, t in ops if op != "insert") == a.text
    assert "".join(t for op, t in ops if op != "delete") == c.text
    assert any(op == "equal" and "advanced weapons systems" in t for op, t in ops)
    assert any(op == "delete" and "largely" in t for op, t in ops)


def test_same_speaker_rule_a_named_speaker_mismatch_is_never_grouped():
    a = art("a", "s1", (1, "“We will never give up our friendship with China,” Putin said."))
    b = art("b", "s2", (1, "“We will never give up our friendship with China,” Biden said."))
    groups = group_quotes(quotes_of(a, b))
    assert len(groups) == 2


# --- near-copies, unique passages, coverage -------------------------------------------------------


def test_reposts_are_found_with_the_paragraphs_they_share():
    pairs = near_copies(DEMO)
    assert [{p.a, p.b} for p in pairs] == [{"000", "001"}]
    pair = pairs[0]
    lines = {(la, lb) if pair.a == "000" else (lb, la) for la, lb, _ in pair.passages}
    assert (12, 6) in lines and (20, 14) in lines


def test_facts_only_one_outlet_carries(demo_groups):
    unique = unique_passages(DEMO, demo_groups)
    lines = {slug: {p.line for p in passages} for slug, passages in unique.items()}
    assert {58, 60, 68} <= lines["002"]  # Navalny
    assert {36, 38} <= lines["002"]  # carbon neutrality by 2060
    assert 22 in lines["004"]  # Wang Yi: united like a rock
    assert 12 not in lines["000"] and 17 not in lines["003"]  # the shared Chinese Army quote
    assert 6 not in lines.get("001", set())


def test_coverage_lists_topics_and_quote_groups_with_their_outlets(demo_groups):
    result = coverage(DEMO, {"Navalny": ["002"], "NATO": ["001", "002", "003"]}, groups=demo_groups)
    written = json.loads(b"".join(data_parts(result)))  # as build/data/coverage.json has it
    assert written["items"] == json.loads(json.dumps(list(result["items"])))
    assert [s["key"] for s in written["sources"]] == ["outlet-a", "outlet-b", "outlet-c", "outlet-d", "outlet-e"]
    items = {(i["kind"], i["label"]): i for i in written["items"]}
    assert items[("topic", "Navalny")]["sources"] == ["outlet-c"]
    assert items[("topic", "NATO")]["articles"] == ["001", "002", "003"]
    quotes = [i for i in written["items"] if i["kind"] == "quote"]
    army = next(i for i in quotes if "Chinese Army" in i["label"] or "armed forces are equipped" in i["label"])
    assert {"outlet-a", "outlet-b", "outlet-c", "outlet-d"} <= set(army["sources"])


def test_topic_mentions_of_unknown_articles_are_ignored():
    result = coverage(DEMO[:1], {"X": ["000", "nope"]}, groups=[])
    assert next(iter(result["items"]))["articles"] == ["000"]


# --- robustness ---------------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = st.sampled_from(["word", "Putin", "said", "he", "the", " ", ", ", ". ", "’s", "'", "’", "‘", '"', "“", "”", "«", "»", "„", "[", "]", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=30).map("".join), min_size=1, max_size=4))
def test_any_text_gives_quotes_whose_spans_are_their_text(paragraphs):
    article = art("x", "s", *((2 * i + 1, p) for i, p in enumerate(paragraphs)))
    texts = dict(article.paragraphs)
    quotes = find_quotes(article)
    for q in quotes:
        assert " ".join(texts[line][s:e] for line, s, e in q.spans) == q.text
        assert q.text.strip() == q.text and q.text
    for group in group_quotes(quotes):
        for v in group.variants:
            assert " ".join(texts[line][s:e] for line, s, e in v.spans) == v.text
