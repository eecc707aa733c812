"""Event frames from real parses: codes, roles and flags for the phenomena news throws at us."""

import pytest

from eventwire.coding.frames import build_frames, embedded_code
from eventwire.coding.lexicon import builtin_lexicon

pytestmark = pytest.mark.model


def frames(nlp, text):
    return build_frames(nlp(text), builtin_lexicon())


def one(nlp, text):
    found = frames(nlp, text)
    assert len(found) == 1, [(f.token.text, f.code) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        (
            "Turkey sent troops and rocket launchers to Idlib province on Monday.",
            "154",
            "Turkey",
            "province",
        ),
        (
            "Syrian government forces entered the strategic town of Saraqeb.",
            "192",
            "forces",
            "town",
        ),
        (
            "Iraqi troops launched an assault on the last ISIS bastion on Thursday.",
            "190",
            "troops",
            "bastion",
        ),
        (
            "The United States imposed sanctions on Iran's oil ministry.",
            "163",
            "States",
            "ministry",
        ),
        ("Police fired tear gas at protesters in Khartoum.", "175", "Police", "protesters"),
        ("The EU urged Russia to release the detained activists.", "0253", "EU", "Russia"),
        ("The rebels threatened to attack the capital.", "138", "rebels", "capital"),
        (
            "President Erdogan gave the Syrian regime an ultimatum to withdraw by the end of "
            "February.",
            "139",
            "Erdogan",
            "regime",
        ),
        ("Hamas militants kidnapped two soldiers near the border.", "181", "militants", "soldiers"),
        ("Russia expelled three British diplomats.", "161", "Russia", None),
        ("The two leaders signed a defence pact in Moscow.", "057", "leaders", None),
    ],
)
def test_code_and_roles(nlp, text, code, source, target):
    f = one(nlp, text)
    assert f.code == code
    assert [s.text for s in f.sources][:1] == ([source] if source else [])
    if target:
        assert target in [t.text for t in f.targets]


def test_passive_voice_takes_the_agent_as_source(nlp):
    f = one(nlp, "Two journalists were arrested by police in Istanbul.")
    assert f.code == "173"
    assert [s.text for s in f.sources] == ["police"]
    assert [t.text for t in f.targets] == ["journalists"]


def test_coordinated_subjects_are_both_sources(nlp):
    f = one(nlp, "Russia and Syria bombed rebel positions.")
    assert [s.text for s in f.sources] == ["Russia", "Syria"]


def test_relative_clause_subject_is_the_noun_it_modifies(nlp):
    found = frames(nlp, "Troops fought regime forces, which killed 13 soldiers in Idlib.")
    killed = next(f for f in found if f.token.text == "killed")
    assert [s.text for s in killed.sources] == ["forces"]


def test_air_strike_noun_and_kill_verb_are_one_event(nlp):
    f = one(nlp, "Russian air strikes killed 20 civilians in Aleppo.")
    assert f.code == "195"
    assert f.token.text == "strikes"
    assert f.anchor is not None and f.anchor.text == "killed"
    assert [t.text for t in f.targets] == ["civilians"]


def test_participle_of_a_casualty_verb_merges_into_the_attack(nlp):
    f = one(nlp, "Militants attacked a village in Burkina Faso, killing six people.")
    assert f.token.text == "attacked"


def test_reported_speech_keeps_the_event_and_records_the_speaker(nlp):
    f = one(nlp, "Rebels shelled the airport, the defence ministry said.")
    assert f.code == "194"
    assert f.speaker is not None and f.speaker.text == "ministry"


def test_future_attack_is_flagged_future(nlp):
    f = one(
        nlp,
        "Turkish Defense Minister Hulusi Akar said Ankara will retaliate against regime forces.",
    )
    assert f.modality.future
    assert f.speaker is not None and f.speaker.text == "Akar"


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("The army did not attack the village.", "negated"),
        ("Israel denied carrying out the strike.", "negated"),
        ("The rebels could attack the town.", "hypothetical"),
        ("If talks fail, the army will attack the town.", "hypothetical"),
        ("Troops will attack the town next week.", "future"),
        ("The group has previously attacked the base.", "historical"),
    ],
)
def test_flags(nlp, text, flag):
    found = [f for f in frames(nlp, text) if f.root == "19"]
    assert found, text
    assert getattr(found[0].modality, flag)


def test_claim_of_responsibility_gives_the_attack_its_source(nlp):
    found = frames(nlp, "The Taliban claimed responsibility for the attack in Kandahar.")
    codes = {f.code: f for f in found}
    assert "015" in codes
    assert [s.text for s in codes["190"].sources] == ["Taliban"]


def test_expressing_concern_about_talks_is_a_comment_not_talks(nlp):
    f = one(nlp, "China expressed concern about the stalled talks.")
    assert f.code == "012"


def test_ceasing_operations_is_de_escalation_not_an_attack(nlp):
    f = one(nlp, "The army ceased its military operations near Damascus.")
    assert f.code == "087"


@pytest.mark.parametrize(
    ("kind", "inner", "expected"),
    [
        ("threat", "190", "138"),
        ("demand", "0874", "1056"),
        ("appeal", "0841", "0253"),
        ("reject", "046", "125"),
        ("intent", "073", "033"),
        ("threat", "163", "1312"),
    ],
)
def test_embedded_codes(kind, inner, expected):
    assert embedded_code(kind, inner, lemma="x") == expected


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Macron is expected to visit Beijing next month.", "Macron"),
        ("The minister was scheduled to attend the summit in Lima.", "minister"),
    ],
)
def test_the_subject_of_a_passive_raising_verb_does_the_embedded_act(nlp, text, source):
    found = [f for f in frames(nlp, text) if f.root == "04"]
    assert found, text
    assert [s.text for s in found[0].sources] == [source]


def test_received_from_on_the_object_names_the_giver(nlp):
    f = one(nlp, "The strikers received guarantees from the Nigerian government.")
    assert [s.text for s in f.sources] == ["government"]
    assert [t.text for t in f.targets] == ["strikers"]


def test_every_name_of_a_coordinated_subject_is_a_source(nlp):
    f = one(nlp, "France, Germany, and Italy met in Rome on Tuesday.")
    assert [s.text for s in f.sources] == ["France", "Germany", "Italy"]
