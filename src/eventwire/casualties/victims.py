"""Who the dead and wounded were: military (armed forces, police and other armed personnel,
including fighters of armed groups) or civilian, from the nouns of the victim phrase."""

from __future__ import annotations

MILITARY = frozenset(
    """soldier trooper troop serviceman servicemen servicewoman personnel officer policeman
    policemen policewoman police gendarme guard guardsman militant fighter rebel insurgent
    jihadist combatant militiaman militiamen militia paramilitary marine sailor airman pilot
    commander army force military recruit conscript peacekeeper sergeant colonel lieutenant
    captain corporal cadet gunman gunmen attacker assailant terrorist extremist
    mercenary sniper bodyguard ranger commando infantryman reservist volunteer
    legionnaire special-forces agent""".split()
)
CIVILIAN = frozenset(
    """civilian child children kid woman women villager resident worshipper student pupil
    schoolchild schoolchildren farmer passerby passer-by passersby bystander pedestrian shopper
    journalist reporter photographer cameraman aid doctor nurse medic paramedic teacher pilgrim
    refugee migrant protester protestor demonstrator boy girl baby infant toddler teenager
    patient commuter passenger miner worker fisherman fishermen herder herdsman herdsmen trader
    vendor tourist mourner guest voter driver family relative elder chief imam priest pastor
    monk nun wedding-goer spectator fan civil servant employee staff volunteer-worker engineer
    contractor labourer laborer inmate prisoner detainee hostage motorist
    traveller traveler""".split()
)

#: victims that are no people ("seven million animals were slaughtered", "killed 10,000 birds")
ANIMALS = frozenset(
    """animal hog pig swine chicken poultry bird flock duck goose cattle cow sheep goat
    livestock horse camel dog cat deer fish whale dolphin mink bat rat""".split()
)


def are_animals(words: list[str]) -> bool:
    """Whether the lemmas of one victim phrase name animals, not people."""
    lower = {w.lower() for w in words}
    return not lower.isdisjoint(ANIMALS) and lower.isdisjoint(MILITARY | CIVILIAN)


def victim_class(words: list[str]) -> str | None:
    """'military', 'civilian' or None for the lemmas of one victim phrase ("members of the
    security forces" -> military; "two women" -> civilian; "six people" -> None)."""
    military = civilian = False
    for word in words:
        w = word.lower()
        if w in MILITARY:
            military = True
        elif w in CIVILIAN:
            civilian = True
    if military and not civilian:
        return "military"
    if civilian and not military:
        return "civilian"
    return None
