"""The curated, dated leaders table (``data/leaders.tsv``): who holds which role on a day.

The table is checked before the Phoenix dictionaries, which stop around 2015 and leave roles
open ("[UKRGOV >140607]") or undated ("Assad" is SYRGOV). It is dated to the present, so it
also says when a listed person is *out* of office: after a role of theirs in the table ended,
while no other role in it and no dated Phoenix role covers the day, they are their country's
elite (``XXXELI``: Poroshenko in 2022, Trump in 2022, Assad in 2025). Before their first role,
and for leaders of organisations (no country), the other dictionaries decide.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ...records import Actor
from ..dictionaries import phrase_key, read_table
from .names import OUT_OF_OFFICE


@dataclass(frozen=True)
class Leader:
    """One row of the table: a role held from ``start`` until ``end`` (ISO; empty = open)."""

    actor: Actor
    start: str
    end: str

    def holds(self, day: str) -> bool:
        """Whether the role covers ISO date ``day``."""
        return self.start <= day and (not self.end or day < self.end)


@functools.cache
def leaders() -> dict[tuple[str, ...], tuple[Leader, ...]]:
    """The table keyed by every name and alias (normalised with ``phrase_key``)."""
    index: dict[tuple[str, ...], list[Leader]] = {}
    for row in read_table("leaders.tsv"):
        actor = Actor(row["code"], row["country"] or None, row["sector"] or None, row["org"] or None, row["name"])
        leader = Leader(actor, row["start"], row["end"])
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            index.setdefault(phrase_key(alias), []).append(leader)
    return {key: tuple(rows) for key, rows in index.items()}


def leader_on(key: tuple[str, ...], day: str) -> tuple[Actor, str] | None:
    """The actor a listed name stands for on ``day`` and the rule that says so, else None."""
    for leader in leaders().get(key, ()):
        if leader.holds(day):
            return leader.actor, f"leaders:{leader.actor.name}"
    return None


def former_leader(key: tuple[str, ...], day: str) -> tuple[Actor, str] | None:
    """A listed person on a day after their last role in the table ended: their country's
    elite, and the rule. Callers ask only when no dated dictionary role covers the day (the
    table lists Shevardnadze as Soviet foreign minister; Phoenix knows him as Georgia's head)."""
    rows = leaders().get(key, ())
    if any(leader.holds(day) for leader in rows):
        return None
    ended = [leader for leader in rows if leader.end and leader.end <= day]
    if not ended:
        return None
    last = max(ended, key=lambda leader: leader.end)
    country = last.actor.country
    if not country:
        return None
    return Actor(f"{country}ELI", country, "ELI", None, last.actor.name), f"leaders:{last.actor.name}{OUT_OF_OFFICE}"
