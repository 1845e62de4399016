"""Event predicates and their arguments, read off spaCy's dependency parse.

A :class:`Predicate` is a verb (or an event noun such as "talks") with the heads of its
subject, object, indirect-object and prepositional-object phrases, its complement clause and
its particle. Subjects are inherited through coordination ("X met Y and signed ..."), control
("X continues to insist"), and participle clauses ("X ..., telling Y ..."); coordinated heads
are expanded ("Russia and China" -> two heads). The features used to match dictionary patterns
(:class:`Features`) are word sets built from the same dependents, so patterns match by
grammatical role rather than by raw word order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD  # type: ignore[import-not-found]
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from ..arrays import isin, members
from ..nlp import per_doc

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "obj")
COMPLEMENT_DEPS = ("ccomp", "xcomp")
#: dependents whose words count as the verb's "object side" when matching patterns.
POST_DEPS = ("dobj", "dative", "attr", "acomp", "oprd", "prt", "advmod", "npadvmod", "xcomp")
#: verbs whose xcomp carries the real predicate ("continues to insist", "began to shell").
ASPECTUAL = frozenset({"continue", "begin", "start", "keep", "resume", "go", "proceed"})
#: participles that, passive in form and without an agent, state the subject's own stance
#: ("Israel is opposed to ...", "Vietnam is committed to ...", "forces were engaged in ...",
#: "both countries are agreed that ...").
STATIVE_PARTICIPLES = frozenset({"oppose", "commit", "engage", "determine", "prepare", "resolve",
                                 "dedicate", "devote", "involve", "poise", "set", "agree"})
#: relative pronouns, which stand for the noun their clause modifies.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


@dataclass(frozen=True)
class Predicate:
    """A candidate event predicate and the heads of its arguments (all tokens of one sentence)."""

    head: Token
    lemma: str
    nominal: bool
    subjects: tuple[Token, ...]
    objects: tuple[Token, ...]
    datives: tuple[Token, ...]
    preps: tuple[tuple[str, Token], ...]
    complement: Token | None
    particle: str | None
    passive: bool


@dataclass(frozen=True)
class Features:
    """Upper-case word sets of a predicate's dependents, for dictionary pattern matching."""

    post: frozenset[str]
    post_seq: tuple[tuple[str, str], ...]
    pre: frozenset[str]
    preps: tuple[tuple[str, frozenset[str], tuple[tuple[str, str], ...]], ...]
    pre_seq: tuple[tuple[str, str], ...] = ()  # the subject side in text order, as post_seq
    every: frozenset[str] = frozenset()  # all of the above, for a pattern's anchor pre-check
    own: frozenset[str] = frozenset()  # the verb's own particles ("called off", "set up")


def conjuncts(token: Token) -> list[Token]:
    """The token and the heads coordinated with it ("Russia and China" -> [Russia, China])."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            out.extend(conjuncts(child))
    return out


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _passive_heads(doc: Any) -> frozenset[int]:
    """Tokens with a passive subject or auxiliary, from the Doc's arrays once per Doc."""
    dep, head = doc.to_array([DEP, HEAD]).T
    where = np.flatnonzero(isin(dep, _PASSIVE_DEPS))
    return frozenset((where + head[where].astype(np.int64)).tolist())


_PASSIVE_DEPS = members([get_string_id("nsubjpass"), get_string_id("auxpass")])


def is_passive(verb: Token) -> bool:
    """Whether the verb is in the passive voice (has a passive subject or auxiliary).

    A stative participle without an agent ("X is opposed to Y") is not: its grammatical
    subject holds the stance.
    """
    if verb.i not in per_doc(verb.doc, "passive_heads", _passive_heads):
        return False
    return not (verb.lemma_.lower() in STATIVE_PARTICIPLES
                and not any(c.dep_ == "agent" for c in verb.children))


def subjects_of(verb: Token, depth: int = 0) -> list[Token]:
    """Heads of the verb's subject, inherited from the governing verb when it has none.

    Inheritance covers coordinated verbs, control verbs (xcomp), aspectual verbs, participial
    adverbial clauses ("..., telling Ukraine ..."), participles on the object ("issued a
    statement demanding"), purpose clauses ("visited Y to mediate"), predicative adjectives
    ("is willing to send", "are guilty of violating"), "was quoted as saying", active relative
    clauses (the modified noun) and verbs misparsed as modifiers of a verbless root noun.
    """
    own = _children(verb, ("agent",)) if is_passive(verb) else _children(verb, SUBJECT_DEPS)
    if is_passive(verb):
        own = [g for a in own for g in a.children if g.dep_ == "pobj"]
    if own:
        own = [_antecedent(s) for s in own]
        return [c for s in own for c in conjuncts(s)] + _fronted_title(verb, own)
    if depth > 4 or verb.head == verb:
        return []
    head = verb.head
    if verb.dep_ == "conj":
        return subjects_of(_conj_governor(verb), depth + 1)
    if verb.dep_ == "xcomp":
        objects = _children(head, OBJECT_DEPS)
        return objects if objects and head.lemma_ not in ASPECTUAL else subjects_of(head, depth + 1)
    if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG":
        if verb.dep_ == "acl" and head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "issued a statement demanding ...": the issuer demands
        if head.dep_ == "ccomp" and _after_quote(verb):
            head = head.head  # 'X said that A were "B," pledging to ...': X pledges
        return subjects_of(head, depth + 1)
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return subjects_of(head, depth + 1)  # purpose: "X visited Y to mediate"
    if verb.dep_ == "pcomp" and head.lower_ == "as" and is_passive(head.head):
        # "X was quoted as saying ...", "X is described as having ..."
        return [c for s in _children(head.head, ("nsubjpass",)) for c in conjuncts(s)]
    if verb.dep_ == "acomp" or (verb.dep_ == "pcomp" and head.dep_ == "prep"
                                and head.head.pos_ == "ADJ"):
        # "X is willing to send", "X are guilty of violating"
        return subjects_of(head if verb.dep_ == "acomp" else head.head, depth + 1)
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN") and not is_passive(verb) \
            and not any(c.tag_ == "WRB" for c in verb.children):
        return [head]  # not "the curfew imposed ...", not "Serbia, where ... were killed"
    return _headline_subject(verb)


def _after_quote(verb: Token) -> bool:
    """Whether a participle follows the closing quote of a reported clause ('... B," pledging
    to'; the tagger's closing-quote tag, not an opening one): the quote has ended, so the
    participle is the reporter's act, not the quote's."""
    return any(t.tag_ == "''" for t in verb.doc[max(verb.i - 2, 0) : verb.i])


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("soldiers who were fighting", "the mob, which
    wounded five officers", "a reporter who was abducted"), else the token itself."""
    clause = token.head
    if token.lower_ in RELATIVE_PRONOUNS and token.tag_ in ("WP", "WDT") \
            and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return token


def _fronted_title(verb: Token, own: list[Token]) -> list[Token]:
    """A title set before the subject's name that the parser left unattached ("Qatar's emir,
    Sheikh Hamad launched ...": "emir" hangs on the verb as ``dep``): it names the subject too."""
    doc = verb.doc
    first = min(s.left_edge.i for s in own)
    return [c for c in verb.children
            if c.dep_ == "dep" and c.pos_ == "NOUN" and c.i + 2 == first and doc[c.i + 1].text == ","]


def _headline_subject(verb: Token) -> list[Token]:
    """A finite verb the parser hung as a modifier on a verbless sentence's root noun.

    "An official newspaper called on ..." is sometimes parsed as a noun phrase whose root
    "newspaper" carries "called" as an ``acl``; in a sentence whose root is a noun, a past
    ``acl`` without an agent is the misparsed main verb and the root noun is its subject.
    """
    root = verb.sent.root
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and root.pos_ in ("NOUN", "PROPN") \
            and root in verb.ancestors and not any(c.dep_ == "agent" for c in verb.children):
        return conjuncts(root)
    return []


def _conj_governor(verb: Token) -> Token:
    """The verb a coordinated verb shares its subject with, repairing two common misparses.

    "..., telling X ... joining NATO and suggesting ..." attaches "suggesting" to the gerund
    "joining": a participle shares the subject of the participle clause above it. "X insists
    that A are B and has demanded ..." attaches "has demanded" to the reported clause: a
    conjunct with its own auxiliary, coordinated with an auxiliary-less complement clause,
    belongs to the reporting verb.
    """
    head = verb.head
    if verb.tag_ == "VBG" and head.dep_ not in ("ROOT", "advcl", "conj"):
        for anc in head.ancestors:
            if anc.tag_ == "VBG" and anc.dep_ in ("advcl", "acl"):
                return anc
    own_aux = any(c.dep_ == "aux" for c in verb.children)
    head_aux = any(c.dep_ in ("aux", "auxpass") for c in head.children)
    if own_aux and not head_aux and head.dep_ == "ccomp":
        return head.head
    return head


def _objects(verb: Token, passive: bool) -> list[Token]:
    heads = _children(verb, ("nsubjpass",)) if passive else _children(verb, OBJECT_DEPS)
    heads = [_antecedent(h) for h in heads] or _gap_object(verb, passive)
    return [c for h in heads for c in conjuncts(h)]


def _gap_object(verb: Token, passive: bool) -> list[Token]:
    """The noun a relative clause without a relative pronoun modifies, when the clause has its
    own subject and no object: it is the clause's object ("a claim Israel rejected")."""
    head = verb.head
    if passive or verb.dep_ != "relcl" or head.pos_ not in ("NOUN", "PROPN") \
            or not _children(verb, SUBJECT_DEPS) \
            or any(c.dep_ in COMPLEMENT_DEPS or c.tag_ in ("WDT", "WP", "WRB") for c in verb.children):
        return []
    return [head]


def _preps(token: Token, objects: list[Token]) -> list[tuple[str, Token]]:
    out = []
    for owner in [token, *objects]:
        for prep in owner.children:
            if prep.dep_ in ("prep", "dative") and prep.pos_ in ("ADP", "SCONJ"):
                for pobj in prep.children:
                    # a date is no argument: "called X on Monday" is no "call on"
                    if pobj.dep_ in ("pobj", "pcomp") and pobj.ent_type_ not in ("DATE", "TIME"):
                        out.extend((prep.lower_, c) for c in conjuncts(pobj))
    return out


def for_clause(clause: Token) -> bool:
    """A for-to clause the parse hangs as an adverbial ("called for the banks to be privatised"):
    the verb's complement, its subject the party asked."""
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children) \
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def verbal_predicate(verb: Token) -> Predicate:
    """Build the :class:`Predicate` of a verb."""
    passive = is_passive(verb)
    objects = _objects(verb, passive)
    complement = next((c for c in verb.children if c.dep_ in COMPLEMENT_DEPS or for_clause(c)), None)
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    datives = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    return Predicate(
        head=verb,
        lemma=verb.lemma_.lower(),
        nominal=False,
        subjects=tuple(subjects_of(verb)),
        objects=tuple(objects),
        datives=tuple(datives),
        preps=tuple(_preps(verb, objects)),
        complement=complement,
        particle=particle,
        passive=passive,
    )


def nominal_predicate(noun: Token) -> Predicate:
    """Build the :class:`Predicate` of an event noun: its possessor is the subject.

    A possessive pronoun on the object of a support verb ("Israel mounted its invasion")
    is left out: the support verb's subject names the same party.
    """
    possessors = _children(noun, ("poss",))
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        possessors = [p for p in possessors if p.pos_ != "PRON"]
    subjects = [c for p in possessors for c in conjuncts(p)]
    preps = _preps(noun, [])
    if noun.dep_ in ("dobj", "nsubjpass"):
        # "submitted an application ... for NATO membership": the PP often hangs on the verb
        preps += [p for p in _preps(noun.head, []) if p[1] != noun]
    return Predicate(
        head=noun,
        lemma=noun_lemma(noun),
        nominal=True,
        subjects=tuple(subjects),
        objects=(),
        datives=(),
        preps=tuple(preps),
        complement=None,
        particle=None,
        passive=False,
    )


def by_agents(noun: Token) -> list[Token]:
    """Who a "by" phrase names as doing an event noun: "an incursion by X", "the blockade imposed
    by X"; also where the parse hung the phrase on the noun's own object ("an admission of
    liability by the ministry", "a complaint against the ban by the association")."""
    found = _by_objects(noun) or [o for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                                  for a in c.children if a.dep_ == "agent"
                                  for o in a.children if o.dep_ == "pobj"]  # "imposed by X"
    for prep in noun.children:
        if not found and prep.dep_ == "prep" and prep.lower_ in ("of", "against", "on"):
            found = [a for o in prep.children if o.dep_ == "pobj" for a in _by_objects(o)]
    return found


def _by_objects(token: Token) -> list[Token]:
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ == "by"
            for o in p.children if o.dep_ == "pobj"]


def noun_lemma(token: Token) -> str:
    """Lower-case lemma of a noun, also when the tagger took a capitalised noun for a name."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and token.tag_ == "NNPS" and lemma.endswith("s"):
        return lemma[:-1]
    return lemma


def _words(tokens: list[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.text.upper())
        out.add(t.lemma_.upper())
    return out


def _subtree(token: Token, limit: int = 12) -> list[Token]:
    """The token's subtree without embedded clauses, at most ``limit`` tokens."""
    out = [token]
    for child in token.children:
        if child.dep_ not in ("relcl", "ccomp", "advcl", "conj", "cc", "punct", "appos"):
            out.extend(_subtree(child, limit))
    return sorted(out, key=lambda t: t.i)[:limit] if len(out) > limit else out


def features(pred: Predicate) -> Features:
    """The word sets a dictionary pattern is matched against."""
    post: list[Token] = []
    for child in pred.head.children:
        if child.dep_ in POST_DEPS:
            post.extend(_subtree(child))
        elif child.dep_ == "ccomp":
            post.append(child)
    if pred.passive:
        for obj in pred.objects:
            post.extend(_subtree(obj))
    post.sort(key=lambda t: t.i)
    pre: list[Token] = [c for c in pred.head.children if c.dep_ in ("aux", "neg")]
    for subj in pred.subjects:
        pre.extend(_subtree(subj))
    pre.sort(key=lambda t: t.i)
    preps = []
    for prep, pobj in pred.preps:
        inner = sorted(_subtree(pobj), key=lambda t: t.i)
        seq = tuple((t.text.upper(), t.lemma_.upper()) for t in inner)
        preps.append((prep.upper(), frozenset(_words(inner)), seq))
    post_words, pre_words = frozenset(_words(post)), frozenset(_words(pre))
    every = set(post_words | pre_words)
    for prep, words, _ in preps:
        every.add(prep)
        every |= words
    own = frozenset(c.text.upper() for c in pred.head.children if c.dep_ in ("prt", "advmod"))
    return Features(
        post=post_words,
        post_seq=tuple((t.text.upper(), t.lemma_.upper()) for t in post),
        pre=pre_words,
        pre_seq=tuple((t.text.upper(), t.lemma_.upper()) for t in pre),
        preps=tuple(preps),
        every=frozenset(every),
        own=own,
    )


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``: its left dependents up to the head, plus names.

    Post-modifiers other than flat name parts are left out ("the talks with NATO" -> "the
    talks"), so a mention is the phrase that names the actor.
    """
    start = token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == end:
            end = child.i + 1
    doc = token.doc
    coordinators = [t.i for t in doc[start : token.i] if t.dep_ == "cc"]
    if coordinators:  # "[Ukraine and Western] nations": the phrase is what follows "and"
        start = coordinators[-1] + 1
    while start < token.i and doc[start].dep_ in ("punct", "cc", "prep"):
        start += 1
    return doc[start:end]


def clause_span(head: Token) -> Span:
    """The clause of a predicate as evidence: its subtree without coordinated clauses."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in ("conj", "cc") and child.pos_ in ("VERB", "AUX", "CCONJ"):
            continue
        tokens.extend(child.subtree)
    tokens = [t for t in tokens if not (t.is_punct and t.text in ",;—–-")] or [head]
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    doc = head.doc
    while end - 1 > start and doc[end - 1].is_punct and doc[end - 1].text not in "”\"’'":
        end -= 1
    return doc[start:end]
