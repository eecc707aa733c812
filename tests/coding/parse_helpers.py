"""Hand-built parses that copy the small model's mistakes, for tests of parse-reading code."""

from spacy.tokens import Doc
from spacy.vocab import Vocab


def parsed(words, heads, deps, pos, tags=None, lemmas=None, spaces=None):
    return Doc(
        Vocab(),
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
    )
