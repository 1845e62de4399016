"""Phoenix (PETRARCH-2) actor and agent dictionaries, compiled once per process.

The files under ``newsevents/data/phoenix`` are the Open Event Data Alliance's Phoenix
dictionaries (MIT). Actor files list a root phrase, ``+synonym`` lines and one or more codes,
some restricted to a period (``[UKRGOV 911205-940719]``, ``[RUSGOV >080508]``, ``[USRUKR <910824]``).
The agents file maps nouns to sector codes (``SPOKES!PERSON! [~MED]``) with ``!MACRO!``
substitution sets. Phrases are word sequences in capitals joined by ``_``; we match them on
whole words of the normalised text.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ConfigError

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)

_CODE = re.compile(r"\[([A-Z~][A-Z0-9~]*)(?:\s+([<>]?\d{6,10}(?:-\d{6,10})?))?\s*\]")
_WORD_CLEAN = re.compile(r"[^A-Z0-9'&.\-]")


@dataclass(frozen=True)
class DatedCode:
    """An actor code, valid from ``start`` to ``end`` (ISO dates, either may be open)."""

    code: str
    start: str | None = None
    end: str | None = None

    def valid_on(self, day: str) -> bool:
        """Whether the code applies on ISO date ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """A dictionary entry: the phrase's root name, its codes, and the file it came from."""

    root: str
    codes: tuple[DatedCode, ...]
    origin: str

    def code_on(self, day: str) -> str | None:
        """The code in force on ``day``: a dated code that covers it, else the undated default.

        When several dated codes cover the day, the one that began last wins (the narrower,
        later role: a minister's term inside a longer career code); ties go to the last listed.
        """
        dated = [c for c in self.codes if (c.start or c.end) and c.valid_on(day)]
        if dated:
            return max(reversed(dated), key=lambda c: c.start or "").code
        undated = [c for c in self.codes if not (c.start or c.end)]
        return undated[-1].code if undated else None


def data_path(*parts: str) -> Path:
    """Path of a packaged data file."""
    return Path(str(resources.files("newsevents"))).joinpath("data", *parts)


def _yymmdd(value: str) -> str:
    # Phoenix mostly writes YYMMDD (periods from the 1900s to the 2010s; two-digit years above 30
    # are 19xx), sometimes YYYYMMDD, and once a stray "19" before a YYYYMMDD ("1920030320").
    if len(value) >= 8:
        value = value[-8:]
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    century = "19" if int(value[:2]) > 30 else "20"
    return f"{century}{value[:2]}-{value[2:4]}-{value[4:6]}"


@functools.cache
def _country_renames() -> dict[str, str]:
    return {row["old"]: row["new"] for row in read_table("country_codes.tsv")}


def _dated(code: str, period: str | None) -> DatedCode:
    code = _country_renames().get(code[:3], code[:3]) + code[3:]
    if not period:
        return DatedCode(code)
    if period.startswith("<"):
        return DatedCode(code, end=_yymmdd(period[1:]))
    if period.startswith(">") or "-" not in period:  # a bare date reads as "from then on"
        return DatedCode(code, start=_yymmdd(period.lstrip(">")))
    start, end = period.split("-")
    return DatedCode(code, _yymmdd(start), _yymmdd(end))


_SMALL = frozenset({"Of", "The", "And", "For", "In", "On", "De", "Du", "Al"})


def _display(phrase: str) -> str:
    words = phrase.strip("_ ").replace("_", " ").title().split()
    return " ".join(w.lower() if i and w in _SMALL else w for i, w in enumerate(words))


@functools.lru_cache(maxsize=1 << 16)  # called per token; news words repeat
def phrase_key(phrase: str) -> tuple[str, ...]:
    """Normalise a dictionary phrase or a text span to a tuple of capitalised words."""
    words = phrase.replace("_", " ").replace("’", "'").upper().split()
    cleaned = (_WORD_CLEAN.sub("", w).strip(".'-") for w in words)
    return tuple(w for w in cleaned if w)


def _actor_blocks(path: Path) -> list[tuple[list[str], list[DatedCode]]]:
    blocks: list[tuple[list[str], list[DatedCode]]] = []
    phrases: list[str] = []
    codes: list[DatedCode] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        found = [_dated(c, p) for c, p in _CODE.findall(line)]
        name = _CODE.sub("", line).strip()
        if name and not raw[0].isspace() and not name.startswith("+"):
            if phrases:
                blocks.append((phrases, codes))
            phrases, codes = [name], []
        elif name.startswith("+"):
            phrases.append(name[1:])
        codes.extend(found)
    if phrases:
        blocks.append((phrases, codes))
    return blocks


@functools.cache
def actor_dictionary() -> dict[tuple[str, ...], Entry]:
    """All Phoenix actor phrases (roots and synonyms) -> their entry, compiled once."""
    table: dict[tuple[str, ...], Entry] = {}
    for filename in ACTOR_FILES:
        for phrases, codes in _actor_blocks(data_path("phoenix", filename)):
            if not codes:
                continue
            entry = Entry(_display(phrases[0]), tuple(codes), filename)
            for phrase in phrases:
                key = phrase_key(phrase)
                if key and key not in table:
                    table[key] = entry
    return table


@functools.cache
def agent_dictionary() -> dict[tuple[str, ...], str]:
    """Phoenix agent nouns -> sector code (without the ``~``), with macros expanded."""
    macros: dict[str, list[str]] = {}
    table: dict[tuple[str, ...], str] = {}
    path = data_path("phoenix", "Phoenix.agents.txt")
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",")]
            continue
        code = re.search(r"\[~([A-Z]+)\]", line)
        if not code:
            continue
        phrase = re.sub(r"\{.*?\}|\[.*?\]", "", line).strip()
        for variant in _expand(phrase, macros):
            key = phrase_key(variant)
            if key:
                table.setdefault(key, code.group(1))
                table.setdefault(key[:-1] + (_plural(key[-1]),), code.group(1))
    for row in read_table("agents_extra.tsv"):
        table[phrase_key(row["phrase"])] = row["sector"]
    return table


def _expand(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", phrase)
    if not match or match.group(0) not in macros:
        return [phrase]
    out = []
    for word in macros[match.group(0)]:
        glue = "" if match.start() > 0 and phrase[match.start() - 1] not in " _" else ""
        out.extend(_expand(phrase[: match.start()] + glue + word + phrase[match.end() :], macros))
    return out


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 2 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "CH", "SH")):
        return word + "ES"
    if word.endswith("MAN"):
        return word[:-3] + "MEN"
    return word + "S"


def read_table(name: str) -> list[dict[str, str]]:
    """Read a packaged tab-separated table with a header row; ``#`` lines are comments."""
    path = data_path(name)
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t")
        rows = []
        for row in reader:
            if None in row:
                raise ConfigError(
                    f"{path}: row {reader.line_num} has more fields than the header "
                    f"({', '.join(reader.fieldnames or [])}); remove the extra tab"
                )
            rows.append({k: (v or "").strip() for k, v in row.items()})
        return rows
