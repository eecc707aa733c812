"""Token helpers on hand-built parses: the small model's misparses of lists of names."""

from parse_helpers import parsed

from eventwire.coding.syntax import with_conjuncts


def test_a_list_read_as_an_apposition_with_conjuncts_is_a_list():
    # "Chile, Peru, and Bolivia signed ...": Peru as an apposition of Chile, Bolivia its conjunct
    doc = parsed(
        ["Chile", ",", "Peru", ",", "and", "Bolivia", "signed"],
        [6, 0, 0, 2, 2, 2, 6],
        ["nsubj", "punct", "appos", "punct", "cc", "conj", "ROOT"],
        ["PROPN", "PUNCT", "PROPN", "PUNCT", "CCONJ", "PROPN", "VERB"],
    )
    assert [t.text for t in with_conjuncts([doc[0]])] == ["Chile", "Peru", "Bolivia"]


def test_a_title_in_apposition_stays_out():
    # "Lula, the president, spoke": an apposition without conjuncts is the same person
    doc = parsed(
        ["Lula", ",", "the", "president", ",", "spoke"],
        [5, 0, 3, 0, 0, 5],
        ["nsubj", "punct", "det", "appos", "punct", "ROOT"],
        ["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB"],
    )
    assert [t.text for t in with_conjuncts([doc[0]])] == ["Lula"]


def test_a_conjunct_hanging_from_a_split_name_joins_the_list():
    # "Emmanuel Macron and Olaf Scholz met" with the first name read as the head (tagged ADP)
    # and the surname as its object: the conjunct hangs from the surname
    doc = parsed(
        ["Emmanuel", "Macron", "and", "Olaf", "Scholz", "met"],
        [5, 0, 1, 4, 1, 5],
        ["nsubj", "pobj", "cc", "compound", "conj", "ROOT"],
        ["ADP", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB"],
    )
    assert [t.text for t in with_conjuncts([doc[0]])] == ["Emmanuel", "Scholz"]
