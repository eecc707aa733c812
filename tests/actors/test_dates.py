from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors.dates import parse_bound
from eventwire.errors import ConfigError


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        (date(2014, 8, 28), False, date(2014, 8, 28)),
        ("2014-08", False, date(2014, 8, 1)),
        ("2014-02", True, date(2014, 2, 28)),
        (2014, False, date(2014, 1, 1)),
        (2014, True, date(2014, 12, 31)),
        (None, True, None),
    ],
)
def test_parse_bound(value, end, expected):
    assert parse_bound(value, end=end, where="test") == expected


@pytest.mark.parametrize("value", ["2014-13", "soon", "14-08-2014"])
def test_parse_bound_rejects(value):
    with pytest.raises(ConfigError, match="E110"):
        parse_bound(value, end=False, where="test")
