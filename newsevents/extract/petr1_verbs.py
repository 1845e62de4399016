"""A PETRARCH-1 verb dictionary rewritten in the CAMEO.2.0 layout our loader reads.

PETRARCH-1 (and TABARI) verb files, such as ``PETR.Validate.verbs.txt`` that the PETRARCH unit
tests are written against, differ from PETRARCH-2's ``CAMEO.2.0.txt``:

* synsets (``&NAME`` with ``+member`` lines, members may be ``+&OTHER``) sit between the verb
  blocks, and there is no ``VERB PATTERNS`` line separating them;
* block headers may name a phrase and give two codes (``--- LASH OUT [122] ---``,
  ``--- DELAY [120] [031:031] ---``); verbs may be inflected forms (``SAID``, ``MET``);
* pattern words are joined by ``_`` when they must be adjacent (``- * NEW_&TIETYPES_RELATIONS``).

:func:`as_cameo2` returns lines in CAMEO.2.0's layout: synsets (nested ones expanded) first, a
``VERB PATTERNS`` line, then the blocks with one-word names and one code, inflected verbs also
under their lemma ("SAID" -> "SAY"), and pattern words separated by spaces (our matcher looks
at a verb's dependents, not at adjacency).
"""

from __future__ import annotations

import functools
import re

_HEADER = re.compile(r"^---\s+(.+?)\s+\[([^\]]*)\]")
_CODE_OK = re.compile(r"^[0-9]+(?::[0-9]+)?$|^---$")


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        text = raw.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text[1:].rstrip("_")
            synsets[current] = []
        elif text.startswith("+") and current:
            synsets[current].append(text[1:].strip())
        elif text:
            current = None
    return synsets


def _expanded(name: str, synsets: dict[str, list[str]],
              seen: frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for member in synsets.get(name, []):
        inner = member[1:].rstrip("_")
        if member.startswith("&") and inner not in seen:
            out.extend(_expanded(inner, synsets, seen | {name}))
        elif not member.startswith("&"):
            out.append(member)
    return out


@functools.lru_cache(maxsize=4096)
def verb_lemma(word: str) -> str:
    """The lemma of an inflected dictionary verb ("SAID" -> "SAY"), by spaCy's lemmatizer."""
    from spacy.tokens import Doc

    from ..nlp import bare_model

    nlp = bare_model()
    doc = Doc(nlp.vocab, words=[word.lower()], pos=["VERB"])
    return str(nlp.get_pipe("lemmatizer")(doc)[0].lemma_).upper()


def _header(line: str) -> str | None:
    match = _HEADER.match(line.split("#", 1)[0])
    if not match:
        return None
    code = match.group(2).strip()
    code = code if _CODE_OK.match(code) else "---"  # "[031:031]": reciprocal (cameo.py)
    return f"--- {match.group(1).strip().replace(' ', '_')} [{code}] ---"


def _verbs(line: str) -> list[str]:
    """A verb line as it stands and, for an inflected single word, again under its lemma."""
    text = line.split("#", 1)[0].strip()
    forms = re.search(r"\{.*?\}", text)
    head = re.sub(r"\{.*?\}|\[.*?\]", " ", text).split()
    code = re.search(r"\[[^\]]*\]", text)
    if not head:
        return []
    words = ["_".join(head)]  # "LASH OUT": a verb with its particle
    if len(head) == 1 and "_" not in head[0] and not head[0].startswith("+"):
        # the lemmatiser strips base forms too ("EXPRESS" -> "EXPRES"): keep the word as well
        words.append(verb_lemma(head[0]))
    tail = [forms.group(0) if forms else "", code.group(0) if code else ""]
    return [" ".join(p for p in (word, *tail) if p) for word in dict.fromkeys(words)]


#: prepositions that open a prepositional phrase right after the verb ("- * FOR &ECONSANCT");
#: "TO" (also the infinitive marker) and "OF" stay plain words.
_PREPOSITIONS = frozenset({"ABOUT", "AGAINST", "AT", "BETWEEN", "BY", "FOR", "FROM", "IN", "INTO",
                           "NEAR", "ON", "OVER", "UPON", "WITH"})


def _pattern(line: str) -> str:
    """A pattern line with ``_`` joins split, and a preposition right after the verb written as
    CAMEO.2.0's prepositional phrase: ``- * FOR &ECONSANCT [172]`` becomes
    ``- * (FOR &ECONSANCT) [172]``.
    """
    body = line.split("#", 1)[0][1:]
    words, _, code = " ".join(body.replace("_", " ").split()).partition("[")
    tokens = words.split()
    if "*" in tokens:
        verb = tokens.index("*")
        if verb + 1 < len(tokens) and tokens[verb + 1] in _PREPOSITIONS:
            tokens = [*tokens[: verb + 1], "(" + " ".join(tokens[verb + 1 :]) + ")"]
    return "- " + " ".join(tokens) + (f" [{code}" if code else "")


def as_cameo2(lines: list[str]) -> list[str]:
    """Rewrite the lines of a PETRARCH-1 verb dictionary in CAMEO.2.0's layout (see above)."""
    synsets = _synsets(lines)
    out = []
    for name in synsets:
        out.append(f"&{name}")
        out.extend(f"+{member}" for member in _expanded(name, synsets))
    out.append("####### VERB PATTERNS #######")
    in_synset = False
    for raw in lines:
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        if text.startswith("&") or (in_synset and text.startswith("+")):
            in_synset = True
            continue
        in_synset = False
        if text.startswith("---"):
            header = _header(raw)
            if header:
                out.append(header)
        elif text.startswith("-"):
            out.append(_pattern(raw))
        else:
            out.extend(_verbs(raw))
    return out
