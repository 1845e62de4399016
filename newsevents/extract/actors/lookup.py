"""Looking a normalised phrase up: the leaders table, our own phrases, then Phoenix.

The order is the one :mod:`actors` documents (steps 1-3): the dated leaders table
(:mod:`leaders`, which also says when a listed person is out of office), ``actors_extra.tsv``,
and the Phoenix dictionaries with the code in force on the day; a role Phoenix left open is
trusted until :data:`actor_names.OPEN_TERM_HORIZON`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from ...records import Actor
from ..dictionaries import Entry, actor_dictionary, phrase_key, read_table
from .codes import actor_from_code
from .leaders import former_leader, leader_on
from .names import OUT_OF_OFFICE, out_of_office, stale_term


@dataclass(frozen=True)
class Match:
    """A dictionary hit: the actor, the rule that produced it, whether it names a person, and
    the normalised phrase that matched (empty for combined matches)."""

    actor: Actor
    rule: str
    person: bool = False
    key: tuple[str, ...] = ()


@functools.cache
def _extra() -> dict[tuple[str, ...], Actor]:
    return {
        phrase_key(row["phrase"]): Actor(
            code=row["code"],
            country=row["country"] or None,
            sector=row["sector"] or None,
            org=row["org"] or None,
            name=row["name"] or None,
        )
        for row in read_table("actors_extra.tsv")
    }


@functools.cache
def _history() -> tuple[tuple[str, str, str, str], ...]:
    """Rows of ``country_history.tsv``: (code, from, until, the code of those days)."""
    return tuple((r["code"], r["from"] or "0000", r["until"] or "9999", r["was"])
                 for r in read_table("country_history.tsv"))


def of_the_day(actor: Actor, day: str) -> Actor:
    """The actor with its country's code of the article's day ("Russia" in 1987 -> USR)."""
    for code, start, until, was in _history():
        if actor.country == code and start <= day[:10] < until:
            return replace(actor, code=was + actor.code[3:], country=was)
    return actor


@functools.lru_cache(maxsize=1 << 16)  # a pure function of its arguments: phrases and days repeat
def lookup(key: tuple[str, ...], day: str) -> Match | None:
    """Look a normalised phrase up in the leaders table, own phrases and Phoenix, in that order;
    the country's code is the one of the article's day (:func:`of_the_day`). Remembered per
    (phrase, day); the dictionaries' caches are cleared together (``clear_dictionary_caches``)."""
    match = _lookup(key, day)
    if match is None:
        return None
    dated = of_the_day(match.actor, day)
    return match if dated is match.actor else replace(match, actor=dated)


def _lookup(key: tuple[str, ...], day: str) -> Match | None:
    leader = leader_on(key, day)
    if leader is not None:
        return Match(*leader, person=True)
    if key in _extra():
        return Match(_extra()[key], "actors_extra")
    entry = actor_dictionary().get(key)
    # "President Xi Jinping", "El Sisi": a Phoenix phrase of a person the table lists by name
    root = phrase_key(entry.root) if entry is not None else key
    leader = leader_on(root, day) if root != key else None
    if leader is not None:
        return Match(*leader, person=True)
    stale = entry is not None and stale_term(entry, day)
    if entry is None or stale or not _dated_role(entry, day):
        former = former_leader(key, day) or (former_leader(root, day) if root != key else None)
        if former is not None:
            return Match(*former, person=True)
    if entry is None:
        return None
    code = None if stale else entry.code_on(day)
    rule = f"phoenix:{entry.root}"
    if code is None and len(key) > 1:
        # a full name is the person even out of office; one word ("Hassan") may be another
        code, rule = out_of_office(entry, day), rule + OUT_OF_OFFICE
    if code is None:
        return None
    # A country's block always has a bare country code ([MNE]); a person's codes all carry a sector.
    person = ("Countries" in entry.origin and not any(len(c.code) == 3 for c in entry.codes)
              and not key[-1].endswith("S"))
    return Match(actor_from_code(code, entry.root), rule, person=person, key=key)


def _dated_role(entry: Entry, day: str) -> bool:
    """Whether a dated Phoenix role covers ``day`` (callers check :func:`stale_term` first)."""
    return any((c.start or c.end) and c.valid_on(day) for c in entry.codes)


@functools.lru_cache(maxsize=1 << 14)
def lookup_plural(key: tuple[str, ...], day: str) -> Match | None:
    """A plural nationality noun ("Nigerians", "Serbs", "South Koreans") as its country, when
    the singular is one.

    Only a singular that names a country alone (no sector, person or organisation) counts, so
    "Albanians" is ALB but a plural of a person's or party's name is not guessed.
    """
    if not key or len(key[-1]) < 4 or not key[-1].endswith("S"):
        return None
    match = lookup((*key[:-1], key[-1][:-1]), day)
    if match is None or match.person or match.actor.org or match.actor.sector or not match.actor.country:
        return None
    return Match(match.actor, match.rule + "+plural", key=key)
