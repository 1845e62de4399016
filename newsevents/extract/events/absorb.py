"""Merge a sentence's coded predicates that CAMEO codes as one event.

Runs after frame composition (:mod:`compose`) on the coded predicates of one sentence. Each
rule follows a CAMEO usage note and removes or re-codes predicates, never adds one:

* a protest absorbs the appeal or demand that says what it is for ("staged demonstrations to
  demand reforms", "continued their hunger strike to demand the resignation of ...",
  "blocked roads, demanding ..."): one 14x event, refined to 14x1-14x4 by the demand's aspect;
* a means verb gives way to its purpose ("dispatched inspectors to investigate", "summoned
  the ambassador to complain", "sent troops to attack"): the purpose is the event;
* a decision verb coded only by its dictionary default gives way to what was decided ("the
  court decided to allow ...");
* a statement whose object carries a coded event ("issued a declaration demanding ...")
  gives way to that event;
* what an accusation alleges ("accused X of violating ..., ignoring ...") is the accusation's
  content, not an event the text asserts;
* a predicate coordinated with a composed complement ("urged X to unite and mobilize") was
  coded with it;
* a reported obligation is a demand ("said the US must be ready to mediate": 108, not 039);
* an attempted assassination is 185 ("attempted to assassinate");
* forces preparing an attack show force (150: "the army prepared to resume shelling");
* a predicate governed by a frame word that is not itself coded ("is willing to send aid",
  "ready to host talks") takes the frame's composed code (033, 036).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, TypeVar

from spacy.tokens import Token

from .coding import Coding
from .compose import OBLIGATION_AUX, compose, obligation_frame
from .composition import composed_code, frame_of_lemma
from .modality import ASSERTED, modality

#: the protest root, and the roots of the purpose clauses a protest absorbs ("rallied to demand").
PROTEST_ROOT = "14"
PROTEST_PURPOSES = frozenset({"02", "10", "14"})
#: demand / appeal for change in leadership, policy, rights, institutions -> the last digit of
#: the protest's code ("demonstrate for leadership change" 1411 ... 1454).
DEMAND_ASPECT = {"1041": "1", "1042": "2", "1043": "3", "1044": "4",
                 "0241": "1", "0242": "2", "0243": "3", "0244": "4"}
#: verbs of sending or calling in someone to do something: the purpose is the event.
MEANS_LEMMAS = frozenset({"send", "dispatch", "despatch", "deploy", "summon", "convene", "use"})
#: roots a means verb's purpose must have to replace it (consult, investigate, disapprove,
#: violence); aid purposes ("sent troops to help") stay with the sending (074).
MEANS_PURPOSES = frozenset({"04", "09", "11", "18", "19", "20"})
#: verbs whose dictionary default (030 "decide") only frames the decided action.
DECISION_LEMMAS = frozenset({"decide", "choose", "opt", "vote", "resolve", "move"})
#: the root of public statements ("issued a statement ...").
STATEMENT_ROOT = "01"
#: verbs that issue a document ("issued a statement", "published a declaration").
ISSUE_LEMMAS = frozenset({"issue", "release", "publish", "make", "adopt", "send", "deliver",
                          "read", "circulate", "sign"})
#: verbs of attempting: "tried to assassinate" is an assassination attempt (185).
ATTEMPT_LEMMAS = frozenset({"try", "attempt", "seek", "plot"})
#: verbs of getting ready: preparing an attack is a show of force (150), not a threat.
POSTURE_LEMMAS = frozenset({"prepare", "gear", "ready", "mass"})
#: roots of accusations, whose "of/for" content is alleged, not asserted.
ACCUSATION_ROOTS = frozenset({"11"})


class _CodedLike(Protocol):
    """What this module reads of a coded predicate (``events.Coded``)."""

    @property
    def pred(self): ...  # noqa: D102

    @property
    def coding(self) -> Coding: ...  # noqa: D102

    @property
    def modality(self) -> str: ...  # noqa: D102


C = TypeVar("C", bound=_CodedLike)


def _anchors(pred) -> tuple[Token, ...]:
    """The predicate's head and, for a noun, the support verb that carries it."""
    head = pred.head
    if pred.nominal and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        return head, head.head
    return (head,)


def _purpose_clause(token: Token) -> bool:
    """Whether a verb is an infinitive or participle clause ("to demand", ", calling")."""
    if token.dep_ == "xcomp":
        return True
    if token.dep_ in ("advcl", "acl"):
        return token.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to"
                                          for c in token.children)
    return False


def _protest_code(code: str, purpose: str) -> str:
    """A 3-digit protest code refined by what it demands (141 + 1041 -> 1411)."""
    aspect = DEMAND_ASPECT.get(purpose[:4])
    return code + aspect if aspect and len(code) == 3 and code != "140" else code


def _protest_purposes(coded: list[C]) -> list[C]:
    anchors = {t.i: c for c in coded if c.coding.code[:2] == PROTEST_ROOT
               for t in _anchors(c.pred)}
    if not anchors:
        return coded
    absorbed: set[int] = set()
    refined: dict[int, str] = {}
    for item in coded:
        head = item.pred.head
        protest = anchors.get(head.head.i)
        if (item.pred.nominal or item.coding.code[:2] not in PROTEST_PURPOSES or protest is None
                or protest is item or not _purpose_clause(head)):
            continue
        absorbed.add(head.i)
        key = protest.pred.head.i
        refined[key] = _protest_code(refined.get(key, protest.coding.code), item.coding.code)
    out = []
    for item in coded:
        if item.pred.head.i in absorbed and not item.pred.nominal:
            continue
        code = refined.get(item.pred.head.i)
        if code and code != item.coding.code and item.coding.code[:2] == PROTEST_ROOT:
            item = replace(item, coding=Coding(code, f"{item.coding.pattern}+purpose", 3))
        out.append(item)
    return out


def _gives_way(item: C, coded: list[C]) -> bool:
    """Whether a means or decision verb has a coded purpose / decided action that replaces it."""
    pred = item.pred
    if pred.nominal:
        return False
    means = pred.lemma in MEANS_LEMMAS
    decision = pred.lemma in DECISION_LEMMAS and item.coding.strength <= 1
    if not (means or decision):
        return False
    for other in coded:
        head = other.pred.head
        if other is item or other.pred.nominal or head.head.i != pred.head.i:
            continue
        if means and _purpose_clause(head) and other.coding.code[:2] in MEANS_PURPOSES:
            return True
        if decision and head.dep_ == "xcomp":
            return True
    return False


def _reports_content(item: C, coded: list[C]) -> bool:
    """Whether a statement's object carries the coded event it issues.

    "issued a declaration demanding that ...", "published a statement calling for ...": the
    demand or appeal is the event; the statement only carries it.
    """
    if item.pred.lemma not in ISSUE_LEMMAS or item.coding.code[:2] != STATEMENT_ROOT:
        return False
    objects = {o.i for o in item.pred.objects}
    return any(not o.pred.nominal and o.pred.head.dep_ in ("acl", "relcl")
               and o.pred.head.head.i in objects for o in coded if o is not item)


def _co_complement(item: C, composed: list[Token], heads: set[int]) -> bool:
    """Whether the predicate is coordinated with a frame verb's complement ("urged X to unite
    and mobilize"): composition already coded the frame over the first conjunct."""
    token = item.pred.head
    if item.pred.nominal or token.dep_ != "conj":
        return False
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return any(frame in token.ancestors and token.i not in heads or frame.i == token.head.i
               for frame in composed)


def _obligation(item: C) -> C:
    """A reported "must be ready to mediate" is a demand, not an intent (039 -> 108); "should be
    ready to" an appeal (039 -> 028)."""
    pred = item.pred
    comp = pred.complement
    if (pred.nominal or comp is None or comp.dep_ != "ccomp" or item.coding.code[:2] != "03"
            or not item.coding.pattern.startswith("compose:")
            or frame_of_lemma(pred.lemma) is not None):  # "agreed that they should": intent
        return item
    aux = {c.lower_ for c in comp.children if c.dep_ == "aux"}
    if not aux & OBLIGATION_AUX:
        return item
    code = composed_code(obligation_frame(aux), item.coding.code)
    return replace(item, coding=Coding(code, item.coding.pattern.replace(
        "compose:", "compose:must+", 1), 3)) if code else item


def _attempted(item: C) -> C:
    """An attempted assassination is CAMEO 185, an event in itself ("tried to assassinate")."""
    head = item.pred.head
    if (item.coding.code == "186" and head.dep_ == "xcomp"
            and head.head.lemma_.lower() in ATTEMPT_LEMMAS):
        return replace(item, coding=Coding("185", f"{item.coding.pattern}+attempt", 3),
                       modality=modality(head.head))
    return item


def _posture(item: C) -> C:
    """Armed forces preparing an attack show force (150); saying they are prepared threatens.

    "The army prepared to resume shelling" is CAMEO 150 (demonstrate military power): the
    preparation is done, not said. "X is prepared to use force" (adjective) stays a threat.
    """
    head = item.pred.head
    if (item.coding.code[:3] in ("137", "138")  # force, not "to retaliate with taxes" (1312)
            and item.coding.pattern.startswith("compose:") and head.dep_ != "acomp"
            and head.lemma_.lower() in POSTURE_LEMMAS and head.pos_ == "VERB"
            and not any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)):
        return replace(item, coding=Coding("150", f"{item.coding.pattern}+posture", 3))
    return item


def _recode(item: C) -> C:
    """The single-predicate re-codings: reported obligation, attempt, force posture."""
    return _posture(_attempted(_obligation(item)))


def _alleged(item: C, accusations: set[int]) -> bool:
    """Whether the predicate is what an accusation alleges ("accused X of violating ...")."""
    token = item.pred.head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    prep = token.head
    return (token.dep_ == "pcomp" and prep.lower_ in ("of", "for") and prep.head.i in accusations)


def _uncoded_frame(item: C, heads: set[int]) -> C:
    """Compose a predicate with an uncoded frame word above it ("is willing to send ...")."""
    token = item.pred.head
    for _ in range(3):
        if not (_purpose_clause(token) or token.dep_ == "acomp"):
            return item
        token = token.head
        if token.i in heads:
            return item  # a coded frame verb: composed by events._compose_frames already
        frame = frame_of_lemma(token.lemma_.lower())
        if frame is not None:
            composed = compose(frame, item.coding, token.lemma_.lower())
            if composed is None:
                return item
            mood = modality(token)
            return replace(item, coding=composed, modality=ASSERTED if mood == ASSERTED else mood)
    return item


def absorb(coded: list[C]) -> list[C]:
    """The sentence's coded predicates with those CAMEO folds into another merged (see module)."""
    if len(coded) < 2:
        return [c if c.pred.nominal else _uncoded_frame(_recode(c), set()) for c in coded]
    coded = _protest_purposes(coded)
    accusations = {c.pred.head.i for c in coded if c.coding.code[:2] in ACCUSATION_ROOTS}
    heads = {c.pred.head.i for c in coded}
    composed = [c.pred.head for c in coded
                if not c.pred.nominal and c.coding.pattern.startswith("compose:")]
    kept = [_recode(c) for c in coded
            if not _gives_way(c, coded) and not _alleged(c, accusations)
            and not _reports_content(c, coded) and not _co_complement(c, composed, heads)]
    heads = {c.pred.head.i for c in kept}
    return [c if c.pred.nominal else _uncoded_frame(c, heads) for c in kept]
