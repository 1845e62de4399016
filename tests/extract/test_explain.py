"""``newsevents explain``: every candidate predicate, its code, actors, and why it is (not) an event."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import SEED

from newsevents.cli import cli
from newsevents.extract.events.explain import explain_events
from newsevents.extract.events.trace import OUTCOMES
from newsevents.nlp import make_docs
from newsevents.records import Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_candidates(nlp):
    lines = SEED.read_text(encoding="utf-8").split("\n", 2)
    (doc,) = nlp.pipe(make_docs(nlp, [Article("seed", "2025-07-22", lines[1], lines[2].rstrip())]))
    return doc, explain_events(doc)


def test_explain_every_event_comes_from_a_traced_candidate(seed_candidates):
    doc, candidates = seed_candidates
    made = [line for c in candidates for line in c.events]
    assert sorted(e.split()[0] for e in made) == sorted(e.cameo for e in doc._.events)
    assert all(c.outcome in OUTCOMES for c in candidates)


@pytest.mark.parametrize("word, outcome, code", [
    ("described", "event", "012"),       # "Tikhy described the talks as having grown toxic"
    ("demanded", "event", "105"),        # "has demanded legal guarantees"
    ("submitted", "light verb", "080"),  # gives way to "application" (022)
    ("grown", "uncoded", None),          # "having grown toxic": no dictionary entry
])
def test_explain_candidate_outcomes(seed_candidates, word, outcome, code):
    _, candidates = seed_candidates
    found = next(c for c in candidates if c.text == word)
    assert (found.outcome, found.code) == (outcome, code)


def test_explain_sentences_are_the_events_sentence_numbers(seed_candidates):
    doc, candidates = seed_candidates
    by_word = {c.text: c.sentence for c in candidates}
    event = next(e for e in doc._.events if e.cameo == "105")
    assert by_word["demanded"] == event.sentence


def test_explain_cli_prints_one_sentence_with_its_candidates(tmp_path):
    result = CliRunner().invoke(cli, ["explain", str(SEED), "--sentence", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("[1] In an interview on Friday")
    assert any("'described' 012" in line and "coded as an event" in line for line in lines)
    assert not any(line.startswith("[2]") for line in lines)
