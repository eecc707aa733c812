"""Killed, injured, arrested and crowd size on events, from digits and words."""

from .numbers import MAX_NUMBER, Quantity, parse_number, parse_quantity
from .stage import CasualtyCounter, is_arrest, is_protest, is_violent
from .tolls import TOLL_FORMS

__all__ = [
    "MAX_NUMBER",
    "TOLL_FORMS",
    "CasualtyCounter",
    "Quantity",
    "is_arrest",
    "is_protest",
    "is_violent",
    "parse_number",
    "parse_quantity",
]
