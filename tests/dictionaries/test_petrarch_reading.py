"""How PETRARCH reads a sentence, on hand-written dictionaries with fictional actors: passive
subjects without "by", "^" skipping noun phrases, a mark before a word of the verb's left
context, a named modifier as the target, role words shared along a list of places."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.api import code_documents
from eventwire.coding.extract import Extractor
from eventwire.dictionaries.petrarch.translate import translate
from eventwire.model import Article

ACTORS = "VALDORIA [VAL]\nKESTRIA [KES]\nZANTH [ZAN]\n"
AGENTS = "LAWMAKER [~LEG]\nOFFICIAL [~GOV]\n"
VERBS = """\
--- SCOLD [121] ---
SCOLD
- SHARPLY * [122]

--- MARK [181] ---
MARK
- * HARVEST AT ^ ^ + [044]

--- CAUTION [160] ---
CAUTION
- * AT ^ + [162]

--- SNUB [345] ---
SNUB

--- GREET [041] ---
GREET

--- HONOR [181] ---
HONOR
- + WANTS * HARVEST $ [042]
- * MIDSUMMER ^ + [046]
"""


@pytest.fixture(scope="module")
def extractor(tmp_path_factory) -> Extractor:
    folder = tmp_path_factory.mktemp("reading")
    (folder / "v.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "v.agents.txt").write_text(AGENTS, encoding="utf-8")
    (folder / "v.verbs.txt").write_text(VERBS, encoding="utf-8")
    return Extractor.load(dictionaries=[folder])


def code(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    article = Article.from_text(text, published=date(1995, 1, 1))
    doc = next(code_documents([article], stages=[extractor]))
    return {
        (s.code or "" if s else "", t.code or "" if t else "", e.cameo_code or "")
        for e in doc.events
        if not e.negated
        for s in e.source_actors or [None]
        for t in e.target_actors or [None]
    }


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive without "by": its subject is the source, as PETRARCH reads it
        ("Valdoria was scolded over its border quarrel with Kestria.", {("VAL", "KES", "121")}),
        ("Valdoria was sharply scolded over its quarrel with Kestria.", {("VAL", "KES", "122")}),
        ("Valdoria was scolded by Kestria.", {("KES", "VAL", "121")}),
        # a named modifier is the target when its noun codes nothing
        ("Valdoria snubbed a Kestria parade.", {("VAL", "KES", "345")}),
        # "^" skips one noun phrase each: Kestria and the council, then Zanth
        ("Valdoria marked the harvest at Kestria with the council of Zanth.",
         {("VAL", "ZAN", "044")}),
        ("Valdoria cautioned at the Kestria of the envoys of Zanth.", {("VAL", "ZAN", "162")}),
        # after a word, "^" skips the phrase that follows the word's own
        ("Valdoria honored Midsummer with Kestria at Zanth.", {("VAL", "ZAN", "046")}),
        # "+ WANTS *": the actor before "wants", not the subject of "honor"
        ("Valdoria wants Kestria to honor the harvest with Zanth.", {("ZAN", "VAL", "042")}),
        # "lawmakers in Valdoria and Kestria": both countries' lawmakers
        ("Lawmakers in Valdoria and Kestria greeted Zanth.",
         {("VALLEG", "ZAN", "041"), ("KESLEG", "ZAN", "041")}),
        ("Officials in Valdoria and Kestria greeted Zanth.",
         {("VALGOV", "ZAN", "041"), ("KESGOV", "ZAN", "041")}),
    ],
)  # fmt: skip
def test_petrarch_reading(extractor, text, expected):
    assert code(extractor, text) == expected


@pytest.mark.parametrize(
    ("pattern", "target"),
    [("* AT ^ +", "after-at"), ("* HARVEST AT ^ ^ +", "after-at-2"), ("* IN +", "in"),
     ("* FEAST ^ +", "after-feast"), ("* FEAST ^ ^ +", "after-feast-2")],
)  # fmt: skip
def test_carets_count_the_phrases_skipped(pattern, target):
    assert translate(pattern, "044", {}).target == target


@pytest.mark.parametrize(
    ("pattern", "target"),
    [("+ HOSTING *", "subject-hosting"), ("+ * FEAST", "subject"),
     ("+ &GROUP *", "subject")],
)  # fmt: skip
def test_a_mark_before_a_word_is_that_words_subject(pattern, target):
    from eventwire.dictionaries.petrarch.verbs import Synset

    assert translate(pattern, "044", {"GROUP": Synset("GROUP", ["BAND"], True, 1)}).target == target
