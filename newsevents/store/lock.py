"""Waiting for a locked database: DuckDB's single-writer rule, respected with short leases.

DuckDB lets one process hold a database file read-write, and then no other process may open
it, not even read-only; a process holding it read-only in turn keeps writers out. newsevents
therefore holds files briefly: ``ingest`` opens the store per chunk (triage, then store and
consolidate) and closes it while spaCy works, and the API reads through short leases
(``web/reader.py``). Whoever finds the file locked retries with backoff for a bounded time
(:func:`newsevents.store.open_store`), then fails with a :class:`StoreBusy` naming the holder.
"""

from __future__ import annotations

import os

from ..errors import ConfigError, StoreError

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
