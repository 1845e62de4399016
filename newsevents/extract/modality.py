"""Modality of an event predicate: asserted, negated, hypothetical or future.

Read from the predicate's own dependents and the chain of clauses that govern it, never from
its complement: in "Russia demanded guarantees that Kiev will not join" the demand is asserted
and only the joining is negated and future.
"""

from __future__ import annotations

from spacy.tokens import Token

ASSERTED, NEGATED, HYPOTHETICAL, FUTURE = "asserted", "negated", "hypothetical", "future"

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
HYPOTHETICAL_AUX = frozenset({"could", "would", "may", "might", "should", "must", "can", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "once", "provided", "lest"})
#: governing verbs that say the governed event did not happen ("failed to secure").
NEGATING_VERBS = frozenset({"fail", "refuse", "decline", "reject", "deny", "avoid", "cease",
                            "stop", "neglect", "abandon", "forgo", "forget"})
#: governing verbs that leave the governed event unrealised ("wants to attack").
IRREALIS_VERBS = frozenset({"want", "hope", "seek", "try", "attempt", "wish", "consider",
                            "threaten", "offer", "propose", "urge", "call", "ask", "demand",
                            "promise", "vow", "pledge", "need", "aim", "like", "prefer", "push"})
#: governing verbs that put the governed event in the future ("plans to visit").
FUTURE_VERBS = frozenset({"plan", "expect", "intend", "schedule", "set", "prepare", "due",
                          "go", "aim", "poise"})


def own_modality(token: Token) -> str:
    """Modality marked on the token itself (its negation, auxiliaries, 'no' determiner)."""
    children = list(token.children)
    if any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod"))
           for c in children):
        return NEGATED
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if aux & HYPOTHETICAL_AUX:
        return HYPOTHETICAL
    if aux & FUTURE_AUX:
        return FUTURE
    if "going" in aux and any(c.lower_ == "to" for c in children):
        return FUTURE
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return HYPOTHETICAL
    return ASSERTED


def _governed(token: Token) -> str:
    """Modality a governing verb imposes on its xcomp ("failed to", "plans to", "wants to")."""
    head = token.head
    lemma = head.lemma_.lower()
    if lemma in NEGATING_VERBS:
        return NEGATED
    if lemma in FUTURE_VERBS or (lemma == "be" and token.dep_ == "xcomp"):
        return FUTURE
    if lemma in IRREALIS_VERBS:
        return HYPOTHETICAL
    return ASSERTED


def modality(head: Token, stop: Token | None = None) -> str:
    """The modality of the event whose predicate is ``head``.

    Walks up from the predicate through control (xcomp), adverbial and relative clauses and
    coordination, stopping at a reporting verb's complement boundary (ccomp) or at ``stop``.

    Args:
        head: the predicate token.
        stop: a governing token whose own modality must not be inherited (e.g. the
            reporting verb of a reported event).

    Returns:
        One of ``asserted``, ``negated``, ``hypothetical``, ``future``.
    """
    token = head
    for _ in range(6):
        own = own_modality(token)
        if own != ASSERTED:
            return own
        dep = token.dep_
        if token.head is token or token.head is stop:
            return ASSERTED
        if dep == "xcomp":
            governed = _governed(token)
            if governed != ASSERTED:
                return governed
        elif dep == "advcl" and any(c.dep_ == "mark" and c.lower_ == "when" for c in token.children):
            # "when allies agree": conditional when the governing clause is not asserted
            parent = modality(token.head, stop)
            return HYPOTHETICAL if parent != ASSERTED else ASSERTED
        elif dep not in ("conj", "advcl", "relcl", "acl"):
            return ASSERTED
        token = token.head
    return ASSERTED
