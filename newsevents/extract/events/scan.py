"""Find the few tokens of a doc that can be event predicates, without visiting every token.

The events stage codes only verbs the CAMEO.2.0 dictionary or our patterns know and our event
nouns. Reading the doc's POS / lemma / sentence-start columns as one array (``Doc.to_array``)
and intersecting the lemma hashes with the trigger lexicon leaves a handful of candidate
token indices per article; only their sentences are visited (iterating ``doc.sents`` and every
``Token`` costs more than the rest of the stage on long articles).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, POS, SENT_START
from spacy.parts_of_speech import NOUN, PROPN, VERB
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from ..actors.discourse import TALK_NOUNS
from .cameo import verb_dictionary
from .coding import noun_triggers, own_patterns


@dataclass(frozen=True)
class Scan:
    """Candidate token indices of a doc grouped by sentence.

    Attributes:
        sentences: (sentence number in the doc, sentence span, candidate token indices), in
            text order, for sentences holding at least one candidate.
    """

    sentences: tuple[tuple[int, Span, tuple[int, ...]], ...]


def _variants(lemma: str) -> set[str]:
    forms = {lemma, lemma.capitalize(), lemma.upper()}
    return forms | {f + s for f in forms for s in ("s", "S")}


@functools.cache
def verb_hashes() -> np.ndarray:
    """Hashes of the lemmas of every verb a dictionary or pattern codes (phrasal verbs too)."""
    vd = verb_dictionary()
    lemmas = set(vd.verbs) | {lemma for lemma, _ in vd.phrasal}
    lemmas |= {lemma for trigger, lemma in own_patterns() if trigger == "verb"}
    forms = {f for lemma in lemmas for f in (lemma, lemma.capitalize())}
    return np.array(sorted(hash_string(f) for f in forms), dtype=np.uint64)


@functools.cache
def noun_hashes() -> np.ndarray:
    """Hashes of the lemma forms of event nouns and nouns that remember event participants."""
    lemmas = set(noun_triggers()) | set(TALK_NOUNS)
    forms = {f for lemma in lemmas for f in _variants(lemma)}
    return np.array(sorted(hash_string(f) for f in forms), dtype=np.uint64)


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Element-wise membership of ``values`` in a sorted array (binary search)."""
    index = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[index] == values


def scan(doc: Doc) -> Scan:
    """Candidate predicate tokens of a doc, grouped by the sentences that hold them."""
    if not len(doc):
        return Scan(())
    cols = doc.to_array([SENT_START, POS, LEMMA])  # uint64: SENT_START -1 wraps around
    pos, lemmas = cols[:, 1], cols[:, 2]
    is_verb = (pos == VERB) & _member(lemmas, verb_hashes())
    is_noun = ((pos == NOUN) | (pos == PROPN)) & _member(lemmas, noun_hashes())
    hits = np.flatnonzero(is_verb | is_noun).tolist()
    if not hits:
        return Scan(())
    starts = np.flatnonzero(cols[:, 0] == 1)
    if not len(starts) or starts[0] != 0:
        starts = np.concatenate(([0], starts))
    numbers = np.searchsorted(starts, hits, side="right") - 1
    grouped: dict[int, list[int]] = {}
    for number, i in zip(numbers.tolist(), hits):
        grouped.setdefault(number, []).append(i)
    out = []
    for number, indices in grouped.items():
        end = int(starts[number + 1]) if number + 1 < len(starts) else len(doc)
        out.append((number, doc[int(starts[number]) : end], tuple(indices)))
    return Scan(tuple(out))
