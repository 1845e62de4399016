"""Words of a token window for dictionary lookup: what is no part of an actor's name.

Possessive marks and punctuation go; so does a dateline restarting a wire roundup ("BAHRAIN -
Iranian forces": the place the news was filed from) and the name after a stance prefix
("pro-Iranian Hizbollah" is not Iran's).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .dictionaries import phrase_key

#: prefixes that make a name an attitude, not an actor: "pro-Iranian Hizbollah" is not Iran's.
_STANCE_PREFIXES = frozenset({"PRO", "ANTI"})


_DASHES = frozenset({"-", "--", "\u2014", "\u2013"})


def _dateline(token: Any) -> bool:
    """Whether a token is part of a dateline opening its sentence ("BAHRAIN - Iranian forces").

    Wire roundups restart the dateline inside the text; the place is where the news was filed,
    not part of the actor that follows it.
    """
    text = token.text
    if len(text) < 2 or not text.isupper() or not text.replace(".", "").isalpha():
        return False
    doc, i = token.doc, token.i
    start = i
    while start > 0 and doc[start - 1].text.isupper() and not doc[start].is_sent_start:
        start -= 1
    if not (start == 0 or doc[start].is_sent_start or "\n" in doc[start - 1].text):
        return False
    end = i + 1
    while end < len(doc) and doc[end].text.isupper() and doc[end].text not in _DASHES:
        end += 1
    return end < len(doc) and doc[end].text in _DASHES and end - start <= 4


def window_words(tokens: Iterable[Any]) -> list[tuple[str, Any]]:
    """Normalised words of a window, without possessive marks, punctuation and the name after
    a stance prefix ("pro-Iranian", "anti-Syrian")."""
    out: list[tuple[str, Any]] = []
    stance = False
    for token in tokens:
        if token.tag_ == "POS" or token.is_punct and token.text not in {"-", "."}:
            continue
        key = phrase_key(token.text)
        if not key or _dateline(token):
            continue
        if stance:
            stance = False
            continue
        if key[0] in _STANCE_PREFIXES:
            stance = True
            continue
        out.append((key[0], token))
    return out
