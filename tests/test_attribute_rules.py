"""The array attribute rules give exactly the model's own attribute ruler's annotation."""

from __future__ import annotations

import pytest
from conftest import SEED, assert_same_annotation, shipped_and_sped_up

pytestmark = pytest.mark.model

#: hand-written sentences that reach every kind of pattern: tags alone, words with tags
#: ("a", "the", "'s"), two-token words ("ai n't", "gon na", "y' all"), a regular expression
#: ("nothin'"), dependencies ("there is", "but" as an adverb, aux), whitespace tokens.
TEXTS = [
    "The ministers said a deal was near, but the talks ain't over and they're gonna meet again.",
    "Y'all know nothin' about it, he said.  There is no plan;  there were two before.",
    "It's the army's job: who will pay, and which of them should?\n\nBut that is all.",
    "Mr. O'Neil doesn't think we'd agree; I'm not sure she'll sign, though they've tried.",
    "  \n Leading spaces, a tab\tand   runs of spaces   matter too.  ",
    "",
]


@pytest.fixture(scope="module")
def models():
    from newsevents.attribute_rules import speed_up

    return shipped_and_sped_up(speed_up)


def test_attribute_rules_same_annotation_as_the_model(models) -> None:
    assert_same_annotation(*models, TEXTS + [SEED.read_text("utf-8")])


def test_attribute_rules_replace_the_ruler_in_place(models) -> None:
    _, fast = models
    assert fast.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "AttributeRules"


def test_attribute_rules_refuse_patterns_they_cannot_read() -> None:
    import spacy

    from newsevents.attribute_rules import speed_up

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "a"})
    assert not speed_up(nlp)  # an operator: spaCy's ruler stays
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
