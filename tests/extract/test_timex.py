"""Tests of the timex stage: detection extents, TIMEX3 values in context, event dating."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsevents.errors import ConfigError
from newsevents.extract.timex.extract import date_event, extract_timexes
from newsevents.extract.timex.patterns import duration
from newsevents.extract.timex.resolve import anchor_date, weekday_date

TUE = "2025-07-22"  # a Tuesday

# sentence | published | expected text | type | value
CASES = [
    ("The spokesman said on Friday that the talks had stalled.", TUE, "Friday", "DATE", "2025-07-18"),
    ("The minister will fly to Ankara on Friday.", TUE, "Friday", "DATE", "2025-07-25"),
    ("The envoy is expected to arrive on Thursday.", TUE, "Thursday", "DATE", "2025-07-24"),
    ("Rebels shelled the town on Sunday.", TUE, "Sunday", "DATE", "2025-07-20"),
    ("The cabinet resigned on Tuesday.", TUE, "Tuesday", "DATE", "2025-07-22"),
    ("Negotiators plan to meet on Monday in Geneva.", TUE, "Monday", "DATE", "2025-07-28"),
    ("Markets stay closed until Friday.", TUE, "Friday", "DATE", "2025-07-25"),
    ("The delegation arrived last Wednesday.", TUE, "last Wednesday", "DATE", "2025-07-16"),
    ("The vote is set for next Monday.", TUE, "next Monday", "DATE", "2025-07-28"),
    ("Leaders met last week in Rome.", TUE, "last week", "DATE", "2025-W29"),
    ("The assembly sits this week.", TUE, "this week", "DATE", "2025-W30"),
    ("The summit will take place next week.", TUE, "next week", "DATE", "2025-W31"),
    ("Inflation rose last month.", TUE, "last month", "DATE", "2025-06"),
    ("Polls open next month.", TUE, "next month", "DATE", "2025-08"),
    ("The decree was signed this month.", TUE, "this month", "DATE", "2025-07"),
    ("The party won last year.", TUE, "last year", "DATE", "2024"),
    ("A new census is due next year.", TUE, "next year", "DATE", "2026"),
    ("The law passed earlier this year.", TUE, "earlier this year", "DATE", "2025"),
    ("The war began three years ago.", TUE, "three years ago", "DATE", "2022"),
    ("The mayor was arrested two days ago.", TUE, "two days ago", "DATE", "2025-07-20"),
    ("The accord was signed in September 2022.", TUE, "September 2022", "DATE", "2022-09"),
    ("Troops withdrew on 12 March 2019.", TUE, "12 March 2019", "DATE", "2019-03-12"),
    ("The blockade began on March 3, 2024.", TUE, "March 3, 2024", "DATE", "2024-03-03"),
    ("The summit opened on 2024-11-05.", TUE, "2024-11-05", "DATE", "2024-11-05"),
    ("The talks collapsed in March.", TUE, "March", "DATE", "2025-03"),
    ("Parliament will reconvene in September.", TUE, "September", "DATE", "2025-09"),
    ("Voters go to the polls in November.", TUE, "November", "DATE", "2025-11"),
    ("The coalition broke up in December.", "2025-02-10", "December", "DATE", "2024-12"),
    ("The new cabinet will be sworn in during January.", "2025-11-20", "January", "DATE", "2026-01"),
    ("The junta seized power in 2021.", TUE, "2021", "DATE", "2021"),
    ("The bloc expanded in the 1990s.", TUE, "the 1990s", "DATE", "199"),
    ("Ties frayed in the 21st century.", TUE, "the 21st century", "DATE", "20"),
    ("Exports fell in the second quarter of 2024.", TUE, "the second quarter of 2024", "DATE", "2024-Q2"),
    ("The offensive started last summer.", TUE, "last summer", "DATE", "2024-SU"),
    ("Talks resume in the autumn.", TUE, "autumn", "DATE", "2025-FA"),
    ("The envoy resigned in mid-2021.", TUE, "mid-2021", "DATE", "2021"),
    ("The mandate ends at the end of the year.", TUE, "the end of the year", "DATE", "2025"),
    ("A report is due in the first half of next year.", TUE, "the first half of next year", "DATE", "2026-H1"),
    ("Results arrive in fiscal 2026.", TUE, "fiscal 2026", "DATE", "FY2026"),
    ("The siege lasted three months.", TUE, "three months", "DURATION", "P3M"),
    ("The hearing ran 24 hours.", TUE, "24 hours", "DURATION", "PT24H"),
    ("The feud has simmered for a decade.", TUE, "a decade", "DURATION", "P10Y"),
    ("The strike has lasted two weeks.", TUE, "two weeks", "DURATION", "P2W"),
    ("Both sides agreed to a 72-hour truce.", TUE, "72-hour", "DURATION", "PT72H"),
    ("The regime has ruled for years.", TUE, "years", "DURATION", "PXY"),
    ("Prices rose over the past two years.", TUE, "the past two years", "DURATION", "P2Y"),
    ("The siege ended about a month earlier.", TUE, "a month", "DURATION", "P1M"),
    ("The panel will sit for several days.", TUE, "several days", "DURATION", "PXD"),
    ("The council meets every Monday.", TUE, "every Monday", "SET", "XXXX-WXX-1"),
    ("The forum is held annually.", TUE, "annually", "SET", "P1Y"),
    ("Inspectors come twice a month.", TUE, "twice a month", "SET", "P1M"),
    ("The board convenes each year.", TUE, "each year", "SET", "P1Y"),
    ("Ministers hold talks on Mondays.", TUE, "Mondays", "SET", "XXXX-WXX-1"),
    ("The blast happened at 3:15 p.m. local time.", TUE, "3:15 p.m.", "TIME", "2025-07-22T15:15"),
    ("The session opened at 09:30 GMT.", TUE, "09:30 GMT", "TIME", "2025-07-22T09:30Z"),
    ("Shelling resumed on Sunday morning.", TUE, "Sunday morning", "TIME", "2025-07-20TMO"),
    ("Drones struck the depot last night.", TUE, "last night", "TIME", "2025-07-21TNI"),
    ("The president speaks tonight.", TUE, "tonight", "TIME", "2025-07-22TNI"),
    ("Yesterday the army retreated.", TUE, "Yesterday", "DATE", "2025-07-21"),
    ("The envoy arrives tomorrow.", TUE, "tomorrow", "DATE", "2025-07-23"),
    ("The vote is today.", TUE, "today", "DATE", "2025-07-22"),
    ("A decision will come in the coming days.", TUE, "the coming days", "DATE", "FUTURE_REF"),
    ("The two states clashed in the past.", TUE, "the past", "DATE", "PAST_REF"),
    ("The party currently leads the polls.", TUE, "currently", "DATE", "PRESENT_REF"),
    ("Attacks have grown in recent weeks.", TUE, "recent weeks", "DURATION", "PXW"),
    ("KYIV, July 21 (Wire) - Drones hit the capital.", TUE, "July 21", "DATE", "2025-07-21"),
    ("WASHINGTON, Dec 30 - The Treasury acted.", "2025-01-03", "Dec 30", "DATE", "2024-12-30"),
    ("The accord was signed in 2019. The following year, it collapsed.", TUE, "The following year", "DATE", "2020"),
    ("The truce began on May 5, 2024. The next day, shelling resumed.", TUE, "The next day", "DATE", "2024-05-06"),
    ("Given the current turmoil, the ministry delayed the vote.", TUE, "current", "DATE", "PRESENT_REF"),
    ("Growth should pick up in the near term, the central bank said.", TUE, "the near term", "DATE", "FUTURE_REF"),
    ("Interest rates will stay high for the time being.", TUE, "the time being", "DATE", "PRESENT_REF"),
    ("The mission ran 2010-2012 under UN command.", TUE, "2010", "DATE", "2010"),
    ("The mission ran 2010-2012 under UN command.", TUE, "2012", "DATE", "2012"),
    ("The peace plan covers 2026-28, the envoy said.", TUE, "28", "DATE", "2028"),
    ("Exports rose in June from the same month a year ago.", TUE, "the same month a year ago", "DATE", "2024-06"),
    ("Revenue fell in the second quarter from the same period a year earlier.", TUE, "the same period a year earlier", "DATE", "2024-Q2"),
    ("In recent years the party has lost ground in the north.", TUE, "recent years", "DURATION", "PXY"),
    ("The coming weeks will be decisive for the coalition.", TUE, "The coming weeks", "DATE", "FUTURE_REF"),
    ("Protests erupted this past weekend in the capital.", TUE, "this past weekend", "DATE", "2025-W29-WE"),
    ("Growth slowed in the first half of 2025, the statistics office said.", TUE, "the first half of 2025", "DATE", "2025-H1"),
    ("The deficit will narrow in the 2026 fiscal year.", TUE, "the 2026 fiscal year", "DATE", "FY2026"),
    ("The ministry expects a surplus in the current fiscal year.", TUE, "the current fiscal year", "DATE", "FY2025"),
    ("The assembly met on the 5th and adjourned without a vote.", TUE, "the 5th", "DATE", "2025-07-05"),
    ("The assembly will reconvene on the 28th, the speaker said.", TUE, "the 28th", "DATE", "2025-07-28"),
    ("Rebels shelled the city overnight, officials said.", TUE, "overnight", "TIME", "2025-07-21TNI"),
    ("Polls close at 8 p.m. EST in the eastern states.", TUE, "8 p.m. EST", "TIME", "2025-07-22T20:00-05"),
    ("Oil output rose 3 percent a year under the plan.", TUE, "a year", "SET", "P1Y"),
    ("The country spends $2 billion a year on its army.", TUE, "a year", "SET", "P1Y"),
    ("After months of talks, the two sides signed a truce.", TUE, "months", "DURATION", "PXM"),
    ("The war began in 2022. The year before, the talks had failed.", TUE, "The year before", "DATE", "2021"),
    ("The government said on Monday it would hold talks next week.", TUE, "Monday", "DATE", "2025-07-21"),
    ("Licences that lapse after October of next year will not be renewed.", TUE, "October", "DATE", "2026-10"),
    ("Licences that lapse after October of next year will not be renewed.", TUE, "next year", "DATE", "2026"),
    ("Refugee arrivals rose in the last week of March.", TUE, "the last week of March", "DATE", "2025-W13"),
    ("The index hit its lowest level since '82.", TUE, "'82", "DATE", "1982"),
    ("At 0800 GMT, the central bank cut rates.", TUE, "0800 GMT", "TIME", "2025-07-22T08:00Z"),
    ("The decades-long border dispute was settled.", TUE, "decades-long", "DURATION", "PXY"),
    ("The handover will take between 60 and 90 days.", TUE, "60", "DURATION", "P60D"),
    ("Banks have remained closed until Friday.", TUE, "Friday", "DATE", "2025-07-25"),
    ("Banks stayed closed until Friday.", TUE, "Friday", "DATE", "2025-07-18"),
    # "since" looks back, whatever verb the parser hangs it on (here the infinitive "repeal")
    ("The president has urged lawmakers to repeal the tariff since September.", TUE, "September", "DATE",
     "2024-09"),
    ("The program will cost $5 billion over the next decade.", TUE, "the next decade", "DURATION", "P10Y"),
    ("In today's Europe, few leaders defend the treaty.", TUE, "today", "DATE", "PRESENT_REF"),
    ("The embargo was imposed in the 1980's.", TUE, "the 1980's", "DATE", "198"),
    ("Defence spending has doubled this decade.", TUE, "this decade", "DATE", "202"),
    ("The ceasefire has held for days.", TUE, "days", "DURATION", "PXD"),
    ("The envoy arrived this past Tuesday.", TUE, "this past Tuesday", "DATE", "2025-07-15"),
    ("A ruling is expected two weeks from now.", TUE, "two weeks from now", "DATE", "2025-W32"),
    ("The curfew took effect at midnight on Sunday.", TUE, "midnight on Sunday", "TIME", "2025-07-20T00:00"),
    ("The truce began at 6 a.m. local time Monday.", TUE, "6 a.m. local time Monday", "TIME", "2025-07-21T06:00"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "published", "text", "ttype", "value"), CASES)
def test_timex_values(parse, sentence, published, text, ttype, value):
    doc = parse(sentence, published)
    found = {t.text: t for t in extract_timexes(doc, published)}
    assert text in found, f"{text!r} not found; got {sorted(found)}"
    assert (found[text].type, found[text].value) == (ttype, value)


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "Police detained 2000 protesters in the capital.",
        "May said the deal was fair.",
        "Stock prices continue to fall.",
        "The Arab Spring reshaped the region.",
        "About a quarter of voters abstained.",
        "He paid $2019 for the ticket.",
        "The 62-year-old leader resigned.",
        "Reform will not happen overnight.",
        "The days of cheap credit are over.",
        "The current account deficit widened.",
        "The plant employs 1,000 person years of labour.",
        "Talks ran into the early hours of the night.",
        "Israel violated Security Council resolution 1701.",
        "The plane on flight 1549 landed on the river.",
    ],
)
def test_timex_rejects_non_times(parse, sentence):
    assert extract_timexes(parse(sentence, TUE), TUE) == []


@pytest.mark.model
def test_timex_mod_and_extent_exclude_approximators(parse):
    (timex,) = extract_timexes(parse("The talks lasted about three years.", TUE), TUE)
    assert (timex.text, timex.value, timex.mod) == ("three years", "P3Y", "APPROX")


def _seed(shared):
    lines = (shared / "seed" / "000_d06ffc9ac9d1c36e.txt").read_text(encoding="utf-8").split("\n")
    published = lines[0].split()[1]
    body = "\n".join(lines[2:])
    return published, body.removeprefix("(MENAFN) ")


@pytest.mark.model
def test_timex_seed_article_gives_gold_values(parse, shared):
    published, body = _seed(shared)
    gold = json.loads((shared / "examples" / "seed.gold.json").read_text(encoding="utf-8"))
    found = [(t.text, t.type, t.value) for t in extract_timexes(parse(body, published), published)]
    for g in gold["timexes"]:
        assert (g["text"], g["type"], g["value"]) in found


@pytest.mark.model
def test_timex_offsets_index_the_text_exactly(parse, shared):
    published, body = _seed(shared)
    text = body + "\n\nTalks resumed on Monday\u2014a week later\u2014and again at 8 p.m. on Friday."
    doc = parse(text, published)
    timexes = extract_timexes(doc, published)
    assert len(timexes) >= 8
    for t in timexes:
        assert text[t.start : t.end] == t.text and t.text.strip() == t.text


def _clause(doc, containing: str):
    start = doc.text.index(containing)
    return doc.char_span(start, start + len(containing), alignment_mode="expand")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "clause", "expected"),
    [
        ("In an interview on Friday, the spokesman criticised the alliance.",
         "the spokesman criticised the alliance", ("2025-07-18", "day", "timex")),
        ("Last year's summit reaffirmed the pledge.", "Last year's summit reaffirmed the pledge",
         ("2024", "year", "timex")),
        ("Last year's summit reaffirmed the pledge, but since then, enthusiasm has cooled.",
         "since then, enthusiasm has cooled", ("2024", "year", "timex")),
        ("The accord was signed in 2019. The following year, the deal collapsed.",
         "the deal collapsed", ("2020", "year", "timex")),
        ("The truce began on May 5, 2024. Two days later, rebels attacked the port.",
         "rebels attacked the port", ("2024-05-07", "day", "timex")),
        ("The minister will visit Kiev next month.", "The minister will visit Kiev next month",
         ("2025-08", "month", "timex")),
        ("The ministry condemned the attack.", "The ministry condemned the attack",
         ("2025-07-22", "day", "publication")),
        ("The ministry has condemned attacks for years.", "The ministry has condemned attacks",
         ("2025-07-22", "day", "publication")),
        # "in the past" is no reference time ("at the time" is)
        ("The rebels have fought since 1983. They would use bombers, as in the past.",
         "They would use bombers, as in the past", ("2025-07-22", "day", "publication")),
        ("The truce began on May 5, 2024. At the time, rebels attacked the port.",
         "rebels attacked the port", ("2024-05-05", "day", "timex")),
        # a time in a clause describing a noun dates that clause, not the event ...
        ("Peru joined the Andean Community, a trade bloc established in 1969.",
         "Peru joined the Andean Community, a trade bloc established in 1969",
         ("2025-07-22", "day", "publication")),
        ("India gave up land that China seized in 1962.", "India gave up land that China seized in 1962",
         ("2025-07-22", "day", "publication")),
        # a past-tense report cannot happen after publication: the time names something else
        ("The two leaders have declared 2027 the year of friendship.",
         "The two leaders have declared 2027 the year of friendship", ("2025-07-22", "day", "publication")),
        ("The two leaders will declare 2027 the year of friendship.",
         "The two leaders will declare 2027 the year of friendship", ("2027", "year", "timex")),
        # ... unless the noun is the occasion the event happens at
        ("He spoke at a meeting that was broadcast on Friday.",
         "He spoke at a meeting that was broadcast on Friday", ("2025-07-18", "day", "timex")),
    ],
)
def test_timex_date_event(parse, text, clause, expected):
    doc = parse(text, TUE)
    timexes = extract_timexes(doc, TUE)
    assert date_event(_clause(doc, clause), TUE, timexes) == expected


@pytest.mark.model
def test_timex_date_event_honours_the_callers_timex_list(parse):
    doc = parse("Protesters marched on Friday.", TUE)
    assert extract_timexes(doc, TUE)
    assert date_event(doc[:], TUE, []) == (TUE, "day", "publication")


@pytest.mark.model
def test_timex_bad_publication_date_says_how_to_fix(parse):
    with pytest.raises(ConfigError, match="published"):
        extract_timexes(parse("On Friday.", TUE), "22/07/2025")


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [(5, "past", "2025-07-18"), (5, "future", "2025-07-25"), (2, "past", "2025-07-22"),
     (2, "future", "2025-07-29"), (7, "this", "2025-07-27")],
)
def test_timex_weekday_date(weekday, direction, expected):
    assert weekday_date(weekday, dt.date(2025, 7, 22), direction).isoformat() == expected


@pytest.mark.parametrize(
    ("num", "unit", "value"),
    [("24", "hours", "PT24H"), ("a", "decade", "P10Y"), ("12", "months", "P12M"),
     ("two and a half", "years", "P2.5Y"), ("several", "weeks", "PXW"), ("thirty", "minutes", "PT30M")],
)
def test_timex_duration_keeps_unit_as_written(num, unit, value):
    assert duration(num, unit) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-07-18", ("2025-07-18", "day")), ("2025-07-18TMO", ("2025-07-18", "day")),
     ("2025-06", ("2025-06", "month")), ("2024", ("2024", "year")), ("2025-W30", ("2025-07", "month")),
     ("2025-Q1", ("2025", "year")), ("FY2026", ("2026", "year")), ("PRESENT_REF", None),
     ("P3Y", None), ("199", None)],
)
def test_timex_anchor_date_precision(value, expected):
    assert anchor_date(value) == expected


@pytest.mark.parametrize("text", [
    "Last Monday, three weeks ago, the talks resumed twice a year for 10 DAYS in Fiscal 1987.",
    "LAST MONDAY, THREE WEEKS AGO, THE TALKS RESUMED TWICE A YEAR FOR 10 DAYS IN FISCAL 1987.",
    "The Early 1990s, Mid-March And The Past Two Years; 5 P.M. EST on Jan. 3, 2008.",
])
def test_timex_case_free_rules_match_as_with_ignorecase(text: str) -> None:
    """Case-free rules scan the lower-cased text; a text holding a character that ``re.I`` and
    ``str.lower`` fold apart (dotless i) takes the old path, every rule with ``re.I``: both give
    the same candidates."""
    from newsevents.extract.timex.rules import find_candidates

    fast = find_candidates(text)
    plain = [c for c in find_candidates(text + " \u0131") if c.end <= len(text)]
    assert fast and repr(fast) == repr(plain)
