"""Whom a reported statement criticises or accuses: the owner of the blame it words.

A neutral statement ("said", "told") is criticism (CAMEO 111) or an accusation (112) when what
is said puts blame on another party. The blame is worded on a noun, an adjective or a verb, and
the party it lands on is that word's owner in the parse, wherever it sits in the main clause of
what was said, subject included:

* a noun's possessor, its "of"/"by" object or a party named in front of it ("the government's
  *unwillingness*", "the *refusal* of the U.S. government", "*aggression* by the Russian navy");
* for a noun the clause's verb has as object or attribute, that verb's subject ("the Baghdad
  government was spreading *propaganda*", "the United States is imposing *unjust* sanctions");
* for an adjective, the noun it describes or the subject it is predicated of ("*protectionist*
  EC measures", "the Ruritanian sanctions were *illegal*");
* for a verb, its subject ("Israel *violated* the truce").

An act of conflict the content attributes to another party than the speaker's ("the opposition
had organized attacks", "material was destroyed by the police") is an accusation of its agent.
A refused acceptance ("it cannot be accepted", "could not be tolerated") words blame as
"unacceptable" does.

Every sentence of a quote is read, not only the first: a direct quote often opens with the
speaker's own position and blames in its second sentence. Blame that is negated ("was not
illegal") or only supposed ("if the army violates ...") puts blame on no one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span, Token

from ...records import Actor
from .cameo import verb_dictionary

#: verbs of accepting: refused in a passive or with "cannot", they word blame ("cannot be accepted").
ACCEPT_LEMMAS = frozenset({"accept", "tolerate", "condone", "justify", "excuse"})
#: what is proposed to a party: refusing to accept one is a rejection (CAMEO 12), not criticism.
PROPOSALS = frozenset({"deal", "proposal", "plan", "offer", "agreement", "term", "condition",
                       "demand", "resolution", "ceasefire", "truce", "settlement", "compromise"})
#: subordinators that only suppose what their clause says ("if the army violates the truce").
SUPPOSING = frozenset({"if", "unless", "whether", "when", "once", "until", "lest"})
#: a noun's dependents that name its owner: possessor, a party in front ("EC measures").
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
#: clauses that describe a noun ("a rally organized by ...", "the claim that X lied"): what
#: they say is not what the speaker asserts.
NOUN_CLAUSES = frozenset({"acl"})

#: roots of conflict acts: one by another party, reported by a speaker, is an accusation.
CONFLICT_ACT_ROOTS = frozenset({"11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})

#: sectors of the bodies a speaker known only by its country blames in that country.
RULING_SECTORS = frozenset({"GOV", "OPP", "PTY", "LEG", "MIL", "COP", "JUD", "REB"})

IsParty = Callable[[Token], bool]


def sectorless_blame(speaker: Actor | None, party: Actor | None) -> bool:
    """Whether a speaker known only by its country (an industry council, a witness, an official
    named without a post) blames a political body of that country ("the government's
    unwillingness"): a domestic party, though no sector of the speaker's says it is another."""
    return bool(speaker and party and speaker.sector is None and not speaker.org
                and party.sector in RULING_SECTORS and party.country == speaker.country)


def sentence_spans(content: Span) -> Iterator[Span]:
    """The content cut at its sentence boundaries (a quote may run over several)."""
    start = content.start
    for token in content:
        if token.i > start and token.is_sent_start:
            yield content.doc[start:token.i]
            start = token.i
    yield content.doc[start:content.end]


def negated(token: Token) -> bool:
    """Whether the word, or the verb it is the complement of, is negated ("was not illegal",
    "no violation")."""
    heads = [token] + ([token.head] if token.dep_ in ("acomp", "attr", "dobj", "oprd") else [])
    return any(c.dep_ == "neg" or c.lower_ in ("no", "never") for h in heads for c in h.children)


def _supposed(token: Token, span: Span) -> bool:
    """Whether the word lies in a clause the content only supposes ("if X violates ...") or in
    one describing a noun ("his assertion that X committed crimes", "a rally organized by ...")."""
    for ancestor in (token, *token.ancestors):
        if not span.start <= ancestor.i < span.end:
            return False
        if ancestor.dep_ in NOUN_CLAUSES:
            return True
        if ancestor.dep_ in ("advcl", "ccomp", "csubj") and any(
                c.dep_ == "mark" and c.lower_ in SUPPOSING for c in ancestor.children):
            return True
    return False


def _subject(verb: Token) -> Token | None:
    """A verb's subject, or the passive agent's object ("destroyed by the police")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return None


def _named(token: Token) -> bool:
    """A name or a nationality word in front of a noun, not a common word ("military")."""
    return token.pos_ == "PROPN" or bool(token.ent_type_)


def _act_noun(noun: Token) -> bool:
    """Whether a noun names an act done to someone ("occupation of Iraq", "destruction of the
    station"): its "of" object is the victim, not the party blamed. Nouns of a failing or an
    attitude ("refusal of the government", "failure of the WTO") take their owner with "of"."""
    lemma = noun.lemma_.lower()
    return lemma.endswith(("ion", "ment")) or lemma in verb_dictionary().verbs


def _noun_owners(noun: Token) -> Iterator[Token]:
    """The parties named on a noun, surest first: its possessor, its "by" object, a name in
    front of it ("EC measures", "Japanese barriers"), its "of" object unless it names a victim."""
    children = list(noun.children)
    yield from (c for c in children if c.dep_ == "poss")
    yield from _objects(children, ("by",))
    if noun.dep_ == "nsubjpass":  # "the genocide was carried out by X": X, not a name in front
        yield from _objects(list(noun.head.children), ("by",))
    yield from (c for c in children if c.dep_ in OWNER_DEPS and c.dep_ != "poss" and _named(c))
    if not _act_noun(noun):
        yield from _objects(children, ("of",))


def _objects(children: list[Token], preps: tuple[str, ...]) -> Iterator[Token]:
    for child in children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            yield from (o for o in child.children if o.dep_ == "pobj")


def owners(word: Token) -> Iterator[Token]:
    """Candidate owners of a blame word, surest first (see the module docstring)."""
    noun = word.head if word.dep_ == "amod" and word.head.pos_ in ("NOUN", "PROPN") else word
    if noun.pos_ in ("NOUN", "PROPN"):
        yield from (o for o in _noun_owners(noun) if o is not word)
        if noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            subject = _subject(noun.head)
            if subject is not None and subject is not noun:
                yield subject
                yield from _noun_owners(subject)
    elif word.pos_ in ("ADJ", "VERB", "AUX"):
        verb = word.head if word.dep_ in ("acomp", "oprd") else word
        subject = _subject(verb)
        if subject is not None:
            yield subject
            yield from _noun_owners(subject)


def refused_acceptance(head: Token) -> str | None:
    """What a clause refusing acceptance does: a refused proposal is a rejection ("a peace deal
    would never be accepted": ``reject``), anything else is blamed as "unacceptable" would be
    ("it cannot be accepted", "such acts will not be tolerated": ``criticize``); a proposal
    called "unacceptable" is rejected too (other things so called are left to blame words);
    None when the clause refuses nothing."""
    children = list(head.children)
    if head.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ == "unacceptable"
                                   for c in children):  # guide: "a proposal unacceptable" 12
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        return "reject" if subject is not None and subject.lemma_.lower() in PROPOSALS else None
    if not (head.lemma_.lower() in ACCEPT_LEMMAS and any(c.dep_ == "auxpass" for c in children)
            and any(c.dep_ == "neg" or c.lower_ == "never" for c in children)):
        return None
    subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
    return "reject" if subject is not None and subject.lemma_.lower() in PROPOSALS else "criticize"


def called_unacceptable(cue: Token, content: Span) -> bool:
    """Whether a speech verb calls a proposal unacceptable ("called the demands of the
    kidnappers 'unacceptable'"): the guide's rejection (12), not criticism."""
    return cue.lemma_.lower() in ("call", "describe", "term", "label") and any(
        t.lower_ in ("unacceptable", "inacceptable") for t in content) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in PROPOSALS for c in cue.children)


def accused_agent(head: Token, root_of: Callable[[Token], str | None],
                  is_party: IsParty) -> Token | None:
    """The agent of a conflict act heading the content that is another party than the
    speaker's ("the opposition had organized some attacks", "material has been destroyed by the
    police"), or None.

    Args:
        head: the verb heading what was said.
        root_of: the CAMEO root the verb dictionary gives a verb by default.
        is_party: whether a noun-phrase head names another party than the speaker's.
    """
    if root_of(head) not in CONFLICT_ACT_ROOTS or any(c.dep_ == "neg" for c in head.children):
        return None
    agents = [c for c in head.children if c.dep_ == "nsubj"] + [
        o for a in head.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return next((a for a in agents if is_party(a)), None)


def blame_words(content: Span, is_blame: Callable[[Token], bool]) -> list[Token]:
    """The content's blame words that blame: not negated, not supposed, not a noun's clause."""
    return [word for span in sentence_spans(content) for word in span
            if is_blame(word) and not negated(word) and not _supposed(word, span)]


def blamed_party(content: Span, is_blame: Callable[[Token], bool], is_party: IsParty) -> Token | None:
    """The party the content puts blame on, or None (no blame word, or none with an owner that
    is another party).

    Args:
        content: what was said.
        is_blame: whether a word is a blame word (``stance_words.tsv`` kind ``blame``).
        is_party: whether a noun-phrase head names another party than the speaker's.
    """
    for word in blame_words(content, is_blame):
        span = next(s for s in sentence_spans(content) if s.start <= word.i < s.end)
        party = next((o for o in owners(word) if span.start <= o.i < span.end and is_party(o)), None)
        if party is not None:
            return party
    return None
