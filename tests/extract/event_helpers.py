"""What the event tests share: the coded predicates and events of one invented article, and
their dyads."""

from __future__ import annotations

from typing import Any

from newsevents.records import Event


def coded_of(stages: Any, text: str) -> list[Any]:
    """Every coded predicate of ``text`` (the sentence coder's candidates), in text order."""
    from newsevents.extract.actors.graph import ActorGraph
    from newsevents.extract.events.sentence import code_sentence

    doc = _doc(stages, text, "2025-07-22")
    actors = ActorGraph(doc, doc._.entities)
    return [c for s in doc.sents for c in code_sentence(s, actors)]


def events_of(stages: Any, text: str, published: str = "2025-07-22") -> list[Event]:
    """Every event of ``text`` as one article published on ``published``."""
    from newsevents.extract.events.extract import extract_events

    doc = _doc(stages, text, published)
    return extract_events(doc, published, doc._.entities, doc._.timexes, doc._.quotes, [])


def dyads_of(stages: Any, text: str) -> set[tuple[str, str | None, str | None]]:
    """(root, source country or organisation, target's or None) of the asserted events."""
    events = [e for e in events_of(stages, text, "2000-01-01") if e.modality == "asserted"]
    return {(e.root, e.source.actor.country or e.source.actor.org,
             (e.target.actor.country or e.target.actor.org) if e.target else None)
            for e in events}


def _doc(stages: Any, text: str, published: str) -> Any:
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    (doc,) = make_docs(stages, [Article("t", published, "", text)])
    return stages(doc)
