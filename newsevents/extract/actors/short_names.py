"""Country names shared by two states, read in the article's context (``data/short_names.tsv``).

"Congo" alone is the Republic of the Congo in the Phoenix dictionaries; in a story that names
the Democratic Republic of the Congo ("Kinshasa", "the DRC") and never the other one by a name
of its own, it is the DRC. The names the table lists decide nothing themselves.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from ...records import Entity
from ..dictionaries import phrase_key, read_table


@functools.cache
def short_names() -> dict[tuple[str, ...], tuple[str, str]]:
    """Normalised name -> (its code alone, the other state's code)."""
    return {phrase_key(row["name"]): (row["default"], row["other"])
            for row in read_table("short_names.tsv")}


def _key(entity: Entity) -> tuple[str, ...]:
    key = phrase_key(entity.text)
    return key[1:] if key[:1] == ("THE",) else key


def read_short_names(entities: list[Entity]) -> list[Entity]:
    """The entities with each shared name coded as the state the article otherwise names."""
    table = short_names()
    pairs = [table.get(_key(e)) if e.actor is not None else None for e in entities]
    if not any(pairs):
        return entities
    named = {e.actor.country for e, pair in zip(entities, pairs)
             if pair is None and e.actor is not None and e.actor.country}
    out = []
    for entity, pair in zip(entities, pairs):
        if pair is not None and entity.actor is not None and entity.actor.country == pair[0] \
                and pair[1] in named and pair[0] not in named:
            actor = replace(entity.actor, country=pair[1], code=pair[1] + entity.actor.code[3:])
            entity = replace(entity, actor=actor, rule=f"{entity.rule}+short_name")
        out.append(entity)
    return out
