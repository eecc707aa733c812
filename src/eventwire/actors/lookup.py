"""How a name resolves: the dictionary entries a phrase matches, their code on a date and
where each entry was defined (``eventwire actors lookup``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .agents import AgentEntry, agent_key
from .coder import compose_code
from .dictionary import ActorDictionary
from .names import NameEntry, fold, name_index
from .records import ActorEntry, Country, Institution, Organisation, Person, Role

BUILTIN_FILES = {
    "person": "people.yaml",
    "organisation": "organisations.yaml",
    "institution": "institutions.csv",
    "country": "countries.csv",
    "capital": "countries.csv",
    "demonym": "countries.csv",
    "agent": "agents.yaml",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One dictionary entry a name matches: its code on the date and its origin."""

    kind: str  # actor, person, organisation, institution, country, capital, demonym, agent
    entry: str  # the entry's canonical name (or role phrase)
    code: str | None
    origin: str  # "file:line", "file: entry name", or "built-in file: entry name"
    user: bool
    why: str = ""  # which of its codes applies on the date, and why
    chosen: bool = False


@dataclass(frozen=True, slots=True)
class Lookup:
    """The resolution of ``text`` on ``day``: ``code`` as the coder would compose it from the
    names and role words found, and every candidate entry."""

    text: str
    day: date
    code: str | None
    matched: str | None  # the span of ``text`` the chosen name covers
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)


def _span(role: Role) -> str:
    start = role.start.isoformat() if role.start else "..."
    end = role.end.isoformat() if role.end else "..."
    return f"{start} to {end}"


def _candidate(entry: NameEntry, day: date) -> Candidate:
    ref = entry.ref
    user = entry.user
    if isinstance(ref, ActorEntry):
        held = next((p for p in ref.periods if p.holds_on(day)), None)
        code = ref.code_on(day)
        why = (f"dated code for {_span(held)}" if held is not None
               else "default code" if code else "no code on this date")  # fmt: skip
        return Candidate("actor", ref.name, code, ref.origin or "", True, why)
    if isinstance(ref, Person):
        role = ref.code_on(day)
        why = f"{role.title or 'role'} {_span(role)}" if role and role.title else "no role held"
        return Candidate("person", ref.name, role.code if role else None,
                         _origin(ref.origin, "person", ref.name), user, why)  # fmt: skip
    if isinstance(ref, Organisation):
        role = ref.role_on(day)
        why = f"period {_span(role)}" if role.code != ref.code else "its code"
        return Candidate("organisation", ref.name, role.code,
                         _origin(ref.origin, "organisation", ref.name), user, why)  # fmt: skip
    if isinstance(ref, Institution):
        return Candidate("institution", ref.name, ref.code,
                         _origin(ref.origin, "institution", ref.name), user)  # fmt: skip
    assert isinstance(ref, Country)
    code = ref.iso3 + "GOV" if entry.kind == "capital" else ref.iso3
    return Candidate(entry.kind, ref.name, code, _origin(None, entry.kind, ref.name), False)


def _origin(origin: str | None, kind: str, name: str) -> str:
    return origin or f"built-in {BUILTIN_FILES[kind]}: {name}"


def _agent(entry: AgentEntry) -> Candidate:
    code = (entry.sector or "") + ("~" if entry.prefix else "")
    origin = entry.origin or f"built-in agents.yaml: {entry.phrase}"
    why = "role word, before the actor's code" if entry.prefix else "role word"
    return Candidate("agent", entry.phrase, code or None, origin, entry.origin is not None, why)


def lookup_name(text: str, dictionary: ActorDictionary, *, day: date) -> Lookup:
    """The entries ``text`` matches (the longest name first, then role words) and the code
    they compose to on ``day``."""
    index = name_index(dictionary)
    matches = index.matches(text)
    candidates: list[Candidate] = []
    base: str | None = None
    matched: str | None = None
    covered: list[tuple[int, int]] = []
    for match in sorted(matches, key=lambda m: m.start - m.end):
        entries = list(match.entries)
        if match.kind == "actor":  # the last entry spelt this way is the one used
            entries = entries[::-1]
        for n, entry in enumerate(entries):
            found = _candidate(entry, day)
            chosen = base is None and n == 0 and found.code is not None
            candidates.append(_with(found, chosen))
            if chosen:
                base, matched = found.code, text[match.start : match.end]
        covered.append((match.start, match.end))
    prefixes: list[str] = []
    suffixes: list[str] = []
    for agent in _agents(text, dictionary, covered):
        candidates.append(_with(_agent(agent), True))
        (prefixes if agent.prefix else suffixes).append(agent.sector or "")
    if base is None and not suffixes and not prefixes:
        return Lookup(text, day, None, None, tuple(candidates))
    code = compose_code(prefixes, base or "", suffixes)
    return Lookup(text, day, code or None, matched, tuple(candidates))


def _with(candidate: Candidate, chosen: bool) -> Candidate:
    return Candidate(candidate.kind, candidate.entry, candidate.code, candidate.origin,
                     candidate.user, candidate.why, chosen)  # fmt: skip


def _agents(text: str, dictionary: ActorDictionary,
            covered: list[tuple[int, int]]) -> list[AgentEntry]:  # fmt: skip
    """Role words in the parts of ``text`` no name covers, longest phrase first."""
    rest = text
    for start, end in sorted(covered, reverse=True):
        rest = rest[:start] + " | " + rest[end:]
    table = dictionary.agents
    out: list[AgentEntry] = []
    for part in rest.split("|"):
        words = [w for w in fold(part).split() if w]
        i = 0
        while i < len(words):
            for n in range(min(table.longest, len(words) - i), 0, -1):
                entry = table.entries.get(agent_key(" ".join(words[i : i + n])))
                if entry is not None and entry.sector:
                    out.append(entry)
                    i += n
                    break
            else:
                i += 1
    return out
