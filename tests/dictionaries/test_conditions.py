"""PETRARCH-style roles on hand-built parses."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.dictionaries.conditions import objects, role_groups


def test_a_reduced_relative_takes_the_noun_it_describes_as_its_object():
    # "There were ten Gondorian soldiers killed in Ithilien": the soldiers were killed
    doc = Doc(
        Vocab(),
        words=["There", "were", "ten", "Gondorian", "soldiers", "killed", "in", "Ithilien"],
        heads=[1, 1, 4, 4, 1, 4, 5, 6],
        deps=["expl", "ROOT", "nummod", "amod", "attr", "acl", "prep", "pobj"],
        tags=["EX", "VBD", "CD", "JJ", "NNS", "VBN", "IN", "NNP"],
    )
    killed = doc[5]
    assert [t.text for t in objects(killed)] == ["soldiers"]
    assert [t.text for t in next(role_groups(killed, "object"))] == ["soldiers"]
