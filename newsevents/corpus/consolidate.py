"""Event consolidation: one row per happening, every article that reports it kept as a mention.

Coded events (``Event`` rows, one per clause of one article) that report the same happening are
merged into a :class:`ConsolidatedEvent`. Two event mentions are compatible when they have

- the same modality and the same source and target actor codes (the dyad; an event whose
  source actor has no code is never merged),
- compatible CAMEO codes: the same root, and equal codes, a code and its parent (``0121`` and
  ``012``), or a code and its root's generic code (``012`` and ``010``),
- overlapping dates at their precisions (``2025-07`` overlaps ``2025-07-18``); two day dates
  may differ by one day when either is only the publication date (wire stories dated the day
  after the happening),
- compatible places: the same country, or one of them without a place;
- the same named person, when both actors carry a name (Baker and Mulford are both USAGOV);
- evidence clauses that say the same thing: identical, or sharing at least two content words
  and :data:`EVIDENCE_OVERLAP` of the shorter one's content words, the words of the actor
  mentions left out (two statements by one government on one day are often two happenings,
  and "the Federal Reserve said" alone does not make two data releases one);
- and, unless both articles are copies of one story (the same near-duplicate cluster), actors
  that name a country or an organisation (a bare ``GOV`` or ``BUS`` may be any government or
  firm).

The evidence rules were set on the hand-checked Reuters sample of ``bench/dedup.py`` (a
development set): they trade recall (two reports of one happening worded differently stay
apart) for precision.

Mentions are consolidated within a calendar period: the month their date falls in (the year for
a year-precision date). Ingesting a chunk then rebuilds only the (dyad, period) groups it touches,
so its cost does not grow with the archive; the price is that two reports on either side of a
month's end (31 July and, by publication date, 1 August) stay two events.

Within a dyad and period, mentions are grouped greedily with complete linkage: a mention joins the first
consolidated event *every* mention of which it is compatible with, so a month-precision mention
never chains two different days together. Each consolidated event counts its mentions, articles,
sources (distinct ``Article.source``; an article without a source counts on its own) and
independent sources (distinct near-duplicate clusters of ``corpus/dedup.py``: syndicated copies of one
wire story count once), and says in ``merge_reason`` why its mentions were merged.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..records import Actor, Record, Span, iso_date

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
#: Share of the shorter evidence clause's content words (actor words left out) that the other
#: clause must contain for two mentions to merge.
EVIDENCE_OVERLAP = 0.5
_WORD = re.compile(r"\w+")
_REPORTING = frozenset("said says say told tells added according statement reporters".split())


@dataclass(frozen=True)
class EventMention(Record):
    """One event of one article, as evidence for a consolidated event."""

    event_id: str
    article_id: str
    cameo: str
    date: str
    date_precision: str
    date_basis: str
    confidence: float
    evidence: Span
    source: Actor | None = None
    target: Actor | None = None
    modality: str = "asserted"
    place_country: str | None = None
    published: str = ""
    article_source: str | None = None  # Article.source, e.g. "Reuters"
    cluster_id: str | None = None  # the article's near-duplicate cluster
    actor_text: str = ""  # the source and target mention texts, left out of evidence comparison


@dataclass(frozen=True)
class ConsolidatedEvent(Record):
    """One happening, with every mention that reports it."""

    id: str
    cameo: str
    root: str
    modality: str
    date: str
    date_precision: str
    num_mentions: int
    num_articles: int
    num_sources: int
    num_independent_sources: int
    merge_reason: str
    source: Actor | None = None
    target: Actor | None = None
    place_country: str | None = None
    mentions: list[EventMention] = field(default_factory=list)


# ---- compatibility ------------------------------------------------------------------------


def date_interval(date: str, precision: str, fallback: str = "") -> tuple[dt.date, dt.date] | None:
    """First and last day a date stands for at its precision (``2025-07`` -> July 1-31).

    Args:
        date: the event date (``2025``, ``2025-07``, ``2025-07-18``).
        precision: day, month or year.
        fallback: a date to use (as a day) when ``date`` is not ISO, e.g. the publication date.

    Returns:
        The interval, or None when neither date can be read.
    """
    first = iso_date(date)
    if first is None:
        first, precision = iso_date(fallback), "day"
    if first is None:
        return None
    if precision == "year" or len(date) == 4:
        return dt.date(first.year, 1, 1), dt.date(first.year, 12, 31)
    if precision == "month" or len(date) == 7:
        start = first.replace(day=1)
        return start, (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, first


def dates_overlap(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions' dates can be the same day (see the module docstring)."""
    ia, ib = date_interval(a.date, a.date_precision, a.published), date_interval(b.date, b.date_precision, b.published)
    if ia is None or ib is None:
        return a.date == b.date
    slack = dt.timedelta(days=1) if "publication" in (a.date_basis, b.date_basis) and _is_day(ia) and _is_day(ib) else dt.timedelta(0)
    return ia[0] <= ib[1] + slack and ib[0] <= ia[1] + slack


def _is_day(interval: tuple[dt.date, dt.date]) -> bool:
    return interval[0] == interval[1]


def cameo_compatible(a: str, b: str) -> bool:
    """Same root and equal, parent and child, or one the root's generic code (``010``)."""
    if a[:2] != b[:2]:
        return False
    generic = a[:2] + "0"
    return a.startswith(b) or b.startswith(a) or generic in (a, b)


def compatible(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions may report the same happening."""
    return (
        a.source is not None
        and b.source is not None
        and a.modality == b.modality
        and _code(a.source) == _code(b.source)
        and _code(a.target) == _code(b.target)
        and cameo_compatible(a.cameo, b.cameo)
        and (a.place_country is None or b.place_country is None or a.place_country == b.place_country)
        and dates_overlap(a, b)
        and _same_person(a.source, b.source)
        and _same_person(a.target, b.target)
        and same_wording(a, b)
        and (_same_story(a, b) or _specific(a))
    )


def _same_person(x: Actor | None, y: Actor | None) -> bool:
    if x is None or y is None or not x.name or not y.name:
        return True
    return x.name.split()[-1].lower() == y.name.split()[-1].lower()


def _same_story(a: EventMention, b: EventMention) -> bool:
    return (a.cluster_id or a.article_id) == (b.cluster_id or b.article_id)


def _specific(m: EventMention) -> bool:
    """Both actors name a country or an organisation (not a bare sector such as GOV)."""
    return all(actor.country or actor.org for actor in (m.source, m.target) if actor is not None)


def same_wording(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions' evidence clauses say the same thing (see the module docstring)."""
    if " ".join(a.evidence.text.lower().split()) == " ".join(b.evidence.text.lower().split()):
        return True
    actors = _content_words(f"{a.actor_text} {b.actor_text}")
    wa, wb = _content_words(a.evidence.text) - actors, _content_words(b.evidence.text) - actors
    shared = len(wa & wb)
    return shared >= 2 and shared / min(len(wa), len(wb)) >= EVIDENCE_OVERLAP


@functools.lru_cache(maxsize=65536)
def _content_words(text: str) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (w for w in _WORD.findall((text or "").lower()) if len(w) > 1 or w.isdigit())
    return frozenset(w for w in words if w not in STOP_WORDS and w not in _REPORTING)


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor else None


# ---- grouping -----------------------------------------------------------------------------


def _order(m: EventMention) -> tuple[Any, ...]:
    interval = date_interval(m.date, m.date_precision, m.published)
    start = interval[0] if interval else dt.date.max
    return (_PRECISION_RANK.get(m.date_precision, 3), start, m.published, m.article_id, m.event_id)


def period(m: EventMention) -> str | None:
    """The calendar period a mention is consolidated within: ``2025-07``, or ``2025`` for a year."""
    interval = date_interval(m.date, m.date_precision, m.published)
    if interval is None:
        return None
    if interval[1] - interval[0] > dt.timedelta(days=31):
        return f"{interval[0].year:04d}"
    return f"{interval[0].year:04d}-{interval[0].month:02d}"


def group_key(m: EventMention) -> tuple[Any, ...]:
    """What two mentions must share to be grouped: dyad, root, modality and period."""
    return (_code(m.source), _code(m.target), m.cameo[:2], m.modality, period(m))


def group_mentions(mentions: Iterable[EventMention]) -> list[list[EventMention]]:
    """Group mentions into happenings: greedy complete linkage within each dyad, root and period.

    Returns:
        Groups in a stable order; each group's first mention is its anchor (most precise date,
        earliest).
    """
    by_key: dict[tuple[Any, ...], list[EventMention]] = {}
    for m in sorted(mentions, key=_order):
        by_key.setdefault(group_key(m), []).append(m)
    groups: list[list[EventMention]] = []
    for items in by_key.values():
        open_groups: list[list[EventMention]] = []
        for m in items:
            home = next((g for g in open_groups if all(compatible(m, other) for other in g)), None)
            if home is None:
                open_groups.append([m])
            else:
                home.append(m)
        groups.extend(open_groups)
    return groups


def summarise(group: Sequence[EventMention]) -> ConsolidatedEvent:
    """The consolidated event of a group of compatible mentions."""
    anchor = group[0]
    codes = Counter(m.cameo for m in group)
    cameo = max(codes, key=lambda c: (codes[c], len(c), c))
    best = min(_PRECISION_RANK.get(m.date_precision, 3) for m in group)
    dates = Counter(m.date for m in group if _PRECISION_RANK.get(m.date_precision, 3) == best)
    date = max(dates, key=lambda d: (dates[d], d))
    precision = next(m.date_precision for m in group if m.date == date)
    countries = [m.place_country for m in group if m.place_country]
    return ConsolidatedEvent(
        id=anchor.event_id,
        cameo=cameo,
        root=cameo[:2],
        modality=anchor.modality,
        date=date,
        date_precision=precision,
        num_mentions=len(group),
        num_articles=len({m.article_id for m in group}),
        num_sources=len({m.article_source or f"article:{m.article_id}" for m in group}),
        num_independent_sources=len({m.cluster_id or m.article_id for m in group}),
        merge_reason=merge_reason(group),
        source=anchor.source,
        target=anchor.target,
        place_country=countries[0] if countries else None,
        mentions=list(group),
    )


def merge_reason(group: Sequence[EventMention]) -> str:
    """Why these mentions were merged, in words (``same dyad UKRGOV->WST, CAMEO 012 ...``)."""
    if len(group) == 1:
        return "single mention"
    anchor = group[0]
    dyad = f"{_code(anchor.source)}->{_code(anchor.target) or '(no target)'}"
    codes = sorted({m.cameo for m in group})
    cameo = f"CAMEO {codes[0]}" if len(codes) == 1 else f"CAMEO {' and '.join(codes)} within root {codes[0][:2]}"
    dates = sorted({m.date for m in group})
    when = f"date {dates[0]}" if len(dates) == 1 else f"dates {' and '.join(dates)} overlap"
    countries = sorted({m.place_country for m in group if m.place_country})
    where = f", place {countries[0]}" if countries else ""
    articles = len({m.article_id for m in group})
    clusters = len({m.cluster_id or m.article_id for m in group})
    return (
        f"same dyad {dyad}, {cameo}, {when}{where}, {len(group)} mentions in {articles} "
        f"article{'s' * (articles != 1)} from {clusters} independent source{'s' * (clusters != 1)}"
    )
