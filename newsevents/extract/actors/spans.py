"""Actors of noun phrases that name no actor word by word: groups and located sectors.

Used by :func:`.entities.resolve_span` (and so by every stage that resolves a
noun phrase: events, coreference, quotes):

* a group is its members: "thousands of Iraqi Kurds", "a group of Chechen refugees" -> the
  members' actor;
* a city or landmark inside an organisation's name gives it no country ("the Paris Club",
  "Mount Sinai Medical Center"; the word lists are here, the rule in :func:`.words.resolve_words`);
* a sector noun takes the country of an "in/from/of X" phrase on it or on a participle of
  being there ("a group based in Trinidad"): "demonstrators in Baghdad"
  -> IRQ + the sector of "demonstrators", "ethnic Albanians in south Serbia" -> SRB. Business,
  media and academic sectors do not ("dealers in Tokyo", "analysts in London" are not Japan's
  or Britain's political actors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...records import Actor
from ..predicates import noun_phrase
from .words import publication_day, resolve_words

#: nouns that count members of a group: the group is the actor ("thousands of Nigerians").
GROUP_NOUNS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "ten",
                         "tens", "score", "scores", "group", "member", "members", "crowd",
                         "number", "some", "band", "delegation", "team", "contingent",
                         "deployment", "batch", "detachment",
                         # units of a force: "a patrol of the Iraqi army", "units of the police"
                         "patrol", "unit", "squad", "platoon", "battalion", "brigade", "column"})
#: sectors that take the country of an "in X" phrase; business, media and academic sources
#: ("dealers in Tokyo", "analysts in London") stay without one: they are not political actors.
LOCATABLE_SECTORS = frozenset({"OPP", "MIL", "COP", "GOV", "REB", "UAF", "CVL", "LAB", "AGR",
                               "REF", "REL", "LEG", "JUD", "SPY", "ELI", "PTY", "SOC"})
#: prepositions that place a sector noun in a country.
_LOCATING_PREPS = ("in", "from", "of")

#: participles that place what they modify: "a group based in Trinidad".
_BASED = frozenset({"base", "station", "locate", "headquarter"})

#: resolves the noun phrase headed by a token (the events stage passes its own, which also
#: knows the article's entities and coreference).
Inner = Callable[[Any], "Actor | None"]


def _head_lemma(token: Any) -> str:
    return token.lemma_.lower() if token.pos_ != "PROPN" else token.lower_


def of_objects(token: Any) -> list[Any]:
    """The objects of "of" phrases on ``token`` ("thousands [of] Kurds")."""
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj"]


def group_members(token: Any, inner: Inner) -> Actor | None:
    """The actor of a group noun's members ("thousands of Iraqi Kurds"), or None."""
    if _head_lemma(token) not in GROUP_NOUNS:
        return None
    for obj in of_objects(token):
        actor = inner(obj)
        if actor is not None:
            return actor
    return None


def located(actor: Actor | None, token: Any, inner: Inner) -> Actor | None:
    """A sector-only actor placed in the country of an "in/from/of X" phrase, or None.

    "demonstrators in Baghdad" -> IRQ + the sector; a phrase whose actor is not a bare country
    ("students of the ministry") places nothing, except a named person after "of": "the
    military government of President X" is X's country's government.
    """
    if actor is None or actor.org or actor.country or actor.sector not in LOCATABLE_SECTORS:
        return None
    # "a group based in Trinidad": the place may hang on a participle of being there
    bases = [token, *(c for c in token.children if c.dep_ == "acl" and c.lemma_ in _BASED)]
    for prep in (p for base in bases for p in base.children):
        if prep.dep_ != "prep" or prep.lower_ not in _LOCATING_PREPS:
            continue
        for obj in prep.children:
            place = inner(obj) if obj.dep_ == "pobj" else None
            if place is None or not place.country or place.org:
                continue
            # "the military government of President X": a named person's country
            if not place.sector or prep.lower_ == "of" and obj.pos_ == "PROPN":
                return Actor(place.country + actor.sector, place.country, actor.sector)
    return None


def _phrase_actor(token: Any) -> Actor | None:
    return resolve_phrase(noun_phrase(token))


def resolve_phrase(span: Any, inner: Inner | None = None) -> Actor | None:
    """The actor of a noun phrase: its words, else its group's members, else a located sector.

    Args:
        span: a spaCy Span (a noun phrase; its head's dependents are looked at for "of X" and
            "in X").
        inner: resolves the phrase headed by a nested token; defaults to this function on that
            token's noun phrase.

    Returns:
        The actor, or None. A sector without a country that no phrase places gives an actor
        whose code is the sector alone.
    """
    inner = inner or _phrase_actor
    head = span.root
    members = group_members(head, inner)
    if members is not None:
        return members
    match = resolve_words(span, publication_day(span.doc), name=head.pos_ == "PROPN" and len(span) > 1)
    actor = match.actor if match else None
    return located(actor, head, inner) or actor
