"""The read-only REST API and the dashboard, served from one FastAPI app over a store.

``create_app(db)`` opens the store read-only and serves:

- ``GET /api/events``: event search (actor, dyad, CAMEO, dates, place, country, text, modality),
  paginated with ``limit`` (1–500) and ``offset``;
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
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.background import BackgroundTask

from ..analytics import plot
from ..analytics import queries as analytics
from ..errors import NewsEventsError
from ..store.analytics import search_where
from ..store.database import Store
from ..store.gdelt import export_gdelt
from ..store.lock import StoreBusy
from .reader import Reader

MAX_PAGE = 500
T = TypeVar("T")

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ACTOR = r"^[A-Za-z0-9][A-Za-z0-9 _.\-]{0,39}$"
Actor = Annotated[str | None, Query(pattern=ACTOR, description="Actor code prefix, country or org.")]
Since = Annotated[str | None, Query(pattern=DATE, description="First date: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[str | None, Query(pattern=DATE, description="Last date, inclusive.")]
Cameo = Annotated[str | None, Query(pattern=r"^\d{1,4}$", description="CAMEO code prefix (11, 112).")]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 country code.")]
Text = Annotated[str | None, Query(min_length=1, max_length=200)]
Modality = Annotated[Literal["asserted", "negated", "hypothetical", "future", "all"], Query()]
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

    @app.exception_handler(StoreBusy)
    async def _busy(request: Request, exc: StoreBusy) -> JSONResponse:
        detail = f"the store is being written by an ingest; retry in a moment ({exc})"
        return JSONResponse(status_code=503, content={"detail": detail}, headers={"Retry-After": "2"})

    @app.get("/api/events", responses=ERRORS)
    def events(actor: Actor = None, a: Actor = None, b: Actor = None, directed: bool = False,
               cameo: Cameo = None, since: Since = None, until: Until = None,
               place: Text = None, country: Country = None, text: Text = None,
               modality: Modality = "asserted", limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events matching every filter; ``a`` and ``b`` together give a dyad."""
        page = run(analytics.search_events, actor=actor, dyad=_dyad(a, b), directed=directed, cameo=cameo,
                   since=since, until=until, place=place, country=country, text=text,
                   modality=_modality(modality), limit=limit, offset=offset)
        return page.to_dict()

    @app.get("/api/dyad", responses=ERRORS)
    def dyad(a: Annotated[str, Query(pattern=ACTOR)], b: Annotated[str, Query(pattern=ACTOR)],
             by: Literal["day", "week", "month", "year"] = "month", weighted: bool = False,
             directed: bool = False, since: Since = None, until: Until = None,
             consolidated: bool = False) -> dict[str, Any]:
        """Events between ``a`` and ``b`` per period, and a Vega-Lite spec charting them."""
        points = run(analytics.dyad_series, a, b, by=by, weighted=weighted, directed=directed,
                     since=since, until=until, consolidated=consolidated)
        return {"a": a.upper(), "b": b.upper(), "by": by, "points": [p.to_dict() for p in points],
                "spec": plot.dyad_spec(points, a, b, by=by)}

    @app.get("/api/actors", responses=ERRORS)
    def actors(q: Annotated[str, Query(pattern=ACTOR)], limit: Annotated[int, Query(ge=1, le=100)] = 20
               ) -> list[dict[str, Any]]:
        """Actor codes starting with, or names containing, ``q``; most mentioned first."""
        return run(analytics.find_actors, q, limit=limit)

    @app.get("/api/actors/{code}", responses=ERRORS)
    def actor(code: Annotated[str, _path(ACTOR)], limit: Annotated[int, Query(ge=1, le=100)] = 10
              ) -> dict[str, Any]:
        """An actor's events as source and target, top partners, event mix and quotes."""
        return run(analytics.actor_profile, code, limit=limit).to_dict()

    @app.get("/api/articles/{article_id}", responses={**ERRORS, **NOT_FOUND})
    def article(article_id: Annotated[str, _path(r"^[A-Za-z0-9_.:\-]{1,128}$")]) -> dict[str, Any]:
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
