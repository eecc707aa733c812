"""Natural hazards and accidents as the cause of a toll.

Deaths in an earthquake, a flood, a bus crash or an epidemic are not the toll of a conflict
event. A toll's cause is read from its clause (the subject of "killed", what people died "in",
the clause "when a ferry capsized", the noun a "which killed 12" describes); it is a hazard
when that names one and nothing violent: no attack word, weapon or perpetrator in it. Words
with a violent sense too are read in context: gunfire is no fire, "stormed" no storm, an
"outbreak of fighting" no epidemic, a crash after a shoot-down no accident.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: nouns that name a natural hazard, a disaster or an accident
HAZARD_NOUNS = frozenset(
    """earthquake quake aftershock tremor flood flooding floodwater deluge landslide landslip
    mudslide rockslide cyclone hurricane typhoon tsunami storm tornado avalanche volcano
    eruption drought famine heatwave wildfire bushfire blaze inferno epidemic pandemic outbreak
    cholera ebola measles malaria dengue disease covid virus crash collision derailment
    shipwreck stampede collapse rain rainfall downpour monsoon blizzard snowstorm lightning
    accident fire""".split()
)
#: verbs that tell an accident or a hazard when used without an object ("the ferry capsized")
HAZARD_VERBS = frozenset(
    "capsize derail collapse crash sink erupt flood collide overturn plunge".split()
)
#: words that make a cause violent: attacks, weapons, perpetrators, fighting
VIOLENCE_WORDS = frozenset(
    """attack strike airstrike raid ambush assault bomb bombing bomber shelling shell missile
    rocket mortar artillery drone grenade explosive ied gunfire gun gunman gunmen shooting
    shoot shot sniper militant rebel insurgent jihadist soldier troop army police
    fighter fighting clash violence war hostility combat battle offensive arson arsonist
    gunboat massacre gunship warplane jet crossfire terrorist""".split()
)
#: word forms that name a hazard in any sentence, read without a parse
_HAZARD_FORMS = re.compile(
    r"\b(earthquakes?|quakes?|aftershocks?|floods|flooding|floodwaters?|landslides?|mudslides?|"
    r"cyclones?|hurricanes?|typhoons?|tsunamis?|tornado(es)?|avalanches?|volcano(es)?|"
    r"eruptions?|droughts?|famine|heatwaves?|wildfires?|bushfires?|epidemics?|cholera|ebola|"
    r"stampedes?|shipwrecks?|derailments?|capsized)\b",
    re.IGNORECASE,
)
_FIRE_VERBS = frozenset("open return exchange trade come draw hold cease set start light".split())
_FIRE_MODIFIERS = frozenset(
    "gun heavy sniper artillery mortar enemy hostile friendly tank machine automatic".split()
)
_CAUSE_PREPS = frozenset(
    "in by during from after amid following as of due because with under".split()
)
_STRUCTURES = frozenset(
    """building bridge mine roof wall dam house home block tower school hospital factory
    hotel market stand stage ceiling structure tunnel""".split()
)
#: what blows up by accident, and where: "a gas explosion", "a boiler blast", "a fuel tanker
#: exploded", "an explosion at a fireworks factory", "a blast in a coal mine"
ACCIDENT_SOURCES = frozenset(
    """gas boiler cylinder pipeline tanker chemical firework fireworks methane coal colliery
    furnace reactor transformer fuel propane gasoline petrol refinery factory mill workshop
    kitchen accidental industrial""".split()
)
#: words that make an explosion an attack wherever they stand in its sentence
_ATTACK_WORDS = frozenset(
    """attack attacker strike airstrike drone missile rocket shelling shell mortar artillery
    bomb bombing bomber suicide explosive ied grenade militant insurgent jihadist terrorist
    terror sabotage saboteur gunman gunmen""".split()
)
_TOLL_NOUNS = frozenset("toll death fatality casualty injury dead wounded injured life".split())
_VICTIM_VERBS = frozenset({"die", "perish"})


def is_hazard(token: Token) -> bool:
    """Whether a word names a hazard or an accident in this sentence, and nothing violent."""
    lemma = token.lemma_.lower()
    if lemma in ("explosion", "blast", "explode"):
        return _accidental_explosion(token)
    if token.pos_ == "VERB" or token.pos_ == "AUX":
        if lemma not in HAZARD_VERBS or any(c.dep_ == "dobj" for c in token.children):
            return False  # "the navy sank a boat" is an act, "the boat sank" an accident
        if lemma == "collapse" and not _structure_subject(token):
            return False  # "talks collapsed"
        return not _violent_words(token, skip=())
    if token.pos_ not in ("NOUN", "PROPN") or lemma not in HAZARD_NOUNS:
        return False
    if token.pos_ == "PROPN" and lemma not in ("ebola", "covid") and not _named_storm(token):
        return False  # "Operation Desert Storm", a surname
    if lemma == "fire" and not _fire_is_blaze(token):
        return False
    if lemma == "collapse" and not _structure_of(token):
        return False  # "the collapse of the ceasefire"
    # "an outbreak of fighting", "the crash of a plane shot down by rebels"
    return not _violent_words(token, skip=())


def names_hazard(doc: Doc | list[Token], *, violent: Collection[int] = ()) -> bool:
    """Whether a sentence names a hazard outside its violent events' own words."""
    return any(is_hazard(t) and t.i not in violent for t in doc)


def mentions_hazard(text: str) -> bool:
    """Whether an unparsed sentence names a hazard by a word with no violent sense."""
    return bool(_HAZARD_FORMS.search(text))


def hazard_caused(cue: Token, *, violent: Collection[int] = ()) -> bool:
    """Whether a casualty word's clause gives a hazard as its cause and nothing violent:
    "floods killed 40", "died in a landslide", "killed when a ferry capsized", "the quake,
    which killed 12", "the earthquake's death toll". ``violent`` are the token indices of
    the sentence's violent event words other than casualty words (attack, shot, strike)."""
    causes = list(cause_tokens(cue))
    skip = {t.i for t in cue.subtree}
    hazard = False
    for cause, doer in causes:
        if cause.i in violent or _violent_words(cause, skip=skip, violent=violent):
            return False
        found = is_hazard(cause) or _hazard_subject(cause) or _hazard_name(cause)
        if doer and not found:
            return False  # "soldiers killed six during the flood": a perpetrator
        hazard = hazard or found
    return hazard


def hazard_doer(verb: Token) -> bool:
    """Whether an active verb's subject is a hazard: "an earthquake struck the region",
    "Cyclone Freddy battered the coast" (not "rebels struck during the storm")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    subjects = [_relative(c) for c in verb.children if c.dep_ == "nsubj"]
    return any(is_hazard(s) or _hazard_name(s) for s in subjects)


def has_cause(cue: Token) -> bool:
    """Whether a casualty word's clause names any cause or doer at all."""
    return any(True for _ in cause_tokens(cue))


def cause_tokens(cue: Token) -> Iterator[tuple[Token, bool]]:
    """The words a casualty word's clause gives as what killed or hurt: a subject that is
    not the victim, an agent, the object of "in", "from", "during" and the like, a clause of
    time or cause, the noun a relative clause describes, the clause a "killing" hangs from;
    each with whether it is the doer (a subject or agent)."""
    verb = cue
    if cue.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or cue.lemma_.lower() in _TOLL_NOUNS:
        for child in cue.children:
            if child.dep_ in ("compound", "poss", "nmod") and child.lemma_.lower() != "death":
                yield child, False  # "flood deaths", "the quake's toll"
            if child.dep_ == "prep" and child.lower_ in _CAUSE_PREPS - {"of"}:
                yield from ((o, False) for o in _objects(child))  # "the toll from the quake"
        if cue.head.i == cue.i or cue.head.pos_ not in ("VERB", "AUX"):
            return
        verb = cue.head  # "left 12 dead", "caused 40 deaths", "the toll rose"
    yield from _verb_causes(verb, victim=cue)


def _verb_causes(verb: Token, *, victim: Token) -> Iterator[tuple[Token, bool]]:
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    for child in verb.children:
        if child.i == victim.i:
            continue
        if child.dep_ == "nsubj" and lemma not in _VICTIM_VERBS and not passive:
            if child.lemma_.lower() not in _TOLL_NOUNS and child.pos_ != "NUM":
                yield _relative(child), True  # "floods killed 40", "the quake left 12 dead"
        elif child.dep_ == "agent":
            yield from ((o, True) for o in _objects(child))
        elif child.dep_ == "prep" and child.lower_ in _CAUSE_PREPS:
            yield from ((o, False) for o in _objects(child))
        elif child.dep_ == "advcl" and not _is_casualty(child):
            yield child, False  # "killed when a ferry capsized"
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        if not _is_casualty(verb.head):
            yield verb.head, True  # "a landslide that killed 12"
    elif verb.dep_ in ("advcl", "conj", "xcomp") and verb.tag_ == "VBG":
        head = verb.head  # "a storm lashed the coast, killing 12"
        if head.pos_ in ("VERB", "AUX") and not _is_casualty(head):
            yield head, True


def _objects(prep: Token) -> Iterator[Token]:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            yield child
            yield from child.conjuncts
        elif child.dep_ == "prep":  # "due to", "because of"
            yield from _objects(child)


def _relative(token: Token) -> Token:
    if token.lower_ in ("which", "that", "who") and token.head.dep_ in ("relcl", "acl"):
        return token.head.head
    return token


def _is_casualty(token: Token) -> bool:
    return token.lemma_.lower() in ("kill", "die", "injure", "wound", "hurt", "perish", "leave")


def _hazard_subject(token: Token) -> bool:
    """A clause whose subject is a hazard: "a landslide buried the village"."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and is_hazard(c) for c in token.children)


def _hazard_name(token: Token) -> bool:
    """ "Typhoon Kalmaegi", "Storm Daniel": a name whose title word is a hazard."""
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and is_hazard(c) for c in token.children
    )


def _violent_words(token: Token, *, skip: Collection[int], violent: Collection[int] = ()) -> bool:
    """Whether a phrase (the token and what hangs from it) names an attack, a weapon or a
    fighter, or holds one of the sentence's violent event words."""
    for t in token.subtree:
        if t.i in skip:
            continue
        if t.i in violent or t.lemma_.lower() in VIOLENCE_WORDS or t.lower_ in VIOLENCE_WORDS:
            return True
        if t.lemma_.lower() == "fire" and not _fire_is_blaze(t):
            return True
    return False


def _fire_is_blaze(token: Token) -> bool:
    """A fire that burns by accident, not one that is shot or set: not "opened fire", "came
    under fire", "fire from troops", "gunfire", "heavy fire", "set fire to the terminal"."""
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in _FIRE_VERBS:
        return False
    if token.dep_ == "pobj" and head.lower_ in ("under", "of", "with"):
        return False  # "under fire", "exchange of fire", "with fire"
    for child in token.children:
        lemma = child.lemma_.lower()
        if lemma in _FIRE_MODIFIERS or lemma in VIOLENCE_WORDS:
            return False
        if child.dep_ != "prep":
            continue
        objects = list(_objects(child))
        if child.lower_ == "on" or any(o.lemma_.lower() in VIOLENCE_WORDS for o in objects):
            return False  # "fire on protesters", "fire at troops"
        if child.lower_ == "from" and any(o.pos_ == "PROPN" for o in objects):
            return False  # "fire from Israel"
    return True


def _accidental_explosion(token: Token) -> bool:
    """ "A gas explosion", "a blast at a fireworks factory", "a fuel tanker exploded": what
    blew up, or where, is a thing that explodes by accident, and the sentence names no
    attack, weapon or attacker ("a bomb blast at a factory" is an attack)."""
    if any(t.lemma_.lower() in _ATTACK_WORDS or t.lower_ in _ATTACK_WORDS for t in token.sent):
        return False
    around: list[Token] = []
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "nsubj", "poss"):
            around.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("at", "in", "inside", "of"):
            around.extend(_objects(child))
    words = {w.lemma_.lower() for a in around for w in a.subtree}
    return not words.isdisjoint(ACCIDENT_SOURCES)


def _structure_subject(verb: Token) -> bool:
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _STRUCTURES for c in verb.children
    )


def _structure_of(noun: Token) -> bool:
    """ "a building collapse", "the collapse of a bridge"."""
    for child in noun.children:
        if child.dep_ in ("compound", "nmod") and child.lemma_.lower() in _STRUCTURES:
            return True
        if child.dep_ == "prep" and child.lower_ == "of":
            return any(o.lemma_.lower() in _STRUCTURES for o in _objects(child))
    return False


def _named_storm(token: Token) -> bool:
    """ "Storm Daniel", "Hurricane Ian", "Cyclone Freddy", "Typhoon Haiyan"."""
    lemma = token.lemma_.lower()
    if lemma not in ("storm", "hurricane", "cyclone", "typhoon"):
        return False
    return not any(c.lower_ in ("desert", "operation") for c in token.children) and (
        token.head.pos_ == "PROPN" or any(c.pos_ == "PROPN" for c in token.children)
    )
