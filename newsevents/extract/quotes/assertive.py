"""Which reported clauses are someone's assertion (annotation guide §3): not the complement of a
denial or a doubt, not an agentless passive report, not a clause nested in another's report."""

from __future__ import annotations

from typing import Any

from .common import Draft, cue_words

#: speech verbs whose complement is not asserted: "denied that the army fired first" reports
#: what the speaker says is false (a denial is its own event, 016), not a statement.
NON_ASSERTIVE = frozenset({"deny", "denial"})

#: objects of "express"/"voice" that make its that-clause a doubt, not a statement
#: ("expressed doubt that the votes would be found").
DOUBT_NOUNS = frozenset({"doubt", "doubts", "skepticism", "scepticism", "disbelief", "uncertainty"})


def asserts(draft: Draft) -> bool:
    """Whether a reported draft states its speaker's claim: not under a non-assertive verb or
    a doubt, and not an agentless passive ("It was revealed that ...", "was told that ...")."""
    cue, lemma = draft.cue, draft.cue_lemma
    if cue is None or lemma is None:
        return True
    if lemma in NON_ASSERTIVE or any(c.dep_ == "neg" for c in cue.children):
        return False  # "did not say that ...", "would not confirm that ..."
    if lemma in cue_words()["express"] and any(
            c.dep_ == "dobj" and c.lower_ in DOUBT_NOUNS for c in cue.children):
        return False
    return not agentless_passive(cue)


def agentless_passive(cue: Any) -> bool:
    """A passive speech verb with no "by" agent: "It has been estimated that ..." (a hedged,
    unattributed report) or "the mayor was told that ..." / "when told that ..." (the subject of
    a passive "tell" is the one addressed, not the speaker)."""
    if cue.pos_ != "VERB" or cue.tag_ not in ("VBN", "VBD"):
        return False
    children = list(cue.children)
    if any(c.dep_ == "agent" for c in children):
        return False
    if cue.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        return True
    # "said to reporters when told that ...": a subjectless participle clause of an addressee
    # verb with no one addressed (the tagger often reads it as a past tense)
    return cue.lemma_.lower() in cue_words()["tell"] and cue.dep_ in ("advcl", "acl") \
        and not any(c.dep_ in ("nsubj", "aux", "dobj", "dative") for c in children)


def infinitive(head: Any) -> bool:
    """A clause headed by a to-infinitive ("admitting aid workers to dock", "began to claim
    the deposits to help ..."): an order, a plan or a purpose, never a reported statement."""
    return head.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in head.children)


def drop_nested(drafts: list[Draft]) -> list[Draft]:
    """Nested attributions keep the outer speaker only (guide §3: "X said that Y testified
    ..."): a reported clause whose speech verb lies inside another reported clause is part of
    that clause ("Officials said Kuwait had asked ...", "..., he said" after "X has indicated
    ..."), not a quote of its own; nor is the inner speech verb's clause that "according to"
    reports ("Spokespeople said they would march, according to a statement by the union")."""
    inner = []
    for draft in drafts:
        cue = draft.cue
        if cue is None or draft.direct:
            continue
        if any(other is not draft and not other.direct and other.cue is not None
               and other.cue.i != cue.i and (other.start <= cue.idx < other.end or _outer_source(
                   other, draft)) for other in drafts):
            inner.append(draft)
    return [d for d in drafts if not any(d is x for x in inner)]


def _outer_source(outer: Draft, draft: Draft) -> bool:
    return outer.cue_lemma == "according to" and draft.cue_lemma != "according to" \
        and (outer.start, outer.end) == (draft.start, draft.end)
