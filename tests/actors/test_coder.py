from __future__ import annotations

from datetime import date

import pytest

from eventwire.model import Article
from eventwire.nlp import prepare

pytestmark = pytest.mark.model

ARTICLE = (
    "Turkish soldiers crossed into Syria on Monday. Ankara said the move was defensive. "
    "Defense Minister Hulusi Akar warned that Syrian regime forces would be hit. "
    "Akar told reporters that the Islamic State group was regrouping. "
    "Russian President Vladimir Putin called NATO and the United Nations. "
    "Police dispersed protesters in Istanbul. The rebels and Syrian rebels clashed. "
    "The Assad regime forces shelled the town. He said Defense Minister John Doe lied."
)


@pytest.mark.parametrize(
    ("phrase", "code", "occurrence"),
    [
        ("Turkish soldiers", "TURMIL", 0),
        ("Ankara", "TURGOV", 0),
        ("Defense Minister Hulusi Akar", "TURGOV", 0),
        ("Akar", "TURGOV", 1),
        ("Syrian regime forces", "SYRMIL", 0),
        ("the Islamic State group", "IMGMUSISI", 0),
        ("Russian President Vladimir Putin", "RUSGOV", 0),
        ("NATO", "IGOWSTNAT", 0),
        ("the United Nations", "IGOUNO", 0),
        ("Police", "COP", 0),
        ("protesters", "OPP", 0),
        ("The rebels", "REB", 0),
        ("Syrian rebels", "SYRREB", 0),
        ("The Assad regime forces", "SYRMIL", 0),
        ("Defense Minister John Doe", "TURGOV", 0),
    ],
)
def test_article_phrases(code_phrase, phrase, code, occurrence):
    actor = code_phrase(ARTICLE, phrase, day=date(2019, 10, 10), occurrence=occurrence)
    assert actor is not None, phrase
    assert actor.code == code


def test_actor_fields(code_phrase):
    actor = code_phrase(ARTICLE, "Defense Minister Hulusi Akar", day=date(2019, 10, 10))
    assert actor.text == "Defense Minister Hulusi Akar"
    assert (actor.country, actor.sector, actor.name) == ("TUR", "GOV", "Hulusi Akar")
    assert ARTICLE[actor.start : actor.end] == actor.text


def test_bare_country_is_the_state(code_phrase):
    actor = code_phrase("Syria rejected the offer.", "Syria")
    assert (actor.code, actor.country, actor.sector) == ("SYR", "SYR", None)


def test_igo_fields(code_phrase):
    actor = code_phrase("NATO condemned the attack.", "NATO")
    assert (actor.code, actor.country, actor.sector) == ("IGOWSTNAT", None, "IGO")


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [("Obama", date(2010, 1, 1), "USAGOV"), ("Trump", date(2010, 1, 1), "USA"),
     ("Trump", date(2018, 1, 1), "USAGOV"), ("Erdogan", date(2008, 1, 1), "TURGOV"),
     ("Medvedev", date(2010, 1, 1), "RUSGOV")],
)  # fmt: skip
def test_people_by_date(code_phrase, name, day, code):
    assert code_phrase(f"{name} criticised the plan.", name, day=day).code == code


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("The Pentagon said troops would stay.", "The Pentagon", "USAMIL"),
        ("The Kremlin denied the report.", "The Kremlin", "RUSGOV"),
        (
            "Iran-backed Hezbollah fighters fired rockets.",
            "Iran-backed Hezbollah fighters",
            "LBNREBHEZ",
        ),
        ("Pro-Russia rebels shelled the town.", "Pro-Russia rebels", "REB"),
        ("Forces of the Syrian regime shelled the town.", "Forces of the Syrian regime", "SYRMIL"),
        ("A court in Guyana issued warrants.", "A court in Guyana", "GUYJUD"),
        (
            "The defence minister, Hulusi Akar, spoke.",
            "The defence minister, Hulusi Akar",
            "TURGOV",
        ),
        ("A Hamas official said the talks failed.", "A Hamas official", "PSEREBHMS"),
        ("Israeli police arrested two men.", "Israeli police", "ISRCOP"),
        ("Al-Shabaab militants attacked a base.", "Al-Shabaab militants", "SOMREBSHB"),
    ],
)
def test_phrases(code_phrase, text, phrase, code):
    actor = code_phrase(text, phrase, day=date(2019, 10, 10))
    assert actor is not None and actor.code == code


def test_minister_without_country_takes_the_article_focus(code_phrase):
    text = "Fighting flared in Yemen. The defence minister said the army would respond."
    assert code_phrase(text, "The defence minister").code == "YEMGOV"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("The stopover came as talks began.", "The stopover"), ("It was raining.", "It")],
)
def test_nothing_codable(code_phrase, text, phrase):
    assert code_phrase(text, phrase) is None


def test_pronouns(code_phrase):
    text = "Recep Tayyip Erdogan spoke on Monday. He said the talks failed."
    actor = code_phrase(text, "He", day=date(2019, 1, 1))
    assert actor.code == "TURGOV" and actor.name == "Recep Tayyip Erdogan"
    two = "Erdogan met Putin. He said the talks failed."
    assert code_phrase(two, "He", day=date(2019, 1, 1)) is None


def test_an_object_pronoun_is_someone_else_named_in_its_sentence(code_phrase):
    """An object pronoun is never the subject of its own clause ("himself" would be): another
    person named before it in the sentence, or in the sentence before."""
    day = date(2019, 1, 1)
    text = "Erdogan said Trump had criticized him."
    assert code_phrase(text, "him", day=day).code == "TURGOV"
    text = "Trump called Erdogan on Wednesday and urged him to show restraint."
    assert code_phrase(text, "him", day=day).code == "TURGOV"
    text = "Erdogan met Putin, who praised him."  # "who" is Putin: him is Erdogan
    assert code_phrase(text, "him", day=day).code == "TURGOV"
    text = "Putin met Erdogan. Macron later called him."
    assert code_phrase(text, "him", day=day) is None  # two before it: not guessed


def test_the_group_resolves_to_the_last_armed_group(code_phrase):
    text = "Boko Haram attacked a village. The group later released a video."
    assert code_phrase(text, "The group").code == "NGAREBBKH"


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("Dozens of Syrian soldiers were killed.", "Dozens of Syrian soldiers", "SYRMIL"),
        (
            "Government forces loyal to President Bashar al-Assad entered the town.",
            "Government forces loyal to President Bashar al-Assad",
            "SYRMIL",
        ),
        ("Russia's defence ministry said its jets had not struck.", "its jets", "RUSMIL"),
        ("Anti-government protesters marched in Turkey.", "Anti-government protesters", "OPP"),
    ],
)
def test_quantities_loyalties_and_possessives(code_phrase, text, phrase, code):
    assert code_phrase(text, phrase, day=date(2020, 2, 11)).code == code


def test_a_name_running_past_the_parse_is_kept_whole(code_phrase):
    text = "The Syrian Observatory for Human Rights said eight people died."
    actor = code_phrase(text, "The Syrian Observatory")
    assert actor.code == "SYROPPHRI"
    assert actor.text == "The Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    ("text", "phrase", "codes"),
    [
        ("French and German diplomats condemned the vote.", "French and German diplomats",
         ["FRAGOV", "DEUGOV"]),
        ("Kenyan and Ugandan troops crossed the border.", "Kenyan and Ugandan troops",
         ["KENMIL", "UGAMIL"]),
    ],
)  # fmt: skip
def test_coordinated_nationalities_give_one_actor_each(nlp, coder, text, phrase, codes):
    from eventwire.model import Article
    from eventwire.nlp import prepare

    doc = prepare(Article.from_text(text, published=date(2020, 6, 1)))
    sentence = doc.sentences[0]
    sentence.doc = nlp(sentence.text)
    actors = coder.for_document(doc)
    head = sentence.doc.char_span(0, len(phrase), alignment_mode="expand").root
    assert [a.code for a in actors.code_all(sentence, head)] == codes


def test_a_phrase_the_quick_test_rules_out_codes_nothing(nlp, coder):
    """``codable`` may let through phrases that code nothing, never the other way round."""
    text = (
        "Turkish troops shelled the market in Afrin on Monday, and the group said its fighters "
        "had left the town. Officials of the Syrian regime met them at the border crossing. "
        "A spokesman for the ministry said heavy rain closed the roads near the river."
    )
    doc = prepare(Article.from_text(text, published=date(2020, 6, 1)))
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)
    actors = coder.for_document(doc)
    ruled_out = 0
    for sentence in doc.sentences:
        for token in sentence.doc:
            if not actors.codable(sentence, token):
                ruled_out += 1
                assert actors._code(sentence, token) is None, token.text
    assert ruled_out > 10  # the test does rule out the plain phrases ("the roads", "rain")


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("Syrian Kurdish leader Salih Mohammed spoke.", "Syrian Kurdish leader Salih Mohammed",
         "SYRGOV"),
        ("Turkish official Ahmet Yilmazer spoke.", "Turkish official Ahmet Yilmazer", "TURGOV"),
        ("Ukrainian activist Olena Petrenkova spoke.", "Ukrainian activist Olena Petrenkova",
         "UKROPP"),
        ("Ali Hassanov, a senior Turkish official, spoke.",
         "Ali Hassanov, a senior Turkish official", "TURGOV"),
        # whom a spokesman speaks for is named as by "of"
        ("A spokesman for Hamas spoke.", "A spokesman for Hamas", "PSEREBHMS"),
        # a defence spokesperson speaks for the defence ministry; a high commission is an
        # embassy
        ("Ali Noori, an Afghan defence spokesperson, spoke.",
         "Ali Noori, an Afghan defence spokesperson", "AFGGOV"),
        ("The British High Commission spoke.", "The British High Commission", "GBRGOV"),
    ],
)  # fmt: skip
def test_a_title_before_a_name_the_dictionary_lacks_says_who_it_is(code_phrase, text, phrase, code):
    assert code_phrase(text, phrase).code == code


def test_naming_sentences_hold_a_coded_name_or_refer_back_to_one(coder):
    """What the prefilter asks before parsing: where a PETRARCH-style verb may find an actor."""
    text = (
        "Russia sent more troops. They vowed to stay. Heavy rain fell. "
        "He vowed to return. The Mayor of Springfield vowed to act. Russia agreed. "
        "It waited. It left."
    )
    doc = prepare(Article.from_text(text, published=date(2020, 6, 1)))
    assert coder.naming_sentences(doc) == {0, 1, 5, 6}  # not 7: no chains of pronouns
    assert doc.names is not None  # scanned once; the extractor takes the names from there
    assert coder.for_document(doc).mentions is doc.names[0]
