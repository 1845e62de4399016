"""The fast paths give exactly what the slow forms they replace give.

The timex rules run behind a first-character guard (``timex_guard``); quote cues and coreference
subjects are found from token attribute arrays instead of a spaCy ``Matcher``.
"""

from __future__ import annotations

import re

import pytest

from newsevents.extract.actors.coref import _subject_nouns, nominal_kinds
from newsevents.extract.quotes.common import cue_words
from newsevents.extract.quotes.reported import cue_spans
from newsevents.extract.timex.guard import compile_guarded, first_char_class
from newsevents.extract.timex.rules import rules

TEXTS = [
    "About 30 days ago, nearly two years after the deal, prices rose 3 percent a year.",
    "On Monday, March 3, 2025, the ministry said talks would resume next week at 10 a.m. EST.",
    "In the 1990s and the early 2000s, the second quarter of fiscal 2024 was weak; Q3 2023 too.",
    "'82 was a year; since '82, the week of May 5 and the same period a year ago, at 14:30.",
    "He said: \"It will not happen overnight.\" The current talks, recently, the day before.",
    "",
]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"abc|d", 0, r"\U00000061\U00000064"),
        (r"(?:x)?[0-9]", 0, r"\U00000078\U00000030-\U00000039"),
        (r"\b(?<=on\s)\d+", 0, r"\d"),
        (r"a*", 0, None),  # may match empty: no guard
        (r".b", 0, None),  # any first character: no guard
        (r"[^a]b", 0, None),  # negated class: no guard
    ],
)
def test_first_char_class(pattern: str, flags: int, expected: str | None) -> None:
    assert first_char_class(pattern, flags) == expected


@pytest.mark.parametrize("name", [name for name, _, _ in rules()])
def test_guarded_rules_match_like_unguarded(name: str) -> None:
    guarded = dict((n, rx) for n, rx, _ in rules())[name]
    plain = re.compile(guarded.pattern.split("(?:", 1)[1][:-1] if guarded.pattern.startswith("(?=[")
                       else guarded.pattern, re.I)
    for text in TEXTS:
        found = [(m.span(), m.groupdict()) for m in guarded.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text


def test_compile_guarded_keeps_groups() -> None:
    rx = compile_guarded(r"\b(?P<n>\d+)\s+(?P<u>days?)", re.I)
    m = rx.search("in 30 Days")
    assert m is not None and m["n"] == "30" and m["u"] == "Days" and m.span() == (3, 10)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks failed, according to officials, and Russia denied it.",
        "According to Reuters, the spokesman told reporters that the ministry had warned them.",
        "Nothing here.",
    ],
)
def test_array_scans_equal_matchers(parse, text: str) -> None:
    from spacy.matcher import Matcher

    doc = parse(text)
    cues = Matcher(doc.vocab)
    cues.add("CUE", [[{"LEMMA": {"IN": sorted(cue_words()["verb"])}, "POS": "VERB"}]])
    cues.add("ACCORDING", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    assert cue_spans(doc) == [(start, end) for _, start, end in cues(doc)]
    subjects = Matcher(doc.vocab)
    subjects.add("SUBJ", [[{"POS": "NOUN", "DEP": "nsubj", "LEMMA": {"IN": sorted(nominal_kinds())}}]])
    assert [t.i for t in _subject_nouns(doc)] == [start for _, start, _ in subjects(doc)]
