"""Coordinated actors become dyadic events (one source, one target), as CAMEO coders write."""

import pytest

from eventwire.coding.extract import dyadic
from eventwire.model import Actor, Event, event_id_for


def actor(code, start):
    return Actor(text=code, code=code, country=code[:3], start=start, end=start + 5)


def event(code, sources, targets):
    return Event(
        event_id=event_id_for("a", 30, code),
        article_id="a",
        sentence_index=0,
        sentence="s",
        trigger="t",
        trigger_start=30,
        trigger_end=34,
        cameo_code=code,
        source_actors=sources,
        target_actors=targets,
    )


def dyads_of(events):
    return [
        (
            e.source_actors[0].code if e.source_actors else None,
            e.target_actors[0].code if e.target_actors else None,
        )
        for e in events
    ]


def replace_code(a, code):
    a.code = code
    return a


def test_parties_meeting_act_on_one_another():
    parties = [actor("FRA", 0), actor("DEU", 8), actor("ITA", 16)]
    out = dyadic([event("040", parties, [])])
    assert sorted(dyads_of(out)) == sorted(
        (s, t) for s in ("FRA", "DEU", "ITA") for t in ("FRA", "DEU", "ITA") if s != t
    )
    assert len({e.event_id for e in out}) == 6


def test_joint_attackers_each_act_on_the_target():
    out = dyadic([event("190", [actor("RUS", 0), actor("SYR", 8)], [actor("TUR", 40)])])
    assert dyads_of(out) == [("RUS", "TUR"), ("SYR", "TUR")]


@pytest.mark.parametrize("code", ["190", "010", "112"])
def test_parties_acting_together_on_no_one_are_not_paired_outside_cooperation(code):
    out = dyadic([event(code, [actor("KEN", 0), actor("UGA", 8)], [])])
    assert dyads_of(out) == [("KEN", None), ("UGA", None)]


def test_one_party_with_two_codes_does_not_meet_itself():
    person = [actor("USAMIL", 0), replace_code(actor("USAMIL", 0), "USAELI")]
    out = dyadic([event("040", person, [])])
    assert dyads_of(out) == [("USAMIL", None), ("USAELI", None)]


def test_a_dyad_keeps_its_id_and_split_ids_are_stable():
    single = event("042", [actor("USA", 0)], [actor("CHN", 20)])
    assert dyadic([single])[0].event_id == single.event_id
    group = [actor("BRA", 0), actor("USA", 10)]
    first = [e.event_id for e in dyadic([event("050", group, [])])]
    again = [e.event_id for e in dyadic([event("050", group, [])])]
    assert first == again and single.event_id not in first
    assert all(
        e.sentence == "s" and e.trigger_start == 30 for e in dyadic([event("050", group, [])])
    )
