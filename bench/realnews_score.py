"""Scoring system output against the real-news set: events, quotes and time expressions.

Events (the rule of issue 13 and of the independent evaluation): article by article, asserted
events only, an event matches a gold event when the CAMEO root, the source's country or
organisation and the target's country or organisation (or both targets null) are equal (an actor
with both, a national armed group, counts by its country);
reciprocal codes (040, 044, 046) match either way round. Matching is one-to-one, a prediction
whose evidence overlaps the gold event's preferred. A prediction that matches no gold event is
*miscoded* when its evidence overlaps a gold event's evidence, else *spurious* (no event there).

Quotes (issue 14): a predicted quote matches a gold quote when their spans overlap by at least
half of the shorter one; speaker accuracy counts matched quotes whose speaker is right (the
predicted speaker mention overlaps the gold speaker mention or the gold ``speaker_resolved``
mention, or names the same person); speaker-actor accuracy counts matched quotes whose speaker
actor has the gold ``speaker_actor``'s country or organisation.

Time expressions: TempEval-3 style, relaxed span match (overlap) and value accuracy of matched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from realnews import ORGS, REGIONS, locate, near, span_of

from newsevents.extract.actors.codes import actor_from_code
from newsevents.records import Actor, ArticleRecord, Event

#: reciprocal codes: one event, either party first (annotation guide §5).
RECIPROCAL = ("040", "044", "046")
#: acronyms written two ways for one organisation.
ORG_ALIASES = {"EC": "EU", "EEC": "EU", "ARL": "ARAB LEAGUE", "OAU": "AU"}


# --- actors ---------------------------------------------------------------------------------

def actor_key(actor: Actor | None) -> str | None:
    """What scoring compares of an actor: its country (a national group such as Hamas is its
    country's, as the guide codes it: ``PSEREB``), else its organisation, else region/``---``."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.org:
        return ORG_ALIASES.get(actor.org, actor.org)
    head = actor.code[:3]
    return head if head in REGIONS else "---"


def gold_key(code: str | None) -> str | None:
    """The scoring key of a gold actor code (``UKRGOV`` UKR, ``NATO`` NATO, ``WST`` WST)."""
    if code is None:
        return None
    upper = code.upper()
    if upper in ORGS:
        return ORG_ALIASES.get(upper, upper)
    return actor_key(actor_from_code(code))


# --- events ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """An event reduced to what is scored, with its evidence span and date."""

    root: str
    source: str | None
    target: str | None
    span: tuple[int, int]
    date: str = ""
    basis: str = ""
    cameo: str = ""
    ref: Any = None  # the gold dict or the system Event

    def key(self, flip: bool = False) -> tuple[str, str | None, str | None]:
        return (self.root, self.target, self.source) if flip else (self.root, self.source, self.target)


def gold_items(gold: dict[str, Any], body: str) -> list[Item]:
    items = []
    for event in gold.get("events", []):
        span = span_of(body, event, "evidence") or (0, 0)
        target = event.get("target")
        items.append(Item(event["cameo"][:2], gold_key(event["source"]["code"]),
                          gold_key(target["code"]) if target else None, span,
                          event.get("date", ""), event.get("date_basis", ""), event["cameo"],
                          event))
    return items


def system_items(events: Iterable[Event]) -> list[Item]:
    return [Item(e.root, actor_key(e.source.actor), actor_key(e.target.actor) if e.target else None,
                 (e.evidence.start, e.evidence.end), e.date, e.date_basis, e.cameo, e)
            for e in events if e.modality == "asserted"]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(g: Item, p: Item) -> bool:
    if g.key() == p.key():
        return True
    reciprocal = g.cameo.startswith(RECIPROCAL) or p.cameo.startswith(RECIPROCAL)
    return reciprocal and g.key() == p.key(flip=True)


def match_events(gold: Sequence[Item], predicted: Sequence[Item]) -> list[tuple[Item, Item]]:
    """One-to-one matches; pairs whose evidence overlaps are taken first."""
    pairs = [(bool(_overlap(g.span, p.span)), -abs(g.span[0] - p.span[0]), gi, pi)
             for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if _matches(g, p)]
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gold[gi], predicted[pi]))
    return out


def date_right(g: Item, p: Item) -> bool:
    """Dates by prefix (a month-precise gold date holds a day inside it); publication-basis
    gold dates within a day."""
    if g.basis == "publication" and len(g.date) == 10 and len(p.date) >= 10:
        from datetime import date

        try:
            return abs((date.fromisoformat(g.date) - date.fromisoformat(p.date[:10])).days) <= 1
        except ValueError:
            return False
    return bool(g.date) and (p.date.startswith(g.date) or g.date.startswith(p.date) and
                             len(p.date) >= len(g.date))


@dataclass
class EventScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    spurious: int = 0
    miscoded: int = 0
    dates_right: int = 0
    missed: list[tuple[str, Item]] = field(default_factory=list)
    wrong: list[tuple[str, Item, str]] = field(default_factory=list)  # (article, item, kind)

    def add(self, article_id: str, gold: list[Item], predicted: list[Item]) -> None:
        pairs = match_events(gold, predicted)
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += len(pairs)
        self.dates_right += sum(date_right(g, p) for g, p in pairs)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        self.missed += [(article_id, g) for g in gold if id(g) not in matched_g]
        for p in predicted:
            if id(p) in matched_p:
                continue
            real = any(_overlap(p.span, g.span) for g in gold)
            self.miscoded += real
            self.spurious += not real
            self.wrong.append((article_id, p, "miscoded" if real else "spurious"))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        spurious = self.spurious / self.predicted if self.predicted else 0.0
        dates = self.dates_right / self.matched if self.matched else 0.0
        return (f"[{name}] gold={self.gold} predicted={self.predicted} matched={self.matched} "
                f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"spurious={spurious:.3f} miscoded={self.miscoded} dates={dates:.3f}")


# --- quotes ---------------------------------------------------------------------------------

@dataclass
class QuoteScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0
    actor_right: int = 0
    actor_gold: int = 0
    errors: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    classes: Counter[str] = field(default_factory=Counter)

    def add(self, record: ArticleRecord, gold: dict[str, Any]) -> None:
        body = record.article.text
        start_errors = len(self.errors)
        golds = [(q, span_of(body, q, "text")) for q in gold.get("quotes", [])]
        golds = [(q, s) for q, s in golds if s]
        preds = list(record.quotes)
        self.gold += len(golds)
        self.predicted += len(preds)
        used: set[int] = set()
        for q, span in golds:
            best = None
            for i, p in enumerate(preds):
                shorter = min(span[1] - span[0], p.end - p.start) or 1
                if i not in used and _overlap(span, (p.start, p.end)) * 2 >= shorter:
                    best = i
                    break
            if best is None:
                self.errors.append((record.article.id, "missed", q, None))
                continue
            used.add(best)
            self.matched += 1
            p = preds[best]
            right = _speaker_right(body, q, span, p)
            self.speaker_right += right
            if not right:
                self.errors.append((record.article.id, "speaker", q, p))
            if q.get("speaker_actor"):
                self.actor_gold += 1
                got = actor_key(p.speaker.actor) if p.speaker is not None else None
                self.actor_right += got == gold_key(q["speaker_actor"])
        self.errors += [(record.article.id, "spurious", None, p)
                        for i, p in enumerate(preds) if i not in used]
        for article_id, kind, q, p in self.errors[start_errors:]:
            self.classes[quote_error_class(body, kind, q, p, preds)] += 1

    def line(self, name: str) -> str:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        speaker = self.speaker_right / self.matched if self.matched else 0.0
        actor = self.actor_right / self.actor_gold if self.actor_gold else 0.0
        return (f"[{name}] gold={self.gold} predicted={self.predicted} matched={self.matched} "
                f"P={p:.3f} R={r:.3f} F1={f1:.3f} speaker={speaker:.3f} "
                f"speaker_actor={actor:.3f}")


#: words that name no one by themselves: a speaker written so must be resolved.
_REFERRING = frozenset({"he", "she", "it", "they", "we", "i", "the", "this", "a", "an", "his", "her",
                        "its", "their", "one", "some", "officials", "sources"})


def quote_error_class(body: str, kind: str, gold: dict[str, Any] | None, quote: Any,
                      predicted: Sequence[Any]) -> str:
    """The issue's error classes: a miss is a span boundary (a quote overlaps it, by less than
    half), a continuation paragraph (a direct quote opening its paragraph) or a missed
    attribution form; a wrong speaker is none found, an unresolved pronoun or description, or
    a wrong speaker by proximity (another named mention)."""
    if kind == "missed" and gold is not None:
        span = span_of(body, gold, "text")
        if span and any(_overlap(span, (p.start, p.end)) for p in predicted):
            return "missed: span boundary"
        if span and gold.get("direct"):
            line_start = body.rfind("\n", 0, span[0]) + 1
            if not body[line_start:span[0]].strip(" \"“‘'"):
                return "missed: continuation paragraph"
        return "missed: attribution form"
    if kind == "speaker":
        if quote.speaker is None:
            return "speaker: none found"
        first = quote.speaker.text.split()[0].lower() if quote.speaker.text.split() else ""
        gold_first = (gold or {}).get("speaker", "").split()[:1]
        if first in _REFERRING or (gold_first and gold_first[0].lower() in _REFERRING):
            return "speaker: unresolved pronoun/description"
        return "speaker: wrong by proximity"
    return kind


#: characters around a quote where a speaker mention with the gold's words counts as the gold's.
SPEAKER_WINDOW = 400


def _speaker_right(body: str, gold: dict[str, Any], span: tuple[int, int], quote: Any) -> bool:
    speaker = quote.speaker
    if speaker is None:
        return False
    names = [gold.get("speaker"), gold.get("speaker_resolved")]
    for name in filter(None, names):
        start = near(body, name, span[0])
        if start is not None and _overlap((start, start + len(name)), (speaker.start, speaker.end)):
            return True
    # the same words as the gold attribution, near the quote ("...," he said: either "he")
    if gold.get("speaker") and speaker.text.lower() == gold["speaker"].lower() \
            and abs(speaker.start - span[0]) <= SPEAKER_WINDOW:
        return True
    words = {w.strip(".,").lower() for n in filter(None, names) for w in n.split() if w[:1].isupper()}
    said = {w.strip(".,").lower() for w in speaker.text.split() if w[:1].isupper()}
    named = words - {"the", "a", "mr", "mrs", "president", "minister"}
    return bool(named & said)


# --- time expressions -----------------------------------------------------------------------

@dataclass
class TimexScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_right: int = 0
    errors: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(self, record: ArticleRecord, gold: dict[str, Any]) -> None:
        body = record.article.text
        golds = [(t, locate(body, t["text"], t.get("occurrence"))) for t in gold.get("timexes", [])]
        preds = list(record.timexes)
        self.gold += len(golds)
        self.predicted += len(preds)
        used: set[int] = set()
        for t, start in golds:
            if start is None:
                continue
            span = (start, start + len(t["text"]))
            hit = next((i for i, p in enumerate(preds)
                        if i not in used and _overlap(span, (p.start, p.end))), None)
            if hit is None:
                self.errors.append((record.article.id, "missed", t, None))
                continue
            used.add(hit)
            self.matched += 1
            right = preds[hit].value == t["value"]
            self.value_right += right
            if not right:
                self.errors.append((record.article.id, "value", t, preds[hit]))
        self.errors += [(record.article.id, "spurious", None, p)
                        for i, p in enumerate(preds) if i not in used]

    def line(self, name: str) -> str:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.value_right / self.matched if self.matched else 0.0
        return (f"[{name}] gold={self.gold} predicted={self.predicted} span P={p:.3f} R={r:.3f} "
                f"F1={f1:.3f} value_acc={acc:.3f} value_F1={f1 * acc:.3f}")


def count_by(items: Iterable[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in Counter(items).most_common())


# --- why an event was missed ----------------------------------------------------------------

#: candidate outcomes (``newsevents.extract.events.trace``) grouped into the loss classes.
OUTCOME_CLASS = {"no source": "no source", "no target": "no target", "market": "filtered",
                 "absorbed": "absorbed", "reports": "absorbed", "light verb": "absorbed",
                 "less specific": "absorbed", "uncoded": "no candidate", "coded": "dropped"}


def loss_class(item: Item, events: Sequence[Event], candidates: Sequence[Any]) -> str:
    """Why a gold event has no match: no candidate / wrong root / not asserted / no source /
    no target / wrong actors / filtered / absorbed."""
    made = [e for e in events if e.root == item.root
            and _overlap((e.evidence.start, e.evidence.end), item.span)]
    if any(e.modality == "asserted" for e in made):
        return "wrong actors"
    if made:
        return "not asserted"
    inside = [c for c in candidates if item.span[0] <= c.start < item.span[1]]
    same = [c for c in inside if c.root == item.root]
    if same:
        return OUTCOME_CLASS.get(same[0].outcome, same[0].outcome)
    if any(c.code for c in inside):
        return "wrong root"
    return "no candidate"
