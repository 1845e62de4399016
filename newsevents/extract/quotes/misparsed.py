"""Reported clauses the parser misattached: the complementiser read as an object pronoun, the
that-clause hung on a nearby noun, a clause head tagged as a noun, a speech noun under a
light verb. Each returns what a correct parse would: the clause, or its head token."""

from __future__ import annotations

from typing import Any

#: dependents that show a token heads a clause of its own.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})

#: verbs that make a speech noun their object the subject's speech: "gave notice that",
#: "issued a warning that", "made the claim that", "filed a complaint stating that".
LIGHT_VERBS = frozenset({"give", "issue", "make", "send", "deliver", "repeat", "renew", "reiterate",
                         "file", "lodge", "release", "publish"})


def _has(token: Any, deps: frozenset[str]) -> bool:
    return any(c.dep_ in deps for c in token.children)


def _that_mark(token: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def noun_clause_head(token: Any) -> bool:
    """A clausal complement whose head verb the tagger took for a noun ("arguing that Chinese
    rights end at the shelf"): it has a subject and the complementiser "that"."""
    return token.pos_ == "NOUN" and _has(token, _SUBJECTS) and _that_mark(token)


def that_object(cue: Any) -> tuple[int, int] | None:
    """"told Parliament that the bid was ...", "estimate that more than 100,000 slaves passed
    ...": the complementiser parsed as the verb's object pronoun and the clause scattered after
    it. Token range (start, end) of what follows "that" to the end of the speech verb's
    phrase, when it holds a subject and a verb (not "said that to reporters")."""
    that = next((c for c in cue.rights if c.dep_ == "dobj" and c.lower_ == "that"), None)
    if that is None:
        return None
    end = cue.right_edge.i + 1
    rest = cue.doc[that.i + 1 : end]
    if len(rest) < 3 or not any(t.dep_ in _SUBJECTS or t.pos_ in ("NOUN", "PROPN", "PRON") for t in rest[:4]) \
            or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return that.i + 1, end


def stray_clause(cue: Any) -> Any:
    """"claimed at a forum that he had evidence ...": the that-clause with a subject of its
    own hung as a relative clause on a noun of the speech verb's prepositional phrase (a
    relative clause's "that" is its subject or object, never a complementiser mark)."""
    for prep in cue.rights:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for clause in noun.rights:
                if clause.dep_ in ("relcl", "acl") and _that_mark(clause) and _has(clause, _SUBJECTS):
                    return clause
    return None


def light_verb_speaker(noun: Any) -> Any:
    """The speaker of a speech noun that is a light verb's object ("Thatcher gave notice that
    ...", "the army issued a warning that ..."): the light verb's subject; also an object set
    off after a comma, which the parser reads as an adverbial ("filed before the Ombudsman, a
    complaint stating that ...")."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "npadvmod") or verb.lemma_.lower() not in LIGHT_VERBS \
            or (noun.dep_ == "npadvmod" and noun.i < verb.i):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)
