"""The exception tree. Every message says what, where and how to fix it."""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base of all newsevents errors; the CLI prints these without a traceback."""


class SourceError(NewsEventsError):
    """An input file or record cannot be read.

    Attributes:
        path: the file.
        location: line, offset or item within it ("" for the whole file).
        reason: a short stable code (``missing_field``, ``bad_date`` ...).
    """

    def __init__(self, path: str, location: str, reason: str, detail: str) -> None:
        self.path = path
        self.location = location
        self.reason = reason
        self.detail = detail
        where = f"{path}:{location}" if location else path
        super().__init__(f"{where}: {detail}")


class ConfigError(NewsEventsError):
    """A bad option, missing optional dependency or missing data file."""


class StoreError(NewsEventsError):
    """The database cannot be opened, migrated or written."""
