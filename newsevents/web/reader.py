"""How the API reads a store that an ingest may be writing: short read-only leases.

DuckDB lets one process hold a file read-write and then no other process may open it, not even
read-only; an open read-only connection in turn keeps a writer out. So the API never holds the
file for long: a :class:`Reader` opens one read-only connection on demand, shares it between the
worker threads (one query at a time), closes it after :data:`IDLE_S` without requests, and
at the latest after :data:`HOLD_S` it closes it and pauses :data:`GAP_S` so that a waiting
``ingest`` (which polls every 20 ms) gets the file between two requests. While the writer holds
it, a request waits up to :data:`WAIT_S`, then fails with :class:`~newsevents.store.lock.StoreBusy`
(the API answers 503 with ``Retry-After``). A query running longer than :data:`QUERY_TIMEOUT_S`
is interrupted (:class:`QueryTooCostly`, the API answers 422: narrow the filters).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import NewsEventsError
from ..store.database import Store, open_store

#: Seconds a request waits for a writer to release the file before the API answers 503.
WAIT_S = 3.0
#: Longest a read connection stays open while requests keep coming.
HOLD_S = 1.0
#: Pause after closing a held connection, so a waiting writer takes the file.
GAP_S = 0.05
#: An unused connection is closed after this many seconds.
IDLE_S = 0.25
#: A query is interrupted after this many seconds.
QUERY_TIMEOUT_S = 10.0


class QueryTooCostly(NewsEventsError):
    """A read query ran past the time bound and was interrupted."""


class Reader:
    """Short read-only leases on the store at ``db``, shared by threads.

    Args:
        db: the database file (must exist and be migrated).
        wait: seconds a lease waits for a writer (:data:`WAIT_S`).
        timeout: seconds a lease's queries may run (:data:`QUERY_TIMEOUT_S`).

    Raises:
        StoreError: the store cannot be opened now (missing, corrupt, not migrated, or locked
            for longer than ``wait``).
    """

    def __init__(self, db: str | Path, *, wait: float = WAIT_S, timeout: float = QUERY_TIMEOUT_S) -> None:
        self.db = str(db)
        self.wait = wait
        self.timeout = timeout
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._opened = self._used = 0.0
        self._closer: threading.Timer | None = None
        with self.lease():  # fail at start-up, not at the first request
            pass

    @contextmanager
    def lease(self) -> Iterator[Store]:
        """The open store, for one request's queries (other threads wait their turn).

        Raises:
            StoreBusy: a writer held the file for longer than ``wait``.
            QueryTooCostly: the queries ran longer than ``timeout``.
        """
        with self._lock:
            store = self._open()
            timer = _timer(self.timeout, store._con.interrupt)
            try:
                yield store
            except duckdb.InterruptException:
                raise QueryTooCostly(
                    f"the query ran longer than {self.timeout:g} s and was stopped; narrow it, e.g. with "
                    "since/until, an actor or a smaller limit"
                ) from None
            finally:
                timer.cancel()
                self._used = time.monotonic()
                if self._closer is not None:
                    self._closer.cancel()
                self._closer = _timer(IDLE_S, self._close_if_idle)

    def close(self) -> None:
        """Close the connection now."""
        with self._lock:
            if self._closer is not None:
                self._closer.cancel()
            self._close()

    def _open(self) -> Store:
        if self._store is not None and time.monotonic() - self._opened > HOLD_S:
            self._close()
            time.sleep(GAP_S)  # a writer waiting for the file takes it now
        if self._store is None:
            self._store = open_store(self.db, read_only=True, wait=self.wait)
            self._opened = time.monotonic()
        return self._store

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _close_if_idle(self) -> None:
        with self._lock:
            if time.monotonic() - self._used >= IDLE_S * 0.9:
                self._close()


def _timer(seconds: float, action: Callable[[], object]) -> threading.Timer:
    """A started timer thread; not a daemon, so interpreter exit waits for it rather than killing
    it inside DuckDB (which aborts the process)."""
    timer = threading.Timer(seconds, action)
    timer.daemon = False
    timer.start()
    return timer
