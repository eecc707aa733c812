"""Actor coding: CAMEO-style country + sector codes from a built-in dictionary written by the
project (``data/``), extensible with user YAML files.

    coder = ActorCoder.load()
    actors = coder.for_document(doc)          # pre-scans the article for named actors
    actor = actors.code(sentence, head_token) # -> Actor(code="TURMIL", ...) or None

Country lookups for other stages: :func:`country_by_name`, :func:`is_demonym`, ...
"""

from .coder import ActorCoder, DocumentActors
from .countries import (
    country_by_capital,
    country_by_code,
    country_by_demonym,
    country_by_name,
    is_demonym,
    load_countries,
)
from .dictionary import ActorDictionary, load_dictionary
from .records import Country, Institution, Organisation, Person, Role

__all__ = [
    "ActorCoder",
    "ActorDictionary",
    "Country",
    "DocumentActors",
    "Institution",
    "Organisation",
    "Person",
    "Role",
    "country_by_capital",
    "country_by_code",
    "country_by_demonym",
    "country_by_name",
    "is_demonym",
    "load_countries",
    "load_dictionary",
]
