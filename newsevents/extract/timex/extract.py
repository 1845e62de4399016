"""The timex stage: TIMEX3 time expressions and the date of each event.

:func:`extract_timexes` finds time expressions with compiled patterns over the text
(:mod:`.timex_rules`), reads the tense and modality of the clause each one attaches to from
spaCy's parse, and resolves the partly specified value against the publication date, that
tense and the document's reference time (:mod:`.timex_resolve`). :func:`date_event` gives an
event stated in a clause the date of the expression that governs it ("on Friday", "last year's
summit", "since then"), or the publication day when none does.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, replace
from typing import Any

from ...errors import ConfigError
from ...nlp import text_of
from ...records import Timex
from .patterns import lexicon
from .resolve import Partial, anchor_date, granularity_of, resolve, shift_date, to_date
from .rules import Candidate, find_candidates

#: Key of the per-Doc state in ``doc.user_data``.
STATE_KEY = "newsevents.timex"

_CONTEXT_FREE = {"iso_date", "slash_date", "month_year", "fiscal", "decade", "century"}
_BAD_YEAR_ENTS = {"MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_THEN_PREPS = {"since", "until", "till", "from", "by", "before", "after"}


@dataclass(frozen=True)
class Anchor:
    """One detected timex as the event stage sees it (kept in ``doc.user_data``).

    Attributes:
        start, end: character offsets of the timex.
        governor: token index of the verb (or root) it attaches to.
        sentence: start token index of its sentence.
        event: (date, precision) an event it governs takes, or None (durations, sets, refs).
    """

    start: int
    end: int
    governor: int
    sentence: int
    event: tuple[str, str] | None


def parse_published(published: str) -> dt.date:
    """The publication date of an ISO date or datetime string.

    Raises:
        ConfigError: when the string is not an ISO date.
    """
    try:
        return dt.date.fromisoformat(str(published).strip()[:10])
    except ValueError as exc:
        raise ConfigError(
            f"timex: publication date {published!r} is not an ISO date (YYYY-MM-DD or an ISO "
            "datetime); fix the article's 'published' field"
        ) from exc


def extract_timexes(doc: Any, published: str) -> list[Timex]:
    """Find and normalise the TIMEX3 time expressions of a parsed article.

    Args:
        doc: a spaCy ``Doc`` with tagger, parser and morphology (the article text).
        published: the publication date (ISO date or datetime), the document creation time.

    Returns:
        The timexes in text order; ``start``/``end`` index ``doc.text`` and ``text`` equals
        ``doc.text[start:end]``. The anchors for :func:`date_event` are kept in
        ``doc.user_data["newsevents.timex"]``.
    """
    dct = parse_published(published)
    text = text_of(doc)
    timexes: list[Timex] = []
    anchors: list[Anchor] = []
    ref: dt.date | None = None  # last date mentioned, any precision
    ref_value = ""  # ... and its TIMEX3 value
    day_ref: dt.date | None = None  # last day-precise date mentioned
    for cand in find_candidates(text):
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or not _keep(cand, span):
            continue
        gov = governor(span)
        tense = _tense_for(span, gov) if cand.part.tense == "context" else ""
        part = _with_ref_granularity(cand.part, ref_value)
        use_ref = ref
        if cand.rule.startswith("clock"):
            use_ref = _sentence_ref(anchors, span)
        elif cand.part.shift is not None and cand.part.shift[1] == "day":
            use_ref = day_ref  # "the next day", "that day": anchored to a day, not a year
        value = resolve(part, dct, tense, use_ref)
        timex = Timex(cand.start, cand.end, text[cand.start : cand.end], part.type, value,
                      part.mod)
        timexes.append(timex)
        event = _event_anchor(cand, timex, ref)
        anchors.append(Anchor(cand.start, cand.end, gov.i, span.sent.start, event))
        if timex.type in ("DATE", "TIME") and to_date(value) is not None:
            ref, ref_value = to_date(value), value
            if event is not None and event[1] == "day":
                day_ref = ref
    # Plain tuples, so the Doc still serialises (DocBin / to_bytes use msgpack).
    rows = [(a.start, a.end, a.governor, a.sentence, a.event) for a in anchors]
    doc.user_data[STATE_KEY] = {"published": str(published), "anchors": rows}
    return timexes


def _with_ref_granularity(part: Partial, ref_value: str) -> Partial:
    """ "the same period a year ago" is written in the unit of the period mentioned before."""
    if part.fields.get("same_period") not in ("period", "time"):
        return part
    return replace(part, granularity=granularity_of(ref_value) or "year")


#: nouns whose number is a label, not a year ("resolution 1701", "flight 1549", "No. 1999").
NUMBERED_NOUNS = frozenset({
    "resolution", "resolutions", "no", "nos", "number", "numbers", "flight", "route", "article",
    "articles", "section", "sections", "chapter", "paragraph", "page", "pages", "room", "unit",
    "code", "highway", "exit", "platform", "model", "version", "channel", "bus", "gate", "item",
    "file", "volume", "vol", "convoy", "patrol", "squad", "regiment", "division", "brigade",
    "battalion", "hill", "kilometre", "kilometer", "km", "mile", "miles", "hotline", "bill",
})


def _keep(cand: Candidate, span: Any) -> bool:
    """Token-level filters the patterns cannot express (numbers that are not years ...)."""
    if cand.rule == "year":
        tok = span[-1]
        if tok.ent_type_ in _BAD_YEAR_ENTS:
            return False
        if tok.dep_ == "nummod" and tok.head.tag_ == "NNS":
            return False  # "2000 troops"
        prev = span.doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.tag_ == "NNP" and tok.ent_type_ != "DATE":
            return False  # "Russell 2000", "Airbus 2000"
        if prev is not None and prev.lower_.rstrip(".") in NUMBERED_NOUNS and len(span) == 1:
            return False  # "Security Council resolution 1701", "flight 1549"
        return True
    if cand.rule == "month" and len(span) == 1:
        return not span[0].tag_.startswith("VB") and span[0].tag_ != "MD"
    return True


def _tense_for(span: Any, gov: Any) -> str:
    """The direction a context-dependent expression takes: the clause tense, with cues."""
    tense = clause_tense(gov)
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("until", "till") and not _simple_past(gov):
        return "future"  # "closed until Friday", "has kept them closed until Friday"
    if before == "since":
        return "past"  # "has called for repeal since February", whatever verb it hangs on
    if not tense and gov.tag_ == "VB" and any(c.lower_ == "to" for c in gov.children):
        return "future"  # headline infinitive: "Markets to reopen on Monday"
    return tense


def _simple_past(verb: Any) -> bool:
    """Whether the verb or one of its auxiliaries is in the simple past ("stayed", "was")."""
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children if c.dep_.startswith("aux")):
        return True
    return verb.dep_ in ("xcomp", "acomp", "oprd", "conj") and verb.head.tag_ == "VBD"  # "stayed closed"


def governor(span: Any) -> Any:
    """The verb a span attaches to: the first verb or auxiliary up its head chain (or the root).

    "X said on Monday it would ...": a time between a speech verb and the subject of its
    complement dates the saying, whatever the parser attached it to.
    """
    tok = span.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "ccomp" and head.i < span.start and head.lemma_ in _speech_verbs():
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "mark")), None)
        if subject is not None and span.end <= subject.i:
            return head
    return tok


@functools.cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(lexicon()["speech_verbs"])


@functools.cache
def _future_words() -> tuple[frozenset[str], frozenset[str]]:
    lex = lexicon()
    return frozenset(lex["future_aux"]), frozenset(lex["future_heads"])


def clause_tense(verb: Any) -> str:
    """The tense of the clause a verb heads: "past", "present", "future" or "" (none).

    Future covers "will"/"'ll"/"shall"/"would", "is to", "is going to" and verbs governed by
    plan/expect/intend/schedule/due/set ("plans to visit", "is expected to meet").
    """
    if verb.pos_ not in ("VERB", "AUX"):
        return ""
    future_aux, future_heads = _future_words()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in future_aux for a in auxes):
        return "future"
    head = verb.head
    if verb.dep_ == "xcomp" and (head.lemma_ in future_heads or head.lemma_ == "be"
                                 or (head.lemma_ == "go" and head.tag_ == "VBG")):
        return "future" if head.tag_ != "VBD" else "past"
    if verb.lemma_ in future_heads and verb.tag_ == "VBN" and any(
        a.tag_ in ("VBZ", "VBP") for a in auxes
    ):
        return "future"  # "is scheduled for June", "are expected on Friday"
    return _simple_tense(verb, auxes)


def _simple_tense(verb: Any, auxes: list[Any]) -> str:
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (any(a.lemma_ == "have" for a in auxes) or not auxes):
        if not auxes and verb.dep_ == "conj":
            return clause_tense(verb.head)
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if not auxes and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return clause_tense(verb.head)
    return ""


def _sentence_ref(anchors: list[Anchor], span: Any) -> dt.date | None:
    """The last day-precise date earlier in the same sentence (for clock times)."""
    for anchor in reversed(anchors):
        if anchor.sentence != span.sent.start:
            break
        if anchor.event is not None and anchor.event[1] == "day":
            return dt.date.fromisoformat(anchor.event[0])
    return None


def _event_anchor(cand: Candidate, timex: Timex, ref: dt.date | None) -> tuple[str, str] | None:
    """The (date, precision) an event governed by this timex takes, if any."""
    if timex.type in ("DATE", "TIME"):
        found = anchor_date(timex.value)
        if (found is None and timex.value == "PAST_REF" and cand.rule == "ref" and ref
                and timex.text.lower() == "the time"):
            return _ref_event(ref, "day")  # "at the time": the reference time (not "the past")
        return found
    shift = cand.part.event_shift
    if timex.type == "DURATION" and shift is not None and ref is not None:
        n, unit = shift
        moved = shift_date(ref, n, unit)
        precision = "day" if unit in ("day", "week", "hour", "minute") else (
            "month" if unit in ("month", "quarter") else "year")
        return _ref_event(moved, precision)
    return None


def _ref_event(day: dt.date, precision: str) -> tuple[str, str]:
    text = {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}
    return text[precision], precision


def date_event(clause: Any, published: str, timexes: list[Timex],
               head: Any = None) -> tuple[str, str, str]:
    """The date of an event stated in a clause, with its precision and basis.

    Args:
        clause: a spaCy ``Span`` (the event's clause or evidence tokens) of a Doc on which
            :func:`extract_timexes` ran.
        published: the article's publication date.
        timexes: the article's timexes (those the caller accepts; others are ignored).
        head: the event's predicate token, when it is not the clause's own verb (a noun: "the
            talks held on Friday" are dated by the clause that describes them).

    Returns:
        (date, precision, basis): ``("2025-07-18", "day", "timex")`` when a time expression in
        the clause or attached to its predicate governs it (also "since then" via the reference
        time), else ``(publication day, "day", "publication")``.
    """
    dct = parse_published(published)
    anchors = _anchors(clause.doc, published, timexes)
    allowed = {(t.start, t.end) for t in timexes}
    usable = [a for a in anchors if (a.start, a.end) in allowed]
    chosen = _governing(clause, usable, head)
    if chosen is not None and chosen.event is not None and not _reported_before(
            chosen.event[0], dct, head if head is not None else clause.root):
        return chosen.event[0], chosen.event[1], "timex"
    then = _then_token(clause)
    if then is not None:
        earlier = [a for a in usable if a.end <= then.idx and a.event is not None]
        if earlier:
            date, precision = earlier[-1].event  # type: ignore[misc]
            return date, precision, "timex"
    return dct.isoformat(), "day", "publication"


def _reported_before(date: str, dct: dt.date, verb: Any) -> bool:
    """Whether a date after publication cannot be a past-tense event's: what an article reports
    in the past happened by its publication day, so the time names something else ("have
    declared 2027 the year of friendship", a time the parser hung on the wrong clause)."""
    return date > dct.isoformat()[: len(date)] and clause_tense(verb) == "past"


def _anchors(doc: Any, published: str, timexes: list[Timex]) -> list[Anchor]:
    state = doc.user_data.get(STATE_KEY)
    if state is None or state.get("published") != str(published):
        extract_timexes(doc, published)
        state = doc.user_data[STATE_KEY]
    return [Anchor(s, e, g, sent, tuple(ev) if ev else None)  # type: ignore[arg-type]
            for s, e, g, sent, ev in state["anchors"]]


def _governing(clause: Any, anchors: list[Anchor], head: Any = None) -> Anchor | None:
    """The datable anchor inside the clause or attached to its predicate, nearest the verb."""
    root = clause.root
    verbs = {root.i, governor(clause).i} | ({head.i} if head is not None else set())
    start, end = clause.start_char, clause.end_char
    sent = clause.sent.start if clause.start < len(clause.doc) else -1
    found = []
    for a in anchors:
        if a.event is None:
            continue
        inside = a.start < end and a.end > start and not _modifies_noun(clause.doc[a.governor], verbs)
        attached = a.governor in verbs and a.sentence == sent
        if inside or attached:
            found.append((0 if a.governor in verbs else 1, abs(a.governor - root.i), a.start, a))
    return min(found, key=lambda f: f[:3])[3] if found else None


def _modifies_noun(verb: Any, verbs: set[int]) -> bool:
    """Whether a verb other than the event's heads a clause that describes a noun: a time in it
    dates that clause, not the event ("join the Andean Community, a trade bloc established in
    1969"; "giving up land that Beijing seized in 1962"). Unless the noun is the event's own or
    an occasion the event happens at ("he said in a meeting that was broadcast yesterday")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.i not in verbs:
        verb = verb.head  # "headquartered in Vienna and established in 1957"
    if verb.i in verbs or verb.dep_ not in ("relcl", "acl") or verb.head.i in verbs:
        return False
    return verb.head.lemma_.lower() not in _setting_nouns()


@functools.cache
def _setting_nouns() -> frozenset[str]:
    return frozenset(lexicon()["setting_nouns"])


def _then_token(clause: Any) -> Any:
    """A "then" / "that time" pointing back to the reference time ("since then")."""
    for tok in clause:
        if tok.lower_ == "then" and (tok.head.lower_ in _THEN_PREPS or tok.i > 0 and
                                     clause.doc[tok.i - 1].lower_ in _THEN_PREPS):
            return tok
        if tok.lower_ == "time" and tok.i > 0 and clause.doc[tok.i - 1].lower_ == "that":
            return tok
    return None
