"""Reading many paths: directory walks and format detection.

Rules (documented for users in the CLI help as well):

- Files are read in the order given; directories are walked recursively in sorted order
  (deterministic), not following directory symlinks.
- The format comes from ``format=`` when given, else from the extension (``.gz`` stripped:
  ``.txt`` seed, ``.jsonl``/``.ndjson``/``.json`` JSON Lines, ``.csv``, ``.html``/``.htm``,
  ``.rss``/``.atom`` feeds, ``.sgm``/``.sgml`` Reuters-21578), and for ``.xml`` or an unknown
  extension from the first bytes of the content.
- A directory walk skips what is not an article file: hidden files and folders, files named
  README*, PROVENANCE*, LICENSE*, NOTICE*, CHANGELOG*, COPYING*, files ending in .md, .dtd,
  .xsd, .py, and files whose format cannot be told (including ``.txt`` files that do not open
  with the seed header ``date YYYY-MM-DD``, such as Reuters' category lists). A file named
  explicitly is always read, and one whose format cannot be told is a ``unknown_format`` Reject.
- With ``format=``, every file (named or found in a walk, minus the skipped names) is read
  in that format.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import ConfigError
from ..records import Article, Reject
from .common import reject
from .html import read_html
from .opening import STREAM_ERRORS, open_raw, path_problem
from .reuters import read_reuters
from .rss import read_rss
from .seed import HEADER_SNIFF, read_seed
from .tabular import read_csv, read_jsonl

Reader = Callable[[str | Path], Iterator[Article | Reject]]

READERS: dict[str, Reader] = {
    "csv": read_csv,
    "html": read_html,
    "jsonl": read_jsonl,
    "reuters": read_reuters,
    "rss": read_rss,
    "seed": read_seed,
}
ALIASES = {"json": "jsonl", "ndjson": "jsonl", "txt": "seed", "htm": "html", "atom": "rss", "sgml": "reuters"}
EXTENSIONS = {
    ".txt": "seed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".rss": "rss",
    ".atom": "rss",
    ".sgm": "reuters",
    ".sgml": "reuters",
}
SKIP_NAMES = re.compile(r"^(README|PROVENANCE|LICENSE|LICENCE|NOTICE|CHANGELOG|COPYING)", re.I)
SKIP_SUFFIXES = {".md", ".dtd", ".xsd", ".py", ".pyc"}
# an XML declaration, comments and a DOCTYPE (with an internal subset) before the root element
XML_PROLOG = rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>\s*)*"
SNIFF = (
    (re.compile(rb"^\s*(<!DOCTYPE lewis|<REUTERS\b)", re.I), "reuters"),
    (re.compile(XML_PROLOG + rb"(<rss\b|<feed\b|<rdf:RDF\b)", re.I | re.S), "rss"),
    (re.compile(rb"^\s*(<!DOCTYPE html|<html\b|<head\b|<body\b|<!--)", re.I), "html"),
    (re.compile(rb"^\s*[\{\[]"), "jsonl"),
    (HEADER_SNIFF, "seed"),
)


def read_paths(paths: Iterable[str | Path], *, format: str | None = None) -> Iterator[Article | Reject]:
    """Read articles from files and directories.

    Args:
        paths: files and/or directories (walked; see the module docstring for the rules).
        format: force one input format (``seed``, ``jsonl``, ``csv``, ``html``, ``rss``,
            ``reuters``; aliases ``json``, ``txt``, ``htm``, ``atom``, ``sgml``).

    Yields:
        Articles and Rejects, in file order and record order within a file.

    Raises:
        ConfigError: if ``format`` is not a known format name.
    """
    forced = reader_for(format) if format else None
    for path in paths:
        if Path(path).is_dir():
            for found in walk(path):
                if forced is not None:
                    yield from forced(found)
                elif (name := detect_format(found)) is not None:
                    yield from READERS[name](found)
        else:
            yield from read_file(path, forced)


def read_file(path: str | Path, reader: Reader | None = None) -> Iterator[Article | Reject]:
    """Read one named file, detecting its format unless a reader is given."""
    if reader is not None:
        yield from reader(path)
        return
    problem = path_problem(path)
    if problem is not None:
        yield problem
        return
    name = detect_format(path) or _by_extension(path)
    if name is None:
        detail = (
            "cannot tell the file's format from its name or content; rename it (.txt, .jsonl, .csv, "
            f".html, .xml, .sgm) or give the format (--input-format {'|'.join(sorted(READERS))})"
        )
        yield reject(path, "", "unknown_format", detail)
        return
    yield from READERS[name](path)


def reader_for(format: str) -> Reader:
    """Return the reader of a format name (or alias)."""
    name = ALIASES.get(format.lower(), format.lower())
    if name not in READERS:
        raise ConfigError(f"unknown input format {format!r}; use one of {', '.join(sorted(READERS))}")
    return READERS[name]


def walk(directory: str | Path) -> Iterator[Path]:
    """Yield the files under a directory sorted by relative path (``a/c`` before ``b``), minus
    hidden and known non-article files (see the module docstring)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if not _skipped(name))
    yield from sorted(found, key=lambda p: p.relative_to(directory).parts)


def _skipped(name: str) -> bool:
    stem = name[:-3] if name.endswith(".gz") else name
    return name.startswith(".") or bool(SKIP_NAMES.match(name)) or Path(stem).suffix.lower() in SKIP_SUFFIXES


def detect_format(path: str | Path) -> str | None:
    """Tell a file's format from its extension and, where that is not enough, its first bytes.

    Returns:
        A key of :data:`READERS`, or None when the format cannot be told.
    """
    by_extension = _by_extension(path)
    if by_extension is not None and by_extension != "seed":
        return by_extension
    head = _head(path)
    for pattern, format_name in SNIFF:
        if pattern.match(head):
            return format_name
    return None


def _by_extension(path: str | Path) -> str | None:
    name = str(path).lower()
    return EXTENSIONS.get(Path(name[:-3] if name.endswith(".gz") else name).suffix)


def _head(path: str | Path) -> bytes:
    try:
        with open_raw(path) as handle:
            return handle.read(4096).removeprefix(b"\xef\xbb\xbf")
    except STREAM_ERRORS:
        return b""
