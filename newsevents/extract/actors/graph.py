"""The article's actor graph: who every noun phrase stands for, resolved once per article.

Built once per article after the entities (the ``newsevents_actor_graph_v1`` component) and
read by the quotes stage (speakers) and the events stage (sources and targets).

A noun-phrase head resolves, in order, through the article's entities (a person's entity keeps
the whole titled phrase as the mention text), :func:`actors.resolve_span`, coreference for
pronouns and nominal references ("he", "the alliance"), an actor named inside the phrase
("the 2023 NATO summit" -> NATO, "Russia's forces" -> Russia) and, for a definite nominal
with no name ("Last year's summit"), the last phrase in the article with the same head noun
that did resolve. A bare sector ("the ministry" -> GOV) does not make a dyad; a region or bloc
without a country ("Western nations" -> WST) does.

Event nouns ("negotiations between Ukraine and Western nations") are remembered with their
participants, so a later "the talks" can supply the other party as a target.

A person's apposition naming an organisation ("Kenzo Oshima, the UN relief coordinator")
gives the actor; "supporters of X" and "the city of X" take X's, and "a spokesperson for X"
speaks for X. A source that resolves to a
bare political sector ("Judge X", "Defence Minister Y") is placed in the one country its
sentence names outside the event's other party (:meth:`ActorGraph.placed`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Span, Token

from ...nlp import text_of
from ...records import Actor, Entity, Mention, Quote
from ..dictionaries import phrase_key
from ..predicates import conjuncts, noun_lemma, noun_phrase
from .business import FIGURE_KINDS, TRADE_TITLE_WORDS, corporate, market_words
from .cities import city_country
from .codes import BUSINESS_SECTORS, SECTOR_CODES, usable
from .coref import antecedent
from .places import DOMESTIC_SECTORS, RESIDENT_SECTORS, attacker, place_country
from .spans import GROUP_NOUNS, LOCATABLE_SECTORS, of_objects, resolve_phrase
from .spans import of_objects as of_objects_of
from .words import NAMED_THINGS, publication_day, resolve_words

#: event nouns that share participants when referred back to ("the talks" after "negotiations").
TALK_NOUNS = {
    "talk": "talks", "negotiation": "talks", "discussion": "talks", "consultation": "talks",
    "dialogue": "talks", "meeting": "meeting", "summit": "meeting", "conflict": "conflict",
    "war": "conflict", "fighting": "conflict", "dispute": "conflict",
}
#: how far back (tokens) a definite nominal looks for an earlier phrase with its head noun.
LOOKBACK_TOKENS = 600
#: heads that act for the actor named inside their phrase ("the NATO summit decided", "the
#: Palestinian Islamic Jihad movement", "US Predator attacks killed ...").
ACTING_NOUNS = frozenset({"summit", "meeting", "conference", "session", "council", "cabinet",
                          "delegation", "team", "envoy", "embassy", "mission", "side", "camp",
                          "leadership", "regime", "administration", "authority", "official",
                          "spokesman", "spokeswoman", "spokesperson", "representative",
                          "group", "wing", "movement", "party", "front", "organization",
                          "organisation", "faction", "army", "union", "committee", "association",
                          "coalition", "alliance", "agent", "agency", "league", "brigade",
                          "militia", "unit", "command", "ministry", "department", "force",
                          "attack", "strike", "raid", "bombing", "airstrike", "offensive",
                          "supporter", "follower", "loyalist", "partisan", "forum", "network",
                          "court", "tribunal", "commission", "board", "assembly", "parliament",
                          "bureau"})
#: people who act on another's side: "supporters of former President X" take X's actor.
SIDE_NOUNS = frozenset({"supporter", "follower", "loyalist", "partisan"})
#: people who speak for the body or person of their "for/of" phrase ("a spokesperson for the
#: Israeli prime minister" speaks for Israel's government).
SPEAKER_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen",
                           "spokeswomen", "spokespeople", "representative", "mouthpiece"})
#: places named by a kind and a name: "the northern city of Kirkuk", "the town of Cizre".
PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "province", "region", "district",
                         "state", "area", "enclave", "suburb", "port", "island"})
#: prepositions introducing the participants of an event noun.
PARTICIPANT_PREPS = ("between", "with", "among", "against")
PARTY_DEPS = frozenset({"pobj", "nmod", "conj", "compound", "poss", "appos"})


#: first-person words: inside a quote, its speaker.
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours"})
#: sentences back a denied claim's owner is looked for.
CLAIM_SENTENCES = 4
#: share of the article's country mentions the story's own country has at least.
STORY_SHARE = 0.4
#: sectors a bare mention of which belongs to a country ("the officials", "police", "analysts").
PLACEABLE_SECTORS = LOCATABLE_SECTORS | frozenset({"BUS", "MED", "EDU", "HRI", "HLH", "SOC"}) - {"ELI"}


class ActorGraph:
    """Who the noun phrases of one article stand for: names, titles, descriptions, pronouns,
    groups and placed sectors, resolved once per phrase and remembered."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.entities = sorted(entities, key=lambda e: e.start)
        self._cache: dict[int, Mention | None] = {}
        self.participants: dict[str, list[Mention]] = {}
        #: heads whose actor comes from a name inside their phrase ("Taiwan's reserves").
        self.nested: set[int] = set()
        self._alone_cache: dict[str, Actor | None] = {}
        #: the article's quotes, once the quotes stage has found them (:meth:`add_quotes`).
        self.quotes: list[Quote] = []

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

        span = noun_phrase(token)
        start, end = span.start_char, span.end_char
        if token.pos_ == "PRON":
            if token.lower_ in FIRST_PERSON:
                speaker = self.speaker_at(token.idx)
                if speaker is not None:
                    return speaker.actor, token.idx, token.idx + len(token.text)
            ante = antecedent(self.doc, self.doc[token.i : token.i + 1], self.entities)
            return (ante.actor if ante else None), token.idx, token.idx + len(token.text)
        ent = self._entity_at(token.idx)
        if ent is not None and usable(ent.actor):
            return ent.actor, min(start, ent.start), max(end, ent.end)
        if noun_lemma(token) in GROUP_NOUNS | SIDE_NOUNS | PLACE_NOUNS:
            for obj in of_objects(token):  # "thousands of Iraqi Kurds": the mention ends there
                inner = self.mention(obj)
                if inner is not None:
                    return inner.actor, start, inner.end
        if noun_lemma(token) in SPEAKER_NOUNS:
            for prep in token.children:  # "a spokesperson for the Israeli prime minister"
                inner = next((self.mention(o) for o in prep.children if o.dep_ == "pobj"
                              and prep.dep_ == "prep" and prep.lower_ in ("for", "of")), None)
                if inner is not None:
                    return inner.actor, start, inner.end
        # "demonstrators in Baghdad", "forces in Guinea": placed through the article's entities
        actor = resolve_phrase(span, self._inner_actor)
        titled = self._apposition(token)
        if titled is not None and (titled.org or not usable(actor)):
            return titled, start, end  # "Kenzo Oshima, the UN relief coordinator,"
        if usable(actor):
            return actor, start, end
        ante = antecedent(self.doc, span, self.entities)
        if ante is not None and usable(ante.actor):
            return ante.actor, start, end
        # a name's parts lend it nothing ("the Paris Club", "Toronto Dominion Bank"): only a
        # possessive does ("Russia's Gazprom"); a common noun takes either ("the NATO summit")
        named_thing = token.text.upper() in NAMED_THINGS  # "the Uruguay round"
        nested_deps = ("poss",) if token.pos_ == "PROPN" or named_thing else ("poss", "compound")
        for child in sorted(token.children, key=lambda c: c.dep_ != "poss"):
            if child.dep_ in nested_deps and child.i < token.i:
                inner = self.mention(child)
                if inner is not None:
                    self.nested.add(token.i)
                    return inner.actor, start, end
        if token.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in token.children):
            earlier = self._earlier_same_head(token)
            if earlier is not None:
                return earlier, start, end
        # a bare sector ("UK troops" when UK is unknown, "the officials"): :meth:`mention`
        # places it in its country
        return actor, start, end

    def placed(self, token: Token, sent: Span, skip: frozenset[int]) -> Mention | None:
        """A bare-sector agent placed in the one country its sentence names, or None.

        "Judge Alejandro Rivera opened investigations ... of Chilean officials" has no country
        on the judge; a wire reader takes it from the sentence when it names one country only
        (a region or bloc, an organisation or a business do not count). Countries named at the
        tokens in ``skip`` (the event's objects and addressees: "called for sanctions against
        Nigeria", "welcomed the South African leader") are the other party, not the agent's,
        and so is what a speaker reports ("the Soviet Union will buy corn, an Agriculture
        Department official said" is an American official).
        Only political sectors are placed (government, military, judiciary, opposition ...),
        never business, media or academic ones. People who act where they are (civilians,
        protesters, police: :data:`actor_places.RESIDENT_SECTORS`) take the place of their act
        first ("prisoners rioted at a jail in Dili"); a judge or the police whose sentence
        names only the other party's country share it; an attack or explosive as the agent
        ("a roadside bombing near Samarra") is the unidentified armed forces of its place
        (:func:`actor_places.attacker`).
        """

        if token.pos_ == "PRON" or self.mention(token) is not None:
            return None
        attack = attacker(token, self.text, self.place)
        if attack is not None:
            return attack  # "a roadside bombing near the town of Samarra killed ..."
        ent = self._entity_at(token.idx)
        actor = ent.actor if ent is not None else None
        span = noun_phrase(token)
        if actor is None:
    
            # a group's members may be a bare sector too ("thousands of people")
            actor = resolve_phrase(span, self._inner_actor) or resolve_phrase(span)
        if actor is None or actor.country or actor.org or actor.sector not in LOCATABLE_SECTORS:
            return None
        if self._business(token):
            return None
        # where the act happens first ("prisoners rioted at a jail in Dili"), then the
        # sentence's one country; a judge or the police share their other party's country
        resident = token.dep_ in ("nsubj", "nsubjpass") and actor.sector in RESIDENT_SECTORS
        acting = token.head if resident else None
        country = (place_country(acting, self.place) if acting is not None else None) \
            or self._sentence_country(sent, skip)
        if country is None and actor.sector in DOMESTIC_SECTORS:
            country = self._sentence_country(sent, frozenset())
        if country is None:
            return None
        start, end = span.start_char, span.end_char
        placed = Actor(country + actor.sector, country, actor.sector, None, actor.name)
        return Mention(start, end, self.text[start:end], placed)

    @functools.cached_property
    def story_country(self) -> str | None:
        """The country the article is about, when one clearly dominates its actors.

        Counts the countries of the entities' actors (states, governments, armies ...; not
        organisations or business), the lede's twice; a country with at least
        :data:`STORY_SHARE` of the count and two mentions, ahead of every other, is the story's.
        Bare sectors with no country of their own ("the officials", "police") belong to it.
        """
        counts: dict[str, int] = {}
        lede_end = next(iter(self.doc.sents)).end_char if len(self.doc) else 0
        for ent in self.entities:
            actor = ent.actor
            if actor is None or actor.org or not actor.country or actor.country in SECTOR_CODES \
                    or actor.sector in BUSINESS_SECTORS:
                continue
            counts[actor.country] = counts.get(actor.country, 0) + (2 if ent.start < lede_end else 1)
        if not counts:
            return None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, count = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if count >= 2 and count > second and count >= STORY_SHARE * sum(counts.values()):
            return top
        return None

    def locate(self, actor: Actor | None, token: Token) -> Actor | None:
        """A sector with no country placed where it belongs: the one country its sentence
        names, else the story's (:attr:`story_country`). Other actors are returned as they are.

        "Evans told reporters the government would ..." in a story about Australia: Evans,
        known only as a minister (GOV), is AUSGOV; "the officials", "some unions" likewise.
        A former office-holder (ELI) is not placed: their country is their own, not the story's.
        """
        if actor is None or actor.country or actor.org or not actor.sector \
                or actor.sector not in PLACEABLE_SECTORS:
            return actor
        country = self._sentence_country(token.sent, frozenset()) or self.story_country
        if country is None:
            return actor
        return Actor(country + actor.code, country, actor.sector, None, actor.name)

    def sentence_country(self, sent: Span, skip: frozenset[int] = frozenset()) -> str | None:
        """The one country the sentence's entities name outside ``skip`` tokens, or None."""
        return self._sentence_country(sent, skip)

    def _sentence_country(self, sent: Span, skip: frozenset[int]) -> str | None:
        """The one country the sentence's entities name outside ``skip`` tokens, or None."""
        countries = set()
        for ent in self.entities:
            if ent.start < sent.start_char or ent.end > sent.end_char:
                continue
            actor = ent.actor
            if actor is None or actor.org or not actor.country or actor.country in SECTOR_CODES \
                    or actor.sector in BUSINESS_SECTORS:
                continue
            token = self.doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if token is not None and token.root.i not in skip:
                countries.add(actor.country)
        return countries.pop() if len(countries) == 1 else None

    def place(self, token: Token) -> Mention | None:
        """The country of a place phrase ("Abidjan", "the town of Cizre", "the capital Juba"),
        through the article's actors, else the GeoNames cities; None when it names no country."""

        found = self.mention(token)
        if found is not None:
            actor = found.actor
            return found if actor and actor.country and not actor.sector and not actor.org else None
        if noun_lemma(token) in PLACE_NOUNS:
            for inner in (*of_objects_of(token), *(c for c in token.children
                                                   if c.dep_ in ("appos", "compound")
                                                   and c.pos_ == "PROPN")):
                placed = self.place(inner)
                if placed is not None:
                    return placed
            return None
        if token.pos_ != "PROPN":
            return None
        span = noun_phrase(token)
        words = [t for t in span if t.pos_ == "PROPN"]
        if not words:
            return None
        country = city_country(phrase_key(" ".join(t.text for t in words)))
        if country is None:
            return None
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        return Mention(start, end, self.text[start:end], Actor(country, country, name=None))

    def _apposition(self, token: Token) -> Actor | None:
        """The actor an apposition gives a name ("X, the U.N. envoy," -> UN), if usable."""
        for child in token.children:
            if child.dep_ == "appos" and child.i > token.i:
                inner = self.mention(child)
                if inner is not None:
                    return inner.actor
        return None

    def _business(self, token: Token) -> bool:
        """Whether the phrase headed by ``token`` names a company or business people.

        A legal-form word or ``<Name>`` markup in the phrase or in the named entity around its
        head ("the Bank of Fukuoka Ltd"), or a common-noun head that alone is business
        ("Japanese banks", "Canadian firms", "Brazilian exporters").
        """
        doc = self.doc
        if corporate(doc[token.left_edge.i : token.i + 1]):
            return True
        if token.ent_iob_ in ("B", "I"):
            start, end = token.i, token.i + 1
            while doc[start].ent_iob_ == "I" and start > 0:
                start -= 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if corporate(doc[start:end]):
                return True
        if token.pos_ == "PROPN":
            return self._business_title(token)
        if token.pos_ != "NOUN":
            return False
        alone = self._alone(token)
        if alone is None or alone.sector not in BUSINESS_SECTORS:
            return False
        # "the central bank" is government although a bank alone is business

        phrase = resolve_phrase(noun_phrase(token))
        return not (phrase and phrase.sector and phrase.sector not in BUSINESS_SECTORS)

    def business(self, token: Token) -> bool:
        """Whether the phrase headed by ``token`` names a company or business people."""
        return self._business(token)

    def _business_title(self, token: Token) -> bool:
        """Whether a named person's apposition is a business title ("X, president of the
        Association of Citrus Juice Industries", "X, director of the coffee institute")."""

        words = market_words(frozenset({"goods", "company"})) | TRADE_TITLE_WORDS
        for child in token.children:
            if child.dep_ == "appos" and child.i > token.i:
                tokens = list(child.subtree)
                if corporate(self.doc[tokens[0].i : tokens[-1].i + 1]) or any(
                        t.lemma_.lower() in words or t.lower_ in words for t in tokens):
                    return True
        return False

    def _earlier_same_head(self, token: Token) -> Actor | None:
        """The actor of the nearest earlier phrase with the same head noun that resolves.

        "Last year's summit" after "the 2023 NATO summit" is NATO's. Looked up by position,
        so the answer does not depend on which other phrases were resolved before.
        """
        earliest = token.i - LOOKBACK_TOKENS
        for i in reversed(self._nouns_by_lemma.get(token.lemma, ())):
            if i >= token.i:
                continue
            if i < earliest:
                break
            found = self.mention(self.doc[i])
            if found is not None:
                return found.actor
        return None

    @functools.cached_property
    def _nouns_by_lemma(self) -> dict[int, list[int]]:
        """Common-noun token indices by lemma hash, in text order (read from the doc arrays)."""
        arr = self.doc.to_array([POS, LEMMA])
        index: dict[int, list[int]] = {}
        for i in np.nonzero(arr[:, 0] == NOUN)[0].tolist():
            index.setdefault(int(arr[i, 1]), []).append(i)
        return index

    def _alone(self, token: Token) -> Actor | None:
        """What the head noun alone resolves to ("banks" -> BUS), once per lemma."""

        lemma = token.lemma_.lower()
        if lemma not in self._alone_cache:
            match = resolve_words(self.doc[token.i : token.i + 1], publication_day(self.doc))
            self._alone_cache[lemma] = match.actor if match else None
        return self._alone_cache[lemma]

    def mention(self, token: Token) -> Mention | None:
        """The actor mention headed by ``token``, or None when it names no usable actor."""
        if token.i not in self._cache:
            self._cache[token.i] = None  # guards recursion through poss/compound
            actor, start, end = self._resolve(token)
            if actor is not None and not usable(actor) and actor.sector in PLACEABLE_SECTORS:
                actor = self.locate(actor, token)  # "the government", "police" of the story
            found = None
            if usable(actor) and not self._business(token):
                found = Mention(start, end, self.text[start:end], actor)
            self._cache[token.i] = found
        return self._cache[token.i]

    def agent(self, token: Token) -> Mention | None:
        """The mention headed by ``token`` when the phrase names an agent that can act.

        A market thing ("Taiwan's foreign exchange reserves", "Soviet exports") is not an
        agent, nor is a common noun whose actor is only named by a modifier inside its phrase
        ("U.S. agricultural products", "the New England banking laws"), unless the head noun
        alone is a kind of actor ("Japan's companies"), a body that acts for its members
        ("the 2023 NATO summit"), a group of agents ("thousands of Iraqi Kurds") or people
        named by their nationality ("Palestinian prisoners").
        """

        mention = self.mention(token)
        lemma = noun_lemma(token)
        if mention is None or token.pos_ != "NOUN" or lemma in ACTING_NOUNS:
            return mention
        if lemma in market_words(FIGURE_KINDS):
            return None  # "Taiwan's foreign exchange reserves", "Soviet exports"
        if lemma in GROUP_NOUNS or self._agent_noun(token):
            return mention  # "Japanese companies", "thousands of Iraqi Kurds"
        if token.i not in self.nested and any(c.dep_ == "amod" and c.ent_type_ == "NORP"
                                              for c in token.children):
            return mention  # people of a nationality: "Palestinian prisoners"
        return None

    def _inner_actor(self, token: Token) -> Actor | None:
        """The actor of a phrase nested in another ("in Baghdad"), through the article's entities."""
        inner = self.mention(token)
        return inner.actor if inner is not None else None

    def _agent_noun(self, token: Token) -> bool:
        """Whether the head noun alone names a kind of actor ("government", "troops")."""
        return self._alone(token) is not None

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
