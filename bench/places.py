"""Place benchmark: MEANTIME LOCATION mentions -> country, and the seed article.

Usage::

    .venv/bin/python bench/places.py [--verbose]

MEANTIME (../shared/data/meantime-en, CC BY 4.0): each document's text is rebuilt from its
tokens (spaces between tokens, a newline between sentences). Gold mentions are the
ENTITY_MENTIONs that REFERS_TO an ENTITY of type LOC whose corpus instance has one country in
bench/data/meantime_loc_country.tsv (hand-labelled from the instance name and DBpedia link;
continents, oceans and groups of countries are left out). A predicted Place matches a gold
mention when their character spans overlap.

* coverage: gold mentions with an overlapping Place / all gold mentions with a country;
* country accuracy: matched Places whose ISO3 equals the gold country / matched Places.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MEANTIME = SHARED / "data" / "meantime-en" / "intra_cross-doc_annotation"
COUNTRIES = REPO / "bench" / "data" / "meantime_loc_country.tsv"
SEED = SHARED / "seed" / "000_d06ffc9ac9d1c36e.txt"
COMPONENTS = ("newsevents_actors_v1", "newsevents_places_v1")


def load_countries() -> dict[str, str]:
    """MEANTIME LOC instance id -> ISO3 (only instances with one country)."""
    table = {}
    for line in COUNTRIES.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            instance, country, _ = line.split("\t")
            if country != "-":
                table[instance] = country
    return table


def read_document(path: Path, countries: dict[str, str]) -> tuple[str, str, list[tuple[int, int, str, str]]]:
    """Text, creation date and gold (start, end, text, country) LOC mentions of one file."""
    root = ET.parse(path).getroot()
    pieces, offsets, sentence = [], {}, None
    at = 0
    for token in root.iter("token"):
        if sentence is not None:
            sep = "\n" if token.get("sentence") != sentence else " "
            pieces.append(sep)
            at += 1
        sentence = token.get("sentence")
        word = token.text or ""
        offsets[token.get("t_id")] = (at, at + len(word))
        pieces.append(word)
        at += len(word)
    text = "".join(pieces)
    markables = root.find("Markables")
    mentions = {
        m.get("m_id"): [a.get("t_id") for a in m.findall("token_anchor")]
        for m in markables.findall("ENTITY_MENTION")
    }
    locs = {
        e.get("m_id"): countries.get(e.get("instance_id") or "")
        for e in markables.findall("ENTITY")
        if e.get("ent_type") == "LOC"
    }
    gold = []
    for rel in root.find("Relations").findall("REFERS_TO"):
        country = locs.get(rel.find("target").get("m_id"))
        if not country:
            continue
        for source in rel.findall("source"):
            anchors = mentions.get(source.get("m_id"))
            if anchors:
                start, end = offsets[anchors[0]][0], offsets[anchors[-1]][1]
                gold.append((start, end, text[start:end], country))
    return text, _creation_date(markables), gold


def _creation_date(markables) -> str:
    for timex in markables.findall("TIMEX3"):
        value = timex.get("value") or ""
        if timex.get("functionInDocument") == "CREATION_TIME" and len(value) == 10 and value[4] == "-":
            return value
    return "2008-01-01"


def parse(nlp, text: str, published: str):
    """Run the actors+places pipeline on one text."""
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    (doc,) = make_docs(nlp, [Article("bench", published, "", text)])
    return nlp(doc)


def bench_meantime(nlp, verbose: bool) -> dict[str, float]:
    """Coverage and country accuracy over MEANTIME LOC mentions with a gold country."""
    countries = load_countries()
    gold_n = matched = correct = 0
    errors: Counter[str] = Counter()
    for path in sorted(MEANTIME.glob("*/*.xml")):
        text, published, gold = read_document(path, countries)
        places = parse(nlp, text, published)._.places
        for start, end, words, country in gold:
            gold_n += 1
            hits = [p for p in places if p.start < end and start < p.end]
            if not hits:
                errors[f"missed {words!r}"] += 1
                continue
            matched += 1
            if hits[0].country == country:
                correct += 1
            else:
                errors[f"{words!r} -> {hits[0].name}/{hits[0].country}, gold {country}"] += 1
    if verbose:
        for error, n in errors.most_common(40):
            print(f"  {n:3} {error}")
    return {
        "gold_mentions": gold_n,
        "matched": matched,
        "coverage": round(100 * matched / gold_n, 1) if gold_n else 0.0,
        "country_accuracy": round(100 * correct / matched, 1) if matched else 0.0,
    }


def bench_seed(nlp) -> dict[str, object]:
    """The seed article: the places found, and whether Kiev stayed an actor."""
    text = SEED.read_text("utf-8").split("\n", 2)[2]
    places = parse(nlp, text, "2025-07-22")._.places
    return {
        "places": sorted(Counter(f"{p.text}->{p.country}" for p in places).items()),
        "kiev_as_place": any(p.text.startswith("Kiev") for p in places),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the MEANTIME and seed numbers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print the commonest errors")
    args = parser.parse_args(argv)
    from newsevents.extract.components import load_pipeline

    nlp = load_pipeline(COMPONENTS)
    started = time.perf_counter()
    print(f"meantime : {bench_meantime(nlp, args.verbose)}")
    print(f"seed     : {bench_seed(nlp)}")
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
