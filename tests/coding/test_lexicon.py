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
