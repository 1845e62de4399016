"""Tone: VADER polarity of quotes and sentences, document tone on GDELT's AvgTone formula."""

from __future__ import annotations

import pytest

from newsevents.extract.tone import extract_tone, polarity, word_tone


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The talks were a great success and everyone is happy.", 1),
        ("The attack killed dozens and left the city in terrible ruin.", -1),
        ("The meeting is on Tuesday.", 0),
        ("The deal is not good.", -1),
        ("", 0),
    ],
)
def test_tone_polarity_sign(text: str, sign: int) -> None:
    score = polarity(text)
    assert -1.0 <= score <= 1.0
    assert (score > 0.05) - (score < -0.05) == sign


def test_tone_word_percentages() -> None:
    positive, negative, words = word_tone("good bad table chair")
    assert (positive, negative, words) == (25.0, 25.0, 4)


@pytest.mark.model
def test_tone_document(parse) -> None:
    doc = parse("Peace talks collapsed amid bitter accusations. Both sides blamed each other.")
    tone = extract_tone(doc)
    assert tone.words == 11
    assert tone.tone == pytest.approx(tone.positive - tone.negative, abs=0.01)
    assert tone.tone < 0 and tone.polarity < 0
