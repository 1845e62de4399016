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

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Token

from ...nlp import text_of
from ...records import Actor, Entity, Mention, Quote
from ..predicates import noun_lemma, noun_phrase
from .business import FIGURE_KINDS, TRADE_TITLE_WORDS, corporate, market_words
from .codes import BUSINESS_SECTORS, usable
from .coref import antecedent
from .entities import STATE_BODY
from .discourse import FIRST_PERSON, Discourse
from .placing import PLACE_NOUNS, PLACEABLE_SECTORS, Placing
from .spans import GROUP_NOUNS, of_objects, resolve_phrase
from .words import NAMED_THINGS, led_by, publication_day, resolve_words

#: how far back (tokens) a definite nominal looks for an earlier phrase with its head noun.
LOOKBACK_TOKENS = 600
#: heads that act for the actor named inside their phrase ("the NATO summit decided", "the
#: Palestinian Islamic Jihad movement", "US Predator attacks killed ...", "X's campaign asks").
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
                          "bureau", "campaign"})
#: documents that speak for whoever issued them ("the final statement", "the communique").
DOCUMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "declaration", "report",
                            "letter", "resolution", "message", "decree", "memorandum", "note",
                            "document", "release"})
#: people who act on another's side: "supporters of former President X" take X's actor.
SIDE_NOUNS = frozenset({"supporter", "follower", "loyalist", "partisan"})
#: people who speak or act for the body or person of their "for/of/to" phrase ("a spokesperson
#: for the Israeli prime minister" speaks for Israel's government, "an aide to X" acts for X).
SPEAKER_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen",
                           "spokeswomen", "spokespeople", "representative", "mouthpiece",
                           "aide", "aides", "adviser", "advisers", "advisor", "advisors"})

#: participles of doing or issuing: the thing they modify is their "by" agent's act ("the
#: blockade imposed by Israel", "a plan put forward by Egypt"), not a mere medium or place
#: ("footage aired by Polish TV", "the area controlled by rebels").
DOING_VERBS = frozenset({"impose", "carry", "launch", "conduct", "make", "issue", "announce",
                         "propose", "put", "adopt", "approve", "pass", "order", "declare",
                         "introduce", "draft", "table", "offer", "mount", "stage", "wage",
                         "enforce", "sponsor", "initiate", "submit", "present", "sign"})

#: people or states named by their relation to another: the possessor is not one of them.
RELATIONAL_NOUNS = frozenset({"partner", "ally", "neighbour", "neighbor", "counterpart", "rival",
                              "enemy", "opponent", "foe", "adversary", "critic"})


class ActorGraph(Placing, Discourse):
    """Who the noun phrases of one article stand for: names, titles, descriptions, pronouns,
    groups and placed sectors, resolved once per phrase and remembered."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.entities = sorted(entities, key=lambda e: e.start)
        self._cache: dict[int, Mention | None] = {}
        self.participants: dict[str, list[Mention]] = {}
        #: heads whose actor comes from a name inside their phrase ("Taiwan's reserves").
        self.nested: set[int] = set()
        #: heads of bare sectors placed in their sentence's or story's country (:meth:`locate`).
        self.located: set[int] = set()
        self._alone_cache: dict[str, Actor | None] = {}
        self._business_cache: dict[int, bool] = {}
        #: the article's quotes, once the quotes stage has found them (:meth:`add_quotes`).
        self.quotes: list[Quote] = []

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
            actor = ante.actor if ante else None
            if ante is not None and not usable(actor):
                actor = self._antecedent_actor(ante, actor)  # "the premier ... he said"
            return actor, token.idx, token.idx + len(token.text)
        led = led_by(token.text, publication_day(self.doc)) if token.pos_ in ("ADJ", "VERB") else None
        if led is not None:  # "the U.S.-led invasion": the leader alone is the mention
            return led[0].actor, token.idx, token.idx + led[1]
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
                              and prep.dep_ == "prep" and prep.lower_ in ("for", "of", "to")),
                             None)  # "a senior aide to Prime Minister X"
                if inner is not None:
                    return inner.actor, start, inner.end
        # "demonstrators in Baghdad", "forces in Guinea": placed through the article's entities
        actor = resolve_phrase(span, self._inner_actor)
        if actor is None and ent is not None and ent.actor is not None and ent.rule and (
                ent.rule == STATE_BODY or ent.rule.startswith("acronym:")):
            actor = ent.actor  # "the CNC" (a state body the tables lack): placed below
        titled = self._apposition(token)
        if titled is not None and (titled.org or not usable(actor)):
            return titled, start, end  # "Kenzo Oshima, the UN relief coordinator,"
        if usable(actor):
            return actor, start, end
        body = self._body_of(token) if actor is not None and actor.sector else None
        if body is not None:
            return body, start, end  # "the leaders of the G8" are the G8
        by = self.participle_agent(token) if actor is None and token.pos_ == "NOUN" else None
        if by is not None and not self._names_other(token, by):
            return by.actor, start, end  # "the directive adopted by EC ministers"
        ante = antecedent(self.doc, span, self.entities)
        if ante is not None and usable(ante.actor):
            return ante.actor, start, end
        # a name's parts lend it nothing ("the Paris Club", "Toronto Dominion Bank"): only a
        # possessive does ("Russia's Gazprom"); a common noun takes either ("the NATO summit")
        named_thing = token.text.upper() in NAMED_THINGS  # "the Uruguay round"
        nested_deps = ("poss",) if token.pos_ == "PROPN" or named_thing else ("poss", "compound")
        for child in sorted(token.children, key=lambda c: c.dep_ != "poss"):
            if child.dep_ == "poss" and noun_lemma(token) in RELATIONAL_NOUNS:
                continue  # "their partners", "Japan's allies" are others, not the possessor
            if child.dep_ in nested_deps and child.i < token.i:
                inner = self.mention(child)
                if inner is not None:
                    self.nested.add(token.i)
                    return inner.actor, start, end
        if token.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in token.children):
            earlier = self._earlier_same_head(token)
            if earlier is not None:
                return earlier, start, end
        if actor is None and noun_lemma(token) in DOCUMENT_NOUNS:
            author = self._author(token)  # "the final statement" of the NATO summit
            if author is not None:
                return author, start, end
        # a bare sector ("UK troops" when UK is unknown, "the officials"): :meth:`mention`
        # places it in its country
        return actor, start, end

    def participle_agent(self, token: Token) -> Mention | None:
        """Who did what a thing is, as a participle's "by" agent on its noun names it: "the
        blockade imposed by Israel" is Israel's act, "the sanctions approved by the UN" the
        UN's; as a source the thing acts for its agent ("the blockade imposed by Israel blocked
        ..."). As a target it stays what it names ("agreements with Israel signed by X")."""
        for clause in token.children:
            if clause.dep_ != "acl" or clause.tag_ != "VBN" or clause.lemma_ not in DOING_VERBS:
                continue
            for by in clause.children:
                for obj in by.children if by.dep_ == "agent" else ():
                    found = self.mention(obj) if obj.dep_ == "pobj" else None
                    if found is not None:
                        return found
        return None

    def _names_other(self, token: Token, by: Mention) -> bool:
        """Whether a noun's phrase names a party besides its participle's agent ("agreements
        with Israel signed by the PA" are with Israel: that name, not the signer, is who the
        phrase stands for)."""
        return any(t.ent_type_ and not by.start <= t.idx < by.end for t in token.subtree
                   if t.i != token.i and t.pos_ == "PROPN")

    def _body_of(self, token: Token) -> Actor | None:
        """The organisation a sector noun's "of" phrase names ("the leaders of the G8",
        "ministers of the Arab League"): they act as that body."""
        for obj in of_objects(token):
            inner = self.mention(obj)
            if inner is not None and inner.actor is not None and inner.actor.org:
                return inner.actor
        return None

    def _antecedent_actor(self, ante: Mention, actor: Actor | None) -> Actor | None:
        """The actor of a pronoun's antecedent as the graph resolves its phrase: a title alone
        ("the premier", "the spokeswoman") is a sector placed in its story's country, a
        person's name takes its apposition's title. Falls back to ``actor``."""
        span = self.doc.char_span(ante.start, ante.end, alignment_mode="expand")
        if span is None or span.root.pos_ == "PRON":
            return actor
        found = self.mention(span.root)
        return found.actor if found is not None else actor

    def _author(self, document: Token) -> Actor | None:
        """Who issued a document named without its author ("the final statement remained
        vague"): "by/from/of X" on it, else the actor its sentence is about: its main
        clause's subject, else the nearest actor named before it in the sentence."""
        for prep in document.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from", "of"):
                for obj in prep.children:
                    found = self.mention(obj) if obj.dep_ == "pobj" else None
                    if found is not None:
                        return found.actor
        sent = document.sent
        subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i != document.i
                    and t.head.dep_ in ("ROOT", "advcl", "conj")]
        for token in (*subjects, *reversed(self.doc[sent.start : document.i])):
            if token.pos_ in ("PROPN", "NOUN") and token.i != document.i:
                found = self.mention(token)
                if found is not None:
                    return found.actor
        return None

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
        ("Japanese banks", "Canadian firms", "Brazilian exporters"). Answered once per token
        (it reads only the parse and the tables; the events stage asks again for each speaker).
        """
        found = self._business_cache.get(token.i)
        if found is None:
            found = self._business_cache[token.i] = self._is_business(token)
        return found

    def _is_business(self, token: Token) -> bool:
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
        Association of Citrus Juice Industries", "X, director of the coffee institute"). A
        country with an apposition is still a country ("Brazil, the major producer, insists")."""
        if token.ent_type_ in ("GPE", "NORP", "LOC"):
            return False
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
            shared = self._shared_country(token) if actor is not None and not usable(actor) \
                and actor.sector in PLACEABLE_SECTORS else None
            if shared is not None and actor is not None:  # "U.S. manufacturers and officials"
                actor = Actor(shared + (actor.sector or ""), shared, actor.sector, None, actor.name)
            elif actor is not None and not usable(actor) and actor.sector in PLACEABLE_SECTORS:
                actor = self.locate(actor, token)  # "the government", "police" of the story
                self.located.add(token.i)
            found = None
            if usable(actor) and not self._business(token):
                found = Mention(start, end, self.text[start:end], actor)
            self._cache[token.i] = found
        return self._cache[token.i]

    def _shared_country(self, token: Token) -> str | None:
        """The country a bare noun shares with the noun it is coordinated with: "U.S.
        manufacturers and officials" are both American (the modifier before the first conjunct
        applies to the whole coordination)."""
        head = token.head
        if token.dep_ != "conj" or token.pos_ != "NOUN" or head.pos_ not in ("NOUN", "PROPN") \
                or any(c.dep_ in ("amod", "compound", "poss", "det") for c in token.children):
            return None
        for child in head.children:
            if child.dep_ in ("amod", "compound", "poss") and child.i < head.i:
                found = self.mention(child)
                actor = found.actor if found is not None else None
                if actor is not None and actor.country and not actor.sector and not actor.org:
                    return actor.country
        return None

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
        if token.pos_ == "NOUN" and (mention is None or lemma not in ACTING_NOUNS):
            by = self.participle_agent(token)  # "the blockade imposed by Israel blocked ..."
            if by is not None:
                return by
        if mention is None or token.pos_ != "NOUN" or lemma in ACTING_NOUNS:
            return mention
        if token.text[:1].isupper() and self._named_here(token):
            return mention  # a name the tagger read as a common noun: "The KCTU intend to"
        if lemma in market_words(FIGURE_KINDS):
            return None  # "Taiwan's foreign exchange reserves", "Soviet exports"
        if lemma in GROUP_NOUNS or self._agent_noun(token):
            return mention  # "Japanese companies", "thousands of Iraqi Kurds"
        if token.i not in self.nested and any(c.dep_ == "amod" and c.ent_type_ == "NORP"
                                              for c in token.children):
            return mention  # people of a nationality: "Palestinian prisoners"
        return None

    def _named_here(self, token: Token) -> bool:
        """Whether an article entity with a usable actor covers the token itself (an acronym
        or name, not a common noun with a name inside its phrase)."""
        ent = self._entity_at(token.idx)
        return ent is not None and usable(ent.actor) and ent.end >= token.idx + len(token.text)

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
