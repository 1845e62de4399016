"""Waiting for a locked database: DuckDB's single-writer rule, respected with short leases.

DuckDB lets one process hold a database file read-write, and then no other process may open
it, not even read-only; a process holding it read-only in turn keeps writers out. newsevents
therefore holds files briefly: ``ingest`` opens the store per chunk (triage, then store and
consolidate) and closes it while spaCy works, and the API reads through short leases
(``api_reader.py``). Whoever finds the file locked retries with backoff for a bounded time
(:func:`open_store`), then fails with a :class:`StoreBusy` naming the holder.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError, StoreError

if TYPE_CHECKING:
    from .store import Store

#: Seconds a writer or reader waits for the file lock by default (``NEWSEVENTS_LOCK_WAIT`` overrides).
LOCK_WAIT_S = 30.0


class StoreBusy(StoreError):
    """Another process holds the database file's lock (DuckDB: one writer, or readers, at a time)."""


def lock_wait() -> float:
    """Seconds to wait for a locked database: ``NEWSEVENTS_LOCK_WAIT`` or :data:`LOCK_WAIT_S`."""
    value = os.environ.get("NEWSEVENTS_LOCK_WAIT", "")
    try:
        return max(0.0, float(value)) if value else LOCK_WAIT_S
    except ValueError:
        raise ConfigError(f"NEWSEVENTS_LOCK_WAIT={value!r} is not a number of seconds; e.g. 30") from None


def open_store(path: str | Path = "newsevents.duckdb", *, read_only: bool = False,
               wait: float | None = None, memory_limit: str | None = None) -> Store:
    """Open a :class:`Store`, retrying with backoff while another process holds the file's lock.

    DuckDB lets one process hold a file read-write, and then no other process may open it (not
    even read-only); readers in turn keep a writer out. Writers and readers here hold the file
    briefly (ingest: one chunk; the API: one short lease), so waiting a little usually suffices.

    Args:
        path: the database file.
        read_only: open for reading only.
        wait: seconds to keep retrying (default :func:`lock_wait`); 0 tries once.
        memory_limit: DuckDB's memory limit for the connection (see :class:`Store`).

    Raises:
        StoreBusy: the lock was still held after ``wait`` seconds (the message names the holder).
        StoreError: any other reason the store cannot be opened.
    """
    from .store import Store

    seconds = lock_wait() if wait is None else wait
    deadline = time.monotonic() + seconds
    delay = 0.005
    while True:
        try:
            return Store(path, read_only=read_only, memory_limit=memory_limit)
        except StoreBusy as exc:
            left = deadline - time.monotonic()
            if left <= 0:
                if not seconds:
                    raise
                raise StoreBusy(f"{exc} (waited {seconds:g} s; NEWSEVENTS_LOCK_WAIT=SECONDS waits longer)") from None
            time.sleep(min(delay, left))
            delay = min(delay * 2, 0.02)
