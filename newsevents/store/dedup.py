"""The SQL of article dedup and event consolidation (tables of migrations 0002 and 0003).

Functions take an open :class:`~newsevents.store.Store` and use its connection; the Python
logic lives in :mod:`newsevents.corpus`. Tables:

- ``article_signatures(article_id, content_hash, shingles, minhash, shingle_hashes)``: one row
  per fingerprinted article; ``shingles`` counts them, ``minhash`` and ``shingle_hashes`` are
  BLOBs of little-endian uint32 (the MinHash; the sorted CRC-32 hashes of the shingles).
- ``article_bands(band, key, article_id)``: the LSH band keys; articles sharing a
  ``(band, key)`` are candidates.
- ``article_links(a, b, jaccard, containment, reason)``: verified near-duplicate pairs, a < b.
- ``article_clusters(article_id, cluster_id)``: every fingerprinted article's cluster; the
  cluster id is its canonical member's article id.
- ``consolidated_events`` and ``event_mentions``: see ``corpus/consolidate.py``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from ..corpus.dedup import (
    Cluster,
    Fingerprint,
    Link,
    band_keys,
    canonical_members,
    compare,
    fingerprint,
)

_VIEW = "_newsevents_dedup"
#: ids per ``IN`` list of :func:`_where_in`.
_IN_BATCH = 512


def _con(store: Any) -> Any:
    return store._con


def _ids_table(ids: Sequence[str]) -> pa.Table:
    return pa.table({"id": pa.array(list(ids), pa.string())})


def _query(store: Any, sql: str, ids: Sequence[str], params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Run ``sql`` with the view ``_newsevents_dedup(id)`` holding ``ids``."""
    con = _con(store)
    con.register(_VIEW, _ids_table(ids))
    try:
        return con.execute(sql, list(params)).fetchall()  # type: ignore[no-any-return]
    finally:
        con.unregister(_VIEW)


@contextlib.contextmanager
def transaction(store: Any) -> Iterator[None]:
    """One transaction for a whole clustering update: fingerprints, links and clusters land
    together or not at all, so a run killed half-way leaves the articles unfingerprinted and the
    rerun redoes them (fingerprints saved without their links would never be linked)."""
    con = _con(store)
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _where_in(store: Any, select: str, column: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """``select`` (ending in a WHERE-less FROM) filtered by ``column IN (ids)``, in batches.

    A literal ``IN`` list is a filter the table scan applies before reading the other columns;
    a join with a registered id table reads wide columns (texts, shingle blobs) of every stored
    row first, and the memory that takes grows with the store.
    """
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _IN_BATCH):
        batch = list(ids[start : start + _IN_BATCH])
        rows += _con(store).execute(f"{select} WHERE {column} IN ({', '.join('?' * len(batch))})", batch).fetchall()
    return rows


def unfingerprinted(store: Any, ids: Sequence[str] | None) -> list[tuple[str, str]]:
    """``(article_id, text)`` of the given (or all) stored articles without a signature yet."""
    sql = (
        "SELECT a.id FROM articles a {join} "
        "WHERE NOT EXISTS (SELECT 1 FROM article_signatures s WHERE s.article_id = a.id)"
    )
    if ids is None:
        todo = [r[0] for r in _con(store).execute(sql.format(join="")).fetchall()]
    else:
        todo = [r[0] for r in _query(store, sql.format(join=f"JOIN {_VIEW} v ON v.id = a.id"), ids)]
    return sorted(_where_in(store, "SELECT id, coalesce(text, '') FROM articles", "id", todo))  # type: ignore[arg-type]


def fingerprints(store: Any, ids: Sequence[str]) -> list[Fingerprint]:
    """The stored fingerprints of these articles."""
    import numpy as np


    select = "SELECT article_id, content_hash, shingle_hashes, minhash FROM article_signatures"
    return [
        Fingerprint(aid, digest, np.frombuffer(hashes, dtype="<u4"), np.frombuffer(sig, dtype="<u4"))
        for aid, digest, hashes, sig in _where_in(store, select, "article_id", ids)
    ]


def save_fingerprints(store: Any, fingerprints: Sequence[Fingerprint], keys: np.ndarray) -> None:
    """Store signatures and the band keys of articles that have shingles (inside ``transaction``)."""
    con = _con(store)
    signatures = pa.table({
        "article_id": [f.article_id for f in fingerprints],
        "content_hash": [f.content_hash for f in fingerprints],
        "shingles": pa.array([len(f.shingles) for f in fingerprints], pa.int32()),
        "minhash": pa.array([f.minhash.astype("<u4").tobytes() for f in fingerprints], pa.binary()),
        "shingle_hashes": pa.array([f.shingles.astype("<u4").tobytes() for f in fingerprints], pa.binary()),
    })
    with_shingles = [i for i, f in enumerate(fingerprints) if len(f.shingles)]
    bands = keys.shape[1]
    band_rows = pa.table({
        "band": pa.array([b for _ in with_shingles for b in range(bands)], pa.int16()),
        "key": pa.array(keys[with_shingles].reshape(-1), pa.int64()),
        "article_id": [fingerprints[i].article_id for i in with_shingles for _ in range(bands)],
    })
    try:
        con.register("_sig", signatures)
        con.register("_bands", band_rows)
        con.execute("INSERT INTO article_signatures SELECT * FROM _sig")
        con.execute("INSERT INTO article_bands SELECT * FROM _bands")
    finally:
        con.unregister("_sig")
        con.unregister("_bands")


def candidate_pairs(store: Any, ids: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs ``(a, b)``, a < b, sharing an LSH band key, at least one of them in ``ids``."""
    sql = (
        "WITH n AS (SELECT b.* FROM article_bands b JOIN {v} v ON v.id = b.article_id) "
        "SELECT DISTINCT least(n.article_id, o.article_id), greatest(n.article_id, o.article_id) "
        "FROM n JOIN article_bands o ON o.band = n.band AND o.key = n.key "
        "WHERE o.article_id <> n.article_id ORDER BY 1, 2"
    ).format(v=_VIEW)
    return [tuple(r) for r in _query(store, sql, ids)]  # type: ignore[misc]


def save_links(store: Any, links: Sequence[Link]) -> None:
    """Store verified links (duplicates of stored ones are skipped)."""
    if not links:
        return
    table = pa.table({
        "a": [link.a for link in links], "b": [link.b for link in links],
        "jaccard": [link.jaccard for link in links], "containment": [link.containment for link in links],
        "reason": [link.reason for link in links],
    })
    con = _con(store)
    con.register("_links", table)
    try:
        con.execute(
            "INSERT INTO article_links SELECT * FROM _links n WHERE NOT EXISTS "
            "(SELECT 1 FROM article_links s WHERE s.a = n.a AND s.b = n.b)"
        )
    finally:
        con.unregister("_links")


def assign_clusters(store: Any, new_ids: Sequence[str], links: Sequence[Link]) -> None:
    """Give new articles a cluster, merging the clusters the new links join."""

    linked = sorted({x for link in links for x in (link.a, link.b)} | set(new_ids))
    sql = (
        f"SELECT c.article_id, c.cluster_id FROM article_clusters c WHERE c.cluster_id IN "
        f"(SELECT c2.cluster_id FROM article_clusters c2 JOIN {_VIEW} v ON v.id = c2.article_id)"
    )
    existing = _query(store, sql, linked)
    members = sorted(set(linked) | {a for a, _ in existing})
    published = dict(_query(store, f"SELECT a.id, a.published FROM articles a JOIN {_VIEW} v ON v.id = a.id", members))
    pairs = [(link.a, link.b) for link in links] + [(a, c) for a, c in existing if a != c]
    assigned = canonical_members(members, pairs, published)
    rows = pa.table({"article_id": list(assigned), "cluster_id": list(assigned.values())})
    con = _con(store)
    try:
        con.register("_clusters", rows)
        con.execute("DELETE FROM article_clusters WHERE article_id IN (SELECT article_id FROM _clusters)")
        con.execute("INSERT INTO article_clusters SELECT * FROM _clusters")
    finally:
        con.unregister("_clusters")


def cluster_rows(store: Any, min_size: int, limit: int | None) -> list[tuple[str, list[str]]]:
    """``(cluster_id, [article ids, canonical first then by publication])``, largest first."""
    sql = (
        "SELECT c.cluster_id, list(c.article_id ORDER BY c.article_id <> c.cluster_id, a.published, c.article_id) "
        "FROM article_clusters c JOIN articles a ON a.id = c.article_id GROUP BY c.cluster_id "
        "HAVING count(*) >= ? ORDER BY count(*) DESC, c.cluster_id"
    )
    params: list[Any] = [min_size]
    if limit is not None:
        sql, params = f"{sql} LIMIT ?", [*params, limit]
    return [(cid, list(members)) for cid, members in _con(store).execute(sql, params).fetchall()]


def forget_clusters(store: Any) -> None:
    """Delete every signature, band key, link and cluster (to recompute them all)."""
    con = _con(store)
    con.execute("BEGIN TRANSACTION")
    for table in ("article_signatures", "article_bands", "article_links", "article_clusters"):
        con.execute(f"DELETE FROM {table}")
    con.execute("COMMIT")


# ---- the corpus step: fingerprint, link and cluster what was stored ---------------------


def update_clusters(store: Any, article_ids: Iterable[str] | None = None, *, rebuild: bool = False) -> list[Link]:
    """Fingerprint stored articles not yet fingerprinted and update their clusters.

    New articles are compared with each other and with every article fingerprinted before
    (through the persisted LSH bands); stored articles are never re-shingled except the few
    that turn up as candidates. Call it after each stored chunk (``pipeline.ingest`` does).

    Args:
        store: an open, writable :class:`~newsevents.store.Store`.
        article_ids: the articles just stored; None for every article not yet fingerprinted.
        rebuild: forget every fingerprint, link and cluster first and recompute them all (after
            a change of the settings of this module, which stored signatures depend on).

    Returns:
        The new links found.
    """
    if rebuild:
        forget_clusters(store)
        article_ids = None
    todo = unfingerprinted(store, None if article_ids is None else list(article_ids))
    if not todo:
        return []
    new = [fingerprint(article_id, text) for article_id, text in todo]
    with transaction(store):
        save_fingerprints(store, new, band_keys(np.stack([f.minhash for f in new])))
        candidates = candidate_pairs(store, [f.article_id for f in new])
        links = _verify(store, {f.article_id: f for f in new}, candidates)
        save_links(store, links)
        assign_clusters(store, [f.article_id for f in new], links)
    return links


#: stored fingerprints held at once while verifying candidates (a template story repeated
#: daily, "Treasury balance at the Fed", proposes more candidates the longer the archive).
VERIFY_BATCH = 2000


def _verify(store: Any, new: dict[str, Fingerprint], candidates: list[tuple[str, str]]) -> list[Link]:
    links: list[Link | None] = []
    by_old: dict[str, list[tuple[str, str]]] = {}  # pairs keyed by their stored member
    for a, b in candidates:
        if a in new and b in new:
            links.append(compare(new[a], new[b]))
        else:
            by_old.setdefault(b if a in new else a, []).append((a, b))
    old_ids = sorted(by_old)
    for start in range(0, len(old_ids), VERIFY_BATCH):
        known = dict(new)
        known.update((f.article_id, f) for f in fingerprints(store, old_ids[start : start + VERIFY_BATCH]))
        links += [compare(known[a], known[b]) for old in old_ids[start : start + VERIFY_BATCH] for a, b in by_old[old]]
    return sorted((link for link in links if link), key=lambda link: (link.a, link.b))


def clusters(store: Any, *, min_size: int = 2, limit: int | None = None) -> list[Cluster]:
    """Clusters of at least ``min_size`` articles, largest first; canonical member first."""
    return [Cluster(cid, members) for cid, members in cluster_rows(store, min_size, limit)]
