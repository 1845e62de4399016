"""The array lemmas give exactly the model's own rule lemmatizer's lemmas."""

from __future__ import annotations

import pytest
from conftest import SEED, assert_same_annotation, shipped_and_sped_up

pytestmark = pytest.mark.model

#: hand-written sentences with the ruler's own lemmas ("ai n't" -> "be", "'s"), irregular forms
#: (went, mice, better), proper nouns, numbers, punctuation, whitespace tokens and repeats (the
#: cache), and an empty text.
TEXTS = [
    "The ministers said a deal was near, but the talks ain't over and they're gonna meet again.",
    "Mice went running; the better-armed rebels' leaders were seized by police in Kabul.",
    "  \n Leading spaces, a tab\tand   runs of spaces   matter too.  ",
    "He said 3,000 troops left on 12 March 2003. He said 3,000 troops left! Said, said, saying.",
    "Y'all know nothin' about it, he said.  There is no plan;  there were two before.",
    "",
]


@pytest.fixture(scope="module")
def models():
    from newsevents.lemmas import speed_up

    return shipped_and_sped_up(speed_up)


def test_lemmas_same_as_the_model(models) -> None:
    seed = SEED.read_text("utf-8")
    assert_same_annotation(*models, TEXTS + [seed] + TEXTS)  # twice: the second from the cache


def test_lemmas_replace_the_lemmatizer_in_place(models) -> None:
    _, fast = models
    assert fast.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert type(fast.get_pipe("lemmatizer")).__name__ == "Lemmas"


def test_lemmas_leave_other_lemmatizers() -> None:
    import spacy

    from newsevents.lemmas import speed_up

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not speed_up(nlp)  # a lookup lemmatizer: spaCy's stays
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "rule", "overwrite": True})
    assert not speed_up(nlp)
