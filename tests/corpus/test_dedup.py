"""Near-duplicate articles: normalisation, shingle comparison, LSH candidates, clusters in a store."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from newsevents.cli.commands import cli
from newsevents.corpus.dedup import (
    canonical_members,
    cluster_articles,
    compare,
    fingerprint,
    normalise,
    shingles,
)
from newsevents.records import Article, ArticleRecord
from newsevents.store.database import Store
from newsevents.store.dedup import clusters, update_clusters

WORDS = (
    "minister talks border ceasefire army capital parliament vote sanctions oil exports bank "
    "rates inflation election protest court ruling treaty summit delegation aid convoy port "
    "harbour grain wheat prices farmers strike union police arrests rebels village mayor "
    "council budget deficit tariffs steel mills coal mine workers embassy envoy statement"
).split()


def story(seed: int, paragraphs: int = 5, words: int = 40) -> list[str]:
    """Synthetic paragraphs of a made-up story (no news text)."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "." for _ in range(paragraphs)]


BASE = story(1)
OTHER = story(2)


@pytest.mark.parametrize(
    ("text", "expected_start"),
    [
        ("(MENAFN) Talks stalled on Friday.", "talks stalled on friday"),
        ("(Reuters) - Talks stalled on Friday.", "talks stalled on friday"),
        ("LONDON, March 3 (Reuters) - Talks stalled.", "talks stalled"),
        ("KYIV - Talks stalled.", "talks stalled"),
        ("Copyright 2025 Wire. All rights reserved.\nTalks stalled.", "talks stalled"),
        ("Talks stalled.\nClick here to subscribe to our newsletter.", "talks stalled"),
        ("U.S. officials said talks stalled.", "u s officials said talks stalled"),
        ("NATO's chief said talks stalled.", "nato s chief said talks stalled"),
    ],
)
def test_dedup_normalise_strips_markers_and_boilerplate(text, expected_start):
    assert normalise(text) == expected_start


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("one two three", 1), ("one two three four five", 1), ("one two three four five six", 2)],
)
def test_dedup_shingles_are_word_5grams(text, count):
    assert len(shingles(normalise(text))) == count


@pytest.mark.parametrize(
    ("copy", "reason"),
    [
        ("(MENAFN) " + "\n".join(BASE), "exact"),
        ("WASHINGTON, July 2 (AFP) - " + "\n".join(BASE) + "\nAll rights reserved.", "exact"),
        ("\n".join(BASE).replace(" ", " edited ", 1), "jaccard"),  # a word inserted
        ("\n".join(BASE[1:] + BASE[:1]), "jaccard"),  # paragraphs reordered
        ("\n".join(BASE[:3]), "containment"),  # two of five paragraphs kept out
        ("\n".join(BASE[:2] + OTHER[:3]), None),  # a different story quoting two paragraphs
        ("\n".join(OTHER), None),
        ("\n".join(BASE)[:60], None),  # a short lead is contained but too short to link
    ],
)
def test_dedup_compare_links_copies_only(copy, reason):
    link = compare(fingerprint("a", "\n".join(BASE)), fingerprint("b", copy))
    assert (link.reason if link else None) == reason


def test_dedup_compare_never_links_empty_texts():
    assert compare(fingerprint("a", ""), fingerprint("b", "")) is None


def test_dedup_canonical_is_earliest_then_smallest_id():
    published = {"x": "2025-07-03", "y": "2025-07-01", "z": "2025-07-01", "w": "2025-07-09"}
    assigned = canonical_members(published, [("x", "y"), ("z", "x")], published)
    assert assigned == {"x": "y", "y": "y", "z": "y", "w": "w"}


def test_dedup_cluster_articles_in_memory_finds_copies_among_others():
    texts = [("orig", "2025-07-01", "\n".join(BASE)), ("copy", "2025-07-02", "(AP) " + "\n".join(BASE[:4]))]
    texts += [(f"other{i}", "2025-07-01", "\n".join(story(100 + i))) for i in range(30)]
    links, assigned = cluster_articles(texts)
    assert [(link.a, link.b) for link in links] == [("copy", "orig")]
    assert assigned["copy"] == assigned["orig"] == "orig"
    assert all(assigned[f"other{i}"] == f"other{i}" for i in range(30))


def _records(*items: tuple[str, str, str]) -> list[ArticleRecord]:
    return [ArticleRecord(Article(i, date, f"title {i}", text)) for i, date, text in items]


def test_dedup_update_clusters_is_incremental():
    with Store(":memory:") as store:
        store.add(_records(("b1", "2025-07-02", "\n".join(BASE)), ("o1", "2025-07-01", "\n".join(OTHER))))
        assert update_clusters(store, ["b1", "o1"]) == []
        store.add(_records(("b2", "2025-07-03", "(MENAFN) " + "\n".join(BASE[:4]))))
        (link,) = update_clusters(store, ["b2"])
        assert (link.a, link.b) == ("b1", "b2")
        # an earlier-published copy arrives later: it becomes the canonical member
        store.add(_records(("b0", "2025-06-30", "\n".join(BASE[1:]))))
        update_clusters(store, ["b0"])
        assert [(c.cluster, c.articles) for c in clusters(store)] == [("b0", ["b0", "b1", "b2"])]
        assert update_clusters(store, None) == []  # nothing left to fingerprint
        assert [c.articles for c in clusters(store, min_size=1)][-1] == ["o1"]


def test_dedup_clusters_cli_prints_one_line_per_cluster(tmp_path):
    db = tmp_path / "d.duckdb"
    with Store(db) as store:
        store.add(_records(("a", "2025-07-22", "(MENAFN) " + "\n".join(BASE)),
                           ("b", "2025-07-22", "(AFP) " + "\n".join(BASE)),
                           ("c", "2025-07-22", "\n".join(OTHER))))
        update_clusters(store)
    result = CliRunner().invoke(cli, ["clusters", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == [{"cluster": "a", "articles": ["a", "b"]}]


@pytest.mark.parametrize("verify_batch", [1, 2, 1000])
def test_dedup_verifying_in_batches_finds_the_same_links(monkeypatch, verify_batch):
    """Stored fingerprints are fetched VERIFY_BATCH at a time; the links must not depend on it."""
    from newsevents.store import dedup

    copies = [(f"c{i}", f"2025-07-{1 + i:02d}", f"(W{i}) " + "\n".join(BASE[i % 2:])) for i in range(5)]
    others = [(f"o{i}", "2025-07-01", "\n".join(story(300 + i))) for i in range(5)]
    monkeypatch.setattr(dedup, "VERIFY_BATCH", verify_batch)
    with Store(":memory:") as store:
        store.add(_records(*copies[:3], *others))
        first = update_clusters(store)
        store.add(_records(*copies[3:]))
        later = update_clusters(store)
        assert [(link.a, link.b) for link in first] == [("c0", "c1"), ("c0", "c2"), ("c1", "c2")]
        assert [(link.a, link.b) for link in later] == [
            ("c0", "c3"), ("c0", "c4"), ("c1", "c3"), ("c1", "c4"), ("c2", "c3"), ("c2", "c4"), ("c3", "c4")]
        assert [c.articles for c in clusters(store)] == [["c0", "c1", "c2", "c3", "c4"]]
