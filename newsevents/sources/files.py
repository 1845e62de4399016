"""Reading many paths: directory walks and format detection.

Rules (documented for users in the CLI help as well):

- Files are read in the order given; directories are walked recursively in sorted order
  (deterministic), not following directory symlinks.
- The format comes from ``format=`` when given, else from the extension (``.gz`` stripped:
  ``.txt`` seed, ``.jsonl``/``.ndjson``/``.json`` JSON Lines, ``.csv``, ``.html``/``.htm``,
  ``.rss``/``.atom`` feeds, ``.sgm``/``.sgml`` Reuters-21578), and for ``.xml`` or an unknown
  extension from the first bytes of the content.
- Nothing met in a directory walk is skipped silently: every file is read as if it had been
  named (its articles are read, or it becomes a Reject saying why not: ``binary_file``,
  ``unknown_format``, ``bad_encoding``, ``bad_header`` ...). Files that are not articles by
  their name (README*, PROVENANCE*, LICENSE*, NOTICE*, CHANGELOG*, COPYING*, and files ending
  in .md, .dtd, .xsd, .py, .pyc) are not read and become a ``not_an_article`` Reject; a hidden
  file or folder (name starting with ``.``) is not read or entered and becomes one ``hidden``
  Reject. So the ingest summary and the ``rejects`` table account for every file met.
- A file whose format cannot be told is a ``binary_file`` Reject when its first bytes are
  binary, ``bad_encoding`` when they are not UTF-8, else ``unknown_format``.
- With ``format=``, every file (named or found in a walk, minus those not read by name)
  is read in that format.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import ConfigError
from ..records import Article, Reject
from .common import ENCODING_FIX, looks_binary, reject
from .html import read_html
from .opening import STREAM_ERRORS, open_raw, path_problem
from .reuters import read_reuters
from .rss import read_rss
from .seed import HEADER_SNIFF, read_seed
from .tabular import read_csv, read_jsonl

Reader = Callable[[str | Path], Iterator[Article | Reject]]
#: Bytes read from a file's start to tell its format.
HEAD_BYTES = 4096

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
                if isinstance(found, Reject):
                    yield found
                else:
                    yield from read_file(found, forced)
        else:
            yield from read_file(path, forced)


def read_file(path: str | Path, reader: Reader | None = None) -> Iterator[Article | Reject]:
    """Read one file, detecting its format unless a reader is given.

    A file whose format cannot be told yields one Reject saying why: ``binary_file``,
    ``bad_encoding`` (not UTF-8) or ``unknown_format`` (text of no known kind).
    """
    if reader is not None:
        yield from reader(path)
        return
    problem = path_problem(path)
    if problem is not None:
        yield problem
        return
    name = detect_format(path) or _by_extension(path)
    if name is None:
        yield _unknown(path)
        return
    yield from READERS[name](path)


def _unknown(path: str | Path) -> Reject:
    """The Reject of a file whose format cannot be told, naming what its first bytes are."""
    head = _head(path)
    formats = "|".join(sorted(READERS))
    if looks_binary(head):
        detail = ("the file is binary (NUL bytes or a binary signature), not an article file; "
                  "remove it from the folder, or convert it to text (.txt, .jsonl, .csv, .html)")
        return reject(path, "", "binary_file", detail)
    if not _utf8(head):
        detail = (f"the file's format cannot be told and its bytes are not UTF-8; {ENCODING_FIX}, "
                  f"then name its format (--input-format {formats}) or rename it")
        return reject(path, "", "bad_encoding", detail)
    detail = (
        "cannot tell the file's format from its name or content; rename it (.txt, .jsonl, .csv, "
        f".html, .xml, .sgm) or give the format (--input-format {formats})"
    )
    return reject(path, "", "unknown_format", detail)


def reader_for(format: str) -> Reader:
    """Return the reader of a format name (or alias)."""
    name = ALIASES.get(format.lower(), format.lower())
    if name not in READERS:
        raise ConfigError(f"unknown input format {format!r}; use one of {', '.join(sorted(READERS))}")
    return READERS[name]


def _utf8(head: bytes) -> bool:
    """Whether a file's first bytes are UTF-8 text (a character cut by the end of ``head``, or a
    UTF-16/32 byte-order mark, counts as text)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.start >= len(head) - 3
    return True


def walk(directory: str | Path) -> Iterator[Path | Reject]:
    """Yield every file under a directory, sorted by relative path (``a/c`` before ``b``).

    A file that is not an article by its name yields a ``not_an_article`` Reject instead, and
    a hidden file or folder a ``hidden`` Reject (the folder is not entered); see the module
    docstring. Nothing met is left out silently.
    """
    found: list[Path | Reject] = []
    for root, dirs, files in os.walk(directory):
        found.extend(_hidden(Path(root) / d, folder=True) for d in dirs if d.startswith("."))
        found.extend(_linked_folder(Path(root) / d) for d in dirs if not d.startswith(".")
                     and (Path(root) / d).is_symlink())
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # os.walk does not enter linked folders
        found.extend(_passed_over(Path(root) / name) or Path(root) / name for name in files)
    yield from sorted(found, key=lambda item: _relative(item, directory))


def _relative(item: Path | Reject, directory: str | Path) -> tuple[str, ...]:
    return Path(item.path if isinstance(item, Reject) else item).relative_to(directory).parts


def _passed_over(path: Path) -> Reject | None:
    """The Reject of a file a walk does not read (hidden, or not an article by its name)."""
    name = path.name
    if name.startswith("."):
        return _hidden(path, folder=False)
    stem = name[:-3] if name.endswith(".gz") else name
    if SKIP_NAMES.match(name) or Path(stem).suffix.lower() in SKIP_SUFFIXES:
        detail = ("a documentation, licence or code file (README, LICENSE, NOTICE, .md, .dtd, .py ...), "
                  "not read in a folder walk; name the file itself to read it as articles")
        return reject(path, "", "not_an_article", detail)
    return None


def _hidden(path: Path, *, folder: bool) -> Reject:
    what = "folder, not entered" if folder else "file, not read"
    detail = f"a hidden {what} in a folder walk; name it on the command line to read it"
    return reject(path, "", "hidden", detail)


def _linked_folder(path: Path) -> Reject:
    detail = "a link to a folder, not followed in a folder walk (no loops); name its target to read it"
    return reject(path, "", "not_a_file", detail)


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
            return handle.read(HEAD_BYTES).removeprefix(b"\xef\xbb\xbf")
    except STREAM_ERRORS:
        return b""
