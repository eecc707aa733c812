"""The FastAPI application: the JSON API over a store's snapshots and the dashboard."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import queries
from .exports import csv_lines, geojson_parts
from .fastpath import EventsRequest, FastEvents
from .filters import DEFAULT_SORT, SORTS, BadRequest, EventQuery, parse_bbox
from .models import EventDetail, EventPage, Facets, GridCells, IncidentPage, Status
from .responses import (
    AnswerCache,
    CachedAnswers,
    SecurityHeaders,
    answer_key,
    dashboard_headers,
    dumps,
    finite,
)
from .snapshot import Snapshot, Snapshots

STATIC = resources.files("eventwire.serve") / "static"
CACHE_ENTRIES = 512  # JSON answers kept per snapshot generation (the data cannot change)
# Threads computing /api/events pages at once when FastAPI's route answers (the fast path
# computes them on the event loop, see ``fastpath``): a page is a few ms that mostly hold the
# GIL, so more threads than cores only add switching; the other requests wait in line.
QUERY_THREADS = max(2, min(8, os.cpu_count() or 2))

SortName = Literal[tuple(SORTS)]  # type: ignore[valid-type]
Interval = Literal["auto", "day", "week", "month", "year"]


# async: it only validates, so FastAPI calls it on the event loop, not in a worker thread
async def event_query(
    since: Annotated[date | None, Query(description="events on or after this day")] = None,
    until: Annotated[date | None, Query(description="events on or before this day")] = None,
    country: Annotated[
        list[str] | None,
        Query(description="ISO 3166 alpha-3 of the event location (repeat or comma-separate)"),
    ] = None,
    admin1: Annotated[
        list[str] | None, Query(description="first-level region code of the location")
    ] = None,
    actor: Annotated[
        str | None,
        Query(description="actor code prefix (TUR, TURMIL) or words of the actor's text"),
    ] = None,
    actor_role: Annotated[
        Literal["any", "source", "target"], Query(description="which actors `actor` matches")
    ] = "any",
    plover_type: Annotated[
        list[str] | None, Query(description="PLOVER event type, e.g. ASSAULT, PROTEST")
    ] = None,
    cameo_root: Annotated[list[str] | None, Query(description="CAMEO root code, 01 to 20")] = None,
    acled_event_type: Annotated[
        list[str] | None, Query(description="ACLED event type, e.g. Battles")
    ] = None,
    killed_min: Annotated[
        int | None, Query(ge=0, le=10**9, description="at least this many killed (best)")
    ] = None,
    bbox: Annotated[
        str | None,
        Query(description="west,south,east,north in degrees (west > east crosses 180°)"),
    ] = None,
    q: Annotated[
        str | None, Query(description="words in the source sentence (case-insensitive)")
    ] = None,
    negated: Annotated[bool | None, Query()] = None,
    hypothetical: Annotated[bool | None, Query()] = None,
    historical: Annotated[bool | None, Query()] = None,
    future: Annotated[bool | None, Query()] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventQuery:
    try:
        return EventQuery.parse(
            since=since,
            until=until,
            country=country,
            admin1=admin1,
            actor=actor,
            actor_role=actor_role,
            plover_type=plover_type,
            cameo_root=cameo_root,
            acled_event_type=acled_event_type,
            killed_min=killed_min,
            bbox=bbox,
            q=q,
            negated=negated,
            hypothetical=hypothetical,
            historical=historical,
            future=future,
            min_confidence=min_confidence,
        )
    except BadRequest as e:
        raise HTTPException(status_code=400, detail=str(e)) from e


Filters = Annotated[EventQuery, Depends(event_query)]
SortParam = Annotated[SortName, Query(description="order; a leading '-' means descending")]


def create_app(
    db: str | Path,
    *,
    refresh_seconds: float = 2.0,
    cache_entries: int = CACHE_ENTRIES,
    snapshots: Snapshots | None = None,
    workdir: str | Path | None = None,
    fast_events: bool = True,
) -> FastAPI:
    """The API and dashboard over the store at ``db``; it reads snapshots, never the file.
    ``workdir``: where the snapshots' copies of the store go (the processes of one server
    share it); a temporary folder of its own by default. ``fast_events``: read plainly valid
    ``/api/events`` requests without FastAPI's validation (see ``fastpath``; same answers)."""
    owned = snapshots is None
    snaps = snapshots or Snapshots(db, refresh_seconds=refresh_seconds, workdir=workdir)
    cache = AnswerCache(cache_entries)
    limiter = anyio.CapacityLimiter(QUERY_THREADS)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if owned:
            snaps.start()
        try:
            yield
        finally:
            if owned:
                snaps.stop()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=(
            "Coded political events (PLOVER, CAMEO, ACLED) from an eventwire database: "
            "filter, page, count, map and export them. The server reads a snapshot of the "
            "database that it refreshes when the file changes, so `eventwire run` can keep "
            "writing to it."
        ),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.snapshots = snaps

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    def answer_body(scope: dict[str, Any], compute: Callable[[Snapshot, Any], Any]) -> bytes:
        with snaps.use() as snapshot:
            key = answer_key(snapshot.generation, scope)
            body = cache.get(key)
            if body is None:
                body = dumps(compute(snapshot, snapshot.thread_cursor()))
                cache.put(key, body)
        return body

    def answer(request: Request, compute: Callable[[Snapshot, Any], Any]) -> Response:
        return Response(answer_body(request.scope, compute), media_type="application/json")

    def events_body(scope: dict[str, Any], asked: EventsRequest) -> bytes:
        return answer_body(
            scope,
            lambda snapshot, cur: queries.list_events(
                snapshot,
                cur,
                asked.query,
                sort=asked.sort,
                limit=asked.limit,
                cursor=asked.cursor,
                with_total=asked.total,
            ).body(snapshot.generation),
        )

    # -- events -------------------------------------------------------------------------------

    @app.get("/api/events", tags=["events"], response_model=None, responses=_ok(EventPage))
    async def events(
        request: Request,
        query: Filters,
        sort: SortParam = DEFAULT_SORT,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
        total: Annotated[bool, Query(description="also count all matching events")] = False,
    ) -> Response:
        """A page of events, newest first unless ``sort`` says otherwise."""
        asked = EventsRequest(query, sort=sort, limit=limit, cursor=cursor, total=total)
        body = await anyio.to_thread.run_sync(events_body, request.scope, asked, limiter=limiter)
        return Response(body, media_type="application/json")

    @app.get(
        "/api/events.csv",
        tags=["events"],
        response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {}}}, **BAD_REQUEST},
    )
    def events_csv(
        query: Filters,
        sort: SortParam = DEFAULT_SORT,
        limit: Annotated[int, Query(ge=1, le=1_000_000)] = 100_000,
    ) -> StreamingResponse:
        """The filtered events as CSV (lists joined with ';')."""
        return StreamingResponse(
            csv_lines(snaps, query, sort=sort, limit=limit),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="events.csv"'},
        )

    @app.get(
        "/api/events.geojson",
        tags=["events"],
        response_class=StreamingResponse,
        responses={200: {"content": {"application/geo+json": {}}}, **BAD_REQUEST},
    )
    def events_geojson(
        query: Filters,
        sort: SortParam = DEFAULT_SORT,
        limit: Annotated[int, Query(ge=1, le=1_000_000)] = 100_000,
    ) -> StreamingResponse:
        """The filtered events that have coordinates, as a GeoJSON FeatureCollection."""
        return StreamingResponse(
            geojson_parts(snaps, query, sort=sort, limit=limit),
            media_type="application/geo+json",
            headers={"Content-Disposition": 'attachment; filename="events.geojson"'},
        )

    @app.get(
        "/api/events/{event_id}",
        tags=["events"],
        response_model=None,
        responses={**_ok(EventDetail), 404: {"description": "no such event"}},
    )
    def event(request: Request, event_id: str) -> Response:
        """One event's full record, its article's URL and title, and the spans of its
        trigger, actors and place in the sentence (``highlights``, sentence offsets)."""
        if len(event_id) > 200:
            raise HTTPException(status_code=404, detail="no such event")

        def compute(snapshot: Snapshot, cur: Any) -> Any:
            found = queries.event_detail(cur, event_id)
            if found is None:
                raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
            return finite(found)

        return answer(request, compute)

    @app.get("/api/facets", tags=["events"], response_model=None, responses=_ok(Facets))
    def facets(
        request: Request,
        query: Filters,
        facet: Annotated[
            list[Literal["plover_type", "country", "cameo_root", "acled_event_type", "day"]] | None,
            Query(description="which counts (default: all)"),
        ] = None,
        interval: Annotated[
            Interval, Query(description="timeline bucket; auto fits ~400 bars")
        ] = "auto",
    ) -> Response:
        """Counts of the filtered events by type, country, CAMEO root, ACLED type and time."""
        names = tuple(dict.fromkeys(facet)) if facet else queries.FACETS
        return answer(
            request,
            lambda snapshot, cur: queries.facets(cur, query, names=names, interval=interval),
        )

    @app.get("/api/grid", tags=["map"], response_model=None, responses=_ok(GridCells))
    def grid(
        request: Request,
        query: Filters,
        cell: Annotated[float, Query(ge=0.01, le=90, description="cell size in degrees")] = 2.0,
        view: Annotated[
            str | None, Query(description="only cells in west,south,east,north")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_CELLS)] = queries.MAX_CELLS,
    ) -> Response:
        """Located events aggregated into map cells: count, deaths, most frequent type;
        ``event_id`` when a cell holds one event."""
        box = parse_bbox(view, name="view")
        return answer(
            request,
            lambda snapshot, cur: queries.grid(cur, query, cell=cell, view=box, limit=limit),
        )

    # -- incidents ----------------------------------------------------------------------------

    @app.get(
        "/api/incidents",
        tags=["incidents"],
        response_model=None,
        responses={**_ok(IncidentPage), 404: {"description": "the database has no incidents"}},
    )
    def incidents(
        request: Request,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    ) -> Response:
        """A page of incidents (events merged across sentences and articles)."""

        def compute(snapshot: Snapshot, cur: Any) -> Any:
            if not snapshot.has_incidents:
                raise HTTPException(
                    status_code=404,
                    detail="this database has no incidents table yet; "
                    "incidents appear once events are merged into incidents",
                )
            return queries.incidents(cur, limit=limit, offset=offset)

        return answer(request, compute)

    # -- status, docs, dashboard --------------------------------------------------------------

    @app.get("/api/status", tags=["status"], response_model=None, responses=_ok(Status))
    def status() -> Response:
        """Which snapshot of which database the server answers from."""
        with snaps.use() as snapshot:
            body = {
                "db": str(snaps.path),
                "generation": snapshot.generation,
                "taken_at": snapshot.taken_at.isoformat(),
                "build_seconds": round(snapshot.build_seconds, 3),
                "events": snapshot.n_events,
                "incidents": snapshot.has_incidents,
                "last_error": snaps.last_error,
                "version": __version__,
            }
        return Response(dumps(body), media_type="application/json")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        with resources.as_file(STATIC / "index.html") as path:
            return FileResponse(path, media_type="text/html", headers=dashboard_headers())

    if fast_events:
        app.add_middleware(FastEvents, handler=events_body)
    app.add_middleware(CachedAnswers, cache=cache, generation=lambda: snaps.generation)
    app.add_middleware(SecurityHeaders)  # (added last: outermost, so cached answers get it)

    with resources.as_file(STATIC) as static_dir:
        app.mount("/static", StaticFiles(directory=static_dir), name="static")
    return app


def _ok(model: type) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model, "description": "OK"}, **BAD_REQUEST}


BAD_REQUEST: dict[int | str, dict[str, Any]] = {
    400: {"description": "a filter, cursor or view the API cannot use; `detail` says why"}
}
