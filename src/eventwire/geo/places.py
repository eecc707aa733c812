"""Finding and resolving the places of a text: the library call behind `eventwire places`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from . import text as t
from .build import ADMIN1, ADMIN2, CONTINENT, COUNTRY, PLACE, REGION
from .gazetteer import Candidate, Gazetteer, default_gazetteer
from .recognise import Mention, Ner, Recogniser
from .records import Place
from .resolve import Resolver

PRECISION = {
    PLACE: "place",
    ADMIN2: "admin2",
    ADMIN1: "admin1",
    COUNTRY: "country",
    REGION: "admin1",
    CONTINENT: "region",
}
Span = tuple[int, int]


class Geoparser:
    """Recognition and resolution over one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.recogniser = Recogniser(gazetteer)
        self.resolver = Resolver(gazetteer)
        self._loose: dict[str, list[str]] | None = None

    def mentions(self, text: str, *, ner: Ner = ()) -> list[Mention]:
        return self.recogniser.find(text, ner=ner)

    def mentions_at(self, text: str, spans: Sequence[Span]) -> list[Mention]:
        """Mentions for given spans (gold toponyms): each span looked up as a whole."""
        out = [self._mention_for(text, s, e) for s, e in spans]
        self.recogniser._cues(text, out)
        return out

    def places(
        self,
        text: str,
        *,
        toponyms: Sequence[Span] | None = None,
        ner: Ner = (),
        demonyms: bool = False,
    ) -> list[Place]:
        """The places of ``text``: found by the recogniser, or exactly the ``toponyms`` spans
        given (one Place per span, unresolved ones with name None)."""
        given = toponyms is not None
        mentions = self.mentions_at(text, toponyms or ()) if given else self.mentions(text, ner=ner)
        resolved = self.resolver.resolve(mentions)
        places = []
        for m, (entry, margin) in zip(mentions, resolved, strict=True):
            if m.demonym and not (demonyms or given):
                continue
            places.append(self.place(m, entry, margin))
        return places

    def place(self, m: Mention, entry: int | None, margin: float = 0.0) -> Place:
        kind = "demonym" if m.demonym else "toponym"
        if entry is None:
            return Place(m.start, m.end, m.text, kind=kind)
        e = self.gaz.entry(entry)
        precision = PRECISION[self.gaz.kind(entry)]
        if e.country is None:
            precision = "region"  # continents, seas, supranational regions
        return Place(
            start=m.start,
            end=m.end,
            text=m.text,
            name=e.name,
            geonameid=e.geonameid,
            lat=round(e.lat, 5),
            lon=round(e.lon, 5),
            country=e.country,
            admin1=e.admin1,
            admin2=e.admin2,
            precision=precision,
            kind=kind,
            score=round(margin, 3),
        )

    def country_place(self, iso3: str) -> Place | None:
        """A Place (with no offsets in any text) for a country by its ISO alpha-3 code."""
        tb = self.gaz.tables
        for entry in tb.iso2_entry.values():
            if tb.iso3[entry] == iso3:
                e = self.gaz.entry(entry)
                return Place(
                    -1, -1, e.name, e.name, e.geonameid, e.lat, e.lon, iso3, precision="country"
                )
        return None

    # -- given spans ---------------------------------------------------------------------------
    def _mention_for(self, text: str, start: int, end: int) -> Mention:
        surface = text[start:end]
        abbreviation = self.gaz.tables.abbreviations.get(surface.strip())
        if abbreviation is not None:
            return Mention(start, end, surface, surface, [Candidate(abbreviation[0], True)])
        tokens = t.tokenize(surface)
        k = " ".join(tok.key for tok in tokens)
        demonym = self.gaz.demonym(k)
        if demonym is not None:
            return Mention(start, end, surface, k, [Candidate(demonym, True)], demonym=True)
        for variant in [k, *t.name_keys(surface)]:
            found = self.gaz.candidates(variant)
            if found:
                return Mention(start, end, surface, variant, found)
        found = [
            Candidate(c.entry, False) for k2 in self._loose_keys(k) for c in self.gaz.candidates(k2)
        ]
        return Mention(start, end, surface, k, found, loose=bool(found))

    def _loose_keys(self, k: str) -> list[str]:
        if self._loose is None:
            loose: dict[str, list[str]] = {}
            for name in self.gaz.tables.index:
                loose.setdefault(t.loose(name), []).append(name)
            self._loose = loose
        return self._loose.get(t.loose(k), [])


@lru_cache(maxsize=1)
def default_geoparser() -> Geoparser:
    return Geoparser(default_gazetteer())


def places_in(
    text: str,
    *,
    toponyms: Sequence[Span] | None = None,
    demonyms: bool = False,
    ner: Ner = (),
) -> list[Place]:
    """The places named in ``text`` with offsets, coordinates and admin path.

    With ``toponyms`` (a list of (start, end) spans) exactly those spans are resolved, one Place
    each, so that resolution can be scored alone. ``demonyms`` adds country adjectives
    ("Turkish") as places of kind "demonym". ``ner`` is optional (start, end, label) named-entity
    evidence."""
    return default_geoparser().places(text, toponyms=toponyms, demonyms=demonyms, ner=ner)
