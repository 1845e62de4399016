"""Verbs of perceiving, knowing and saying: under "can/could/will" they are no intention.

"She said she could see nothing in its behaviour that ..." or "I can say that ..." tells what
the speaker perceives or holds, not what the speaker's side will do: no promise (CAMEO 03), no
refusal. Such a statement is judged by its content like any other (:mod:`.statements`).
"""

from __future__ import annotations

from spacy.tokens import Token

#: lemmas of perception, cognition and saying.
COGNITION_VERBS = frozenset({"see", "think", "believe", "know", "understand", "imagine", "find",
                             "recall", "remember", "feel", "say", "tell", "hear", "notice",
                             "guess", "assume", "suppose"})


def cognition(verb: Token) -> bool:
    """Whether a content's main verb perceives, knows or says ("could see nothing")."""
    return verb.lemma_.lower() in COGNITION_VERBS
