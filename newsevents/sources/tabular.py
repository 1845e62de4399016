"""JSON Lines and CSV: one article per line or row.

Fields: ``published`` and ``text`` are required; ``id``, ``title``, ``url``, ``source`` and
``language`` are optional; other fields are ignored. ``date`` is accepted as an alias of
``published`` when ``published`` is absent (many exports call it that). CSV headers match
case-insensitively. A ``.json`` file (not ``.jsonl``) holding one JSON array of objects is read too (its
records are located as "item N"). Both formats are streamed, so file size is not limited;
each record is checked on its own, and a bad one does not stop the file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..records import Article, Reject
from .common import (
    DATE_FIX,
    ENCODING_FIX,
    MAX_FILE_BYTES,
    IdTracker,
    has_bad_bytes,
    make_article,
    reject,
)
from .opening import STREAM_ERRORS, iter_lines, load_text, open_raw

REQUIRED = ("published", "text")
OPTIONAL = ("id", "title", "url", "source", "language")
ALIASES = {"date": "published"}


def read_jsonl(path: str | Path) -> Iterator[Article | Reject]:
    """Read a JSON Lines file (one object per line; blank lines are skipped).

    Args:
        path: a ``.jsonl``/``.ndjson``/``.json`` file, optionally gzipped.

    Yields:
        An Article or a Reject (location "line N") for each non-blank line.
    """
    if _is_json_array(path):
        yield from _read_json_array(path)
        return
    tracker = IdTracker()
    for item in iter_lines(path):
        if isinstance(item, Reject):
            yield item
            continue
        number, line = item
        if line.strip():
            location = f"line {number}"
            yield tracker.check(path, location, _parse_json_line(path, location, line))


def _parse_json_line(path: str | Path, location: str, line: str) -> Article | Reject:
    if has_bad_bytes(line):
        return reject(path, location, "bad_encoding", f"the line holds bytes that are not UTF-8; {ENCODING_FIX}")
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        detail = f"the line is not valid JSON ({str(exc)[:80]}); write one JSON object per line"
        return reject(path, location, "bad_json", detail)
    return record_to_article(path, location, obj)


def _is_json_array(path: str | Path) -> bool:
    name = str(path).lower().removesuffix(".gz")
    if not name.endswith(".json"):
        return False
    try:
        with open_raw(path) as handle:
            head = handle.read(4096)
    except STREAM_ERRORS:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def _read_json_array(path: str | Path) -> Iterator[Article | Reject]:
    text, problem = load_text(path)
    if problem is not None:
        yield problem
        return
    try:
        items = json.loads(text)
    except (ValueError, RecursionError) as exc:
        detail = f"the file is not valid JSON ({str(exc)[:80]}); give a JSON array of objects or JSON Lines"
        yield reject(path, "", "bad_json", detail)
        return
    tracker = IdTracker()
    for number, obj in enumerate(items if isinstance(items, list) else [items], start=1):
        location = f"item {number}"
        yield tracker.check(path, location, record_to_article(path, location, obj))


def record_to_article(path: str | Path, location: str, obj: Any) -> Article | Reject:
    """Check one JSON object's fields and build its Article, or a Reject saying what is wrong.

    Args:
        path: the file, for the Reject.
        location: where in the file.
        obj: the parsed JSON value.

    Returns:
        The Article, or a Reject (``not_an_object``, ``missing_field``, ``bad_type``, ...).
    """
    if not isinstance(obj, dict):
        detail = f"the record is a JSON {_json_type(obj)}, not an object; write {{\"published\": ..., \"text\": ...}}"
        return reject(path, location, "not_an_object", detail)
    fields = {ALIASES.get(k, k): v for k, v in obj.items() if k in ALIASES and "published" not in obj}
    fields.update({k: v for k, v in obj.items() if k in REQUIRED or k in OPTIONAL})
    return fields_to_article(path, location, fields)


def fields_to_article(path: str | Path, location: str, fields: dict[str, Any]) -> Article | Reject:
    """Type-check a record's fields (canonical names) and build its Article."""
    for name in REQUIRED:
        if fields.get(name) is None or (name == "published" and fields[name] == ""):
            return _missing(path, location, name)
    if isinstance(fields.get("id"), int) and not isinstance(fields["id"], bool):
        fields["id"] = str(fields["id"])  # numeric ids are common in exports
    for name in REQUIRED + OPTIONAL:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            detail = (
                f"field {name!r} is a {_json_type(value)} ({str(value)[:40]}), not a string; "
                f"give it as text, e.g. \"{name}\": \"...\""
            )
            return reject(path, location, "bad_type", detail)
    return make_article(
        path,
        location,
        published=fields["published"],
        text=fields["text"],
        title=(fields.get("title") or "").strip(),
        id=fields.get("id") or None,
        source=fields.get("source"),
        url=fields.get("url"),
        language=fields.get("language"),
    )


def _missing(path: str | Path, location: str, name: str) -> Reject:
    fix = DATE_FIX if name == "published" else 'add the article body, e.g. "text": "..."'
    return reject(path, location, "missing_field", f"the record has no {name!r} field; {fix}")


def _json_type(value: Any) -> str:
    names = {bool: "boolean", int: "number", float: "number", list: "list", dict: "object", str: "string"}
    return names.get(type(value), type(value).__name__)


def read_csv(path: str | Path) -> Iterator[Article | Reject]:
    """Read a CSV file with a header row (comma-separated, double-quoted, RFC 4180).

    Args:
        path: a ``.csv`` file, optionally gzipped.

    Yields:
        An Article or a Reject (location "line N", the row's first line) for each row; a
        single file-level ``missing_field`` Reject if the header lacks a required column.
    """
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    lines = _LineCounter(iter_lines(path))
    reader = csv.reader(lines, strict=True)
    header: list[str] | None = None
    tracker = IdTracker()
    rows = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rows += 1
            yield _bad_csv(path, start, f"the row cannot be parsed ({exc})")
            continue
        if header is None:
            header = [_column(name) for name in row]
            problem = _header_problem(path, header)
            if problem is not None:
                yield problem
                yield from lines.rejects
                return
            continue
        if row and any(cell.strip() for cell in row):
            location = f"line {start}"
            yield tracker.check(path, location, _row_to_article(path, location, header, row))
        rows += 1
    yield from lines.rejects
    if header is not None and not rows and not lines.rejects:
        yield reject(path, "", "no_records", "the CSV file has a header but no rows; add one row per article")


def _row_to_article(path: str | Path, location: str, header: list[str], row: list[str]) -> Article | Reject:
    if len(row) != len(header):
        return _bad_csv(path, int(location.split()[1]), f"the row has {len(row)} fields, the header {len(header)}")
    cells = dict(zip(header, row))
    fields: dict[str, str | None] = {
        ALIASES.get(k, k): v for k, v in cells.items() if k in ALIASES and "published" not in cells
    }
    fields.update({k: (v if v != "" else None) for k, v in cells.items() if k in REQUIRED or k in OPTIONAL})
    if "text" in cells and cells["text"] == "":
        fields["text"] = ""
    return fields_to_article(path, location, fields)


def _column(name: str) -> str:
    return name.strip().lstrip("\ufeff").lower()


def _header_problem(path: str | Path, header: list[str]) -> Reject | None:
    names = set(header) | {ALIASES[n] for n in header if n in ALIASES}
    missing = [n for n in REQUIRED if n not in names]
    if not missing:
        return None
    detail = (
        f"the CSV header has columns {', '.join(header)[:200] or '(none)'}, but {' and '.join(missing)} "
        f"{'is' if len(missing) == 1 else 'are'} required; add the column(s) "
        f"(required: {', '.join(REQUIRED)}; optional: {', '.join(OPTIONAL)})"
    )
    return reject(path, "line 1", "missing_field", detail)


def _bad_csv(path: str | Path, line: int, problem: str) -> Reject:
    detail = f"{problem}; quote fields that hold commas, quotes or newlines with \"...\" and double inner quotes"
    return reject(path, f"line {line}", "bad_csv", detail)


class _LineCounter:
    """Feeds decoded lines to ``csv.reader`` and keeps the file-level Rejects aside."""

    def __init__(self, items: Iterable[tuple[int, str] | Reject]) -> None:
        self._items = iter(items)
        self.rejects: list[Reject] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        for item in self._items:
            if isinstance(item, Reject):
                self.rejects.append(item)
                continue
            return item[1]
        raise StopIteration

