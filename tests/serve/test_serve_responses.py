"""The answer cache and JSON encoding."""

from __future__ import annotations

import math

from eventwire.serve.responses import AnswerCache, dumps, finite


def test_cache_keeps_the_most_recent_answers_within_its_bounds():
    cache = AnswerCache(2, max_bytes=160)
    cache.put(("a",), b"1" * 10)
    cache.put(("b",), b"2" * 10)
    assert cache.get(("a",)) == b"1" * 10  # now the most recent
    cache.put(("c",), b"3" * 10)
    assert cache.get(("b",)) is None
    assert cache.get(("a",)) is not None and cache.get(("c",)) is not None
    cache.put(("big",), b"x" * 11)  # over a sixteenth of the byte budget: not kept
    assert cache.get(("big",)) is None


def test_cache_of_size_zero_keeps_nothing():
    cache = AnswerCache(0)
    cache.put(("a",), b"1")
    assert cache.get(("a",)) is None


def test_json_is_compact_utf8_and_finite():
    encoded = dumps({"s": "Ségou <script>", "n": [1, 2]})
    assert encoded == '{"s":"Ségou <script>","n":[1,2]}'.encode()
    assert finite({"x": [math.nan, 1.5, {"y": math.inf}]}) == {"x": [None, 1.5, {"y": None}]}
