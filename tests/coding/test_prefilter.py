"""Which sentences go to the parser, from their words alone."""

import pytest

from eventwire.coding.lexicon import builtin_lexicon, parse_lexicon
from eventwire.coding.prefilter import (
    Parse,
    builtin_prefilter,
    may_be_verbs,
    prefilter_of,
    role_phrases,
    sentence_words,
    statement_prefilter,
)
from eventwire.model import Article
from eventwire.nlp import prepare

#: a verb block in the PETRARCH style: no code of its own, patterns with codes
USER = {
    "style": "petrarch",
    "verbs": {
        "carry": {
            "patterns": [{"after": "_out @attack", "code": "190"}, {"after": "aid", "code": "070"}]
        },
        "say": {"code": "010", "patterns": [{"after": "ceasefire", "code": "0871"}]},
        "vow": "030",
        "be": {"patterns": [{"object": "@any", "code": "020"}]},
    },
    "classes": {"attack": ["raid", "raids", "assault"]},
}


@pytest.fixture(scope="module")
def user():
    return prefilter_of(parse_lexicon(USER))


def test_builtin_trigger_forms_pass():
    prefilter = builtin_prefilter()
    for sentence in ("Rebels killed three.", "Troops shelled the town.", "Talks resumed."):
        assert prefilter.passes(sentence), sentence
    assert not prefilter.passes("The weather was fine on the coast.")


def test_bare_statement_is_no_reason_to_parse():
    assert not builtin_prefilter().passes("The minister said on Tuesday that it was fine.")
    assert statement_prefilter(builtin_lexicon()).passes("The minister said it was fine.")


def test_verb_with_patterns_only_needs_one_of_their_words(user):
    assert not user.passes("A Gondor lorry carrying grain reached the market.")
    assert user.passes("Gondor militants carried out a raid on the post.")
    assert user.passes("The convoy carried aid to Minas Tirith.")
    assert "carried" in user


def test_dictionary_statement_needs_a_pattern_word(user):
    assert not user.passes("Gondor said the streets stayed calm.")
    assert user.passes("Gondor said the ceasefire would hold.")


def test_verb_with_its_own_code_passes_alone(user):
    assert user.passes("Gondor vowed to rebuild.")


def test_pattern_on_any_word_leaves_the_verb_unguarded(user):
    assert user.passes("Gondor is what it is.")


def test_dictionary_reading_needs_an_actor(user):
    """A PETRARCH-style reading codes events between actors: a name or a role word."""
    assert not user.passes("On Tuesdays the market is busy, and many vowed to return.")
    assert user.passes("The Rohirrim vowed to return.")
    lexicon = parse_lexicon(USER)
    with_roles = prefilter_of(lexicon, role_phrases(["riot police", "traders"]))
    assert with_roles.passes("The traders vowed to return.")
    assert with_roles.passes("Police vowed to return.")
    assert not with_roles.passes("The market vowed to return.")


def test_names_the_coder_knows_stand_in_for_capitalised_words(user):
    """With the coder's word on which sentences name an actor (``with_naming``), a capitalised
    word no longer passes for a name; role phrases still do."""
    text = "The Rohirrim vowed to return. In March the Mayor vowed to act. Gondor vowed to stay."
    doc = prepare(Article.from_text(text))
    asked = []

    def naming(d):
        asked.append(d)
        return {2}

    no, yes = Parse.NONE, Parse.WITHOUT_NAMES  # PETRARCH-style verbs alone send these
    assert list(user.sentences(doc)) == [yes, yes, yes]  # capitalised words
    named = user.with_naming(naming)
    assert list(named.sentences(doc)) == [no, no, yes]
    assert asked == [doc]  # once for the document
    with_roles = prefilter_of(parse_lexicon(USER), role_phrases(["mayor"])).with_naming(naming)
    assert list(with_roles.sentences(doc)) == [no, yes, yes]
    assert user.needs_actors and named.naming is naming
    assert not builtin_prefilter().needs_actors


def test_sentences_sent_by_petrarch_style_verbs_alone_are_parsed_without_names(user):
    """Their actors come from the dictionaries, never from the parser's names; a sentence the
    ``named`` prefilter passes (with dictionaries, the built-in triggers') keeps them."""
    assert user.passes("Gondor is what it is.") == Parse.WITHOUT_NAMES
    ours = prefilter_of(parse_lexicon({"verbs": {"vow": "030"}}))  # no PETRARCH style
    assert ours.passes("Gondor vowed to rebuild.") == Parse.FULL
    text = "Gondor is what it is. Gondor is to kill the rebels. Rebels killed three."
    doc = prepare(Article.from_text(text))
    named = user.with_naming(lambda d: {0, 1, 2}, builtin_prefilter())
    assert list(named.sentences(doc)) == [Parse.WITHOUT_NAMES, Parse.FULL, Parse.NONE]
    tolls = named | frozenset({"toll"})  # more forms reach the named sentences too
    assert tolls.named is not None and tolls.named.passes("The toll rose.")


def test_dictionary_verb_passes_only_where_its_form_may_be_a_verb():
    """A PETRARCH-style verb inside a name or used as a noun sends no sentence."""
    lexicon = parse_lexicon({"style": "petrarch", "verbs": {"unite": "050", "study": "030"}})
    prefilter = prefilter_of(lexicon)
    assert not prefilter.passes("Gondor and the United Kingdoms met.")
    assert not prefilter.passes("Gondor published the study.")
    assert not prefilter.passes("Under the plan for study Gondor met.")
    assert prefilter.passes("Gondor united the kingdoms.")
    assert prefilter.passes("United, Gondor and Rohan stood.")  # the first word may be a verb
    assert prefilter.passes('Gondor said: "United we stand."')
    assert prefilter.passes("Gondor And Rohan United Against Mordor")  # a headline
    assert prefilter.passes("After studying it Gondor left.")


def test_may_be_verbs():
    assert may_be_verbs("The Centers for Disease Control said the study was under control.") == {
        "the",
        "for",
        "said",
        "was",
        "under",
    }
    assert "taking" in may_be_verbs("After taking office he left.")
    assert {"cease", "fire"} <= may_be_verbs("Under the cease-fire deal.")


def test_a_role_phrase_names_an_actor_only_with_all_its_words():
    lexicon = parse_lexicon(USER)
    prefilter = prefilter_of(lexicon, role_phrases(["election committee", "peace-keeper"]))
    assert not prefilter.passes("the committee vowed to act.")
    assert prefilter.passes("the election committee vowed to act.")
    assert prefilter.passes("the peace-keeper vowed to stay.")


def test_role_phrases_keep_their_words_head_last():
    assert role_phrases(["Foreign Minister", "the", "peace-keeper"]) == {
        ("foreign", "minister"),
        ("keeper", "peace", "peace-keeper"),
    }


def test_role_phrases_are_headed_by_their_last_word():
    heads = {p[-1] for p in role_phrases(["foreign minister", "head of state", "the"])}
    assert heads == {"minister", "state"}


def test_every_word_test_of_a_pattern_must_pass():
    pattern = {"after": "school", "prep": "for refugees", "code": "073"}
    lexicon = parse_lexicon({"style": "petrarch", "verbs": {"reopen": {"patterns": [pattern]}}})
    prefilter = prefilter_of(lexicon)
    assert not prefilter.passes("Gondor reopened the school in May.")
    assert prefilter.passes("Gondor reopened the school for refugees.")


def test_words_a_pattern_needs_after_the_verb_come_later():
    lexicon = parse_lexicon(
        {"style": "petrarch", "verbs": {"close": {"patterns": [{"after": "shop", "code": "1723"}]}}}
    )
    prefilter = prefilter_of(lexicon)
    assert not prefilter.passes("Gondor shops close at midday.")
    assert prefilter.passes("Gondor strikers closed shops.")
    assert prefilter.passes("Gondor shops closed other shops.")


def test_lemma_in_a_pattern_matches_its_inflected_forms():
    lexicon = parse_lexicon({"verbs": {"send": {"patterns": [{"object": "troop", "code": "150"}]}}})
    prefilter = prefilter_of(lexicon)
    assert prefilter.passes("They sent troops north.")
    assert not prefilter.passes("They sent letters north.")


def test_added_forms_pass_alone():
    prefilter = prefilter_of(parse_lexicon({"verbs": {"vow": "030"}})) | frozenset({"killed"})
    assert prefilter.passes("Two were killed.")


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("A cease-fire held.", "fire"),
        ("They don't agree.", "don"),
        ("The U.N. met.", "u"),
        ("An F-16 flew.", "f-16"),
    ],
)
def test_sentence_words_split_as_the_parser_does(sentence, word):
    assert word in sentence_words(sentence)
