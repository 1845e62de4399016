"""WHERE clauses of the store's listings, built from conditions and bound parameters only.

Actor filters match an actor code prefix, a country or an org, case-insensitively (``UKR``
matches UKRGOV; ``NATO`` matches org NATO, whose code is IGOWSTNAT). Filter values never enter
the SQL text; column names come from this module only.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..errors import ConfigError
from ..records import iso_date

MODALITIES = ("asserted", "negated", "hypothetical", "future")


class Where:
    """A WHERE clause: conditions joined by AND, with their bound parameters in order."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        """Add a condition with ``?`` placeholders and the values they bind."""
        self.conditions.append(condition)
        self.params.extend(params)

    def __str__(self) -> str:
        return f" WHERE {' AND '.join(self.conditions)}" if self.conditions else ""


def entity_where(label: str | None, actor: str | None) -> Where:
    """Entities with this NER label and/or resolved to this actor."""
    where = Where()
    if label:
        where.add("label = ?", label.upper())
    if actor:
        where.add(*actor_match(None, actor))
    return where


def quote_where(speaker: str | None) -> Where:
    """Quotes whose speaker resolves to this actor."""
    where = Where()
    if speaker:
        where.add(*actor_match("speaker", speaker))
    return where


def event_where(
    actor: str | None,
    dyad: tuple[str, str] | None,
    since: str | dt.date | None,
    until: str | dt.date | None,
    cameo: str | None,
    modality: str | None,
    directed: bool,
) -> Where:
    """Events matching every given filter (see ``Store.events``).

    Raises:
        ConfigError: a malformed date or cameo prefix, or an unknown modality.
    """
    where = Where()
    if actor:
        (s, *p), (t, *q) = actor_match("source", actor), actor_match("target", actor)
        where.add(f"({s} OR {t})", *p, *q)
    if dyad:
        where.add(*_dyad(dyad, directed))
    if since:
        where.add("event_date >= ?", as_date(since, "since", end=False))
    if until:
        where.add("event_date <= ?", as_date(until, "until", end=True))
    if cameo:
        where.add("(starts_with(cameo, ?) OR root = ?)", *[_check_cameo(cameo)] * 2)
    if modality:
        where.add("modality = ?", _check_modality(modality))
    return where


def actor_match(prefix: str | None, value: str) -> tuple[str, ...]:
    """The condition that an actor (columns ``{prefix}_code`` ...) matches ``value``, and its
    parameters: a code prefix, a country, an org, or whole words of the name.

    Args:
        prefix: the column prefix (``source``, ``target``, ``speaker``), or None for the bare
            actor columns of the entities table.
        value: what the user typed (any letters; case, accents and punctuation do not matter
            for names).

    Returns:
        ``(condition, *params)``.
    """
    p = f"{prefix}_" if prefix else ""
    code = value.strip().upper()
    condition = (f"(starts_with({p}code, ?) OR {p}country = ? OR upper({p}org) = ? "
                 f"OR strpos({_words(f'{p}name')}, {_words('?')}) > 0)")
    return (condition, code, code, code, code)


def _words(expr: str) -> str:
    """SQL: ``expr`` upper-cased, without accents, punctuation as spaces, padded with spaces, so
    that ``strpos`` finds whole words ("NATO" is not in "SENATOR")."""
    return f"(' ' || translate(strip_accents(upper({expr})), '-.,''’', '     ') || ' ')"




def _dyad(dyad: tuple[str, str], directed: bool) -> tuple[str, ...]:
    a, b = dyad
    (sa, *pa), (tb, *pb) = actor_match("source", a), actor_match("target", b)
    if directed:
        return (f"({sa} AND {tb})", *pa, *pb)
    (sb, *qb), (ta, *qa) = actor_match("source", b), actor_match("target", a)
    return (f"(({sa} AND {tb}) OR ({sb} AND {ta}))", *pa, *pb, *qb, *qa)


def as_date(value: str | dt.date, name: str, *, end: bool) -> dt.date:
    """A filter date; a year or month means its first day, or its last when ``end``.

    Raises:
        ConfigError: ``value`` is not YYYY, YYYY-MM or YYYY-MM-DD.
    """
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    first = iso_date(text) if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) else None
    if first is None:
        raise ConfigError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    if not end or len(text) == 10:
        return first
    if len(text) == 4:
        return dt.date(first.year, 12, 31)
    next_month = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return next_month - dt.timedelta(days=1)


def _check_cameo(code: str) -> str:
    if not re.fullmatch(r"\d{1,4}", code):
        raise ConfigError(f"cameo={code!r} is not a CAMEO code prefix; use digits such as 11 or 112")
    return code


def _check_modality(modality: str) -> str:
    if modality not in MODALITIES:
        raise ConfigError(f"unknown modality {modality!r}; use one of {', '.join(MODALITIES)}")
    return modality
