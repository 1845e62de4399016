"""What the event tests share: the events of one invented article, and their dyads."""

from __future__ import annotations

from typing import Any

from newsevents.records import Event


def events_of(stages: Any, text: str, published: str = "2025-07-22") -> list[Event]:
    """Every event of ``text`` as one article published on ``published``."""
    from newsevents.extract.events.extract import extract_events
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    (doc,) = make_docs(stages, [Article("t", published, "", text)])
    doc = stages(doc)
    return extract_events(doc, published, doc._.entities, doc._.timexes, doc._.quotes, [])


def dyads_of(stages: Any, text: str) -> set[tuple[str, str | None, str | None]]:
    """(root, source country or organisation, target's or None) of the asserted events."""
    events = [e for e in events_of(stages, text, "2000-01-01") if e.modality == "asserted"]
    return {(e.root, e.source.actor.country or e.source.actor.org,
             (e.target.actor.country or e.target.actor.org) if e.target else None)
            for e in events}
