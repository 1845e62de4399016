"""Event-coding benchmarks: CAMEO manual examples, PLOVER gold records, the seed article.

Run: ``.venv/bin/python bench/events.py [cameo|plover|seed|precision ...] [--errors]
[--store PATH]`` (reads ../shared;
prints numbers per set, per-root / per-type results and the top confusions; ``--errors`` lists
every CAMEO-example error).

1. CAMEO manual examples (277, ``cameo_codes_goldstein.csv`` column ``example``): the best
   coded predicate of each sentence vs the gold code: root accuracy and exact-code accuracy.
2. PLOVER gold records (322, ``PLOVER_GSR_CAMEO.json``; old names mapped DEMAND->REQUEST,
   DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT): event-type macro-F1 over the 16 types, and
   actor/recipient country and sector accuracy of the best event (the gold's slips JAP, ITL and
   VTN are read as JPN, ITA and VNM).
3. The seed article vs ``examples/seed.gold.json``: asserted events matched on root + source
   code + target code; precision, recall, F1.
4. The hand-checked precision sample ``bench/data/events_precision_sample.tsv`` (asserted events
   coded from Reuters-21578, one verdict each: correct / spurious / miscoded): spurious and
   error rates. With ``--store PATH`` (a store holding those Reuters articles, opened read-only)
   the sample's articles are re-coded and the ids no longer emitted and the new, unlabelled
   ids are counted (a drift check; new ids must be labelled before the rates mean anything).
"""

from __future__ import annotations

import collections
import csv
import json
import sys
import time
from pathlib import Path

from newsevents.extract.cameo import codebook_examples, plover_for
from newsevents.extract.event_actors import EventActors
from newsevents.extract.events import Coded, code_sentence, extract_events
from newsevents.nlp import load_pipeline, make_docs
from newsevents.records import Article, Event

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                "ASSAULT")
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
#: country codes the PLOVER gold writes off the CAMEO/ISO list (6 actors: Japan, Italy, Vietnam);
#: compared as the codes they mean.
GOLD_CODE_SLIPS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: ``--errors`` prints every CAMEO-example error (gold -> predicted, pattern, sentence start).
VERBOSE = "--errors" in sys.argv
STAGES = ("newsevents_actors_v1", "newsevents_timex_v1", "newsevents_quotes_v1")


def parse_all(texts: list[str], published: str = "2000-01-01") -> list:
    nlp = load_pipeline(STAGES)
    articles = [Article(f"b{i}", published, "", t) for i, t in enumerate(texts)]
    return list(nlp.pipe(make_docs(nlp, articles)))


def _depth(token) -> int:
    return sum(1 for _ in token.ancestors)


def best_coded(doc) -> Coded | None:
    """The main coded predicate of a one-sentence doc: asserted, highest in the tree, most specific."""
    actors = EventActors(doc, doc._.entities)
    coded = [c for s in doc.sents for c in code_sentence(s, actors)]
    if not coded:
        return None
    return max(coded, key=lambda c: (c.modality == "asserted", -_depth(c.pred.head),
                                     c.coding.strength))


def best_event(doc) -> Event | None:
    events = extract_events(doc, "2000-01-01", doc._.entities, doc._.timexes, doc._.quotes, [],
                            require_target=False)
    if not events:
        return None
    return max(events, key=lambda e: (e.confidence, e.modality == "asserted", e.target is not None))


def bench_cameo_examples() -> None:
    examples = codebook_examples()
    docs = parse_all([s for _, s in examples])
    root_ok = exact_ok = 0
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    per_root: collections.Counter[str] = collections.Counter()
    errors = []
    for (gold, sentence), doc in zip(examples, docs):
        best = best_coded(doc)
        code = best.coding.code if best else "---"
        root_ok += code[:2] == gold[:2]
        exact_ok += code == gold
        per_root[gold[:2]] += 1
        if code[:2] != gold[:2]:
            confusion[(gold[:2], code[:2])] += 1
            errors.append(f"  {gold} -> {code} {best.coding.pattern if best else ''} | "
                          f"{sentence[:90]}")
    n = len(examples)
    print(f"[cameo-examples] n={n} root_acc={root_ok / n:.3f} exact_acc={exact_ok / n:.3f}")
    print("  top root confusions (gold->pred):",
          ", ".join(f"{g}->{p} x{k}" for (g, p), k in confusion.most_common(10)))
    wrong = collections.Counter(g for g, _ in confusion.elements())
    print("  root accuracy per gold root:", " ".join(
        f"{r}:{per_root[r] - wrong[r]}/{per_root[r]}" for r in sorted(per_root)))
    if VERBOSE:
        print("\n".join(errors))


def _gold_list(value) -> list[dict]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _country(actor) -> str | None:
    if actor is None:
        return None
    if actor.country:
        return actor.country
    return "IGO" if actor.org else actor.code


def _f1_of(label: str, gold: list[str], pred: list[str]) -> float:
    tp = sum(1 for g, p in zip(gold, pred) if g == p == label)
    fp = sum(1 for g, p in zip(gold, pred) if p == label and g != label)
    fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _f1(gold: list[str], pred: list[str]) -> float:
    return sum(_f1_of(label, gold, pred) for label in PLOVER_TYPES) / len(PLOVER_TYPES)


def bench_plover() -> None:
    records = json.loads((SHARED / "data/plover/PLOVER_GSR_CAMEO.json").read_text())[1:]
    docs = parse_all([r["text"] for r in records])
    gold_types, pred_types = [], []
    tallies: collections.Counter[str] = collections.Counter()
    for record, doc in zip(records, docs):
        gold_types.append(OLD_NAMES.get(record["event"], record["event"]))
        event = best_event(doc)
        plover = plover_for(event.cameo) if event else None
        pred_types.append(plover.event if plover else "NONE")
        for role, gold_key in (("actor", "source"), ("recipient", "target")):
            golds = _gold_list(record.get(gold_key))
            if not golds:
                continue
            mention = (event.source if role == "actor" else event.target) if event else None
            actor = mention.actor if mention else None
            tallies[f"{role}_n"] += 1
            tallies[f"{role}_country"] += any(
                _country(actor) == GOLD_CODE_SLIPS.get(g["code"], g["code"]) for g in golds)
            sectors = [g["sector"] for g in golds if g.get("sector")]
            if sectors:
                tallies[f"{role}_sector_n"] += 1
                tallies[f"{role}_sector"] += bool(actor and actor.sector in sectors)
    acc = sum(g == p for g, p in zip(gold_types, pred_types)) / len(records)
    confusion = collections.Counter((g, p) for g, p in zip(gold_types, pred_types) if g != p)
    print(f"[plover-gsr] n={len(records)} event_macro_f1={_f1(gold_types, pred_types):.3f} "
          f"event_acc={acc:.3f} no_event={pred_types.count('NONE')}")
    print("  per-type F1:", " ".join(f"{t}:{_f1_of(t, gold_types, pred_types):.2f}"
                                      for t in PLOVER_TYPES))
    print("  top confusions (gold->pred):",
          ", ".join(f"{g}->{p} x{k}" for (g, p), k in confusion.most_common(8)))
    for role in ("actor", "recipient"):
        n, ns = tallies[f"{role}_n"], tallies[f"{role}_sector_n"]
        print(f"  {role}: country_acc={tallies[f'{role}_country'] / n:.3f} (n={n}) "
              f"sector_acc={tallies[f'{role}_sector'] / max(ns, 1):.3f} (n={ns})")


def _codes(actor) -> set[str]:
    if actor is None:
        return set()
    return {c for c in (actor.code, actor.org, actor.country) if c}


def bench_seed() -> None:
    gold = json.loads((SHARED / "examples/seed.gold.json").read_text())
    lines = (SHARED / "seed/000_d06ffc9ac9d1c36e.txt").read_text().split("\n")
    nlp = load_pipeline(STAGES)
    (doc,) = make_docs(nlp, [Article("seed-000", gold["published"], lines[1],
                                     "\n".join(lines[2:]))])
    doc = nlp(doc)
    events = [e for e in extract_events(doc, gold["published"], doc._.entities, doc._.timexes,
                                        doc._.quotes, []) if e.modality == "asserted"]
    unmatched = list(gold["events"])
    tp = dated = 0
    for event in events:
        for g in unmatched:
            if (g["cameo"][:2] == event.root and g["source"]["code"] in _codes(event.source.actor)
                    and event.target is not None
                    and g["target"]["code"] in _codes(event.target.actor)):
                unmatched.remove(g)
                tp += 1
                dated += g["date"] == event.date
                break
    p, r = tp / max(len(events), 1), tp / len(gold["events"])
    f1 = 2 * p * r / (p + r) if tp else 0.0
    print(f"[seed] gold={len(gold['events'])} predicted={len(events)} matched={tp} "
          f"P={p:.3f} R={r:.3f} F1={f1:.3f} date_acc_of_matched={dated / max(tp, 1):.3f}")
    for g in unmatched:
        print("  missed:", g["cameo"], g["source"]["code"], g["target"]["code"], g["evidence"][:60])


PRECISION_SAMPLE = Path(__file__).resolve().parent / "data" / "events_precision_sample.tsv"


def _read_sample() -> list[dict[str, str]]:
    with PRECISION_SAMPLE.open(encoding="utf-8") as handle:
        return list(csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t"))


def _recoded_ids(store_path: str, article_ids: set[str]) -> set[str]:
    from newsevents.store import Store

    with Store(store_path, read_only=True) as store:
        records = [store.get_article(a) for a in sorted(article_ids)]
    nlp = load_pipeline(STAGES)
    articles = [r.article for r in records if r is not None]
    ids = set()
    for doc in nlp.pipe(make_docs(nlp, articles)):
        ids |= {e.id for e in extract_events(doc, doc.user_data["published"], doc._.entities,
                                              doc._.timexes, doc._.quotes, [])
                if e.modality == "asserted"}
    return ids


def bench_precision(store_path: str | None) -> None:
    rows = _read_sample()
    verdicts = collections.Counter(r["verdict"] for r in rows)
    reasons = collections.Counter(r["reason"] for r in rows if r["verdict"] != "correct")
    n = len(rows)
    print(f"[precision-sample] n={n} articles={len({r['article_id'] for r in rows})} "
          f"correct={verdicts['correct'] / n:.3f} spurious_rate={verdicts['spurious'] / n:.3f} "
          f"miscoded={verdicts['miscoded'] / n:.3f}")
    print("  reasons (not correct):", ", ".join(f"{k} x{v}" for k, v in reasons.most_common()))
    if store_path:
        labelled = {r["event_id"] for r in rows}
        now = _recoded_ids(store_path, {r["article_id"] for r in rows})
        print(f"  drift vs {store_path} (sample articles only; articles without events are not "
              f"re-coded): labelled and still emitted {len(labelled & now)}, no longer emitted "
              f"{len(labelled - now)}, new unlabelled {len(now - labelled)}")


def main() -> None:
    started = time.perf_counter()
    args = sys.argv[1:]
    store_path = args[args.index("--store") + 1] if "--store" in args else None
    args = [a for a in args if a != store_path]
    sets = [a for a in args if not a.startswith("--")] or ["cameo", "plover", "seed", "precision"]
    if "cameo" in sets:
        bench_cameo_examples()
    if "plover" in sets:
        bench_plover()
    if "seed" in sets:
        bench_seed()
    if "precision" in sets:
        bench_precision(store_path)
    print(f"(took {time.perf_counter() - started:.1f}s)")


if __name__ == "__main__":
    main()
