"""The seed text format: one article per file.

Line 1 is `` date YYYY-MM-DD N`` (leading space optional; N, the token count, optional and
not checked), line 2 the title, the rest the body. A body that opens with an agency marker
such as ``(MENAFN)`` -- "(" + an upper-case name + ")" -- gives the article's ``source``; the
marker and the space after it are removed from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..records import Article, Reject
from .common import make_article, reject
from .opening import load_text

HEADER = re.compile(r"^\s*date\s+(\S+)(?:\s+\d+)?\s*$")
#: A header-like first line, used to recognise seed files in a directory walk.
HEADER_SNIFF = re.compile(rb"^(\xef\xbb\xbf)?\s*date\W+\d", re.I)
MARKER = re.compile(r"^\(([A-Z][A-Z0-9&.\-]*(?: [A-Z0-9&.\-]+){0,3})\) ?")


def read_seed(path: str | Path) -> Iterator[Article | Reject]:
    """Read one seed text file.

    Args:
        path: a ``.txt`` file (optionally gzipped).

    Yields:
        One Article, or one Reject (``bad_header``, ``bad_date``, ``no_body``, ...).
    """
    text, problem = load_text(path)
    if problem is not None:
        yield problem
        return
    yield parse_seed(path, text)


def parse_seed(path: str | Path, text: str) -> Article | Reject:
    """Parse the text of a seed file into an Article (see the module docstring)."""
    lines = text.replace("\r\n", "\n").split("\n", 2)
    header = HEADER.match(lines[0])
    if header is None:
        detail = (
            f"line 1 is {lines[0][:60]!r}, not the seed header; start the file with a line like "
            "' date 2025-07-22 403' (date, token count), then the title, then the body"
        )
        return reject(path, "line 1", "bad_header", detail)
    title = lines[1].strip() if len(lines) > 1 else ""
    body = lines[2].strip() if len(lines) > 2 else ""
    source, body = split_marker(body)
    return make_article(path, "", published=header.group(1), title=title, text=body, source=source)


def split_marker(body: str) -> tuple[str | None, str]:
    """Split a leading agency marker off a body: ``"(MENAFN) Talks..."`` -> ``("MENAFN", "Talks...")``."""
    match = MARKER.match(body)
    if match is None:
        return None, body
    return match.group(1), body[match.end() :]
