"""Verb + complement composition: "agreed to undertake exercises" is intent to cooperate militarily.

CAMEO codes a frame verb (appeal, intent, demand, reject, threaten) by what it is about: the
same sub-structure (material cooperation, aid, reform, yield, meeting, mediation ...) repeats
under roots 02, 03, 10, 12 and 13. PETRARCH-2 composes verb meanings the same way. Here a
frame verb whose complement clause holds a coded predicate takes the code its frame root gives
the complement's code (``data/event_composition.tsv``):

* a frame verb by lemma ("agree/promise/vow to", "urge/call on X to", "demand that", "refuse
  to", "threaten to") with a coded xcomp/ccomp;
* a reporting verb ("said", "announced") whose complement is future ("they will release")
  -> intent, or threat when the complement is a conflict event or carries an "unless/if"
  condition; obligatory ("X must hand over") -> demand; refused future ("will not accept") ->
  reject;
* a bare future statement ("Finland will give Tanzania a grant") -> intent / threat, coded on
  the predicate itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from .coding import Coding
from .composition import FRAMES, composed_code
from .modality import ASSERTED, FUTURE, NEGATED, own_modality

#: modal auxiliaries of obligation: "X must hand over" in a reported clause is a demand,
#: "X should hand over" an appeal (CAMEO: demands are the more forceful; guide: "should
#: resign" 024; the codebook's 10x examples say "must").
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
APPEAL_AUX = frozenset({"should", "ought"})


def obligation_frame(aux: set[str]) -> str:
    """The frame an obligation opens: "must" a demand (10), "should"/"ought to" an appeal (02)."""
    return "10" if "must" in aux or not aux & APPEAL_AUX else "02"
#: condition marks that turn a stated intention into a threat.
THREAT_MARKS = frozenset({"unless"})
#: roots of conflict events: their future or conditional form is a threat, not intent.
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
#: modal auxiliaries that, with an "if"/"unless" condition, make a conflict event a threat
#: ("may halt mediation if ...").
CONDITIONAL_AUX = frozenset({"may", "might", "could", "would"})


def _has_condition(token: Token) -> bool:
    """Whether the clause carries an "unless" condition (a threat: "will withdraw unless ...")."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in THREAT_MARKS
                                          for m in c.children) for c in token.children)


def _aux(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def statement_frame(comp: Token, comp_code: str) -> str | None:
    """The frame a reported clause opens by its own modality ("they will release" -> 03)."""
    aux = _aux(comp)
    conflict = comp_code[:2] in CONFLICT_ROOTS
    if comp_code[:2] == "12" and not aux & OBLIGATION_AUX:
        return None  # "said it would oppose the proposals": a rejection stated, no intent
    if own_modality(comp) == NEGATED and aux & {"will", "would", "wo", "shall"}:
        return "12" if not conflict else None
    if aux & OBLIGATION_AUX:
        return obligation_frame(aux)
    if aux & {"will", "would", "shall", "'ll"} or own_modality(comp) == FUTURE:
        return "13" if conflict or _has_condition(comp) else "03"
    return None


def _conditional_threat(head: Token, code: str) -> bool:
    """A conflict event under a modal with an "if/unless" condition: "may halt ... if ..."."""
    return code[:2] in CONFLICT_ROOTS and bool(_aux(head) & CONDITIONAL_AUX) and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                  for m in c.children) for c in head.children)


#: predicative words that schedule their complement: "is due to meet", "is scheduled to visit".
SCHEDULING_WORDS = frozenset({"due", "schedule", "set"})
#: aspectual verbs that pass their own future to their complement: "will continue to meet".
ASPECTUAL_VERBS = frozenset({"continue", "resume", "begin", "start", "keep"})


def _scheduled_future(head: Token) -> bool:
    """A future set by the governing words: "is due to meet", "will continue to meet" (an
    announced or scheduled event, CAMEO's intent; "is expected to meet" stays a prediction)."""
    token = head
    for _ in range(2):
        if token.dep_ != "xcomp" or own_modality(token) != ASSERTED:
            return False
        governor = token.head
        lemma = governor.lemma_.lower()
        if lemma in SCHEDULING_WORDS and own_modality(governor) == ASSERTED:
            return True
        if lemma in ASPECTUAL_VERBS and own_modality(governor) == FUTURE:
            return True
        if lemma not in ASPECTUAL_VERBS:
            return False
        token = governor
    return False


def _reported_future(head: Token) -> bool:
    """Future in a reported clause: "confirmed it would tighten ..." (would = will, reported)."""
    return head.dep_ == "ccomp" and "would" in _aux(head) and own_modality(head) != NEGATED


def future_frame(head: Token, code: str) -> str | None:
    """The frame of a bare future statement ("Finland will give ...") on the predicate itself.

    A reported "would" ("NATO confirmed it would tighten the blockade") counts as future, and
    a conflict event under a modal with a condition ("may halt mediation if ...") is a threat.
    """
    if code[:2] in (*FRAMES, "01"):
        return None  # "will ask X to ..." stays an appeal; statements stay statements
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in head.children):
        return None  # "asked if Iran would attack Iraq": a question, no one's intent
    if _conditional_threat(head, code):
        return "13"
    if own_modality(head) != FUTURE and not _reported_future(head) and not _scheduled_future(head):
        return None
    return "13" if code[:2] in CONFLICT_ROOTS or _has_condition(head) else "03"


#: verbs whose negation keeps the threat: "will not hesitate to use force", "did not rule out".
THREAT_KEEPING = frozenset({"hesitate", "rule", "exclude", "shy", "tolerate", "allow", "accept",
                            "stand", "flinch", "waver", "spare", "hold"})
#: intent to de-escalate military engagement (CAMEO 0356): force renounced.
DE_ESCALATE = "0356"


def renounced(frame: str, complement: Token, code: str) -> bool:
    """An intention or threat whose conflict complement is negated renounces force ("promised
    not to attack", "said it would not use force"): CAMEO codes the promise not to fight as
    intent to de-escalate (0356), not as a threat (13)."""
    return frame in ("03", "13") and code[:2] in CONFLICT_ROOTS and negated_force(complement)


def negated_force(verb: Token) -> bool:
    """Whether a clause of force is negated as such ("would not resort to force"), not by a
    verb that keeps the threat ("will not hesitate to use force")."""
    return own_modality(verb) == NEGATED and verb.lemma_.lower() not in THREAT_KEEPING


#: verbs of permission: refusing to let another party use force warns it (CAMEO 13).
PERMIT_VERBS = frozenset({"allow", "permit", "tolerate"})


def forbids_force(head: Token, complement_code: str) -> bool:
    """A refusal to permit a conflict act ("will not allow Iran to use missiles", "would not
    tolerate attacks") is a warning or threat to whoever would act (13), asserted as such, not
    a negated concession (080)."""
    return head.lemma_.lower() in PERMIT_VERBS and own_modality(head) == NEGATED \
        and complement_code[:2] in CONFLICT_ROOTS


#: verbs by which parties agree among themselves: agreeing on a coercive measure ("agreed that
#: the borders should be sealed") is cooperation between them (030), no threat to anyone.
AGREEING_VERBS = frozenset({"agree", "consent", "concur"})
INTENT_TO_COOPERATE = "030"


def agreed_measure(lemma: str, complement_code: str) -> bool:
    """Whether an agreement verb frames a conflict act (see :data:`AGREEING_VERBS`)."""
    return lemma in AGREEING_VERBS and complement_code[:2] in CONFLICT_ROOTS


def compose(frame: str, inner: Coding, label: str) -> Coding | None:
    """The composed coding of a frame over a coded complement, named after both."""
    code = composed_code(frame, inner.code)
    if code is None:
        return None
    return Coding(code, f"compose:{label}+{inner.pattern}", 3)
