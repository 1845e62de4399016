"""Near-duplicate articles and event consolidation, measured on Reuters-21578.

Reads the corpus from ../shared/data/reuters-21578 (never copies its text anywhere):

1. ``pairs``: near-duplicate pairs found by MinHash LSH + exact verification against the exact
   Jaccard of every pair (all pairs sharing a shingle are scored, so nothing is missed) on a
   sample: every story whose title repeats plus random others.
2. ``syndication``: copies generated here from Reuters stories (new headline and id, dates
   within days, paragraphs dropped or reordered, boilerplate and agency markers added), with the
   truth known; pairwise precision/recall of the clusters.
3. ``scale``: time and peak memory to cluster ~100k articles (Reuters replicated with modified
   copies) through the store path ``update_clusters`` that ingest uses.
4. ``merges``: precision of event merges on the hand-checked sample in
   ``bench/data/dedup_merge_sample.tsv`` (ids and verdicts only), against a database made by
   ``newsevents ingest reut2-000.sgm reut2-001.sgm reut2-002.sgm --db DB``.

    .venv/bin/python bench/dedup.py [pairs syndication scale merges] [--db DB] [--articles 100000]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from newsevents.corpus import dedup
from newsevents.records import Article, ArticleRecord
from newsevents.store import dedup as store_dedup

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters-21578"
SAMPLE = Path(__file__).resolve().parent / "data" / "dedup_merge_sample.tsv"
BOILERPLATE = ["Copyright 1987 Wire Service. All rights reserved.", "Click here to subscribe to our newsletter.",
               "Related: more stories from this desk", "Reporting by staff; editing by the desk"]
MARKERS = ["(MENAFN) ", "(AFP) - ", "NEW YORK, March 3 (Reuters) - ", "(AP) ", ""]


def reuters() -> list[Article]:
    from newsevents.sources import read_paths

    paths = sorted(REUTERS.glob("reut2-*.sgm"))
    return [a for a in read_paths(paths) if isinstance(a, Article)]


def prf(found: set, truth: set) -> tuple[float, float, float]:
    tp = len(found & truth)
    p = tp / len(found) if found else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---- 1. pairs against exact Jaccard --------------------------------------------------------


def exact_pairs(articles: list[Article], threshold: float) -> set[tuple[str, str]]:
    """Every pair whose shingle sets (the strings) have Jaccard >= threshold.

    All pairs sharing a shingle are scored through an inverted index, so none is missed.
    """
    sets = [dedup.shingles(dedup.normalise(a.text)) for a in articles]
    index: dict[str, list[int]] = defaultdict(list)
    for i, items in enumerate(sets):
        for s in items:
            index[s].append(i)
    common: dict[tuple[int, int], int] = defaultdict(int)
    for ids in index.values():
        for pair in combinations(ids, 2):
            common[pair] += 1
    found = set()
    for (i, j), c in common.items():
        if c / (len(sets[i]) + len(sets[j]) - c) >= threshold:
            found.add(tuple(sorted((articles[i].id, articles[j].id))))
    return found


def bench_pairs(articles: list[Article], others: int, seed: int) -> None:
    titles: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        titles[a.title.strip().lower()].append(a)
    repeated = [a for group in titles.values() if len(group) > 1 for a in group]
    rest = [a for a in articles if len(titles[a.title.strip().lower()]) == 1]
    sample = repeated + random.Random(seed).sample(rest, min(others, len(rest)))
    t0 = time.perf_counter()
    fps = [dedup.fingerprint(a.id, a.text) for a in sample]
    t1 = time.perf_counter()
    candidates = dedup.candidate_pairs(fps)
    t2 = time.perf_counter()
    links = [dedup.compare(fps[i], fps[j]) for i, j in candidates]
    lsh_jaccard = {(link.a, link.b) for link in links if link and link.jaccard >= dedup.JACCARD_THRESHOLD}
    estimate = {tuple(sorted((fps[i].article_id, fps[j].article_id))) for i, j in candidates
                if (fps[i].minhash == fps[j].minhash).mean() >= dedup.JACCARD_THRESHOLD}
    t3 = time.perf_counter()
    truth = exact_pairs(sample, dedup.JACCARD_THRESHOLD)
    t4 = time.perf_counter()
    print(f"pairs: sample {len(sample)} articles ({len(repeated)} with a repeated title, {len(sample) - len(repeated)} random)")
    print(f"  exact Jaccard >= {dedup.JACCARD_THRESHOLD}: {len(truth)} pairs (all-pairs scoring {t4 - t3:.1f} s)")
    print(f"  LSH candidates: {len(candidates)}; fingerprint {t1 - t0:.1f} s, LSH {t2 - t1:.1f} s, verify {t3 - t2:.1f} s")
    for name, found in (("LSH + exact check", lsh_jaccard), ("LSH + MinHash estimate", estimate)):
        p, r, f = prf(found, truth)
        print(f"  {name:24s} found {len(found):5d}  P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    containment = sum(1 for link in links if link and link.reason == "containment")
    print(f"  extra containment links (trimmed copies, Jaccard below threshold): {containment}")


# ---- 2. syndication set ------------------------------------------------------------------


def syndicate(article: Article, k: int, rng: random.Random) -> Article:
    """A modified copy: new id, headline, date within days, paragraphs edited, furniture added."""
    paragraphs = [p for p in article.text.split("\n") if p.strip()]
    edit = rng.choice(["drop", "reorder", "trim", "none"])
    if edit == "drop" and len(paragraphs) >= 4:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    elif edit == "reorder" and len(paragraphs) >= 3:
        rng.shuffle(paragraphs)
    elif edit == "trim" and len(paragraphs) >= 3:
        paragraphs = paragraphs[:-1]
    lines = [rng.choice(MARKERS) + paragraphs[0], *paragraphs[1:]] + rng.sample(BOILERPLATE, rng.randint(0, 2))
    day = int(article.published[8:10])
    published = f"{article.published[:8]}{min(28, day + rng.randint(0, 3)):02d}"
    return Article(f"{article.id}-copy{k}", published, f"Copy {k}: {article.title.lower()}", "\n".join(lines),
                   source=rng.choice(["MENAFN", "AFP", "Wire", None]))


def syndication_set(originals: list[Article], copies: int, seed: int) -> tuple[list[Article], dict[str, str]]:
    rng = random.Random(seed)
    out, truth = [], {}
    for a in originals:
        out.append(a)
        truth[a.id] = a.id
        for k in range(rng.randint(1, copies)):
            copy = syndicate(a, k, rng)
            out.append(copy)
            truth[copy.id] = a.id
    return out, truth


def same_group_pairs(assigned: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id, group in assigned.items():
        groups[group].append(article_id)
    return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}


def bench_syndication(articles: list[Article], originals: int, seed: int) -> None:
    long = [a for a in articles if len(a.text.split()) >= 80]
    _, assigned = dedup.cluster_articles((a.id, a.published, a.text) for a in long)
    singletons = _singletons(long, assigned)
    chosen = random.Random(seed).sample(singletons, min(originals, len(singletons)))
    corpus, truth = syndication_set(chosen, 4, seed)
    t0 = time.perf_counter()
    links, found = dedup.cluster_articles((a.id, a.published, a.text) for a in corpus)
    seconds = time.perf_counter() - t0
    p, r, f = prf(same_group_pairs(found), same_group_pairs(truth))
    reasons = defaultdict(int)
    for link in links:
        reasons[link.reason] += 1
    exact_clusters = sum(1 for o in chosen if {k for k, v in found.items() if v == found[o.id]} ==
                         {k for k, v in truth.items() if v == o.id})
    print(f"syndication: {len(chosen)} Reuters stories (>= 80 words, no near-duplicate in the corpus), "
          f"{len(corpus) - len(chosen)} generated copies; clustered in {seconds:.1f} s")
    print(f"  same-story pairs  P {p:.4f}  R {r:.4f}  F1 {f:.4f}; stories whose cluster is exactly right: "
          f"{exact_clusters}/{len(chosen)}; links by reason {dict(reasons)}")


def _singletons(articles: list[Article], assigned: dict[str, str]) -> list[Article]:
    sizes: dict[str, int] = defaultdict(int)
    for group in assigned.values():
        sizes[group] += 1
    return [a for a in articles if sizes[assigned[a.id]] == 1]


# ---- 3. scale ------------------------------------------------------------------------------


def bench_scale(articles: list[Article], target: int, chunk: int, seed: int) -> None:
    from newsevents.store.database import Store

    rng = random.Random(seed)
    corpus = list(articles)
    k = 0
    while len(corpus) < target:
        corpus.append(syndicate(articles[k % len(articles)], k // len(articles), rng))
        k += 1
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "scale.duckdb") as store:
            store.add((ArticleRecord(a) for a in corpus), batch_size=5000)
            rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            t0 = time.perf_counter()
            ids = [a.id for a in corpus]
            for start in range(0, len(ids), chunk):
                store_dedup.update_clusters(store, ids[start : start + chunk])
            seconds = time.perf_counter() - t0
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            big = len(store_dedup.clusters(store))
            links = store._con.execute("SELECT count(*) FROM article_links").fetchone()[0]
    print(f"scale: {len(corpus)} articles ({len(articles)} Reuters + {k} modified copies), chunks of {chunk}")
    print(f"  update_clusters: {seconds:.1f} s ({len(corpus) / seconds:,.0f} articles/s); {links} links, "
          f"{big} clusters of 2+; peak RSS {rss / 1024:.0f} MB (before clustering {rss0 / 1024:.0f} MB)")


# ---- 4. event merges -----------------------------------------------------------------------


def bench_merges(db: str, write_sample: int) -> None:
    from newsevents.store.consolidate import consolidate
    from newsevents.store.database import Store

    with Store(db) as store:
        store_dedup.update_clusters(store, rebuild=True)
        consolidate(store)
        pairs = merged_pairs(store)
        mixed = store._con.execute(
            "SELECT count(*) FROM (SELECT m.consolidated_id FROM event_mentions m JOIN events e ON e.id = m.event_id "
            "GROUP BY 1 HAVING count(DISTINCT (coalesce(e.source_code, '?'), coalesce(e.target_code, '?'))) > 1)"
        ).fetchone()[0]
        counts = store._con.execute(
            "SELECT count(*), sum(num_mentions), sum(CASE WHEN num_articles > 1 THEN 1 ELSE 0 END) FROM consolidated_events"
        ).fetchone()
    print(f"consolidation: {counts[1]} event mentions -> {counts[0]} consolidated events, {counts[2]} of them "
          f"reported by 2+ articles; consolidated events mixing dyads: {mixed}",
          file=sys.stderr if write_sample else sys.stdout)
    print(f"merges: {len(pairs)} merged mention pairs from different articles in {db}",
          file=sys.stderr if write_sample else sys.stdout)
    if write_sample:
        write_unjudged(pairs, write_sample)
        return
    judged = list(csv.DictReader(SAMPLE.open(encoding="utf-8"), delimiter="\t"))
    present = [row for row in judged if (row["event_a"], row["event_b"]) in pairs]
    correct = sum(1 for row in present if row["verdict"] == "same")
    cross = [row for row in present if pairs[(row["event_a"], row["event_b"])]]
    print(f"  hand-checked sample: {len(judged)} pairs, {len(present)} still merged; precision "
          f"{correct / max(1, len(present)):.3f} ({correct}/{len(present)}); "
          f"{len(cross)} of them across independent sources, precision "
          f"{sum(1 for r in cross if r['verdict'] == 'same') / max(1, len(cross)):.3f}")


def merged_pairs(store) -> dict[tuple[str, str], bool]:
    """``{(event_a, event_b): across_clusters}`` for mentions of one consolidated event in different articles."""
    rows = store._con.execute(
        "SELECT m.consolidated_id, m.event_id, m.article_id, coalesce(c.cluster_id, m.article_id) "
        "FROM event_mentions m LEFT JOIN article_clusters c ON c.article_id = m.article_id"
    ).fetchall()
    groups: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for cid, eid, aid, cluster in rows:
        groups[cid].append((eid, aid, cluster))
    pairs = {}
    for members in groups.values():
        for (ea, aa, ca), (eb, ab, cb) in combinations(sorted(members), 2):
            if aa != ab:
                pairs[(ea, eb)] = ca != cb
    return pairs


def write_unjudged(pairs: dict[tuple[str, str], bool], n: int) -> None:
    """Print up to ``n`` merged pairs not in the sample yet, across independent sources first."""
    rng = random.Random(7)
    judged = {(r["event_a"], r["event_b"]) for r in csv.DictReader(SAMPLE.open(encoding="utf-8"), delimiter="\t")}
    cross = sorted(p for p, c in pairs.items() if c and p not in judged)
    same = sorted(p for p, c in pairs.items() if not c and p not in judged)
    chosen = rng.sample(cross, min(len(cross), n)) + rng.sample(same, min(len(same), max(0, n - len(cross))))
    writer = csv.writer(sys.stdout, delimiter="\t")
    writer.writerow(["event_a", "event_b", "verdict", "note"])
    for a, b in sorted(chosen):
        writer.writerow([a, b, "", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("parts", nargs="*", default=["pairs", "syndication", "scale", "merges"])
    parser.add_argument("--db", default="/tmp/dedup-bench.duckdb", help="Reuters ingested by newsevents (merges)")
    parser.add_argument("--articles", type=int, default=100_000, help="articles for the scale run")
    parser.add_argument("--chunk", type=int, default=256, help="articles per update_clusters call (scale)")
    parser.add_argument("--others", type=int, default=3000, help="random stories added to the pairs sample")
    parser.add_argument("--originals", type=int, default=2000, help="stories copied in the syndication set")
    parser.add_argument("--write-sample", type=int, default=0, help="print N unjudged merged pairs (TSV)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    articles = reuters() if set(args.parts) & {"pairs", "syndication", "scale"} else []
    if "pairs" in args.parts:
        bench_pairs(articles, args.others, args.seed)
    if "syndication" in args.parts:
        bench_syndication(articles, args.originals, args.seed)
    if "scale" in args.parts:
        bench_scale(articles, args.articles, args.chunk, args.seed)
    if "merges" in args.parts:
        bench_merges(args.db, args.write_sample)


if __name__ == "__main__":
    main()
