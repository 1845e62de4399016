"""Document tone and sentence/quote polarity from the VADER lexicon (offline, MIT).

Scale (``records.Tone``):

* ``positive`` / ``negative``: percent of the document's words that carry a positive /
  negative valence in the VADER lexicon (7,500 scored English words, emoticons and idioms,
  shipped inside the ``vaderSentiment`` wheel; nothing is downloaded).
* ``tone`` = ``positive - negative``, on -100..100. This is the same formula as GDELT's
  ``AvgTone`` (GKG ``V1.5TONE`` field 1: percent positive words minus percent negative words),
  so the sign and the rough scale compare directly; the absolute values differ because GDELT
  counts words against its own (LIWC-style) dictionaries, which are larger than VADER's. News
  text usually lands between -10 and +5 on both scales.
* ``polarity``: the mean VADER *compound* score (-1..1) of the document's sentences.
  VADER's compound is normalised per text and saturates on long texts, so it is averaged
  over sentences instead of computed once for the whole article.
* ``words``: the number of words counted (the denominator of the percentages).

:func:`polarity` scores one quote or sentence with VADER's compound (-1..1), which, unlike the
word percentages, handles negation ("not good") and intensifiers ("very bad").

The analyzer and its lexicon load once per process (:func:`_analyzer`).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..nlp import text_of
from ..records import Tone

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@functools.cache
def _analyzer() -> Any:
    """The VADER analyzer, built once per process (it parses a 7,500-line lexicon)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_lexicon() -> dict[str, float]:
    """VADER's lexicon (word -> valence), from the one analyzer of the process (building a second
    one would parse the lexicon again)."""
    return _analyzer().lexicon  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=8192)
def polarity(text: str) -> float:
    """VADER compound polarity of a quote or sentence.

    Cached on the text: quotes, statements, events and the document tone score many of the same
    sentences again (a pure function of the text, so the cache changes no score).

    Args:
        text: the quote or sentence.

    Returns:
        A score in -1..1 (negative to positive); 0.0 for an empty or neutral text.
    """
    lexicon = _analyzer().lexicon
    # VADER scores only lexicon words (boosters, negations and punctuation just scale them), so a
    # text without one scores exactly 0; most news sentences have none, and this skips them cheaply.
    if not any(word in lexicon for word in _WORD.findall(text.lower())):
        return 0.0
    return round(float(_analyzer().polarity_scores(text)["compound"]), 4)


def word_tone(text: str) -> tuple[float, float, int]:
    """Percent positive and negative words of ``text`` by the VADER lexicon.

    Args:
        text: any text.

    Returns:
        ``(positive_percent, negative_percent, words)``.
    """
    lexicon = _analyzer().lexicon
    words = _WORD.findall(text.lower())
    valences = [lexicon[w] for w in words if w in lexicon]
    if not words:
        return 0.0, 0.0, 0
    positive = 100.0 * sum(1 for v in valences if v > 0) / len(words)
    negative = 100.0 * sum(1 for v in valences if v < 0) / len(words)
    return positive, negative, len(words)


def extract_tone(doc: Any) -> Tone:
    """Document tone of a parsed article (see the module docstring for the scale).

    Args:
        doc: a spaCy ``Doc`` with sentence boundaries.

    Returns:
        The article's :class:`~newsevents.records.Tone`.
    """
    text = text_of(doc)
    positive, negative, words = word_tone(text)
    # A sentence's text is its slice of the doc text (Span.text would rebuild it from tokens).
    sentences = (text[sent.start_char : sent.end_char] for sent in doc.sents)
    scores = [polarity(sentence) for sentence in sentences if sentence.strip()]
    mean = sum(scores) / len(scores) if scores else 0.0
    return Tone(
        tone=round(positive - negative, 3),
        positive=round(positive, 3),
        negative=round(negative, 3),
        polarity=round(mean, 4),
        words=words,
    )
