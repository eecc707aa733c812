import pytest

from eventwire.coding.lexicon import builtin_lexicon, inflections, parse_lexicon
from eventwire.coding.ontology import cameo_codes
from eventwire.errors import ConfigError


def test_builtin_lexicon_codes_exist_in_cameo():
    codes = cameo_codes()
    lexicon = builtin_lexicon()
    for table in (lexicon.verbs, lexicon.nouns):
        for trigger in table.values():
            readings = [trigger.reading, *(p.reading for p in trigger.patterns)]
            for reading in readings:
                assert reading.code is None or reading.code in codes, (trigger.lemma, reading.code)


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("attack", "attacked"),
        ("say", "said"),
        ("shell", "shelling"),
        ("seize", "seized"),
        ("deny", "denied"),
        ("kidnap", "kidnapped"),
        ("strike", "struck"),
        ("bomb", "bombs"),
        ("forbid", "forbidden"),  # the irregular forms the parser's lemmatizer knows
        ("seek", "sought"),
        ("break", "broke"),
        ("be", "were"),
    ],
)
def test_inflections_cover_common_forms(lemma, form):
    assert form in inflections(lemma)


def test_unquoted_yaml_boolean_is_a_clear_error():
    with pytest.raises(ConfigError, match="quote"):
        parse_lexicon({"verbs": {"call": {"patterns": [{"prep": [True], "code": "020"}]}}})


def test_unknown_kind_is_rejected():
    with pytest.raises(ConfigError, match="unknown kind"):
        parse_lexicon({"verbs": {"shout": {"code": "010", "kind": "yelling"}}})


def test_unknown_class_is_rejected():
    with pytest.raises(ConfigError, match="unknown word class"):
        parse_lexicon({"verbs": {"send": {"patterns": [{"object": "@nothing", "code": "070"}]}}})


def test_user_lexicon_overrides_builtin():
    user = parse_lexicon({"verbs": {"kill": "1823"}})
    merged = builtin_lexicon().merged(user)
    assert merged.verbs["kill"].reading.code == "1823"
    assert merged.verbs["attack"].reading.code == "190"


def test_petrarch_style_statement_is_speech():
    lexicon = parse_lexicon(
        {
            "style": "petrarch",
            "verbs": {"say": {"code": "010", "patterns": [{"after": "truce", "code": "0871"}]}},
        }
    )
    say = lexicon.verbs["say"]
    assert say.reading.kind == "speech"
    assert say.patterns[0].reading.kind is None  # a pattern with a code of its own


def test_patterns_are_tried_only_where_their_words_are():
    spec = {"patterns": [{"object": "aid", "code": "070"}]}
    spec["patterns"] += [{"before": f"word{i}", "code": "020"} for i in range(12)]
    trigger = parse_lexicon({"verbs": {"send": spec}}).verbs["send"]
    picked = trigger.candidates(frozenset({"word3", "the"}))
    assert [p.reading.code for p in picked] == ["070", "020"]  # no word test, then word3's
