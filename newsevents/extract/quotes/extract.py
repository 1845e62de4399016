"""Direct and reported quotations with their cue word and speaker.

Rules on spaCy's dependency parse, in the manner of textacy's ``direct_quotations`` and the
GenderGapTracker quote extractor (both rule systems over spaCy; see docs/benchmarks.md):

* **Direct quotes** are found by pairing quotation marks over the text (straight and curly,
  double and single; quotes continued across paragraphs; nested marks stay inside the outer
  quote). The cue is the nearest speech word that governs the quote: an ancestor of the quoted
  words outside the marks (``"...," he said``; ``described the talks as having grown "toxic"``;
  ``telling Ukraine it should "forget about" ...``), a speech verb attached under the quote, a
  speech noun just before it (``assurances from the alliance that "..."``), or a cue sentence
  ending in a colon just before it. A quote with no cue of its own inherits the speaker of the
  quote right before it in the same sentence or paragraph run (``"A," he said, "B."``). Short
  quoted phrases with no cue at all (scare quotes, titles) are not quotations and are dropped.
* **Reported speech** is the clausal complement of a speech verb (``X said (that) ...``,
  ``X told Y ...``, ``X insists that ...``, ``X has demanded that ...``), the that-clause on the
  object of ``express``/``voice`` (``X expressed frustration that ...``) and the clause carrying
  ``according to X``.
* **Speakers** are the cue's subject (through ``xcomp``/``advcl``/``conj`` chains: ``Russia
  continues to insist``, ``..., telling``), the ``by``-agent, the relative clause's head, or
  the ``according to``/``from`` object, as a noun phrase with its titles. Pronouns and nominal
  references resolve through :func:`newsevents.extract.actors.coref.antecedent`; the Mention keeps the
  words as written and carries the antecedent's actor. No speaker found: ``speaker=None``.

Offsets are character offsets into ``doc.text``; ``Quote.text == doc.text[start:end]``.
"""

from __future__ import annotations

from typing import Any

from ...nlp import per_doc, text_of
from ...records import Entity, Quote
from ..actors.coref import candidates
from ..actors.graph import ActorGraph
from ..tone import polarity
from .common import TRIM, Draft
from .direct import cut_named, direct_quotes, inside_mixed, named_thing
from .reported import reported_quotes
from .speakers import located, speaker_mention


def extract_quotes(doc: Any, entities: list[Entity], graph: ActorGraph | None = None) -> list[Quote]:
    """Direct and reported quotations of a parsed article, in text order.

    Args:
        doc: a parsed spaCy ``Doc``.
        entities: the doc's cleaned entities with actors (``extract_entities``).
        graph: the article's actor graph (``doc._.actor_graph``); built here when not given.

    Returns:
        One :class:`~newsevents.records.Quote` per quotation, with cue lemma, speaker Mention
        (actor resolved, pronouns through their antecedent) or None, and VADER polarity.
    """
    candidates(doc, entities)  # build the coreference candidates once
    graph = graph if graph is not None else ActorGraph(doc, entities)
    drafts = direct_quotes(doc)
    drafts += reported_quotes(doc, drafts)
    cut_named(doc, drafts)
    drafts = [d for d in drafts if not inside_mixed(d, drafts) and not named_thing(doc, d)]
    drafts.sort(key=lambda d: (d.start, d.end))
    denied = per_doc(doc, "unasserted", lambda _: [])
    denied[:] = [_to_quote(doc, d, entities, graph) for d in drafts if not d.asserted and d.speaker is not None]
    drafts = [d for d in drafts if d.asserted]
    continue_paragraphs(text_of(doc), drafts)
    drafts = [one for draft in drafts for one in per_speaker(draft)]
    quotes = [_to_quote(doc, draft, entities, graph) for draft in drafts]
    graph.add_quotes(quotes)
    return quotes


def unasserted(doc: Any) -> list[Quote]:
    """The speech the guide does not count as quotes but the events stage codes as statements:
    denials and doubts ("X denied that ..." is event 016), with their speakers; set by
    :func:`extract_quotes` (empty before it ran on ``doc``)."""
    return per_doc(doc, "unasserted", lambda _: [])  # type: ignore[no-any-return]


def continue_paragraphs(text: str, drafts: list[Draft]) -> None:
    """A direct quote with no attribution of its own continues the speaker of the quotes before
    it: a paragraph of quote alone, the paragraph before's (the news convention: '"...," the
    aide said.' then a paragraph of quote alone); a quote inside a paragraph, the last speaker
    quoted earlier in that paragraph ('"A," he said. The vote is on Monday. "B."')."""
    for i, draft in enumerate(drafts):
        if not draft.direct or draft.speaker is not None or draft.cue is not None:
            continue
        line_start = text.rfind("\n", 0, draft.start) + 1
        line_end = text.find("\n", draft.end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start : draft.start].strip(" \"“‘'") or text[draft.end : line_end].strip(TRIM + "\"”’'"):
            same = [d for d in drafts[:i] if d.speaker is not None and d.start >= line_start]
            if same:
                draft.cue, draft.cue_lemma, draft.speaker = same[-1].cue, same[-1].cue_lemma, same[-1].speaker
            continue
        before_start = text.rfind("\n", 0, max(line_start - 1, 0))
        while before_start > 0 and not text[before_start:line_start].strip():
            before_start = text.rfind("\n", 0, before_start)  # skip blank lines
        previous = [d for d in drafts[:i] if d.speaker is not None and d.end > before_start]
        if previous:
            draft.cue, draft.cue_lemma, draft.speaker = previous[-1].cue, previous[-1].cue_lemma, previous[-1].speaker


def per_speaker(draft: Draft) -> list[Draft]:
    """One quote per coordinated speaker ("Reporters Sans Frontieres and the Committee to
    Protect Journalists reporting that ...": each of them reports it), the annotation
    convention for words two speakers share): only named ones joined by "and" ("Britain and
    West Germany told ..."); "Democrats and Republicans", "Leigh Day & Co." stay one speaker."""
    head = draft.speaker
    if not _named(head) or not any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children):
        return [draft]
    others = [c for c in head.children if c.dep_ == "conj" and _named(c)]
    return [draft] + [Draft(draft.start, draft.end, draft.direct, draft.cue, other, draft.cue_lemma,
                            draft.asserted) for other in others]


def _named(token: Any) -> bool:
    return token is not None and token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "GPE", "PERSON")


def _to_quote(doc: Any, draft: Draft, entities: list[Entity], graph: ActorGraph) -> Quote:
    text = text_of(doc)[draft.start : draft.end]
    return Quote(
        start=draft.start,
        end=draft.end,
        text=text,
        direct=draft.direct,
        cue=draft.cue_lemma,
        speaker=located(graph, speaker_mention(doc, draft.speaker, entities, graph), draft.speaker),
        polarity=polarity(text),
    )
