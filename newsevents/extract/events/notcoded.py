"""What the coding guide leaves uncoded (annotation guide §5 "Not coded"), in one place.

:func:`exclusion` says why a coded predicate is no event: a habit, an indirect question, an
undated lasting state, a hedged belief, an undated "since" starting point, a doubted report or
an attitude (:mod:`.durative`, :mod:`.hearsay`, :func:`.modality.habitual`).
:func:`media_report` drops the report of routine media reporting, and :func:`once` codes a
happening reported twice once.

A happening reported twice is coded once: news restates its main happening (the lead says
"American warplanes bombed two villages on Sunday", a later paragraph "U.S. warplanes killed 18
children"; "Rice's meetings with Greek officials" and "she met the Greek premier"). The same
CAMEO code between the same two actors, with no other date of its own, is then one event, kept
where the article first tells it. Utterances are left alone: the guide counts distinct
utterances ("two threats by one leader in a day") as two, so statements, appeals, intents,
demands, criticism, rejections and threats (roots 01-03, 10-13) are never merged.
"""

from __future__ import annotations

from typing import Any

from newsevents.records import Event

from .durative import attitude, believed, durative, since_background
from .hearsay import doubted_report
from .modality import habitual


def exclusion(item: Any) -> str | None:
    """Why a coded predicate (a ``sentence.Coded``) is not an event, as a trace outcome, or
    None when the guide codes it."""
    head = item.pred.head
    checks = (("habitual", habitual), ("question", lambda _: _question(item)),
              ("durative", durative), ("belief", believed), ("background", since_background),
              ("doubted", doubted_report), ("attitude", attitude))
    return next((name for name, check in checks if check(head)), None)


def _question(item: Any) -> bool:
    """An appeal verb asking a question ("asked if she works the pole"), not for an act."""
    comp = item.pred.complement
    return item.pred.lemma in ("ask", "wonder", "question") and comp is not None and any(
        c.lower_ in ("if", "whether") for c in comp.children if c.dep_ in ("mark", "advmod"))


def media_report(code: str, source: Any) -> bool:
    """Whether a generic statement (010) is the media's report ("media reports say", "the
    newspaper estimates"): routine media reporting, whose reported event is coded instead."""
    return code == "010" and source.actor is not None and source.actor.sector == "MED"


def beaten(event: Event, kept: list[Event]) -> bool:
    """Whether a dropped event gave way to a more specific code on its clause (else it
    repeated an earlier telling, :func:`once`)."""
    return any(k.evidence == event.evidence and k.cameo != event.cameo for k in kept)

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
