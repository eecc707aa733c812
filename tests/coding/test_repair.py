"""Parse repairs on hand-built parses that copy the small model's mistakes."""

import pytest
from parse_helpers import parsed

from eventwire.coding.repair import repair_parse
from eventwire.coding.syntax import with_conjuncts
from eventwire.coding.triggers import not_a_form


def test_a_hanging_prefix_no_longer_ends_the_sentence():
    # "Rebels stormed a pro- Narnia rally": the parse ends a sentence at "pro-"
    doc = parsed(
        ["Rebels", "stormed", "a", "pro-", "Narnia", "rally", "."],
        [1, 1, 3, 1, 5, 5, 5],
        ["nsubj", "ROOT", "det", "dobj", "compound", "ROOT", "punct"],
        ["NOUN", "VERB", "DET", "NOUN", "PROPN", "NOUN", "PUNCT"],
    )
    repair_parse(doc)
    assert len(list(doc.sents)) == 1
    assert doc[5].head.i == 1 and doc[5].dep_ == "dobj"
    assert doc[3].head.i == 5 and doc[2].head.i == 5
    assert doc[6].head.i == 1


def test_a_determiner_after_the_conjunction_starts_the_second_conjunct():
    # "Lilliput and the mighty old Blefuscu signed": read as one modifier of Blefuscu
    doc = parsed(
        ["Lilliput", "and", "the", "mighty", "old", "Blefuscu", "signed"],
        [5, 0, 4, 4, 0, 6, 6],
        ["nmod", "cc", "det", "amod", "conj", "nsubj", "ROOT"],
        ["PROPN", "CCONJ", "DET", "ADJ", "NOUN", "PROPN", "VERB"],
    )
    repair_parse(doc)
    assert doc[0].dep_ == "nsubj" and doc[0].head.i == 6
    assert [t.text for t in with_conjuncts([doc[0]])] == ["Lilliput", "Blefuscu"]


def test_shared_modifiers_without_a_determiner_stay():
    # "the Lilliput and Blefuscu Navy": two names modifying one noun
    doc = parsed(
        ["the", "Lilliput", "and", "Blefuscu", "Navy", "sailed"],
        [4, 4, 1, 1, 5, 5],
        ["det", "compound", "cc", "conj", "nsubj", "ROOT"],
        ["DET", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB"],
    )
    repair_parse(doc)
    assert doc[4].dep_ == "nsubj" and doc[1].head.i == 4


def test_a_subject_read_as_a_compound_of_the_verb():
    # "Narnia vote on the motion", with "vote" a verb holding "Narnia" as a compound
    doc = parsed(
        ["Narnia", "vote", "on", "the", "motion"],
        [1, 1, 1, 4, 2],
        ["compound", "ROOT", "prep", "det", "pobj"],
        ["PROPN", "VERB", "ADP", "DET", "NOUN"],
        tags=["NNP", "VBP", "IN", "DT", "NN"],
    )
    repair_parse(doc)
    assert doc[0].dep_ == "nsubj"


def test_an_of_phrase_after_the_last_conjunct_belongs_to_it():
    # "Narnia's knights and archers of Archenland rode": the first conjunct has its owner
    doc = parsed(
        ["Narnia", "'s", "knights", "and", "archers", "of", "Archenland", "rode"],
        [2, 0, 7, 2, 2, 2, 5, 7],
        ["poss", "case", "nsubj", "cc", "conj", "prep", "pobj", "ROOT"],
        ["PROPN", "PART", "NOUN", "CCONJ", "NOUN", "ADP", "PROPN", "VERB"],
    )
    repair_parse(doc)
    assert doc[5].head.i == 4


def test_an_of_phrase_of_a_plain_coordination_stays():
    # "the kings and queens of Narnia": no owner on the first conjunct, "of" may be shared
    doc = parsed(
        ["the", "kings", "and", "queens", "of", "Narnia", "met"],
        [1, 6, 1, 1, 1, 4, 6],
        ["det", "nsubj", "cc", "conj", "prep", "pobj", "ROOT"],
        ["DET", "NOUN", "CCONJ", "NOUN", "ADP", "PROPN", "VERB"],
    )
    repair_parse(doc)
    assert doc[4].head.i == 1


def test_a_verb_with_an_es_it_never_takes_is_no_form_of_it():
    doc = parsed(
        ["Narnia", "retreates", "and", "fixes", "and", "goes"],
        [1, 1, 1, 1, 1, 1],
        ["nsubj", "ROOT", "cc", "conj", "cc", "conj"],
        ["PROPN", "VERB", "CCONJ", "VERB", "CCONJ", "VERB"],
        lemmas=["Narnia", "retreat", "and", "fix", "and", "go"],
    )
    assert [not_a_form(t) for t in doc] == [False, True, False, False, False, False]


def test_a_weekday_read_as_the_head_of_the_name_before_it():
    # "Gondor met with President Aragorn Tuesday": the day heads the name, the object of "with"
    doc = parsed(
        ["Gondor", "met", "with", "President", "Aragorn", "Tuesday", "."],
        [1, 1, 1, 4, 5, 2, 1],
        ["nsubj", "ROOT", "prep", "compound", "compound", "pobj", "punct"],
        ["PROPN", "VERB", "ADP", "PROPN", "PROPN", "PROPN", "PUNCT"],
    )
    repair_parse(doc)
    assert doc[4].dep_ == "pobj" and doc[4].head.i == 2
    assert doc[3].head.i == 4
    assert doc[5].dep_ == "npadvmod" and doc[5].head.i == 1


def test_a_weekday_modifying_the_verb_gives_the_name_its_missing_role():
    # "Aragorn Tuesday accused Mordor": the name read as a compound of the day
    doc = parsed(
        ["Aragorn", "Tuesday", "accused", "Mordor"],
        [1, 2, 2, 2],
        ["compound", "npadvmod", "ROOT", "dobj"],
        ["PROPN", "PROPN", "VERB", "PROPN"],
    )
    repair_parse(doc)
    assert doc[0].dep_ == "nsubj" and doc[0].head.i == 2
    # "Aragorn met Faramir Monday": the object after the verb
    doc = parsed(
        ["Aragorn", "met", "Faramir", "Monday"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "compound", "npadvmod"],
        ["PROPN", "VERB", "PROPN", "PROPN"],
    )
    repair_parse(doc)
    assert doc[2].dep_ == "dobj" and doc[2].head.i == 1
    assert doc[3].head.i == 1


def test_a_weekday_after_a_preposition_gives_it_its_object():
    # "Aragorn met in Osgiliath Monday": the name is the object "in" lacks
    doc = parsed(
        ["Aragorn", "met", "in", "Osgiliath", "Monday"],
        [1, 1, 1, 4, 1],
        ["nsubj", "ROOT", "prep", "compound", "npadvmod"],
        ["PROPN", "VERB", "ADP", "PROPN", "PROPN"],
    )
    repair_parse(doc)
    assert doc[3].dep_ == "pobj" and doc[3].head.i == 2


def test_a_weekday_after_a_filled_role_stays():
    # "Aragorn met Faramir Gondor Monday": the verb has its object already
    doc = parsed(
        ["Aragorn", "met", "Faramir", "Gondor", "Monday"],
        [1, 1, 1, 4, 1],
        ["nsubj", "ROOT", "dobj", "compound", "npadvmod"],
        ["PROPN", "VERB", "PROPN", "PROPN", "PROPN"],
    )
    repair_parse(doc)
    assert doc[3].dep_ == "compound" and doc[3].head.i == 4


def test_a_main_verb_read_as_a_modifier_of_its_subject():
    # "The Gondor army carried out strikes.": the noun the root, the verb its modifier
    doc = parsed(
        ["The", "Gondor", "army", "carried", "out", "strikes", "."],
        [2, 2, 2, 2, 3, 3, 2],
        ["det", "compound", "ROOT", "acl", "prt", "dobj", "punct"],
        ["DET", "PROPN", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"],
        tags=["DT", "NNP", "NN", "VBD", "RP", "NNS", "."],
    )
    repair_parse(doc)
    assert doc[3].dep_ == "ROOT" and doc[3].head.i == 3
    assert doc[2].dep_ == "nsubj" and doc[2].head.i == 3
    assert doc[6].head.i == 3


def test_a_participle_without_an_object_still_modifies():
    # "Soldiers killed in the attack.": a headline's noun phrase, no clause
    doc = parsed(
        ["Soldiers", "killed", "in", "the", "attack", "."],
        [0, 0, 1, 4, 2, 0],
        ["ROOT", "acl", "prep", "det", "pobj", "punct"],
        ["NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
        tags=["NNS", "VBN", "IN", "DT", "NN", "."],
    )
    repair_parse(doc)
    assert doc[0].dep_ == "ROOT" and doc[1].dep_ == "acl"


def test_a_verb_written_with_a_prefix_takes_the_prefix_s_place():
    # "Police re-arrested the activist.": "re" the root with the subject, the verb its conjunct
    doc = parsed(
        ["Police", "re", "-", "arrested", "the", "activist", "."],
        [1, 1, 1, 1, 5, 3, 1],
        ["nsubj", "ROOT", "advcl", "conj", "det", "dobj", "punct"],
        ["NOUN", "VERB", "VERB", "VERB", "DET", "NOUN", "PUNCT"],
        tags=["NNS", "VB", "VB", "VBD", "DT", "NN", "."],
        spaces=[True, False, False, True, True, False, False],
    )
    repair_parse(doc)
    assert doc[3].dep_ == "ROOT" and doc[3].head.i == 3
    assert doc[0].dep_ == "nsubj" and doc[0].head.i == 3
    assert doc[1].head.i == 3 and doc[2].head.i == 3 and doc[6].head.i == 3


def test_a_prefix_set_apart_by_spaces_stays():
    # "re - arrested" with spaces is no prefixed verb
    doc = parsed(
        ["Police", "re", "-", "arrested", "him", "."],
        [1, 1, 1, 1, 3, 1],
        ["nsubj", "ROOT", "punct", "conj", "dobj", "punct"],
        ["NOUN", "VERB", "PUNCT", "VERB", "PRON", "PUNCT"],
        tags=["NNS", "VB", ":", "VBD", "PRP", "."],
    )
    repair_parse(doc)
    assert doc[1].dep_ == "ROOT" and doc[0].head.i == 1


def test_a_noun_in_ing_after_its_modifier_is_the_object():
    # "Three were killed in Gondor artillery shelling.": "shelling" read as a clause
    words = ["Three", "were", "killed", "in", "Gondor", "artillery", "shelling", "."]
    doc = parsed(
        words,
        [2, 2, 2, 2, 5, 3, 2, 2],
        ["nsubjpass", "auxpass", "ROOT", "prep", "amod", "pobj", "advcl", "punct"],
        ["NUM", "AUX", "VERB", "ADP", "ADJ", "NOUN", "VERB", "PUNCT"],
        tags=["CD", "VBD", "VBN", "IN", "JJ", "NN", "VBG", "."],
    )
    repair_parse(doc)
    assert doc[6].dep_ == "pobj" and doc[6].head.i == 3 and doc[6].pos_ == "NOUN"
    assert doc[5].dep_ == "compound" and doc[5].head.i == 6
    assert doc[4].head.i == 5  # the nationality stays on the weapon


@pytest.mark.parametrize(
    ("noun", "child"),
    [("square", None), ("artillery", ("dobj", "slogans"))],
)
def test_an_ing_clause_after_a_place_or_with_an_object_stays(noun, child):
    # "arrested in the square protesting", "killed in artillery firing slogans"
    words = ["Many", "were", "arrested", "in", "the", noun, "protesting"]
    heads = [2, 2, 2, 2, 5, 3, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "advcl"]
    pos = ["ADJ", "AUX", "VERB", "ADP", "DET", "NOUN", "VERB"]
    tags = ["JJ", "VBD", "VBN", "IN", "DT", "NN", "VBG"]
    if child:
        words, heads, deps = words + [child[1]], heads + [6], deps + [child[0]]
        pos, tags = pos + ["NOUN"], tags + ["NNS"]
    doc = parsed(words, heads, deps, pos, tags=tags)
    repair_parse(doc)
    assert doc[6].dep_ == "advcl" and doc[6].pos_ == "VERB"


def _returned(to_head, to_pos):
    # "Gondor returned a sculpture of the king to Rohan": the parser hangs "to Rohan" on
    # ``to_head`` (the object "sculpture", its "king", or a verb inside the object)
    words = ["Gondor", "returned", "a", "sculpture", "of", "the", "king", "to", "Rohan"]
    heads = [1, 1, 3, 1, 3, 6, 4, to_head, 7]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "prep", "pobj"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN"]
    if to_pos:
        pos[to_head] = to_pos
    return parsed(words, heads, deps, pos, lemmas=[w.lower() for w in words[:1]] + [
        "return", "a", "sculpture", "of", "the", "king", "to", "Rohan"])  # fmt: skip


def test_the_recipient_of_handing_over_hung_inside_the_object_is_the_verb_s():
    doc = repair_parse(_returned(6, None))
    assert doc[7].head.i == 1 and doc[7].dep_ == "prep"


def test_a_to_phrase_of_a_verb_inside_the_object_stays():
    doc = repair_parse(_returned(6, "VERB"))  # "skulls that date back to ..."
    assert doc[7].head.i == 6


def test_the_one_wanted_to_act_is_the_object_not_the_infinitive_s_subject():
    # "Gondor wants Rohan to attack Mordor": parsed with "Rohan" the subject of "attack"
    words = ["Gondor", "wants", "Rohan", "to", "attack", "Mordor"]
    doc = parsed(
        words,
        [1, 1, 4, 4, 1, 4],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN"],
        lemmas=["Gondor", "want", "Rohan", "to", "attack", "Mordor"],
    )
    repair_parse(doc)
    assert doc[2].head.i == 1 and doc[2].dep_ == "dobj"
    assert doc[4].dep_ == "xcomp" and doc[5].head.i == 4
