"""The web face: the REST API (:mod:`.api`), its read-only store leases (:mod:`.reader`) and the
bundled dashboard (``static/``)."""
