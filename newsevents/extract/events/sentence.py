"""Coding the candidate predicates of one sentence, before any actor is looked for.

Candidates are the dictionary verbs and our event nouns (:func:`predicates_of`); each is coded
(:mod:`.coding`), a support verb gives way to the event noun it carries ("submitted an
application"), frame verbs take the code of their coded complement ("agreed to provide aid" ->
033, :mod:`.compose`), complements CAMEO codes as one event with their governor are absorbed
(:mod:`.absorb`), and a generic statement ("X said ...") reporting a coded complement gives way
to it. What became of each candidate is noted in a :class:`~.trace.Trace`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..actors.graph import ActorGraph
from ..predicates import (Predicate, by_agents, conjuncts, features, nominal_predicate, noun_lemma,
                          subjects_of, verbal_predicate)
from .absorb import absorb
from .cameo import verb_dictionary
from .coding import VISIT_NOUNS, Coding, code_predicate, noun_triggers, own_patterns, place_name
from .compose import (CONFLICT_ROOTS, DE_ESCALATE, INTENT_TO_COOPERATE, agreed_measure, compose,
                      forbids_force, future_frame, renounced, statement_frame)
from .composition import frame_of_lemma
from .modality import ASSERTED, NEGATED, deliberation_modality, frame_modality, modality
from .trace import NoTrace, Trace

NO_TRACE = NoTrace()
#: CAMEO 014 "consider policy option": a deliberation is its own event (see deliberation_modality).
DELIBERATION = "014"


@dataclass(frozen=True)
class Coded:
    """A coded predicate before actors: the predicate, its coding and modality."""

    pred: Predicate
    coding: Coding
    modality: str
    sent: Span


#: entity types whose words are a name, not a happening.
NAMED_ENTITY_TYPES = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


def _is_candidate_verb(token: Token) -> bool:
    # a participle modifying a noun ("alleged bombers", "the proposed plan") reports no event,
    # nor does a verb inside a name ("the Committee to Protect Journalists")
    if token.pos_ != "VERB" or token.lower_ == "according" or token.dep_ == "amod" \
            or token.ent_type_ in NAMED_ENTITY_TYPES:
        return False
    lemma = token.lemma_.lower()
    vd = verb_dictionary()
    return lemma in vd.verbs or ("verb", lemma) in own_patterns() or any(
        (lemma, c.lower_) in vd.phrasal for c in token.children
    )


def predicates_of(sent: Span, candidates: tuple[int, ...] | None = None) -> Iterator[Predicate]:
    """Candidate predicates of a sentence: dictionary verbs and our event nouns.

    Args:
        sent: the sentence.
        candidates: indices of the only tokens to consider (from :func:`.scan.scan`);
            None visits every token of the sentence.
    """
    nouns = noun_triggers()
    tokens = sent if candidates is None else (sent.doc[i] for i in candidates)
    for token in tokens:
        if _is_candidate_verb(token):
            yield verbal_predicate(token)
        elif token.pos_ in ("NOUN", "PROPN") and noun_lemma(token) in nouns:
            yield nominal_predicate(token)


def _carrier(pred: Predicate) -> Token:
    """The token whose modality is the event's: a support verb for its object noun."""
    head = pred.head
    if pred.nominal and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # "threatened to impose sanctions": as hypothetical as "impose"
    return head


def _within(token: Token, head: Token) -> bool:
    return head in token.ancestors


def code_sentence(sent: Span, actors: ActorGraph, candidates: tuple[int, ...] | None = None,
                  trace: Trace = NO_TRACE) -> list[Coded]:
    """Coded predicates of a sentence, generic statements that only report another event removed.

    Frame verbs take the code of their coded complement (:func:`_compose_frames`).
    ``candidates`` limits the tokens visited (see :func:`predicates_of`); ``trace`` notes what
    became of every candidate.
    """
    coded = []
    for pred in predicates_of(sent, candidates):
        coding = code_predicate(pred, features(pred), actors.is_actor)
        if coding is not None and coding.code:
            mood = (deliberation_modality(pred.head) if coding.code == DELIBERATION
                    else modality(_carrier(pred)))
            coded.append(Coded(pred, coding, mood, sent))
        else:
            trace.note(pred.head, outcome="uncoded")
    _note(trace, coded, "coded")
    light = _prefer_light_nouns(coded)
    _note_dropped(trace, coded, light, "light verb")
    framed = _compose_frames(light)
    _note_dropped(trace, light, framed, "absorbed")
    coded = [_refusal(item) for item in absorb(framed)]
    _note_dropped(trace, framed, coded, "absorbed")
    _note(trace, coded, "coded")
    kept = []
    for item in coded:
        generic = (item.coding.code[:2] == "01" and item.coding.strength <= 1) or (
            # "X reported [that Y was attacked]": the dictionary's "* ATTACK" pattern on the
            # reporting verb only echoes the coded complement, which stands on its own
            item.coding.pattern.startswith("CAMEO.2.0:") and reporting(item)
            and item.pred.complement is not None and item.pred.complement.dep_ == "ccomp"
        )
        reports = generic and item.pred.complement is not None and any(
            _within(other.pred.head, item.pred.head) for other in coded if other is not item
        )
        if reports:
            trace.note(item.pred.head, outcome="reports")
        else:
            kept.append(item)
    return kept


#: verbs of cooperation whose plain negation is a refusal: "China does not recognize Japan's
#: claims" rejects them (CAMEO 12), it does not merely fail to happen.
REFUSABLE = frozenset({"recognize", "recognise", "accept", "support", "agree", "join", "attend",
                       "sign", "endorse", "approve", "back", "cooperate", "negotiate",
                       "participate", "ratify", "honour", "honor", "abide", "comply"})


def _refusal(item: Coded) -> Coded:
    """A negated cooperative verb of :data:`REFUSABLE`, asserted as such, is a rejection."""
    if item.modality != NEGATED or item.pred.nominal or item.pred.lemma not in REFUSABLE:
        return item
    composed = compose("12", item.coding, "refuse")
    return replace(item, coding=composed, modality=ASSERTED) if composed is not None else item


def _note(trace: Trace, items: list[Coded], outcome: str) -> None:
    for item in items:
        trace.note(item.pred.head, code=item.coding.code, pattern=item.coding.pattern,
                   modality=item.modality, outcome=outcome)


def _note_dropped(trace: Trace, before: list[Coded], after: list[Coded], outcome: str) -> None:
    kept = {id(item.pred) for item in after}
    for item in before:
        if id(item.pred) not in kept:
            trace.note(item.pred.head, outcome=outcome)


#: dependencies along which a frame verb reaches its complement predicate.
FRAME_PATH_DEPS = frozenset({"xcomp", "ccomp", "acomp", "advcl", "oprd"})


def _complement_path(head: Token, coded_heads: dict[int, Coded]) -> list[Token]:
    """Tokens from a verb down to the first coded predicate of its complement (inclusive)."""
    frontier = [[head]]
    for _ in range(3):
        following = []
        for path in frontier:
            for child in path[-1].children:
                if child.dep_ not in FRAME_PATH_DEPS or child.dep_ == "advcl" and not any(
                    c.lower_ == "to" and c.dep_ == "aux" for c in child.children
                ):
                    continue
                if child.i in coded_heads:
                    return [*path, child]
                following.append([*path, child])
        frontier = following
    return []


def reporting(item: Coded) -> bool:
    """Whether the predicate is a statement verb (its dictionary default is root 01)."""
    vd = verb_dictionary()
    entry = vd.verbs.get(item.pred.lemma)
    default = (entry.code or vd.block_codes.get(entry.block)) if entry else None
    return item.coding.code[:2] == "01" or (default or "")[:2] == "01"


#: how sure the reported clause's own coding must be (a pattern's, not a verb's bare default)
#: for a reporting verb to take the frame of its modality ("said they will release" -> intent):
#: on real news, compositions over a verb's default were mostly wrong (1 of 26 right on the
#: real-news dev set); the statements stage codes what the speaker's side says it will do.
REPORTED_STRENGTH = 2


def _frame(item: Coded, path: list[Token], inner: Coded) -> str | None:
    """The frame root a predicate opens over a coded complement, or None."""
    if frame_modality(inner.pred.head) != ASSERTED:
        return None  # "said it would consider leaving": a deliberation, not an intention
    frame = frame_of_lemma(item.pred.lemma)
    for token in path[1:-1]:
        frame = frame or frame_of_lemma(token.lemma_.lower())
    if frame is None and inner.coding.strength >= REPORTED_STRENGTH and reporting(item) \
            and path[1].dep_ == "ccomp":
        frame = statement_frame(path[-1], inner.coding.code) or statement_frame(
            path[1], inner.coding.code)
    if frame == "03" and inner.coding.code[:2] in CONFLICT_ROOTS \
            or frame is None and forbids_force(item.pred.head, inner.coding.code):
        frame = "13"
    return frame


def _compose_frames(coded: list[Coded]) -> list[Coded]:
    """Frame verbs take the code of their coded complement; bare future statements become intent.

    See :mod:`newsevents.extract.events.compose`. An absorbed complement gives no event of its own.
    """
    heads = {c.pred.head.i: c for c in coded if not c.pred.nominal}
    absorbed: set[int] = set()
    out = []
    for item in coded:
        path = [] if item.pred.nominal else _complement_path(item.pred.head, heads)
        inner = heads[path[-1].i] if path else None
        frame = _frame(item, path, inner) if inner is not None else None
        composed = compose(frame, inner.coding, item.pred.lemma) if frame and inner else None
        if frame and inner and renounced(frame, inner.pred.head, inner.coding.code):
            label = f"compose:{item.pred.lemma}+not+{inner.coding.pattern}"
            composed = Coding(DE_ESCALATE, label, 3)  # "promised not to attack"
        elif frame and inner and agreed_measure(item.pred.lemma, inner.coding.code):
            label = f"compose:{item.pred.lemma}+{inner.coding.pattern}"
            composed = Coding(INTENT_TO_COOPERATE, label, 3)  # "agreed the border be sealed"
        if composed is not None and inner is not None:
            absorbed.add(inner.pred.head.i)
            warned = forbids_force(item.pred.head, inner.coding.code)  # "will not allow X to"
            item = replace(item, coding=composed, modality=ASSERTED if warned else item.modality)
        out.append(item)
    result = []
    for item in out:
        if _carrier(item.pred).i in absorbed:
            continue  # the complement verb, or the noun it carries, is now the frame's event
        frame = None if item.pred.nominal else future_frame(item.pred.head, item.coding.code)
        composed = compose(frame, item.coding, "future") if frame else None
        if composed is not None:
            item = replace(item, coding=composed, modality=ASSERTED)
        result.append(item)
    return result


def _prefer_light_nouns(coded: list[Coded]) -> list[Coded]:
    """A support verb's own default ("submit" -> yield) gives way to its coded object noun."""
    carriers = {c.pred.head.head.i for c in coded
                if c.pred.nominal and c.coding.pattern.startswith("own:noun:")
                and c.pred.head.dep_ in ("dobj", "nsubjpass")}
    return [c for c in coded
            if not (c.pred.head.i in carriers and not c.pred.nominal and c.coding.strength <= 1)]


#: verbs of being in a state: their subject is the party of "in talks", "on alert".
STATE_VERBS = frozenset({"be", "remain", "stay", "go", "keep"})
#: event nouns whose circumstance phrase ("during a visit", "after talks") has the clause's
#: subject taking part, and the prepositions of such phrases; "on" only for a journey ("on a
#: visit to"): "commented on talks with X" is a topic.
TAKING_PART = VISIT_NOUNS | {"meeting", "talk", "negotiation", "consultation", "summit", "conference",
                             "discussion"}
CIRCUMSTANCE_PREPS = frozenset({"during", "after", "at", "following", "before"})


def source_heads(pred: Predicate, actors: ActorGraph) -> list[Token]:
    """Where a coded predicate's source is named: a verb's subjects, a nominal event's
    :func:`noun_subjects`."""
    return noun_subjects(pred, actors) if pred.nominal else list(pred.subjects)


def noun_subjects(pred: Predicate, actors: ActorGraph | None = None) -> list[Token]:
    """Source heads of a nominal event: its possessor, else the support verb's subject, else
    whoever the noun's phrase names as acting ("an incursion by X", "criticism from X", "an
    agreement signed by X and Y", "the
    U.S.-led invasion", "Iraqi counter-attacks"), else the first party "between" several, else
    the subject of the verb the noun is "in" ("we are in talks with X", "made progress in talks
    with X") or of "be on" ("troops were on alert")."""
    if pred.subjects:
        return list(pred.subjects)
    head = pred.head
    agents = by_agents(head)  # named as the doer, it beats the verb's subject ("included an
    if agents:  # admission of liability by the ministry"; "an agreement signed by A and B")
        return [c for a in agents for c in conjuncts(a)]
    if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        carrier = verbal_predicate(head.head)
        if carrier.subjects or not carrier.passive:  # an agentless passive leaves the noun's
            return list(carrier.subjects)  # phrase to name the doer: "the UN sanctions were imposed"
    agents = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "from"
              for o in p.children if o.dep_ == "pobj"]
    if agents:
        return agents
    visit = pred.lemma in VISIT_NOUNS
    if actors is not None:
        modifiers = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")
                     and c.i < head.i and not (visit and place_name(c))]  # "a Japan visit"
        for child in modifiers:
            named = [t for t in child.subtree if actors.is_actor(t)]
            if named:
                return named[:1]
    parties = [c for p in head.children if p.dep_ == "prep" and p.lower_ in ("between", "among")
               for o in p.children if o.dep_ == "pobj" for c in conjuncts(o)]
    if parties:
        return parties[:1]
    circumstance = head.head.lower_ in CIRCUMSTANCE_PREPS or (head.head.lower_ == "on" and visit)
    if head.dep_ == "pobj" and circumstance and pred.lemma in TAKING_PART \
            and head.head.head.pos_ in ("VERB", "AUX"):
        # "X praised Y during a visit to Z", "after talks with Z, X said": X takes part
        return subjects_of(head.head.head)
    prep = head.head
    on_state = prep.lower_ == "on" and prep.head.lemma_ in STATE_VERBS  # "troops were on alert"
    if head.dep_ == "pobj" and prep.dep_ == "prep" and (prep.lower_ == "in" or on_state):
        verb = prep.head
        if not on_state and verb.dep_ == "dobj" and verb.head.pos_ == "VERB":
            verb = verb.head  # "he had made progress in talks with X"
        if verb.pos_ in ("VERB", "AUX"):  # "we are in talks with X", "took part in talks"
            return [c for s in verb.children if s.dep_ == "nsubj" for c in conjuncts(s)]
    return []


#: prepositions that name members of a group ("several dignitaries, including X and Y", "surplus
#: countries like West Germany and Japan").
MEMBER_PREPS = frozenset({"including", "like"})


def named_members(heads: list[Token]) -> list[Token]:
    """The members a group subject names ("Several dignitaries, including President X and
    Prime Minister Y, paid homage"; "countries such as Japan"): they act, each as a source."""
    out = []
    for head in heads:
        for prep in head.children:
            such_as = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
            if prep.dep_ == "prep" and (prep.lower_ in MEMBER_PREPS or such_as):
                out += [c for o in prep.children if o.dep_ == "pobj" for c in conjuncts(o)]
    return out


def event_agents(verb: Token) -> list[Token]:
    """The agent of the event an agentless passive happened in: "two soldiers were killed in an
    attack by Hamas militants" (also through a coordinated passive: "one was killed and 28
    injured in a bomb attack by insurgents")."""
    for clause in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN")):
        for prep in clause.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for event in (o for o in prep.children if o.dep_ == "pobj"):
                agents = [c for p in event.children if p.dep_ == "prep" and p.lower_ == "by"
                          for o in p.children if o.dep_ == "pobj" for c in conjuncts(o)]
                if agents:
                    return agents
    return []
