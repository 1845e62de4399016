"""The English model's rule lemmatizer, applied with one array read and one array write per Doc.

spaCy's ``lemmatizer`` (mode ``rule``, ``overwrite=False``) walks the Doc token by token from
Python: for each token without a lemma yet (the attribute ruler's exceptions set some) it builds
the cache key ``(orth, pos, morph)``, looks it up and sets ``token.lemma_``, a string hashed
again into the vocabulary. Most of its time goes to the token objects, not to the rules.

:class:`Lemmas` reads ORTH, POS, MORPH and LEMMA as arrays, keeps the lemmas already set, looks
every other token's ``(orth, pos, morph)`` up in a cache of lemma hashes and asks the model's
own lemmatizer (``rule_lemmatize``, spaCy's code and tables, quirks included) only on a miss;
then writes LEMMA back in one ``from_array``. Every branch of ``rule_lemmatize`` depends only on
the token's text, part of speech and morphology, so the cache gives what spaCy would compute.
Checked token by token in ``tests/test_lemmas.py``. A lemmatizer in another mode, or one that
overwrites, is left as it is: :func:`speed_up` then changes nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS  # type: ignore[import-not-found]
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

#: distinct (orth, pos, morph) kept before the cache starts again (a few MB).
_CACHE_LIMIT = 500_000


class Lemmas:
    """A drop-in for the model's rule ``lemmatizer`` (same lemmas, from arrays)."""

    def __init__(self, lemmatizer: Any) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise ValueError("only a rule lemmatizer that keeps existing lemmas")
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.cache: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        if len(doc) == 0:
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemma = columns[:, 3]
        todo = np.flatnonzero(lemma == 0)
        if len(todo) == 0:
            return doc
        cache, strings = self.cache, self.strings
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        new = []
        for i, orth, pos, morph in zip(todo.tolist(), columns[todo, 0].tolist(),
                                       columns[todo, 1].tolist(), columns[todo, 2].tolist()):
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = strings.add(lemmatizer.rule_lemmatize(doc[i])[0])
                if pos:  # no part of speech: spaCy warns each time; keep asking it
                    cache[key] = value
            new.append(value)
        lemma[todo] = np.array(new, dtype=np.uint64)
        doc.from_array([LEMMA], lemma.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


@Language.factory("newsevents_lemmas")
def _make_lemmas(nlp, name):  # type: ignore[no-untyped-def]  # spaCy reads the annotations
    return Lemmas(nlp.get_pipe("lemmatizer"))


def speed_up(nlp: Language) -> bool:
    """Replace the model's ``lemmatizer`` by :class:`Lemmas` (same name, same lemmas).
    Returns whether it did; a lemmatizer that is not a keep-existing rule one stays."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return False
    if not hasattr(lemmatizer, "rule_lemmatize"):
        return False
    nlp.add_pipe("newsevents_lemmas", after="lemmatizer")
    # the new component holds the old one; spaCy forgets it from the pipeline only
    nlp.remove_pipe("lemmatizer")
    nlp.rename_pipe("newsevents_lemmas", "lemmatizer")
    return True
