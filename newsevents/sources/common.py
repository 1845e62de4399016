"""What every reader shares: ids, date checks, decoding, article building and rejects.

Readers never raise for bad content. Each record becomes either an :class:`Article` or a
:class:`Reject` whose ``reason`` is a short stable code and whose ``detail`` names the problem
and the fix. The codes are listed in :data:`REASONS`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from pathlib import Path

from ..records import Article, Reject

#: Largest article text accepted, in UTF-8 bytes; a longer text is rejected as ``too_large``.
MAX_TEXT_BYTES = 5 * 1024 * 1024
#: Largest file (after decompression) a whole-file reader loads into memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: A publication date more than this many days after today is rejected as ``future_date``.
FUTURE_DAYS = 2
#: Dates before this year are rejected as ``bad_date`` (GDELT's "1920" events are the warning).
MIN_YEAR = 1900

#: Every reason code a reader may give, with what it means.
REASONS = {
    "bad_csv": "a CSV row cannot be parsed (quoting) or has the wrong number of fields",
    "bad_date": "the date cannot be parsed, or is before 1900",
    "bad_encoding": "bytes that are not UTF-8",
    "bad_header": "a seed text file without its ' date YYYY-MM-DD N' first line",
    "bad_json": "a line that is not valid JSON",
    "bad_type": "a field of the wrong type (e.g. a number where text is expected)",
    "bad_xml": "an RSS/Atom/Reuters file that cannot be parsed",
    "binary_file": "NUL bytes or a binary signature in a text format",
    "duplicate_id": "a second record in the same file with an id already seen, other content",
    "empty_file": "a file with no content",
    "future_date": "a publication date more than two days after today",
    "hidden": "a hidden file or folder (name starting with '.') met in a folder walk: not read",
    "hostile_xml": "XML declaring entities (billion laughs, external entities)",
    "missing_field": "a required field (published, text) or CSV column is absent",
    "no_body": "a record without body text",
    "no_date": "a page or feed item without a publication date",
    "no_records": "a file in which no record of the expected kind was found",
    "not_a_file": "a directory or special file where a file was expected, or a linked folder in a walk",
    "not_an_article": "a README, licence, documentation or code file met in a folder walk: not read",
    "not_an_object": "a JSON line that is not an object",
    "not_found": "a path that does not exist",
    "too_large": "a text over MAX_TEXT_BYTES or a file over MAX_FILE_BYTES",
    "truncated_gzip": "a .gz file that ends early or is corrupt",
    "unknown_format": "a file whose format cannot be told from its name or content",
    "unreadable": "a file the operating system refuses to read",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")  # undecodable bytes, or lone surrogates from JSON
_ISO_BASIC = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")

ENCODING_FIX = "re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8 FILE > NEW`)"
DATE_FIX = 'give an ISO date such as "2025-07-22" or "2025-07-22T14:30:00"'


def content_id(published: str, title: str, text: str) -> str:
    """Return the content-hash id of an article: 16 hex digits of sha256 over its fields.

    Args:
        published: the normalised ISO publication date.
        title: the title ("" when none).
        text: the body text.

    Returns:
        The first 16 hex digits of sha256(published + "\\n" + title + "\\n" + text).
    """
    digest = hashlib.sha256(f"{published}\n{title}\n{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def reject(path: str | Path, location: str, reason: str, detail: str) -> Reject:
    """Build a Reject, checking that the reason is a known code."""
    assert reason in REASONS, f"unknown reject reason {reason!r}"
    return Reject(str(path), location, reason, detail)


def normalize_date(value: str, today: dt.date | None = None) -> tuple[str | None, str, str]:
    """Check a publication date and return it in the contract's ISO form.

    Accepts ISO 8601 dates and datetimes (``2025-07-22``, ``2025-07-22T14:30``,
    ``2025-07-22 14:30:00.5+02:00``). A time zone offset is dropped and the local wall time
    kept, because the local calendar day is what "on Friday" in the text refers to.

    Args:
        value: the date as given.
        today: the reference day for the future check (default: today).

    Returns:
        ``(iso, "", "")`` when valid, else ``(None, reason, detail)`` with reason
        ``bad_date`` or ``future_date``.
    """
    text = value.strip()
    if not _ISO_BASIC.match(text):
        return None, "bad_date", f"date {value[:40]!r} is not an ISO date; {DATE_FIX}"
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None, "bad_date", f"date {value[:40]!r} is not a real calendar date; {DATE_FIX}"
    return check_datetime(stamp, has_time=len(text) > 10, given=value, today=today)


def check_datetime(
    stamp: dt.datetime, *, has_time: bool, given: str, today: dt.date | None = None
) -> tuple[str | None, str, str]:
    """Range-check a parsed publication time and format it (see :func:`normalize_date`)."""
    today = today or dt.date.today()
    if stamp.year < MIN_YEAR:
        return None, "bad_date", f"date {given[:40]!r} is before {MIN_YEAR}; {DATE_FIX}"
    if stamp.date() > today + dt.timedelta(days=FUTURE_DAYS):
        detail = (
            f"date {given[:40]!r} is more than {FUTURE_DAYS} days in the future; "
            "give the real publication date"
        )
        return None, "future_date", detail
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%S") if has_time else stamp.strftime("%Y-%m-%d")
    return iso, "", ""


def decode(data: bytes) -> tuple[str, bool]:
    """Decode bytes as Unicode, honouring a BOM; undecodable bytes become lone surrogates.

    Returns:
        The text (BOM removed) and whether every byte decoded cleanly.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, "surrogateescape" if "8" in encoding else "replace")
            return text, not has_bad_bytes(text) and "\ufffd" not in text
    text = data.decode("utf-8", "surrogateescape")
    return text, not has_bad_bytes(text)


def has_bad_bytes(text: str) -> bool:
    """Whether a text holds bytes that were not UTF-8 (kept by ``surrogateescape``) or lone
    surrogates (from JSON ``\\ud800`` escapes), neither of which can be stored as UTF-8."""
    return _SURROGATE.search(text) is not None


def looks_binary(data: bytes) -> bool:
    """Whether the start of a file looks binary: NUL bytes outside a UTF-16/32 BOM, or a known
    binary signature (PDF, PNG, JPEG, ZIP, GIF)."""
    if any(data.startswith(bom) for bom, enc in _BOMS if "8" not in enc):
        return False
    head = data[:8192]
    signatures = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"GIF8", b"\x7fELF")
    return b"\x00" in head or head.startswith(signatures)


def check_text(path: str | Path, location: str, text: str) -> Reject | None:
    """Reject a body that is empty, too large or holds NUL or non-UTF-8 bytes."""
    if not text.strip():
        return reject(path, location, "no_body", "the record has no body text; give the article text")
    if len(text) > MAX_TEXT_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        detail = (
            f"the text is over {MAX_TEXT_BYTES // (1024 * 1024)} MB, larger than any news article; "
            "split it into articles or check that the file is what you meant to read"
        )
        return reject(path, location, "too_large", detail)
    if has_bad_bytes(text):
        detail = f"the text holds bytes (or \\ud800-style escapes) that are not valid UTF-8; {ENCODING_FIX}"
        return reject(path, location, "bad_encoding", detail)
    if "\x00" in text:
        return reject(path, location, "binary_file", "the text holds NUL bytes; remove them or check the file")
    return None


def make_article(
    path: str | Path,
    location: str,
    *,
    published: str,
    text: str,
    title: str = "",
    id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> Article | Reject:
    """Validate the fields of one record and build its Article, or say why not.

    Args:
        path: the file, for the Reject.
        location: where in the file ("line 3", "item 2", ...).
        published: the date as given (checked with :func:`normalize_date`).
        text: the body.
        title: the title.
        id: the given id; a content hash (:func:`content_id`) when None or empty.
        source: the publisher or agency.
        url: the article's address.
        language: an ISO 639-1 code; "en" when None.
        today: reference day for the future-date check.

    Returns:
        The Article, or a Reject naming the first problem found.
    """
    iso, reason, detail = normalize_date(published, today)
    if iso is None:
        return reject(path, location, reason, detail)
    problem = check_text(path, location, text)
    if problem is not None:
        return problem
    for name, value in (("title", title), ("source", source), ("url", url), ("id", id)):
        if value and has_bad_bytes(value):
            return reject(path, location, "bad_encoding", f"the {name} holds bytes that are not UTF-8; {ENCODING_FIX}")
    article_id = id or content_id(iso, title, text)
    return Article(article_id, iso, title, text, source or None, url or None, language or "en")


class IdTracker:
    """Remembers the ids seen in one file so that a reused id with other content is rejected.

    An exact repeat (same id, same content) passes: the store's upsert absorbs it.
    """

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def check(self, path: str | Path, location: str, item: Article | Reject) -> Article | Reject:
        """Return the item, or a ``duplicate_id`` Reject if its id was used for other content."""
        if isinstance(item, Reject):
            return item
        digest = content_id(item.published, item.title, item.text)
        first = self._seen.setdefault(item.id, digest)
        if first == digest:
            return item
        detail = (
            f"id {item.id!r} was already used earlier in this file for different content; "
            "give each article its own id (or leave the id out to use a content hash)"
        )
        return reject(path, location, "duplicate_id", detail)
