"""TIMEX3 normalisation: a partly specified time value resolved against its context.

Detection (``timex_patterns``) turns each expression into a :class:`Partial` — the fields the
words fix (year, month, day, week, season, part of day ...), an optional shift, what it is
anchored to (the publication date ``DCT`` or the document reference time ``REF``) and the
direction the context must choose (``tense``: past/future/nearest). :func:`resolve` fills in
the rest from the publication date, the tense of the governing clause and the reference time,
and writes the TIMEX3 value string.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

#: Calendar granularities, coarse to fine.
GRANULARITIES = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day")


@dataclass(frozen=True)
class Partial:
    """A time expression as the words give it, before context is applied.

    Attributes:
        type: TIMEX3 type (DATE, TIME, DURATION, SET).
        value: a finished value (durations, sets, PRESENT_REF ...); empty when to be resolved.
        fields: the calendar fields the words fix: year, month, day, weekday, season,
            quarter, half, decade, century, hour, minute, pod (part of day), fy (fiscal year).
        granularity: the unit the value is written in (year, month, week, day ...).
        shift: (n, unit) to add to the anchor: ("last year" -> (-1, "year")).
        anchor: "DCT" (publication date), "REF" (document reference time) or "" (absolute).
        tense: "" when the fields fix the date, else "context" to pick past/future/nearest
            from the governing clause.
        mod: TimeML mod (START, MID, END, APPROX, BEFORE, AFTER ...).
        event_shift: for "N units earlier/later": the shift an event stated with it takes from
            the reference time (not part of the TIMEX3 value).
    """

    type: str = "DATE"
    value: str = ""
    fields: dict[str, int | str] = field(default_factory=dict)
    granularity: str = "day"
    shift: tuple[float, str] | None = None
    anchor: str = ""
    tense: str = ""
    mod: str | None = None
    event_shift: tuple[float, str] | None = None


def resolve(part: Partial, dct: dt.date, tense: str, ref: dt.date | None) -> str:
    """Write the TIMEX3 value of a partial expression in its context.

    Args:
        part: the expression as detected.
        dct: the publication date.
        tense: "past", "present", "future" or "" (none found) for the governing clause.
        ref: the document reference time (last fully specified date before it), if any.

    Returns:
        The TIMEX3 value (``2025-07-18``, ``2024``, ``2025-W30``, ``P3Y`` ...).
    """
    if part.value:
        return part.value
    anchor = ref if part.anchor == "REF" and ref is not None else dct
    if part.shift is not None:
        return _shifted(part, anchor)
    if "weekday" in part.fields and "day" not in part.fields:
        return with_weekday(part, dct, tense, ref)
    if part.fields.get("overnight"):  # the night before publication unless the clause looks ahead
        night = dct if tense == "future" else dct - dt.timedelta(days=1)
        return f"{night.isoformat()}TNI"
    if "day" in part.fields and "month" not in part.fields:  # "on the 5th"
        return day_of_month(int(part.fields["day"]), dct, _direction(part, tense)).isoformat()
    fields = dict(part.fields)
    if "year" not in fields and not {"decade", "century", "fy"} & fields.keys():
        fields["year"] = _year_for(fields, anchor, _direction(part, tense))
    return _write(fields, part.granularity, part.type)


def anchor_date(value: str) -> tuple[str, str] | None:
    """The calendar date an event stated with this TIMEX3 value takes, with its precision.

    Args:
        value: a DATE or TIME value.

    Returns:
        (date, precision) — ``("2025-07-18", "day")``, ``("2025-06", "month")``, ``("2024",
        "year")`` — or None when the value names no calendar date (durations, PRESENT_REF,
        decades, XXXX ...).
    """
    if len(value) < 4 or not value[:4].isdigit():
        return (value[2:6], "year") if value.startswith("FY") and value[2:6].isdigit() else None
    year, rest = value[:4], value[4:]
    if rest[:1] == "-" and rest[1:3].isdigit() and rest[3:4] == "-" and rest[4:6].isdigit():
        return value[:10], "day"
    if rest[:1] == "-" and rest[1:3].isdigit():
        return value[:7], "month"
    if rest.startswith("-W") and rest[2:4].isdigit():
        thursday = dt.date.fromisocalendar(int(year), int(rest[2:4]), 4)
        return thursday.strftime("%Y-%m"), "month"
    return year, "year"


def to_date(value: str) -> dt.date | None:
    """The first day a DATE/TIME value covers (used as the document reference time)."""
    found = anchor_date(value)
    if found is None:
        return None
    part = re.fullmatch(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)", value)
    if part:  # the first day of the quarter, half or season (winter: its December start)
        start = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6,
                 "FA": 9, "WI": 12}[part[2]]
        return dt.date(int(part[1]) - (part[2] == "WI"), start, 1)
    text, _ = found
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def day_of_month(day: int, anchor: dt.date, direction: str) -> dt.date:
    """The date of a day of the month given alone ("the 5th"): this month's, or the previous
    (next) month's when the direction is past (future) and this month's is on the other side."""
    month_start = anchor.replace(day=1)
    if direction == "past" and day > anchor.day:
        month_start = month_start - relativedelta(months=1)
    elif direction == "future" and day < anchor.day:
        month_start = month_start + relativedelta(months=1)
    return _safe_date(month_start.year, month_start.month, day)


def granularity_of(value: str) -> str | None:
    """The calendar unit a DATE value is written in ("2025-Q2" -> quarter), None if none."""
    for gran, rx in _GRANULARITY_RX:
        if rx.fullmatch(value):
            return gran
    return None


_GRANULARITY_RX = tuple((g, re.compile(rx)) for g, rx in (
    ("day", r"\d{4}-\d\d-\d\d"), ("month", r"\d{4}-\d\d"), ("week", r"\d{4}-W\d\d"),
    ("quarter", r"\d{4}-Q[1-4]"), ("half", r"\d{4}-H[12]"), ("season", r"\d{4}-(?:SP|SU|FA|WI)"),
    ("year", r"\d{4}")))


def shift_date(day: dt.date, n: float, unit: str) -> dt.date:
    """Move a date by n units (day, week, month, quarter, season, half, year, decade ...)."""
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120}
    whole = int(n)
    if unit == "day":
        return day + dt.timedelta(days=whole)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=whole)
    if unit == "century":
        return day + relativedelta(years=100 * whole)
    return day + relativedelta(months=months.get(unit, 0) * whole)


def _shifted(part: Partial, anchor: dt.date) -> str:
    n, unit = part.shift  # type: ignore[misc]
    moved = shift_date(anchor, n, unit)
    fields: dict[str, int | str] = {"year": moved.year, "month": moved.month, "day": moved.day}
    if part.fields.get("fiscal"):
        return f"FY{moved.year}"  # "next fiscal year"
    keep = ("pod", "hour", "minute", "tz", "season", "quarter", "half", "month")
    fields.update({k: v for k, v in part.fields.items() if k in keep})
    fields.setdefault("quarter", (moved.month - 1) // 3 + 1)
    fields.setdefault("half", 1 if moved.month <= 6 else 2)
    fields.setdefault("season", "WI SP SP SP SU SU SU FA FA FA WI WI".split()[moved.month - 1])
    gran = part.granularity
    if gran in ("decade", "century"):  # "this decade" -> 202, "last century" -> 19
        return f"{moved.year // 10:03d}" if gran == "decade" else f"{moved.year // 100:02d}"
    if gran == "weekend" or part.fields.get("weekend"):
        fields["weekend"] = 1
        gran = "week"
    return _write(fields, gran, part.type, moved)


def _direction(part: Partial, tense: str) -> str:
    if part.tense != "context":
        return "nearest"
    if tense == "past":
        return "past"
    if tense == "future":
        return "future"
    # News default: with no tense, a bare weekday is the last one; a month the nearest one.
    return "past" if "weekday" in part.fields else "nearest"


def _year_for(fields: dict[str, int | str], anchor: dt.date, direction: str) -> int:
    """The year of a month/day/weekday/season/quarter given without one."""
    if "weekday" in fields and "month" not in fields:
        return anchor.year  # resolved with the day in _write via _weekday_date
    month = _month_of(fields)
    if month is None:
        return anchor.year
    day = int(fields.get("day", 0))
    strict = int(fields.get("strict", 0))
    if strict:  # "last June" / "next June": never the current month
        if strict < 0:
            return anchor.year if month < anchor.month else anchor.year - 1
        return anchor.year if month > anchor.month else anchor.year + 1
    here = (anchor.month, anchor.day if day else 0)
    there = (month, day)
    if direction == "past":
        return anchor.year if there <= here else anchor.year - 1
    if direction == "future":
        return anchor.year if there >= here else anchor.year + 1
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(candidates, key=lambda y: abs(_safe_date(y, month, day or 15) - anchor))


def _month_of(fields: dict[str, int | str]) -> int | None:
    if "month" in fields:
        return int(fields["month"])
    if "season" in fields:
        return {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[str(fields["season"])]
    if "quarter" in fields:
        return 3 * int(fields["quarter"]) - 1
    if "half" in fields:
        return 6 * int(fields["half"]) - 3
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def weekday_date(weekday: int, anchor: dt.date, direction: str, week_shift: int = 0) -> dt.date:
    """The date of a weekday (1 = Monday) relative to the anchor.

    Args:
        weekday: ISO weekday number.
        anchor: the publication date or reference time.
        direction: "past" (on or before the anchor), "future" (after it) or "this" (same ISO
            week).
        week_shift: weeks to add for "last"/"next" + weekday (applied to the ISO week).
    """
    if direction == "this" or week_shift:
        monday = anchor - dt.timedelta(days=anchor.isoweekday() - 1)
        return monday + dt.timedelta(days=weekday - 1, weeks=week_shift)
    back = (anchor.isoweekday() - weekday) % 7
    last = anchor - dt.timedelta(days=back)
    return last + dt.timedelta(days=7) if direction == "future" else last


def _write(fields: dict[str, int | str], gran: str, ttype: str, day: dt.date | None = None) -> str:
    """Serialise resolved fields to a TIMEX3 value at the given granularity."""
    if "century" in fields:
        return f"{int(fields['century']):02d}"
    if "decade" in fields:
        return f"{int(fields['decade']):03d}"
    if "fy" in fields:
        return f"FY{int(fields['fy'])}"
    year = int(fields["year"])
    if gran == "year":
        return f"{year:04d}"
    if gran in ("season", "quarter", "half"):
        return _write_part_of_year(fields, gran, year)
    if gran == "month":
        return f"{year:04d}-{int(fields['month']):02d}"
    if gran == "week":
        day = day or _safe_date(year, int(fields.get("month", 1)), int(fields.get("day", 1)))
        iso = day.isocalendar()
        suffix = "-WE" if fields.get("weekend") else ""
        return f"{iso.year:04d}-W{iso.week:02d}{suffix}"
    day = day or _safe_date(year, int(fields["month"]), int(fields["day"]))
    return day.isoformat() + _time_suffix(fields, ttype)


def _write_part_of_year(fields: dict[str, int | str], gran: str, year: int) -> str:
    if gran == "season":
        season = str(fields["season"])
        return f"{year - 1 if season == 'WI' and fields.get('winter_prev') else year:04d}-{season}"
    if gran == "quarter":
        return f"{year:04d}-Q{int(fields['quarter'])}"
    return f"{year:04d}-H{int(fields['half'])}"


def _time_suffix(fields: dict[str, int | str], ttype: str) -> str:
    if "hour" in fields:
        return f"T{int(fields['hour']):02d}:{int(fields.get('minute', 0)):02d}{fields.get('tz', '')}"
    if "pod" in fields:
        return f"T{fields['pod']}"
    return ""


def with_weekday(part: Partial, dct: dt.date, tense: str, ref: dt.date | None) -> str:
    """Resolve a weekday expression ("Friday", "last Monday", "Friday morning")."""
    anchor = ref if part.anchor == "REF" and ref is not None else dct
    weekday = int(part.fields["weekday"])
    week_shift = int(part.fields.get("week_shift", 0))
    direction = "this" if part.fields.get("this") else _direction(part, tense)
    if part.fields.get("past"):
        direction = "past"
    day = weekday_date(weekday, anchor, direction, week_shift)
    if part.fields.get("past") and day == anchor:
        day -= dt.timedelta(days=7)
    if part.fields.get("weekend"):
        return _write({"year": day.year, "weekend": 1}, "week", part.type, day)
    fields = {k: v for k, v in part.fields.items() if k in ("pod", "hour", "minute", "tz")}
    fields.update({"year": day.year, "month": day.month, "day": day.day})
    return _write(fields, "day", part.type, day)
