"""The record contract: small frozen dataclasses that every stage, the store and the API speak.

All offsets are character offsets into ``Article.text`` (the body). Each record converts to a
plain dict (``to_dict``) and back (``from_dict``), so JSON Lines round-trips losslessly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T", bound="Record")


class Record:
    """Mixin giving frozen dataclasses a JSON-friendly dict round-trip."""

    def to_dict(self) -> dict[str, Any]:
        """Return the record as nested plain dicts and lists."""
        return dataclasses.asdict(self)  # type: ignore[call-overload,no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """Build the record from ``to_dict`` output, ignoring keys it does not know."""
        hints = _hints(cls)  # type: ignore[arg-type]
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _convert(hints[f.name], data[f.name])
        return cls(**kwargs)


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin in (list, tuple):
        (item,) = typing.get_args(hint)[:1]
        items = [_convert(item, v) for v in value]
        return tuple(items) if origin is tuple else items
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    return value


@dataclass(frozen=True)
class Article(Record):
    """One dated news article as read from a source."""

    id: str
    published: str  # ISO date (YYYY-MM-DD) or datetime
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Actor(Record):
    """A political actor in CAMEO/Phoenix conventions (``UKRGOV``, ``IGOWSTNAT``, ``RUS``)."""

    code: str
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, OPP, REB, BUS, MED, JUD, LEG, COP, CVL ...
    org: str | None = None  # NATO, UN, EU ...
    name: str | None = None  # canonical name when known


@dataclass(frozen=True)
class Span(Record):
    """A stretch of the article text (evidence)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention(Record):
    """A mention of an actor in the text (event source/target, quote speaker)."""

    start: int
    end: int
    text: str
    actor: Actor | None = None


@dataclass(frozen=True)
class Entity(Record):
    """A named-entity mention, cleaned, with the actor it resolves to (or None)."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, FAC ...
    actor: Actor | None = None
    rule: str | None = None  # which dictionary entry or rule resolved the actor


@dataclass(frozen=True)
class Timex(Record):
    """A TIMEX3 time expression normalised against the publication date."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # 2025-07-18, 2024, 2025-06, P3Y, PAST_REF ...
    mod: str | None = None  # TimeML mod: APPROX, BEFORE, AFTER, START, END ...


@dataclass(frozen=True)
class Quote(Record):
    """A direct or reported quotation and who said it."""

    start: int
    end: int
    text: str
    direct: bool
    cue: str | None = None
    speaker: Mention | None = None
    polarity: float | None = None


@dataclass(frozen=True)
class Place(Record):
    """A place mention resolved to a GeoNames record."""

    start: int
    end: int
    text: str
    name: str
    country: str | None = None  # ISO3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # country, admin, city


@dataclass(frozen=True)
class Plover(Record):
    """The PLOVER event type and mode of a CAMEO code."""

    event: str
    mode: str | None = None


@dataclass(frozen=True)
class Event(Record):
    """A coded political event with its evidence."""

    id: str
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    source: Mention
    evidence: Span
    sentence: int
    date: str
    date_precision: str  # day, month, year
    date_basis: str  # timex, publication
    modality: str = "asserted"  # asserted, negated, hypothetical, future
    confidence: float = 0.5
    pattern: str | None = None  # the pattern or dictionary entry that fired
    target: Mention | None = None
    plover: Plover | None = None
    place: Place | None = None
    quote: int | None = None  # index into ArticleRecord.quotes
    polarity: float | None = None


@dataclass(frozen=True)
class Tone(Record):
    """Document tone from an offline sentiment lexicon (see docs for the scale)."""

    tone: float  # -100..100, comparable in sign and rough scale to GDELT AvgTone
    positive: float  # % of words positive
    negative: float  # % of words negative
    polarity: float  # -1..1 compound score
    words: int


@dataclass(frozen=True)
class Reject(Record):
    """A record that could not be read, with where and why."""

    path: str
    location: str  # "line 3", "offset 1024", "item 2", "" for the whole file
    reason: str  # short code: empty_file, missing_field, bad_date, ...
    detail: str  # a sentence for a human: what is wrong and how to fix it


@dataclass(frozen=True)
class ArticleRecord(Record):
    """Everything extracted from one article: the unit ``extract`` prints and ``ingest`` stores."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tone: Tone | None = None

    def to_dict(self) -> dict[str, Any]:
        """Flatten: the article's fields at top level, then the extracted lists."""
        data = self.article.to_dict()
        for name in ("entities", "timexes", "quotes", "places", "events"):
            data[name] = [item.to_dict() for item in getattr(self, name)]
        data["tone"] = self.tone.to_dict() if self.tone else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleRecord:  # type: ignore[override]
        """Inverse of ``to_dict``."""
        return cls(
            article=Article.from_dict(data),
            entities=[Entity.from_dict(d) for d in data.get("entities", [])],
            timexes=[Timex.from_dict(d) for d in data.get("timexes", [])],
            quotes=[Quote.from_dict(d) for d in data.get("quotes", [])],
            places=[Place.from_dict(d) for d in data.get("places", [])],
            events=[Event.from_dict(d) for d in data.get("events", [])],
            tone=Tone.from_dict(data["tone"]) if data.get("tone") else None,
        )


def iso_date(value: str | None) -> dt.date | None:
    """The calendar date an ISO date/datetime string starts with; month/year → its first day.

    Args:
        value: ``2025-07-22``, ``2025-07-22T10:00:00Z``, ``2025-07`` or ``2025``.

    Returns:
        The date, or None when the string does not start with an ISO date.
    """
    if not value:
        return None
    head = value[:10]
    padded = {4: head + "-01-01", 7: head + "-01"}.get(len(head), head)
    try:
        return dt.date.fromisoformat(padded)
    except ValueError:
        return None
