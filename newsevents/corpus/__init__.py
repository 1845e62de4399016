"""Corpus-level algorithms over records, no database: near-duplicate fingerprints and clusters
(:mod:`.dedup`), event consolidation (:mod:`.consolidate`). The store runs them over what it
holds (:mod:`newsevents.store.dedup`, :mod:`newsevents.store.consolidate`)."""
