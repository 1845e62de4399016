"""TIMEX3 detection vocabulary: the regex building blocks, number and unit words, handlers.

The rule table itself is in :mod:`.timex_rules`: each rule there pairs a regex with one of the
``h_*`` handlers here, which turns the match into a :class:`Partial` (the expression as the
words give it, before context). Month and weekday names must be capitalised; everything else
is case-insensitive.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

from .resolve import Partial

Handler = Callable[[re.Match[str]], Partial | None]


@functools.cache
def lexicon() -> dict[str, Any]:
    """The word lists in ``newsevents/data/timex/lexicon.json`` (loaded once per process)."""
    path = resources.files("newsevents") / "data" / "timex" / "lexicon.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


MONTH = (
    r"(?-i:Jan(?:uary|\.)|Feb(?:ruary|\.)|Mar(?:ch|\.)|Apr(?:il|\.)|May|June?|July?|"
    r"Aug(?:ust|\.)|Sep(?:tember|t\.|\.)|Oct(?:ober|\.)|Nov(?:ember|\.)|Dec(?:ember|\.))"
)
MONTH_D = MONTH.replace(r"\.)", r"\.?)").replace(r"t\.|\.)", r"t\.?|\.?)")
WEEKDAY = r"(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
APPROX = (
    r"(?:(?P<approx>about|around|almost|nearly|roughly|approximately|some|more\s+than|over|"
    r"less\s+than|under|at\s+least|up\s+to|just)\s+)?"
)
EDGE = (
    r"(?:(?P<edge>early|mid|late)[\s-]+|(?:the\s+)?(?P<edge2>beginning|start|middle|end|"
    r"turn|close|first\s+half|second\s+half)\s+of\s+)?"
)
MODS = {
    "about": "APPROX", "around": "APPROX", "almost": "APPROX", "nearly": "APPROX",
    "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX", "just": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
    "early": "START", "beginning": "START", "start": "START", "first half": "START",
    "mid": "MID", "middle": "MID", "late": "END", "end": "END", "close": "END",
    "turn": "END", "second half": "END",
}
REL_SHIFT = {
    "last": -1, "past": -1, "previous": -1, "preceding": -1, "this": 0, "current": 0,
    "next": 1, "coming": 1, "following": 1, "same": 0, "this past": -1,
}


def numw() -> str:
    """The regex alternation of number words and digits (compiled into the rules)."""
    words = sorted(lexicon()["numbers"], key=len, reverse=True)
    vague = sorted(lexicon()["vague_numbers"], key=len, reverse=True)
    alts = [rf"{TENS}-{ONES}", r"\d+(?:\.\d+)?"] + [re.escape(w) for w in words + vague]
    return "(?:" + "|".join(a.replace(r"\ ", r"\s+") for a in alts) + ")"


def number(text: str) -> float | None:
    """The value of a number written in digits or words; None for vague ones ("several")."""
    text = " ".join(text.lower().split())
    table = lexicon()["numbers"]
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in table:
        return float(table[text])
    if "-" in text:
        parts = [table.get(p) for p in text.split("-")]
        if all(p is not None for p in parts):
            return float(sum(parts))  # type: ignore[arg-type]
    return None


def _unit(word: str) -> tuple[str, int, bool]:
    stem = word.lower()
    stem = stem[:-1] if stem.endswith("s") else stem
    letter, mult, timeunit = lexicon()["units"][stem]
    return letter, mult, timeunit


def _unit_name(word: str) -> str:
    stem = word.lower().rstrip("s")
    return {"centurie": "century", "fortnight": "week"}.get(stem, stem)


def duration(num: str | None, unit_word: str) -> str:
    """A TIMEX3 duration with the unit as written ("24 hours" -> PT24H, "a decade" -> P10Y)."""
    letter, mult, timeunit = _unit(unit_word)
    n = number(num) if num else 1.0
    if letter == "WE":
        letter, mult = "D", 2
    amount = "X" if n is None else _fmt(n * mult)
    return f"PT{amount}{letter}" if timeunit else f"P{amount}{letter}"


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def mod_of(m: re.Match[str]) -> str | None:
    """The TimeML mod of a match's approximator or edge word ("about" -> APPROX, "late" -> END)."""
    groups = m.groupdict()
    for key in ("approx", "edge", "edge2"):
        word = groups.get(key)
        if word:
            return MODS.get(" ".join(word.lower().split()))
    return None


def month_number(word: str) -> int:
    """1-12 for a month name or abbreviation ("Sept." -> 9)."""
    return int(lexicon()["months"][word.lower().rstrip(".")])


def weekday_number(word: str) -> int:
    """1 (Monday) - 7 (Sunday) for a weekday name."""
    return int(lexicon()["weekdays"][word.lower().rstrip("s.")])


# --- handlers: one per rule of timex_rules ---------------------------------------------------------------


def h_full_date(m: re.Match[str]) -> Partial:
    day = int(re.match(r"\d+", m["d"]).group())  # type: ignore[union-attr]
    fields: dict[str, int | str] = {"month": month_number(m["mon"]), "day": day}
    if m["y"]:
        fields["year"] = int(m["y"])
    return Partial(fields=fields, granularity="day", tense="" if m["y"] else "context")


def h_numeric_date(m: re.Match[str]) -> Partial | None:
    year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    month, day = int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Partial(fields={"year": year, "month": month, "day": day}, granularity="day")


def h_month_year(m: re.Match[str]) -> Partial:
    fields: dict[str, int | str] = {"year": int(m["y"]), "month": month_number(m["mon"])}
    return Partial(fields=fields, granularity="month", mod=mod_of(m))


def h_month(m: re.Match[str]) -> Partial | None:
    fields: dict[str, int | str] = {"month": month_number(m["mon"])}
    rel = (m["rel"] or "").lower()
    if not rel and not mod_of(m) and m["mon"] == "May" and not _after_time_word(m):
        return None  # "May" is a name or the modal far more often than the bare month
    if rel in ("last", "past", "previous"):
        fields["strict"] = -1  # "last June": the most recent June before this month
    elif rel in ("next", "coming"):
        fields["strict"] = 1
    return Partial(fields=fields, granularity="month", tense="context", mod=mod_of(m))


def _after_time_word(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 12) : m.start()].lower()
    return re.search(r"\b(?:in|since|until|by|of|before|after|during|through|the)\s+$", before) is not None


def h_weekday(m: re.Match[str]) -> Partial:
    fields: dict[str, int | str] = {"weekday": weekday_number(m["wd"])}
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        fields["week_shift"] = -1
    elif rel in ("next", "coming"):
        fields["week_shift"] = 1
    elif rel == "this":
        fields["this"] = 1
    elif rel:  # "this past Tuesday": the last one before today
        fields["past"] = 1
    pod = m["pod"]
    if pod:
        fields["pod"] = lexicon()["parts_of_day"][pod.lower()]
    return Partial(type="TIME" if pod else "DATE", fields=fields, granularity="day",
                   tense="context")


def h_weekday_set(m: re.Match[str]) -> Partial:
    return Partial(type="SET", value=f"XXXX-WXX-{weekday_number(m['wd'])}")


def h_year(m: re.Match[str]) -> Partial:
    return Partial(fields={"year": int(m["y"])}, granularity="year", mod=mod_of(m))


def h_fiscal(m: re.Match[str]) -> Partial:
    year = int(m["y"]) if m["y"] else 2000 + int(m["y2"])  # "FY26"
    return Partial(fields={"fy": year}, granularity="year")


def h_decade(m: re.Match[str]) -> Partial:
    return Partial(fields={"decade": int(m["dec"][:3])}, granularity="decade", mod=mod_of(m))


def h_century(m: re.Match[str]) -> Partial:
    return Partial(fields={"century": int(m["n"]) - 1}, granularity="century", mod=mod_of(m))


def h_season(m: re.Match[str]) -> Partial | None:
    season = lexicon()["seasons"][m["s"].lower()]
    fields: dict[str, int | str] = {"season": season}
    if m["y"]:
        fields["year"] = int(m["y"])
        return Partial(fields=fields, granularity="season", mod=mod_of(m))
    if not m["rel"] and not mod_of(m) and not _after_time_word(m):
        return None  # "prices fall", "the Arab Spring"
    rel = (m["rel"] or "").lower()
    if rel in REL_SHIFT and rel != "this":
        return Partial(fields=fields, granularity="season", shift=(REL_SHIFT[rel] * 4, "season"),
                       anchor="DCT", mod=mod_of(m))
    return Partial(fields=fields, granularity="season", tense="context", mod=mod_of(m))


def h_quarter(m: re.Match[str]) -> Partial:
    q = lexicon()["ordinals"][m["ord"].lower()]
    fields: dict[str, int | str] = {"quarter": q}
    if m["y"]:
        fields["year"] = int(m["y"])
    elif m["rel"]:
        return Partial(fields=fields, granularity="quarter",
                       shift=(REL_SHIFT[m["rel"].lower()] * 4, "quarter"), anchor="DCT")
    return Partial(fields=fields, granularity="quarter", tense="" if m["y"] else "context")


def h_half(m: re.Match[str]) -> Partial:
    half = 1 if m["ord"].lower() == "first" else 2
    fields: dict[str, int | str] = {"half": half}
    if m["y"]:
        fields["year"] = int(m["y"])
        return Partial(fields=fields, granularity="half")
    if not m["rel"]:
        return Partial(fields=fields, granularity="half", tense="context")
    shift = REL_SHIFT[m["rel"].lower()]
    return Partial(fields=fields, granularity="half", shift=(shift * 2, "half"), anchor="DCT")


def h_rel_unit(m: re.Match[str]) -> Partial:
    rel, unit = " ".join(m["rel"].lower().split()), m["u"].lower()
    the = bool(m["the"])
    shift = REL_SHIFT[rel]
    if the and rel in ("past", "last") and unit != "quarter":
        return Partial(type="DURATION", value=duration(None, unit))
    if the and rel in ("next", "coming") and unit in ("decade", "century"):
        return Partial(type="DURATION", value=duration(None, unit))  # "over the next decade"
    gran = "week" if unit == "weekend" else unit
    fields: dict[str, int | str] = {"weekend": 1} if unit == "weekend" else {}
    if unit == "quarter":
        gran = "quarter"
    anchor = "REF" if the and rel in ("next", "following", "previous", "preceding", "same") else "DCT"
    if the and rel == "coming":
        anchor = "DCT"
    return Partial(fields=fields, granularity=gran, shift=(shift, unit), anchor=anchor,
                   mod=mod_of(m))


def h_edge_the_unit(m: re.Match[str]) -> Partial:
    unit = m["u"].lower()
    return Partial(granularity=unit, shift=(0, unit), anchor="DCT", mod=mod_of(m))


def h_num_unit(m: re.Match[str]) -> Partial | None:
    num, unit = m["num"], m["u"]
    if unit.lower().startswith(("second", "quarter")) and number(num) == 1:
        return None  # "a second" is the ordinal, "a quarter" mostly the fraction
    if m["ago"]:
        return _ago(num, unit, m, -1 if "ago" in m["ago"].lower() else 1)
    n = number(num)
    if n == 0 or (n is not None and n >= 1000 and unit.lower().startswith("year")):
        return None  # "1986 full year" is the year 1986; "000 Year" a table cell
    if _AGE.match(m.string, m.end()):
        return None  # "a 62-year-old leader", "ten years old": an age, not a TIMEX3
    value = duration(num, unit)
    mod = None if m["x"].lower().startswith("the ") else mod_of(m)  # "over the past two years"
    event_shift = None
    if m["dir"]:
        n = number(num)
        sign = -1 if m["dir"].lower() in ("earlier", "before", "previously") else 1
        if n is not None:
            event_shift = (sign * n, _unit_name(unit))
    return Partial(type="DURATION", value=value, mod=mod, event_shift=event_shift)


def _ago(num: str, unit: str, m: re.Match[str], sign: int) -> Partial:
    """ "two years ago" (sign -1), "two weeks from now" (sign +1): a DATE from publication."""
    n = number(num)
    name = _unit_name(unit)
    if n is None or name in ("hour", "minute", "second"):
        return Partial(value="PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod_of(m))
    gran = "year" if name in ("decade", "century") else name
    mult = {"decade": 10, "century": 100}.get(name, 1)
    unit_for_shift = "year" if mult > 1 else name
    return Partial(granularity=gran, shift=(sign * n * mult, unit_for_shift), anchor="DCT",
                   mod=mod_of(m))


_AGE = re.compile(r"(?:-|\s+)olds?\b", re.I)


def h_vague_plural(m: re.Match[str]) -> Partial | None:
    unit = m["u"].lower()
    lead = (m["lead"] or "").lower()
    if _AGE.match(m.string, m.end()) or m.string[m.end() : m.end() + 7].lower() == " of age":
        return None
    if lead in ("coming", "next"):
        return Partial(value="FUTURE_REF")
    # "in recent years" is a vague duration (TimeML PXY), as "for years" is
    return Partial(type="DURATION", value=duration("several", unit))


_GENERIC_TODAY = re.compile(r"['\u2019]s\s+(?:(?-i:[A-Z])|world\b|society\b|economy\b|standards\b)", re.I)


def h_deictic(m: re.Match[str]) -> Partial:
    word = m["w"].lower()
    if word == "today" and _GENERIC_TODAY.match(m.string, m.end()):
        return Partial(value="PRESENT_REF")  # "today's Europe": the present, not the day
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}[word]
    pod = m["pod"] or ("night" if word == "tonight" else None)
    fields: dict[str, int | str] = {}
    if pod:
        fields["pod"] = lexicon()["parts_of_day"][pod.lower()]
    return Partial(type="TIME" if pod else "DATE", fields=fields, shift=(shift, "day"),
                   anchor="DCT")


def h_this_pod(m: re.Match[str]) -> Partial:
    rel = m["rel"].lower()
    pod = lexicon()["parts_of_day"][m["pod"].lower()]
    shift = -1 if rel == "last" else 0
    return Partial(type="TIME", fields={"pod": pod}, shift=(shift, "day"), anchor="DCT")


def h_ref_day(m: re.Match[str]) -> Partial:
    rel = (m["rel"] or "same").lower()
    shift = {"that": 0, "same": 0, "next": 1, "following": 1, "previous": -1,
             "preceding": -1, "before": -1, "after": 1}.get(rel, 0)
    if m["ba"]:
        shift = -1 if m["ba"].lower() == "before" else 1
    return Partial(shift=(shift, "day"), anchor="REF")


def h_ref(m: re.Match[str]) -> Partial:
    key = " ".join(m["x"].lower().split())
    return Partial(value=lexicon()["refs"][key])


_FINANCE = re.compile(r"\s+(?:net\s+)?(?:profit|loss|losses|revenue|revenues|sales|results|earnings|income|growth|rate|deficit|budget|output|production)\b", re.I)


def h_set(m: re.Match[str]) -> Partial:
    groups = m.groupdict()
    if (groups.get("adv") or "").lower() == "annual" and _FINANCE.match(m.string, m.end()):
        return Partial(type="DURATION", value="P1Y")  # "annual profit": the year's total
    if groups.get("adv"):
        return Partial(type="SET", value=lexicon()["set_adverbs"][m["adv"].lower()])
    if groups.get("swd"):
        return Partial(type="SET", value=f"XXXX-WXX-{weekday_number(m['swd'])}")
    if groups.get("spod"):
        return Partial(type="SET", value=f"XXXX-XX-XXT{lexicon()['parts_of_day'][m['spod'].lower()]}")
    num = groups.get("snum")
    return Partial(type="SET", value=duration(num, m["su"]))


def h_clock(m: re.Match[str]) -> Partial | None:
    hour = int(m["h"])
    minute = int(m["mi"] or 0)
    ap = (m.groupdict().get("ap") or "").lower().replace(".", "")
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    groups = m.groupdict()
    fields: dict[str, int | str] = {"hour": hour, "minute": minute}
    zone = lexicon()["time_zones"].get((groups.get("tz") or "").upper())
    if zone:
        fields["tz"] = zone  # "3 p.m. EST" -> T15:00-05
    return _clock_day(m, fields)


def _clock_day(m: re.Match[str], fields: dict[str, int | str]) -> Partial:
    """A clock time on the weekday or deictic day that follows it, else on the reference day."""
    groups = m.groupdict()
    if groups.get("cwd"):
        fields["weekday"] = weekday_number(m["cwd"])
        return Partial(type="TIME", fields=fields, granularity="day", tense="context")
    if groups.get("cday"):
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["cday"].lower()]
        return Partial(type="TIME", fields=fields, shift=(shift, "day"), anchor="DCT")
    return Partial(type="TIME", fields=fields, shift=(0, "day"), anchor="REF")


def h_noon(m: re.Match[str]) -> Partial:
    hour = 12 if m["w"].lower() == "noon" else 0
    return _clock_day(m, {"hour": hour, "minute": 0})


def h_weekend(m: re.Match[str]) -> Partial:
    return Partial(fields={"weekend": 1, "weekday": 6}, granularity="weekend", tense="context")
