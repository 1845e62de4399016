"""Quote benchmark: the seed article against its gold, and the hand-written quote cases.

Usage::

    .venv/bin/python bench/quotes.py [--verbose]

Matching: a predicted quote matches a gold quote when their word sets overlap with Dice >= 0.5
(one-to-one, best overlap first; GenderGapTracker's evaluation uses a similar overlap rule).
Speaker accuracy: the matched quote's speaker as written equals the gold speaker (case-blind;
"-" = no speaker). Speaker-actor accuracy: the speaker's actor code equals the gold actor code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CASES = REPO / "bench" / "data" / "quote_cases.tsv"
SEED = SHARED / "seed" / "000_d06ffc9ac9d1c36e.txt"
GOLD = SHARED / "examples" / "seed.gold.json"
COMPONENTS = ("newsevents_actors_v1", "newsevents_actor_graph_v1", "newsevents_quotes_v1")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GoldQuote:
    """One expected quote: content, direct or not, speaker as written, speaker actor code."""

    text: str
    direct: bool
    speaker: str  # "-" for none
    actor: str  # "*" not checked, "-" none


@dataclass(frozen=True)
class Case:
    """One row of bench/data/quote_cases.tsv."""

    id: str
    text: str
    gold: GoldQuote | None  # None: the text holds no quotation


def load_cases(path: Path = CASES) -> list[Case]:
    """Read the hand-written cases (``\\n`` in a text stands for a newline)."""
    cases = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cid, text, quote, direct, speaker, actor = line.split("\t")
        gold = None if quote == "-" else GoldQuote(quote, direct == "1", speaker, actor)
        cases.append(Case(cid, text.replace("\\n", "\n"), gold))
    return cases


def dice(a: str, b: str) -> float:
    """Dice overlap of the lower-cased word sets of two texts."""
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def match(gold: list[GoldQuote], predicted: list) -> list[tuple[GoldQuote, object]]:
    """One-to-one matching of gold and predicted quotes by word overlap (Dice >= 0.5)."""
    pairs = sorted(
        ((dice(g.text, p.text), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)),
        reverse=True,
    )
    used_g, used_p, matched = set(), set(), []
    for score, gi, pi in pairs:
        if score >= 0.5 and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matched.append((gold[gi], predicted[pi]))
    return matched


def speaker_ok(gold: GoldQuote, quote) -> bool:
    """The speaker as written equals the gold speaker."""
    said = quote.speaker.text if quote.speaker else "-"
    return said.lower() == gold.speaker.lower()


def actor_ok(gold: GoldQuote, quote) -> bool | None:
    """The speaker's actor code (or org) equals the gold one (None when the gold does not say)."""
    if gold.actor == "*":
        return None
    actor = quote.speaker.actor if quote.speaker else None
    if actor is None:
        return gold.actor == "-"
    return gold.actor in (actor.code, actor.org)


def parse(nlp, text: str, published: str = "2025-07-22"):
    """Run the pipeline on one text."""
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    (doc,) = make_docs(nlp, [Article("bench", published, "", text)])
    return nlp(doc)


def score(gold_n: int, pred_n: int, matched: list, verbose_name: str = "") -> dict[str, float]:
    """Precision, recall, F1, speaker and speaker-actor accuracy over matched quotes."""
    tp = len(matched)
    p = tp / pred_n if pred_n else 0.0
    r = tp / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    spk = sum(speaker_ok(g, q) for g, q in matched)
    actor_checks = [a for a in (actor_ok(g, q) for g, q in matched) if a is not None]
    return {
        "gold": gold_n,
        "predicted": pred_n,
        "matched": tp,
        "precision": round(100 * p, 1),
        "recall": round(100 * r, 1),
        "f1": round(100 * f, 1),
        "speaker_acc": round(100 * spk / tp, 1) if tp else 0.0,
        "actor_acc": round(100 * sum(actor_checks) / len(actor_checks), 1) if actor_checks else 0.0,
        "actor_checked": len(actor_checks),
    }


def bench_seed(nlp, verbose: bool) -> dict[str, float]:
    """The seed article against seed.gold.json."""
    text = SEED.read_text("utf-8").split("\n", 2)[2]
    gold_json = json.loads(GOLD.read_text("utf-8"))
    gold = [
        GoldQuote(q["text"], q["direct"], q["speaker"], q.get("speaker_actor") or "-")
        for q in gold_json["quotes"]
    ]
    doc = parse(nlp, text, gold_json["published"])
    predicted = doc._.quotes
    matched = match(gold, predicted)
    if verbose:
        _report(gold, predicted, matched)
    return score(len(gold), len(predicted), matched)


def bench_cases(nlp, verbose: bool) -> dict[str, float]:
    """The hand-written table: per text, all predicted quotes against all gold rows."""
    by_text: dict[str, list[GoldQuote]] = {}
    for case in load_cases():
        by_text.setdefault(case.text, [])
        if case.gold:
            by_text[case.text].append(case.gold)
    gold_n = pred_n = 0
    matched_all = []
    for text, gold in by_text.items():
        predicted = parse(nlp, text)._.quotes
        matched = match(gold, predicted)
        gold_n, pred_n = gold_n + len(gold), pred_n + len(predicted)
        matched_all += matched
        if verbose and (len(matched) < len(gold) or len(predicted) > len(gold)
                        or not all(speaker_ok(g, q) for g, q in matched)):
            print(f"--- {text!r}")
            _report(gold, predicted, matched)
    return score(gold_n, pred_n, matched_all)


def _report(gold: list[GoldQuote], predicted: list, matched: list) -> None:
    hit = {id(q) for _, q in matched}
    for g, q in matched:
        flag = "ok " if speaker_ok(g, q) else "SPK"
        said = (q.speaker.text, q.speaker.actor and q.speaker.actor.code) if q.speaker else None
        print(f"  {flag} {q.text[:60]!r} speaker={said} gold={g.speaker}/{g.actor}")
    for g in gold:
        if all(g is not mg for mg, _ in matched):
            print(f"  MISS {g.text[:60]!r} ({g.speaker})")
    for q in predicted:
        if id(q) not in hit:
            print(f"  EXTRA {q.text[:60]!r} cue={q.cue} speaker={q.speaker and q.speaker.text}")


def main(argv: list[str] | None = None) -> int:
    """Print the seed and case-table numbers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print misses and extras")
    parser.add_argument("set", nargs="?", choices=["cases", "realnews"], default="cases",
                        help="realnews: the real-news set (--split dev|test|all, --errors)")
    parser.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    parser.add_argument("--errors", action="store_true", help="realnews: list every error")
    parser.add_argument("--gold", default=None, help="realnews: a folder of <id>.json gold")
    args = parser.parse_args(argv)
    if args.set == "realnews":
        import realnews_run

        realnews_run.run("quotes")
        return 0
    from newsevents.extract.components import load_pipeline

    nlp = load_pipeline(COMPONENTS)
    started = time.perf_counter()
    seed = bench_seed(nlp, args.verbose)
    cases = bench_cases(nlp, args.verbose)
    print(f"seed article : {seed}")
    print(f"quote cases  : {cases}")
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
