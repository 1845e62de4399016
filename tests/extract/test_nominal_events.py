"""Nominal events of the real-news round on "no candidate" misses (issue #13): an event named by
a noun, its parties inside its own phrase. Invented sentences, one case per rule."""

from __future__ import annotations

import pytest

from event_helpers import dyads_of


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X-led": the leader named in one compound word is the source; a time phrase right
        # after the noun's phrase dates it even when the parse hangs it on the clause
        ("Many traders left Kuwait after the Iraqi-led invasion of that country in 1990.",
         {("19", "IRQ", "KWT")}),
        ("Many traders left the region after the Libya-led invasion of Chad in 1983.",
         {("19", "LBY", "TCD")}),
        # undated, a background invasion is no new event
        ("Many traders left the region after the Libya-led invasion of Chad.", set()),
    ],
)
def test_nominal_events(stages, text, expected):
    assert dyads_of(stages, text) == expected
