"""The Reuters-21578 stories the speed benches run on, read from ../shared (never copied into the
repository), and the memory figures they report."""

from __future__ import annotations

import itertools
import json
import resource
from pathlib import Path

from newsevents.records import Article
from newsevents.sources import read_paths

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters-21578"


def reuters_articles(n: int) -> list[Article]:
    items = read_paths(sorted(REUTERS.glob("reut2-*.sgm")))
    return list(itertools.islice((a for a in items if isinstance(a, Article)), n))


def reserved_reuters() -> set[str]:
    """Article ids of the Reuters stories kept for independent evaluation (never used here)."""
    text = (REUTERS / "RESERVED.md").read_text(encoding="utf-8")
    return {f"reuters-{n}" for n in text.split() if n.isdigit()}


def write_jsonl(articles: list[Article], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "published": a.published, "title": a.title, "text": a.text}) + "\n")
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
