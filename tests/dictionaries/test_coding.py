"""Coding with user dictionaries: PETRARCH-style actors, role words, verb patterns."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.api import code_documents
from eventwire.coding.extract import Extractor
from eventwire.model import Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def extractor(tmp_path_factory) -> Extractor:
    from petrarch_snippets import ACTORS, AGENTS, DISCARDS, VERBS

    folder = tmp_path_factory.mktemp("dicts")
    extra_actors = "ARNOR [ARN]\nMORDOR [MOR]\nOSGILIATH [OSG]\nERIADOR [ERI]\n+ERIADORIAN\n"
    extra_actors += "DENMARK [DNK]\n+DANISH\n"
    extra_agents = "MEDIA {} [~MED]\nGOVERNMENT [~GOV]\nLAWMAKER [~LEG]\nAMBASSADOR [~GOV]\n"
    extra_verbs = "\n--- RESTORE [064] ---\nRESTORE\n- * DIPLOMATIC [064]\n"
    extra_verbs += "\n--- CONDEMN [122] ---\nCONDEMN\n"
    extra_verbs += "\n--- DISRUPT [1717] ---\nDISRUPT\n- + * IN $ [075]\n"
    extra_verbs += "\n--- ANNOUNCE [010] ---\nANNOUNCE\n"
    (folder / "a.txt").write_text(ACTORS + extra_actors, encoding="utf-8")
    (folder / "b.txt").write_text(AGENTS + extra_agents, encoding="utf-8")
    (folder / "c.txt").write_text(VERBS + extra_verbs, encoding="utf-8")
    (folder / "d.txt").write_text(DISCARDS, encoding="utf-8")
    return Extractor.load(dictionaries=[folder])


def code(
    extractor: Extractor, text: str, day: date = date(1995, 1, 1)
) -> set[tuple[str, str, str]]:
    doc = next(code_documents([Article.from_text(text, published=day)], stages=[extractor]))
    return {
        (s.code or "" if s else "", t.code or "" if t else "", e.cameo_code or "")
        for e in doc.events
        if not e.negated
        for s in e.source_actors or [None]
        for t in e.target_actors or [None]
        if s is not None or t is not None
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor will abandon full military ties with Gondor.", ("ARN", "GON", "902")),
        ("Arnor will abandon improved economic relations with Gondor.", ("ARN", "GON", "904")),
        ("Arnor will abandon new global economic relations with Gondor.", ("ARN", "GON", "345")),
        ("Arnor will contribute a million swiss francs to Gondor.", ("ARN", "GON", "903")),
        ("Soldiers from Gondor have cordoned off the roads leading into Mordor.",
         ("GONMIL", "MOR", "1721")),
        ("Arnor is about to restore full diplomatic ties with Gondor's foreign minister.",
         ("ARN", "GONGOVFRM", "064")),
        ("An Eriadorian was shot dead in Osgiliath.", ("OSG", "ERI", "224")),
        ("Arnor met Gondor on Friday.", ("GON", "ARN", "031")),  # the mirror event
    ],
)  # fmt: skip
def test_patterns_roles_and_composition(extractor, text, expected):
    assert expected in code(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "A and the small proud B": the small model reads "A and the small proud" as one
        # modifier of B
        ("Eriador and the small proud Arnor condemned Mordor.",
         {("ERI", "MOR", "122"), ("ARN", "MOR", "122")}),
        # "anti- X": the model ends a sentence at the hanging prefix; "in" read as a particle
        ("Osgiliath was said to disrupt in an anti- Mordor rally on Monday.",
         {("MOR", "OSG", "075")}),
        # the "of" phrase after the last conjunct is that conjunct's
        ("Eriador's soldiers and archers of Arnor condemned Mordor.",
         {("ERIMIL", "MOR", "122"), ("ARN", "MOR", "122")}),
    ],
)  # fmt: skip
def test_repaired_parses(extractor, text, expected):
    assert expected <= code(extractor, text)


def test_several_actors_from_one_name(extractor):
    found = code(extractor, "The Shire is about to restore full diplomatic ties with Gondor.")
    assert {("FRO", "GON", "064"), ("BIL", "GON", "064"), ("SAM", "GON", "064")} <= found


@pytest.mark.parametrize(
    ("day", "code_"), [(date(2009, 1, 1), "HOBMIL"), (date(2010, 1, 10), "ORCHOB")]
)
def test_dated_codes_follow_the_publication_date(extractor, day, code_):
    found = code(extractor, "Sam Gamgee is about to restore full diplomatic ties with Gondor.", day)
    assert (code_, "GON", "064") in found


def test_discards(extractor):
    assert code(extractor, "Arnor is about to restore baseball ties with Gondor.") == set()
    story = "Arnor met Gondor. The World Golf Championships opened."
    assert code(extractor, story) == set()


def test_verbs_of_the_dictionary_replace_the_builtin_lexicon(extractor):
    # "attacked" is a built-in trigger, but the PETRARCH verb file is the whole lexicon
    assert code(extractor, "Arnor attacked Gondor.") == set()


def test_user_names_beat_builtin_ones(extractor):
    found = code(extractor, "The U.S. is about to restore full diplomatic ties with Gondor.")
    assert ("USA", "GON", "064") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Danish media and government condemned Gondor.",
         {("DNKMED", "GON", "122"), ("DNKGOV", "GON", "122")}),
        ("The ambassadors of Arnor and Osgiliath condemned Mordor.",
         {("ARNGOV", "MOR", "122"), ("OSGGOV", "MOR", "122")}),
        ("Human rights bodies in Arnor condemned Mordor.", {("NGOARN", "MOR", "122")}),
        ("Former Gondor lawmakers condemned Mordor.", {("GONELI", "MOR", "122")}),
    ],
)  # fmt: skip
def test_petrarch_composition(extractor, text, expected):
    assert expected <= code(extractor, text)


def test_statement_of_a_dictionary_is_speech(extractor):
    """A dictionary's plain statement (010) lends its speaker to the event it reports and is
    an event of its own only when the sentence reports nothing else."""
    assert code(extractor, "Gondor announced that Arnor would contribute aid to Mordor.") == {
        ("ARN", "MOR", "070")
    }
    assert code(extractor, "Gondor announced new elections.") == {("GON", "", "010")}


def test_refused_contribution_is_a_refusal(extractor):
    roots = {c[:2] for _, _, c in code(extractor, "Arnor vowed it would not contribute troops.")}
    assert "12" in roots and "07" not in roots


def test_sentences_that_name_no_actor_are_not_parsed(extractor):
    """A verb of the dictionary sends a sentence to the parser only where the coder may find
    an actor: a name it knows, or a pronoun right after one; not any capitalised word."""
    text = (
        "Arnor condemned the raid. It condemned the raid again. It condemned it once more. "
        "In March the Fellowship condemned the raid. Gondor condemned the raid."
    )
    doc = next(code_documents([Article.from_text(text, published=date(1995, 1, 1))],
                              stages=[extractor]))  # fmt: skip
    assert [s.doc is not None for s in doc.sentences] == [True, True, False, False, True]


def test_the_prefilter_is_worked_out_once(extractor):
    """``code_documents`` asks for it on every call: a big dictionary's must not be rebuilt."""
    assert extractor.prefilter() is extractor.prefilter()
    assert extractor.prefilter().naming is not None


def test_confidence_of_a_stated_reading_follows_its_actors(extractor):
    """A PETRARCH-style event is as sure as the actors it reports, wherever the target was
    found (here not the object but the first actor after the verb)."""
    text = "Arnor condemned the raid on Gondor. Arnor condemned the raid."
    doc = next(code_documents([Article.from_text(text, published=date(1995, 1, 1))],
                              stages=[extractor]))  # fmt: skip
    both, source_only = sorted(doc.events, key=lambda e: e.sentence_index)
    assert [a.code for a in both.target_actors] == ["GON"] and not source_only.target_actors
    assert both.confidence > source_only.confidence
