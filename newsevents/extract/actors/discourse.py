"""What the article's discourse ties together: the speakers of its quotes (first person inside
a quote), whose claim a denial answers, the parties of the talks it mentions
(:class:`Discourse`, part of the actor graph).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ...records import Actor, Entity, Mention, Quote
from ..predicates import conjuncts, noun_lemma
from .codes import usable

#: event nouns that share participants when referred back to ("the talks" after "negotiations").
TALK_NOUNS = {
    "talk": "talks", "negotiation": "talks", "discussion": "talks", "consultation": "talks",
    "dialogue": "talks", "meeting": "meeting", "summit": "meeting", "conflict": "conflict",
    "war": "conflict", "fighting": "conflict", "dispute": "conflict",
}
#: prepositions introducing the participants of an event noun.
PARTICIPANT_PREPS = ("between", "with", "among", "against")
PARTY_DEPS = frozenset({"pobj", "nmod", "conj", "compound", "poss", "appos"})
#: first-person words: inside a quote, its speaker.
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours"})
#: sentences back a denied claim's owner is looked for.
CLAIM_SENTENCES = 4
#: nouns that, counted as two ("both countries", "the two governments"), stand for the pair
#: of states the text has just named. Not "both sides" or "the two parties": those are as
#: often a country's factions, or a mediator's clients, as the two states last named.
PAIR_NOUNS = frozenset({"country", "nation", "government", "state", "neighbour", "neighbor"})


class Discourse:
    """The discourse half of :class:`~.graph.ActorGraph` (it supplies the attributes used here)."""

    doc: Doc
    quotes: list[Quote]
    participants: dict[str, list[Mention]]
    entities: list[Entity]
    _cache: dict[int, Mention | None]

    def mention(self, token: Token) -> Mention | None:  # pragma: no cover - the graph's
        raise NotImplementedError

    def add_quotes(self, quotes: list[Quote]) -> None:
        """Learn who speaks where: "we", "our", "I" inside a quote are its speaker (the quotes
        stage calls this once its quotes are found)."""
        self.quotes = sorted(quotes, key=lambda q: q.start)
        for i in [i for i in self._cache if self.doc[i].lower_ in FIRST_PERSON]:
            del self._cache[i]  # resolved before the speakers were known

    def speaker_at(self, char: int) -> Mention | None:
        """The speaker of the quote holding a character offset, if any."""
        for quote in self.quotes:
            if quote.start <= char < quote.end:
                return quote.speaker
        return None

    def claimant(self, noun: Token, other_than: Actor | None) -> Mention | None:
        """Whose claim a claim noun is ("denied the CNC's charges", "denied those claims"):
        its possessor or "by/from X", else the speaker of the nearest earlier statement in the
        last :data:`CLAIM_SENTENCES` sentences who is not ``other_than`` (the one denying)."""
        for child in noun.children:
            heads = [child] if child.dep_ == "poss" else [
                o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" and \
                child.lower_ in ("by", "from", "of") else []
            for head in heads:
                found = self.mention(head)
                if found is not None:
                    return found
        first = noun.sent.start
        for _ in range(CLAIM_SENTENCES):
            first = self.doc[first - 1].sent.start if first > 0 else 0
        earliest = self.doc[first].idx
        for quote in reversed(self.quotes):
            speaker = quote.speaker
            if quote.start >= noun.idx or quote.start < earliest or speaker is None:
                continue
            actor = speaker.actor
            if usable(actor) and not (other_than and actor and actor.code == other_than.code):
                return speaker
        return None

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

    def pair(self, token: Token) -> list[Mention]:
        """The two parties "both countries", "the two governments", "both nations" stand for: the
        two countries (or organisations) named in its sentence before it and in the sentence
        before that, in text order, when exactly two are named there; else none (a third
        party makes the pair unclear)."""
        if noun_lemma(token) not in PAIR_NOUNS or token.tag_ not in ("NNS", "NNPS") or not any(
                c.lower_ in ("both", "two") and c.dep_ in ("det", "nummod", "predet", "preconj")
                for c in token.children):
            return []
        return self.named_pair(token)

    def named_pair(self, token: Token) -> list[Mention]:
        """The two countries or organisations named just before ``token`` (its sentence up to
        it and the sentence before), first-named first, when exactly two are; else none."""
        sent = token.sent
        first = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        earliest, latest = self.doc[first].idx, token.idx
        found: dict[str, Mention] = {}
        for ent in self.entities:
            if ent.start >= latest:
                break
            actor = ent.actor
            key = _party_key(actor) if ent.start >= earliest and usable(actor) else None
            if key:
                found.setdefault(key, Mention(ent.start, ent.end, ent.text, actor))
        return list(found.values()) if len(found) == 2 else []


def _party_key(actor: Actor | None) -> str | None:
    """Which party an actor is when counting the parties just named: a country and its
    government are one ("Syria", "the Syrian government"), its rebels or opposition another
    ("the government and the MILF rebels" are two sides of one country)."""
    if actor is None or not (actor.country or actor.org):
        return None
    sector = "" if actor.sector in (None, "GOV") else actor.sector
    return f"{actor.country or ''}/{actor.org or ''}/{sector}"

