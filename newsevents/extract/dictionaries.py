"""Phoenix (PETRARCH-2) actor and agent dictionaries, compiled once per process.

The files under ``newsevents/data/phoenix`` are the Open Event Data Alliance's Phoenix
dictionaries (MIT). Actor files list a root phrase, ``+synonym`` lines and one or more codes,
some restricted to a period (``[UKRGOV 911205-940719]``, ``[RUSGOV >080508]``,
``[USRUKR <910824]``).
The agents file maps nouns to sector codes (``SPOKES!PERSON! [~MED]``) with ``!MACRO!``
substitution sets. Phrases are word sequences in capitals joined by ``_``; we match them on
whole words of the normalised text.

:func:`swapped_dictionaries` points the loaders (actors, agents, the CAMEO verb dictionary of
:mod:`newsevents.extract.events.cameo`) at other files for the span of a ``with`` block, e.g. the
PETRARCH validation dictionaries the PETRARCH unit-test records are written against.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..resources import data_path
from .compiled import bypassed, compiled, sharer

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)

# A code with an optional period: "[UKRGOV]", "[EGYGOV > 140608]", "[HOBGOV 19950601 - 19990815]";
# "[ELR/GAL]" lists alternatives (the first is kept); "[---]" is the null code.
_CODE = re.compile(
    r"\[\s*([A-Za-z~\-][A-Za-z0-9~/\-]*)(?:\s+([<>]?\s*\d{6,10}(?:\s*-\s*\d{6,10})?))?\s*\]"
)
_XML_COMMENT = re.compile(r"<!.*?-->", re.S)
#: The null actor code: the phrase names no actor (in the period the code covers).
NULL_CODE = "---"
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
        code: str | None
        if dated:
            code = max(reversed(dated), key=lambda c: c.start or "").code
        else:
            undated = [c for c in self.codes if not (c.start or c.end)]
            code = undated[-1].code if undated else None
        return None if code == NULL_CODE else code


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
    code = code.upper().split("/")[0]
    code = _country_renames().get(code[:3], code[:3]) + code[3:]
    period = re.sub(r"\s+", "", period or "")
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
    for raw in read_dictionary_lines(path):
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
    """All Phoenix actor phrases (roots and synonyms) -> their entry, compiled once (and cached
    on disk, see :mod:`newsevents.extract.compiled`)."""
    return compiled("dictionaries.actor_dictionary", _build_actor_dictionary)


def _build_actor_dictionary() -> dict[tuple[str, ...], Entry]:
    table: dict[tuple[str, ...], Entry] = {}
    aliases: list[tuple[tuple[str, ...], Entry]] = []
    share = sharer()  # equal codes, words and file names as one object: a third faster to load
    for path in actor_paths():
        origin = share(path.name)
        for phrases, codes in _actor_blocks(path):
            if not codes:
                continue
            dated = tuple(share(DatedCode(share(c.code), c.start and share(c.start), c.end and share(c.end)))
                          for c in codes)
            entry = Entry(_display(phrases[0]), dated, origin)
            for phrase in phrases:
                key = tuple(share(word) for word in phrase_key(phrase))
                if key and key not in table:
                    table[key] = entry
            aliases += [(tuple(share(w) for w in k), entry) for k in acronym_aliases(phrases[0])]
    for key, entry in aliases:  # after every phrase as written: those win
        table.setdefault(key, entry)
    return table


def acronym_key(text: str) -> tuple[str, ...]:
    """The key of an acronym as the actor dictionary holds it: in brackets, so that only text
    written in capitals is looked up there ("Ana" is a name, "ANA" an army)."""
    return (f"({text})",)


_ACRONYM = re.compile(r"^(?P<name>.+?)_?\((?P<short>[A-Z][A-Z-]{2,7})\)_?$")


def acronym_aliases(phrase: str) -> list[tuple[str, ...]]:
    """The name and the acronym of a phrase written "NAME_(ACRONYM)_" (Phoenix's armed groups:
    "LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_" is found as written only with its acronym in
    brackets). A bracket that qualifies rather than abbreviates ("KOREA_(NORTH)",
    "NATIONAL_LIBERATION_ARMY_(COLOMBIA)") gives nothing: an acronym starts with the name's
    first letter and has at most one letter more than the name has words. Acronyms of four
    letters or more are kept under :func:`acronym_key`; entry roots only (a synonym such as
    the INLA block's "PEOPLES_LIBERATION_ARMY_(PLA)" is too easily another group)."""
    found = _ACRONYM.match(phrase.strip())
    if found is None:
        return []
    name = phrase_key(found["name"])
    short = found["short"]
    letters = len(short.replace("-", ""))
    if not name or short[0] != name[0][0] or letters > len(name) + 1:
        return []
    # three letters alone are too often another group or a word ("ANA", "PLA", "ISA")
    return [name, acronym_key(short)] if letters >= 4 else [name]


@functools.cache
def agent_dictionary() -> dict[tuple[str, ...], str]:
    """Phoenix agent nouns -> sector code (without the ``~``), with macros expanded.

    ``NOUN [~GOV]`` adds the noun and its plural; ``NOUN {PLURALS} [~GOV]`` its listed plural
    forms as well. An empty ``{}`` (PETRARCH: "make no plural", guarding its naive rule against
    "AIRMANS") is ignored: our rule makes "AIRMEN". Prefix agents (``[IGO~]``: the code goes
    before the actor's, "NGOISR") are left out: an actor code here is country first. Cached on
    disk like the actor dictionary.
    """
    return compiled("dictionaries.agent_dictionary", _build_agent_dictionary)


def _build_agent_dictionary() -> dict[tuple[str, ...], str]:
    macros: dict[str, list[str]] = {}
    table: dict[tuple[str, ...], str] = {}
    for raw in read_dictionary_lines(agent_path()):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",")]
            continue
        code = re.search(r"\[\s*~\s*([A-Z]+)\s*\]", line)
        if not code:
            continue
        phrase = re.sub(r"\{.*?\}|\[.*?\]", "", line).strip()
        braces = re.search(r"\{(.*?)\}", line)
        listed = [phrase_key(f) for v in (braces.group(1).split() if braces else [])
                  for f in _expand(v, macros)]
        for variant in _expand(phrase, macros):
            key = phrase_key(variant)
            if not key:
                continue
            for form in (key, key[:-1] + (_plural(key[-1]),), *listed):
                if form:
                    table.setdefault(form, code.group(1))
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
    """Read a packaged tab-separated table with a header row; ``#`` lines are comments.

    While :func:`swapped_dictionaries` is active, the project's own actor tables
    (:data:`OWN_ACTOR_TABLES`) read as empty, so that only the swapped-in files code actors.
    """
    if _SWAP and name in OWN_ACTOR_TABLES:
        return []
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


# --- swapping the dictionaries -------------------------------------------------------------

#: The project's own tables that code actors or rename codes; left out while swapped.
OWN_ACTOR_TABLES = frozenset({"leaders.tsv", "actors_extra.tsv", "agents_extra.tsv",
                              "org_codes.tsv", "country_codes.tsv", "country_history.tsv",
                              "short_names.tsv"})

#: Caches built from the dictionaries (module, function): cleared when the files change.
_DEPENDENT_CACHES = (
    ("newsevents.extract.dictionaries", "actor_dictionary"),
    ("newsevents.extract.dictionaries", "agent_dictionary"),
    ("newsevents.extract.dictionaries", "_country_renames"),
    ("newsevents.extract.dictionaries", "discard_phrases"),
    ("newsevents.extract.events.cameo", "verb_dictionary"),
    ("newsevents.extract.events.cameo", "codebook"),
    ("newsevents.extract.events.coding", "_anchor_index"),
    ("newsevents.extract.events.scan", "verb_hashes"),
    ("newsevents.extract.actors.leaders", "leaders"),
    ("newsevents.extract.actors.lookup", "_extra"),
    ("newsevents.extract.actors.lookup", "_history"),
    ("newsevents.extract.actors.lookup", "lookup"),
    ("newsevents.extract.actors.lookup", "lookup_plural"),
    ("newsevents.extract.actors.words", "_scan"),
    ("newsevents.extract.actors.names", "_people"),
    ("newsevents.extract.actors.codes", "_org_prefixes"),
    ("newsevents.extract.actors.short_names", "short_names"),
)


@dataclass(frozen=True)
class DictionarySet:
    """Dictionary files standing in for the packaged ones (see :func:`swapped_dictionaries`)."""

    actors: tuple[Path, ...]
    agents: Path
    verbs: Path | None = None
    discards: Path | None = None


_SWAP: list[DictionarySet] = []  # the active set, when a swapped_dictionaries block is open


def swapped() -> DictionarySet | None:
    """The dictionary files swapped in now, or None when the packaged ones are in use."""
    return _SWAP[-1] if _SWAP else None


def actor_paths() -> tuple[Path, ...]:
    """The actor dictionary files in use: the packaged Phoenix files unless swapped."""
    if _SWAP:
        return _SWAP[-1].actors
    return tuple(data_path("phoenix", name) for name in ACTOR_FILES)


def agent_path() -> Path:
    """The agent dictionary file in use: ``Phoenix.agents.txt`` unless swapped."""
    return _SWAP[-1].agents if _SWAP else data_path("phoenix", "Phoenix.agents.txt")


def read_dictionary_lines(path: Path) -> list[str]:
    """The lines of a PETRARCH dictionary file with ``<!-- -->`` comments blanked out.

    Raises:
        ConfigError: when the file is missing.
    """
    if not path.is_file():
        raise ConfigError(f"{path} is missing: reinstall newsevents (package data) or fix the "
                          "path given to swapped_dictionaries")
    text = path.read_text(encoding="utf-8", errors="replace")
    return _XML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text).splitlines()


def swapped_verb_lines() -> list[str] | None:
    """The swapped-in verb dictionary in CAMEO.2.0's layout, or None when not swapped.

    ``cameo.verb_dictionary`` reads these lines instead of ``CAMEO.2.0.txt`` when given.
    A PETRARCH-1 file (no ``VERB PATTERNS`` section) is converted first, see
    :func:`newsevents.extract.petr1_verbs.as_cameo2`.
    """
    if not _SWAP or _SWAP[-1].verbs is None:
        return None
    lines = read_dictionary_lines(_SWAP[-1].verbs)
    if any("VERB PATTERNS" in line for line in lines):
        return lines
    from .petr1_verbs import as_cameo2

    return as_cameo2(lines)


def swapped_verb_codes() -> frozenset[str]:
    """The event codes the swapped-in verb dictionary uses (empty when not swapped).

    Test dictionaries use codes the CAMEO codebook lacks (``903``, ``345``); ``cameo.codebook``
    adds them, with no Goldstein score or quad class, while they are swapped in.
    """
    lines = swapped_verb_lines()
    if lines is None:
        return frozenset()
    codes = (part for line in lines for raw in re.findall(r"\[([0-9:]+)\]", line.split("#")[0])
             for part in raw.split(":"))
    return frozenset(code for code in codes if len(code) in (3, 4))


@functools.cache
def discard_phrases() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """(sentence-level, story-level) discard phrases of the swapped-in discards file.

    A sentence holding a sentence-level phrase codes no event; a story holding a story-level
    one (``+PHRASE`` in the file) codes none at all. Empty when no discards file is swapped in
    (the package ships none).
    """
    if not _SWAP or _SWAP[-1].discards is None:
        return frozenset(), frozenset()
    sentence: set[tuple[str, ...]] = set()
    story: set[tuple[str, ...]] = set()
    for raw in read_dictionary_lines(_SWAP[-1].discards):
        line = raw.split("#", 1)[0].strip()
        if line:
            (story if line.startswith("+") else sentence).add(phrase_key(line.lstrip("+")))
    return frozenset(sentence - {()}), frozenset(story - {()})


def clear_dictionary_caches() -> None:
    """Forget everything compiled from the dictionary files (they are read again on next use).

    A module not imported yet has nothing cached; tests/test_petrarch_units.py checks that every
    cached function reading a dictionary is listed in ``_DEPENDENT_CACHES``.
    """
    for module_name, function in _DEPENDENT_CACHES:
        cached = getattr(sys.modules.get(module_name), function, None)
        if cached is not None:
            cached.cache_clear()


@contextlib.contextmanager
def swapped_dictionaries(
    actors: Path | tuple[Path, ...],
    agents: Path,
    verbs: Path | None = None,
    discards: Path | None = None,
) -> Iterator[DictionarySet]:
    """Code with other PETRARCH dictionaries inside a ``with`` block.

    Inside the block the actor, agent and (when given) verb dictionaries are read from these
    files, and the project's own actor tables (:data:`OWN_ACTOR_TABLES`: leaders, extra
    phrases, organisation prefixes, country renames) are left out, so that only the given
    files code actors. The compiled caches are cleared on entry and on exit, so nothing leaks
    out of the block. Not thread-safe: the swap is process-wide while the block is open.

    Args:
        actors: one actor file or several (PETRARCH actor format).
        agents: the agents file.
        verbs: a verb dictionary (CAMEO.2.0 or PETRARCH-1 layout); None keeps CAMEO.2.0.
        discards: a discards file (see :func:`discard_phrases`).

    Raises:
        ConfigError: when a file is missing or a swap is already active.
    """
    paths = (actors,) if isinstance(actors, Path) else tuple(actors)
    files = DictionarySet(tuple(Path(p) for p in paths), Path(agents),
                          Path(verbs) if verbs else None, Path(discards) if discards else None)
    for path in (*files.actors, files.agents, files.verbs, files.discards):
        if path is not None and not path.is_file():
            raise ConfigError(f"swapped_dictionaries: {path} is missing; pass an existing file")
    if _SWAP:
        raise ConfigError("swapped_dictionaries: a swap is already active; nested swaps are not "
                          "supported, close the outer block first")
    _SWAP.append(files)
    clear_dictionary_caches()
    try:
        with bypassed():  # the on-disk tables are the packaged dictionaries' (compiled.py)
            yield files
    finally:
        _SWAP.clear()
        clear_dictionary_caches()
