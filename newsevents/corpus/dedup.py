"""Near-duplicate articles: content hashes, MinHash LSH over word shingles, syndication clusters.

A wire story reprinted by twenty outlets should count once. Each article body is normalised
(leading agency markers such as "(MENAFN)" and datelines such as "LONDON, March 3 (Reuters) -"
removed, boilerplate lines of ``data/boilerplate.txt`` dropped, lowercased, punctuation
stripped) and cut into word 5-grams (shingles) within each paragraph, so reordered paragraphs
keep their shingles. Two articles are linked when

- their normalised bodies are identical (same content hash: an exact duplicate), or
- the Jaccard similarity of their shingle sets is at least :data:`JACCARD_THRESHOLD`, or
- the smaller one's shingles lie in the larger one's for at least :data:`CONTAINMENT_THRESHOLD`
  (a trimmed reprint) and it has at least :data:`MIN_CONTAINED_SHINGLES` shingles.

Comparing every pair is quadratic, so candidates come from locality-sensitive hashing: a
datasketch MinHash of :data:`NUM_PERM` permutations per article, cut into the bands datasketch's
``MinHashLSH`` chooses for :data:`CANDIDATE_THRESHOLD`. The candidate threshold sits below the
link thresholds on purpose: LSH only proposes, the exact shingle comparison decides, so pairs
at the link threshold are found with near certainty (recall) and never linked wrongly
(precision). Clusters are the connected components of the links; a cluster's id is its
canonical member's article id, the earliest published (then smallest id).

In a store the signatures and band keys are persisted (``store/dedup.py``), so
:func:`update_clusters` compares new articles with stored ones without recomputing anything.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..records import Record

#: Word n-gram length of a shingle.
SHINGLE_SIZE = 5
#: MinHash permutations per article.
NUM_PERM = 128
#: Jaccard similarity of shingle sets at or above which two articles are near-duplicates.
JACCARD_THRESHOLD = 0.8
#: Share of the smaller article's shingles found in the larger one that links a trimmed copy.
CONTAINMENT_THRESHOLD = 0.9
#: Shingles the smaller article needs before containment alone may link it (short texts
#: such as one-line briefs are contained in many stories).
MIN_CONTAINED_SHINGLES = 25
#: Jaccard level the LSH bands are tuned to: pairs above it become candidates with high probability.
CANDIDATE_THRESHOLD = 0.4

_AGENCY = r"\((?:[A-Z][\w&.' -]{0,30})\)"
_LEADING_MARKER = re.compile(rf"^\s*{_AGENCY}\s*[-\u2013\u2014:]*\s*")
_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z.'\- ]{{1,40}}(?:,\s*[A-Za-z][\w.' ]{{0,30}})?\s*(?:{_AGENCY})?\s*[-\u2013\u2014]+\s+"
)
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Fingerprint:
    """What dedup keeps of an article: content hash, shingle hashes and MinHash signature.

    Shingles are kept as their CRC-32 hashes (sorted, unique uint32), so stored articles can be
    compared without reading and shingling their text again; a collision inside one pair of
    articles is about as likely as one in 10^5 pairs, and shifts a Jaccard by under 1%.
    """

    article_id: str
    content_hash: str
    shingles: np.ndarray  # sorted unique uint32 CRC-32 hashes of the shingles
    minhash: np.ndarray  # NUM_PERM uint32 values


@dataclass(frozen=True)
class Link(Record):
    """Two articles found to be copies of one story, and why."""

    a: str
    b: str
    jaccard: float
    containment: float
    reason: str  # exact, jaccard or containment


@dataclass(frozen=True)
class Cluster(Record):
    """Articles carrying one story; ``cluster`` is the canonical (earliest published) member's id."""

    cluster: str
    articles: list[str]  # canonical first, then by publication


# ---- text to fingerprint ------------------------------------------------------------------


@functools.cache
def _boilerplate() -> re.Pattern[str]:
    from ..resources import data_path

    lines = data_path("boilerplate.txt").read_text(encoding="utf-8").splitlines()
    patterns = [line for line in lines if line.strip() and not line.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def strip_markers(text: str) -> str:
    """Drop boilerplate lines, then a leading agency marker or dateline of the first line."""
    boilerplate = _boilerplate()
    lines = [line for line in text.splitlines() if line.strip() and not boilerplate.fullmatch(line.strip())]
    body = "\n".join(lines)
    for pattern in (_LEADING_MARKER, _DATELINE, _LEADING_MARKER):
        body = pattern.sub("", body, count=1)
    return body


def normalise(text: str) -> str:
    """The story's words, one paragraph a line: no markers, boilerplate or punctuation; lowercase."""
    lines = (" ".join(_NON_WORD.sub(" ", line).split()) for line in strip_markers(text).lower().splitlines())
    return "\n".join(line for line in lines if line)


def shingles(normalised: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """Word ``size``-grams of each paragraph (line) of a normalised text.

    Shingles never span two paragraphs, so a reprint with its paragraphs reordered has the same
    shingles; a paragraph shorter than ``size`` words is one shingle.
    """
    found: set[str] = set()
    for line in normalised.splitlines():
        words = line.split()
        if len(words) <= size:
            found.add(" ".join(words))
        else:
            found.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    found.discard("")
    return frozenset(found)


@functools.cache
def _permutations() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM).permutations


def shingle_hashes(items: Iterable[str]) -> np.ndarray:
    """Sorted unique CRC-32 hashes (uint32) of shingles; CRC-32 is C-fast and stable across runs."""
    return np.unique(np.array([zlib.crc32(s.encode("utf-8")) for s in items], dtype=np.uint32))


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The datasketch MinHash signature (``NUM_PERM`` uint32 values) of a set of shingle hashes."""
    from datasketch import MinHash

    # The shingles are hashed already; the affine32 scheme mixes each input hash with
    # MurmurHash3's finalizer before permuting, so CRC-32 inputs are fine.
    sketch = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme="affine32", hashfunc=int)
    if len(hashes):
        sketch.update_batch(hashes.tolist())
    return np.asarray(sketch.hashvalues, dtype=np.uint32)


def fingerprint(article_id: str, text: str) -> Fingerprint:
    """Normalise, hash, shingle and MinHash one article body."""
    words = normalise(text)
    hashes = shingle_hashes(shingles(words))
    digest = hashlib.sha1(words.encode("utf-8")).hexdigest()[:16]
    return Fingerprint(article_id, digest, hashes, minhash(hashes))


# ---- LSH bands ----------------------------------------------------------------------------


@functools.cache
def lsh_params() -> tuple[int, int]:
    """``(bands, rows)`` that datasketch's MinHashLSH picks for ``CANDIDATE_THRESHOLD``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9,
                 0x2545F4914F6CDD1D, 0x9FB21C651E98DF25, 0x8CB92BA72F3D8DD7, 0xDB4F0B9175AE2165,
                 0xA0761D6478BD642F], dtype=np.uint64)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """One 64-bit key per LSH band of each signature: ``(n, NUM_PERM)`` -> ``(n, bands)`` int64.

    Two articles are LSH candidates when they share a key in the same band.
    """
    bands, rows = lsh_params()
    values = signatures[:, : bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    with np.errstate(over="ignore"):
        keys = (values * _MIX[:rows]).sum(axis=2, dtype=np.uint64)
    return keys.view(np.int64)


# ---- comparing and clustering -------------------------------------------------------------


def compare(a: Fingerprint, b: Fingerprint) -> Link | None:
    """The link between two articles if they are copies of one story, else None."""
    if not len(a.shingles) or not len(b.shingles):
        return None
    first, second = sorted((a.article_id, b.article_id))
    if a.content_hash == b.content_hash:
        return Link(first, second, 1.0, 1.0, "exact")
    common = int(np.intersect1d(a.shingles, b.shingles, assume_unique=True).size)
    jaccard = common / (len(a.shingles) + len(b.shingles) - common)
    smaller = min(len(a.shingles), len(b.shingles))
    containment = common / smaller
    if jaccard >= JACCARD_THRESHOLD:
        return Link(first, second, round(jaccard, 4), round(containment, 4), "jaccard")
    if containment >= CONTAINMENT_THRESHOLD and smaller >= MIN_CONTAINED_SHINGLES:
        return Link(first, second, round(jaccard, 4), round(containment, 4), "containment")
    return None


def candidate_pairs(fingerprints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, proposed by datasketch's MinHashLSH (in memory)."""
    from datasketch import MinHash, MinHashLSH

    bands, rows = lsh_params()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(bands, rows))
    pairs: set[tuple[int, int]] = set()
    for i, fp in enumerate(fingerprints):
        if not len(fp.shingles):
            continue
        sketch = MinHash(hashvalues=fp.minhash, scheme="affine32")
        for j in lsh.query(sketch):
            pairs.add((j, i))
        lsh.insert(i, sketch, check_duplication=False)
    return pairs


def find_links(fingerprints: Sequence[Fingerprint]) -> list[Link]:
    """Every verified near-duplicate link among in-memory fingerprints (LSH, then exact check)."""
    links = (compare(fingerprints[i], fingerprints[j]) for i, j in candidate_pairs(fingerprints))
    return sorted((link for link in links if link), key=lambda link: (link.a, link.b))


def canonical_members(members: Iterable[str], links: Iterable[tuple[str, str]],
                      published: dict[str, str]) -> dict[str, str]:
    """Each article's cluster id: union-find over the links, canonical = earliest published, then smallest id.

    Args:
        members: every article to assign (singletons get their own id).
        links: pairs of article ids to join.
        published: ISO publication date of each member ("" sorts first).

    Returns:
        ``{article_id: cluster_id}`` for every member.
    """
    parent = {m: m for m in members}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for m in parent:
        groups.setdefault(find(m), []).append(m)
    result = {}
    for group in groups.values():
        canonical = min(group, key=lambda m: (published.get(m) or "", m))
        result.update(dict.fromkeys(group, canonical))
    return result


def cluster_articles(articles: Iterable[tuple[str, str, str]]) -> tuple[list[Link], dict[str, str]]:
    """Cluster ``(article_id, published, text)`` triples in memory.

    Returns:
        The links and ``{article_id: cluster_id}`` for every article.
    """
    published: dict[str, str] = {}
    fingerprints = []
    for article_id, date, text in articles:
        published[article_id] = date
        fingerprints.append(fingerprint(article_id, text))
    links = find_links(fingerprints)
    return links, canonical_members(published, ((link.a, link.b) for link in links), published)
