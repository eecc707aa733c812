"""Casualty counts: the number parser, the stage on hand-built documents, and the gold gate."""

from __future__ import annotations

from datetime import date

import pytest
from dates_casualties_helpers import GOLD, build_document, document_from_gold
from hypothesis import given
from hypothesis import strategies as st
from spacy.lang.en import English
from spacy.tokens import Doc

from eventwire.casualties import (
    MAX_NUMBER,
    CasualtyCounter,
    Quantity,
    is_violent,
    parse_number,
    parse_quantity,
)
from eventwire.casualties.tolls import find_counts
from eventwire.model import Event
from eventwire.scoring.dates_casualties import load_gold, match_event, score_dates_casualties
from eventwire.when import Dater


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one", 1),
        ("seventeen", 17),
        ("twenty-three", 23),
        ("twenty three", 23),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("three thousand five hundred", 3500),
        ("1,200", 1200),
        ("1.5 million", 1_500_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("soldiers", None),
        ("", None),
        ("9" * 5000, MAX_NUMBER),
        ("ten billion billion", MAX_NUMBER),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "best", "low", "high"),
    [
        ("13 Turkish soldiers", 13, 13, 13),
        ("a civilian", 1, 1, 1),
        ("at least 20 people", 20, 20, None),
        ("more than 100", 100, 100, None),
        ("between 5 and 10 villagers", 5, 5, 10),
        ("5-10 people", 5, 5, 10),
        ("five or six soldiers", 5, 5, 6),
        ("nearly 50 people", 50, None, 50),
        ("up to 30", 30, None, 30),
        ("about 300", 300, None, None),
        ("some 5,000 people", 5000, None, None),
        ("dozens of protesters", 12, 12, 99),
        ("scores of fighters", 20, 20, 99),
        ("hundreds", 100, 100, 999),
        ("thousands of protesters", 1000, 1000, 9999),
        ("tens of thousands", 10_000, 10_000, 99_999),
        ("several others", 3, 3, 9),
        ("a few", 3, 3, 5),
        ("his two sons", 2, 2, 2),
    ],
)
def test_parse_quantity(text, best, low, high):
    parsed = parse_quantity(text)
    assert parsed is not None
    quantity, _ = parsed
    assert (quantity.best, quantity.low, quantity.high) == (best, low, high)


def test_parse_quantity_marks_additions():
    quantity, _ = parse_quantity("another 5 people")
    assert quantity == Quantity(5, 5, 5, additive=True)


@pytest.mark.parametrize("text", ["soldiers", "a number of soldiers", "the town", ""])
def test_parse_quantity_needs_a_count(text):
    parsed = parse_quantity(text)
    assert parsed is None or parsed[0].best == 1  # "a number": the stage rejects it on plurals


@given(st.text(max_size=80))
def test_number_parsers_never_crash(text):
    value = parse_number(text)
    assert value is None or 0 <= value <= MAX_NUMBER
    parsed = parse_quantity(text)
    assert parsed is None or 0 <= parsed[0].best <= MAX_NUMBER


@pytest.mark.parametrize(
    ("cameo", "plover", "violent"),
    [("190", None, True), ("183", None, True), ("1451", None, True), ("175", None, True),
     ("150", "MOBILIZE", False), ("141", "PROTEST", False), ("173", "COERCE", False),
     (None, "ASSAULT", True)],
)  # fmt: skip
def test_is_violent(cameo, plover, violent):
    event = Event("e", "a", 0, "", "t", 0, 1, cameo_code=cameo, plover_type=plover)
    assert is_violent(event) is violent


def _count(nlp, text, *events, published=date(2020, 2, 12)):
    doc = build_document(
        text,
        nlp,
        published=published,
        events=[
            {"trigger": t, "cameo_code": c, "occurrence": n}
            for t, c, n in (e if len(e) == 3 else (*e, 1) for e in events)
        ],
    )
    return CasualtyCounter()(doc).events


def _best(value):
    return None if value is None else value.best


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "killed", "injured"),
    [
        ("An attack by Syrian forces killed 13 Turkish soldiers and a civilian and wounded 45 "
         "others.", "attack", 14, 45),
        ("The blast killed six people, including two women, and wounded at least 20 others.",
         "blast", 6, 20),
        ("At least 13 members of the security forces were killed in the ambush.", "ambush", 13,
         None),
        ("Militants stormed a checkpoint, killing two police officers and injuring three.",
         "stormed", 2, 3),
        ("The attack, which left 13 dead, was claimed by the group.", "attack", 13, None),
        ("Clashes left three dead and 12 injured.", "Clashes", 3, 12),
        ("No one was hurt in the explosion, police said.", "explosion", 0, 0),
        ("Two rockets landed in the Green Zone without causing casualties.", "landed", 0, 0),
        ("There were no immediate reports of casualties from the strike.", "strike", None, None),
        ("The war has killed more than 400,000 people since 2011.", "war", None, None),
        ("Fighting has killed 1,500 people so far this year.", "Fighting", None, None),
    ],
)  # fmt: skip
def test_tolls_attach_to_the_violent_event(nlp, text, trigger, killed, injured):
    (event,) = _count(nlp, text, (trigger, "190"))
    assert (_best(event.killed), _best(event.injured)) == (killed, injured)


@pytest.mark.model
def test_toll_breaks_down_military_and_civilian(nlp):
    (event,) = _count(nlp, "Rebels killed 13 Turkish soldiers and a civilian.", ("killed", "190"))
    assert (event.killed.military, event.killed.civilian) == (13, 1)


@pytest.mark.model
def test_toll_never_goes_to_a_non_violent_event(nlp):
    text = "Turkey sent more troops to Idlib after an attack killed 13 Turkish soldiers."
    sent, attack = _count(nlp, text, ("sent", "152"), ("attack", "190"))
    assert sent.killed is None
    assert _best(attack.killed) == 13
    (alone,) = _count(nlp, "Turkey sent troops after 13 soldiers were killed.", ("sent", "152"))
    assert alone.killed is None


@pytest.mark.model
def test_tolls_go_to_their_own_events(nlp):
    text = (
        "A drone strike in Hodeidah on Monday killed seven fighters; another strike on Tuesday "
        "killed two civilians."
    )
    first, second = _count(nlp, text, ("strike", "195", 1), ("strike", "195", 2))
    assert (_best(first.killed), _best(second.killed)) == (7, 2)


@pytest.mark.model
def test_repeated_toll_is_not_added_up(nlp):
    text = "Another five people died in hospital, bringing the toll from the attack to 32."
    (attack,) = _count(nlp, text, ("attack", "190"))
    assert _best(attack.killed) == 32


@pytest.mark.model
def test_toll_in_the_next_sentence_joins_the_single_event(nlp):
    text = (
        "Militants ambushed a convoy on Monday, killing 24 soldiers. "
        "Seventeen assailants were also killed."
    )
    (event,) = _count(nlp, text, ("ambushed", "190"))
    assert _best(event.killed) == 41


@pytest.mark.model
def test_bare_toll_goes_to_the_highest_event_of_its_sentence(nlp):
    text = "Gunmen abducted 30 pupils after attacking their school; two teachers were killed."
    abducted, attacking = _count(nlp, text, ("abducted", "181"), ("attacking", "190"))
    assert (_best(abducted.killed), attacking.killed) == (2, None)


@pytest.mark.model
@pytest.mark.parametrize(
    ("second", "killed", "injured"),
    [
        ("Nobody was hurt.", 0, 0),
        ("There were no deaths, police said.", 0, None),
        ("Two guards also lost their lives.", 2, None),
    ],
)
def test_bare_toll_in_the_next_sentence_goes_to_the_main_event(nlp, second, killed, injured):
    text = f"Militants stormed a gold mine near Kidal and kidnapped 12 workers. {second}"
    stormed, kidnapped = _count(nlp, text, ("stormed", "190"), ("kidnapped", "181"))
    assert (_best(stormed.killed), _best(stormed.injured)) == (killed, injured)
    assert (kidnapped.killed, kidnapped.injured) == (None, None)


@pytest.mark.model
@pytest.mark.parametrize(
    "second",
    [
        "Eleven villagers had died in a similar raid on the town.",
        "Forty people died there in 2019.",
        "Dozens of herders have died in such attacks.",
    ],
)
def test_a_background_toll_does_not_join_the_event_before(nlp, second):
    text = f"Bandits attacked a village near Gusau on Tuesday. {second}"
    (attacked,) = _count(nlp, text, ("attacked", "190"))
    assert attacked.killed is None


@pytest.mark.model
def test_no_casualties_reported_reaches_the_event_before(nlp):
    text = "Rebels shelled the airport in Goma on Monday. No casualties were reported."
    shelled, _ = _count(nlp, text, ("shelled", "194"), ("reported", "010"))
    assert (_best(shelled.killed), _best(shelled.injured)) == (0, 0)


@pytest.mark.model
def test_a_zero_for_some_victims_does_not_go_to_another_event(nlp):
    text = (
        "Insurgents attacked an army base, but troops repulsed them and killed nine fighters. "
        "No soldier was killed."
    )
    attacked, repulsed = _count(nlp, text, ("attacked", "190"), ("repulsed", "190"))
    assert (attacked.killed, _best(repulsed.killed)) == (None, 9)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "best", "high"),
    [
        ("Eleven soldiers and an unknown number of insurgents died in the battle.", "battle", 11,
         11),
        ("Between 20 and 30 miners were killed when gunmen raided the camp.", "raided", 20, 30),
    ],
)  # fmt: skip
def test_counts_that_are_no_count_or_a_range(nlp, text, trigger, best, high):
    (event,) = _count(nlp, text, (trigger, "190"))
    assert (event.killed.best, event.killed.high) == (best, high)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "killed", "injured"),
    [
        ("The air strike killed a family of six in Rafah.", "strike", 6, None),
        ("The blast killed four people and wounded around 25, medics said.", "blast", 4, 25),
        ("Police and smugglers traded fire near Ruma on Friday night, leaving one officer dead "
         "and three others wounded.", "fire", 1, 3),
        # animals are no casualties
        ("Rebels attacked the village and killed 10 cows and two farmers.", "attacked", 2, None),
        ("Gunmen attacked a farm near Gao, killing 300 chickens.", "attacked", None, None),
    ],
)  # fmt: skip
def test_collective_and_approximate_counts(nlp, text, trigger, killed, injured):
    (event,) = _count(nlp, text, (trigger, "190"))
    assert (_best(event.killed), _best(event.injured)) == (killed, injured)


def _parsed(words, heads, deps, pos, lemmas):
    return Doc(English().vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_no_with_a_noun_subject_is_a_zero():
    doc = _parsed(
        ["No", "soldier", "was", "killed"],
        [1, 3, 3, 3],
        ["det", "nsubjpass", "auxpass", "ROOT"],
        ["DET", "NOUN", "AUX", "VERB"],
        ["no", "soldier", "be", "kill"],
    )
    (count,) = find_counts(doc)
    assert (count.kind, count.quantity.best) == ("killed", 0)


def test_misparsed_counts_are_still_read():
    # "a second strike killed three herders nearby" with "herders" hung under "nearby"
    stray = _parsed(
        ["strike", "killed", "three", "herders", "nearby"],
        [1, 1, 3, 4, 1],
        ["nsubj", "ROOT", "nummod", "npadvmod", "advmod"],
        ["NOUN", "VERB", "NUM", "NOUN", "ADV"],
        ["strike", "kill", "three", "herder", "nearby"],
    )
    # "Between 8 and 15 fishermen were killed" with "Between" read as a subordinator
    between = _parsed(
        ["Between", "8", "and", "15", "fishermen", "were", "killed"],
        [6, 4, 1, 1, 0, 6, 6],
        ["mark", "nummod", "cc", "conj", "pobj", "auxpass", "ROOT"],
        ["SCONJ", "NUM", "CCONJ", "NUM", "NOUN", "AUX", "VERB"],
        ["between", "8", "and", "15", "fisherman", "be", "kill"],
    )
    (first,) = find_counts(stray)
    (second,) = find_counts(between)
    assert first.quantity.best == 3
    assert (second.quantity.best, second.quantity.high) == (8, 15)


def test_shot_dead_with_dead_hung_on_the_victims():
    # "Gunmen shot dead two policemen" with "dead" read as an adjective of "policemen"
    doc = _parsed(
        ["Gunmen", "shot", "dead", "two", "policemen"],
        [1, 1, 4, 4, 1],
        ["nsubj", "ROOT", "amod", "nummod", "dobj"],
        ["NOUN", "VERB", "ADJ", "NUM", "NOUN"],
        ["gunman", "shoot", "dead", "two", "policeman"],
    )
    (count,) = find_counts(doc)
    assert (count.kind, count.quantity.best, count.cue.text) == ("killed", 2, "shot")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Gunmen attacked a police post in Kunduz on Friday. Three officers died.", 3, None),
        ("A bomb exploded at a bus stop in Kano on Monday, wounding nine people. Nobody died.",
         0, 9),
        ("Soldiers clashed with smugglers near the border on Sunday; four people were killed.",
         4, None),
    ],
)  # fmt: skip
def test_a_toll_told_apart_reaches_its_event_end_to_end(text, killed, injured):
    from eventwire import code_text

    (event,) = [e for e in code_text(text, published=date(2024, 5, 8)) if is_violent(e)]
    assert (_best(event.killed), _best(event.injured)) == (killed, injured)


def test_a_non_violent_gold_event_never_stands_for_a_violent_one():
    text = "Police fired tear gas at thousands of protesters."
    record = {"id": "r", "text": text}
    fired = Event("e1", "r", 0, text, "fired", 7, 12, cameo_code="175")
    protest = {"trigger": "protesters", "cameo_code": "141"}
    assert match_event(record, protest, [fired]) is None
    assert match_event(record, {"trigger": "gas", "cameo_code": "175"}, [fired]) is fired


@pytest.mark.model
def test_arrests_and_crowd_size(nlp):
    text = "At least 40 people were arrested during the protest, which drew tens of thousands."
    arrest, protest = _count(nlp, text, ("arrested", "173"), ("protest", "141"))
    assert (arrest.arrested, arrest.killed) == (40, None)
    assert protest.size == 10_000
    (march,) = _count(nlp, "Thousands of protesters marched on Saturday.", ("marched", "141"))
    assert march.size == 1000


@pytest.mark.model
def test_unparsed_sentence_is_left_alone(nlp):
    doc = build_document("Rebels killed 12 soldiers.", nlp, events=[{"trigger": "killed"}])
    doc.sentences[0].doc = None
    (event,) = CasualtyCounter()(doc).events
    assert event.killed is None


# Floors: measured on the gold file with events put on the gold triggers by hand
# (tests/dates_casualties_helpers.py); see the closing note of the issue for the figures.
HAND_FLOORS = {
    "killed_best_exact": 0.99,
    "injured_best_exact": 0.99,
    "toll_range_coverage": 0.99,
    "date_exact": 0.97,
    "date_within_1_day": 0.97,
    "date_and_precision": 0.96,
    "deadline_exact": 0.95,
    "historical_accuracy": 0.98,
}


@pytest.mark.model
def test_gold_gate_on_hand_built_events(nlp):
    gold = load_gold(GOLD)
    assert len(gold) >= 150
    predicted = {}
    for record in gold:
        doc = CasualtyCounter()(Dater()(document_from_gold(record, nlp)))
        predicted[record["id"]] = doc.events
    scores = score_dates_casualties(gold, predicted)
    assert scores["event_recall"] == 1.0
    assert scores["nonviolent_tolls"] == 0
    for metric, floor in HAND_FLOORS.items():
        assert scores[metric] >= floor, (metric, scores[metric], scores["misses"])


# Floors for the full pipeline (eval gate): a change that lowers a score fails.
END_TO_END_FLOORS = {
    "event_recall": 0.92,
    "killed_best_exact": 0.97,
    "injured_best_exact": 0.99,
    "toll_range_coverage": 0.98,
    "date_exact": 0.95,
    "deadline_exact": 0.95,
    "historical_accuracy": 0.97,
}


@pytest.mark.model
@pytest.mark.slow
def test_gold_gate_end_to_end():
    from eventwire.evaluate import code_records

    gold = load_gold(GOLD)
    predicted = code_records(gold)
    scores = score_dates_casualties(gold, predicted)
    assert scores["nonviolent_tolls"] == 0
    for metric, floor in END_TO_END_FLOORS.items():
        assert (scores[metric] or 0.0) >= floor, (metric, scores[metric])


@pytest.mark.model
def test_summed_counts_are_clamped_like_each_count():
    """Regression (found by the fuzz test): two clamped counts added up past MAX_NUMBER."""
    import eventwire

    for event in eventwire.code_text("999999999999999999999 # killed killed Turkish attacked"):
        for tally in (event.killed, event.injured):
            if tally is not None:
                assert all(
                    v is None or 0 <= v <= MAX_NUMBER
                    for v in (tally.best, tally.low, tally.high, tally.military, tally.civilian)
                )
