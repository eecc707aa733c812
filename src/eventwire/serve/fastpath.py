"""``/api/events`` without FastAPI's per-parameter validation, for plainly valid requests.

FastAPI validates each of the route's 22 query parameters on every request, through pydantic
and typing introspection: about two thirds of the server's CPU for a page of events. A request
whose parameters are all plainly valid (ISO dates, integers without sign or leading zeros,
``true``/``false``/``1``/``0``, known names) is read here instead, with the same multi-dict
FastAPI reads (the last value of a repeated single parameter wins, unknown parameters are
ignored). Every other request, and one the page refuses (``BadRequest``), goes on to the
FastAPI route, which answers it as it always has, errors included; the route also stays the
documented one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl

from .filters import ACTOR_ROLES, DEFAULT_SORT, SORTS, BadRequest, EventQuery
from .responses import send_json

LISTS = ("country", "admin1", "plover_type", "cameo_root", "acled_event_type")
TEXTS = ("actor", "bbox", "q")
FLAGS = ("negated", "hypothetical", "historical", "future")
BOOLS = {"true": True, "false": False, "1": True, "0": False}
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
COUNT = re.compile(r"0|[1-9][0-9]{0,8}")  # below the route's bound of 10**9
SHARE = re.compile(r"(0|1)(\.[0-9]{1,9})?")
LIMIT = re.compile(r"[1-9][0-9]{0,2}|1000")  # 1 to 1000, as the route allows


class Unsure(Exception):
    """A value this module does not read; FastAPI reads the request instead."""


@dataclass(frozen=True, slots=True)
class EventsRequest:
    """The parameters of an ``/api/events`` request, validated."""

    query: EventQuery
    sort: str = DEFAULT_SORT
    limit: int = 100
    cursor: str | None = None
    total: bool = False


def _match(pattern: re.Pattern[str], value: str | None) -> str | None:
    if value is not None and not pattern.fullmatch(value):
        raise Unsure
    return value


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    if value not in BOOLS:
        raise Unsure
    return BOOLS[value]


def _date(value: str | None) -> date | None:
    if _match(DATE, value) is None:
        return None
    try:
        return date.fromisoformat(value)  # type: ignore[arg-type]
    except ValueError:
        raise Unsure from None


def parse_events_request(query_string: bytes) -> EventsRequest | None:
    """The request's parameters, or None when FastAPI should read them."""
    # as Starlette's QueryParams reads them, without its copies: the last value of a name wins
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    last = dict(pairs)
    get = last.get
    try:
        role = get("actor_role", "any")
        sort = get("sort", DEFAULT_SORT)
        if role not in ACTOR_ROLES or sort not in SORTS:
            raise Unsure
        killed = _match(COUNT, get("killed_min"))
        share = _match(SHARE, get("min_confidence"))
        if share is not None and float(share) > 1:
            raise Unsure
        query = EventQuery.parse(
            since=_date(get("since")),
            until=_date(get("until")),
            **{name: [v for k, v in pairs if k == name] or None for name in LISTS},
            **{name: get(name) for name in TEXTS},
            actor_role=role,
            killed_min=None if killed is None else int(killed),
            min_confidence=None if share is None else float(share),
            **{name: _bool(get(name)) for name in FLAGS},
        )
        limit = _match(LIMIT, get("limit"))
        return EventsRequest(
            query,
            sort=sort,
            limit=100 if limit is None else int(limit),
            cursor=get("cursor"),
            total=bool(_bool(get("total"))),
        )
    except (Unsure, BadRequest):
        return None


class FastEvents:
    """Plain ASGI middleware: a GET of ``/api/events`` with plainly valid parameters is
    answered by ``handler`` (given the request's scope); everything else goes on to the
    application.

    The page is computed on the event loop. It holds the GIL for most of its millisecond, and
    handing it to a thread cost more CPU in GIL hand-offs under load than the page itself
    (100k events, 50 clients: 1.3 ms of server CPU per request with threads, 0.6-0.8 ms on
    the loop). Sending only text searches to threads starved them (p95 0.45 s while other
    pages took 8 ms). A page that scans every row (a text filter matching almost nothing,
    ≈ 0.1 s at 1M events) holds up the other requests of its process meanwhile; the other
    processes (``serve(workers=N)``) answer theirs.
    """

    def __init__(
        self, app: Any, *, handler: Callable[[dict[str, Any], EventsRequest], bytes]
    ) -> None:
        self.app = app
        self.handler = handler

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and _route(scope) == "/api/events":
            request = parse_events_request(scope["query_string"])
            if request is not None:
                try:
                    body = self.handler(scope, request)  # on the loop: see the class doc
                except BadRequest:
                    pass  # (a cursor this API never gave) the route answers it
                else:
                    await send_json(send, body)
                    return
        await self.app(scope, receive, send)


def _route(scope: dict[str, Any]) -> str:
    """The path the router matches (without the root path a proxy may mount the app at)."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path
