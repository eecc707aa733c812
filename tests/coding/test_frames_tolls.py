"""Violent frames and the clauses that tell their tolls: one happening told twice is one
event; two happenings in one sentence stay two."""

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from eventwire.coding.frames import build_frames
from eventwire.coding.lexicon import builtin_lexicon
from eventwire.coding.syntax import is_toll_clause


def violent(nlp, text):
    found = build_frames(nlp(text), builtin_lexicon())
    return [f for f in found if f.root in ("14", "17", "18", "19", "20")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a bare toll clause is the toll of the sentence's happening, not an event of its own
        ("Soldiers clashed with smugglers near the border on Sunday; four people were killed.",
         "clashed"),
        ("Three policemen were wounded when militants attacked a checkpoint near Quetta.",
         "attacked"),
        # "fired water cannon to disperse": one act, told by its aim
        ("Police fired water cannon to disperse a crowd of students, injuring seven.",
         "disperse"),
        # a casualty participle hanging from a verb that is no event
        ("Troops opened fire to break up a march by miners, killing three.", "opened"),
    ],
)  # fmt: skip
def test_a_toll_clause_joins_its_happening(nlp, text, trigger):
    found = violent(nlp, text)
    assert [f.token.text for f in found if f.root != "14"] == [trigger]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "triggers"),
    [
        ("A roadside bomb killed two police officers in Kandahar, and a second bomb wounded six "
         "civilians in Kabul.", ["bomb", "bomb"]),
        ("A soldier was injured in a mortar attack on the base, while police killed three "
         "gunmen in a separate shootout.", ["attack", "shootout"]),
    ],
)  # fmt: skip
def test_clauses_naming_their_own_happenings_stay_apart(nlp, text, triggers):
    assert [f.token.text for f in violent(nlp, text)] == triggers


@pytest.mark.model
def test_a_violent_word_inside_the_subject_names_the_same_happening(nlp):
    (frame,) = violent(nlp, "Army shelling of the camp killed five refugees.")
    assert frame.code == "194"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "bare"),
    [
        ("Nine people were killed.", "killed", True),
        ("Nobody was hurt.", "hurt", True),
        ("Twelve miners died.", "died", True),
        ("One man was shot dead.", "shot", True),
        ("Officials put the toll at 19, with 52 people wounded.", "wounded", True),
        ("Nine people were killed by gunmen.", "killed", False),
        ("Rebels killed 12 soldiers.", "killed", False),
        ("Police shot a suspect.", "shot", False),
    ],
)
def test_is_toll_clause(nlp, text, word, bare):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert is_toll_clause(token) is bare


def test_a_misparsed_passive_with_no_subject_is_still_a_toll_clause():
    # "Between 20 and 30 miners were killed" with "Between" read as a subordinator
    doc = Doc(
        English().vocab,
        words=["Between", "20", "and", "30", "miners", "were", "killed"],
        heads=[6, 4, 1, 1, 0, 6, 6],
        deps=["mark", "nummod", "cc", "conj", "pobj", "auxpass", "ROOT"],
        pos=["SCONJ", "NUM", "CCONJ", "NUM", "NOUN", "AUX", "VERB"],
        lemmas=["between", "20", "and", "30", "miner", "be", "kill"],
    )
    assert is_toll_clause(doc[6])


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("Floods killed 40 people in the east.", True),
        ("Nine people died when a building collapsed in Lagos.", True),
        ("A fire at a market in Lagos killed nine traders.", True),
        ("Militants killed 40 people during the floods.", False),
        ("Nine people died when the building collapsed after an air strike.", False),
        ("Soldiers opened fire on the crowd, killing nine.", False),
        ("An outbreak of violence killed 14 people.", False),
    ],
)
def test_hazard_caused_reads_the_cause_of_a_toll(nlp, text, hazard):
    from eventwire.coding.frames import violent_words
    from eventwire.coding.hazards import hazard_caused

    doc = nlp(text)
    frames = build_frames(doc, builtin_lexicon())
    cue = next(t for t in doc if t.lemma_ in ("kill", "die"))
    frames_ids = violent_words(frames) if frames else set()
    assert hazard_caused(cue, violent=frames_ids) is hazard
