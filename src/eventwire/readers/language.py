"""Language identification without a model load in the common cases.

Prose in a language with a listed stopword set is recognised by the share of its very common
words (English news: ~0.4 of all words; other languages: under 0.1 English words). Text in
another script, or too short or mixed to tell, goes to langid, whose model ships inside its
package (loading it takes a few seconds, once per process).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3000
MIN_RATIO = 0.12  # stopword share that identifies a language
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": """a about after against all also an and are as at be been before but by can could
            did do does for from had has have he her his however i if in into is it its may more
            most no not of on one or other our over said says she should so some such than that
            the their them then there these they this those through to under up was we were
            what when where which while who will with would you""",
        "es": """de la que el en y los se del las un por con no una su para es al lo como más
            pero sus le ya fue este ha porque esta entre cuando muy sin sobre también hasta hay
            donde desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto
            según tras""",
        "fr": """de la le et les des en un une du est que qui dans pour pas au sur par plus ne se
            ce il sont avec ont été aux son sa ses elle mais ou comme nous vous leur cette selon
            lors après""",
        "de": """der die und in den von zu das mit sich des auf für ist im dem nicht ein eine
            als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie
            einem über einen so zum war haben nur oder aber vor zur bis mehr durch""",
        "pt": """de a o que e do da em um para é com não uma os no se na por mais as dos como
            mas foi ao ele das tem à seu sua ou ser quando muito há nos já está também pelo
            pela até isso ela entre era depois sem mesmo aos ter seus""",
        "it": """di e il la che in a per un è del non le si con da una i sono al dei della alla
            nel gli lo come ha più delle anche ma questo se dal nella essere stato era""",
        "nl": """de en van het een in is dat op te zijn met voor niet aan er die om ook als bij
            maar uit dan nog wel naar door over wordt heeft worden hij zij we""",
        "sv": """och i att det som en på är av för med till den har de inte om ett var han men
            sig från så vid kan""",
        "pl": """i w na z się że do nie to jest o jak a po przez od za ze co dla oraz jego tym
            już było może tak są być który która które""",
        "tr": """ve bir bu da de için ile olarak en çok daha gibi ama o ne var olan sonra kadar
            ise değil her şey tarafından""",
        "id": """yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada oleh
            karena saat telah bisa mereka kami sudah""",
        "ro": """și de la în a cu pe care din ce nu o un mai pentru este se al fost sunt fi au
            lui sau""",
    }.items()
}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from langid.langid import LanguageIdentifier, model

    return LanguageIdentifier.from_modelstring(model, norm_probs=True)


def _latin_share(text: str) -> float:
    if text.isascii():
        return 1.0
    letters = 0
    other = 0
    for c in text:
        if c.isalpha():
            letters += 1
            if not c.isascii() and "LATIN" not in unicodedata.name(c, ""):
                other += 1
    return 1 - other / letters if letters else 0.0


_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in STOPWORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)


def stopword_ratios(words: list[str]) -> dict[str, float]:
    """Share of each language's stopwords among ``words``."""
    counts = dict.fromkeys(STOPWORDS, 0)
    for word in words:
        for lang in _LANGUAGES_OF.get(word, ()):
            counts[lang] += 1
    n = len(words) or 1
    return {lang: count / n for lang, count in counts.items()}


def identify_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text's language and a confidence in [0, 1] ("und" if none)."""
    sample = text[:SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "und", 0.0
    if _latin_share(sample) >= 0.5:
        ratios = stopword_ratios(words)
        best = max(ratios, key=lambda lang: (ratios[lang], lang == "en"))
        if ratios[best] >= MIN_RATIO:
            # Confidence in the English / not-English decision, the one that matters here.
            rival = max(r for lang, r in ratios.items() if lang != "en") if best == "en" else None
            rival = ratios["en"] if rival is None else rival
            return best, round(1 - rival / ratios[best], 2)
    language, probability = _identifier().classify(sample)
    return str(language), float(probability)
