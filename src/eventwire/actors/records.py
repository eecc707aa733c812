"""Typed dictionary entries: countries, agents, people with dated roles, organisations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Country:
    """A sovereign state or territory (ISO 3166) with the words news uses for it."""

    iso3: str
    iso2: str
    name: str
    alternates: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    kind: str = "state"  # "state" or "territory"

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by its alternates."""
        return (self.name, *self.alternates)


@dataclass(frozen=True, slots=True)
class Role:
    """A position a person held: country (or None for international bodies), code, dates."""

    code: str
    country: str | None
    sector: str | None
    title: str | None = None
    start: date | None = None
    end: date | None = None  # None: still held

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """A named person; ``names`` holds full names and common short forms (surname)."""

    name: str
    names: tuple[str, ...]
    roles: tuple[Role, ...]
    country: str | None = None  # nationality, used when no role is held on the date
    origin: str | None = None  # the user dictionary entry it came from (None: built-in)

    def role_on(self, day: date) -> Role | None:
        """The role held on ``day`` (the latest-starting one if several overlap), or None."""
        held = [r for r in self.roles if r.holds_on(day)]
        if not held:
            return None
        return max(held, key=lambda r: r.start or date.min)

    def code_on(self, day: date) -> Role | None:
        """What the person codes as on ``day``: the role held; after the last role, their
        country as ELI (former officials); before any role, their country alone."""
        role = self.role_on(day)
        if role is not None:
            return role
        ended = [r for r in self.roles if r.end is not None and r.end < day]
        country = self.country or next((r.country for r in self.roles if r.country), None)
        if country is None:
            return None
        if ended:
            return Role(code=country + "ELI", country=country, sector="ELI", title="former")
        return Role(code=country, country=country, sector=None, title=None)


@dataclass(frozen=True, slots=True)
class Organisation:
    """An IGO, NGO or non-state armed group with a fixed code."""

    name: str
    code: str
    country: str | None
    sector: str
    names: tuple[str, ...]
    kind: str  # "igo", "ngo", "armed", "party", "other"
    periods: tuple[Role, ...] = ()  # codes that replace ``code`` for a date range
    origin: str | None = None

    def role_on(self, day: date) -> Role:
        """The dated period holding on ``day``, else the organisation's own code."""
        for period in self.periods:
            if period.holds_on(day):
                return period
        return Role(code=self.code, country=self.country, sector=self.sector)


@dataclass(frozen=True, slots=True)
class Institution:
    """A building or body used as a metonym for a state organ ("the Pentagon" -> USA MIL)."""

    name: str
    country: str
    sector: str
    names: tuple[str, ...]
    origin: str | None = None

    @property
    def code(self) -> str:
        return self.country + self.sector


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A named actor of a user dictionary (PETRARCH style): a default code and codes for date
    ranges, of which the first holding on a date wins. Its code composes with role nouns as a
    country's does ("Gondor soldiers" -> GONMIL); "A/B" codes several actors at once."""

    name: str
    names: tuple[str, ...]
    code: str | None  # the default, None when only dated codes apply
    periods: tuple[Role, ...] = ()
    origin: str | None = None  # "file:line" or "file: name"

    def code_on(self, day: date) -> str | None:
        """The code on ``day``: the first dated period holding, else the default."""
        for period in self.periods:
            if period.holds_on(day):
                return period.code
        return self.code
