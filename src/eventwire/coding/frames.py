"""From trigger matches to event frames: roles, embedding (speech, threats, demands), merging.

A frame is one candidate event inside a sentence, still made of spaCy tokens. The extractor
turns frames into Event records once actors are coded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from .arguments import light_verb_of, noun_subjects, targets_of, verb_subjects
from .hazards import hazard_caused, hazard_doer, is_hazard
from .lexicon import Lexicon
from .modality import Modality, modality_of
from .syntax import is_infinitive, is_toll_clause
from .triggers import TriggerMatch, find_triggers, objects_of, prep_objects

EMBEDDING_KINDS = frozenset(
    {"speech", "threat", "demand", "appeal", "intent", "reject", "deny", "comment", "agent"}
)
#: roles of a noun, which an "-ing" form in them plays ("defeat due to Russian hacking")
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "parataxis", "nsubjpass", "acl"})
#: auxiliaries of an obligation a speaker lays on another ("Y must halt"): a demand
OBLIGATION_AUX = frozenset({"must", "should"})
CASUALTY_LEMMAS = frozenset({"kill", "wound", "injure", "hurt", "leave", "slay", "die"})
GENERIC_SPEECH_CODES = frozenset({"010", "020", "030", "100", "120", "130", "016"})
GENERIC_CODES = frozenset({"190", "180", "170", "183", "010", "040"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})
#: prepositions of an instrument's own target ("evidence against X", "a ban imposed on X")
INSTRUMENT_TARGETS = ("against", "on", "to", "for")

# What an embedded event asks, offers, threatens or refuses, by its code.
_CATEGORY_BY_CODE = {
    "0841": "release",
    "084": "release",
    "080": "release",
    "0871": "deescalate",
    "0874": "deescalate",
    "087": "deescalate",
    "0873": "deescalate",
    "040": "meet",
    "042": "meet",
    "043": "meet",
    "046": "meet",
    "036": "meet",
    "070": "aid",
    "071": "aid",
    "072": "aid",
    "073": "aid",
    "057": "settle",
    "045": "mediate",
    "085": "ease_sanctions",
    "161": "cut_ties",
    "162": "cut_aid",
    "163": "sanction",
    "164": "halt_talks",
}
_CODES_BY_CATEGORY: dict[str, dict[str, str]] = {
    "release": {"appeal": "0253", "demand": "1053", "intent": "0353", "reject": "1243"},
    "deescalate": {"appeal": "0256", "demand": "1056", "intent": "0356", "reject": "1246"},
    "meet": {"appeal": "026", "demand": "106", "intent": "036", "reject": "125"},
    "aid": {"appeal": "023", "demand": "103", "intent": "033", "reject": "122"},
    "settle": {"appeal": "027", "demand": "107", "intent": "037", "reject": "127"},
    "mediate": {"appeal": "028", "demand": "108", "intent": "039", "reject": "126"},
    "ease_sanctions": {"appeal": "0254", "demand": "1054", "intent": "0354", "reject": "1244"},
    "cooperate": {"appeal": "021", "demand": "101", "intent": "031", "reject": "121"},
    "yield": {"appeal": "025", "demand": "105", "intent": "035", "reject": "124"},
    "violence": {"threat": "138"},
    "occupy": {"threat": "1382"},
    "mobilize": {"threat": "138"},
    "repress": {"threat": "137"},
    "sanction": {"threat": "1312"},
    "cut_aid": {"threat": "1311"},
    "cut_ties": {"threat": "1313"},
    "halt_talks": {"threat": "134"},
    "protest": {"threat": "133"},
}
_GENERIC_BY_KIND = {
    "threat": "130",
    "demand": "100",
    "appeal": "020",
    "intent": "030",
    "reject": "120",
}


def category_of(code: str) -> str | None:
    if code in _CATEGORY_BY_CODE:
        return _CATEGORY_BY_CODE[code]
    root = code[:2]
    if code.startswith("192"):
        return "occupy"
    if root in VIOLENT_ROOTS:
        return "violence"
    if root == "15":
        return "mobilize"
    if root == "17":
        return "repress"
    if root == "14":
        return "protest"
    if root == "06":
        return "cooperate"
    if root == "08":
        return "yield"
    return None


def embedded_code(kind: str, code: str, *, lemma: str) -> str | None:
    """The code of a speech act that embeds an event with ``code`` (threaten to attack -> 138)."""
    category = category_of(code)
    codes = _CODES_BY_CATEGORY.get(category or "", {})
    if kind == "threat" and lemma in ("vow", "pledge", "promise") and "threat" not in codes:
        return codes.get("intent", "030")
    if kind == "intent" and "threat" in codes and category in ("violence", "occupy"):
        return codes["threat"]  # "vowed / pledged to strike back" is a threat
    return codes.get(kind, _GENERIC_BY_KIND.get(kind))


@dataclass(slots=True, eq=False)
class Frame:
    token: Token
    match: TriggerMatch
    code: str | None
    mode: str | None
    context: tuple[str, ...]
    is_noun: bool
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    speaker: Token | None = None
    anchor: Token | None = None  # the token whose modality counts (a light verb for nouns)
    modality: Modality = field(default_factory=Modality)
    dropped: bool = False

    @property
    def depth(self) -> int:
        """How far the trigger (or its light verb) sits below the sentence root."""
        return sum(1 for _ in (self.anchor or self.token).ancestors)

    @property
    def root(self) -> str | None:
        return self.code[:2] if self.code else None

    @property
    def kind(self) -> str | None:
        return self.match.reading.kind

    @property
    def lemma(self) -> str:
        return self.match.trigger.lemma


def _in_subtree(token: Token, top: Token) -> bool:
    return token.i == top.i or any(a.i == top.i for a in token.ancestors)


def _complements(token: Token) -> list[Token]:
    comps = [c for c in token.children if c.dep_ in COMPLEMENT_DEPS]
    comps += prep_objects(token, ("for", "of", "to", "with", "on"))
    return comps


def _specific(a: Frame, b: Frame) -> str | None:
    """The more specific of two codes for the same happening."""
    if a.code is None:
        return b.code
    if b.code is None:
        return a.code
    if a.code in GENERIC_CODES and b.code not in GENERIC_CODES:
        return b.code
    if len(b.code) > len(a.code) and b.code.startswith(a.code):
        return b.code
    return a.code


def _absorb(keep: Frame, gone: Frame) -> None:
    keep.code = _specific(keep, gone)
    keep.mode = keep.mode or gone.mode
    keep.context = tuple(dict.fromkeys(keep.context + gone.context))
    keep.sources = keep.sources or [s for s in gone.sources if s.i != keep.token.i]
    keep.targets = keep.targets or [t for t in gone.targets if t.i != keep.token.i]
    keep.speaker = keep.speaker or gone.speaker
    gone.dropped = True


def build_frames(doc: Doc, lexicon: Lexicon) -> list[Frame]:
    """All event frames of one parsed sentence, after embedding and merging."""
    matches = list(find_triggers(doc, lexicon))
    light = {m.token.i for m in matches if m.reading.kind == "light" and m.reading.code is None}
    # a frame with a kind but no code (e.g. "want") becomes an event only by embedding one
    frames = [
        Frame(
            token=m.token,
            match=m,
            code=m.reading.code,
            mode=m.reading.mode,
            context=m.reading.context,
            is_noun=m.trigger.pos == "NOUN",
        )
        for m in matches
        if m.reading.code is not None or m.reading.kind in EMBEDDING_KINDS
    ]
    by_token = {f.token.i: f for f in frames}
    for f in frames:
        _assign_roles(f, lexicon, light, by_token)
    _drop_hazard_tolls(frames)
    _merge_same_happening(frames, by_token)
    for f in frames:
        if not f.dropped:
            f.modality = modality_of(f.anchor or f.token)
    _embed(frames)
    _drop_bare_statements(frames)
    _obligations_as_demands(frames)
    return [f for f in frames if not f.dropped]


def _is_violent(frame: Frame) -> bool:
    return frame.root in VIOLENT_ROOTS or (frame.code or "").startswith(("175", "145"))


def violent_words(frames: list[Frame]) -> set[int]:
    """Token indices of a sentence's violent event words other than casualty words."""
    return {f.token.i for f in frames if _is_violent(f) and f.lemma not in CASUALTY_LEMMAS}


def _drop_hazard_tolls(frames: list[Frame]) -> None:
    """ "Floods killed 40", "died when a ferry capsized", "an earthquake struck the region":
    a toll whose cause is a natural hazard or an accident and nothing violent, or a blow
    a hazard deals, is no violent event."""
    for f in frames:
        if _is_violent(f) and f.lemma not in CASUALTY_LEMMAS:
            # "a gas explosion", "a fuel tanker exploded"; "an earthquake struck the region"
            f.dropped = is_hazard(f.token) or (not f.is_noun and hazard_doer(f.token))
    violent = violent_words([f for f in frames if not f.dropped])
    for f in frames:
        if _is_violent(f) and f.lemma in CASUALTY_LEMMAS:
            f.dropped = hazard_caused(f.token, violent=violent)


def _obligations_as_demands(frames: list[Frame]) -> None:
    """ "X said Y must (should) halt the offensive": no act of Y's but X's demand of Y (CAMEO
    10), as PETRARCH codes it. Only a named or nominal obligee other than the speaker: "X
    said it must respond" is X's own intent, left as it is. A statement of an obligation with
    no event word under it ("said the government must ensure security") is a demand (100)."""
    for f in frames:
        anchor = f.anchor or f.token
        if f.dropped or f.speaker is None or f.code is None or f.is_noun or f.kind is not None:
            continue
        if f.modality.negated or not _obliged(anchor):
            continue
        obligees = _named_subjects(f.sources)
        code = embedded_code("demand", f.code, lemma="")
        if not obligees or f.speaker in obligees or code is None:
            continue
        f.code, f.mode = code, None
        f.sources, f.targets = [f.speaker], obligees
        f.modality = replace(f.modality, hypothetical=False)
    for f in frames:
        if f.dropped or f.kind != "speech" or f.code != "010" or f.modality.negated:
            continue
        for clause in f.token.children:
            if clause.dep_ != "ccomp" or not _obliged(clause):
                continue
            obligees = _named_subjects(clause.children)
            if obligees and not set(obligees) & set(f.sources):
                f.code, f.targets = "100", obligees
                break


def _obliged(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children)


def _named_subjects(tokens: Iterable[Token]) -> list[Token]:
    """The active subjects among ``tokens`` that are names or nouns (no pronouns)."""
    return [t for t in tokens if t.dep_ == "nsubj" and t.pos_ in ("PROPN", "NOUN")]


def _drop_bare_statements(frames: list[Frame]) -> None:
    """A plain "X said" is an event only when its sentence reports nothing else; otherwise it
    lends its subject to the sentence's events as their speaker."""
    live = [f for f in frames if not f.dropped]
    statements = [f for f in live if f.kind == "speech" and f.code == "010"]
    others = [f for f in live if f not in statements]
    if not statements or not others:
        return
    speaker = next((s.sources[0] for s in statements if s.sources), None)
    for f in others:
        f.speaker = f.speaker or speaker
    for s in statements:
        s.dropped = True


def _assign_roles(f: Frame, lexicon: Lexicon, light: set[int], by_token: dict[int, Frame]) -> None:
    reading = f.match.reading
    preps = reading.targets if reading.targets is not None else lexicon.default_targets
    if f.is_noun:
        # "launched a mediation effort": the effort noun stands in the clause for the trigger
        stand_in = f.token.head if f.token.dep_ == "compound" else f.token
        # "the release of prisoners": the of-phrase of a return or release is its target
        of_root = None if (f.code or "").startswith("084") else f.root
        f.sources = noun_subjects(f.token, of_root) or noun_subjects(stand_in, of_root)
        verb = light_verb_of(stand_in)
        speech = verb is not None and verb.i in by_token and by_token[verb.i].kind == "speech"
        if verb is not None and (verb.i in light or verb.i not in by_token or speech):
            f.anchor = verb
            if verb.i in light or speech:
                # "X began its offensive": the possessive pronoun is the light verb's subject
                if all(s.lower_ in POSSESSIVE_PRONOUNS for s in f.sources):
                    f.sources = verb_subjects(verb) or f.sources
                f.targets = [
                    t
                    for t in targets_of(verb, is_noun=False, root=f.root, preps=preps)
                    if t.i not in (f.token.i, stand_in.i)
                ]
        f.targets = f.targets + targets_of(stand_in, is_noun=True, root=of_root, preps=preps)
    else:
        f.sources = verb_subjects(f.token)
        if not f.sources and f.match.trigger.pos == "ADJ" and f.token.dep_ == "acomp":
            f.sources = verb_subjects(f.token.head)  # "X was critical of Y": the copula's
        if not f.sources and f.token.tag_ == "VBG" and f.token.dep_ in NOMINAL_DEPS:
            f.sources = noun_subjects(f.token, f.root)  # "blamed Russian hacking": a noun
        f.targets = targets_of(f.token, is_noun=False, root=f.root, preps=preps)
        if reading.instrument:  # "sent troops", "imposed sanctions": the object is no target
            f.targets = [t for t in f.targets if t.dep_ not in ("dobj", "nsubjpass", "conj")]
            # "presented evidence against Russia", "lifted a ban imposed on X": the
            # instrument's own target
            for obj in objects_of(f.token):
                f.targets += prep_objects(obj, INSTRUMENT_TARGETS)
                for clause in obj.children:
                    if clause.dep_ in ("acl", "relcl") and clause.tag_ == "VBN":
                        f.targets += prep_objects(clause, INSTRUMENT_TARGETS)
        if reading.reverse:  # "received weapons from X"; "received assurances from X"
            givers = prep_objects(f.token, ("from",))
            givers = givers or [g for o in objects_of(f.token) for g in prep_objects(o, ("from",))]
            f.sources, f.targets = givers, f.sources
    # an event noun as subject or object is the same happening, not an actor
    f.sources = _unique([s for s in f.sources if s.i not in by_token or s.i == f.token.i])
    if f.root in VIOLENT_ROOTS or f.root == "17":
        f.targets = [t for t in f.targets if t.i not in by_token]
    source_ids = {s.i for s in f.sources}
    f.targets = _unique([t for t in f.targets if t.i not in source_ids and t.i != f.token.i])


def _unique(tokens: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in tokens:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _merge_same_happening(frames: list[Frame], by_token: dict[int, Frame]) -> None:
    """Drop topics and descriptions that are not events; merge what names one act twice."""
    for f in frames:
        # "concern about a deal", "the status of negotiations": a cooperative topic, not an event
        if f.is_noun and f.root and f.root < "09" and f.token.dep_ in ("pobj", "appos"):
            f.dropped = True
            continue
        # "the threat", "a statement": a verbal act as a bare noun needs a verb to happen
        if (
            f.is_noun
            and f.root
            and f.root < "14"
            and f.anchor is None
            and f.token.dep_ not in ("nsubj", "nsubjpass", "ROOT")
            and not any(c.dep_ in ("acl", "relcl", "prep") for c in f.token.children)
        ):
            f.dropped = True
            continue
        # "forces backed by Russia": a cooperative participle describes, it does not report
        if not f.is_noun and f.token.dep_ == "acl" and f.root and f.root < "09":
            f.dropped = True
            continue
        head = by_token.get(f.token.head.i)
        if head is None or head is f or f.dropped or head.kind in EMBEDDING_KINDS:
            continue
        # "ceased military operations": what is halted did not happen
        if f.is_noun and head.code and head.code.startswith("087"):
            f.dropped = True
        # "imposed sanctions", "signed a deal": the object names the same act
        if f.is_noun and f.token.dep_ in ("dobj", "nsubjpass") and f.root == head.root:
            _absorb(head, f)
        # "discussed the ceasefire", "welcomed the deal": a cooperative topic, not an event
        elif f.is_noun and f.root and f.root < "09" and f.token.dep_ == "dobj":
            f.dropped = True
        # "met ... to discuss": the purpose of a meeting is the meeting
        elif f.root == head.root == "04" and f.token.dep_ in ("advcl", "xcomp", "conj"):
            _absorb(head, f)
    _merge_violence(frames, by_token)


MERGE_DEPS = frozenset(
    {"advcl", "conj", "relcl", "acl", "advmod", "npadvmod", "aux", "dep", "amod", "compound"}
)


def _path(token: Token, top: Token) -> list[Token]:
    """The tokens from ``token`` up to (not including) ``top``."""
    out = []
    while token.i != top.i and token.head.i != token.i:
        out.append(token)
        token = token.head
    return out


def _merge_violence(frames: list[Frame], by_token: dict[int, Frame]) -> None:
    """One happening told by several violent words becomes one event: "an attack killed 13 and
    wounded 45", "killed in an air strike", "attacked ..., killing six". The event keeps the
    most telling word (the attack, not "killed") and the top clause's verb as its anchor."""
    violent = [
        f
        for f in frames
        if not f.dropped and (f.root in VIOLENT_ROOTS or (f.code or "").startswith(("175", "145")))
    ]
    parent = {id(f): f for f in violent}

    def find(f: Frame) -> Frame:
        while parent[id(f)] is not f:
            f = parent[id(f)]
        return f

    def union(a: Frame, b: Frame) -> None:
        parent[id(find(b))] = find(a)

    purposes: set[int] = set()

    for f in violent:
        t = f.token
        for c in t.children:
            cand = by_token.get(c.i)
            if cand in violent and c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                union(f, cand)
        for pobj in prep_objects(t, ("in", "during", "by", "after", "amid")):
            cand = by_token.get(pobj.i)
            if cand in violent:
                union(f, cand)
        if f.lemma in CASUALTY_LEMMAS:
            # "rebel shelling of the district killed two": the happening names its toll
            for subject in (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")):
                for tok in subject.subtree:
                    cand = by_token.get(tok.i)
                    if cand in violent and not any(
                        a.dep_ in ("relcl", "advcl", "ccomp") for a in _path(tok, subject)
                    ):
                        union(f, cand)
        head = by_token.get(t.head.i)
        if (
            head in violent
            and head is not f
            and t.dep_ in MERGE_DEPS
            and (f.lemma in CASUALTY_LEMMAS or head.lemma in CASUALTY_LEMMAS)
            and not _own_happening(t, by_token)
        ):
            union(head, f)
        elif (
            head in violent
            and head.root == f.root
            and t.dep_ in ("advcl", "xcomp")
            and is_infinitive(t)
        ):
            union(head, f)  # "fired tear gas to disperse the crowd": one act, told by its aim
            purposes.add(id(f))
        elif (
            f.lemma in CASUALTY_LEMMAS
            and head is None
            and (t.dep_ in ("conj", "oprd", "acomp") or t.dep_ == "advcl" and t.tag_ == "VBG")
        ):
            # "left 17 dead and 30 injured", "fired to break up a rally, killing two": climb a
            # word or two to the violent clause
            up = t.head
            # "carried out air strikes ..., killing seven": the light verb stands for its noun
            lit = next((v for v in violent if v.anchor is not None and v.anchor.i == up.i), None)
            if lit is not None and lit.is_noun:
                union(lit, f)
            for _ in range(0 if lit is not None and lit.is_noun else 2):
                if up.head.i == up.i:
                    break
                up = up.head
                cand = by_token.get(up.i)
                if cand in violent:
                    union(cand, f)
                    break
        if f.lemma in CASUALTY_LEMMAS:
            # "killed 11 people, among them a councillor, in an attack on a bar"
            for tok in t.subtree:
                cand = by_token.get(tok.i)
                if (
                    cand in violent
                    and cand is not f
                    and tok.dep_ == "pobj"
                    and tok.head.lower_ in ("in", "during")
                    and not any(a.dep_ in ("relcl", "advcl", "ccomp") for a in _path(tok, t))
                ):
                    union(f, cand)
    groups: dict[int, list[Frame]] = {}
    for f in violent:
        groups.setdefault(id(find(f)), []).append(f)
    _join_bare_tolls(groups, union)
    groups = {}
    for f in violent:
        groups.setdefault(id(find(f)), []).append(f)
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda m: m.depth)
        top = members[0]
        nouns = [m for m in members if m.is_noun and m.lemma not in CASUALTY_LEMMAS]
        aims = [m for m in members if id(m) in purposes]
        acts = [m for m in members if not _bare_toll(m)]
        if nouns or aims:
            keep = (nouns or aims)[0]
        else:
            keep = top if not _bare_toll(top) or not acts else acts[0]
        if top is not keep:
            keep.anchor = top.anchor or top.token
        for gone in members:
            if gone is not keep:
                _absorb(keep, gone)


def _happenings(token: Token, by_token: dict[int, Frame]) -> list[Frame]:
    """The event nouns a clause names as its own cause: its subject ("a second bomb wounded")
    or what it happened in ("killed ... in a separate gunfight")."""
    heads = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads += prep_objects(token, ("in", "during", "by"))
    return [by_token[t.i] for t in heads if t.i in by_token and by_token[t.i].is_noun]


def _own_happening(token: Token, by_token: dict[int, Frame]) -> bool:
    """Whether a clause and the clause it hangs from each name their own happening: "a car
    bomb killed five, and a second bomb wounded 14"; "an officer was wounded in a grenade
    attack, while troops killed two militants in a separate gunfight"."""
    found = _happenings(token, by_token)
    if not found:
        return False
    subject = any(f.token.dep_ in ("nsubj", "nsubjpass") for f in found)
    return (token.dep_ == "conj" and subject) or any(
        f not in found for f in _happenings(token.head, by_token)
    )


def _bare_toll(frame: Frame) -> bool:
    """A clause that only tells who died or was hurt ("nine people were killed")."""
    return not frame.is_noun and is_toll_clause(frame.token)


def _join_bare_tolls(groups: dict[int, list[Frame]], union: Callable[[Frame, Frame], None]) -> None:
    """ "Forces clashed with protesters; nine people were killed": a bare toll is the toll of
    the sentence's other violent happening (the one highest in the parse), not an event."""
    for members in list(groups.values()):
        if not all(_bare_toll(m) for m in members):
            continue
        others = [f for g in groups.values() if g is not members for f in g if not _bare_toll(f)]
        if others:
            union(min(others, key=lambda f: (f.depth, f.token.i)), members[0])


def is_bare_toll_only(frames: list[Frame]) -> bool:
    """Whether a sentence's frames only tell a toll, as in "Two officers were wounded." after
    the sentence that told the shootout; such a toll belongs to the event told before."""
    return bool(frames) and all(
        _bare_toll(f) and not (m.historical or m.future or m.hypothetical)
        for f in frames
        for m in [f.modality]
    )


def _embed(frames: list[Frame]) -> None:
    """Speech, threats, demands, offers and refusals take the events in their complement."""
    live = [f for f in frames if not f.dropped]
    for outer in live:
        if outer.kind not in EMBEDDING_KINDS or outer.dropped:
            continue
        comps = _complements(outer.token)
        inner = [
            f
            for f in live
            if f is not outer and not f.dropped and any(_in_subtree(f.token, c) for c in comps)
        ]
        # "X attacked Y, the ministry said": the speech verb hangs off the event
        if outer.kind == "speech" and outer.token.dep_ in ("parataxis", "ccomp") and not inner:
            head = next((f for f in live if f.token.i == outer.token.head.i), None)
            if head is not None:
                inner = [head]
        if not inner:
            continue
        speaker = outer.sources[0] if outer.sources else None
        if outer.kind == "speech":
            for f in inner:
                f.speaker = f.speaker or speaker
                # "Obama and Putin said they will attack": the pronoun is the speakers
                if f.sources and all(s.pos_ == "PRON" for s in f.sources) and outer.sources:
                    f.sources = list(outer.sources)
            outer.dropped = True
        elif outer.kind == "deny":
            for f in inner:
                f.modality.negated = True
                f.speaker = f.speaker or speaker
        elif outer.kind == "agent":  # "X was responsible for the killings": X's acts
            for f in inner:
                f.sources = f.sources or list(outer.sources)
            outer.dropped = True
        elif outer.kind == "comment":
            # "claimed responsibility for the attack": the claimant is the attack's source;
            # "concern about the talks": the topic is dropped
            for f in inner:
                if f.root and f.root < "09":
                    f.dropped = True
                elif not f.sources and outer.code == "015":
                    f.sources = list(outer.sources)
        else:
            first = inner[0]
            code = embedded_code(outer.kind, first.code or "", lemma=outer.lemma)
            if code and (outer.code is None or outer.code in GENERIC_SPEECH_CODES):
                outer.code = code
            outer.targets = outer.targets or first.targets or first.sources
            if outer.kind == "threat":
                outer.modality.hypothetical = (
                    outer.modality.hypothetical or outer.lemma == "threaten"
                )
                outer.modality.future = outer.modality.future or first.modality.future
            outer.mode = outer.mode or first.mode
            for f in inner:
                f.dropped = True
