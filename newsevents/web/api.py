"""The read-only REST API and the dashboard, served from one FastAPI app over a store.

``create_app(db)`` opens the store read-only and serves:

- ``GET /api/overview``: what the store holds: counts, date ranges, events over time by quad
  class (with its Vega-Lite chart spec), top actors and dyads, the latest events with evidence;
- ``GET /api/places``: events by place for the map (actor, dates, CAMEO, modality), with its
  Vega-Lite map spec;
- ``GET /api/events``: event search (actor, dyad, CAMEO, dates, place, GeoNames id, country,
  text, modality), paginated with ``limit`` (1–500) and ``offset``;
- ``GET /api/dyad``: a dyad series by day/week/month/year, with its Vega-Lite chart spec;
- ``GET /api/actors?q=``: actor search; ``GET /api/actors/{code}``: an actor profile;
- ``GET /api/articles/{id}``: one article with everything extracted from it;
- ``GET /api/quotes``: quotes by speaker or text, paginated;
- ``GET /api/export/events.tsv`` (GDELT 2.0 TSV) and ``/api/export/events.parquet``;
- ``GET /``: the dashboard (``static/``, every asset bundled); ``GET /openapi.json``: the schema.

Bad parameters answer 422 with a message saying what to change; an unknown article 404. Reads
go through short read-only leases (``web/reader.py``) so that an ``ingest`` can write between
requests; while it holds the file a request waits a little, then answers 503 with
``Retry-After``. A query running past ``QUERY_TIMEOUT_S`` is stopped (422: narrow the filters).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel
from starlette.background import BackgroundTask

from ..analytics import overview as overviews
from ..analytics import plot
from ..analytics import queries as analytics
from ..errors import NewsEventsError
from ..store.analytics import search_where
from ..store.database import Store
from ..store.gdelt import export_gdelt
from ..store.lock import StoreBusy
from .outline import OUTLINE_URL, country_keys
from .reader import Reader

MAX_PAGE = 500
T = TypeVar("T")

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
#: An actor: a code prefix, country, org or name in any script (Erdoğan, Lula da Silva, Зеленский),
#: 1-60 characters: letters, digits, spaces, ' - . _; no control characters or other ASCII signs.
#: The ranges are explicit (no \w), so that Python's and pydantic's regex engines agree.
ACTOR = r"^[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x9f][^\x00-\x1f\x21-\x26\x28-\x2c\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x9f]{0,59}$"


def _has_letter(value: str | None) -> str | None:
    if value is not None and not any(c.isalnum() for c in value):
        raise ValueError("an actor needs a letter or digit: a code (UKR), country, org (NATO) or name (Erdoğan)")
    return value


ActorText = Annotated[str, Query(pattern=ACTOR), AfterValidator(_has_letter)]
Actor = Annotated[str | None, Query(pattern=ACTOR, description="Actor code prefix, country, org or name words."),
                  AfterValidator(_has_letter)]
Since = Annotated[str | None, Query(pattern=DATE, description="First date: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[str | None, Query(pattern=DATE, description="Last date, inclusive.")]
CAMEO = r"^\d{1,4}$"
COUNTRY = r"^[A-Za-z]{3}$"
ARTICLE_ID = r"^[A-Za-z0-9_.:\-]{1,128}$"
#: What a value refused by a pattern should look like, for the 422 message.
HINTS = {
    DATE: "use YYYY, YYYY-MM or YYYY-MM-DD (2025, 2025-07, 2025-07-22)",
    ACTOR: "use an actor code, country, org or name: letters of any script, digits, spaces and ' - . _, "
           "1-60 characters (UKR, NATO, Erdoğan, Lula da Silva)",
    CAMEO: "use a CAMEO code prefix of 1-4 digits (11, 112)",
    COUNTRY: "use an ISO 3166 alpha-3 country code (UKR, IRN)",
    ARTICLE_ID: "use an article id: 1-128 letters, digits and _ . : - (from /api/events)",
}
Cameo = Annotated[str | None, Query(pattern=CAMEO, description="CAMEO code prefix (11, 112).")]
Country = Annotated[str | None, Query(pattern=COUNTRY, description="ISO3 country code.")]
Text = Annotated[str | None, Query(min_length=1, max_length=200)]
Modality = Annotated[Literal["asserted", "negated", "hypothetical", "future", "all"], Query()]
Period = Literal["day", "week", "month", "year"]
GeonameId = Annotated[int | None, Query(ge=1, le=2**53, description="GeoNames id of the event's place (the map's).")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]



class Problem(BaseModel):
    """An error answer: ``detail`` says what to change (a sentence, or FastAPI's list of field errors)."""

    detail: str | list[dict[str, Any]]


ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": Problem, "description": "A parameter is invalid, or the query ran too long; detail says "
                                           "what to change."},
    503: {"model": Problem, "description": "An ingest is writing the store; retry after Retry-After seconds.",
          "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such article."}}
FILES: dict[int | str, dict[str, Any]] = {200: {"description": "The events file.", "content": {
    "text/tab-separated-values": {"schema": {"type": "string"}},
    "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}}}}


def create_app(db: str | Path) -> FastAPI:
    """The API and dashboard over the store at ``db`` (opened read-only).

    Raises:
        StoreError: the database cannot be opened (missing, corrupt, not migrated, or locked by
            a writer for longer than ``api_reader.WAIT_S``).
    """
    reader = Reader(db)
    app = FastAPI(title="newsevents", version="0.1.0", summary="Political events with evidence, read-only.")

    @contextmanager
    def reading() -> Iterator[Store]:
        with reader.lease() as store:
            yield store

    def run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with reading() as s:
            return fn(s, *args, **kwargs)

    @app.exception_handler(NewsEventsError)
    async def _bad_request(request: Request, exc: NewsEventsError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": jsonable_encoder([_explain(e) for e in exc.errors()])})

    @app.exception_handler(StoreBusy)
    async def _busy(request: Request, exc: StoreBusy) -> JSONResponse:
        detail = f"the store is being written by an ingest; retry in a moment ({exc})"
        return JSONResponse(status_code=503, content={"detail": detail}, headers={"Retry-After": "2"})

    @app.get("/api/overview", responses=ERRORS)
    def overview(by: Annotated[Period | None, Query(description="Chart period (default: fits the dates).")] = None,
                 limit: Annotated[int, Query(ge=1, le=100, description="Top actors and dyads.")] = 10,
                 latest: Annotated[int, Query(ge=1, le=100, description="Latest events.")] = 15,
                 modality: Modality = "asserted") -> dict[str, Any]:
        """What the store holds: articles, events, date ranges, events over time by quad class
        (``spec``: the Vega-Lite chart), top actors and dyads, the latest events with evidence."""
        view = run(overviews.overview, by=by, limit=limit, latest=latest, modality=_modality(modality))
        return {**view.to_dict(), "spec": plot.series_spec(view.series, f"events by {view.by}", by=view.by)}

    @app.get("/api/places", responses=ERRORS)
    def places(actor: Actor = None, since: Since = None, until: Until = None, cameo: Cameo = None,
               modality: Modality = "asserted",
               limit: Annotated[int, Query(ge=1, le=5000, description="Places, busiest first.")] = 1000
               ) -> dict[str, Any]:
        """Events by place, for the map: each place with its events by quad class, events per
        country, how many matching events have a place; ``spec``: the Vega-Lite map."""
        found = run(overviews.places, actor=actor, since=since, until=until, cameo=cameo,
                    modality=_modality(modality), limit=limit)
        return {**found.to_dict(), "spec": plot.places_spec(found, OUTLINE_URL, country_keys())}

    @app.get("/api/events", responses=ERRORS)
    def events(actor: Actor = None, a: Actor = None, b: Actor = None, directed: bool = False,
               cameo: Cameo = None, since: Since = None, until: Until = None,
               place: Text = None, geonameid: GeonameId = None, country: Country = None, text: Text = None,
               modality: Modality = "asserted", limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events matching every filter; ``a`` and ``b`` together give a dyad."""
        page = run(analytics.search_events, actor=actor, dyad=_dyad(a, b), directed=directed, cameo=cameo,
                   since=since, until=until, place=place, geonameid=geonameid, country=country, text=text,
                   modality=_modality(modality), limit=limit, offset=offset)
        return page.to_dict()

    @app.get("/api/dyad", responses=ERRORS)
    def dyad(a: ActorText, b: ActorText,
             by: Period = "month", weighted: bool = False,
             directed: bool = False, since: Since = None, until: Until = None,
             consolidated: bool = False) -> dict[str, Any]:
        """Events between ``a`` and ``b`` per period, and a Vega-Lite spec charting them."""
        points = run(analytics.dyad_series, a, b, by=by, weighted=weighted, directed=directed,
                     since=since, until=until, consolidated=consolidated)
        return {"a": a.upper(), "b": b.upper(), "by": by, "points": [p.to_dict() for p in points],
                "spec": plot.dyad_spec(points, a, b, by=by)}

    @app.get("/api/actors", responses=ERRORS)
    def actors(q: ActorText, limit: Annotated[int, Query(ge=1, le=100)] = 20
               ) -> list[dict[str, Any]]:
        """Actor codes starting with, or names containing, ``q``; most mentioned first."""
        return run(analytics.find_actors, q, limit=limit)

    @app.get("/api/actors/{code}", responses=ERRORS)
    def actor(code: Annotated[str, _path(ACTOR), AfterValidator(_has_letter)], limit: Annotated[int, Query(ge=1, le=100)] = 10
              ) -> dict[str, Any]:
        """An actor's events as source and target, top partners, event mix and quotes."""
        return run(analytics.actor_profile, code, limit=limit).to_dict()

    @app.get("/api/articles/{article_id}", responses={**ERRORS, **NOT_FOUND})
    def article(article_id: Annotated[str, _path(ARTICLE_ID)]) -> dict[str, Any]:
        """One article with its entities, time expressions, quotes, places, events and tone."""
        record = run(analytics.article_view, article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id!r} in this store; search /api/events first")
        return record.to_dict()

    @app.get("/api/quotes", responses=ERRORS)
    def quotes(speaker: Actor = None, text: Text = None, limit: Limit = 50, offset: Offset = 0
               ) -> dict[str, Any]:
        """Quotes by speaker and/or containing ``text``, newest article first."""
        return run(analytics.search_quotes, speaker=speaker, text=text, limit=limit, offset=offset).to_dict()

    @app.get("/api/export/events.{fmt}", responses={**ERRORS, **FILES}, response_class=FileResponse)
    def export(fmt: Literal["tsv", "parquet"], actor: Actor = None, a: Actor = None, b: Actor = None,
               cameo: Cameo = None, since: Since = None, until: Until = None, country: Country = None,
               modality: Modality = "asserted") -> FileResponse:
        """Matching events as GDELT 2.0 TSV (``tsv``) or as Parquet rows of the events table."""
        where = search_where(actor, _dyad(a, b), since=since, until=until, cameo=cameo,
                             modality=_modality(modality), country=country)
        out = Path(tempfile.mkdtemp(prefix="newsevents-export-")) / f"events.{fmt}"
        with reading() as s:
            if fmt == "tsv":
                export_gdelt(s._con, out, where)
            else:
                s._con.execute(f"COPY (SELECT * FROM events{where} ORDER BY event_date, article_id, idx) "
                               "TO ? (FORMAT parquet)", [*where.params, str(out)])
        media = "text/tab-separated-values" if fmt == "tsv" else "application/vnd.apache.parquet"
        return FileResponse(out, media_type=media, filename=out.name,
                            background=BackgroundTask(_remove, out))

    _mount_dashboard(app)
    app.state.reader = reader
    return app


def _path(pattern: str) -> Any:
    from fastapi import Path as PathParam

    return PathParam(pattern=pattern)


def _explain(error: dict[str, Any]) -> dict[str, Any]:
    """A field error whose message says what the value should look like (not just the regex)."""
    hint = HINTS.get((error.get("ctx") or {}).get("pattern", ""))
    if hint is None:
        return error
    return {**error, "msg": f"{hint}; {str(error.get('input'))[:80]!r} is not one"}


def _dyad(a: str | None, b: str | None) -> tuple[str, str] | None:
    if bool(a) != bool(b):
        raise HTTPException(422, "a dyad needs both a and b (e.g. a=UKR&b=NATO); use actor= for one actor")
    return (a, b) if a and b else None


def _modality(modality: str) -> str | None:
    return None if modality == "all" else modality


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.parent.rmdir()


def _mount_dashboard(app: FastAPI) -> None:
    static = Path(str(resources.files("newsevents.web") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")
