"""TIMEX3 detection: compiled regular expressions over the article text, TimeML extents.

Each rule is a regex and a handler that turns the match into a :class:`Partial`. All rules run
over the whole text (one C-level scan each, no per-token Python loop); overlapping matches are
settled longest-first. Month and weekday names must be capitalised; everything else is
case-insensitive. A group named ``x`` marks the TimeML extent when the match carries context
that is not part of the expression ("about" -> mod APPROX, "for" before a bare plural).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .timex_resolve import Partial

Handler = Callable[[re.Match[str]], Partial | None]


@dataclass(frozen=True)
class Candidate:
    """A detected expression: its extent in the text, the rule and the partial value."""

    start: int
    end: int
    rule: str
    part: Partial


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
    "next": 1, "coming": 1, "following": 1, "same": 0,
}


def _numw() -> str:
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


def _mod(m: re.Match[str]) -> str | None:
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


# --- handlers: one per rule ---------------------------------------------------------------


def _h_full_date(m: re.Match[str]) -> Partial:
    day = int(re.match(r"\d+", m["d"]).group())  # type: ignore[union-attr]
    fields: dict[str, int | str] = {"month": month_number(m["mon"]), "day": day}
    if m["y"]:
        fields["year"] = int(m["y"])
    return Partial(fields=fields, granularity="day", tense="" if m["y"] else "context")


def _h_numeric_date(m: re.Match[str]) -> Partial | None:
    year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    month, day = int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Partial(fields={"year": year, "month": month, "day": day}, granularity="day")


def _h_month_year(m: re.Match[str]) -> Partial:
    fields = {"year": int(m["y"]), "month": month_number(m["mon"])}
    return Partial(fields=fields, granularity="month", mod=_mod(m))


def _h_month(m: re.Match[str]) -> Partial | None:
    fields: dict[str, int | str] = {"month": month_number(m["mon"])}
    rel = (m["rel"] or "").lower()
    if not rel and not _mod(m) and m["mon"] == "May" and not _after_time_word(m):
        return None  # "May" is a name or the modal far more often than the bare month
    if rel in ("last", "past", "previous"):
        fields["strict"] = -1  # "last June": the most recent June before this month
    elif rel in ("next", "coming"):
        fields["strict"] = 1
    return Partial(fields=fields, granularity="month", tense="context", mod=_mod(m))


def _after_time_word(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 12) : m.start()].lower()
    return re.search(r"\b(?:in|since|until|by|of|before|after|during|through|the)\s+$", before) is not None


def _h_weekday(m: re.Match[str]) -> Partial:
    fields: dict[str, int | str] = {"weekday": weekday_number(m["wd"])}
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        fields["week_shift"] = -1
    elif rel in ("next", "coming"):
        fields["week_shift"] = 1
    elif rel == "this":
        fields["this"] = 1
    pod = m["pod"]
    if pod:
        fields["pod"] = lexicon()["parts_of_day"][pod.lower()]
    return Partial(type="TIME" if pod else "DATE", fields=fields, granularity="day",
                   tense="context")


def _h_weekday_set(m: re.Match[str]) -> Partial:
    return Partial(type="SET", value=f"XXXX-WXX-{weekday_number(m['wd'])}")


def _h_year(m: re.Match[str]) -> Partial:
    return Partial(fields={"year": int(m["y"])}, granularity="year", mod=_mod(m))


def _h_fiscal(m: re.Match[str]) -> Partial:
    return Partial(fields={"fy": int(m["y"])}, granularity="year")


def _h_decade(m: re.Match[str]) -> Partial:
    return Partial(fields={"decade": int(m["dec"][:3])}, granularity="decade", mod=_mod(m))


def _h_century(m: re.Match[str]) -> Partial:
    return Partial(fields={"century": int(m["n"]) - 1}, granularity="century", mod=_mod(m))


def _h_season(m: re.Match[str]) -> Partial | None:
    season = lexicon()["seasons"][m["s"].lower()]
    fields: dict[str, int | str] = {"season": season}
    if m["y"]:
        fields["year"] = int(m["y"])
        return Partial(fields=fields, granularity="season", mod=_mod(m))
    if not m["rel"] and not _mod(m) and not _after_time_word(m):
        return None  # "prices fall", "the Arab Spring"
    rel = (m["rel"] or "").lower()
    if rel in REL_SHIFT and rel != "this":
        return Partial(fields=fields, granularity="season", shift=(REL_SHIFT[rel] * 4, "season"),
                       anchor="DCT", mod=_mod(m))
    return Partial(fields=fields, granularity="season", tense="context", mod=_mod(m))


def _h_quarter(m: re.Match[str]) -> Partial:
    q = lexicon()["ordinals"][m["ord"].lower()]
    fields: dict[str, int | str] = {"quarter": q}
    if m["y"]:
        fields["year"] = int(m["y"])
    elif m["rel"]:
        return Partial(fields=fields, granularity="quarter",
                       shift=(REL_SHIFT[m["rel"].lower()] * 4, "quarter"), anchor="DCT")
    return Partial(fields=fields, granularity="quarter", tense="" if m["y"] else "context")


def _h_half(m: re.Match[str]) -> Partial:
    half = 1 if m["ord"].lower() == "first" else 2
    fields: dict[str, int | str] = {"half": half}
    if m["y"]:
        fields["year"] = int(m["y"])
        return Partial(fields=fields, granularity="half")
    shift = REL_SHIFT[(m["rel"] or "this").lower()]
    return Partial(fields=fields, granularity="half", shift=(shift * 2, "half"), anchor="DCT")


def _h_rel_unit(m: re.Match[str]) -> Partial:
    rel, unit = m["rel"].lower(), m["u"].lower()
    the = bool(m["the"])
    shift = REL_SHIFT[rel]
    if the and rel in ("past", "last") and unit != "quarter":
        return Partial(type="DURATION", value=duration(None, unit))
    gran = "week" if unit == "weekend" else unit
    fields: dict[str, int | str] = {"weekend": 1} if unit == "weekend" else {}
    if unit == "quarter":
        gran = "quarter"
    anchor = "REF" if the and rel in ("next", "following", "previous", "preceding", "same") else "DCT"
    if the and rel == "coming":
        anchor = "DCT"
    return Partial(fields=fields, granularity=gran, shift=(shift, unit), anchor=anchor,
                   mod=_mod(m))


def _h_edge_the_unit(m: re.Match[str]) -> Partial:
    unit = m["u"].lower()
    return Partial(granularity=unit, shift=(0, unit), anchor="DCT", mod=_mod(m))


def _h_num_unit(m: re.Match[str]) -> Partial | None:
    num, unit = m["num"], m["u"]
    if unit.lower().startswith(("second", "quarter")) and number(num) == 1:
        return None  # "a second" is the ordinal, "a quarter" mostly the fraction
    if m["ago"]:
        return _ago(num, unit, m)
    value = duration(num, unit)
    mod = None if m["x"].lower().startswith("the ") else _mod(m)  # "over the past two years"
    event_shift = None
    if m["dir"]:
        n = number(num)
        sign = -1 if m["dir"].lower() in ("earlier", "before", "previously") else 1
        if n is not None:
            event_shift = (sign * n, _unit_name(unit))
    return Partial(type="DURATION", value=value, mod=mod, event_shift=event_shift)


def _ago(num: str, unit: str, m: re.Match[str]) -> Partial:
    n = number(num)
    name = _unit_name(unit)
    if n is None:
        return Partial(value="PAST_REF", mod=_mod(m))
    if name in ("hour", "minute", "second"):
        return Partial(value="PAST_REF", mod=_mod(m))
    gran = "year" if name in ("decade", "century") else name
    mult = {"decade": 10, "century": 100}.get(name, 1)
    unit_for_shift = "year" if mult > 1 else name
    return Partial(granularity=gran, shift=(-n * mult, unit_for_shift), anchor="DCT", mod=_mod(m))


def _h_vague_plural(m: re.Match[str]) -> Partial:
    unit = m["u"].lower()
    lead = (m["lead"] or "").lower()
    if lead == "recent":
        return Partial(value="PAST_REF")
    if lead in ("coming", "next"):
        return Partial(value="FUTURE_REF")
    return Partial(type="DURATION", value=duration("several", unit))


def _h_deictic(m: re.Match[str]) -> Partial:
    word = m["w"].lower()
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}[word]
    pod = m["pod"] or ("night" if word == "tonight" else None)
    fields: dict[str, int | str] = {}
    if pod:
        fields["pod"] = lexicon()["parts_of_day"][pod.lower()]
    return Partial(type="TIME" if pod else "DATE", fields=fields, shift=(shift, "day"),
                   anchor="DCT")


def _h_this_pod(m: re.Match[str]) -> Partial:
    rel = m["rel"].lower()
    pod = lexicon()["parts_of_day"][m["pod"].lower()]
    shift = -1 if rel == "last" else 0
    return Partial(type="TIME", fields={"pod": pod}, shift=(shift, "day"), anchor="DCT")


def _h_ref_day(m: re.Match[str]) -> Partial:
    rel = (m["rel"] or "same").lower()
    shift = {"that": 0, "same": 0, "next": 1, "following": 1, "previous": -1,
             "preceding": -1, "before": -1, "after": 1}.get(rel, 0)
    if m["ba"]:
        shift = -1 if m["ba"].lower() == "before" else 1
    return Partial(shift=(shift, "day"), anchor="REF")


def _h_ref(m: re.Match[str]) -> Partial:
    key = " ".join(m["x"].lower().split())
    return Partial(value=lexicon()["refs"][key])


_FINANCE = re.compile(r"\s+(?:net\s+)?(?:profit|loss|losses|revenue|revenues|sales|results|earnings|income|growth|rate|deficit|budget|output|production)\b", re.I)


def _h_set(m: re.Match[str]) -> Partial:
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


def _h_clock(m: re.Match[str]) -> Partial | None:
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
    if (groups.get("tz") or "") in ("GMT", "UTC"):
        fields["tz"] = "Z"
    if groups.get("cwd"):
        fields["weekday"] = weekday_number(m["cwd"])
        return Partial(type="TIME", fields=fields, granularity="day", tense="context")
    if groups.get("cday"):
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["cday"].lower()]
        return Partial(type="TIME", fields=fields, shift=(shift, "day"), anchor="DCT")
    return Partial(type="TIME", fields=fields, shift=(0, "day"), anchor="REF")


def _h_noon(m: re.Match[str]) -> Partial:
    hour = 12 if m["w"].lower() == "noon" else 24
    return Partial(type="TIME", fields={"hour": hour % 24, "minute": 0}, shift=(0, "day"),
                   anchor="REF")


def _h_weekend(m: re.Match[str]) -> Partial:
    return Partial(fields={"weekend": 1, "weekday": 6}, granularity="weekend", tense="context")


@functools.cache
def rules() -> tuple[tuple[str, re.Pattern[str], Handler], ...]:
    """The detection rules, compiled once per process: (name, regex, handler)."""
    num = _numw()
    CLOCK_DAY = rf"(?:,?\s+(?:on\s+)?(?P<cwd>{WEEKDAY})\b|\s+(?P<cday>today|yesterday|tomorrow)\b)?"
    pod = r"(?:morning|afternoon|evening|night)"
    rel = r"(?:last|this|next|past|coming|previous|current|following|preceding|same)"
    table: list[tuple[str, str, Handler]] = [
        ("full_date", rf"(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH_D})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\d)", _h_full_date),
        ("full_date_dmy", rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?!\d)", _h_full_date),
        ("iso_date", r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])", _h_numeric_date),
        ("slash_date", r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", _h_numeric_date),
        ("month_year", rf"{EDGE}(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})(?!\d)", _h_month_year),
        ("month", rf"(?:(?P<rel>last|this|next|past|coming|previous)\s+|{EDGE})(?P<mon>{MONTH})(?![\w-])", _h_month),
        ("weekday", rf"(?:(?P<rel>last|this|next|past|coming|previous)\s+)?(?P<wd>{WEEKDAY})(?!s)(?:\s+(?P<pod>{pod}))?\b", _h_weekday),
        ("weekday_set", rf"(?<=\bon\s)(?P<wd>{WEEKDAY})s\b", _h_weekday_set),
        ("fiscal", rf"\b(?:fiscal(?:\s+year)?\s+|FY\s?)(?P<y>{YEAR})\b", _h_fiscal),
        ("year", rf"{EDGE}(?<![\d$€£#.,/:])(?P<y>{YEAR})(?![\d%/:]|\.\d|,\d|-\d\d\d)", _h_year),
        ("decade", rf"(?:the\s+)?{EDGE}(?P<dec>1[5-9]\d0|20\d0)s\b", _h_decade),
        ("decade_short", r"(?:\bthe\s+|(?<=\band\s)|(?<=\bin\s))'?(?P<d2>[2-9]0)s\b", lambda m: Partial(fields={"decade": 190 + int(m["d2"][0])}, granularity="decade")),
        ("century", rf"(?:the\s+)?{EDGE}(?P<n>1\d|20|21)(?:st|nd|rd|th)\s+century", _h_century),
        ("season", rf"(?:(?P<rel>last|this|next|coming|past)\s+|{EDGE})?(?P<s>spring|summer|autumn|winter|(?-i:fall))(?:\s+(?:of\s+)?(?P<y>{YEAR}))?(?!\w)", _h_season),
        ("quarter", rf"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year))?(?!\w)", _h_quarter),
        ("quarter_q", rf"\b(?-i:Q)(?P<ord>[1-4])(?:\s+(?P<y>{YEAR}))?\b", lambda m: _h_quarter_q(m)),
        ("half", rf"(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year)", _h_half),
        ("rel_unit", rf"(?:(?P<el>earlier|later)\s+)?{EDGE}(?P<the>the\s+)?(?P<rel>{rel})\s+(?P<u>week|weekend|month|year|quarter|decade|century)(?!\w)", _h_rel_unit),
        ("edge_the_unit", rf"(?:the\s+)?(?P<edge2>beginning|start|middle|end|turn|close)\s+of\s+the\s+(?P<u>week|month|year|decade|century)(?!\w)", _h_edge_the_unit),
        ("num_unit", rf"{APPROX}(?P<x>(?:the\s+(?:past|last|next|first|coming|previous|following)\s+)?(?P<num>{num})[\s-]+(?:(?:trading|straight|consecutive|business|working|calendar|full)\s+)?(?P<u>{UNIT})s?(?P<ago>\s+ago)?)(?!\w)(?:\s+(?P<dir>earlier|later|before|after|previously))?", _h_num_unit),
        ("vague_plural", rf"(?:\b(?:for|in|within|over|during)\s+)(?P<x>(?:the\s+)?(?:(?P<lead>recent|coming|next|past)\s+)?(?P<u>minutes|hours|days|weeks|months|years|decades|centuries))(?!\w)", _h_vague_plural),
        ("deictic", rf"\b(?P<w>today|yesterday|tomorrow|tonight)(?:\s+(?P<pod>{pod}))?(?!\w)", _h_deictic),
        ("this_pod", rf"\b(?P<rel>this|last)\s+(?P<pod>{pod})\b", _h_this_pod),
        ("ref_day", r"\b(?:(?:the\s+)?(?P<rel>next|following|previous|preceding|same)\s+day|that\s+day|the\s+day\s+(?P<ba>before|after))\b", _h_ref_day),
        ("the_day", r"\b(?:end|ends|ended|ending|finish|finished|finishing|close|closed|closing|for|during|later\s+in|earlier\s+in|start\s+of|end\s+of)\s+(?P<x>the\s+day)\b", lambda m: Partial(shift=(0, "day"), anchor="REF")),
        ("that_time", r"\b(?:by|at|until|since)\s+(?P<x>that\s+time)\b", lambda m: Partial(shift=(0, "day"), anchor="REF")),
        ("recent", r"(?<!most\s)(?<!more\s)\b(?P<x>recent)\s+(?!years|months|weeks|days|decades)(?=[a-z])", lambda m: Partial(value="PAST_REF")),
        ("ref", r"(?:\b|(?<=\bat\s))(?P<x>now|currently|nowadays|recently|at\s+present|the\s+past|the\s+future|(?<=\bat\s)the\s+time)(?![\w-])", _h_ref),
        ("set", rf"\b(?:(?:every|each)\s+(?:other\s+)?(?:(?P<swd>{WEEKDAY})|(?P<spod>{pod})|(?:(?P<snum>{num})\s+)?(?P<su>{UNIT})s?)|(?P<adv>daily|weekly|monthly|quarterly|annually|annual|yearly|hourly|nightly))\b", _h_set),
        ("set_freq", rf"\b(?:once|twice|thrice|(?:{num})\s+times)\s+(?:a|an|per|each)\s+(?P<su>{UNIT})\b", _h_set),
        ("clock", r"(?<![\d:.$])(?P<h>\d{1,2})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)(?:\s+(?P<tz>(?-i:GMT|UTC|EST|EDT|ET|BST|CET|CEST)))?" + CLOCK_DAY, _h_clock),
        ("clock_24", r"(?<![\d:.$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s+(?P<tz>(?-i:GMT|UTC|EST|EDT|ET|BST|CET|CEST)|local\s+time))?(?![\d:])" + CLOCK_DAY, _h_clock),
        ("noon", r"\b(?P<w>noon|midnight)\b", _h_noon),
        ("weekend", r"\b(?:over|at|during|on)\s+(?P<x>the\s+weekend)\b", _h_weekend),
    ]
    # A leading \b lets the engine skip positions inside words at C speed.
    return tuple((name, re.compile(rx if rx.startswith(("\\b", "(?<")) else "\\b" + rx, re.I), handler)
                 for name, rx, handler in table)


def _h_quarter_q(m: re.Match[str]) -> Partial:
    fields: dict[str, int | str] = {"quarter": int(m["ord"])}
    if m["y"]:
        fields["year"] = int(m["y"])
    return Partial(fields=fields, granularity="quarter", tense="" if m["y"] else "context")


#: Words one of which a rule's match must contain: rules whose words are absent are skipped
#: (a substring test is far cheaper than a regex scan).
GATES = {
    "full_date_dmy": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "iso_date": ("-",), "slash_date": ("/",), "weekday_set": ("days",), "fiscal": ("fiscal", "fy"),
    "decade": ("0s",), "decade_short": ("0s",), "century": ("century",),
    "season": ("spring", "summer", "autumn", "fall", "winter"), "quarter": ("quarter",),
    "quarter_q": ("q",), "half": ("half",), "edge_the_unit": (" of the ",),
    "vague_plural": ("s",), "deictic": ("today", "yesterday", "tomorrow", "tonight"),
    "this_pod": ("morning", "afternoon", "evening", "night"), "ref_day": ("day",),
    "the_day": ("the day",), "that_time": ("that time",), "recent": ("recent",),
    "set": ("every", "each", "daily", "weekly", "monthly", "annual", "yearly", "hourly", "nightly"),
    "set_freq": ("once", "twice", "thrice", "times"), "clock": ("a.m", "p.m", "am", "pm"),
    "clock_24": (":",), "noon": ("noon", "midnight"), "weekend": ("weekend",),
    "weekday": ("day",), "month_year": ("1", "2"),
}


def find_candidates(text: str) -> list[Candidate]:
    """All rule matches in the text, overlaps settled longest-first, in text order."""
    found: list[Candidate] = []
    lower = text.lower()
    for name, regex, handler in rules():
        gate = GATES.get(name)
        if gate is not None and not any(word in lower for word in gate):
            continue
        for m in regex.finditer(text):
            part = handler(m)
            if part is None:
                continue
            start, end = m.span("x") if m.groupdict().get("x") else m.span()
            found.append(Candidate(start, end, name, part))
    return _longest_first(found)


def _longest_first(found: list[Candidate]) -> list[Candidate]:
    taken: list[Candidate] = []
    used = bytearray(max((c.end for c in found), default=0))
    order = {name: i for i, (name, _, _) in enumerate(rules())}
    for cand in sorted(found, key=lambda c: (c.start - c.end, order[c.rule], c.start)):
        if any(used[cand.start : cand.end]):
            continue
        used[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
