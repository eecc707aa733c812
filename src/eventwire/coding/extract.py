"""The extraction stage: parsed sentences in, Event records with coded actors out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Actor, Event, event_id_for
from ..pipeline import Document, Sentence
from .arguments import noun_subjects, verb_subjects
from .frames import (
    VIOLENT_ROOTS,
    Frame,
    build_frames,
    embedded_code,
    is_bare_toll_only,
    violent_words,
)
from .hazards import mentions_hazard, names_hazard
from .lexicon import Lexicon, builtin_lexicon
from .repair import repair_parse

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..actors import ActorCoder, DocumentActors
    from ..dictionaries import DiscardMatcher
    from .prefilter import Prefilter

SCHEDULING_VERBS = frozenset({"schedule", "expect", "set", "slate"})
TIME_WORDS = frozenset({"before", "after", "since", "following", "until"})
CLAUSE_DEPS = frozenset({"ROOT", "advcl", "ccomp", "xcomp", "conj", "relcl", "acl", "parataxis"})
#: CAMEO roots of acts done together: coordinated parties with no other party named act on
#: one another ("A, B and C met": A->B, A->C, B->A, ...), as PETRARCH codes them.
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})
#: Future coercion by a known actor is a threat (PLOVER THREATEN), not the act itself.
FUTURE_AS_THREAT = {"18": "138", "19": "138", "20": "138", "17": "137", "16": "131"}


@dataclass(slots=True)
class Extractor:
    """Stage ``extract``: find triggers, their roles and flags, and code the actors."""

    lexicon: Lexicon
    actors: ActorCoder
    name: str = "extract"
    discards: DiscardMatcher | None = None  # phrases that keep a sentence or story uncoded
    _prefilter: Prefilter | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, *, dictionaries: Sequence[Path] = ()) -> Extractor:
        """The built-in lexicon and actor dictionary with the user dictionaries (files or
        folders, any format eventwire.dictionaries reads) over them."""
        from ..actors import ActorCoder
        from ..dictionaries import DiscardMatcher, load_dictionaries

        user = load_dictionaries(tuple(Path(p) for p in dictionaries))
        return cls(
            lexicon=user.lexicon_over(builtin_lexicon),
            actors=ActorCoder.load(dictionaries=dictionaries),
            discards=DiscardMatcher(user.discards) if user.discards else None,
        )

    def prefilter(self) -> Prefilter:
        """Which sentences may hold an event of this stage, told from their words (worked out
        once): the triggers' forms, the role phrases of the actor dictionaries, and, when a
        PETRARCH-style verb needs an actor, the coder's word on which sentences name one;
        those sent by such verbs alone are parsed without names (see ``Parse``)."""
        if self._prefilter is None:
            from .prefilter import builtin_prefilter, prefilter_of, role_phrases

            found = prefilter_of(self.lexicon, role_phrases(self.actors.dictionary.agents.entries))
            if found.needs_actors:
                found = found.with_naming(self.actors.naming_sentences, builtin_prefilter())
            self._prefilter = found
        return self._prefilter

    def __call__(self, doc: Document) -> Document:
        if self.discards is not None and self.discards.story(doc.article.text):
            return doc
        for sentence in doc.sentences:
            if sentence.doc is not None:
                repair_parse(sentence.doc)
        actors = self.actors.for_document(doc)
        told_violence = False  # whether the sentence before told a violent event
        told_hazard = False  # whether the last happening told was a hazard or an accident
        for sentence in doc.sentences:
            if sentence.doc is None:
                told_violence = False
                told_hazard = told_hazard or mentions_hazard(sentence.text)
                continue
            if self.discards is not None and self.discards.sentence(sentence.text):
                continue
            frames = build_frames(sentence.doc, self.lexicon)
            hazard = names_hazard(sentence.doc, violent=violent_words(frames))
            told_hazard = told_hazard or hazard
            if (told_violence or told_hazard) and is_bare_toll_only(frames):
                # "Two officers were wounded.": the toll of the event told before, which
                # may be an earthquake or a flood and no violent event at all
                continue
            before = len(doc.events)
            for frame in frames:
                if frame.match.reading.roles is not None:
                    doc.events += dyadic(self._as_stated(doc, sentence, frame, actors))
                    continue
                event = self._event(doc, sentence, frame, actors)
                if event is not None:
                    doc.events += dyadic([event])
            told_violence = any(_violent(e.cameo_code) for e in doc.events[before:])
            told_hazard = told_hazard and not told_violence
        return doc

    def _as_stated(
        self, doc: Document, sentence: Sentence, frame: Frame, actors: DocumentActors
    ) -> list[Event]:
        """Events of a reading whose roles a user dictionary states (PETRARCH style): actors
        where the pattern puts them, else the subject (or that of the verb it hangs from) and
        PETRARCH's target, the first actor after the verb; the code as written."""
        from ..dictionaries.conditions import (
            governing_subjects,
            passive_subjects,
            role_groups,
            source_groups,
            with_appositions,
        )

        roles = frame.match.reading.roles
        if roles is None or frame.code is None:
            return []
        token = frame.token

        def first(
            groups: Iterable[list[Token]],
            exclude: list[Actor] = (),  # type: ignore[assignment]
            *,
            target: bool = False,
        ) -> list[Actor]:
            # a bare role word is a target only as the head of its phrase ("arrested
            # students", not "conducting military exercises"); a source anywhere in it
            tried: set[tuple[int, ...]] = set()  # groups offered twice code the same
            for group in groups:
                key = tuple(t.i for t in group)
                if key in tried:
                    continue
                tried.add(key)
                if not any(actors.codable(sentence, t) for t in group):
                    continue
                heads = with_appositions(group)
                by_head = [actors.code_all(sentence, h) for h in heads]
                coded = [a for a in _unique(_shared_agents(heads, by_head))
                         if all(_span(a) != _span(x) for x in exclude)]  # fmt: skip
                if not all(_stated(a) for a in coded):  # bare role words: only a user's
                    roles = {_span(a) for h, found in zip(heads, by_head, strict=True)
                             if not all(_stated(a) for a in found)
                             and actors.user_role(sentence, h, head_only=target)
                             for a in found}  # fmt: skip
                    coded = [a for a in coded if _stated(a) or _span(a) in roles]
                if coded:
                    return coded
            return []

        if roles.source is not None:
            sources = first(role_groups(token, roles.source))
        elif (roles.target or "").partition("-")[0] == "subject":  # "X was extradited by Y"
            sources = first([next(role_groups(token, "by")), governing_subjects(token)])
        else:
            sources = first(_then(source_groups(frame.sources), governing_subjects, token))
        taken = {t.i for s in frame.sources for t in s.subtree}
        if roles.target is not None:
            targets = first(role_groups(token, roles.target, exclude=taken), sources, target=True)
        elif roles.petrarch:
            targets = first(role_groups(token, "object", exclude=taken), sources, target=True)
            passive = passive_subjects(token) if roles.source is None and not sources else []
            if passive:
                # PETRARCH reads the subject of a passive without a "by" phrase as the source
                # when another actor follows ("X was criticized over its dispute with Y")
                later = taken | {t.i for s in passive for t in s.subtree}
                acting = first([passive])
                others = first(role_groups(token, "object", exclude=later), acting, target=True)
                if acting and others:
                    sources, targets = acting, others
        else:
            found = _code_all(actors, sentence, frame.targets)
            targets = [a for a in found if _stated(a) and a not in sources]
        event = self._event(doc, sentence, frame, actors, (sources, targets))
        assert event is not None
        return _stated_events(event, frame, sources, targets)

    def _agents_of_acts(self, objects: list[Token]) -> list[Token]:
        """Who did or asked what a reaction is to, when its object, an act, names no actor:
        the act's agent ("rejected a request by Erdogan", "the Iraqi and Turkish demands",
        "welcomed the visit by the Sudanese minister", "rejected the JIA demand", "the draft
        resolution proposed by the Security Council")."""
        return [
            agent
            for t in objects
            if t.pos_ == "NOUN"
            and (t.lemma_.lower() in ACT_NOUNS or t.lemma_.lower() in self.lexicon.nouns)
            for agent in noun_subjects(t, None) or _by_agents(t)
        ]

    def _event(
        self,
        doc: Document,
        sentence: Sentence,
        frame: Frame,
        actors: DocumentActors,
        stated: tuple[list[Actor], list[Actor]] | None = None,
    ) -> Event | None:
        """The event of ``frame``, its actors those of the frame's phrases, or ``stated``
        (sources, targets) when a stated reading has found them."""
        if frame.code is None:
            return None
        if stated is None:
            sources = _code_all(actors, sentence, frame.sources)
            targets = _code_all(actors, sentence, frame.targets)
            if not any(t.code for t in targets) and frame.code[:2] in REACTION_ROOTS:
                agents = self._agents_of_acts(frame.targets)
                targets = _code_all(actors, sentence, agents) or targets
        else:
            sources, targets = stated
        speaker = _code_all(actors, sentence, [frame.speaker] if frame.speaker else [])
        m = frame.modality
        code, negated = _announced(frame, has_source=bool(sources))
        start, end = sentence.article_span(frame.token)
        return Event(
            event_id=event_id_for(doc.article.id, start, code),
            article_id=doc.article.id,
            sentence_index=sentence.index,
            sentence=sentence.text,
            trigger=frame.token.text,
            trigger_start=start,
            trigger_end=end,
            cameo_code=code,
            plover_mode=frame.mode,
            plover_context=list(frame.context),
            source_actors=sources,
            target_actors=[t for t in targets if t.code is None or t not in sources],
            speaker=speaker[0] if speaker else None,
            negated=negated,
            hypothetical=m.hypothetical,
            future=m.future,
            historical=m.historical,
            confidence=_confidence(frame, sources, targets),
            salience=_salience(frame, code, sentence.index),
        )


#: roots of reactions to what someone did or asked: comments, appeals, intents, praise,
#: demands, disapproval, rejection, threats ("rejected the Iraqi demands")
REACTION_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})
#: nouns of acts one reacts to, besides the lexicon's event nouns
ACT_NOUNS = frozenset(
    """request decision proposal plan move policy effort remark comment call measure step
    initiative bid order ruling resolution claim position stance announcement refusal
    criticism accusation warning threat reform provision law legislation bill draft
    invitation offer appeal""".split()
)


def _by_agents(noun: Token) -> list[Token]:
    """The "by" agents of the participles after a noun ("a resolution proposed by X")."""
    return [
        agent
        for c in noun.children
        if c.dep_ == "acl" and c.tag_ == "VBN"
        for agent in verb_subjects(c)
    ]


def _then(
    groups: Iterable[list[Token]], more: Callable[[Token], list[Token]], token: Token
) -> Iterator[list[Token]]:
    """``groups``, then ``more(token)``, computed only when asked for."""
    yield from groups
    yield more(token)


def _stated_events(
    event: Event, frame: Frame, sources: list[Actor], targets: list[Actor]
) -> list[Event]:
    """A stated reading's events: the event with its actors (one per source member acting on
    the others when reciprocal), then the mirror event (targets on sources) if the reading
    has one. Events with no coded actor at all are not reported."""
    roles = frame.match.reading.roles
    assert roles is not None
    code, negated = frame.code or "", frame.modality.negated and not roles.negation
    if negated and not event.negated:  # "would not provide support": a refusal, as announced
        code, negated = event.cameo_code or code, False
    event.cameo_code, event.negated = code, negated
    pairs = [(sources, [t for t in targets if all(_span(t) != _span(s) for s in sources)])]
    if roles.reciprocal and len(sources) > 1:
        pairs = [([s], [o for o in sources if o is not s]) for s in sources]
    if roles.mirror:
        pairs += [(t, s) for s, t in list(pairs)]
    out = []
    for n, (src, tgt) in enumerate(pairs):
        if not (src or tgt) or (roles.mirror and n >= len(pairs) // 2 and not (src and tgt)):
            continue
        copy = replace(event, source_actors=list(src), target_actors=list(tgt))
        if roles.mirror and n >= len(pairs) // 2:
            copy.cameo_code = roles.mirror
        tag = copy.cameo_code if n == 0 or copy.cameo_code != code else f"{code}/{n}"
        copy.event_id = event_id_for(event.article_id, event.trigger_start, tag)
        out.append(copy)
    return out


def dyadic(events: Sequence[Event]) -> list[Event]:
    """Events with one source and one target each, as CAMEO coders and GDELT write them:
    coordinated parties give one event per (source, target) pair ("A and B attacked C":
    A->C, B->C), and parties acting together with no one else named act on one another
    (MUTUAL_ROOTS). An event that is a dyad already keeps its id; a split one's dyads get
    ids from it and their actors' spans, so they are stable and unique per sentence."""
    out: list[Event] = []
    seen: set[str] = set()
    for event in events:
        pairs = _dyads(event)
        if len(pairs) == 1:
            out.append(event)
            seen.add(event.event_id)
            continue
        for source, target in pairs:
            tag = f"{event.event_id}|{_span_key(source)}>{_span_key(target)}"
            event_id = event_id_for(event.article_id, event.trigger_start, tag)
            if event_id in seen:
                continue
            seen.add(event_id)
            out.append(
                replace(
                    event,
                    event_id=event_id,
                    source_actors=[source] if source else [],
                    target_actors=[target] if target else [],
                )
            )
    return out


def _dyads(event: Event) -> list[tuple[Actor | None, Actor | None]]:
    sources, targets = event.source_actors, event.target_actors
    code = event.cameo_code or ""
    parties = {(a.start, a.end) for a in sources}
    if not targets and len(parties) > 1 and code[:2] in MUTUAL_ROOTS:
        return [(s, o) for s in sources for o in sources if (s.start, s.end) != (o.start, o.end)]
    return [(s, t) for s in sources or [None] for t in targets or [None]]


def _span_key(actor: Actor | None) -> str:
    return "" if actor is None else f"{actor.start}:{actor.end}:{actor.code or ''}"


def _unique(found: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for actor in found:
        if all(_span(a) != _span(actor) for a in out):
            out.append(actor)
    return out


def _shared_agents(heads: list[Token], coded: list[list[Actor]]) -> list[Actor]:
    """The actors of a list of phrases, a bare name that the parse conjoins to "lawmakers
    in Fornost" taking the role words of the country it is listed with ("lawmakers in
    Fornost and Gondor": Gondor's lawmakers too), as PETRARCH reads such a list."""
    out: list[Actor] = []
    for n, (head, found) in enumerate(zip(heads, coded, strict=True)):
        lead = _listed_after_place(head)
        bare = len(found) == 1 and len(found[0].code or "") == 3  # a country-like code
        if lead is None or not bare:
            out += found
            continue
        listed = [
            m
            for m in range(n)
            if lead.i in {t.i for t in heads[m].subtree} or heads[m].head == head.head
        ]
        roles = [a.code[3:] for m in listed for a in coded[m] if len(a.code or "") > 3]  # fmt: skip
        if not roles:
            out += found
            continue
        base = found[0]
        out += [replace(base, code=f"{base.code}{r}", sector=base.sector if base.country is None
                        else r[:3]) for r in dict.fromkeys(roles)]  # fmt: skip
    return out


def _listed_after_place(token: Token) -> Token | None:
    """For a proper name conjoined to a noun whose prepositional phrase ends in a proper
    name right before it ("lawmakers in Fornost and Gondor"), that earlier name."""
    if token.dep_ != "conj" or token.pos_ != "PROPN" or any(c.i < token.i and c.dep_ != "det"
                                                            for c in token.children):  # fmt: skip
        return None
    for prep in token.head.children:
        if prep.dep_ != "prep" or prep.i > token.i:
            continue
        for pobj in prep.children:
            between = token.doc[pobj.i + 1 : token.i]
            if (pobj.dep_ == "pobj" and pobj.pos_ == "PROPN" and pobj.i < token.i
                    and all(t.dep_ in ("cc", "punct") for t in between)):  # fmt: skip
                return pobj
    return None


def _violent(code: str | None) -> bool:
    return bool(code) and (code[:2] in VIOLENT_ROOTS or code.startswith(("175", "145")))


def _span(actor: Actor) -> tuple[int | None, int | None, str | None]:
    return actor.start, actor.end, actor.code


def _stated(actor: Actor) -> bool:
    """An actor PETRARCH would code: a named one or one of a country, not a bare role word
    ("officials", "crowds")."""
    return bool(actor.code) and bool(actor.name or actor.country)


def _announced(frame: Frame, *, has_source: bool) -> tuple[str, bool]:
    """What a future or refused act is as an event of its own (CAMEO): "will strike" is a
    threat, "will free prisoners" an intent; "will not lift sanctions" a refusal, as are "did
    not accept the proposal" and "failed to reach a deal", whoever the parse finds refusing."""
    code, m = frame.code or "", frame.modality
    if frame.kind is not None or _scheduled(frame.anchor or frame.token):
        return code, m.negated
    root = code[:2]
    refused_plan = m.future and "03" < root < "09"
    refused_now = not m.hypothetical and (root == "03" or code == "057")
    if m.negated and (refused_plan or refused_now):
        return embedded_code("reject", code, lemma="") or "120", False
    if not has_source:
        return code, m.negated
    if m.future and not m.hypothetical and not m.negated and root in FUTURE_AS_THREAT:
        return FUTURE_AS_THREAT[root], False
    if m.future and "03" < root < "09":
        return embedded_code("intent", code, lemma="") or "030", False
    return code, m.negated


def _code_all(actors: DocumentActors, sentence: Sentence, heads: list[Token]) -> list[Actor]:
    out: list[Actor] = []
    for head in heads:
        for actor in actors.code_all(sentence, head):
            if all((a.start, a.end, a.code) != (actor.start, actor.end, actor.code) for a in out):
                out.append(actor)
    return out


def _confidence(frame: Frame, sources: list[Actor], targets: list[Actor]) -> float:
    score = 0.4
    score += 0.25 if any(a.code for a in sources) else 0.0
    score += 0.15 if any(a.code for a in targets) else 0.0
    score += 0.1 if frame.code and len(frame.code) >= 3 and frame.code[2:] != "0" else 0.0
    if frame.modality.hypothetical or frame.modality.negated:
        score -= 0.1
    return round(max(0.05, min(score, 0.95)), 2)


def _salience(frame: Frame, code: str, sentence_index: int) -> float:
    """How well an event stands for its sentence or snippet (used by --main-only): events
    near the top of the parse and early in the article win; bare statements lose."""
    score = 1.0 / (1.0 + frame.depth)
    if _in_time_clause(frame.anchor or frame.token):
        score -= 0.1  # "before leaving for Beijing, X met ...": the setting, not the news
    if code.startswith("01") and code not in ("015", "016", "018", "012", "013", "011", "019"):
        score -= 0.45
    if frame.modality.negated:
        score -= 0.2
    score -= 0.05 * min(sentence_index, 10)
    return round(score, 3)


def _scheduled(token: Token) -> bool:
    """ "X is scheduled / expected / set to visit": an arrangement the reporter tells, not an
    intent or threat the actor voiced; the act keeps its own code (flagged future)."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lemma_.lower() in SCHEDULING_VERBS
        and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
    )


def _in_time_clause(token: Token) -> bool:
    """True for a trigger in a clause that only dates another: "before leaving for X",
    "after he met Y" (the clause nearest the trigger decides)."""
    for t in (token, *token.ancestors):
        if t.dep_ == "pcomp" and t.head.lower_ in TIME_WORDS:
            return True
        if t.dep_ in CLAUSE_DEPS:
            return t.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in TIME_WORDS for c in t.children
            )
    return False


def main_event(events: Sequence[Event]) -> Event | None:
    """The single most salient event of a record."""
    return max(events, key=lambda e: e.salience, default=None)
