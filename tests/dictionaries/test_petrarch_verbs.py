from __future__ import annotations

import pytest
from petrarch_snippets import VERBS

from eventwire.coding.lexicon import parse_lexicon
from eventwire.dictionaries.lemmas import verb_lemma
from eventwire.dictionaries.petrarch.translate import Untranslatable, translate
from eventwire.dictionaries.petrarch.triggers import verb_lexicon
from eventwire.dictionaries.petrarch.verbs import parse_verb_text


@pytest.fixture(scope="module")
def parsed():
    return parse_verb_text(VERBS, source="test.verbs.txt")


@pytest.fixture(scope="module")
def data(parsed):
    return verb_lexicon(parsed, source="test.verbs.txt")


def test_synsets_and_blocks(parsed):
    assert parsed.synsets["TIETYPES"].members == ["MILITARY", "ECONOMIC"]
    assert not parsed.synsets["CURRENCY"].plural  # the label ends with _
    assert [b.name for b in parsed.blocks] == ["ABANDON", "CONTRIBUTE", "EXCLUDE", "SAID", "SHOT",
                                               "MEET", "GAIN"]  # fmt: skip
    cordon, tap = parsed.blocks[2].verbs[1:]
    assert (cordon.word, cordon.after, cordon.forms) == (
        "CORDON",
        ("OFF",),
        ("CORDONED", "CORDONS"),
    )
    assert (tap.word, tap.before, tap.code) == ("TAP", ("WIRE",), "1711")
    assert len(parsed.transformations) == 1


def test_classes(data):
    lexicon, _ = data
    assert lexicon["classes"]["tietypes"] == ["military", "militaries", "economic", "economics"]
    assert lexicon["classes"]["currency"] == ["dollars", "swiss francs"]  # no plurals
    assert lexicon["style"] == "petrarch" and lexicon["builtin"] is False


def test_verbs_become_triggers_of_their_lemma(data):
    verbs = data[0]["verbs"]
    assert verbs["abandon"]["code"] == "345"
    assert verbs["say"]["code"] is None  # "SAID" is a form of say: its code is for "said" only
    said = [p for p in verbs["say"]["patterns"] if p.get("form")]
    assert said and all(p["form"] == ["said"] for p in said)
    assert verbs["meet"]["code"] == "031" and verbs["meet"]["mirror"] == "031"
    assert verbs["cordon"]["code"] is None  # only "cordon off" codes
    assert {"code": "1721", "after": "_off"}.items() <= verbs["cordon"]["patterns"][-1].items()
    assert {"code": "1711", "before": "wire_"}.items() <= verbs["tap"]["patterns"][-1].items()


def test_patterns_most_specific_first(data):
    codes = [p["code"] for p in data[0]["verbs"]["abandon"]["patterns"]]
    assert codes == ["903", "904", "902"]


@pytest.mark.parametrize(
    ("pattern", "code", "expected"),
    [
        ("* NEW_&TIETYPES_RELATIONS", "903", {"after": "new_@tietypes_relations"}),
        ("* IMPROVED &TIETYPES RELATIONS", "904", {"after": "improved @tietypes relations"}),
        ("RECENTLY_*", "025", {"before": "recently_"}),
        ("*_OUT", "074", {"after": "_out"}),
        ("SAID WOULD *", "173", {"before": "said would"}),
        ("* (TO BORDER)", "154", {"prep": ["to border"]}),
        ("* {ARMS SHIPMENT}", "072", {"np": ["arms shipment"]}),
        ("+ WAS * DEAD IN $", "224", {"before": "was", "after": "dead in",
                                      "target": "subject-was", "source": "in"}),
        ("% * ", "030:030", {"reciprocal": True, "mirror": "030"}),
        ("* WITH %", "031", {"after": "with", "target": "with"}),
        ("* (AGAINST) +", "115", {"prep": ["against"], "target": "against"}),
        ("* IFTAR IN ^ +", "045", {"after": "iftar in", "target": "after-in"}),
        ("+ * MONEY $", "071", {"after": "money", "target": "subject", "source": "after"}),
        ("* RECOGNITION", ":054", {"after": "recognition", "code": "054", "source": "object",
                                   "target": "subject"}),
        ("WILL NOT *", "112", {"before": "will not", "negated": False}),
        ("* CARD", "---", {"after": "card", "code": None}),
    ],
)  # fmt: skip
def test_translation(parsed, pattern, code, expected):
    from eventwire.dictionaries.petrarch.translate import as_pattern

    out = as_pattern(translate(pattern, code, parsed.synsets), classes={"tietypes": []})
    assert expected.items() <= out.items(), out


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("NO VERB HERE", "no verb"), ("* &NOSUCHSET", "undefined synset"),
     ("$ BACK + IN *", "same place")],
)  # fmt: skip
def test_untranslatable(parsed, pattern, reason):
    with pytest.raises(Untranslatable, match=reason):
        translate(pattern, "010", parsed.synsets)


def test_notes_say_what_was_skipped(data):
    notes = " | ".join(data[1])
    assert "&NOSUCHSET" in notes and "'+++' is not an event code" in notes
    assert "1 transformation(s)" in notes


def test_the_lexicon_parses(data):
    lexicon = parse_lexicon(data[0], source="test")
    assert not lexicon.builtin
    assert lexicon.verbs["abandon"].reading.roles.petrarch
    assert "cordoned" in lexicon.verbs["cordon"].forms


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("SAID", "say"), ("MET", "meet"), ("KILLED", "kill"), ("LEFT", "leave"),
     ("ABANDON", "abandon"), ("URGING", "urge")],
)  # fmt: skip
def test_verb_lemma(word, lemma):
    assert verb_lemma(word) == lemma
