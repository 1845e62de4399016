"""A window of words resolved to an actor: the dictionaries scanned longest phrase first.

:func:`window_words` keeps what may be part of an actor's name: possessive marks and
punctuation go; so does a dateline restarting a wire roundup ("BAHRAIN - Iranian forces": the
place the news was filed from) and the name after a stance prefix ("pro-Iranian Hizbollah" is
not Iran's). :func:`resolve_words` scans the words for actors and agent sectors and combines
them ("Ukrainian Foreign Ministry spokesman" -> UKRGOV); a city or landmark inside an
organisation's name ("the Paris Club") and a country inside a named thing ("the Uruguay Round")
give no country.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from ...records import Actor
from ..dictionaries import agent_dictionary, phrase_key
from .cities import city_word
from .lookup import Match, lookup, lookup_plural
from .names import OUT_OF_OFFICE

#: prefixes that make a name an attitude, not an actor: "pro-Iranian Hizbollah" is not Iran's.
_STANCE_PREFIXES = frozenset({"PRO", "ANTI"})


_DASHES = frozenset({"-", "--", "\u2014", "\u2013"})


def _dateline(token: Any) -> bool:
    """Whether a token is part of a dateline opening its sentence ("BAHRAIN - Iranian forces").

    Wire roundups restart the dateline inside the text; the place is where the news was filed,
    not part of the actor that follows it.
    """
    text = token.text
    if len(text) < 2 or not text.isupper() or not text.replace(".", "").isalpha():
        return False
    doc, i = token.doc, token.i
    start = i
    while start > 0 and doc[start - 1].text.isupper() and not doc[start].is_sent_start:
        start -= 1
    if not (start == 0 or doc[start].is_sent_start or "\n" in doc[start - 1].text):
        return False
    end = i + 1
    while end < len(doc) and doc[end].text.isupper() and doc[end].text not in _DASHES:
        end += 1
    return end < len(doc) and doc[end].text in _DASHES and end - start <= 4


def window_words(tokens: Iterable[Any]) -> list[tuple[str, Any]]:
    """Normalised words of a window, without possessive marks, punctuation and the name after
    a stance prefix ("pro-Iranian", "anti-Syrian")."""
    out: list[tuple[str, Any]] = []
    stance = False
    for token in tokens:
        if token.tag_ == "POS" or token.is_punct and token.text not in {"-", "."}:
            continue
        key = phrase_key(token.text)
        if not key or _dateline(token):
            continue
        if stance:
            stance = False
            continue
        if key[0] in _STANCE_PREFIXES:
            stance = True
            continue
        out.append((key[0], token))
    return out


# --- resolving a window of words ---------------------------------------------------------

#: Agent nouns that name a role of someone speaking for another body; their sector is that body's.
_PROXY_ROLES = frozenset({("SPOKESMAN",), ("SPOKESWOMAN",), ("SPOKESPERSON",), ("SPOKESMEN",),
                          ("SPOKESWOMEN",), ("SPOKESPEOPLE",), ("SPOKESPERSONS",)})
FORMER = frozenset({"FORMER", "EX", "EX-", "LATE"})
_MAX_PHRASE = 8

#: words that make a place name a landmark ("Mount Sinai", "Lake Victoria"), not a country.
LANDFORMS = frozenset({"MOUNT", "MT", "LAKE", "CAPE", "RIVER", "GULF", "BAY", "ISLAND"})
#: words that make a place name the name of a thing ("the Uruguay Round", "the Paris Accord"):
#: the country is where it was named, not a party.
NAMED_THINGS = frozenset({"ROUND", "ACCORD", "ACCORDS", "AGREEMENT", "TREATY", "PACT", "PLAN",
                          "DECLARATION", "CONVENTION", "PROTOCOL", "INITIATIVE", "CLUB"})


def publication_day(doc: Any) -> str:
    return str(doc.user_data.get("published") or "9999-12-31")[:10]


def scan(words: Sequence[tuple[str, Any]], day: str) -> tuple[list[Match], list[str]]:
    """Longest-first scan of a token window for actors and agent sectors."""
    actors, sectors = _scan(tuple(w for w, _ in words), day)
    return list(actors), list(sectors)


@functools.lru_cache(maxsize=1 << 14)  # a pure function of the words and the day: windows repeat
def _scan(keys: tuple[str, ...], day: str) -> tuple[tuple[Match, ...], tuple[str, ...]]:
    actors: list[Match] = []
    sectors: list[str] = []
    agents = agent_dictionary()
    i = 0
    while i < len(keys):
        for size in range(min(_MAX_PHRASE, len(keys) - i), 0, -1):
            key = tuple(keys[i : i + size])
            hit = lookup(key, day) or lookup_plural(key, day)
            if hit:
                actors.append(hit)
                break
            if key in agents:
                if key not in _PROXY_ROLES:
                    sectors.append(agents[key][:3])
                break
        else:
            size = 1
        i += size
    return tuple(actors), tuple(sectors)


def combine(actors: Sequence[Match], sectors: Sequence[str], former: bool = False) -> Match | None:
    """Combine what a title window names: a person hit wins; else country/org plus sector."""
    persons = [m for m in actors if m.person]
    if persons:
        match = persons[0]
        if former and match.actor.country:
            elite = Actor(match.actor.country + "ELI", match.actor.country, "ELI", None, match.actor.name)
            return Match(elite, match.rule + "+former", person=True)
        if match.rule.endswith(OUT_OF_OFFICE) and sectors and match.actor.country:
            # "Polish Prime Minister Donald Tusk": the title is newer than the dictionaries
            actor = Actor(match.actor.country + sectors[0], match.actor.country, sectors[0], None, match.actor.name)
            return Match(actor, match.rule.removesuffix(OUT_OF_OFFICE) + "+title", person=True)
        return match
    sector = "ELI" if former and sectors else (sectors[0] if sectors else None)
    if actors:
        base = actors[0].actor
        if sector and not base.sector:
            code = base.code + sector if base.country else base.code
            return Match(Actor(code, base.country, sector, base.org, base.name), actors[0].rule + "+agent")
        return actors[0]
    if sector:
        return Match(Actor(code=sector, sector=sector), "agent")
    return None


#: envoys: the country after their "to" is where they are posted, not whom they speak for.
ENVOYS = frozenset({"AMBASSADOR", "AMBASSADORS", "ENVOY", "ENVOYS", "EMISSARY", "CONSUL",
                    "DELEGATION", "DELEGATE", "DELEGATES", "REPRESENTATIVE", "CHARGE"})


def without_host(words: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Drop the host country of an envoy: "its ambassador to Kuwait" speaks for its own state
    ("the Soviet ambassador to Kuwait" is USR's), not Kuwait's."""
    for n, (word, _) in enumerate(words):
        if word in ENVOYS and n + 1 < len(words) and words[n + 1][0] == "TO":
            return words[: n + 1]
    return words


def resolve_words(tokens: Iterable[Any], day: str, name: bool = False) -> Match | None:
    """Resolve a window of tokens (a noun phrase, a title) to an actor.

    Args:
        tokens: the window.
        day: ISO publication date (dated dictionary codes).
        name: whether the window is an organisation's proper name ("the Paris Club"): a city or
            landmark inside a name gives it no country unless a sector word makes it a body of
            that place ("the Kabul government", "Baghdad University").
    """
    words = without_host(window_words(tokens))
    former = any(w in FORMER for w, _ in words)
    actors, sectors = scan(words, day)
    keys = {w for w, _ in words}
    if "ETHNIC" in keys:  # "ethnic Albanians" live anywhere: the nationality is not a country
        actors = [m for m in actors if not _plain_country(m)]
        sectors = sectors or ["CVL"]
    whole = tuple(w for w, t in words if t.pos_ != "DET")
    if words and words[-1][0] in NAMED_THINGS:  # "the Uruguay round", "the Paris accord"
        actors = [m for m in actors if not (_plain_country(m) and m.key != whole)]
    if name and not sectors:
        landmark = bool(keys & LANDFORMS)
        actors = [m for m in actors if not (_plain_country(m) and m.key != whole
                                            and (landmark or city_word(m.key)))]
    return combine(actors, sectors, former)


def _plain_country(match: Match) -> bool:
    """Whether a hit names a country alone (no sector, organisation or person)."""
    actor = match.actor
    return bool(actor.country) and not (actor.sector or actor.org or match.person)


#: the suffix of a compound adjective whose first part names who leads what it modifies ("the
#: U.S.-led invasion", "a NATO-led force"); the tokenizer keeps "U.S.-led" as one word. Only
#: "-led": a backer or broker ("Iran-backed", "U.S.-brokered") is not the one who acts.
LED_SUFFIX = "-led"


def led_by(text: str, day: str) -> tuple[Match, int] | None:
    """The actor named before "-led" in one word ("U.S.-led") and the length of its name."""
    if not text.lower().endswith(LED_SUFFIX) or len(text) <= len(LED_SUFFIX):
        return None
    name = text[: -len(LED_SUFFIX)]
    match = lookup(phrase_key(name), day)
    return (match, len(name)) if match is not None else None
