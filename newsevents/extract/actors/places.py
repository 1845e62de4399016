"""Where an unnamed agent acts: the country a bare sector or an attack takes from its place.

Wire copy often names no actor for the one who acts, only what it is and where:

* an attack or explosive as the subject ("a roadside bombing near the town of Samarra killed
  ...", "killed by a device outside the Iraqi city of Basra") is coded, as ICEWS and the PLOVER
  gold do, as unidentified armed forces (``UAF``) of the country where it happened;
* a bare sector that acts somewhere ("prisoners rioted at a jail in Dili", "police arrested
  five men in Lagos") is that place's: where the act happens is a stronger clue than another
  country the sentence names;
* a target named only by a sector or a faith ("three ethnic Albanians", "Moslem
  demonstrators") is of the place where the act on it happens ("killed ... in southern
  Serbia"), or, when the police, a government or a court acts on them, of the one country
  the sentence names ("Egyptian police dispersed Moslem demonstrators");
* a judge or the police act inside their own country, so when the only country their
  sentence names is the other party ("Judge X opened investigations against Chilean
  officials"), it is theirs too (:data:`DOMESTIC_SECTORS`).

Used by :meth:`.graph.ActorGraph.placed`; nothing here resolves a
name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from spacy.tokens import Span, Token

from ...records import Actor, Mention
from ..predicates import noun_lemma, noun_phrase
from .spans import resolve_phrase

#: nouns of an attack or an explosive that stand for an unnamed attacker.
ATTACK_NOUNS = frozenset({"bombing", "bomb", "explosion", "blast", "device", "mine", "ambush",
                          "shelling", "grenade", "car-bomb", "bomber"})
#: prepositions that say where something happens or stands.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "throughout", "across",
                            "around"})
#: places shared by two countries: "near the Thai border" does not say which side.
EDGES = frozenset({"border", "frontier", "boundary", "borderline"})
#: sectors whose act places them where it happens: people, protesters, the police. Officials
#: and armies travel ("officials met in Paris" are not France's), so theirs does not.
RESIDENT_SECTORS = frozenset({"CVL", "OPP", "REF", "LAB", "AGR", "REL", "COP", "SOC", "RAD"})
#: sectors that act inside their own country: judges, courts and the police.
DOMESTIC_SECTORS = frozenset({"JUD", "COP"})
#: the sector of an attacker nobody names (CAMEO "unidentified armed forces").
UNIDENTIFIED = "UAF"

#: gives the country mention of a place phrase ("the town of Samarra" -> IRQ), or None.
PlaceOf = Callable[[Token], "Mention | None"]


class PlaceContext(Protocol):
    """What placing a target needs to know of the article (``graph.ActorGraph``)."""

    def business(self, token: Token) -> bool: ...

    def place(self, token: Token) -> Mention | None: ...

    def sentence_country(self, sent: Span) -> str | None: ...


def _place_objects(token: Token) -> list[Token]:
    """Objects of the locative prepositions on ``token``, "outside of X" and "at a jail in X"
    one level down."""
    found = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.lemma_.lower() not in EDGES:
                found.append(obj)
            elif obj.dep_ == "prep" and obj.lower_ == "of":  # "outside of the city of Basra"
                found.extend(o for o in obj.children if o.dep_ == "pobj")
    return found


def place_country(token: Token, place_of: PlaceOf) -> str | None:
    """The country of where ``token`` (a verb or a noun) happens or stands, or None.

    The first locative phrase that names a country wins; a thing in a place ("at a jail in
    Dili") gives its own place, and so does a verb's object ("blocked streets in Hong Kong").
    """
    objects = [c for c in token.children if c.dep_ == "dobj"] if token.pos_ == "VERB" else []
    for obj in (*_place_objects(token), *(o for d in objects for o in _place_objects(d))):
        found = place_of(obj)
        if found is None:
            for inner in _place_objects(obj):
                found = place_of(inner)
                if found is not None:
                    break
        if found is not None and found.actor is not None and found.actor.country:
            return found.actor.country
    return None


def attacker(token: Token, text: str, place_of: PlaceOf) -> Mention | None:
    """An attack or explosive as the agent: the unidentified armed forces of its place.

    "A roadside bombing near the town of Samarra" -> IRQUAF; None when the noun is no attack
    word or its phrase names no place.
    """
    if token.pos_ != "NOUN" or noun_lemma(token) not in ATTACK_NOUNS:
        return None
    # the bomb's own place, else where the act happened ("killed by a device outside Basra")
    acting = token.head.head if token.head.dep_ == "agent" else token.head
    country = place_country(token, place_of) or (
        place_country(acting, place_of) if token.dep_ in ("nsubj", "pobj") else None)
    if country is None:
        return None
    start = token.left_edge.i
    span = token.doc[start : token.i + 1]
    actor = Actor(country + UNIDENTIFIED, country, UNIDENTIFIED, None, None)
    return Mention(span.start_char, span.end_char, text[span.start_char : span.end_char], actor)


#: faiths the dictionaries give as a sector without a country ("Moslem demonstrators" -> MUS).
FAITHS = frozenset({"MUS", "CHR", "JEW", "HIN", "BUD", "SIK", "SHI", "SUN", "CTH"})
#: target sectors of people, not institutions: a ministry, a court or "political leaders"
#: named without a country are too vague to place ("will name a prime minister").
PEOPLE_SECTORS = frozenset({"CVL", "OPP", "REB", "REF", "AGR", "LAB", "SOC", "REL", "RAD"})
#: nouns that name a stance as often as people: "expressed opposition to the deal".
STANCE_NOUNS = frozenset({"opposition"})
#: source sectors that act on people at home: their target shares their sentence's country.
HOME_SECTORS = frozenset({"COP", "GOV", "JUD"})


def placed_target(token: Token, act: Token, source: Actor | None,
                  actors: PlaceContext) -> Mention | None:
    """A target named by a sector or faith alone, placed where the act on it happens.

    "Serb forces killed three ethnic Albanians in a gunbattle in southeastern Serbia" -> SRB
    civilians; when the source is the police, a government or a court, the one country its
    sentence names counts too ("Egyptian police dispersed Moslem demonstrators" -> EGY). None
    for a named actor, a business or a target no place or sentence places.
    """
    if token.pos_ != "NOUN" or noun_lemma(token) in STANCE_NOUNS \
            or actors.business(token):
        return None
    span = noun_phrase(token)
    actor = resolve_phrase(span)
    if actor is None or actor.country or actor.org or (
            actor.sector not in PEOPLE_SECTORS and actor.code not in FAITHS):
        return None
    country = place_country(token, actors.place) or place_country(act, actors.place)
    if country is None and source is not None and source.sector in HOME_SECTORS:
        country = actors.sentence_country(act.sent)
    if country is None or source is not None and source.code == country:
        return None
    sector = actor.sector if actor.sector in PEOPLE_SECTORS else "CVL"
    placed = Actor(country + sector, country, sector, None, None)
    return Mention(span.start_char, span.end_char, span.text, placed)
