"""Who did it and to whom: event sources and targets as actor mentions.

A noun-phrase head resolves, in order, through the article's entities (a person's entity keeps
the whole titled phrase as the mention text), :func:`actors.resolve_span`, coreference for
pronouns and nominal references ("he", "the alliance"), an actor named inside the phrase
("the 2023 NATO summit" -> NATO, "Russia's forces" -> Russia) and, for a definite nominal
with no name ("Last year's summit"), the last phrase in the article with the same head noun
that did resolve. A bare sector ("the ministry" -> GOV) does not make a dyad; a region or bloc
without a country ("Western nations" -> WST) does.

Event nouns ("negotiations between Ukraine and Western nations") are remembered with their
participants, so a later "the talks" can supply the other party as a target.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ..nlp import text_of
from ..records import Actor, Entity, Mention
from .predicates import conjuncts, noun_lemma, noun_phrase

#: event nouns that share participants when referred back to ("the talks" after "negotiations").
TALK_NOUNS = {
    "talk": "talks", "negotiation": "talks", "discussion": "talks", "consultation": "talks",
    "dialogue": "talks", "meeting": "meeting", "summit": "meeting", "conflict": "conflict",
    "war": "conflict", "fighting": "conflict", "dispute": "conflict",
}
#: prepositions introducing the participants of an event noun.
PARTICIPANT_PREPS = ("between", "with", "among", "against")
PARTY_DEPS = frozenset({"pobj", "nmod", "conj", "compound", "poss", "appos"})


def usable(actor: Actor | None) -> bool:
    """Whether an actor can be an event party: not a bare sector such as "the ministry" (GOV)."""
    return actor is not None and bool(actor.country or actor.org or not actor.sector)


class EventActors:
    """Resolves event parties in one article, remembering nominals and event participants."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.entities = sorted(entities, key=lambda e: e.start)
        self._cache: dict[int, Mention | None] = {}
        self._by_head: dict[str, Actor] = {}
        self.participants: dict[str, list[Mention]] = {}

    @functools.cached_property
    def text(self) -> str:
        """The doc's text, read once (``Doc.text`` joins every token on each call)."""
        return text_of(self.doc)

    def _entity_at(self, char: int) -> Entity | None:
        for ent in self.entities:
            if ent.start <= char < ent.end:
                return ent
            if ent.start > char:
                break
        return None

    def _resolve(self, token: Token) -> tuple[Actor | None, int, int]:
        """(actor, start, end) of the mention headed by ``token``."""
        from .actors import resolve_span
        from .coref import antecedent

        span = noun_phrase(token)
        start, end = span.start_char, span.end_char
        if token.pos_ == "PRON":
            ante = antecedent(self.doc, self.doc[token.i : token.i + 1], self.entities)
            return (ante.actor if ante else None), token.idx, token.idx + len(token.text)
        ent = self._entity_at(token.idx)
        if ent is not None and usable(ent.actor):
            return ent.actor, min(start, ent.start), max(end, ent.end)
        actor = resolve_span(span)
        if usable(actor):
            return actor, start, end
        ante = antecedent(self.doc, span, self.entities)
        if ante is not None and usable(ante.actor):
            return ante.actor, start, end
        for child in sorted(token.children, key=lambda c: c.dep_ != "poss"):
            if child.dep_ in ("poss", "compound") and child.i < token.i:
                inner = self.mention(child)
                if inner is not None:
                    return inner.actor, start, end
        if token.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in token.children):
            return self._by_head.get(token.lemma_.lower()), start, end
        return None, start, end

    def mention(self, token: Token) -> Mention | None:
        """The actor mention headed by ``token``, or None when it names no usable actor."""
        if token.i not in self._cache:
            self._cache[token.i] = None  # guards recursion through poss/compound
            actor, start, end = self._resolve(token)
            found = None
            if usable(actor):
                found = Mention(start, end, self.text[start:end], actor)
                if token.pos_ == "NOUN":
                    self._by_head[token.lemma_.lower()] = actor  # type: ignore[assignment]
            self._cache[token.i] = found
        return self._cache[token.i]

    def is_actor(self, token: Token) -> bool:
        """Whether the phrase headed by ``token`` names a usable actor."""
        return self.mention(token) is not None

    def remember_participants(self, tokens: Iterable[Token]) -> None:
        """Record the parties of event nouns among tokens ("talks between A and B")."""
        for token in tokens:
            is_noun = token.pos_ in ("NOUN", "PROPN")
            group = TALK_NOUNS.get(noun_lemma(token)) if is_noun else None
            if group is None:
                continue
            found = self._distinct(self.parties(token))
            if len(found) >= 2 or (found and group in self.participants):
                self.participants[group] = found

    def parties(self, noun: Token) -> list[Token]:
        """Heads named as the parties of an event noun (possessor, between/with objects).

        Inside the prepositional phrase every name counts, so the misparse "between
        [Ukraine and Western] nations" still yields both Ukraine and Western nations.
        """
        heads = [c for p in noun.children if p.dep_ == "poss" for c in conjuncts(p)]
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in PARTICIPANT_PREPS:
                heads.extend(t for t in prep.subtree if t.dep_ in PARTY_DEPS
                             and t.pos_ in ("PROPN", "NOUN", "ADJ"))
        return heads

    def _distinct(self, heads: list[Token]) -> list[Mention]:
        """Mentions of the heads, one per actor code, in text order."""
        out: dict[str, Mention] = {}
        for head in sorted(heads, key=lambda t: t.i):
            mention = self.mention(head)
            if mention is not None and mention.actor is not None:
                out.setdefault(mention.actor.code, mention)
        return list(out.values())

    def other_party(self, noun: Token, source: Mention) -> Mention | None:
        """For a source talking about an event noun, the party of that event it is not."""
        group = TALK_NOUNS.get(noun_lemma(noun))
        explicit = self._distinct(self.parties(noun))
        pool = explicit or (self.participants.get(group, []) if group else [])
        src = source.actor
        for mention in pool:
            other = mention.actor
            if src and other and other.code != src.code and (
                not src.country or other.country != src.country
            ):
                return mention
        return None
