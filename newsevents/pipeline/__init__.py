"""The runner: sources -> the spaCy pipeline -> records -> the store, on one of three executors.

:func:`extract` streams records without a database; :func:`ingest` stores them (idempotent,
resumable) and runs the corpus steps; :func:`demo` ingests the bundled demo corpus;
:func:`explain` says why each candidate predicate did or did not become an event;
:func:`process` is the batch function every executor runs.
"""

from .process import process
from .run import IngestSummary, demo, demo_corpus, explain, extract, ingest

__all__ = ["IngestSummary", "demo", "demo_corpus", "explain", "extract", "ingest", "process"]
