"""Where bare actors belong: a sector placed in the country its sentence or story is about, an
agent placed where it acts, a place phrase's country (:class:`Placing`, part of the actor graph).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from ...records import Actor, Entity, Mention
from ..dictionaries import phrase_key
from ..predicates import noun_lemma, noun_phrase
from .cities import city_country
from .codes import BUSINESS_SECTORS, REGION_CODES, SECTOR_CODES, usable
from .places import DOMESTIC_SECTORS, RESIDENT_SECTORS, attacker, place_country
from .spans import LOCATABLE_SECTORS, of_objects, resolve_phrase

#: places named by a kind and a name: "the northern city of Kirkuk", "the town of Cizre".
PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "province", "region", "district",
                         "state", "area", "enclave", "suburb", "port", "island"})
#: share of the article's country mentions the story's own country has at least.
STORY_SHARE = 0.4
#: people who by their trade serve abroad: "diplomats said" in a story about Brazil are not
#: Brazil's (the wire's anonymous foreign diplomats), so they are not placed in its country.
ABROAD_NOUNS = frozenset({"diplomat"})
#: sectors whose country says nothing about where a sentence is: the news agency it is
#: quoted from ("Colonel X was quoted as saying by Agence France-Presse").
REPORTING_SECTORS = frozenset({"MED"})
#: armed forces: a bare mention is the one army the article names (:meth:`Placing.locate`).
FORCE_SECTORS = frozenset({"MIL"})
#: how often the article names that army at least.
FORCES_MENTIONS = 2
#: sectors a bare mention of which belongs to a country ("the officials", "police", "analysts").
PLACEABLE_SECTORS = LOCATABLE_SECTORS | frozenset({"BUS", "MED", "EDU", "HRI", "HLH", "SOC"}) - {"ELI"}


class Placing:
    """The placing half of :class:`~.graph.ActorGraph` (it supplies the attributes used here)."""

    doc: Doc
    entities: list[Entity]
    text: str
    located: set[int]

    def mention(self, token: Token) -> Mention | None:  # pragma: no cover - the graph's
        raise NotImplementedError

    def _business(self, token: Token) -> bool:  # pragma: no cover - the graph's
        raise NotImplementedError

    def _inner_actor(self, token: Token) -> Actor | None:  # pragma: no cover - the graph's
        raise NotImplementedError

    def _entity_at(self, char: int) -> Entity | None:  # pragma: no cover - the graph's
        raise NotImplementedError

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
        organisations, business or news media), the lede's twice; a country with at least
        :data:`STORY_SHARE` of the count and two mentions, ahead of every other, is the story's.
        Bare sectors with no country of their own ("the officials", "police") belong to it.
        """
        counts: dict[str, int] = {}
        lede_end = next(iter(self.doc.sents)).end_char if len(self.doc) else 0
        for ent in self.entities:
            actor = ent.actor
            if actor is None or actor.org or not actor.country or actor.country in SECTOR_CODES \
                    or actor.sector in BUSINESS_SECTORS or actor.sector in REPORTING_SECTORS:
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
        A former office-holder (ELI) is not placed: their country is their own, not the story's;
        nor are a region's people ("European officials"), nor diplomats (:data:`ABROAD_NOUNS`), who by their trade serve in other countries.
        """
        if token.pos_ == "PRON":
            token = self._antecedent_head(token)  # "diplomats said ... they added": as them
        if actor is None or actor.country or actor.org or not actor.sector \
                or actor.sector not in PLACEABLE_SECTORS or noun_lemma(token) in ABROAD_NOUNS \
                or actor.code[:3] in REGION_CODES:
            return actor
        namesake = self._namesake(token)  # "Admiral X" after "US commander X"
        if namesake is not None:
            return namesake
        sent = token.sent
        # a subject's country is named in or before its phrase ("officials in Kenya said",
        # "In Nairobi, officials said"); one named only after it is the topic or the other
        # party ("a spokesman said Iran would get the fuel"): the story's country comes first
        # then. Not for people who are where they act ("people were displaced in Lebanon").
        after = frozenset(range(token.right_edge.i + 1, sent.end)) \
            if token.dep_ in ("nsubj", "nsubjpass") and actor.sector not in RESIDENT_SECTORS \
            else frozenset()
        country = (self._forces_country if actor.sector in FORCE_SECTORS else None) \
            or self._sentence_country(sent, after) or self.story_country \
            or self._sentence_country(sent, frozenset())
        if country is None:
            return actor
        return Actor(country + actor.code, country, actor.sector, None, actor.name)

    def _namesake(self, token: Token) -> Actor | None:
        """The actor with a country that another mention of the same person has in the article
        ("US Central Command chief William Fallon" for a later "Admiral Fallon"), when every
        such mention agrees (the tagger may call the other mention an organisation: "Admiral
        Fallon" ORG); a person is their own country's, not their sentence's."""
        ent = self._entity_at(token.idx)
        if ent is None or ent.label in ("GPE", "NORP", "LOC") or not ent.text.split():
            return None
        surname = ent.text.split()[-1]
        found = {e.actor.country: e.actor for e in self.entities
                 if e.label == "PERSON" and e.actor is not None
                 and e.actor.country and usable(e.actor) and e.text.split()[-1:] == [surname]}
        return next(iter(found.values())) if len(found) == 1 else None

    @functools.cached_property
    def _forces_country(self) -> str | None:
        """The one country whose armed forces the article names ("the British Army" twice and
        no other army; people, such as a general, do not count): its bare "the regiment", "a
        patrol", "troops" are that army, also in a sentence naming the country they act in
        ("Iraqis were arrested by a patrol"). Not when the story is another country's: its
        own army may be named only as "the army" while a foreign one is named by its name."""
        counts: dict[str, int] = {}
        for ent in self.entities:
            actor = ent.actor
            if actor is not None and actor.country and actor.sector in FORCE_SECTORS \
                    and ent.label != "PERSON" and not actor.org \
                    and actor.country not in SECTOR_CODES:
                counts[actor.country] = counts.get(actor.country, 0) + 1
        story = self.story_country
        if len(counts) == 1 and min(counts.values()) >= FORCES_MENTIONS \
                and story in (None, *counts):
            return next(iter(counts))
        return None

    def _antecedent_head(self, pronoun: Token) -> Token:
        """The head of a pronoun's antecedent (the diplomats), else the pronoun itself."""
        from .coref import antecedent

        ante = antecedent(self.doc, self.doc[pronoun.i : pronoun.i + 1], self.entities)
        span = self.doc.char_span(ante.start, ante.end, alignment_mode="expand") if ante else None
        return span.root if span is not None else pronoun

    def relocated(self, mention: Mention, token: Token, skip: frozenset[int]) -> Mention:
        """An agent's bare sector placed again without the other party's country.

        "British troops were attacked by a mob" names one country, the attacked's: in a story
        about Iraq the mob is Iraq's, not Britain's. A mention placed by :meth:`locate` in a country named
        only at ``skip`` tokens (the act's objects and addressees) takes the story's country
        instead, when it has another one; any other mention is returned as it is.
        """
        actor = mention.actor
        if actor is None or not actor.country or not actor.sector or not self._was_located(
                token, mention):
            return mention
        if self._sentence_country(token.sent, skip) == actor.country:
            return mention
        story = self.story_country
        if story is None or story == actor.country:
            return mention
        placed = Actor(story + actor.sector, story, actor.sector, None, actor.name)
        return Mention(mention.start, mention.end, mention.text, placed)

    def _was_located(self, token: Token, mention: Mention) -> bool:
        """Whether the mention's country came from :meth:`locate`: on its head, or on the
        phrase it took its actor from ("members of parliament" from "parliament")."""
        # a located word that lent the phrase nothing ("military" placed on its own, inside "a
        # United States military strike") does not count: which words were asked about first
        # must not change the answer
        return token.i in self.located or any(
            mention.start <= self.doc[i].idx < mention.end
            and (inner := self.mention(self.doc[i])) is not None and inner.actor == mention.actor
            for i in sorted(self.located))

    def sentence_country(self, sent: Span, skip: frozenset[int] = frozenset()) -> str | None:
        """The one country the sentence's entities name outside ``skip`` tokens, or None."""
        return self._sentence_country(sent, skip)

    def _sentence_country(self, sent: Span, skip: frozenset[int]) -> str | None:
        """The one country the sentence's entities name outside ``skip`` tokens, or None (news
        media do not count: :data:`REPORTING_SECTORS`)."""
        countries = set()
        for ent in self.entities:
            if ent.start < sent.start_char or ent.end > sent.end_char:
                continue
            actor = ent.actor
            if actor is None or actor.org or not actor.country or actor.country in SECTOR_CODES \
                    or actor.sector in BUSINESS_SECTORS or actor.sector in REPORTING_SECTORS:
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
            for inner in (*of_objects(token), *(c for c in token.children
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
