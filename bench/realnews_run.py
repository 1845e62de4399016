"""Run newsevents over the real-news set and print event, quote and time-expression scores.

Called by ``bench/events.py realnews``, ``bench/quotes.py realnews`` and ``bench/timex.py
realnews`` (``--split dev|test|all``, default dev; ``--errors`` lists every miss and wrong
event with its loss class; ``--gold DIR`` scores against a folder of ``<id>.json`` annotations
instead of the committed set, e.g. while a second pass is being made).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from realnews import load_set, read_bodies, set_articles
from realnews_score import EventScore, QuoteScore, TimexScore, gold_items, loss_class, system_items

from newsevents.extract.components import load_pipeline
from newsevents.extract.events.explain import explain_events
from newsevents.nlp import make_docs
from newsevents.pipeline.process import record_of
from newsevents.records import Article, ArticleRecord


def option(name: str, default: str | None = None) -> str | None:
    args = sys.argv
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else default


def load(split: str, gold_dir: str | None) -> list[tuple[Article, dict[str, Any]]]:
    """The split's articles and gold, from the committed set or from ``gold_dir``."""
    if gold_dir is None:
        return load_set(split)
    rows = set_articles(split)
    bodies = read_bodies({r["id"] for r in rows})
    out = []
    for row in rows:
        path = Path(gold_dir) / f"{row['id']}.json"
        if path.exists():
            out.append((bodies[row["id"]], json.loads(path.read_text(encoding="utf-8"))))
    return out


def records(split: str, gold_dir: str | None) -> list[tuple[ArticleRecord, dict[str, Any], list]]:
    """Each article's record, gold and traced event candidates (for the loss classes)."""
    pairs = load(split, gold_dir)
    started = time.perf_counter()
    nlp = load_pipeline()
    out = []
    for (article, gold), doc in zip(pairs, nlp.pipe(make_docs(nlp, [a for a, _ in pairs]))):
        out.append((record_of(article, doc), gold, explain_events(doc)))
    print(f"  ({len(out)} articles coded in {time.perf_counter() - started:.1f}s)")
    return out


def events(pairs: list[tuple[ArticleRecord, dict[str, Any], list]], name: str, verbose: bool) -> EventScore:
    """Event P/R/F1, spurious rate, and the loss class of every miss."""
    score = EventScore()
    parts: dict[str, EventScore] = {}
    for record, gold, _ in pairs:
        golds, predicted = gold_items(gold, record.article.text), system_items(record.events)
        score.add(record.article.id, golds, predicted)
        part = "wikinews" if record.article.id.startswith("enwikinews-") else "reuters"
        parts.setdefault(part, EventScore()).add(record.article.id, golds, predicted)
    print(score.line(f"realnews-{name}"))
    for part, part_score in sorted(parts.items()):
        print("  " + part_score.line(f"{name} {part}"))
    by_id = {r.article.id: (r, c) for r, _, c in pairs}
    classes: Counter[str] = Counter()
    for article_id, item in score.missed:
        record, candidates = by_id[article_id]
        cls = loss_class(item, record.events, candidates)
        classes[cls] += 1
        if verbose:
            ev = item.ref
            print(f"    MISS {cls:14} {article_id} {ev['cameo']} {ev['source']['code']}->"
                  f"{(ev.get('target') or {}).get('code', '-')} | {ev['evidence'][:110]!r}")
    print("  misses by loss class: " + ", ".join(f"{k} {v}" for k, v in classes.most_common()))
    if verbose:
        for article_id, item, kind in score.wrong:
            e = item.ref
            print(f"    {kind.upper():9} {article_id} {e.cameo} {e.source.actor.code if e.source.actor else '?'}"
                  f"->{e.target.actor.code if e.target and e.target.actor else '-'} "
                  f"[{e.pattern}] | {e.evidence.text[:110]!r}")
    return score


def quotes(pairs: list[tuple[ArticleRecord, dict[str, Any], list]], name: str, verbose: bool) -> None:
    score = QuoteScore()
    for record, gold, _ in pairs:
        score.add(record, gold)
    print(score.line(f"realnews-quotes-{name}"))
    print("  errors: " + ", ".join(f"{k} {v}" for k, v in
                                   Counter(kind for _, kind, _, _ in score.errors).most_common()))
    print("  error classes: " + ", ".join(f"{k} {v}" for k, v in score.classes.most_common()))
    for source in ("enwikinews", "reuters"):
        part = QuoteScore()
        for record, gold, _ in pairs:
            if record.article.id.startswith(source):
                part.add(record, gold)
        print("  " + part.line(f"{source} part"))
    if verbose:
        for article_id, kind, g, p in score.errors:
            gold_text = f"{g['speaker']!r}/{g.get('speaker_actor')} {g['text'][:70]!r}" if g else ""
            got = (f"{p.speaker.text if p.speaker else None!r}/"
                   f"{p.speaker.actor.code if p.speaker and p.speaker.actor else None} "
                   f"{p.text[:70]!r}") if p else ""
            print(f"    {kind:8} {article_id} gold {gold_text} | got {got}")


def timexes(pairs: list[tuple[ArticleRecord, dict[str, Any], list]], name: str, verbose: bool) -> None:
    score = TimexScore()
    for record, gold, _ in pairs:
        score.add(record, gold)
    print(score.line(f"realnews-timex-{name}"))
    if verbose:
        for article_id, kind, g, p in score.errors:
            print(f"    {kind:8} {article_id} gold {g['text'] if g else ''!r} {g['value'] if g else ''}"
                  f" | got {p.text if p else ''!r} {p.value if p else ''}")


def run(what: str) -> None:
    split = option("--split", "dev") or "dev"
    pairs = records(split, option("--gold"))
    verbose = "--errors" in sys.argv
    if what in ("events", "all"):
        events(pairs, split, verbose)
    if what in ("quotes", "all"):
        quotes(pairs, split, verbose)
    if what in ("timex", "all"):
        timexes(pairs, split, verbose)


if __name__ == "__main__":
    run(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "all")
