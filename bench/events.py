"""Event-coding benchmarks: CAMEO manual examples, PLOVER gold records, the seed article.

Run: ``.venv/bin/python bench/events.py [cameo|plover|seed|precision|petrarch|realnews ...]
[--errors] [--store PATH] [--split dev|test|all]`` (reads ../shared;
prints numbers per set, per-root / per-type results and the top confusions; ``--errors`` lists
every CAMEO-example error).

1. CAMEO manual examples (277, ``cameo_codes_goldstein.csv`` column ``example``): the best
   coded predicate of each sentence vs the gold code: root accuracy and exact-code accuracy.
2. PLOVER gold records (322, ``PLOVER_GSR_CAMEO.json``; old names mapped DEMAND->REQUEST,
   DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT): event-type macro-F1 over the 16 types, and
   actor/recipient country and sector accuracy of the best event (the gold's slips JAP, ITL and
   VTN are read as JPN, ITA and VNM).
0. ``realnews``: the real-news set (``bench/data/realnews``, 276 real articles annotated
   completely): article-level P/R/F1 on CAMEO root + source and target country/organisation,
   spurious rate, and the loss class of every miss (``bench/realnews_run.py``). Not run by
   default; ``--split test`` only to report.
3. The seed article vs ``examples/seed.gold.json``: asserted events matched as in the
   real-news set (root + source and target country/organisation, one-to-one); P, R, F1.
4. The hand-checked precision sample ``bench/data/events_precision_sample.tsv`` (asserted events
   coded from Reuters-21578, one verdict each: correct / spurious / miscoded): spurious and
   error rates at labelling time. With ``--store PATH`` (a store holding those Reuters articles,
   opened read-only) the sample's 1,300 articles (the first by md5(id)) are re-coded NOW: the
   labelled events still emitted are scored with their labels (rates over what is emitted now,
   also restricted to articles with a government/organisation source), and the new, unlabelled
   events are listed for labelling (append them to the TSV with their round).
"""

from __future__ import annotations

import collections
import csv
import json
import sys
import time
from pathlib import Path

from newsevents.extract.actors.graph import ActorGraph
from newsevents.extract.components import load_pipeline
from newsevents.extract.events.cameo import codebook_examples, plover_for
from newsevents.extract.events.extract import extract_events
from newsevents.extract.events.sentence import Coded, code_sentence
from newsevents.nlp import make_docs
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
#: ``--errors`` prints every CAMEO-example error (gold -> predicted, pattern, sentence start)
#: and every PLOVER miss with the coded predicates of its text (code, modality, missing source).
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
    actors = ActorGraph(doc, doc._.entities)
    coded = [c for s in doc.sents for c in code_sentence(s, actors)]
    if not coded:
        return None
    return max(coded, key=lambda c: (c.modality == "asserted", -_depth(c.pred.head),
                                     c.coding.strength))


def _event_depth(doc, event: Event) -> int:
    span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    return _depth(span.root) if span is not None else 0


def best_event(doc) -> Event | None:
    """The event a PLOVER coder would report: one with a PLOVER type (statements and appeals
    have none), asserted, highest in the tree (the main clause), most confident, with a target."""
    events = extract_events(doc, "2000-01-01", doc._.entities, doc._.timexes, doc._.quotes, [],
                            require_target=False)
    if not events:
        return None
    return max(events, key=lambda e: (plover_for(e.cameo) is not None,
                                      e.modality == "asserted", -_event_depth(doc, e),
                                      e.confidence, e.target is not None))


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
    if actor.code.startswith("IMG"):  # international militant groups keep their own kind
        return "IMG"
    return "IGO" if actor.org else actor.code


def _f1_of(label: str, gold: list[str], pred: list[str]) -> float:
    tp = sum(1 for g, p in zip(gold, pred) if g == p == label)
    fp = sum(1 for g, p in zip(gold, pred) if p == label and g != label)
    fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _f1(gold: list[str], pred: list[str]) -> float:
    return sum(_f1_of(label, gold, pred) for label in PLOVER_TYPES) / len(PLOVER_TYPES)


def _plover_error(record: dict, doc, gold: str, pred: str) -> str:
    """One ``--errors`` line for a PLOVER miss: why nothing, or what was coded instead.

    Lists every coded predicate of the text (code, modality, pattern) and whether it found a
    source actor, so "no event" is told apart: no predicate / not asserted / no actor.
    """
    actors = ActorGraph(doc, doc._.entities)
    parts = []
    for sent in doc.sents:
        for c in code_sentence(sent, actors):
            heads = list(c.pred.subjects)
            src = any(actors.agent(h) is not None for h in heads) if heads else False
            why = "" if src else f"/nosrc({'+'.join(h.text for h in heads) or '-'})"
            parts.append(f"{c.pred.head.text}={c.coding.code}/{c.modality[:3]}{why}"
                         f"[{c.coding.pattern.split(':')[-1][:24]}]")
    return (f"  {gold} -> {pred} | {record['text'][:100]}\n"
            f"      coded: {'; '.join(parts) or 'nothing'}")


def bench_plover() -> None:
    records = json.loads((SHARED / "data/plover/PLOVER_GSR_CAMEO.json").read_text())[1:]
    docs = parse_all([r["text"] for r in records])
    gold_types, pred_types = [], []
    tallies: collections.Counter[str] = collections.Counter()
    actor_errors: list[str] = []
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
            hit = any(_country(actor) == GOLD_CODE_SLIPS.get(g["code"], g["code"]) for g in golds)
            tallies[f"{role}_country"] += hit
            if not hit:
                actor_errors.append(_actor_error(role, golds, event, mention, record["text"]))
            sectors = [g["sector"] for g in golds if g.get("sector")]
            if sectors:
                tallies[f"{role}_sector_n"] += 1
                tallies[f"{role}_sector"] += bool(actor and actor.sector in sectors)
    if VERBOSE:
        for record, doc, gold, pred in zip(records, docs, gold_types, pred_types):
            if gold != pred:
                print(_plover_error(record, doc, gold, pred))
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
    if VERBOSE:
        print("  actor/recipient country errors (role gold -> predicted 'mention' cameo | text):")
        print("\n".join(sorted(actor_errors)))


def _actor_error(role: str, golds: list[dict], event: Event | None, mention, text: str) -> str:
    """One line of the ``--errors`` listing for a wrong actor or recipient country."""
    gold = "+".join(f"{g['code']}({g.get('actorText', '')})" for g in golds)
    if event is None:
        return f"  {role:9} {gold} -> NO-EVENT | {text[:110]}"
    got = f"{_country(mention.actor)} '{mention.text[:30]}'" if mention else "-"
    return f"  {role:9} {gold} -> {got} {event.cameo} | {text[:110]}"


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
    events = extract_events(doc, gold["published"], doc._.entities, doc._.timexes, doc._.quotes, [])
    from realnews_score import EventScore, gold_items, system_items

    score = EventScore()
    score.add("seed-000", gold_items(gold, doc.text), system_items(events))
    print(score.line("seed").replace("dates=", "date_acc_of_matched="))
    for _, g in score.missed:
        print("  missed:", g.cameo, g.source, g.target, g.ref["evidence"][:60])
    for _, p, kind in score.wrong:
        print(f"  {kind}:", p.cameo, p.source, p.target, p.ref.evidence.text[:60])


PRECISION_SAMPLE = Path(__file__).resolve().parent / "data" / "events_precision_sample.tsv"


def _read_sample() -> list[dict[str, str]]:
    with PRECISION_SAMPLE.open(encoding="utf-8") as handle:
        return list(csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t"))


#: the precision sample's articles: the first SAMPLE_SIZE of the store ordered by md5(id).
SAMPLE_SIZE = 1300
#: source sectors that make an article political wire news (with any organisation source).
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY", "OPP", "REB",
                               "ELI", "UAF", "IGO"})


def _recoded(store_path: str) -> list[tuple[str, Event]]:
    """(article id, asserted event) for every event the stage emits now on the sample articles."""
    import duckdb

    from newsevents.store.database import Store

    with duckdb.connect(store_path, read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY md5(id) LIMIT ?",
                                         [SAMPLE_SIZE]).fetchall()]
    with Store(store_path, read_only=True) as store:
        articles = [r.article for a in ids if (r := store.get_article(a)) is not None]
    nlp = load_pipeline(STAGES)
    found = []
    for article, doc in zip(articles, nlp.pipe(make_docs(nlp, articles))):
        found.extend((article.id, e) for e in extract_events(
            doc, doc.user_data["published"], doc._.entities, doc._.timexes, doc._.quotes, [])
            if e.modality == "asserted")
    return found


def _political_source(event: Event) -> bool:
    """Whether an event's source is a government or an organisation (not a bare country)."""
    actor = event.source.actor
    return bool(actor and (actor.org or actor.sector in POLITICAL_SECTORS))


def _rates(label: str, verdicts: list[str]) -> None:
    n = max(len(verdicts), 1)
    count = collections.Counter(verdicts)
    print(f"  {label}: n={len(verdicts)} correct={count['correct'] / n:.3f} "
          f"spurious_rate={count['spurious'] / n:.3f} miscoded={count['miscoded'] / n:.3f}")


def _remeasure(rows: list[dict[str, str]], store_path: str) -> None:
    """Re-code the sample now: score the labelled events still emitted, list the new ones."""
    labels = {r["event_id"]: r for r in rows}
    now = _recoded(store_path)
    emitted = {e.id for _, e in now}
    scored = [(a, e, labels[e.id]) for a, e in now if e.id in labels]
    new = [(a, e) for a, e in now if e.id not in labels]
    print(f"  re-coded {SAMPLE_SIZE} sample articles from {store_path}: emitted {len(now)}, "
          f"labelled {len(scored)}, new unlabelled {len(new)}, labelled but no longer emitted "
          f"{len(set(labels) - emitted)}")
    gone = collections.Counter(r["verdict"] for i, r in labels.items() if i not in emitted)
    print("  labelled but no longer emitted, by verdict:",
          ", ".join(f"{k} x{v}" for k, v in gone.most_common()))
    _rates("now (labelled events emitted now)", [r["verdict"] for _, _, r in scored])
    political = {a for a, e in now if _political_source(e)}
    _rates(f"now, political articles only ({len(political)} with a government/organisation "
           "source)", [r["verdict"] for a, _, r in scored if a in political])
    reasons = collections.Counter(r["reason"] for _, _, r in scored if r["verdict"] != "correct")
    print("  reasons now (not correct):", ", ".join(f"{k} x{v}" for k, v in reasons.most_common()))
    if new:
        print("  new unlabelled events (label them in bench/data/events_precision_sample.tsv):")
    for article_id, event in new:
        target = event.target.actor.code if event.target and event.target.actor else "-"
        print(f"    {event.id}\t{article_id}\t{event.cameo} {event.source.actor.code}"
              f"({event.source.text[:25]}) -> {target}"
              f"({event.target.text[:25] if event.target else ''}) | "
              f"{event.evidence.text[:150]!r}")
    if VERBOSE:
        print("  labelled events emitted now, not correct:")
        for article_id, event, row in scored:
            if row["verdict"] != "correct":
                print(f"    {row['verdict']}/{row['reason']} {article_id} {event.cameo} "
                      f"{event.source.actor.code}->"
                      f"{event.target.actor.code if event.target else '-'} | "
                      f"{event.evidence.text[:120]!r}")


def bench_precision(store_path: str | None) -> None:
    """The hand-labelled sample: rates at labelling time, and with ``--store`` re-measured now."""
    rows = _read_sample()
    print(f"[precision-sample] labelled={len(rows)} "
          f"articles={len({r['article_id'] for r in rows})}")
    _rates("at labelling time (all labels)", [r["verdict"] for r in rows])
    if store_path:
        _remeasure(rows, store_path)


def bench_petrarch() -> None:
    """PETRARCH unit-test records with the PETR.Validate dictionaries swapped in (see
    ``bench/petrarch_units.py``): exact, lenient (root) and any-modality pass rates, per category;
    ``--errors`` lists the failing records."""
    import petrarch_units

    outcomes = petrarch_units.run_records(petrarch_units.read_records())
    table = petrarch_units.summary(outcomes)
    n, exact, lenient, anymod = table.pop("ALL")
    print(f"[petrarch-units] records={n} pass={exact / n:.3f} ({exact}) "
          f"lenient_root={lenient / n:.3f} ({lenient}) any_modality={anymod / n:.3f} ({anymod})")
    for category, (m, e, le, a) in sorted(table.items()):
        print(f"  {category:10} n={m:3} pass={e / m:.3f} lenient={le / m:.3f} any_modality={a / m:.3f}")
    if VERBOSE:
        for o in outcomes:
            if not o.passed:
                print(f"  {o.record.id}: expected {sorted(o.record.expected)} got {sorted(o.got)}"
                      f"{'' if o.got_all == o.got else f' (all modalities {sorted(o.got_all)})'}"
                      f" | {o.record.text[:90]}")


def main() -> None:
    started = time.perf_counter()
    args = sys.argv[1:]
    store_path = args[args.index("--store") + 1] if "--store" in args else None
    values = {store_path, *(args[i + 1] for i, a in enumerate(args[:-1]) if a in ("--split", "--gold"))}
    args = [a for a in args if a not in values]
    sets = [a for a in args if not a.startswith("--")] or ["cameo", "plover", "seed", "precision",
                                                               "petrarch"]
    if "cameo" in sets:
        bench_cameo_examples()
    if "plover" in sets:
        bench_plover()
    if "seed" in sets:
        bench_seed()
    if "precision" in sets:
        bench_precision(store_path)
    if "petrarch" in sets:
        bench_petrarch()
    if "realnews" in sets:
        import realnews_run

        realnews_run.run("events")
    print(f"(took {time.perf_counter() - started:.1f}s)")


if __name__ == "__main__":
    main()
