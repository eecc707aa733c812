"""Finding and resolving the places of a text: the library call behind `eventwire places`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from . import text as t
from .build import ADMIN1, ADMIN2, CONTINENT, COUNTRY, PLACE, REGION
from .gazetteer import Candidate, Gazetteer, default_gazetteer
from .recognise import Mention, Ner, Recogniser, dotless
from .records import Place
from .resolve import Resolver
from .words import ADMIN_WORDS

PRECISION = {
    PLACE: "place",
    ADMIN2: "admin2",
    ADMIN1: "admin1",
    COUNTRY: "country",
    REGION: "admin1",
    CONTINENT: "region",
}
Span = tuple[int, int]
_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|into|inside|across|towards?|through|throughout|"
    r"(?:town|city|village|district|province|region|area|suburb|outskirts) of)\s+(?:the\s+)?$",
    re.I,
)


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
        self.recogniser.add_cues(text, out)
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
        if not given:
            resolved = self._check_aliases(text, mentions, resolved)
        nearby = self._nearby(mentions, resolved) if given else {}
        places = []
        for i, (m, (entry, margin)) in enumerate(zip(mentions, resolved, strict=True)):
            if m.demonym and not given and (not demonyms or self._plural_demonym(m)):
                continue
            if entry is None and not given:
                continue
            if entry is None and i in nearby:
                place = self.place(m, nearby[i])
                place.nearby = True
                places.append(place)
                continue
            places.append(self.place(m, entry, margin))
        return places

    def _nearby(
        self, mentions: list[Mention], resolved: list[tuple[int | None, float]]
    ) -> dict[int, int]:
        """For each given span the gazetteer does not hold (a church, a street, a lake, a
        village under 500 people), the entry of the town or province the text names nearest
        to it: a church the text names just after Alexandria is placed in Alexandria."""
        kinds = (PLACE, ADMIN2, ADMIN1)
        sure = [
            (m.start, entry)
            for m, (entry, _) in zip(mentions, resolved, strict=True)
            if entry is not None and not m.loose and not m.demonym and self._own_name(m, entry)
        ]
        # a town or province; in a text that names none, a country
        anchors = [a for a in sure if self.gaz.kind(a[1]) in kinds] or [
            a for a in sure if self.gaz.kind(a[1]) == COUNTRY
        ]
        out: dict[int, int] = {}
        if not anchors:
            return out
        for i, (m, (entry, _)) in enumerate(zip(mentions, resolved, strict=True)):
            if entry is None and not m.demonym:
                # the nearest in the text; of two as near, the one before
                _, entry = min(anchors, key=lambda a: (abs(a[0] - m.start), a[0] > m.start))
                out[i] = entry
        return out

    def _own_name(self, m: Mention, entry: int) -> bool:
        """True when the mention names the entry by its own name, or a spelling of it, not by
        another name unlike it (a translated or former name that a town elsewhere also
        bears), so that its place may stand for a neighbour the gazetteer lacks."""
        if any(c.entry == entry and c.main for c in m.candidates):
            return True
        return t.loose(t.key(self.gaz.tables.name[entry])) == t.loose(m.key)

    def _plural_demonym(self, m: Mention) -> bool:
        """ "Americans", "Cubans": people, not an adjective of place."""
        return m.text.endswith("s") and self.gaz.demonym(m.key[:-1]) is not None

    def _check_aliases(
        self, text: str, mentions: list[Mention], resolved: list[tuple[int | None, float]]
    ) -> list[tuple[int | None, float]]:
        """A town found only by an alternate name unlike its own ("Kobani" for 'Ayn al 'Arab,
        but also "Google" for Topeka) is kept only if the article once uses the name the way
        place names are used: "in Kobani", "the town of Kobani", "Kobani, Syria", or tagged as a
        place by the parser."""
        placelike: set[str] = set()
        contained = {m.container for m in mentions if m.container is not None}
        for i, m in enumerate(mentions):
            if m.container is not None or {"GPE", "LOC", "FAC"} & m.evidence:
                placelike.add(m.key)
            elif _PLACE_BEFORE.search(text[max(0, m.start - 30) : m.start]):
                placelike.add(m.key)
            elif i in contained:
                placelike.add(m.key)
        out = []
        for m, (entry, margin) in zip(mentions, resolved, strict=True):
            if entry is not None and not m.demonym and m.key not in placelike:
                cand = next((c for c in m.candidates if c.entry == entry), None)
                kind = self.gaz.kind(entry)
                if cand is not None and not cand.main and kind in (PLACE, ADMIN2):
                    own = t.key(self.gaz.tables.name[entry])
                    if t.loose(own) != t.loose(m.key):
                        entry = None
            out.append((entry, margin))
        return out

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
        table = self.gaz.tables.abbreviations
        abbreviation = table.get(surface.strip())
        entry = abbreviation[0] if abbreviation is not None else None
        if entry is None and re.search(r",\s*$", text[max(0, start - 3) : start]):
            entry = dotless(table, surface.strip())  # "EDMONTON, Ky (WBKO)"
        if entry is not None:
            return Mention(start, end, surface, surface, [Candidate(entry, True)])
        tokens = t.tokenize(surface)
        k = " ".join(tok.key for tok in tokens)
        demonym = self.gaz.demonym(k)
        if demonym is not None:
            return Mention(start, end, surface, k, [Candidate(demonym, True)], demonym=True)
        for variant in [k, *t.name_keys(surface)]:
            found = self.gaz.candidates(variant)
            if found:
                return self._with_inner_division(start, end, surface, variant, tokens, found)
        if len(tokens) > 1 and tokens[-1].text.lower() in ADMIN_WORDS:
            # "Idlib province": the division (or, if none, the place) the name before it bears
            found = self.gaz.candidates(" ".join(tok.key for tok in tokens[:-1]))
            if found:
                return Mention(start, end, surface, k, found, cue="admin")
        for variant in _inner_names(surface, tokens):
            found = [c for c in self.gaz.candidates(variant) if c.main]
            if found:
                return Mention(start, end, surface, variant, found)
        found = [
            Candidate(c.entry, False) for k2 in self._loose_keys(k) for c in self.gaz.candidates(k2)
        ]
        return Mention(start, end, surface, k, found, loose=bool(found))

    def _with_inner_division(
        self,
        start: int,
        end: int,
        surface: str,
        k: str,
        tokens: list[t.Token],
        found: list[Candidate],
    ) -> Mention:
        """ "Karak district", "Idlib province": a span that ends in a word for a division also
        names the divisions that bear the name before that word, so that the country the
        article is about can choose between them and a district elsewhere that bears the
        whole span as its name."""
        if len(tokens) < 2 or tokens[-1].text.lower() not in ADMIN_WORDS:
            return Mention(start, end, surface, k, found)
        inner = " ".join(tok.key for tok in tokens[:-1])
        have = {c.entry for c in found}
        kinds = (ADMIN1, ADMIN2)
        extra = [
            c
            for c in self.gaz.candidates(inner)
            if c.main and c.entry not in have and self.gaz.kind(c.entry) in kinds
        ]
        return Mention(start, end, surface, k, found + extra, cue="admin")

    def _loose_keys(self, k: str) -> list[str]:
        if self._loose is None:
            loose: dict[str, list[str]] = {}
            for name in self.gaz.tables.index:
                loose.setdefault(t.loose(name), []).append(name)
            self._loose = loose
        return self._loose.get(t.loose(k), [])


# words around a place name that make a part of it, an area near it or a facility in it:
# "North London", "Greater Toronto Area", "Vancouver Art Gallery", "Da Nang International
# Airport"; a name so built and not in the gazetteer itself stands for the place it names
_PART_BEFORE = frozenset(
    "north south east west northern southern eastern western central upper lower greater "
    "downtown inner outer metro metropolitan northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern".split()
)
_FACILITY_AFTER = (
    ("international", "airport"),
    ("airport",),
    ("metropolitan", "area"),
    ("metro", "area"),
    ("area",),
    ("region",),
    ("art", "gallery"),
    ("gallery",),
    ("museum",),
    ("hospital",),
    ("university",),
    ("stadium",),
    ("valley",),
    ("city", "centre"),
    ("city", "center"),
)
_COUNTY_ABBREVIATION = "co"  # "PLYMOUTH CO." is Plymouth County


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(t.key(w) for w in words)


_PART_KEYS = _keys(_PART_BEFORE)
_FACILITY_KEYS = tuple(tuple(t.key(w) for w in suffix) for suffix in _FACILITY_AFTER)


def _inner_names(text: str, tokens: list[t.Token]) -> list[str]:
    """Keys of the place a longer name is built on, most specific first: "Upper Edmonton" ->
    "edmonton"; "Montreal-Pierre Elliott Trudeau International Airport" -> "montreal";
    "Plymouth Co." -> "plymuth county". Only generic words are stripped, so that a name of
    the gazetteer is never read as another place inside it."""
    words = [tok.key for tok in tokens]
    if len(words) < 2:
        return []
    out: list[str] = []
    if words[-1] == _COUNTY_ABBREVIATION:
        out.append(" ".join([*words[:-1], t.key("County")]))
    lo, hi = 0, len(words)
    while hi - lo > 1 and words[lo] in _PART_KEYS:
        lo += 1
    facility = False
    for suffix in _FACILITY_KEYS:
        n = len(suffix)
        if hi - lo > n and tuple(words[hi - n : hi]) == suffix:
            hi, facility = hi - n, True
            break
    if (lo, hi) == (0, len(words)):
        return out
    if facility and _possessive(text, tokens[hi - 1]):
        return out  # "St. Michael's Hospital" is named after a saint, not a town
    out.append(" ".join(words[lo:hi]))
    if facility:  # "Montreal-Pierre Elliott Trudeau": a town joined to a person by a hyphen
        for i in range(hi - 1, lo, -1):
            if text[tokens[i - 1].end : tokens[i].start] in ("-", "–"):
                out.append(" ".join(words[lo:i]))
    return out


def _possessive(text: str, tok: t.Token) -> bool:
    return text[tok.end : tok.end + 2] in ("'s", "’s") or (
        tok.text.endswith("s") and text[tok.end : tok.end + 1] in ("'", "’")
    )


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
