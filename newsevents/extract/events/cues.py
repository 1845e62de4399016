"""A statement's cue word: the speech verb or noun a quote was found by, as a token of the Doc.

The quotes stage records a quote's cue as text ("said", "according to"); the events stage needs
the token to code the statement (its lemma, its objects, its modality). A speech noun in the
plural or with a habitual modifier names repeated statements, background rather than an event.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER  # type: ignore[import-not-found]
from spacy.strings import get_string_id
from spacy.tokens import Token

from ...nlp import per_doc
from ...records import Quote


def cue_token(doc: object, quote: Quote) -> Token | None:
    """The token of a quote's cue: the word with the cue's lemma outside the quote, nearest it
    in the quote's sentence or the sentences around it."""
    if not quote.cue:
        return None
    first = quote.cue.split()[0]
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")  # type: ignore[attr-defined]
    if span is None:
        return None
    sent_start = span[0].sent.start
    lo = doc[sent_start - 1].sent.start if sent_start > 0 else 0  # type: ignore[index]
    hi = span[-1].sent.end
    hi = doc[hi].sent.end if hi < len(doc) else hi  # type: ignore[arg-type,index]
    lemma, lower, idx = _words(doc)
    word = get_string_id(first)
    at = lo + np.flatnonzero((lemma[lo:hi] == word) | (lower[lo:hi] == word))
    at = at[(idx[at] < quote.start) | (idx[at] >= quote.end)]
    if not len(at):
        return None
    return doc[int(at[np.argmin(np.abs(idx[at].astype(np.int64) - quote.start))])]  # type: ignore[index]


def _words(doc: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Doc's lemma, lowercase-form and offset arrays, made once per Doc."""
    return per_doc(doc, "lemma_lower_idx", lambda d: tuple(d.to_array([LEMMA, LOWER, IDX]).T))  # type: ignore[no-any-return]


#: modifiers that make a speech noun a habit, not one statement ("repeated assurances").
HABITUAL = frozenset({"repeated", "frequent", "constant", "numerous", "continued", "earlier",
                      "previous", "past", "many", "several", "recent"})


def repeated(cue: Token) -> bool:
    """Whether a speech noun names repeated statements ("repeated assurances from X"): background,
    not a dated event."""
    return cue.pos_ in ("NOUN", "PROPN") and (cue.tag_ in ("NNS", "NNPS") or any(
        c.dep_ == "amod" and c.lower_ in HABITUAL for c in cue.children))
