from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from eventwire.actors.codes import is_code, split_code
from eventwire.actors.dictionary import load_dictionary
from eventwire.errors import ConfigError

SECTORS = {
    "GOV", "MIL", "REB", "OPP", "COP", "JUD", "CVL", "IGO", "NGO", "BUS", "MED", "EDU", "REF",
    "LEG", "PTY", "SPY", "CRM", "UAF", "HLH", "LAB", "AGR", "REL", "ELI", "ENV", "HRI", "DEV",
}  # fmt: skip


@pytest.fixture(scope="module")
def dictionary():
    return load_dictionary()


def test_sizes(dictionary):
    assert len(dictionary.people) >= 250
    assert len(dictionary.agents) >= 150
    assert len(dictionary.organisations) >= 100
    assert len(dictionary.institutions) >= 50


def test_people_have_unique_names_and_valid_roles(dictionary):
    names = [p.name for p in dictionary.people]
    assert len(names) == len(set(names))
    countries = dictionary.countries
    for person in dictionary.people:
        assert person.country in countries, person.name
        assert person.roles, person.name
        for role in person.roles:
            assert is_code(role.code), (person.name, role.code)
            assert role.country is None or role.country in countries
            assert role.sector in SECTORS, (person.name, role.code)
            assert role.start is None or role.end is None or role.start <= role.end


def test_organisations_codes_and_aliases(dictionary):
    by_alias = defaultdict(set)
    for org in dictionary.organisations:
        assert is_code(org.code), org.name
        assert org.sector in SECTORS, org.name
        assert org.kind in {"igo", "ngo", "armed", "party", "other"}
        assert org.country is None or org.country in dictionary.countries
        for name in org.names:
            by_alias[name].add(org.code)
    ambiguous = {alias: codes for alias, codes in by_alias.items() if len(codes) > 1}
    assert ambiguous == {}
    names = [o.name for o in dictionary.organisations]
    assert len(names) == len(set(names))


def test_canonical_igo_codes(dictionary):
    codes = {o.name: o.code for o in dictionary.organisations}
    assert codes["United Nations"] == "IGOUNO"
    assert codes["NATO"] == "IGOWSTNAT"
    assert codes["European Union"] == "IGOEUREEC"
    assert codes["African Union"] == "IGOAFRAFU"
    assert codes["Arab League"] == "IGOMEAARL"
    assert codes["Islamic State"] == "IMGMUSISI"


def test_institutions(dictionary):
    for inst in dictionary.institutions:
        assert inst.country in dictionary.countries
        assert inst.sector in SECTORS
    codes = {i.name: i.code for i in dictionary.institutions}
    assert codes["Pentagon"] == "USAMIL"
    assert codes["Kremlin"] == "RUSGOV"


def test_agent_table(dictionary):
    agents = dictionary.agents
    assert agents.get("soldiers").sector == "MIL"
    assert agents.get("Security Forces").sector == "COP"
    assert agents.get("policemen").sector == "COP"
    assert agents.get("protesters").sector == "OPP"
    assert agents.get("foreign minister").organ
    assert agents.get("spokesman").generic
    assert agents.titles["gen."] == "MIL"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("TURMIL", ("TUR", "MIL")), ("SYR", ("SYR", None)), ("IGOUNO", (None, "IGO")),
     ("IMGMUSISI", (None, "REB")), ("REB", (None, "REB")), ("CODREBM23", ("COD", "REB"))],
)  # fmt: skip
def test_split_code(code, expected):
    assert split_code(code) == expected


def test_taliban_govern_from_august_2021(dictionary):
    taliban = next(o for o in dictionary.organisations if o.name == "Taliban")
    assert taliban.role_on(date(2020, 1, 1)).code == "AFGREBTAL"
    assert taliban.role_on(date(2022, 1, 1)).code == "AFGGOV"


def test_user_dictionary_adds_and_replaces(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "people:\n"
        "  - {name: Jane Roe, names: [Roe], country: TUR, roles: [[TURMIL, general, 2019, null]]}\n"
        "organisations:\n"
        "  - {name: NATO, code: IGOWSTNAT, kind: igo, names: [the alliance]}\n",
        encoding="utf-8",
    )
    merged = load_dictionary((path,))
    assert any(p.name == "Jane Roe" for p in merged.people)
    nato = [o for o in merged.organisations if o.name == "NATO"]
    assert len(nato) == 1 and "the alliance" in nato[0].names
    assert len(merged.people) == len(load_dictionary().people) + 1


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("places: []\n", "E121"),
        ("people:\n  - {name: X, roles: [[TURGOV, x, 2020-05-01, 2019-01-01]]}\n", "E114"),
        ("people:\n  - {name: X, roles: [[turgov, x, 2020, null]]}\n", "E112"),
        ("people: [\n", "E111"),
    ],
)
def test_user_dictionary_errors(tmp_path, content, error):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=error):
        load_dictionary((path,))


def test_missing_user_dictionary(tmp_path):
    with pytest.raises(ConfigError, match="E120"):
        load_dictionary((tmp_path / "nope.yaml",))
