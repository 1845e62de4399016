"""A happening reported twice is coded once (annotation guide §5).

News restates its main happening: the lead says "American warplanes bombed two villages on
Sunday", a later paragraph "U.S. warplanes killed 18 children"; "Rice's meetings with Greek
officials" and "she met the Greek premier". The same CAMEO code between the same two actors,
with no other date of its own, is then one event, kept where the article first tells it.
Utterances are left alone: the guide counts distinct utterances ("two threats by one leader
in a day") as two, so statements, appeals, intents, demands, criticism, rejections and
threats (roots 01-03, 10-13) are never merged.
"""

from __future__ import annotations

from newsevents.records import Event

#: roots of utterances: each statement is its own event, however alike.
UTTERANCE_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})


def _code(mention) -> str | None:
    return mention.actor.code if mention is not None and mention.actor is not None else None


def once(events: list[Event]) -> list[Event]:
    """The events with later retellings of an asserted happening removed.

    A later event repeats an earlier one when both are asserted, not utterances, and share
    the CAMEO code and the source's and target's actor codes, and the later one has no date
    of its own in the text that differs from the earlier's ("on Sunday" vs "on Monday" are
    two raids). Events are taken in text order, so the first telling is kept.
    """
    first: dict[tuple[str, str | None, str | None], Event] = {}
    kept = []
    for event in sorted(events, key=lambda e: (e.evidence.start, e.cameo)):
        if event.modality != "asserted" or event.root in UTTERANCE_ROOTS:
            kept.append(event)
            continue
        key = (event.cameo, _code(event.source), _code(event.target))
        earlier = first.get(key)
        if earlier is not None and (event.date_basis == "publication" or event.date == earlier.date):
            continue
        first.setdefault(key, event)
        kept.append(event)
    return kept
