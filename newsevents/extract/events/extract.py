"""The events stage: who did what to whom, when, coded in CAMEO and PLOVER, with evidence.

Candidate predicates are the verbs the CAMEO.2.0 dictionary or our patterns know and the event
nouns our patterns know, found from the doc's lemma array (:mod:`.scan`); only their
sentences are visited. Each is coded (:mod:`coding`), frame verbs composed with their coded
complements ("agreed to provide aid" -> 033, :mod:`compose`), its modality read
(:mod:`modality`), its source and target resolved to actors (:mod:`event_actors`), and it
becomes one :class:`Event` per (source, target) pair, coordinated actors (speakers too) expanded. Reported speech: a generic statement
("X said ...") whose complement holds a coded event gives way to that event; a statement with
its own specific coding ("X described the talks as toxic") stays and points at its quote.

By default an event needs a source and a target actor (PETRARCH's ``require_dyad``), except for
roots where CAMEO codes one-sided events (protest, force posture). Both must be political
parties (:func:`event_actors.political`: a country, an organisation or a bloc, not a bare
sector, a media outlet or a business); the source must be an agent ("Taiwan's reserves" do
not act). Targets are chosen by :mod:`event_targets` (statements only take their addressee or
the agent they are about). Market and business reporting ("said profit rose", "bought 8,000
tonnes of wheat", "reserves hit a new high") gives no event (:mod:`event_markets`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ...records import Actor, Entity, Event, Mention, Place, Quote, Timex
from ...records import Span as TextSpan
from ..actors.business import CORPORATE_WORDS
from ..actors.codes import political
from ..actors.graph import ActorGraph
from ..actors.places import place_country
from ..quotes.extract import unasserted
from ..predicates import Predicate, clause_span, nominal_predicate, verbal_predicate
from ..tone import polarity
from .absorb import STATEMENT_ROOT
from .cameo import code_info, plover_for
from .coding import Coding
from .markets import figure_objects, finance_topic, market_report, market_subject, traded_goods
from .modality import ASSERTED, modality
from .notcoded import beaten, exclusion, media_report, once
from .pairs import co_targets, pair_parties
from .scan import scan
from .sentence import (NO_TRACE, Coded, code_sentence, event_agents, named_members, reporting,
                       source_heads)
from .cues import cue_token, repeated
from .statements import ADDRESSED_KINDS, classify
from .targets import co_speakers, targets_of
from .trace import Candidate, Trace

#: roots a coded predicate keeps without a target when none is named (demonstrations, force
#: posture, criticism of a state of affairs); statements (:mod:`.statements`) choose their own.
TARGETLESS_ROOTS = frozenset({"11", "14", "15"})
#: codes CAMEO defines without an addressee (no comment, responsibility, denial): null target.
TARGETLESS_CODES = frozenset({"011", "015", "016"})
#: roots that are verbal (statements, appeals, demands, criticism ...): they may carry a quote.
VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "09", "10", "11", "12", "13"})
STRENGTH_CONFIDENCE = {3: 0.8, 2: 0.75, 1: 0.6, 0: 0.5}
#: codes that say too little without a party they are about: a plain statement ("said"), a
#: policy considered, frustration voiced about no one ("expressed frustration that ...").
NEEDS_TARGET = frozenset({"010", "014", "110"})
#: roots of wishes, intentions and threats (appeal, intend, threaten), whose object is only
#: hoped for: about prices, currencies or markets they are market commentary.
HOPE_ROOTS = frozenset({"02", "03", "13"})
#: the intention to cooperate materially (economically): "planned to buy", "agreed to supply".
TRADE_INTENT = "031"
#: roots whose verbs (buy, import, sell, ship) also report ordinary trade transactions.
TRADE_ROOTS = frozenset({"06"})
#: roots whose object may well be an amount or a market ("granted Indonesia 300 mln dlrs",
#: "froze its assets"); elsewhere a figure or market thing as the object is market reporting
#: ("reserves hit a new high", "asked companies not to sell dollars").
AID_ROOTS = frozenset({"07", "16", "17"})
AID_INTENT = "033"  # a pledge of money is a pledge of aid ("earmarked one million francs for")
#: pronouns that, standing alone as a target, mostly refer to a thing ("they'll buy it",
#: "view it as too small"): a party named only by one of them is not a target.
THING_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "which"})


def _quote_index(pred: Predicate, sent: Span, source: Mention, quotes: list[Quote]) -> int | None:
    best = None
    for i, quote in enumerate(quotes):
        if quote.end <= sent.start_char or quote.start >= sent.end_char:
            continue
        cue = (quote.cue or "").lower()
        if cue in (pred.head.lower_, pred.lemma):
            return i
        speaker = quote.speaker
        if speaker is not None and speaker.start < source.end and source.start < speaker.end:
            best = i if best is None else best
    return best


def _event_id(article_id: str, evidence: TextSpan, cameo: str, source: Mention,
              target: Mention | None) -> str:
    """A stable id, unique within the article: one event per evidence, code and mention pair.

    The source and target mention offsets are part of the key, so "X and Y criticized Z" with
    X and Y resolving to the same actor code still gives two events.
    """
    src = source.actor.code if source.actor else ""
    tgt = target.actor.code if target is not None and target.actor else ""
    tgt_span = f"{target.start}-{target.end}" if target is not None else "-"
    key = (f"{article_id}|{evidence.start}|{evidence.end}|{cameo}|{src}|"
           f"{source.start}-{source.end}|{tgt}|{tgt_span}")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class _Context:
    doc: Doc
    published: str
    timexes: list[Timex]
    quotes: list[Quote]
    places: list[Place]
    actors: ActorGraph
    sentence_index: dict[int, int]


def _sources(item: Coded, ctx: _Context, heads: list[Token]) -> list[Mention]:
    pred = item.pred
    skip = _party_tokens(pred)
    found = [ctx.actors.relocated(m, h, skip) for h in heads
             if (m := ctx.actors.agent(h)) is not None]
    if not found and heads:
        found = [m for h in heads if (m := ctx.actors.placed(h, item.sent, skip)) is not None]
    if not found and heads:  # "several dignitaries, including X and Y, paid homage"
        found = [m for h in named_members(heads) if (m := ctx.actors.agent(h)) is not None]
    if not found and item.coding.code[:2] in VERBAL_ROOTS:
        sent = item.sent
        cues = (pred.head.lower_, pred.lemma)
        for quote in ctx.quotes:
            speaker = quote.speaker
            # the cheap tests first (all are tests without effects, so the order changes nothing)
            if (speaker is not None and sent.start_char <= quote.start < sent.end_char
                    and (quote.cue or "").lower() in cues
                    and political(speaker.actor)
                    and not _company_name(speaker.text)
                    and not _business_speaker(speaker, ctx)):
                found = [speaker]
    if not found and pred.passive and not heads:  # "were killed in an attack by X"
        agents = event_agents(pred.head)
        found = [m for h in agents if (m := ctx.actors.agent(h)) is not None] or [
            m for h in agents if (m := ctx.actors.placed(h, item.sent, skip)) is not None]
    if not found and pred.passive and not heads and item.coding.code[:3] in POLICE_ACTS:
        police = _implied_police(item, ctx)  # "17 have been captured", "was arrested in Trinidad"
        found = [police] if police is not None else []
    return found


#: acts of a state's police done to the passive subject when no agent is named: arrest,
#: detention, expulsion, questioning ("An Israeli-American was arrested on Tuesday").
POLICE_ACTS = frozenset({"173", "174", "175", "091", "084"})


def _implied_police(item: Coded, ctx: _Context) -> Mention | None:
    """The police of the country where an agentless arrest happens (its place, else the one
    country of its sentence, else the story's), as a mention on the verb itself."""
    head = item.pred.head
    place = place_country(head, ctx.actors.place)
    country = place or ctx.actors.sentence_country(item.sent) or ctx.actors.story_country
    if country is None:
        return None
    return Mention(head.idx, head.idx + len(head.text), head.text,
                   Actor(country + "COP", country, "COP", None, None))


def _business_speaker(speaker: Mention, ctx: _Context) -> bool:
    """Whether a quote's speaker is business people ("X, director of the coffee institute")."""
    span = ctx.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    return span is not None and ctx.actors.business(span.root)


def _company_name(text: str) -> bool:
    """Whether a speaker's words name a company ("American Ecology Corp", "<Kansai Air Co>")."""
    return "<" in text or any(w.lower().strip(",") in CORPORATE_WORDS for w in text.split())


#: prepositions whose object is where or why, not the other party ("declared a state of siege
#: in Haiti", "despite pressure by Kenya's commission").
NON_PARTY_PREPS = frozenset({"in", "at", "near", "inside", "throughout", "across", "despite",
                             "after", "before", "by", "during", "since", "until"})


def _party_tokens(pred: Predicate) -> frozenset[int]:
    """Tokens of a predicate's objects, addressees, prepositional objects and complement: where
    the other party, not the source's country, is named (see :meth:`ActorGraph.placed`)."""
    heads = [*pred.objects, *pred.datives, *(o for prep, o in pred.preps
                                             if prep not in NON_PARTY_PREPS)]
    if pred.complement is not None:
        heads.append(pred.complement)
    tokens = {t.i for h in heads for t in h.subtree}
    # where the act on an object happens is no party ("declared a state of siege in Haiti")
    places = {t.i for o in pred.objects for p in o.children
              if p.dep_ == "prep" and p.lower_ in ("in", "inside", "throughout") for t in p.subtree}
    return frozenset(tokens - places)


def _build(item: Coded, source: Mention, target: Mention | None, ctx: _Context) -> Event:
    from ..timex.extract import date_event

    pred, coding = item.pred, item.coding
    carrier = pred.nominal and pred.head.dep_ in ("dobj", "nsubjpass")
    clause = clause_span(pred.head.head if carrier else pred.head)
    evidence = TextSpan(clause.start_char, clause.end_char, clause.text)
    info = code_info(coding.code)
    date, precision, basis = date_event(clause, ctx.published, ctx.timexes, pred.head)
    place = None
    if ctx.places:
        from ..places import place_for

        place = place_for(clause, ctx.places)
    quote = _quote_index(pred, item.sent, source, ctx.quotes) if info.root in VERBAL_ROOTS else None
    confidence = STRENGTH_CONFIDENCE[coding.strength] - (0.1 if target is None else 0.0)
    article_id = str(ctx.doc.user_data.get("article_id", ""))
    return Event(
        id=_event_id(article_id, evidence, coding.code, source, target),
        cameo=coding.code,
        root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        source=source,
        evidence=evidence,
        sentence=ctx.sentence_index[item.sent.start],
        date=date,
        date_precision=precision,
        date_basis=basis,
        modality=item.modality,
        confidence=round(max(0.05, min(1.0, confidence)), 2),
        pattern=coding.pattern,
        target=target,
        plover=plover_for(coding.code),
        place=place,
        quote=quote,
        polarity=polarity(item.sent.text),
    )


def _market(item: Coded) -> str | None:
    """Why a coded predicate is market or business reporting, or None when it is not."""
    statement = item.coding.code[:2] == STATEMENT_ROOT
    if statement and market_report(item.pred):
        return "a market report"
    if (item.coding.code[:2] in TRADE_ROOTS or item.coding.code.startswith(TRADE_INTENT)) \
            and traded_goods(item.pred):
        return "trade in goods"  # "bought 8,000 tonnes of wheat", "agreed to supply oil to Brazil"
    if item.coding.code[:2] not in AID_ROOTS and not item.coding.code.startswith(AID_INTENT) \
            and figure_objects(item.pred):
        return "a figure or market as its object"  # "reserves hit a new high"
    if reporting(item) and market_subject(item.pred):
        return "a reported market movement"  # "said growth rates dropped"
    if item.coding.code[:2] in HOPE_ROOTS and finance_topic(item.pred):
        return "a hope about prices or markets"  # "hopes the agreement will hold the yen stable"
    return None


def _events_of(item: Coded, ctx: _Context, require_target: bool,
               trace: Trace = NO_TRACE) -> Iterator[Event]:
    market = _market(item)
    if market:
        trace.note(item.pred.head, outcome="market", detail=market)
        return
    if excluded := exclusion(item):  # annotation guide §5 "Not coded"
        trace.note(item.pred.head, outcome=excluded)
        return
    statement = item.coding.code[:2] == STATEMENT_ROOT
    heads = source_heads(item.pred, ctx.actors)
    pair = pair_parties(item.pred, heads, item.coding.code, ctx.actors)
    sources = [s for s in pair[:1] or _sources(item, ctx, heads)
               if not media_report(item.coding.code, s)]
    if not sources:
        trace.note(item.pred.head, outcome="no source",
                   detail=f"subject {', '.join(h.text for h in heads) or 'none'}")
    for source in sources:
        targets: list[Mention | None] = [
            t for t in targets_of(item.pred, source, ctx.actors, item.coding.code[:2], statement,
                                  denial=item.coding.code[:3] == "016")
            if t.text.lower() not in THING_PRONOUNS] if not pair else pair[1:]
        if not targets and item.coding.code.startswith(MUTUAL_CODES):
            targets = _co_subjects(source, sources)
        trace.meet(item.pred.head).sources.append(_named(source))
        trace.meet(item.pred.head).targets.extend(_named(t) for t in targets if t is not None)
        if not targets:
            code = item.coding.code
            if require_target and code[:3] not in TARGETLESS_CODES and (
                    code[:2] not in TARGETLESS_ROOTS or code in NEEDS_TARGET):
                trace.note(item.pred.head, outcome="no target")
                continue
            targets = [None]
        for target in targets:
            if item.coding.forward or target is None:
                yield _build(item, source, target, ctx)
            if item.coding.reverse and target is not None and target.actor is not None:
                yield _build(_reciprocal(item), target, source, ctx)


#: codes of relations between parties (consult, cooperate, cut ties, intend to meet, agree,
#: settle, declare a ceasefire): coordinated subjects with no other target do it with each other.
MUTUAL_CODES = ("04", "05", "06", "16", "030", "036", "037", "0871")


def _co_subjects(source: Mention, sources: list[Mention]) -> list[Mention | None]:
    """The other parties of a predicate with coordinated subjects and no other target: "Iraq
    and Syria severed relations" is one act between them, coded once with the first-named
    party as its source (annotation guide §5, reciprocal events)."""
    code = source.actor.code if source.actor else None
    if source is not sources[0]:
        return []
    return [m for m in sources if m is not source and m.actor and m.actor.code != code]


def _named(mention: Mention | None) -> str:
    if mention is None:
        return "-"
    return f"{mention.text}={mention.actor.code if mention.actor else '?'}"


def _reciprocal(item: Coded) -> Coded:
    """The reverse half of a reciprocal code ("[042:043]": X visited Y, so Y hosted X).

    Same predicate and evidence; the pattern name says it is the reciprocal half.
    """
    coding = item.coding
    reverse = Coding(coding.reverse or coding.code, f"{coding.pattern}:reciprocal",
                     coding.strength)
    return replace(item, coding=reverse)


def extract_events(
    doc: Doc,
    published: str,
    entities: list[Entity],
    timexes: list[Timex],
    quotes: list[Quote],
    places: list[Place],
    *,
    require_target: bool = True,
    trace: Trace = NO_TRACE,
    graph: ActorGraph | None = None,
) -> list[Event]:
    """Coded political events of a parsed article.

    Args:
        doc: the parsed article (made by ``newsevents.nlp.make_docs``).
        published: the publication date (ISO), the anchor for event dates.
        entities: the article's entities with actors (``actors.extract_entities``).
        timexes: its time expressions (``timex.extract_timexes``).
        quotes: its quotations (``quotes.extract_quotes``); statements point into this list.
        places: its places (``places.extract_places``).
        require_target: drop events without a target actor (except protest and force
            posture), as PETRARCH's ``require_dyad`` does.
        trace: notes what became of every candidate predicate (``newsevents explain``).
        graph: the article's actor graph (``doc._.actor_graph``); built here when not given.

    Returns:
        Events in text order, every modality included (``Event.modality``; only ``asserted``
        ones count by default downstream), duplicates (same evidence, code and dyad) removed.
    """
    actors = graph if graph is not None else ActorGraph(doc, entities)
    found = scan(doc).sentences
    ctx = _Context(doc, published, timexes, quotes, places, actors,
                   {sent.start: number for number, sent in enumerate(doc.sents)})
    by_head: dict[int, list[Event]] = {}
    acts: set[int] = set()  # heads of coded material acts that made an asserted event
    for _, sent, candidates in found:
        actors.remember_participants(doc[i] for i in candidates)
        for item in code_sentence(sent, actors, candidates, trace):
            made = list(_events_of(item, ctx, require_target, trace))
            by_head.setdefault(item.pred.head.i, []).extend(made)
            if item.coding.code[:2] in MATERIAL_ROOTS and any(e.modality == ASSERTED for e in made):
                acts.add(item.pred.head.i)
    statements, contents = _statements(ctx, by_head, acts, trace)
    events: dict[str, Event] = {}
    for head, made in by_head.items():
        for event in made:
            if head not in contents or event.root in MATERIAL_ROOTS:
                events.setdefault(event.id, event)
    for event in statements:
        events.setdefault(event.id, event)
    kept = once(_most_specific(list(events.values())))
    if trace is not NO_TRACE:
        _note_events(trace, doc, events.values(), kept)
        trace.number_sentences(ctx.sentence_index)
    return sorted(kept, key=lambda e: (e.evidence.start, e.cameo))


#: sectors whose statements are comment or reporting, not political events (analysts, media).
COMMENTATORS = frozenset({"EDU", "MED", "BUS", "MNC"})
#: roots of material acts: reported inside a statement they are still coded as acts
#: ("Iraq said its planes struck the tanker").
MATERIAL_ROOTS = frozenset({"04", "06", "07", "08", "14", "15", "16", "17", "18", "19", "20"})


def _statements(ctx: _Context, by_head: dict[int, list[Event]], acts: set[int],
                trace: Trace) -> tuple[list[Event], set[int]]:
    """Statement events from the quotes (:mod:`.statements`), and the token indices of the
    content they code: what is said there is the statement's, not an event of its own.

    A cue whose predicate already gave a specific event ("accused Syria of ...") keeps it; a
    neutral statement reporting a material act ("the army says it killed 40 militants") is that
    act (``acts``: heads of material predicates coded as asserted events), not a statement.
    """
    events: list[Event] = []
    contents: set[int] = set()
    spans: set[tuple[int, int]] = set()
    for quote in ctx.quotes + unasserted(ctx.doc):  # denials are statements, not quotes
        speaker = quote.speaker
        if speaker is None or not political(speaker.actor) or speaker.actor.sector in COMMENTATORS:
            continue
        if (quote.start, quote.end) in spans:
            continue  # the words again for a coordinated speaker: the predicate's own subjects
            # ("Spain and Portugal told ...") already give each of them the statement
        spans.add((quote.start, quote.end))
        cue = cue_token(ctx.doc, quote)
        content = ctx.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if cue is None or content is None or repeated(cue):
            continue
        specific = [e for e in by_head.get(cue.i, []) if e.cameo != "010"]
        reports_act = any(content.start <= i < content.end for i in acts)
        stance = None if specific else classify(cue, content, speaker, ctx.actors.mention,
                                                reports_act)
        if stance is None:
            continue
        contents.update(range(content.start, content.end))
        by_head.pop(cue.i, None)  # a generic "said" gives way to the statement
        pred = nominal_predicate(cue) if cue.pos_ in ("NOUN", "PROPN") else verbal_predicate(cue)
        item = Coded(pred, Coding(stance.code, f"own:statement:{stance.kind}", 2),
                     modality(cue), cue.sent)
        target = ctx.actors.mention(stance.target) if stance.target is not None else None
        if target is None and stance.kind in ADDRESSED_KINDS:
            trace.note(cue, code=stance.code, outcome="no target")
            continue
        trace.note(cue, code=stance.code, pattern=item.coding.pattern, modality=item.modality,
                   outcome="coded", sources=[_named(speaker)], targets=[_named(target)])
        events.extend(_build(item, s, t, ctx) for s in co_speakers(ctx.doc, speaker, ctx.actors)
                      for t in co_targets(stance, target, ctx.actors)
                      if t is None or s.actor != t.actor)
    return events, contents


def _note_events(trace: Trace, doc: Doc, made: Iterable[Event], kept: list[Event]) -> None:
    """Note each emitted event on its predicate's candidate, and those a more specific one beat."""
    by_start = {c.start: c for c in trace.candidates.values()}
    kept_ids = {e.id for e in kept}
    for event in made:
        candidate = _candidate_of(event, by_start)
        if candidate is None:
            continue
        target = event.target.actor.code if event.target and event.target.actor else "-"
        source = event.source.actor.code if event.source.actor else "?"
        line = f"{event.cameo} {source}->{target} {event.modality}"
        if event.id in kept_ids:
            candidate.events.append(line)
            candidate.outcome = "event"
        elif candidate.outcome != "event":
            candidate.outcome = "less specific" if beaten(event, kept) else "repeat"


def _candidate_of(event: Event, by_start: dict[int, Candidate]) -> Candidate | None:
    """The traced candidate whose head lies in the event's evidence and carries its code."""
    inside = [c for start, c in by_start.items()
              if event.evidence.start <= start < event.evidence.end]
    same = [c for c in inside if c.code and c.code[:2] == event.cameo[:2]]
    return (same or inside or [None])[0]


def _most_specific(events: list[Event]) -> list[Event]:
    """One event per clause, dyad and root: "launched bombing raids on X" is an air strike
    (195), not also a generic use of force (190) by the same source on the same target."""
    best: dict[tuple, Event] = {}
    for event in events:
        target = event.target
        key = (event.evidence.start, event.evidence.end, event.source.start,
               event.source.actor.code if event.source.actor else None,
               target.start if target else None, event.root, event.modality)
        kept = best.get(key)
        if kept is None or _specificity(event) > _specificity(kept):
            best[key] = event
    return list(best.values())


def _specificity(event: Event) -> tuple[int, int, float]:
    """A code's specificity: more digits, then a non-zero third digit, then confidence."""
    return (len(event.cameo), int(event.cameo[2:3] not in ("", "0")), event.confidence)


def asserted(events: list[Event]) -> list[Event]:
    """The events that count by default: those stated as having happened."""
    return [e for e in events if e.modality == ASSERTED]
