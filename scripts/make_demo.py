#!/usr/bin/env python3
"""Build the bundled demo corpus ``newsevents/data/demo/wikinews-demo.jsonl.gz``.

The demo is about 500 English Wikinews articles from the category "Politics and
conflicts" (2004-2009), taken from the shared corpus
``../shared/data/wikinews/wikinews.en.jsonl.gz`` (see its PROVENANCE.md). The script
uses the standard library only and is deterministic: the same input gives the same
bytes out (for the same zlib build).

Selection rules:

* category "Politics and conflicts", published 2004-2009;
* ``quality.gaps == 0``, no ``quality.markup_remnants`` and no markup found by
  ``MARKUP_RE`` (wiki links, templates, tags, entities, category lines, bullets);
* text between 600 and 5000 characters;
* never an article from ``RESERVED.md`` (kept for independent evaluation) and never
  one from ``bench/data/realnews/articles.tsv`` (an evaluation set); both are
  checked again on the output, and the script fails loudly on any overlap;
* score = 2 x distinct countries named (country or nationality word) + distinct
  conflict/diplomacy words, so that the dashboard's map and dyad views have
  something to show;
* a quota per year proportional to the eligible articles of that year (largest
  remainder), the best-scored taken within each year, ties broken by md5(id).

Outputs (in ``newsevents/data/demo/``):

* ``wikinews-demo.jsonl.gz``: one JSON object per line with exactly ``id``,
  ``published``, ``title``, ``text``, ``url``, ``source`` and ``language``, sorted by
  date then id, gzip with mtime 0 and no file name in the header;
* ``NOTICE.md``: the credit, the licence URL and one line per article.

Usage::

    python3 scripts/make_demo.py [--source-dir DIR] [--out-dir DIR] [--total N]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO.parent / "shared" / "data" / "wikinews"
OUT_DIR = REPO / "newsevents" / "data" / "demo"
REALNEWS_TSV = REPO / "bench" / "data" / "realnews" / "articles.tsv"
CORPUS_NAME = "wikinews.en.jsonl.gz"
DEMO_NAME = "wikinews-demo.jsonl.gz"

CATEGORY = "Politics and conflicts"
YEARS = range(2004, 2010)
MIN_CHARS, MAX_CHARS = 600, 5000
TOTAL = 500
FIELDS = ("id", "published", "title", "text", "url", "source", "language")
RESERVED_COUNT = 40  # RESERVED.md lists forty ids; a different count means the parse broke

CREDIT = "Text: Wikinews contributors, CC BY 2.5 (articles before 2005-09-25: public domain)"
LICENCE_URL = "https://creativecommons.org/licenses/by/2.5/"

# Markup left over from the wikitext conversion: pipes and braces of templates and
# tables, headings, entities, HTML tags and comments, wiki links, interwiki prefixes,
# namespace links, external-link brackets and list bullets.
MARKUP_RE = re.compile(
    r"[|{}]|={2,}|&#?\w+;|</?[A-Za-z!]|-->|\[\[|\]\]|\bw:\w"
    r"|\b(?:Category|Image|File|Template):"
    r"|\[(?:https?://|www\.|[\w-]+\.(?:com|org|net|gov|int|edu)\b)"
    r"|^\s*[*#]",
    re.M,
)

# Country -> words naming it (country name, nationality or demonym), matched
# case-sensitively on word boundaries. A short general list of news-frequent states.
COUNTRIES = {
    "AFG": "Afghanistan|Afghan|Afghans", "AUS": "Australia|Australian|Australians",
    "BRA": "Brazil|Brazilian", "CAN": "Canada|Canadian|Canadians", "CHN": "China|Chinese|Beijing",
    "COD": "Congo|Congolese", "CUB": "Cuba|Cuban", "EGY": "Egypt|Egyptian|Egyptians",
    "ETH": "Ethiopia|Ethiopian", "FRA": "France|French", "DEU": "Germany|German|Germans",
    "GBR": "Britain|British|United Kingdom|UK", "GEO": "Georgia|Georgian",
    "IND": "India|Indian|Indians", "IDN": "Indonesia|Indonesian", "IRN": "Iran|Iranian|Iranians|Tehran",
    "IRQ": "Iraq|Iraqi|Iraqis|Baghdad", "ISR": "Israel|Israeli|Israelis",
    "ITA": "Italy|Italian", "JPN": "Japan|Japanese", "JOR": "Jordan|Jordanian",
    "KEN": "Kenya|Kenyan", "PRK": "North Korea|North Korean|Pyongyang",
    "KOR": "South Korea|South Korean|Seoul", "LBN": "Lebanon|Lebanese",
    "LBY": "Libya|Libyan", "MEX": "Mexico|Mexican", "NPL": "Nepal|Nepalese",
    "NGA": "Nigeria|Nigerian", "PAK": "Pakistan|Pakistani|Pakistanis|Islamabad",
    "PSE": "Palestine|Palestinian|Palestinians|Gaza|West Bank", "PHL": "Philippines|Filipino",
    "POL": "Poland|Polish", "RUS": "Russia|Russian|Russians|Moscow", "SAU": "Saudi Arabia|Saudi",
    "SOM": "Somalia|Somali", "SDN": "Sudan|Sudanese|Darfur", "LKA": "Sri Lanka|Sri Lankan",
    "SYR": "Syria|Syrian|Damascus", "TUR": "Turkey|Turkish", "UKR": "Ukraine|Ukrainian",
    "USA": "United States|U\\.S\\.|American|Americans",
    "VEN": "Venezuela|Venezuelan", "ZWE": "Zimbabwe|Zimbabwean",
}

# Conflict and diplomacy words, each a small regex of its usual forms matched
# case-insensitively on word boundaries; a word counts once per article.
CONFLICT_WORDS = (
    r"wars?", r"attack(?:s|ed|ers?)?", r"bomb(?:s|ed|ings?|ers?)?", r"explosions?",
    r"killed", r"troops", r"soldiers?", r"military", r"army", r"rebels?", r"militants?",
    r"insurgen(?:ts?|cy)", r"militias?", r"fighting", r"clash(?:es|ed)?", r"violence",
    r"cease-?fire", r"invasion", r"occupation", r"missiles?", r"air ?strikes?",
    r"hostages?", r"terroris(?:ts?|m)", r"protest(?:s|ers?)?", r"sanctions",
    r"embass(?:y|ies)", r"ambassadors?", r"diplomat(?:s|ic)?", r"summit", r"treaty",
    r"negotiat(?:e|ed|ions?|ors?)", r"talks", r"peace", r"agreement", r"foreign ministers?",
    r"united nations", r"nato", r"security council", r"refugees?", r"nuclear",
)

COUNTRY_RES = [re.compile(r"(?<!\w)(?:%s)(?!\w)" % words) for words in COUNTRIES.values()]
CONFLICT_RES = [re.compile(r"\b(?:%s)\b" % w, re.I) for w in CONFLICT_WORDS]


def read_reserved(source_dir: Path) -> set[str]:
    """Read the ids kept for independent evaluation.

    Args:
        source_dir: folder holding ``RESERVED.md``.

    Returns:
        The reserved article ids.

    Raises:
        SystemExit: if the file does not list exactly ``RESERVED_COUNT`` ids.
    """
    text = (source_dir / "RESERVED.md").read_text(encoding="utf-8")
    ids = {w for w in text.split() if w.startswith("enwikinews-")}
    if len(ids) != RESERVED_COUNT:
        sys.exit(f"make_demo: expected {RESERVED_COUNT} reserved ids in RESERVED.md, found {len(ids)}")
    return ids


def read_realnews(path: Path) -> set[str]:
    """Read the ids of the real-news evaluation set.

    Args:
        path: ``bench/data/realnews/articles.tsv`` (tab-separated, first column ``id``).

    Returns:
        Every id listed in the file.

    Raises:
        SystemExit: if the file has no ``id`` column or lists no ids.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t")[0] != "id":
        sys.exit(f"make_demo: {path} does not start with an 'id' column")
    ids = {line.split("\t")[0] for line in lines[1:] if line.strip()}
    if not ids:
        sys.exit(f"make_demo: no ids in {path}")
    return ids


def is_clean(text: str, title: str, quality: dict) -> bool:
    """Tell whether an article is free of conversion holes and markup remnants.

    Args:
        text: the article body.
        title: the headline.
        quality: the corpus ``quality`` field (``gaps``, optional ``markup_remnants``).

    Returns:
        True when there are no gaps, no counted remnants and no ``MARKUP_RE`` hit.
    """
    if quality.get("gaps", 1) != 0 or quality.get("markup_remnants", 0):
        return False
    return not (MARKUP_RE.search(text) or MARKUP_RE.search(title))


def is_eligible(rec: dict, excluded: set[str]) -> bool:
    """Apply the selection rules other than the score and the quota.

    Args:
        rec: one corpus record.
        excluded: reserved and evaluation-set ids.

    Returns:
        True when the record may go into the demo.
    """
    if rec["id"] in excluded or CATEGORY not in rec.get("categories", ()):
        return False
    if int(rec["published"][:4]) not in YEARS:
        return False
    if not MIN_CHARS <= len(rec["text"]) <= MAX_CHARS:
        return False
    return is_clean(rec["text"], rec["title"], rec.get("quality", {}))


def score(text: str) -> int:
    """Score an article's international and conflict content.

    Args:
        text: headline and body.

    Returns:
        2 x distinct countries named + distinct conflict/diplomacy words.
    """
    countries = sum(1 for rx in COUNTRY_RES if rx.search(text))
    conflict = sum(1 for rx in CONFLICT_RES if rx.search(text))
    return 2 * countries + conflict


def tie_key(article_id: str) -> str:
    """Return the reproducible tie-breaker of an article: the md5 of its id."""
    return hashlib.md5(article_id.encode("utf-8")).hexdigest()


def load_candidates(corpus: Path, excluded: set[str]) -> list[dict]:
    """Read the corpus and keep the eligible records, trimmed to the output fields.

    Args:
        corpus: the gzipped JSON Lines corpus.
        excluded: ids that must never be taken.

    Returns:
        Eligible records, each with the output fields plus ``_score``.
    """
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if not is_eligible(rec, excluded):
                continue
            row = {k: rec[k] for k in FIELDS}
            row["_score"] = score(rec["title"] + "\n\n" + rec["text"])
            out.append(row)
    return out


def year_quotas(available: Counter, total: int) -> dict[int, int]:
    """Share ``total`` among years in proportion to availability (largest remainder).

    Args:
        available: eligible articles per year.
        total: articles wanted in all.

    Returns:
        Articles to take per year; never more than a year has.
    """
    total = min(total, sum(available.values()))
    grand = sum(available.values())
    exact = {y: total * n / grand for y, n in available.items()}
    quotas = {y: int(q) for y, q in exact.items()}
    # hand out what is left by largest remainder; equal remainders go to the earlier year
    order = sorted(exact, key=lambda y: (-(exact[y] - quotas[y]), y))
    for y in order[: total - sum(quotas.values())]:
        quotas[y] += 1
    return {y: min(q, available[y]) for y, q in sorted(quotas.items())}


def select(candidates: list[dict], total: int) -> list[dict]:
    """Take the best-scored candidates per year, ties broken by md5(id).

    Args:
        candidates: eligible records with ``_score``.
        total: articles wanted in all.

    Returns:
        The chosen records sorted by publication date, then id.
    """
    by_year: dict[int, list[dict]] = {}
    for row in candidates:
        by_year.setdefault(int(row["published"][:4]), []).append(row)
    quotas = year_quotas(Counter({y: len(rows) for y, rows in by_year.items()}), total)
    chosen = []
    for year, quota in quotas.items():
        ranked = sorted(by_year[year], key=lambda r: (-r["_score"], tie_key(r["id"])))
        chosen.extend(ranked[:quota])
    return sorted(chosen, key=lambda r: (r["published"], r["id"]))


def check_no_overlap(ids: list[str], reserved: set[str], realnews: set[str]) -> None:
    """Fail loudly when a chosen id is reserved, from the realnews set, or repeated.

    Args:
        ids: the chosen ids.
        reserved: ids from ``RESERVED.md``.
        realnews: ids from the real-news evaluation set.

    Raises:
        SystemExit: on any reserved id, realnews id or duplicate.
    """
    bad_reserved = sorted(set(ids) & reserved)
    bad_realnews = sorted(set(ids) & realnews)
    if bad_reserved:
        sys.exit(f"make_demo: RESERVED article(s) selected: {bad_reserved}")
    if bad_realnews:
        sys.exit(f"make_demo: realnews evaluation article(s) selected: {bad_realnews}")
    if len(ids) != len(set(ids)):
        sys.exit("make_demo: duplicate ids in the selection")


def write_jsonl_gz(rows: list[dict], path: Path) -> None:
    """Write the rows as gzipped JSON Lines with a fixed header (mtime 0, no name).

    Args:
        rows: records holding at least ``FIELDS``.
        path: the ``.jsonl.gz`` file to write.
    """
    lines = [json.dumps({k: r[k] for k in FIELDS}, ensure_ascii=False) + "\n" for r in rows]
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write("".join(lines).encode("utf-8"))
    path.write_bytes(buf.getvalue())


def write_notice(rows: list[dict], path: Path) -> None:
    """Write NOTICE.md: credit, licence URL and one line per article.

    Args:
        rows: the chosen records.
        path: the NOTICE.md to write.
    """
    head = [
        "# Demo corpus: wikinews-demo.jsonl.gz",
        "",
        CREDIT,
        "",
        f"Licence: {LICENCE_URL}",
        "",
        f"{len(rows)} articles from English Wikinews, category \"{CATEGORY}\", taken from "
        "`shared/data/wikinews/wikinews.en.jsonl.gz` (see its PROVENANCE.md) by "
        "`scripts/make_demo.py`, which also writes this file. Text as converted there, unedited.",
        "",
        "## Articles (id, title, URL)",
        "",
    ]
    body = [f"- {r['id']}, {r['title']}, {r['url']}" for r in rows]
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def verify(path: Path, expected: list[dict], excluded: set[str]) -> None:
    """Read the written file back and check it against the selection.

    Args:
        path: the written ``.jsonl.gz``.
        expected: the chosen records, in file order.
        excluded: reserved and realnews ids.

    Raises:
        SystemExit: on a read error, a field mismatch or an excluded id.
    """
    with gzip.open(path, "rt", encoding="utf-8") as f:
        back = [json.loads(line) for line in f]
    if [tuple(r) for r in back] != [FIELDS] * len(back):
        sys.exit("make_demo: read-back records do not have exactly the expected fields")
    if back != [{k: r[k] for k in FIELDS} for r in expected]:
        sys.exit("make_demo: read-back records differ from the selection")
    if any(r["id"] in excluded for r in back):
        sys.exit("make_demo: read-back file holds an excluded id")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: arguments (None: ``sys.argv[1:]``).

    Returns:
        The parsed options.
    """
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source-dir", type=Path, default=SOURCE_DIR, help="shared Wikinews folder")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR, help="where to write the demo files")
    ap.add_argument("--total", type=int, default=TOTAL, help="articles to take (default 500)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build, write, verify and summarise the demo corpus.

    Args:
        argv: command-line arguments (None: ``sys.argv[1:]``).

    Returns:
        The exit status, 0 on success.
    """
    args = parse_args(argv)
    reserved = read_reserved(args.source_dir)
    realnews = read_realnews(REALNEWS_TSV)
    candidates = load_candidates(args.source_dir / CORPUS_NAME, reserved | realnews)
    chosen = select(candidates, args.total)
    check_no_overlap([r["id"] for r in chosen], reserved, realnews)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    out = args.out_dir / DEMO_NAME
    write_jsonl_gz(chosen, out)
    write_notice(chosen, args.out_dir / "NOTICE.md")
    verify(out, chosen, reserved | realnews)
    eligible = Counter(r["published"][:4] for r in candidates)
    taken = Counter(r["published"][:4] for r in chosen)
    for year in sorted(eligible):
        print(f"{year}: {taken[year]:4d} of {eligible[year]:4d} eligible")
    print(f"total: {len(chosen)} articles, {out.stat().st_size:,} bytes gzipped "
          f"({sum(len(r['text']) for r in chosen):,} characters of text) -> {out}")
    print(f"sha256 {hashlib.sha256(out.read_bytes()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
