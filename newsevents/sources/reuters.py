"""Reuters-21578 SGML (``reut2-NNN.sgm``): one Article per ``<REUTERS>`` story with a body.

A streaming regex parser (the files are regular, and an SGML/HTML parser per story would be
an order of magnitude slower). The files are decoded as Latin-1, as the corpus README implies
(one byte above 0x7F in the whole corpus). Per story:

- id ``reuters-<NEWID>``; title from ``<TITLE>``; source ``"Reuters"``;
- text from ``<BODY>``, entities unescaped, control characters (``&#3;`` ...) removed, the
  closing " Reuter" / "REUTER" sign-off dropped, and the 1987 wire's hard line wraps joined:
  a line that starts with spaces opens a new paragraph (one ``\\n``), other line breaks
  become spaces;
- published from ``<DATE>`` ``26-FEB-1987 15:01:01.79`` -> ``1987-02-26T15:01:01``. Repairs:
  leading spaces, doubled spaces and trailing noise (``&#5;&#5;&#5;RM``, comments) are
  ignored; an impossible time of day (``605:12:19``) keeps the date alone (``1987-03-31``).
  A date that still cannot be read is rejected as ``bad_date``.

Stories without a ``<BODY>`` (2,535 of 21,578) are rejected as ``no_body`` at "NEWID N".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ..records import Article, Reject
from .common import IdTracker, check_datetime, make_article, reject
from .opening import load_bytes

STORY = re.compile(rb"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID = re.compile(r'NEWID="(\d+)"')
DATE = re.compile(r"<DATE>(.*?)</DATE>", re.S)
TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
BODY = re.compile(r"<BODY>(.*?)(?:</BODY>|$)", re.S)
DATE_VALUE = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d+):(\d{2}):(\d{2})")
ENTITY = re.compile(r"&(#\d+|amp|lt|gt|quot|apos);")
SIGN_OFF = "reuter"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def read_reuters(path: str | Path) -> Iterator[Article | Reject]:
    """Read one Reuters-21578 SGML file.

    Args:
        path: a ``reut2-NNN.sgm`` file (optionally gzipped).

    Yields:
        An Article per story with a body, a Reject per story without one or with an
        unreadable date, and a file-level Reject if no story is found.
    """
    data, problem = load_bytes(path)
    found = 0
    tracker = IdTracker()
    for match in STORY.finditer(data):
        found += 1
        attributes = match.group(1).decode("latin-1")
        newid = NEWID.search(attributes)
        location = f"NEWID {newid.group(1)}" if newid else f"offset {match.start()}"
        item = parse_story(path, location, match.group(2).decode("latin-1"))
        yield tracker.check(path, location, item)
    if problem is not None:
        yield problem
    elif not found:
        detail = "no <REUTERS> story found; this reader is for Reuters-21578 reut2-*.sgm files"
        yield reject(path, "", "no_records", detail)


def parse_story(path: str | Path, location: str, story: str) -> Article | Reject:
    """Build the Article of one ``<REUTERS>`` element's inner SGML (see the module docstring)."""
    body = BODY.search(story)
    text = clean_body(body.group(1)) if body else ""
    if not text:
        detail = "the story has no <BODY> (a title-only brief or unprocessed item); nothing to code"
        return reject(path, location, "no_body", detail)
    date = DATE.search(story)
    published, problem = parse_date(date.group(1) if date else "")
    if published is None:
        return reject(path, location, "bad_date", problem)
    title = TITLE.search(story)
    newid = location.split()[1] if location.startswith("NEWID") else None
    return make_article(
        path,
        location,
        published=published,
        title=unescape(title.group(1)).strip() if title else "",
        text=text,
        id=f"reuters-{newid}" if newid else None,
        source="Reuters",
    )


def parse_date(value: str) -> tuple[str | None, str]:
    """Parse a ``<DATE>`` value: ``"26-FEB-1987 15:01:01.79"`` -> ``"1987-02-26T15:01:01"``.

    Returns:
        ``(iso, "")``, or ``(None, detail)`` when no date can be read.
    """
    match = DATE_VALUE.match(value)
    fix = "correct the <DATE> to the form 26-FEB-1987 15:01:01.79"
    if match is None or match.group(2).upper() not in MONTHS:
        return None, f"<DATE> {value.strip()[:40]!r} is not a DD-MON-YYYY HH:MM:SS date; {fix}"
    day, month, year = int(match.group(1)), MONTHS[match.group(2).upper()], int(match.group(3))
    hour, minute, second = (int(match.group(i)) for i in (4, 5, 6))
    try:
        stamp = dt.datetime(year, month, day)
    except ValueError:
        return None, f"<DATE> {value.strip()[:40]!r} is not a real calendar date; {fix}"
    has_time = hour < 24 and minute < 60 and second < 60  # else keep the day alone
    if has_time:
        stamp = stamp.replace(hour=hour, minute=minute, second=second)
    iso, _, detail = check_datetime(stamp, has_time=has_time, given=value.strip())
    return iso, detail


def clean_body(raw: str) -> str:
    """Turn a ``<BODY>``'s SGML into plain text (see the module docstring)."""
    text = CONTROL.sub("", unescape(raw))
    text = drop_sign_off(text)
    paragraphs = re.split(r"\n(?=[ \t])", text)
    joined = (" ".join(line.strip() for line in p.split("\n") if line.strip()) for p in paragraphs)
    return "\n".join(p for p in joined if p)


def drop_sign_off(text: str) -> str:
    """Remove the closing "Reuter" word(s) (some stories sign off twice) and trailing space."""
    text = text.rstrip()
    while text[-6:].lower() == SIGN_OFF and (len(text) == 6 or not text[-7].isalnum()):
        text = text[:-6].rstrip()
    return text


def unescape(text: str) -> str:
    """Replace the SGML entities of the corpus (``&#3;``, ``&lt;``, ``&amp;`` ...); control
    characters they stand for are removed."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#"):
            code = int(name[1:])
            return chr(code) if 32 <= code < 127 or 160 <= code <= 0x10FFFF else ""
        return NAMED[name]

    return ENTITY.sub(one, text)
