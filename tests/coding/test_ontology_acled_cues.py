"""ACLED sub-event rules that read the event's sentence (weapons, protests, territory), on
hand-built events, and the trigger entries that feed them, on parsed sentences."""

from __future__ import annotations

import pytest

from eventwire.coding.ontology import acled_for
from eventwire.coding.ontology.acled import has_phrase, words_of
from eventwire.model import Actor, Casualties, Event


def actor(code: str, text: str | None = None) -> Actor:
    country = code[:3] if code[:3] in {"SYR", "IRQ", "NGA", "AFG", "SOM"} else None
    sector = code[3:] if country else code
    return Actor(text=text or code, code=code, country=country, sector=sector or None)


def event(
    sentence: str,
    cameo_code: str | None,
    source: str | None = None,
    target: str | None = None,
    *,
    trigger: str = "x",
    target_text: str | None = None,
    killed: int | None = None,
    **fields,
) -> Event:
    return Event(
        event_id="e1",
        article_id="a1",
        sentence_index=0,
        sentence=sentence,
        trigger=trigger,
        trigger_start=0,
        trigger_end=1,
        cameo_code=cameo_code,
        source_actors=[actor(source)] if source else [],
        target_actors=[actor(target, target_text)] if target else [],
        killed=Casualties(best=killed) if killed else None,
        **fields,
    )


@pytest.mark.parametrize(
    ("words", "phrase", "expected"),
    [
        ("Two air-strikes hit the town", ("air", "strike"), True),
        ("Bomb squads defused it", ("defus*",), True),
        ("The mortars fell", ("mortar*",), True),
        ("The roads were closed", ("roadside", "bomb*"), False),
        ("protests that have rocked the city", ("rock",), False),
    ],
)
def test_cue_phrases_match_words_plurals_and_prefixes(words, phrase, expected):
    assert has_phrase(words_of(words), phrase) is expected


EXPLOSIONS = "Explosions/Remote violence"
SD = "Strategic developments"


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        # weapons named apart from the verb
        (
            event("Gunmen threw a grenade into the bus station, wounding six.", "190", "REB"),
            (EXPLOSIONS, "Grenade"),
        ),
        (
            event("Police fired stun grenades at the crowd.", "190", "COP", "CVL"),
            ("Violence against civilians", "Attack"),
        ),
        (
            event("Four herders died when their cart hit a landmine.", "190", killed=4),
            (EXPLOSIONS, "Remote explosive/landmine/IED"),
        ),
        (
            event("A suicide bomber killed nine worshippers at a mosque.", "190", "REB", "CVL"),
            (EXPLOSIONS, "Suicide bomb"),
        ),
        (
            event("Two attackers blew themselves up at the gate.", "183", "REB"),
            (EXPLOSIONS, "Suicide bomb"),
        ),
        (
            event("Government helicopters attacked the market, killing 12.", "190", killed=12),
            (EXPLOSIONS, "Air/drone strike"),
        ),
        (
            event("Mortar rounds hit a camp for displaced people.", "190", None, "CVL"),
            (EXPLOSIONS, "Shelling/artillery/missile attack"),
        ),
        (
            event("Residents said the barrel bombs released chlorine.", "194", "SYRMIL"),
            (EXPLOSIONS, "Chemical weapon"),
        ),
        (
            event("An explosion destroyed two trucks on the highway.", "1712"),
            (EXPLOSIONS, "Remote explosive/landmine/IED"),
        ),
        # a fight between two armed sides stays a clash whatever they fired
        (
            event("Troops clashed with rebels using mortars.", "193", "SYRMIL", "SYRREB"),
            ("Battles", "Armed clash"),
        ),
        # weapons found, seized or defused
        (
            event("Soldiers seized rifles and ammunition at a checkpoint.", "1711", "NGAMIL"),
            (SD, "Disrupted weapons use"),
        ),
        (
            event("A bomb disposal team defused an explosive device near the bridge.", "1833"),
            (SD, "Disrupted weapons use"),
        ),
        (
            event("Commandos destroyed a roadside bomb on the highway.", "1712", "AFGMIL"),
            (SD, "Disrupted weapons use"),
        ),
        (
            event("Rebels seized cattle from the village.", "1711", "REB"),
            (SD, "Looting/property destruction"),
        ),
        # sexual violence named in the sentence
        (
            event("Soldiers were accused of raping women in the camp.", "190", "MIL", "CVL"),
            ("Violence against civilians", "Sexual violence"),
        ),
    ],
)
def test_weapon_and_disruption_cues(ev, expected):
    assert acled_for(ev) == expected


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        (
            event("Police dispersed the marchers in the capital.", "175", "COP", "OPP"),
            ("Protests", "Protest with intervention"),
        ),
        (
            event("Police dispersed the marchers, killing two.", "175", "COP", "OPP", killed=2),
            ("Protests", "Excessive force against protesters"),
        ),
        (
            event("Soldiers brutally dispersed a sit-in.", "175", "MIL"),
            ("Protests", "Excessive force against protesters"),
        ),
        (
            event(
                "Troops beat students at the rally.",
                "182",
                "MIL",
                "OPP",
                target_text="students at the rally",
            ),
            ("Protests", "Excessive force against protesters"),
        ),
        (
            event(
                "Police arrested 40 demonstrators.",
                "173",
                "COP",
                "OPP",
                target_text="40 demonstrators",
            ),
            ("Protests", "Protest with intervention"),
        ),
        (
            event("Teachers marched on parliament; police fired tear gas.", "141", "EDU"),
            ("Protests", "Protest with intervention"),
        ),
        (
            event("Protesters torched a police station and threw stones.", "141", "OPP"),
            ("Riots", "Violent demonstration"),
        ),
        (
            event("Marchers clashed with police near the square.", "193", "OPP", "COP"),
            ("Riots", "Violent demonstration"),
        ),
        (
            event("Police fired tear gas at rioters.", "175", "COP", "OPP", target_text="rioters"),
            ("Riots", "Violent demonstration"),
        ),
        (
            event("An angry mob lynched a suspected thief.", "190", None, "CVL"),
            ("Riots", "Mob violence"),
        ),
        (
            event("Farmers rallied peacefully outside the ministry.", "141", "AGR"),
            ("Protests", "Peaceful protest"),
        ),
    ],
)
def test_protest_and_riot_cues(ev, expected):
    assert acled_for(ev) == expected


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        (
            event(
                "Rebels entered the town after troops withdrew from it.",
                "192",
                "SYRREB",
                plover_context=["territory"],
            ),
            (SD, "Non-violent transfer of territory"),
        ),
        (
            event(
                "Rebels entered the town after fierce clashes.",
                "192",
                "SYRREB",
                plover_context=["territory"],
            ),
            ("Battles", "Non-state actor overtakes territory"),
        ),
        (
            event(
                "Government troops pulled out of the border post overnight.",
                "0874",
                "SOMMIL",
                trigger="pulled",
            ),
            (SD, "Non-violent transfer of territory"),
        ),
        (
            event("Fifty fighters surrendered to the army.", "0874", "REB", trigger="surrendered"),
            None,
        ),
        (
            event(
                "Two insurgent camps were captured at the weekend.",
                "192",
                None,
                "REB",
                plover_context=["territory"],
            ),
            ("Battles", "Government regains territory"),
        ),
        (
            event(
                "An army outpost was overrun on Sunday.",
                "192",
                None,
                "SOMMIL",
                plover_context=["territory"],
            ),
            ("Battles", "Non-state actor overtakes territory"),
        ),
    ],
)
def test_territory_rules(ev, expected):
    assert acled_for(ev) == expected


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        (
            event("The army and the rebels agreed to a truce.", "030", "MIL", plover_type="AGREE"),
            (SD, "Agreement"),
        ),
        (
            event(
                "The militia freed 12 hostages in exchange for five of its fighters.",
                "0841",
                "REB",
                "CVL",
            ),
            (SD, "Agreement"),
        ),
        (
            event("The ministry released the report.", "0841", "GOV"),
            None,
        ),
        (
            event("Troops set up a new base near the border.", "154", "IRQMIL", trigger="set"),
            (SD, "Headquarters or base established"),
        ),
        (
            event("Troops deployed to the border.", "154", "IRQMIL", trigger="deployed"),
            (SD, "Change to group/activity"),
        ),
        (
            event(
                "Police raids to detain opposition members continued.",
                "190",
                "COP",
                trigger="raids",
            ),
            (SD, "Arrests"),
        ),
        (
            event("Police raids killed three suspects.", "190", "COP", trigger="raids", killed=3),
            ("Battles", "Armed clash"),
        ),
    ],
)
def test_strategic_development_rules(ev, expected):
    assert acled_for(ev) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peacekeepers set up a new base in the village of Marda.",
            "Headquarters or base established",
        ),
        (
            "The army established a military base near the river.",
            "Headquarters or base established",
        ),
        ("Police discovered three grenades and a pistol in a car.", "Disrupted weapons use"),
        ("Soldiers defused a bomb planted under the bridge.", "Disrupted weapons use"),
        ("Militants hurled a grenade at a police post in the town.", "Grenade"),
        (
            "The rebels retook the town of Kalma from the army.",
            "Non-state actor overtakes territory",
        ),
        (
            "Government forces established control over the district.",
            "Government regains territory",
        ),
        ("Gunmen stole livestock from herders in the district.", "Looting/property destruction"),
    ],
)
def test_sentences_get_their_acled_sub_type(text, expected):
    from eventwire.api import code_text
    from eventwire.evaluate import main_of

    events = [e for e in code_text(text) if e.acled_sub_event_type]
    main = main_of(events)
    assert main is not None and main.acled_sub_event_type == expected, [
        (e.trigger, e.cameo_code, e.acled_sub_event_type) for e in events
    ]
