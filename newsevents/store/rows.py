"""Records to flat table rows and back, for the DuckDB store.

Nested records are flattened with a prefix: an event's source mention becomes ``source_start``,
``source_end``, ``source_text``, ``source_code`` ... ``source_name``. A nested record is NULL in
the database exactly when its first required field is NULL (``source_start``, ``code``,
``place_start``, ``plover_event``, ``tone``), so ``from_row(to_row(x)) == x`` for every record.
The Arrow schemas list the columns ``Store.add`` writes, in table order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa

from ..errors import StoreError
from ..records import (
    Actor,
    Article,
    ArticleRecord,
    Entity,
    Event,
    Mention,
    Place,
    Plover,
    Quote,
    Reject,
    Span,
    Timex,
    Tone,
    iso_date,
)

Row = dict[str, Any]

_STR, _INT, _FLOAT, _BOOL, _DATE = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()
ACTOR_FIELDS = ("code", "country", "sector", "org", "name")
PLACE_FIELDS = ("start", "end", "text", "name", "country", "lat", "lon", "geonameid", "feature")
_PLACE_TYPES = (_INT, _INT, _STR, _STR, _STR, _FLOAT, _FLOAT, pa.int64(), _STR)
_SPAN = [("article_id", _STR), ("idx", _INT), ("start", _INT), ("end", _INT), ("text", _STR)]


Columns = list[tuple[str, pa.DataType]]


def _group(prefix: str, names: tuple[str, ...], types: tuple[pa.DataType, ...]) -> Columns:
    return [(f"{prefix}{n}", t) for n, t in zip(names, types)]


_ACTOR_COLS = _group("", ACTOR_FIELDS, (_STR,) * 5)


def _mention_cols(prefix: str) -> Columns:
    return _group(f"{prefix}_", ("start", "end", "text"), (_INT, _INT, _STR)) + _group(
        f"{prefix}_", ACTOR_FIELDS, (_STR,) * 5
    )


SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [("id", _STR), ("published", _STR), ("published_date", _DATE), ("title", _STR)]
        + [("text", _STR), ("source", _STR), ("url", _STR), ("language", _STR)]
        + _group("tone", ("", "_positive", "_negative", "_polarity"), (_FLOAT,) * 4)
        + [("tone_words", _INT)]
    ),
    "entities": pa.schema(_SPAN + [("label", _STR)] + _ACTOR_COLS + [("rule", _STR)]),
    "timexes": pa.schema(_SPAN + [("type", _STR), ("value", _STR), ("mod", _STR)]),
    "quotes": pa.schema(
        _SPAN + [("direct", _BOOL), ("cue", _STR)] + _mention_cols("speaker") + [("polarity", _FLOAT)]
    ),
    "places": pa.schema(_SPAN + _group("", PLACE_FIELDS[3:], _PLACE_TYPES[3:])),
    "events": pa.schema(
        [("id", _STR), ("article_id", _STR), ("idx", _INT), ("cameo", _STR), ("root", _STR)]
        + [("quad_class", _INT), ("goldstein", _FLOAT)]
        + _mention_cols("source")
        + _mention_cols("target")
        + [("plover_event", _STR), ("plover_mode", _STR)]
        + _group("place_", PLACE_FIELDS, _PLACE_TYPES)
        + _group("evidence_", ("start", "end", "text"), (_INT, _INT, _STR))
        + [("sentence", _INT), ("date", _STR), ("event_date", _DATE), ("date_precision", _STR)]
        + [("date_basis", _STR), ("modality", _STR), ("confidence", _FLOAT), ("pattern", _STR)]
        + [("quote", _INT), ("polarity", _FLOAT)]
    ),
    "rejects": pa.schema([("path", _STR), ("location", _STR), ("reason", _STR), ("detail", _STR)]),
}


# ---- records -> rows -----------------------------------------------------------------------


def _prefixed(record: Any, names: tuple[str, ...], prefix: str) -> Row:
    return {f"{prefix}{n}": getattr(record, n) if record else None for n in names}


def _mention_row(mention: Mention | None, prefix: str) -> Row:
    row = _prefixed(mention, ("start", "end", "text"), f"{prefix}_")
    row.update(_prefixed(mention.actor if mention else None, ACTOR_FIELDS, f"{prefix}_"))
    return row


def _span_row(article_id: str, idx: int, item: Any) -> Row:
    return {"article_id": article_id, "idx": idx, "start": item.start, "end": item.end, "text": item.text}


def article_row(article: Article, tone: Tone | None) -> Row:
    """The ``articles`` row of an article and its tone."""
    row = article.__dict__ | {"published_date": iso_date(article.published)}
    row["tone"] = tone.tone if tone else None
    row.update(_prefixed(tone, ("positive", "negative", "polarity", "words"), "tone_"))
    return row


def entity_row(article_id: str, idx: int, entity: Entity) -> Row:
    """The ``entities`` row of the idx-th entity of an article."""
    row = _span_row(article_id, idx, entity) | {"label": entity.label, "rule": entity.rule}
    return row | _prefixed(entity.actor, ACTOR_FIELDS, "")


def timex_row(article_id: str, idx: int, timex: Timex) -> Row:
    """The ``timexes`` row of the idx-th time expression of an article."""
    return _span_row(article_id, idx, timex) | {"type": timex.type, "value": timex.value, "mod": timex.mod}


def quote_row(article_id: str, idx: int, quote: Quote) -> Row:
    """The ``quotes`` row of the idx-th quote of an article."""
    row = _span_row(article_id, idx, quote) | {"direct": quote.direct, "cue": quote.cue}
    return row | _mention_row(quote.speaker, "speaker") | {"polarity": quote.polarity}


def place_row(article_id: str, idx: int, place: Place) -> Row:
    """The ``places`` row of the idx-th place of an article."""
    return {"article_id": article_id, "idx": idx} | place.__dict__


_EVENT_NESTED = frozenset({"source", "target", "plover", "place", "evidence"})


def event_row(article_id: str, idx: int, event: Event, published: str) -> Row:
    """The ``events`` row of the idx-th event; ``event_date`` falls back to ``published``."""
    row = {k: v for k, v in event.__dict__.items() if k not in _EVENT_NESTED}
    row |= {"article_id": article_id, "idx": idx}
    row |= _mention_row(event.source, "source") | _mention_row(event.target, "target")
    row |= _prefixed(event.plover, ("event", "mode"), "plover_")
    row |= _prefixed(event.place, PLACE_FIELDS, "place_")
    row |= _prefixed(event.evidence, ("start", "end", "text"), "evidence_")
    row["event_date"] = iso_date(event.date) or iso_date(published)
    return row


def reject_row(reject: Reject) -> Row:
    """The ``rejects`` row of a reject."""
    return dict(reject.__dict__)


# ---- rows -> records -----------------------------------------------------------------------


def _take(row: Row, cls: type, names: tuple[str, ...], prefix: str) -> Any:
    if row[f"{prefix}{names[0]}"] is None:
        return None
    return cls(**{n: row[f"{prefix}{n}"] for n in names})


def _actor(row: Row, prefix: str = "") -> Actor | None:
    return _take(row, Actor, ACTOR_FIELDS, prefix)  # type: ignore[no-any-return]


def _mention(row: Row, prefix: str) -> Mention | None:
    if row[f"{prefix}_start"] is None:
        return None
    p = f"{prefix}_"
    return Mention(row[p + "start"], row[p + "end"], row[p + "text"], _actor(row, p))


def article_from_row(row: Row) -> tuple[Article, Tone | None]:
    """The article and tone of an ``articles`` row."""
    names = ("id", "published", "title", "text", "source", "url", "language")
    article = Article(**{n: row[n] for n in names})
    if row["tone"] is None:
        return article, None
    tone = Tone(row["tone"], row["tone_positive"], row["tone_negative"], row["tone_polarity"], row["tone_words"])
    return article, tone


def entity_from_row(row: Row) -> Entity:
    """The entity of an ``entities`` row."""
    return Entity(row["start"], row["end"], row["text"], row["label"], _actor(row), row["rule"])


def timex_from_row(row: Row) -> Timex:
    """The time expression of a ``timexes`` row."""
    return Timex(row["start"], row["end"], row["text"], row["type"], row["value"], row["mod"])


def quote_from_row(row: Row) -> Quote:
    """The quote of a ``quotes`` row."""
    speaker = _mention(row, "speaker")
    return Quote(row["start"], row["end"], row["text"], row["direct"], row["cue"], speaker, row["polarity"])


def place_from_row(row: Row) -> Place:
    """The place of a ``places`` row."""
    return _take(row, Place, PLACE_FIELDS, "")  # type: ignore[no-any-return]


_EVENT_SCALARS = tuple(
    "id cameo root quad_class goldstein sentence date date_precision date_basis modality confidence pattern "
    "quote polarity".split()
)


def event_from_row(row: Row) -> Event:
    """The event of an ``events`` row."""
    return Event(
        **{n: row[n] for n in _EVENT_SCALARS},
        source=_mention(row, "source"),  # type: ignore[arg-type]  # required, never NULL
        target=_mention(row, "target"),
        evidence=_take(row, Span, ("start", "end", "text"), "evidence_"),
        plover=_take(row, Plover, ("event", "mode"), "plover_"),
        place=_take(row, Place, PLACE_FIELDS, "place_"),
    )


def reject_from_row(row: Row) -> Reject:
    """The reject of a ``rejects`` row."""
    return Reject(row["path"], row["location"], row["reason"], row["detail"])


FROM_ROW: dict[str, Callable[[Row], Any]] = {
    "entities": entity_from_row,
    "timexes": timex_from_row,
    "quotes": quote_from_row,
    "places": place_from_row,
    "events": event_from_row,
    "rejects": reject_from_row,
}


CHILD_TABLES = ("entities", "timexes", "quotes", "places", "events")

TO_ROW: dict[str, Callable[..., Row]] = {
    "entities": entity_row,
    "timexes": timex_row,
    "quotes": quote_row,
    "places": place_row,
}


def arrow_tables(records: list[ArticleRecord]) -> dict[str, pa.Table]:
    """One Arrow table per non-empty table of the batch; names the article a bad value is in."""
    table_rows: dict[str, list[Row]] = {"articles": [], **{t: [] for t in CHILD_TABLES}}
    for record in records:
        for table, row in record_rows(record):
            table_rows[table].append(row)
    try:
        return {t: _to_arrow(t, r) for t, r in table_rows.items() if r}
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        for record in records:
            _check_record(record)
        raise


def record_rows(record: ArticleRecord) -> Iterator[tuple[str, Row]]:
    article = record.article
    yield "articles", article_row(article, record.tone)
    for table, to_row in TO_ROW.items():
        for idx, item in enumerate(getattr(record, table)):
            yield table, to_row(article.id, idx, item)
    for idx, event in enumerate(record.events):
        yield "events", event_row(article.id, idx, event, article.published)


def _to_arrow(table: str, table_rows: list[Row]) -> pa.Table:
    return pa.Table.from_pylist(table_rows, schema=SCHEMAS[table])


def _check_record(record: ArticleRecord) -> None:
    for table, row in record_rows(record):
        try:
            _to_arrow(table, [row])
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as exc:
            raise StoreError(
                f"article {record.article.id}: a value in its {table} does not fit the store's "
                f"column types ({exc}); the extractor produced a wrong type — nothing of this batch was stored"
            ) from None
