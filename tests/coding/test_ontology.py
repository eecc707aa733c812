"""The ontology tables and the classify stage, on hand-built events (no spaCy model needed)."""

from __future__ import annotations

import pytest

from eventwire.coding.ontology import (
    Classifier,
    UnknownCode,
    acled_for,
    acled_rules,
    acled_types,
    cameo,
    cameo_codes,
    cameo_name,
    plover_contexts,
    plover_for,
    plover_types,
)
from eventwire.model import Actor, Article, Casualties, Event
from eventwire.pipeline import Document, run_stages

PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
).split()

ACLED = {
    "Battles": {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    },
    "Protests": {
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    },
    "Riots": {"Violent demonstration", "Mob violence"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}

# Codes PLOVER does not code: neutral public statements.
UNTYPED = {"01", "010", "014", "015", "017"}


COUNTRIES = {"RUS", "SYR", "TUR", "UKR"}


def actor(code: str) -> Actor:
    """ "SYRMIL" -> Syrian military; "CVL" -> civilians of no stated country; "UKR" -> Ukraine."""
    if code[:3] in COUNTRIES:
        return Actor(text=code, code=code, country=code[:3], sector=code[3:] or None)
    return Actor(text=code, code=code, sector=code)


def event(
    cameo_code: str | None,
    source: str | None = None,
    target: str | None = None,
    **fields,
) -> Event:
    return Event(
        event_id="e1",
        article_id="a1",
        sentence_index=0,
        sentence="x",
        trigger="x",
        trigger_start=0,
        trigger_end=1,
        cameo_code=cameo_code,
        source_actors=[actor(source)] if source else [],
        target_actors=[actor(target)] if target else [],
        **fields,
    )


# --- CAMEO ----------------------------------------------------------------------------------------


def test_cameo_has_every_root_and_about_300_codes():
    codes = cameo_codes()
    assert 290 <= len(codes) <= 330
    assert {f"{r:02d}" for r in range(1, 21)} <= set(codes)
    assert {"0874", "1011", "1823", "2042", "1951"} <= set(codes)


@pytest.mark.parametrize("entry", list(cameo_codes().values()), ids=lambda e: e.code)
def test_cameo_code_is_consistent(entry):
    assert entry.code.isdigit() and len(entry.code) in (2, 3, 4)
    assert entry.root == entry.code[:2] and 1 <= int(entry.root) <= 20
    assert entry.root in cameo_codes()
    root = int(entry.root)
    expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    assert entry.quad_class == expected
    assert -10.0 <= entry.goldstein <= 10.0
    assert entry.name


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [("0874", 10.0), ("057", 8.0), ("190", -10.0), ("141", -6.5), ("010", 0.0)],
)
def test_known_goldstein_values(code, goldstein):
    assert cameo(code).goldstein == goldstein


def test_unknown_code_is_a_key_error_with_a_hint():
    with pytest.raises(UnknownCode, match="did you mean '0874'"):
        cameo("874")
    with pytest.raises(KeyError):
        cameo("999")
    assert cameo_name("195") == "Employ aerial weapons, not specified below"


# --- PLOVER ---------------------------------------------------------------------------------------


def test_all_16_plover_types_with_quad_classes():
    types = plover_types()
    assert sorted(types) == sorted(PLOVER_TYPES)
    quads = [1] * 4 + [2] * 3 + [3] * 4 + [4] * 5
    assert {name: types[name].quad_class for name in PLOVER_TYPES} == dict(
        zip(PLOVER_TYPES, quads, strict=True)
    )
    assert "aerial" in types["ASSAULT"].modes and "troops" in types["MOBILIZE"].modes
    assert 30 <= len(plover_contexts()) <= 40 and "territory" in plover_contexts()


@pytest.mark.parametrize("code", sorted(cameo_codes()))
def test_every_cameo_code_has_a_plover_mapping(code):
    mapping = plover_for(code)
    if code in UNTYPED:
        assert mapping.type is None
        return
    kind = plover_types()[mapping.type]
    assert mapping.mode is None or mapping.mode in kind.modes
    assert set(mapping.contexts) <= set(plover_contexts())


@pytest.mark.parametrize(
    ("code", "kind", "mode"),
    [
        ("042", "CONSULT", "visit"),
        ("0871", "RETREAT", "ceasefire"),
        ("139", "THREATEN", "ultimatum"),
        ("154", "MOBILIZE", "troops"),
        ("173", "COERCE", "arrest"),
        ("1831", "ASSAULT", "suicide-attack"),
        ("1952", "ASSAULT", "drone"),
        ("0256", "REQUEST", "yield"),
    ],
)
def test_plover_mapping_examples(code, kind, mode):
    assert (plover_for(code).type, plover_for(code).mode) == (kind, mode)


# --- ACLED ----------------------------------------------------------------------------------------


def test_all_acled_types_present():
    types = acled_types()
    assert len(types) == 25
    found: dict[str, set[str]] = {}
    for t in types.values():
        found.setdefault(t.event_type, set()).add(t.sub_event_type)
    assert found == ACLED
    assert types["Peaceful protest"].disorder_type == "Demonstrations"
    assert types["Armed clash"].disorder_type == "Political violence"
    assert types["Arrests"].disorder_type == "Strategic developments"


def test_acled_rules_load_and_name_real_types():
    rules = acled_rules().rules
    assert rules
    for rule in rules:
        assert acled_types()[rule.sub_event_type].event_type == rule.event_type


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        (event("195", "SYRMIL", "SYRCVL"), ("Explosions/Remote violence", "Air/drone strike")),
        (
            event("190", "SYRMIL", "SYRCVL", plover_mode="aerial"),
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        (event("190", "SYRMIL", "SYRREB"), ("Battles", "Armed clash")),
        (event("190", "TURMIL", "SYRGOVMIL"), ("Battles", "Armed clash")),
        (event("190", "SYRMIL", "SYRCVL"), ("Violence against civilians", "Attack")),
        (event("193", None, "TURMIL"), ("Battles", "Armed clash")),
        (event("190", "SYRMIL"), ("Battles", "Armed clash")),
        (
            event("180", "UAF", None, killed=Casualties(best=3, civilian=3)),
            ("Violence against civilians", "Attack"),
        ),
        (
            event("194", "RUSMIL", "UKR"),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (event("1831", "REB", "CVL"), ("Explosions/Remote violence", "Suicide bomb")),
        (
            event("1833", "REB", "MIL"),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        (event("2041", "SYRMIL", "CVL"), ("Explosions/Remote violence", "Chemical weapon")),
        (
            event("181", "REB", "CVL"),
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        (event("1821", "MIL", "CVL"), ("Violence against civilians", "Sexual violence")),
        (event("141", "OPP", "GOV"), ("Protests", "Peaceful protest")),
        (event("1433", "LAB"), ("Protests", "Peaceful protest")),
        (event("145", "OPP"), ("Riots", "Violent demonstration")),
        (event("182", "CVL", "CVL"), ("Riots", "Mob violence")),
        (event("175", "COP", "OPP"), ("Protests", "Protest with intervention")),
        (
            event("175", "COP", "OPP", killed=Casualties(best=2)),
            ("Protests", "Excessive force against protesters"),
        ),
        (event("173", "COP", "OPP"), ("Strategic developments", "Arrests")),
        (event("0871", "SYRGOV", "REB"), ("Strategic developments", "Agreement")),
        (event("057", "RUS", "TUR"), ("Strategic developments", "Agreement")),
        (event("1712", "REB"), ("Strategic developments", "Looting/property destruction")),
        (event("154", "TURMIL"), ("Strategic developments", "Change to group/activity")),
        (
            event("190", "SYRMIL", "REB", plover_context=["territory"]),
            ("Battles", "Government regains territory"),
        ),
        (
            event("192", "REB", None, plover_context=["territory"]),
            ("Battles", "Non-state actor overtakes territory"),
        ),
        (event("192", None, None), ("Strategic developments", "Non-violent transfer of territory")),
        (
            event("0874", "MIL", None, plover_context=["territory"]),
            ("Strategic developments", "Non-violent transfer of territory"),
        ),
        (event("042", "TURGOV", "SYRGOV"), None),
        (event("010", "TURGOV"), None),
        (event("138", "TURGOV", "SYRMIL"), None),
        (event("0874", "MIL"), None),
    ],
    ids=lambda v: v.cameo_code if isinstance(v, Event) else None,
)
def test_acled_for(ev, expected):
    assert acled_for(ev) == expected


def test_sectors_come_from_the_code_when_the_sector_is_missing():
    ev = event("190")
    ev.source_actors = [Actor(text="Syrian troops", code="SYRMIL", country="SYR")]
    ev.target_actors = [Actor(text="rebels", code="SYRREB", country="SYR")]
    assert acled_for(ev) == ("Battles", "Armed clash")


def test_acled_for_uses_the_plover_type_without_a_cameo_code():
    ev = event(None, "SYRMIL", "SYRCVL", plover_type="ASSAULT", plover_mode="drone")
    assert acled_for(ev) == ("Explosions/Remote violence", "Air/drone strike")


# --- the classify stage ---------------------------------------------------------------------------


def test_classifier_fills_every_ontology_field():
    strike = event("195", "SYRMIL", "SYRCVL", plover_mode="drone", plover_context=["terrorism"])
    visit = event("042", "TURGOV", "SYRGOV")
    statement = event("010", "TURGOV")
    no_code = event(None)
    doc = Document(article=Article.from_text("x"), events=[strike, visit, statement, no_code])

    assert run_stages(doc, [Classifier()]) is doc
    assert Classifier.name == "classify"

    assert (strike.cameo_root, strike.goldstein, strike.quad_class) == ("19", -10.0, 4)
    assert (strike.plover_type, strike.plover_mode) == ("ASSAULT", "drone")  # extractor's mode kept
    assert strike.plover_context == ["terrorism", "military"]
    assert (strike.acled_event_type, strike.acled_sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )

    assert (visit.plover_type, visit.plover_mode, visit.quad_class) == ("CONSULT", "visit", 1)
    assert visit.acled_event_type is None and visit.acled_sub_event_type is None

    assert statement.plover_type is None and statement.goldstein == 0.0

    assert no_code.cameo_root is None and no_code.plover_type is None


def test_classifier_is_idempotent():
    ev = event("1411", "OPP")
    doc = Document(article=Article.from_text("x"), events=[ev])
    Classifier()(doc)
    first = ev.to_dict()
    Classifier()(doc)
    assert ev.to_dict() == first
    assert ev.plover_context == ["executive"]


def test_classifier_leaves_a_code_outside_cameo_unclassified():
    # user dictionaries may code outside CAMEO (PETRARCH's WEIS-coded test verbs); the
    # built-in lexicon's codes are checked against the codebook in test_lexicon
    ev = event("999")
    Classifier()(Document(article=Article.from_text("x"), events=[ev]))
    assert ev.cameo_code == "999" and ev.cameo_root is None and ev.plover_type is None
