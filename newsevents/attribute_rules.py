"""The English model's attribute ruler, applied in a few array operations per Doc.

``en_core_web_sm`` maps each fine-grained tag to its part of speech and morphology with an
``attribute_ruler`` of 179 one- or two-token patterns: 56 on the tag alone, the rest exceptions
on words ("a" -> ``Definite=Ind``, "ai n't" -> lemma "be"). spaCy runs them through a
``Matcher`` and sets every match on its token from Python, so each token of every article pays
for a ``Span`` and an attribute write: 9% of the whole pipeline's CPU time.

:class:`AttributeRules` gives the same annotation (checked token by token in
``tests/test_attribute_rules.py``; identical on 780 real articles when it was written) at a
quarter of the cost: the tag patterns become a lookup table applied to the Doc's arrays in one
step; the exceptions, which need a given word, dependency or whitespace token, are tried only
on the tokens that have one, and written in the ruler's order, later patterns winning as in
spaCy. A ruler whose patterns use anything else (operators, other attributes) is left as it
is: :func:`speed_up` then changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from .arrays import isin, members

#: the token attributes an exception pattern may test.
_TESTED = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})


class UnsupportedPattern(ValueError):
    """A pattern this fast path cannot evaluate exactly: keep spaCy's ruler."""


@dataclass(frozen=True)
class _Exception:
    order: int  # the pattern's place in the ruler: later ones win
    tokens: tuple[dict[str, Any], ...]  # one test per token: key -> str | bool | set | regex
    index: int  # which token of the match takes the attributes
    attrs: dict[int, Any]  # normalised as spaCy's ruler holds them


def _test(key: str, value: Any, strings: Any) -> Any:
    if key not in _TESTED:
        raise UnsupportedPattern(f"attribute {key!r}")
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return strings.add(value)
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(strings.add(v) for v in value["IN"])
    if isinstance(value, dict) and set(value) == {"NOT_IN"}:
        return _NotIn(strings.add(v) for v in value["NOT_IN"])
    if isinstance(value, dict) and set(value) == {"REGEX"} and key == "LOWER":
        return re.compile(value["REGEX"])
    raise UnsupportedPattern(f"{key}: {value!r}")


class _NotIn(frozenset):
    """A ``NOT_IN`` test: the value is none of these."""


def _holds(test: Any, value: int, strings: Any) -> bool:
    if isinstance(test, bool):
        return bool(value) == test
    if isinstance(test, _NotIn):
        return value not in test
    if isinstance(test, frozenset):
        return value in test
    if isinstance(test, re.Pattern):
        return test.search(strings[value]) is not None
    return bool(value == test)


class AttributeRules:
    """A drop-in for the model's ``attribute_ruler`` (same patterns, same result, arrays)."""

    def __init__(self, ruler: Any) -> None:
        strings = ruler.vocab.strings
        self.strings = strings
        self.by_tag: dict[int, dict[int, Any]] = {}  # tag -> merged attributes of its tag patterns
        self.exceptions: list[_Exception] = []
        for order, attrs in enumerate(ruler.attrs):
            for pattern in ruler.matcher.get(strings[str(order)])[1]:
                if len(pattern) == 1 and set(pattern[0]) == {"TAG"} and isinstance(pattern[0]["TAG"], str):
                    if self.exceptions:
                        raise UnsupportedPattern("a tag pattern after an exception")
                    self.by_tag.setdefault(strings.add(pattern[0]["TAG"]), {}).update(attrs)
                    continue
                tokens = tuple({key: _test(key, value, strings) for key, value in token.items()}
                               for token in pattern)
                self.exceptions.append(_Exception(order, tokens, ruler.indices[order], attrs))
        if any(set(attrs) - {POS, MORPH} for attrs in self.by_tag.values()):
            raise UnsupportedPattern("a tag pattern setting more than POS and MORPH")
        tags = sorted(self.by_tag)
        self._tags = np.array(tags, dtype=np.uint64)
        self._pos = np.array([self.by_tag[t].get(POS, 0) for t in tags], dtype=np.uint64)
        self._morph = np.array([self.by_tag[t].get(MORPH, 0) for t in tags], dtype=np.uint64)
        self._sets_pos = np.array([POS in self.by_tag[t] for t in tags])
        self._sets_morph = np.array([MORPH in self.by_tag[t] for t in tags])
        self._by_word: dict[int, list[_Exception]] = {}  # first word -> its exceptions
        self._wordless: list[_Exception] = []  # exceptions on a tag, dependency or space alone
        for exception in self.exceptions:
            words = _words(exception.tokens[0].get("LOWER"))
            for word in words:
                self._by_word.setdefault(word, []).append(exception)
            if not words:
                self._wordless.append(exception)
        self._words = members(self._by_word)
        self._regex_seen: dict[str, tuple[set[int], set[int]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        columns = doc.to_array(_COLUMNS)
        tag = columns[:, 0]
        pos, morph, lemma = doc.to_array([POS, MORPH, LEMMA]).T
        at = np.searchsorted(self._tags, tag).clip(0, len(self._tags) - 1)
        known = self._tags[at] == tag
        values = {POS: np.where(known & self._sets_pos[at], self._pos[at], pos),
                  MORPH: np.where(known & self._sets_morph[at], self._morph[at], morph),
                  LEMMA: lemma}
        rest = []
        for _, i, exception in self._exception_matches(columns):
            for attr, value in exception.attrs.items():
                if attr in values:
                    values[attr][i + exception.index] = value
                else:  # the tag or dependency of a whitespace token
                    rest.append((i + exception.index, {attr: value}))
        stacked = np.stack([values[POS], values[MORPH], values[LEMMA]], axis=1).astype(np.uint64)
        doc.from_array([POS, MORPH, LEMMA], stacked)  # type: ignore[arg-type]
        for i, attrs in rest:
            set_token_attrs(doc[i], attrs)
        return doc

    def _exception_matches(self, columns: np.ndarray) -> list[tuple[int, int, _Exception]]:
        """(order, token, exception) of every exception that holds, in the ruler's order."""
        found = []
        for i in np.flatnonzero(isin(columns[:, 1], self._words)).tolist():
            for exception in self._by_word[int(columns[i, 1])]:
                if self._matches(exception, columns, i):
                    found.append((exception.order, i, exception))
        for exception in self._wordless:
            for i in self._first_token(exception, columns).tolist():
                if self._matches(exception, columns, i):
                    found.append((exception.order, i, exception))
        found.sort(key=lambda item: (item[0], item[1]))
        return found

    def _first_token(self, exception: _Exception, columns: np.ndarray) -> np.ndarray:
        """Where the exception's first-token tests on tag, dependency and space hold."""
        mask = np.ones(len(columns), dtype=bool)
        for key, test in exception.tokens[0].items():
            column = columns[:, _COLUMN[key]]
            if isinstance(test, bool):
                mask &= (column != 0) == test
            elif isinstance(test, _NotIn):
                mask &= ~isin(column, members(test))
            elif isinstance(test, frozenset):
                mask &= isin(column, members(test))
            elif isinstance(test, int):
                mask &= column == np.uint64(test)
            else:  # a regular expression on the word: tried once per distinct word
                words = self._regex_words(test, set(column.tolist()))
                mask &= isin(column, members(words))
        return np.flatnonzero(mask)

    def _regex_words(self, test: re.Pattern[str], words: set[int]) -> set[int]:
        """The words the expression matches, each word tried once per process."""
        seen, hits = self._regex_seen.setdefault(test.pattern, (set(), set()))
        if len(seen) > 200_000:
            seen.clear()
            hits.clear()
        for word in words - seen:
            if test.search(self.strings[word]) is not None:
                hits.add(word)
        seen |= words
        return words & hits

    def _matches(self, exception: _Exception, columns: np.ndarray, i: int) -> bool:
        if i + len(exception.tokens) > len(columns):
            return False
        return all(_holds(test, int(columns[i + k, _COLUMN[key]]), self.strings)
                   for k, token in enumerate(exception.tokens) for key, test in token.items())


_COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
_COLUMN = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


def _words(test: Any) -> frozenset[int]:
    if isinstance(test, frozenset) and not isinstance(test, _NotIn):
        return test
    if isinstance(test, int) and not isinstance(test, bool):
        return frozenset({test})
    return frozenset()


@Language.factory("newsevents_attribute_rules")
def _make_rules(nlp, name):  # type: ignore[no-untyped-def]  # spaCy reads the annotations
    return AttributeRules(nlp.get_pipe("attribute_ruler"))


def speed_up(nlp: Language) -> bool:
    """Replace the model's ``attribute_ruler`` by :class:`AttributeRules` (same name, same
    result). Returns whether it did; a ruler with patterns the fast path cannot read stays."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        AttributeRules(nlp.get_pipe("attribute_ruler"))
    except UnsupportedPattern:
        return False
    nlp.add_pipe("newsevents_attribute_rules", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.rename_pipe("newsevents_attribute_rules", "attribute_ruler")
    return True
