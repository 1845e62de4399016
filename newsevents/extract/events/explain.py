"""Why is this (not) an event? Every candidate predicate of an article and what became of it.

``newsevents explain FILE [--sentence N]`` prints, sentence by sentence, the candidate
predicates (dictionary verbs and event nouns), the CAMEO code and pattern each got, its
modality, the source and target actors found, and the outcome: an event, or the reason it was
dropped (:data:`~.trace.OUTCOMES`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .extract import extract_events
from .trace import Candidate, Trace


def explain_events(doc: Any) -> list[Candidate]:
    """The traced candidates of a Doc that went through the newsevents pipeline, in text order.

    Args:
        doc: a Doc made by ``newsevents.nlp.make_docs`` and run through the components up to
            places (``doc._.entities``, ``timexes``, ``quotes``, ``places`` set).
    """
    trace = Trace()
    published = str(doc.user_data.get("published") or "")
    extract_events(doc, published, doc._.entities or [], doc._.timexes or [], doc._.quotes or [],
                   doc._.places or [], trace=trace, graph=doc._.actor_graph)
    return trace.in_order()


def explain_lines(doc: Any, sentence: int | None = None) -> Iterator[str]:
    """Text lines for people: each sentence with a candidate, then its candidates.

    Args:
        doc: as for :func:`explain_events`.
        sentence: only this sentence (0-based, as ``Event.sentence``).
    """
    by_sentence: dict[int, list[Candidate]] = {}
    for candidate in explain_events(doc):
        by_sentence.setdefault(candidate.sentence, []).append(candidate)
    for number, sent in enumerate(doc.sents):
        if sentence is not None and number != sentence:
            continue
        candidates = by_sentence.get(number, [])
        if sentence is None and not candidates:
            continue
        yield f"[{number}] {sent.text.strip()}"
        if not candidates:
            yield "    (no candidate predicate: no dictionary verb or event noun)"
        for candidate in candidates:
            yield f"    {candidate.describe()}"
