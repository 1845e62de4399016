"""CAMEO and PLOVER reference data, compiled once per process.

Three files under ``newsevents/data``:

* ``CAMEO.2.0.txt`` — PETRARCH-2's verb-pattern dictionary (MIT). ``&SYNSET`` blocks list
  synonym nouns; ``--- NAME [code] ---`` blocks list verbs (``SAY {SAYS SAID}``, optionally
  with their own ``[code]``; ``+ASK_FOR`` is a verb with a particle) and pattern lines
  ``- PRE * POST [code] # verb`` where ``*`` is the verb, plain words are its object words,
  ``{A B}`` a noun phrase, ``(P X)`` a prepositional phrase, ``&NAME`` a synset and ``$``/``+``
  the source/target slots. We compile it into a lemma-keyed dict of :class:`VerbEntry` and,
  per block, a list of :class:`Pattern` whose elements are matched against the words of the
  verb's dependents (see :mod:`newsevents.extract.predicates`), not against raw word order.
* ``cameo_codes_goldstein.csv`` — the CAMEO codebook with ICEWS Goldstein scores (MIT).
* ``CAMEO2PLOVER-2021.txt`` — the CAMEO-to-PLOVER table (CC BY-SA 4.0) with the corrections of
  ``CAMEO2PLOVER-fixes.tsv`` applied (same licence; each fix says why).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field

from ...errors import ConfigError
from ...records import Plover
from ...resources import data_path
from ..compiled import compiled
from ..dictionaries import swapped_verb_codes, swapped_verb_lines

VERB_FILE = "CAMEO.2.0.txt"
CODEBOOK_FILE = "cameo_codes_goldstein.csv"
PLOVER_FILE = "CAMEO2PLOVER-2021.txt"
PLOVER_FIXES_FILE = "CAMEO2PLOVER-fixes.tsv"

_CODE = re.compile(r"\[([0-9:\-]*)\]")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([0-9:\-]+)\]\s+---")


@dataclass(frozen=True)
class Element:
    """One element of a pattern: a word, a noun phrase, a prepositional phrase or a synset.

    ``kind`` is ``word`` (``words`` holds alternatives: a synset's members or one word),
    ``phrase`` (``words`` is the sequence) or ``prep`` (``words[0]`` the preposition,
    ``inner`` the elements of its object).
    """

    kind: str
    words: tuple[str, ...]
    inner: tuple[Element, ...] = ()


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern line of a verb block."""

    code: str
    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    text: str
    anchor: frozenset[str] = frozenset()  # words one of which must occur (a cheap pre-check)
    reverse: str | None = None  # the reciprocal half of "[032:033]" (target -> source)
    forward: bool = True  # False for "[:0331]": only the reverse event

    @property
    def size(self) -> int:
        """How many elements must match (used to prefer the most specific pattern)."""
        return len(self.pre) + len(self.post)


@dataclass(frozen=True)
class VerbEntry:
    """A verb of the dictionary: its block and its own code (None: use the block's)."""

    lemma: str
    block: str
    code: str | None
    particle: str | None = None
    reverse: str | None = None  # the reciprocal half of the verb's own "[042:043]"


@dataclass(frozen=True)
class VerbDictionary:
    """The compiled verb dictionary.

    Attributes:
        verbs: single-word verbs keyed by lower-case lemma.
        phrasal: verbs with a particle keyed by (lemma, particle), e.g. ("ask", "for").
        block_codes: block name -> default code (None when the block has ``[---]``).
        patterns: block name -> patterns, most specific first.
        synsets: synset name (without ``&``) -> member words.
    """

    verbs: dict[str, VerbEntry]
    phrasal: dict[tuple[str, str], VerbEntry]
    block_codes: dict[str, str | None]
    patterns: dict[str, tuple[Pattern, ...]]
    synsets: dict[str, tuple[str, ...]]
    block_reverse: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CodeInfo:
    """Codebook facts for one CAMEO code."""

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int


def _clean_code(raw: str) -> str | None:
    """``"042:043"`` -> ``"042"``; ``":173"`` -> ``"173"``; ``"---"`` -> None."""
    parts = [p for p in raw.split(":") if p and p != "---"]
    return parts[0] if parts else None


def reciprocal_code(raw: str) -> tuple[str | None, bool]:
    """The reverse half of a reciprocal code and whether the forward event stands.

    CAMEO.2.0 writes ``[042:043]`` for a pair of events: 042 by the source on the target and
    043 by the target on the source ("X visited Y": Y hosted X); ``[:0331]`` has only the
    reverse event ("X expects a loan from Y": Y intends to give aid to X). PETRARCH-2 emits
    both halves of such a pair.

    Returns:
        (reverse code or None, whether the forward event is emitted).
    """
    if ":" not in raw:
        return None, True
    first, _, second = raw.partition(":")
    second = second if second and second != "---" else None
    return second, bool(first) and first != "---"


def _read_lines(name: str) -> list[str]:
    path = data_path(name)
    if not path.is_file():
        raise ConfigError(f"{path} is missing: reinstall newsevents (package data)")
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def _parse_synsets(lines: list[str]) -> dict[str, tuple[str, ...]]:
    synsets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text[1:].rstrip("_")
            synsets[current] = []
        elif text.startswith("+") and current:
            synsets[current].append(text[1:].rstrip("_").replace("_", " "))
        elif not text:
            continue
        else:
            current = None
    return {k: tuple(v) for k, v in synsets.items()}


def _tokens(text: str) -> list[str]:
    return re.findall(r"\{|\}|\(|\)|[^\s{}()]+", text)


def _elements(tokens: list[str], synsets: dict[str, tuple[str, ...]]) -> tuple[Element, ...]:
    out: list[Element] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("{", "("):
            close = "}" if tok == "{" else ")"
            j = tokens.index(close, i) if close in tokens[i:] else len(tokens)
            inner = [t for t in tokens[i + 1 : j] if t not in ("{", "}", "(", ")")]
            if tok == "{":
                words = tuple(w for w in inner if w not in "$+^%")
                if words:
                    out.append(Element("phrase", words))
            elif inner:
                rest = _elements(inner[1:], synsets)
                out.append(Element("prep", (inner[0],), rest))
            i = j + 1
            continue
        if tok.startswith("&"):
            out.append(Element("word", synsets.get(tok[1:].rstrip("_"), (tok[1:],))))
        elif tok not in ("$", "+", "^", "%", "!", "|") and not tok.startswith("~"):
            out.append(Element("word", (tok.replace("_", " "),)))
        i += 1
    return tuple(out)


def _parse_pattern(line: str, synsets: dict[str, tuple[str, ...]]) -> Pattern | None:
    body = line[1:].split("#", 1)[0]
    match = _CODE.search(body)
    if not match:
        return None
    code = _clean_code(match.group(1))
    if code is None or "*" not in body[: match.start()]:
        return None
    pre, post = body[: match.start()].split("*", 1)
    reverse, forward = reciprocal_code(match.group(1))
    pattern = Pattern(
        code, _elements(_tokens(pre), synsets), _elements(_tokens(post), synsets), line.strip(),
        reverse=reverse, forward=forward,
    )
    # "- * + [111]" (only slots, no words) would match every use of the verb: skip it
    if not pattern.size:
        return None
    first = (pattern.post or pattern.pre)[0]
    anchor = frozenset(w.split()[0] for w in first.words)
    return Pattern(pattern.code, pattern.pre, pattern.post, pattern.text, anchor,
                   pattern.reverse, pattern.forward)


def _parse_verb(line: str, block: str) -> list[VerbEntry]:
    text = line.split("#", 1)[0]
    match = _CODE.search(text)
    code = _clean_code(match.group(1)) if match else None
    reverse = reciprocal_code(match.group(1))[0] if match else None
    head = re.sub(r"\{.*?\}|\[.*?\]", " ", text).split()
    if not head:
        return []
    word = head[0].lstrip("+").rstrip("_").lower()
    parts = word.split("_")
    if len(parts) == 2:
        return [VerbEntry(parts[0], block, code, parts[1], reverse)]
    if len(parts) == 1:
        return [VerbEntry(word, block, code, None, reverse)]
    return []


@functools.cache
def verb_dictionary() -> VerbDictionary:
    """Compile ``CAMEO.2.0.txt`` (once per process, cached on disk: see
    :mod:`newsevents.extract.compiled`) into lemma-keyed verbs and block patterns."""
    return compiled("events.cameo.verb_dictionary", _build_verb_dictionary)


def _build_verb_dictionary() -> VerbDictionary:
    lines = swapped_verb_lines() or _read_lines(VERB_FILE)  # see dictionaries.swapped_dictionaries
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    synsets = _parse_synsets(lines[:start])
    verbs: dict[str, VerbEntry] = {}
    phrasal: dict[tuple[str, str], VerbEntry] = {}
    block_codes: dict[str, str | None] = {}
    block_reverse: dict[str, str] = {}
    patterns: dict[str, list[Pattern]] = {}
    block = ""
    for line in lines[start:]:
        if line.startswith("~") or "TRANSFORMATIONS" in line:
            break
        header = _BLOCK.match(line)
        if header:
            block = header.group(1)
            block_codes[block] = _clean_code(header.group(2))
            reverse = reciprocal_code(header.group(2))[0]
            if reverse:
                block_reverse[block] = reverse
            patterns[block] = []
        elif line.startswith("-") and block:
            pattern = _parse_pattern(line, synsets)
            if pattern:
                patterns[block].append(pattern)
        elif line.strip() and not line.startswith("#") and block:
            for entry in _parse_verb(line, block):
                if entry.particle:
                    phrasal.setdefault((entry.lemma, entry.particle), entry)
                else:
                    verbs.setdefault(entry.lemma, entry)
    ordered = {b: tuple(sorted(p, key=lambda x: -x.size)) for b, p in patterns.items()}
    return VerbDictionary(verbs, phrasal, block_codes, ordered, synsets, block_reverse)


@functools.cache
def codebook() -> dict[str, CodeInfo]:
    """The CAMEO codebook: code -> :class:`CodeInfo` (name, root, ICEWS Goldstein, quad class)."""
    with data_path(CODEBOOK_FILE).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    book = {
        r["code"]: CodeInfo(
            r["code"], r["name"], r["root_code"], float(r["goldstein"]), int(r["quad_class"])
        )
        for r in rows
    }
    for code in swapped_verb_codes():  # a swapped-in test dictionary's own codes (dictionaries.py)
        book.setdefault(code, CodeInfo(code, "(swapped-in dictionary code)", code[:2], 0.0, 0))
    return book


@functools.cache
def codebook_examples() -> tuple[tuple[str, str], ...]:
    """The CAMEO manual's example sentences as (code, sentence) pairs (277)."""
    with data_path(CODEBOOK_FILE).open(encoding="utf-8") as handle:
        return tuple((r["code"], r["example"]) for r in csv.DictReader(handle) if r["example"])


def code_info(code: str) -> CodeInfo:
    """Codebook facts for ``code``; a code the codebook lacks falls back to its 3-digit parent.

    Raises:
        ConfigError: when neither the code nor its parent is a CAMEO code.
    """
    book = codebook()
    for candidate in (code, code[:3], code[:2]):
        if candidate in book:
            info = book[candidate]
            return info if candidate == code else CodeInfo(code, info.name, info.root,
                                                           info.goldstein, info.quad_class)
    raise ConfigError(
        f"{code!r} is not a CAMEO code (see newsevents/data/{CODEBOOK_FILE}); "
        "fix the pattern that produced it"
    )


def _parse_plover_line(line: str) -> tuple[str, str, str | None] | None:
    text = line.split("#", 1)[0]
    if ":" not in text:
        return None
    code, rest = text.split(":", 1)
    fields = [f.strip() for f in rest.split(",")]
    if not code.strip().isdigit() or len(code.strip()) < 3 or not fields[0]:
        return None
    mode = fields[1] if len(fields) > 1 and fields[1] else None
    return code.strip(), fields[0], mode


@functools.cache
def plover_table() -> dict[str, Plover]:
    """CAMEO code -> PLOVER event and mode, from CAMEO2PLOVER-2021 with our fixes applied."""
    table: dict[str, Plover] = {}
    for line in _read_lines(PLOVER_FILE):
        parsed = _parse_plover_line(line)
        if parsed:
            code, event, mode = parsed
            table[code] = Plover(event, mode)
    with data_path(PLOVER_FIXES_FILE).open(encoding="utf-8") as handle:
        rows = csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t")
        for row in rows:
            table[row["cameo"]] = Plover(row["event"], row["mode"] or None)
    return table


def plover_for(code: str) -> Plover | None:
    """The PLOVER event/mode of a CAMEO code (its 3-digit parent when the code is not listed).

    Roots 01 and 02 (statements, appeals) have no PLOVER event and give None.
    """
    table = plover_table()
    return table.get(code) or table.get(code[:3])
