"""Input readers: each turns a file into Articles, and every record it cannot read into a Reject.

Readers never raise for bad content and never drop a record silently: a bad record yields a
:class:`~newsevents.records.Reject` (path, location, reason code, a sentence naming the fix)
and reading goes on with the next record. Reason codes are listed in :data:`REASONS`.
"""

from .common import MAX_FILE_BYTES, MAX_TEXT_BYTES, REASONS, content_id, normalize_date
from .files import detect_format, read_paths
from .html import read_html
from .reuters import read_reuters
from .rss import read_rss
from .seed import read_seed
from .tabular import read_csv, read_jsonl

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TEXT_BYTES",
    "REASONS",
    "content_id",
    "detect_format",
    "normalize_date",
    "read_csv",
    "read_html",
    "read_jsonl",
    "read_paths",
    "read_reuters",
    "read_rss",
    "read_seed",
]
