"""Whose proposal a rejected or opposed proposal is: the target of "voted against the
proposal", "objections to proposed curbs", "rejected the plan" when the sentence does not name
its author.

A reader takes the author from the phrase itself ("the Commission's proposal", "a plan drafted
by Egypt", "the proposed European Community tax") or, for a proposal named bare ("the
proposal"), from the nearest earlier place the article says who made one ("the Commission,
which had put forward the proposals", "the EC proposed ...").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ...records import Mention
from ..predicates import subjects_of

#: things proposed: a rejection or objection aimed at one is aimed at its author.
PROPOSAL_NOUNS = frozenset({"proposal", "plan", "directive", "initiative", "overture",
                            "suggestion", "curb", "draft", "scheme"})
#: words that say a thing was proposed ("proposed", "proposal") and verbs that make one.
PROPOSING = frozenset({"propose", "proposal"})
MAKING_VERBS = frozenset({"make", "put", "submit", "present", "table", "unveil", "draft",
                          "introduce", "announce", "launch", "propose"})
#: how far back (tokens) the article is searched for the proposal's author.
LOOKBACK = 600

#: the actor graph's mention of the phrase a token heads.
Resolve = Callable[[Token], "Mention | None"]


def _named_inside(noun: Token, resolve: Resolve) -> Mention | None:
    """An actor named in a proposal's own phrase: its possessor, a name modifying it ("the
    proposed European Community tax"), "by/from/of X", or a participle's agent."""
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "nmod") and child.i < noun.i
                                    and child.pos_ == "PROPN"):
            found = resolve(child)
            if found is not None:
                return found
        heads = [o for p in (child, *(c for c in child.children if c.dep_ == "agent"))
                 if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from", "of")
                 for o in p.children if o.dep_ == "pobj"]
        for head in heads:
            found = resolve(head)
            if found is not None:
                return found
    return None


def _author(token: Token, resolve: Resolve) -> Mention | None:
    """Who made the proposal a proposing word names: "X proposed", "the proposed X tax" (a
    name inside the phrase), "X's proposal", "X put forward the proposals"."""
    if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
        subjects = subjects_of(token)
        return next((m for s in subjects if (m := resolve(s)) is not None), None)
    noun = token.head if token.dep_ in ("amod", "acl") else token
    inside = _named_inside(noun, resolve)
    if inside is not None:
        return inside
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in MAKING_VERBS:
        return next((m for s in subjects_of(verb) if (m := resolve(s)) is not None), None)
    return None


def proposer(noun: Token, resolve: Resolve) -> Mention | None:
    """The author of a proposal noun: named in its phrase, else at the nearest earlier
    proposing word of the article whose author is named (:data:`LOOKBACK` tokens back)."""
    if noun.lemma_.lower() not in PROPOSAL_NOUNS:
        return None
    inside = _named_inside(noun, resolve)
    if inside is not None:
        return inside
    doc = noun.doc
    for i in range(noun.i, max(noun.i - LOOKBACK, 0) - 1, -1):
        token = doc[i]
        if token.lemma_.lower() in PROPOSING or token.lemma_.lower() == noun.lemma_.lower():
            found = _author(token, resolve)
            if found is not None:
                return found
    return None
