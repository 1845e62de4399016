"""TIMEX3 detection: the rule table, run over the article text, with TimeML extents.

Each rule is a regex and a handler (:mod:`.timex_patterns`) that turns the match into a
:class:`Partial`. All rules run over the whole text (one C-level scan each, no per-token Python
loop); overlapping matches are settled longest-first. A group named ``x`` marks the TimeML
extent when the match carries context that is not part of the expression ("about" -> mod
APPROX, "for" before a bare plural).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..compiled import compiled_regexes
from . import patterns as p
from .guard import compile_guarded
from .patterns import APPROX, DAY, EDGE, MONTH, MONTH_D, UNIT, WEEKDAY, YEAR, Handler
from .resolve import Partial


@dataclass(frozen=True)
class Candidate:
    """A detected expression: its extent in the text, the rule and the partial value."""

    start: int
    end: int
    rule: str
    part: Partial



@functools.cache
def rules() -> tuple[tuple[str, re.Pattern[str], Handler], ...]:
    """The detection rules, compiled once per process: (name, regex, handler), all ``re.I``."""
    return tuple((name, compile_guarded(rx, re.I), handler) for name, rx, handler in _table())


@functools.cache
def _table() -> tuple[tuple[str, str, Handler], ...]:
    """The rules uncompiled: (name, pattern, handler)."""
    num = p.numw()
    CLOCK_DAY = rf"(?:(?:\s+local\s+time)?,?\s+(?:on\s+)?(?P<cwd>{WEEKDAY})\b|\s+(?P<cday>today|yesterday|tomorrow)\b)?"
    pod = r"(?:morning|afternoon|evening|night)"
    ZONE = "(?-i:" + "|".join(sorted(p.lexicon()["time_zones"], key=len, reverse=True)) + "|ET)"
    rel = r"(?:last|this|next|past|coming|previous|current|following|preceding|same)"
    table: list[tuple[str, str, Handler]] = [
        ("full_date", rf"(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH_D})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\d)", p.h_full_date),
        ("full_date_dmy", rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?!\d)", p.h_full_date),
        ("iso_date", r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])", p.h_numeric_date),
        ("slash_date", r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", p.h_numeric_date),
        ("month_year", rf"{EDGE}(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})(?!\d)", p.h_month_year),
        ("month_rel_year", rf"(?P<x>{EDGE}(?P<mon>{MONTH}))(?=\s+(?:of\s+)?(?P<rel>this|next|last)\s+year\b)", _h_month_rel_year),
        ("month", rf"(?:(?P<rel>last|this|next|past|coming|previous)\s+|{EDGE})(?P<mon>{MONTH})(?![\w-])", p.h_month),
        ("weekday", rf"(?:(?P<rel>this\s+past|last|this|next|past|coming|previous)\s+)?(?P<wd>{WEEKDAY})(?!s)(?:\s+(?P<pod>{pod}))?\b", p.h_weekday),
        ("weekday_set", rf"(?<=\bon\s)(?P<wd>{WEEKDAY})s\b", p.h_weekday_set),
        ("fiscal", rf"\b(?:fiscal(?:\s+year)?\s+|FY\s?)(?P<y>{YEAR})\b|(?:the\s+)?(?P<y_>{YEAR})\s+fiscal\s+year\b|(?-i:FY)\s?(?P<y2>\d\d)\b", _h_fiscal_any),
        ("fiscal_rel", r"(?:the\s+)?(?P<rel>this|next|last|current|coming|previous|past)\s+fiscal\s+year\b", _h_fiscal_rel),
        ("half", rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year)|(?!\s+of\b))", p.h_half),
        ("year", rf"{EDGE}(?<![\d$€£#.,/:])(?P<y>{YEAR})(?![\d%/:]|\.\d|,\d|-\d{{3}}(?!\d)|-\d{{5}})", p.h_year),
        ("year_range_end", r"\b(?P<y2>\d\d)(?<=\b(?:19|20)\d\d[-\u2013]\d\d)(?![\d-])", _h_year_range_end),
        ("year_apostrophe", r"(?<=\s)[\u2019'](?P<y2>\d\d)\b(?!s)", _h_year_apostrophe),
        ("week_of_month", rf"(?:the\s+)?(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?!\w)", _h_week_of_month),
        ("decade", rf"(?:the\s+)?{EDGE}(?P<dec>1[5-9]\d0|20\d0)[\u2019']?s\b", p.h_decade),
        ("decade_short", r"(?:\bthe\s+|(?<=\band\s)|(?<=\bin\s))'?(?P<d2>[2-9]0)[\u2019']?s\b", lambda m: Partial(fields={"decade": 190 + int(m["d2"][0])}, granularity="decade")),
        ("century", rf"(?:the\s+)?{EDGE}(?P<n>1\d|20|21)(?:st|nd|rd|th)\s+century", p.h_century),
        ("season", rf"(?:(?P<rel>last|this|next|coming|past)\s+|{EDGE})?(?P<s>spring|summer|autumn|winter|(?-i:fall))(?:\s+(?:of\s+)?(?P<y>{YEAR}))?(?!\w)", p.h_season),
        ("quarter", rf"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year))?(?!\w)", p.h_quarter),
        ("quarter_q", rf"\b(?-i:Q)(?P<ord>[1-4])(?:\s+(?P<y>{YEAR}))?\b", lambda m: _h_quarter_q(m)),
        ("rel_unit", rf"(?:(?P<el>earlier|later)\s+)?{EDGE}(?P<the>the\s+)?(?P<rel>this\s+past|{rel})\s+(?P<u>week|weekend|month|year|quarter|decade|century)(?!\w)", p.h_rel_unit),
        ("edge_the_unit", r"(?:the\s+)?(?P<edge2>beginning|start|middle|end|turn|close)\s+of\s+the\s+(?P<u>week|month|year|decade|century)(?!\w)", p.h_edge_the_unit),
        ("set_rate", r"\b(?P<x>(?:a|an|per)\s+(?P<su>year|month|week|day|hour))\b", _h_set_rate),
        ("vague_long", r"\b(?P<u>minute|hour|day|week|month|year|decade|centurie)s-long\b", lambda m: Partial(type="DURATION", value=p.duration("several", m["u"]))),
        ("num_unit", rf"{APPROX}(?P<x>(?:the\s+(?:past|last|next|first|coming|previous|following)\s+)?(?<![\d,.])(?P<num>{num})[\s-]+(?:(?:trading|straight|consecutive|business|working|calendar|full)\s+)?(?P<u>{UNIT})s?(?P<ago>\s+ago|\s+from\s+(?:now|today))?)(?!\w)(?:\s+(?P<dir>earlier|later|before|after|previously))?", p.h_num_unit),
        ("vague_plural", r"(?:\b(?:for|in|within|over|during|after)\s+(?:just\s+|only\s+|mere\s+)?|(?=the\s+(?:coming|next|past)\s))(?P<x>(?:the\s+)?(?:(?P<lead>recent|coming|next|past)\s+)?(?P<u>minutes|hours|days|weeks|months|years|decades|centuries))(?!\w)", p.h_vague_plural),
        ("vague_plural_of", r"\b(?P<x>(?P<lead>)(?P<u>minutes|hours|days|weeks|months|years|decades))(?=\s+(?:of\s+(?!age\b)|later\b|earlier\b))", _h_vague_plural_of),
        ("same_period", r"(?:the\s+)?(?:same\s+(?P<u>period|time|quarter|month|week|day|season)\s+(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|(?:of\s+)?(?:the\s+)?(?:previous|prior|preceding|last)\s+year|the\s+year\s+before)|year[-\s](?:earlier|ago)\s+(?P<u2>period|quarter|month))\b", _h_same_period),
        ("ref_unit_ba", r"\bthe\s+(?P<u>year|month|week)\s+(?P<ba>before|after|previous|earlier|later)(?=\s*[,.;:)]|\s+(?:and|but|when|as)\b)", _h_ref_unit_ba),
        ("ord_day", r"(?<=\bon\s)the\s+(?P<d>[12]\d|3[01]|[1-9])(?:st|nd|rd|th)\b(?=\s*[,.;:)]|\s+(?:and|or|but|in|at|to|after|before|when|with|as|while|of\s+(?:this|that|last|next)\s+month)\b)", _h_ord_day),
        ("overnight", r"(?<!\ban\s)\b(?P<x>overnight)(?=\s*[,.;:)\"']|\s*$|\s+(?:and|but|in|on|at|to|as|after|before|when|while|with|from|near|across|into|against|along)\b)", _h_overnight),
        ("current", r"(?:(?<=\bthe\s)|(?<=\bits\s)|(?<=\btheir\s)|(?<=\bour\s)|(?<=\bhis\s)|(?<=\bher\s))(?P<x>current)(?=\s+(?-i:[a-z]))(?!\s+(?:account|accounts|affairs|events|prices|dollars|flow|flows|of|fiscal)\b)", lambda m: Partial(value="PRESENT_REF")),
        ("deictic", rf"\b(?P<w>today|yesterday|tomorrow|tonight)(?:\s+(?P<pod>{pod}))?(?!\w)", p.h_deictic),
        ("this_pod", rf"\b(?P<rel>this|last)\s+(?P<pod>{pod})\b", p.h_this_pod),
        ("ref_day", r"\b(?:(?:the\s+)?(?P<rel>next|following|previous|preceding|same)\s+day|that\s+day|the\s+day\s+(?P<ba>before|after))\b", p.h_ref_day),
        ("the_day", r"\b(?:end|ends|ended|ending|finish|finished|finishing|close|closed|closing|for|during|later\s+in|earlier\s+in|start\s+of|end\s+of)\s+(?P<x>the\s+day)\b", lambda m: Partial(shift=(0, "day"), anchor="REF")),
        ("that_time", r"\b(?:by|at|until|since)\s+(?P<x>that\s+time)\b", lambda m: Partial(shift=(0, "day"), anchor="REF")),
        ("recent", r"(?<!most\s)(?<!more\s)\b(?P<x>recent)\s+(?!years|months|weeks|days|decades)(?=[a-z])", lambda m: Partial(value="PAST_REF")),
        ("ref", r"(?:\b|(?<=\bat\s))(?P<x>now|currently|nowadays|recently|at\s+present|the\s+past|the\s+future|the\s+(?:near|short|medium|long)\s+term|the\s+time\s+being|(?<=\bat\s)the\s+time)(?![\w-])", p.h_ref),
        ("set", rf"\b(?:(?:every|each)\s+(?:other\s+)?(?:(?P<swd>{WEEKDAY})|(?P<spod>{pod})|(?:(?P<snum>{num})\s+)?(?P<su>{UNIT})s?)|(?P<adv>daily|weekly|monthly|quarterly|annually|annual|yearly|hourly|nightly))\b", p.h_set),
        ("set_freq", rf"\b(?:once|twice|thrice|(?:{num})\s+times)\s+(?:a|an|per|each)\s+(?P<su>{UNIT})\b", p.h_set),
        ("clock", r"(?<![\d:.$])(?P<h>\d{1,2})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)(?:\s+(?P<tz>" + ZONE + r"))?" + CLOCK_DAY, p.h_clock),
        ("clock_24", r"(?<![\d:.$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s+(?P<tz>" + ZONE + r"|local\s+time))?(?![\d:])" + CLOCK_DAY, p.h_clock),
        ("clock_mil", r"(?<![\d:.$,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?:hours\s+|hrs\s+)?(?P<tz>" + ZONE + r")\b" + CLOCK_DAY, p.h_clock),
        ("noon", r"\b(?P<w>noon|midnight)\b" + CLOCK_DAY, p.h_noon),
        ("weekend", r"\b(?:over|at|during|on)\s+(?P<x>the\s+weekend)\b", p.h_weekend),
    ]
    # A leading \b lets the engine skip positions inside words at C speed; the first-character
    # guard (same matches) skips positions where no match can start.
    return tuple((name, rx if rx.startswith(("\\b", "(?<")) else "\\b" + rx, handler)
                 for name, rx, handler in table)


def _h_quarter_q(m: re.Match[str]) -> Partial:
    fields: dict[str, int | str] = {"quarter": int(m["ord"])}
    if m["y"]:
        fields["year"] = int(m["y"])
    return Partial(fields=fields, granularity="quarter", tense="" if m["y"] else "context")


_NEGATED = re.compile(r"\b(?:not|n't|never)\b[^.;]*$", re.I)


def _h_overnight(m: re.Match[str]) -> Partial | None:
    """ "shelled the city overnight": the night before publication ("won't happen overnight": no)."""
    if _NEGATED.search(m.string, max(0, m.start() - 60), m.start()):
        return None
    return Partial(type="TIME", fields={"pod": "NI", "overnight": 1}, tense="context")


_YEAR_PREP = re.compile(r"\b(?:in|since|of|from|until|by)\s+$", re.I)


def _h_year_apostrophe(m: re.Match[str]) -> Partial | None:
    """ "since '82": 19xx (20xx only for years up to 2030; the publication date is not known here)."""
    if not _YEAR_PREP.search(m.string, max(0, m.start() - 7), m.start()):
        return None
    y2 = int(m["y2"])
    return Partial(fields={"year": (2000 if y2 <= 30 else 1900) + y2}, granularity="year")


def _h_week_of_month(m: re.Match[str]) -> Partial:
    """ "the last week of March": the ISO week holding that week's Thursday-ish day."""
    day = {"first": 4, "second": 11, "third": 18, "fourth": 25, "last": 28, "final": 28}[m["ord"].lower()]
    fields: dict[str, int | str] = {"month": p.month_number(m["mon"]), "day": day}
    if m["y"]:
        fields["year"] = int(m["y"])
    return Partial(fields=fields, granularity="week", tense="" if m["y"] else "context")


def _h_vague_plural_of(m: re.Match[str]) -> Partial | None:
    """ "months of talks", "hours later" (not "the days of ...", "person years of ...")."""
    before = m.string[max(0, m.start() - 7) : m.start()].lower()
    if before.endswith(("the ", "person ", "early ", "small ", "wee ")):
        return None
    return p.h_vague_plural(m)


def _h_month_rel_year(m: re.Match[str]) -> Partial:
    """ "October [of next year]", "May [last year]": the month in the year that follows it."""
    shift = {"this": 0, "next": 1, "last": -1}[m["rel"].lower()]
    return Partial(fields={"month": p.month_number(m["mon"])}, granularity="month",
                   shift=(shift, "year"), anchor="DCT", mod=p.mod_of(m))


def _h_fiscal_any(m: re.Match[str]) -> Partial:
    if m["y_"]:  # "the 2026 fiscal year"
        return Partial(fields={"fy": int(m["y_"])}, granularity="year")
    return p.h_fiscal(m)


def _h_fiscal_rel(m: re.Match[str]) -> Partial:
    shift = p.REL_SHIFT[m["rel"].lower()]
    return Partial(fields={"fiscal": 1}, granularity="year", shift=(shift, "year"), anchor="DCT")


def _h_year_range_end(m: re.Match[str]) -> Partial | None:
    """The second year of "2010-12" (2012); the first is found by the year rule."""
    first = int(m.string[m.start() - 5 : m.start() - 1])
    year = first // 100 * 100 + int(m["y2"])
    if year <= first:
        year += 100
    return Partial(fields={"year": year}, granularity="year") if year - first <= 30 else None


def _h_same_period(m: re.Match[str]) -> Partial:
    """ "the same month a year ago": the period mentioned before, a year earlier."""
    unit = (m["u"] or m["u2"]).lower()
    return Partial(fields={"same_period": unit}, granularity=unit, shift=(-1, "year"),
                   anchor="REF")


def _h_ref_unit_ba(m: re.Match[str]) -> Partial:
    """ "the year before", "the month after": one unit from the reference time."""
    unit = m["u"].lower()
    sign = -1 if m["ba"].lower() in ("before", "previous", "earlier") else 1
    return Partial(granularity=unit, shift=(sign, unit), anchor="REF")


def _h_ord_day(m: re.Match[str]) -> Partial:
    """ "on the 5th": that day of the month the tense points to."""
    return Partial(fields={"day": int(m["d"])}, granularity="day", tense="context")


_QUANTITY = re.compile(
    r"(?:\d|%|percent|per\s+cent|billion|million|thousand|dollars?|euros?|pounds?|yuan|"
    r"rupees?|tonnes?|tons?|barrels?|times|cents?|users|people|visitors)\s*$", re.I)
_NOT_RATE = re.compile(r"\s+(?:ago|earlier|later|before|after|or\s+so)\b", re.I)


def _h_set_rate(m: re.Match[str]) -> Partial | None:
    """ "3 percent a year", "$2 billion a year": a rate, TimeML SET (else not a rate)."""
    if _NOT_RATE.match(m.string, m.end()) or not _QUANTITY.search(m.string, max(0, m.start() - 30), m.start()):
        return None
    return Partial(type="SET", value=p.duration(None, m["su"]))


#: Words one of which a rule's match must contain: rules whose words are absent are skipped
#: (a substring test is far cheaper than a regex scan).
GATES = {
    "full_date_dmy": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "iso_date": ("-",), "slash_date": ("/",), "weekday_set": ("days",), "fiscal": ("fiscal", "fy"),
    "decade": ("0s", "0's", "0\u2019s"), "decade_short": ("0s", "0's", "0\u2019s"), "century": ("century",),
    "season": ("spring", "summer", "autumn", "fall", "winter"), "quarter": ("quarter",),
    "quarter_q": ("q",), "half": ("half",), "edge_the_unit": (" of the ",),
    "vague_plural": ("s",), "deictic": ("today", "yesterday", "tomorrow", "tonight"),
    "this_pod": ("morning", "afternoon", "evening", "night"), "ref_day": ("day",),
    "the_day": ("the day",), "that_time": ("that time",), "recent": ("recent",),
    "set": ("every", "each", "daily", "weekly", "monthly", "annual", "yearly", "hourly", "nightly"),
    "set_freq": ("once", "twice", "thrice", "times"), "clock": ("a.m", "p.m", "am", "pm"),
    "clock_24": (":",), "noon": ("noon", "midnight"), "weekend": ("weekend",),
    "weekday": ("day",), "month_year": ("1", "2"), "month_rel_year": ("this year", "next year", "last year"),
    "fiscal_rel": ("fiscal",), "year_range_end": ("-", "\u2013"),
    "vague_plural_of": ("minutes", "hours", "days", "weeks", "months", "years", "decades"),
    "same_period": ("same", "year-ago", "year-earlier", "year earlier", "year ago"),
    "ref_unit_ba": ("before", "after", "previous", "earlier", "later"), "ord_day": ("on the",),
    "overnight": ("overnight",), "current": ("current",), "year_apostrophe": ("'", "\u2019"),
    "week_of_month": ("week of",), "vague_long": ("s-long",), "clock_mil": ("0", "1", "2"),
    "set_rate": (" a year", " a month", " a week", " a day", " an hour", " per "),
}


def find_candidates(text: str) -> list[Candidate]:
    """All rule matches in the text, overlaps settled longest-first, in text order."""
    found: list[Candidate] = []
    lower = text.lower()
    folded = len(lower) == len(text) and not _FOLD_APART.search(lower)
    for name, regex, handler, on_lower, gate, has_x in _scan_rules() if folded else _plain_rules():
        if gate:
            for word in gate:
                if word in lower:
                    break
            else:
                continue
        for m in regex.finditer(lower if on_lower else text):
            part = handler(_Cased(m, text) if on_lower else m)  # type: ignore[arg-type]
            if part is None:
                continue
            start, end = m.span("x") if has_x else (0, 0)
            if start >= end:
                start, end = m.span()
            found.append(Candidate(start, end, name, part))
    return _longest_first(found + _range_starts(text, found))


#: Characters that ``re.I`` equates with an ASCII letter but ``str.lower`` leaves apart (dotless
#: i, long s): a text holding one is scanned in its own case.
_FOLD_APART = re.compile("[\u0131\u017f]")

_Scan = tuple[tuple[str, re.Pattern[str], Handler, bool, tuple[str, ...], bool], ...]


@functools.cache
def _scan_rules() -> _Scan:
    """The rules as :func:`find_candidates` runs them: (name, regex, handler, on_lower, gate, has_x).

    A rule with no case-sensitive part and no capital letter runs case-sensitively over the
    lower-cased text (``str.lower`` kept every offset): the same matches as ``re.I`` over the
    text, several times cheaper for the engine (plain literals, so alternations fail fast). Its
    handler reads the groups back from the text in their own case (:class:`_Cased`).
    """
    table = _table()
    lower = [_caseless(rx) for _, rx, _ in table]
    # compiled once per user, not per process (the engine's code is cached with the tables)
    regexes = compiled_regexes("timex.rules.scan", [(rx, 0 if on_lower else re.I) for (_, rx, _), on_lower
                                                    in zip(table, lower)], compile_guarded)
    return tuple((name, regex, handler, on_lower, GATES.get(name, ()), "x" in regex.groupindex)
                 for (name, _, handler), on_lower, regex in zip(table, lower, regexes))


def _caseless(rx: str) -> bool:
    """Whether a rule has no case-sensitive part and no capital letter."""
    bare = rx.replace("(?P<", "(?<")  # the P of named groups is no capital letter to match
    return "(?-i:" not in rx and bare == bare.lower()


@functools.cache
def _plain_rules() -> _Scan:
    """Every rule with ``re.I`` over the text itself (texts that lower-casing would change)."""
    return tuple((name, regex, handler, False, gate, has_x) for (name, regex, handler), (_, _, _, _, gate, has_x)
                 in zip(rules(), _scan_rules()))


class _Cased:
    """A match in the lower-cased text, read as the same match in the text (same offsets)."""

    __slots__ = ("_m", "string")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self._m, self.string = m, text

    def __getitem__(self, group: str | int) -> str | None:
        start, end = self._m.span(group)
        return None if start < 0 else self.string[start:end]

    def start(self, group: str | int = 0) -> int:
        return self._m.start(group)

    def end(self, group: str | int = 0) -> int:
        return self._m.end(group)

    def span(self, group: str | int = 0) -> tuple[int, int]:
        return self._m.span(group)

    def groupdict(self) -> dict[str, str | None]:
        return {name: self[name] for name in self._m.re.groupindex}


@functools.cache
def _range_start_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    start = re.compile(rf"(?<![\w,.])(?P<num>{p.numw()})\s*(?:to|and|or|-|\u2013)\s*$", re.I)
    return start, re.compile(rf"(?P<u>{UNIT})s?$", re.I)


def _range_starts(text: str, found: list[Candidate]) -> list[Candidate]:
    """ "between 60 and 90 days": the first number of a duration range is a duration too."""
    start_rx, unit_rx = _range_start_rx()
    out = []
    for cand in found:
        if cand.rule != "num_unit" or cand.part.type != "DURATION":
            continue
        m = start_rx.search(text, max(0, cand.start - 30), cand.start)
        unit = unit_rx.search(text, cand.start, cand.end)
        if m and unit and p.number(m["num"]) is not None:
            value = p.duration(m["num"], unit["u"])
            out.append(Candidate(m.start(), m.end("num"), "num_unit", Partial(type="DURATION", value=value)))
    return out


@functools.cache
def _order() -> dict[str, int]:
    return {name: i for i, (name, _, _) in enumerate(_table())}


def _longest_first(found: list[Candidate]) -> list[Candidate]:
    taken: list[Candidate] = []
    used = bytearray(max((c.end for c in found), default=0))
    order = _order()
    for cand in sorted(found, key=lambda c: (c.start - c.end, order[c.rule], c.start)):
        if any(used[cand.start : cand.end]):
            continue
        used[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
