"""The store: one DuckDB file, one writer, named migrations; the only place that writes SQL.

- :mod:`.database` — :class:`Store` (add, listings, export) and :func:`open_store`;
- :mod:`.lock` — waiting for a file another process holds;
- :mod:`.migrations`, :mod:`.rows`, :mod:`.filters` — schema, records to rows, query filters;
- :mod:`.export`, :mod:`.gdelt`, :mod:`.parquet` — exports and the Parquet parts of scale-out;
- :mod:`.analytics`, :mod:`.dedup`, :mod:`.consolidate` — the SQL of analytics, and the corpus
  steps (near-duplicate clusters, event consolidation) run over what is stored.
"""

from .database import Store, open_store
from .lock import StoreBusy

__all__ = ["Store", "StoreBusy", "open_store"]
