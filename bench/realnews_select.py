"""Choose the articles of the real-news development set and write their bodies for annotators.

Run: ``.venv/bin/python bench/realnews_select.py [--texts DIR]``

The choice is deterministic (md5 of the id) and skips the reserved articles of both corpora:

- Wikinews (CC BY 2.5): category *Politics and conflicts*, ``quality.gaps == 0``, no markup
  remnants, body 1,000-3,500 characters; the first 192 by md5(id) (120 until 2026-12-08).
- Reuters-21578 (research use; its text never enters the repository): bodies of 700-3,000
  characters with at least six political words (minister, troops, talks ...) and at most two
  market words (dlrs, pct, shares ...), one story per title; the first 84 by md5(id) (60 until
  2026-12-08).

Every third article by md5(id) (``md5 % 3 == 0``) is in the test part, the rest in dev.
Writes ``bench/data/realnews/articles.tsv`` (id, corpus, split, published, title) and, with
``--texts DIR``, one ``<id>.txt`` per article: the exact body the system receives (the
annotators' text basis, ``../shared/docs/annotation.md`` §1), with ``<id>.meta.json`` beside it.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
from pathlib import Path

from realnews import ARTICLES, SHARED, read_bodies, reserved_ids

WIKINEWS_COUNT = 192
REUTERS_COUNT = 84
POLITICAL = re.compile(
    r"\b(minister|president|government|troops|military|rebels?|guerrillas?|parliament|army|war|"
    r"attack\w*|embassy|sanctions?|police|elections?|opposition|diplomat\w*|accused|condemned|"
    r"summit|talks|officials?|premier|ceasefire|soldiers|killed|navy|warships?|missiles?)\b", re.I)
MARKET = re.compile(
    r"\b(dlrs?|pct|tonnes|shares|profit|earnings|stocks?|bonds?|futures|crop|barrels?|bpd|"
    r"quarter|dividend|yen|marks|francs|billion|mln)\b", re.I)


def md5(text: str) -> int:
    return int(hashlib.md5(text.encode()).hexdigest(), 16)


def wikinews_candidates(reserved: set[str]) -> list[str]:
    path = SHARED / "data" / "wikinews" / "wikinews.en.jsonl.gz"
    ids = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            quality = row.get("quality") or {}
            if (row["id"] not in reserved and "Politics and conflicts" in row["categories"]
                    and quality.get("gaps", 1) == 0 and not quality.get("markup_remnants")
                    and 1000 <= len(row["text"]) <= 3500):
                ids.append(row["id"])
    return sorted(ids, key=md5)[:WIKINEWS_COUNT]


def reuters_candidates(reserved: set[str]) -> list[str]:
    bodies = read_bodies(corpus="reuters")
    titles: set[str] = set()
    ids = []
    for article in bodies.values():
        text = article.text
        if article.id in reserved or not 700 <= len(text) <= 3000:
            continue
        if len(POLITICAL.findall(text)) >= 6 and len(MARKET.findall(text)) <= 2:
            if article.title.lower() not in titles:
                titles.add(article.title.lower())
                ids.append(article.id)
    return sorted(ids, key=md5)[:REUTERS_COUNT]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, help="write each body to DIR/<id>.txt")
    args = parser.parse_args()
    reserved = reserved_ids()
    chosen = ([("wikinews", i) for i in wikinews_candidates(reserved)]
              + [("reuters", i) for i in reuters_candidates(reserved)])
    bodies = read_bodies(ids={i for _, i in chosen})
    ARTICLES.parent.mkdir(parents=True, exist_ok=True)
    with open(ARTICLES, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "corpus", "split", "published", "title"])
        for corpus, article_id in chosen:
            article = bodies[article_id]
            split = "test" if md5(article_id) % 3 == 0 else "dev"
            # Reuters headlines are publisher text: they stay in ../shared
            title = article.title if corpus == "wikinews" else ""
            writer.writerow([article_id, corpus, split, article.published[:10], title])
            if args.texts:
                args.texts.mkdir(parents=True, exist_ok=True)
                (args.texts / f"{article_id}.txt").write_text(article.text, encoding="utf-8")
                meta = {"id": article_id, "published": article.published[:10],
                        "title": article.title, "corpus": corpus}
                (args.texts / f"{article_id}.meta.json").write_text(json.dumps(meta) + "\n")
    print(f"{len(chosen)} articles -> {ARTICLES}")


if __name__ == "__main__":
    main()
