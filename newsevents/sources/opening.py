"""Opening input files: path checks, transparent gzip, size limits, line streaming.

Every failure becomes a :class:`Reject` (never an exception): a missing path, a directory, a
file the OS refuses, an empty or binary file, a file over the size limit, a truncated gzip.
Gzip is recognised by its magic bytes, so ``story.jsonl.gz`` and a misnamed gzip both work.
"""

from __future__ import annotations

import gzip
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..records import Reject
from .common import ENCODING_FIX, MAX_FILE_BYTES, MAX_TEXT_BYTES, decode, looks_binary, reject

GZIP_MAGIC = b"\x1f\x8b"
#: A line longer than this is skipped as ``too_large`` without being held in memory.
MAX_LINE_BYTES = MAX_TEXT_BYTES * 2 + 65536
_CHUNK = 1 << 20
STREAM_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error, OSError)


def path_problem(path: str | Path) -> Reject | None:
    """Return a Reject if ``path`` is missing, not a regular file, or cannot be opened."""
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        return reject(path, "", "not_found", "no such file; check the path (and the current directory)")
    except OSError as exc:
        return reject(path, "", "unreadable", f"cannot read the file ({exc.strerror}); check its permissions")
    if stat.S_ISDIR(mode):
        detail = "this is a directory; give a file, or pass the directory to read_paths / the CLI to walk it"
        return reject(path, "", "not_a_file", detail)
    if not stat.S_ISREG(mode):
        return reject(path, "", "not_a_file", "this is not a regular file (a pipe or device); give a file")
    return None


def open_raw(path: str | Path) -> BinaryIO:
    """Open a file for binary reading, decompressing it if it starts with the gzip magic."""
    handle = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if handle.read(2) == GZIP_MAGIC:
        handle.seek(0)
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    handle.seek(0)
    return handle


def stream_problem(path: str | Path, location: str, exc: BaseException, *, got: str = "") -> Reject:
    """Turn an exception raised while reading a file into a Reject."""
    if isinstance(exc, PermissionError):
        return reject(path, location, "unreadable", "permission denied; check the file's permissions")
    if isinstance(exc, (EOFError, gzip.BadGzipFile, zlib.error)):
        kept = f"{got} were kept; " if got else ""
        detail = f"the gzip data ends early or is corrupt ({exc}); {kept}re-create or re-download the .gz file"
        return reject(path, location, "truncated_gzip", detail)
    return reject(path, location, "unreadable", f"cannot read the file ({exc}); check the disk and the path")


def load_bytes(path: str | Path) -> tuple[bytes, Reject | None]:
    """Read a whole file (gunzipped) with the checks of this module.

    Returns:
        ``(data, None)`` on success; ``(b"", reject)`` when nothing usable was read;
        ``(partial, reject)`` for a truncated gzip, whose readable part may still be parsed.
    """
    problem = path_problem(path)
    if problem is not None:
        return b"", problem
    chunks: list[bytes] = []
    size = 0
    try:
        with open_raw(path) as handle:
            while chunk := handle.read1(_CHUNK):  # type: ignore[attr-defined]  # read1: keep what came before a truncation
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    return b"", _too_large(path)
    except STREAM_ERRORS as exc:
        data = b"".join(chunks)
        return data if data.strip() else b"", stream_problem(path, "", exc)
    return _check_content(path, b"".join(chunks))


def load_text(path: str | Path) -> tuple[str, Reject | None]:
    """Read a whole file as UTF-8 text; a whole-file reader yields the Reject and stops.

    Returns:
        ``(text, None)``; or ``("", reject)`` when the file cannot be read or is not UTF-8.
    """
    data, problem = load_bytes(path)
    if problem is not None:
        return "", problem
    text, clean = decode(data)
    if not clean:
        return "", reject(path, "", "bad_encoding", f"the file holds bytes that are not UTF-8; {ENCODING_FIX}")
    return text, None


def _check_content(path: str | Path, data: bytes) -> tuple[bytes, Reject | None]:
    if not data.strip():
        detail = "the file is empty; remove it or fill it with articles"
        return b"", reject(path, "", "empty_file", detail)
    if looks_binary(data):
        detail = "the file is binary (NUL bytes or a binary signature), not text; give a text file"
        return b"", reject(path, "", "binary_file", detail)
    return data, None


def _too_large(path: str | Path) -> Reject:
    detail = (
        f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MB; split it into smaller files "
        "(JSON Lines and CSV are streamed and have no such limit)"
    )
    return reject(path, "", "too_large", detail)


def iter_lines(path: str | Path) -> Iterator[tuple[int, str] | Reject]:
    """Stream a text file's lines (1-based numbers, line ends kept), gunzipping as needed.

    Lines are decoded as UTF-8 with ``surrogateescape`` (check with ``has_bad_bytes``); a
    UTF-8 BOM is dropped; a UTF-16/32 file (by its BOM) is decoded whole. A line longer than
    :data:`MAX_LINE_BYTES` yields a ``too_large`` Reject instead. Problems with the file
    itself, and a truncation, are yielded as Rejects after the lines read before them.
    """
    problem = path_problem(path)
    if problem is not None:
        yield problem
        return
    number = 0
    try:
        with open_raw(path) as raw:
            handle = raw
            head = handle.peek(8192)[:8192]  # type: ignore[attr-defined]
            if not head.strip() and len(head) < 8192:
                yield reject(path, "", "empty_file", "the file is empty; remove it or fill it with articles")
                return
            if looks_binary(head):
                detail = "the file is binary (NUL bytes or a binary signature), not text; give a text file"
                yield reject(path, "", "binary_file", detail)
                return
            if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
                yield from _wide_lines(path, handle)
                return
            while True:
                line = handle.readline(MAX_LINE_BYTES)
                if not line:
                    return
                number += 1
                if len(line) == MAX_LINE_BYTES and not line.endswith(b"\n"):
                    _skip_line(handle)
                    yield _line_too_large(path, number)
                    continue
                text, _ = decode(line) if number == 1 else (line.decode("utf-8", "surrogateescape"), True)
                yield number, text
    except STREAM_ERRORS as exc:
        got = f"the {number} lines before it" if number else ""
        yield stream_problem(path, f"line {number + 1}" if number else "", exc, got=got)


def _wide_lines(path: str | Path, handle: BinaryIO) -> Iterator[tuple[int, str] | Reject]:
    data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield _too_large(path)
        return
    text, _ = decode(data)
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        yield number, line


def _skip_line(handle: BinaryIO) -> None:
    while True:
        rest = handle.readline(_CHUNK)
        if not rest or rest.endswith(b"\n"):
            return


def _line_too_large(path: str | Path, number: int) -> Reject:
    detail = (
        f"line {number} is over {MAX_LINE_BYTES // (1024 * 1024)} MB, larger than any news article; "
        "split it or check that the file is what you meant to read"
    )
    return reject(path, f"line {number}", "too_large", detail)
