"""Benchmark the timex stage: TempEval-3 scores on MEANTIME and the hand-made table, and speed.

Scoring follows TempEval-3 Task A on character offsets: a gold and a system timex match
(relaxed) when they overlap, one-to-one; strict when the extents are identical. P/R/F1 are
micro-averaged; type and value accuracy are taken over relaxed matches and type/value F1 =
accuracy x relaxed F1. The document creation time (MEANTIME's CREATION_TIME timex and its
dateline sentence) is not scored.

    .venv/bin/python bench/timex.py                 # MEANTIME + table, error list
    .venv/bin/python bench/timex.py --reuters 300   # + time per article vs the bare model
"""

from __future__ import annotations

import argparse
import csv
import glob
import html
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsevents.extract.components import load_pipeline
from newsevents.extract.timex.extract import extract_timexes
from newsevents.nlp import make_docs
from newsevents.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "%", "'", "''", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$", "``", "#"}


@dataclass(frozen=True)
class Gold:
    """A gold TIMEX3: extent, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Doc:
    """One evaluation document: text, publication date and gold timexes."""

    id: str
    text: str
    published: str
    gold: list[Gold]
    scored_until: int | None = None  # system timexes past this offset are not scored


def load_meantime(root: Path) -> list[Doc]:
    """MEANTIME English CAT XML: tokens detokenised into text, TIMEX3s mapped to offsets."""
    return [d for f in sorted(glob.glob(str(root / "intra-doc_annotation" / "*" / "*.xml")))
            if (d := _meantime_doc(Path(f))) is not None]


def _meantime_doc(path: Path) -> Doc | None:
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), int(t.get("sentence", 0)), t.text or "") for t in root.iter("token")]
    timexes = [(tx, [a.get("t_id") for a in tx.iter("token_anchor")]) for tx in root.iter("TIMEX3")]
    dct = next((tx for tx, _ in timexes if tx.get("functionInDocument") == "CREATION_TIME"), None)
    dct_sent = None
    if dct is None:  # some files lack the flag: take the dateline (sentence 1) date
        dct = next((tx for tx, ids in timexes if ids and re.fullmatch(r"\d{4}-\d\d-\d\d", tx.get("value", ""))
                    and _sentence_of(tokens, ids[0]) == 1), None)
    if dct is None:
        return None
    published = _iso(dct.get("value", ""))
    dct_ids = [a.get("t_id") for a in dct.iter("token_anchor")]
    if dct_ids:
        dct_sent = _sentence_of(tokens, dct_ids[0])
    text, offsets = _detokenise([t for t in tokens if t[1] != dct_sent])
    gold = []
    for tx, ids in timexes:
        if tx is dct or not ids or any(i not in offsets for i in ids):
            continue
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        gold.append(Gold(start, end, text[start:end], tx.get("type", ""), tx.get("value", "")))
    # MEANTIME annotates the title, the dateline and the first sentences only: score that part.
    sent_of = {t_id: sent for t_id, sent, _ in tokens}
    last = max(sent_of[a.get("t_id")] for a in root.iter("token_anchor"))
    until = max(end for t_id, (_, end) in offsets.items() if sent_of[t_id] <= last)
    return Doc(path.stem, text, published, gold, until)


def _iso(value: str) -> str:
    """The DCT as an ISO date (one file writes "03-02-2009", month first)."""
    if re.fullmatch(r"\d\d-\d\d-\d{4}", value[:10]):
        return f"{value[6:10]}-{value[:2]}-{value[3:5]}"
    return value[:10]


def _sentence_of(tokens: list[tuple[str | None, int, str]], t_id: str | None) -> int:
    return next(s for i, s, _ in tokens if i == t_id)


def _detokenise(tokens: list[tuple[str | None, int, str]]) -> tuple[str, dict[str | None, tuple[int, int]]]:
    parts: list[str] = []
    offsets: dict[str | None, tuple[int, int]] = {}
    pos, last_sent, last_tok = 0, None, None
    for t_id, sent, word in tokens:
        if parts:
            sep = "\n" if sent != last_sent else (
                "" if word in NO_SPACE_BEFORE or last_tok in NO_SPACE_AFTER else " ")
            parts.append(sep)
            pos += len(sep)
        offsets[t_id] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        last_sent, last_tok = sent, word
    return "".join(parts), offsets


def load_cases(path: Path) -> list[Doc]:
    """The hand-made table: rows sharing a sentence and date form one document."""
    grouped: dict[tuple[str, str], list[Gold]] = {}
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            sentence, expr = row["sentence"], row["expression"]
            start = sentence.find(expr)
            if start < 0:
                raise ValueError(f"{path}:{n}: expression {expr!r} is not in the sentence")
            golds = grouped.setdefault((row["published"], sentence), [])
            golds.append(Gold(start, start + len(expr), expr, row["type"], row["value"]))
    return [Doc(f"case{i}", s, p, g) for i, ((p, s), g) in enumerate(grouped.items())]


def run_system(nlp, docs: list[Doc]) -> list[list]:
    """Parse each document with the bare model and run the timex stage."""
    articles = [Article(d.id, d.published, "", d.text) for d in docs]
    parsed = nlp.pipe(make_docs(nlp, articles), batch_size=32)
    return [extract_timexes(doc, art.published) for doc, art in zip(parsed, articles)]


def score(docs: list[Doc], systems: list[list]) -> tuple[dict[str, float], list[tuple[str, str, str]]]:
    """TempEval-3 scores and the error list [(class, kind, description)]."""
    n_gold = sum(len(d.gold) for d in docs)
    n_sys = sum(len([t for t in s if d.scored_until is None or t.start < d.scored_until])
                for d, s in zip(docs, systems))
    relaxed = strict = typ = val = 0
    errors: list[tuple[str, str, str]] = []
    for doc, sys in zip(docs, systems):
        if doc.scored_until is not None:
            sys = [s for s in sys if s.start < doc.scored_until]
        pairs, unmatched_sys = _match(doc.gold, sys)
        for g, s in pairs:
            relaxed += 1
            strict += (g.start, g.end) == (s.start, s.end)
            typ += g.type == s.type
            val += g.value == s.value
            if g.value != s.value or g.type != s.type:
                errors.append((value_class(g), "wrong", f"{doc.id} [{g.text}] {g.type} {g.value} -> [{s.text}] {s.type} {s.value} (DCT {doc.published})"))
        matched_gold = {id(g) for g, _ in pairs}
        for g in doc.gold:
            if id(g) not in matched_gold:
                errors.append((value_class(g), "missed", f"{doc.id} [{g.text}] {g.type} {g.value} ...{_context(doc.text, g.start, g.end)}..."))
        for s in unmatched_sys:
            errors.append((value_class(s), "spurious", f"{doc.id} [{s.text}] {s.type} {s.value} ...{_context(doc.text, s.start, s.end)}..."))
    p = relaxed / n_sys if n_sys else 0.0
    r = relaxed / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    sp, sr = (strict / n_sys if n_sys else 0.0), (strict / n_gold if n_gold else 0.0)
    sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
    acc_t = typ / relaxed if relaxed else 0.0
    acc_v = val / relaxed if relaxed else 0.0
    return {"gold": n_gold, "system": n_sys, "relaxed_P": p, "relaxed_R": r, "relaxed_F1": f,
            "strict_P": sp, "strict_R": sr, "strict_F1": sf, "type_acc": acc_t,
            "type_F1": acc_t * f, "value_acc": acc_v, "value_F1": acc_v * f}, errors


def _match(gold: list[Gold], sys: list) -> tuple[list[tuple[Gold, object]], list]:
    pairs, used = [], set()
    for g in gold:
        best, best_overlap = None, 0
        for k, s in enumerate(sys):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if k not in used and overlap > best_overlap:
                best, best_overlap = k, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, sys[best]))
    return pairs, [s for k, s in enumerate(sys) if k not in used]


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 40) : end + 40].replace("\n", " ")


def value_class(t: object) -> str:
    """A coarse class of a timex for the error table (by its gold or system value)."""
    value, ttype = getattr(t, "value"), getattr(t, "type")
    if ttype in ("DURATION", "SET", "TIME"):
        return ttype.lower()
    if value.endswith("_REF"):
        return "ref"
    for name, rx in (("day", r"\d{4}-\d\d-\d\d"), ("week", r"\d{4}-W\d\d.*"), ("month", r"\d{4}-\d\d"),
                     ("year", r"\d{4}"), ("part-of-year", r"\d{4}-(?:Q|H|SU|SP|FA|WI).*"),
                     ("decade/century", r"\d{2,3}")):
        if re.fullmatch(rx, value):
            return name
    return "other"


def report(name: str, docs: list[Doc], systems: list[list], show: int) -> None:
    """Print the scores, the per-class error counts and the first ``show`` errors of each."""
    scores, errors = score(docs, systems)
    print(f"\n== {name}: {len(docs)} documents, {scores['gold']} gold, {scores['system']} system timexes")
    for key in ("relaxed_P", "relaxed_R", "relaxed_F1", "strict_P", "strict_R", "strict_F1",
                "type_acc", "type_F1", "value_acc", "value_F1"):
        print(f"  {key:11s} {100 * scores[key]:6.2f}")
    counts = Counter((c, k) for c, k, _ in errors)
    print("  errors by class (missed / spurious / wrong):")
    for cls in sorted({c for c, _ in counts}):
        print(f"    {cls:15s} {counts[(cls, 'missed')]:4d} {counts[(cls, 'spurious')]:4d} {counts[(cls, 'wrong')]:4d}")
    for kind in ("wrong", "missed", "spurious"):
        listed = [e for e in errors if e[1] == kind][:show]
        for cls, _, desc in listed:
            print(f"    {kind:8s} {cls:13s} {desc}")


def reuters_bodies(n: int) -> list[tuple[str, str]]:
    """The first n Reuters-21578 bodies with their dates (read from ../shared, never copied)."""
    out: list[tuple[str, str]] = []
    months = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
    for path in sorted(glob.glob(str(SHARED / "reuters-21578" / "*.sgm"))):
        raw = Path(path).read_bytes().decode("latin-1")
        for m in re.finditer(r"<DATE>\s*(\d+)-(\w{3})-(\d{4}).*?</DATE>.*?<BODY>(.*?)</BODY>", raw, re.S):
            day, mon, year, body = m.groups()
            out.append((f"{year}-{months[mon.upper()]:02d}-{int(day):02d}", html.unescape(body)))
            if len(out) >= n:
                return out
    return out


def throughput(nlp, n: int) -> None:
    """Time per article of the bare model and of the timex stage on the same parsed Docs."""
    items = reuters_bodies(n)
    articles = [Article(str(i), d, "", t) for i, (d, t) in enumerate(items)]
    list(nlp.pipe(make_docs(nlp, articles[:20])))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(make_docs(nlp, articles), batch_size=64))
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = sum(len(extract_timexes(doc, a.published)) for doc, a in zip(docs, articles))
    stage = time.perf_counter() - t0
    print(f"\n== speed on {len(docs)} Reuters-21578 articles ({found} timexes)")
    print(f"  bare model   {1000 * bare / len(docs):7.2f} ms/article")
    print(f"  timex stage  {1000 * stage / len(docs):7.2f} ms/article  (+{100 * stage / bare:.1f}% of the bare model)")


def main() -> None:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meantime", type=Path, default=SHARED / "meantime-en")
    ap.add_argument("--cases", type=Path, default=REPO / "bench" / "data" / "timex_cases.tsv")
    ap.add_argument("--reuters", type=int, default=0, help="also time N Reuters articles")
    ap.add_argument("--show", type=int, default=15, help="errors to list per kind")
    ap.add_argument("set", nargs="?", choices=["meantime", "realnews"], default="meantime",
                    help="realnews: the real-news set (--split dev|test|all, --errors)")
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("--errors", action="store_true", help="realnews: list every error")
    ap.add_argument("--gold", default=None, help="realnews: a folder of <id>.json gold")
    args = ap.parse_args()
    if args.set == "realnews":
        import realnews_run

        realnews_run.run("timex")
        return
    nlp = load_pipeline(())
    for name, docs in (("MEANTIME English", load_meantime(args.meantime)),
                       ("hand-made political news table", load_cases(args.cases))):
        report(name, docs, run_system(nlp, docs), args.show)
    if args.reuters:
        throughput(nlp, args.reuters)


if __name__ == "__main__":
    main()
