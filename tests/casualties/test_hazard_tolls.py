"""Tolls of natural hazards and accidents are not the tolls of conflict events: a disaster toll
codes no violent event and joins none told nearby; violence during a disaster stays violence."""

from datetime import date

import pytest

import eventwire
from eventwire.casualties import is_violent


def coded(text):
    events = eventwire.code_text(text, published=date(2025, 4, 10))
    return [(e.trigger, e.killed.best if e.killed else None) for e in events if is_violent(e)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the violent event keeps its own toll; the quake's toll is not its toll
        (
            "Myanmar's military carried out air strikes on villages hours after Friday's massive "
            "earthquake, killing at least seven people, resistance groups said, as rescuers dug "
            "through the rubble in Mandalay and the death toll passed 1,600.",
            [("strikes", 7)],
        ),
        # a bare toll after a disaster is told codes no event, and the running total joins none
        (
            "Aid trucks crossed into Syria after the earthquakes. The White Helmets said more than "
            "2,200 people had died and at least 12,400 were injured. Across Turkey and Syria, the "
            "death toll passed 37,000.",
            [],
        ),
        # a disaster toll told after an attack does not join it
        (
            "Rebels attacked an army post near Beni on Tuesday, killing three soldiers. "
            "Separately, at least 40 people died in floods in South Kivu.",
            [("attacked", 3)],
        ),
        (
            "Police fired on protesters in Dhaka on Sunday, killing four. Twenty people were "
            "killed when a ferry capsized on the Meghna river.",
            [("fired", 4)],
        ),
        ("A bus crash killed 23 people near Kano on Monday.", []),
        ("The cholera outbreak has killed 300 people, health officials said.", []),
        ("Heavy rains triggered a landslide that killed 12 people in the Swat valley.", []),
        ("Typhoon Kalmaegi killed at least 40 people in the central Philippines.", []),
        # a blow a hazard deals is no attack, and the toll told after it is its own
        (
            "An earthquake struck the region on Monday. On Tuesday, gunmen killed three "
            "villagers in a nearby district. Twelve people were injured.",
            [("killed", 3)],
        ),
        (
            "Cyclone Freddy battered the coast of Mozambique on Saturday. Nine people were killed.",
            [],
        ),
        ("A powerful storm hit the Philippines on Friday, killing 20 people.", []),
        ("A fire at Karachi's Gul Plaza shopping centre killed 14 people on Sunday.", []),
        # an explosion is an accident when what blew up, or where, explodes by accident ...
        ("A gas explosion killed four people in an apartment block in Cairo on Tuesday.", []),
        ("An explosion at a fireworks factory in Tamil Nadu killed eight workers.", []),
        ("A fuel tanker exploded on a highway near Lagos, killing 12 people.", []),
        ("A blast in a coal mine in Balochistan killed 11 miners.", []),
        # ... and the sentence names no attack, weapon or attacker
        ("A bomb explosion at a factory in Quetta killed three workers.", [("explosion", 3)]),
        ("An explosion killed five soldiers in Kandahar.", [("explosion", 5)]),
        (
            "A suicide bomber blew himself up at a gas station in Kabul, killing six.",
            [("blew", 6)],
        ),
        # ambiguous words: gunfire, storming, an outbreak of fighting, a plane shot down
        ("Gunfire killed two soldiers on the border.", [("killed", 2)]),
        ("Troops directed heavy fire at the rebels, killing nine.", [("fire", 9)]),
        (
            "Insurgents stormed a police station in Borno on Friday, killing five officers.",
            [("stormed", 5)],
        ),
        ("An outbreak of fighting in the town killed 14 people on Saturday.", [("fighting", 14)]),
        (
            "A military helicopter crashed after it was shot down by rebels, killing all 12 "
            "soldiers on board.",
            [("shot", 12)],
        ),
        # violence by people during a disaster stays violence, with its own toll
        (
            "Soldiers opened fire on villagers fleeing the flood waters, killing six people.",
            [("opened", 6)],
        ),
        (
            "Insurgents ambushed an aid convoy during the floods in Borno on Friday, killing four "
            "soldiers. Nineteen people died in the same floods.",
            [("ambushed", 4)],
        ),
    ],
)
def test_hazard_tolls_stay_off_violent_events(text, expected):
    assert coded(text) == expected
