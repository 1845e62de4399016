"""What the events stage decided about each candidate predicate, and why: the record behind
``newsevents explain`` and the loss classes of the real-news benchmark.

The stage notes every candidate it meets (a dictionary verb or an event noun) in a
:class:`Trace` when it is given one; with none (the default) nothing is recorded and nothing is
paid. A candidate ends in one :data:`OUTCOMES` value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

#: how a candidate predicate ended, with the words ``newsevents explain`` prints.
OUTCOMES = {
    "event": "coded as an event",
    "uncoded": "no CAMEO code: the verb or noun has no dictionary entry or pattern that fits",
    "light verb": "a support verb giving way to the event noun it carries",
    "absorbed": "its complement's event was taken over by the frame verb governing it",
    "reports": "a generic statement reporting the coded event of its complement",
    "market": "market or business reporting (prices, trade in goods, figures)",
    "no source": "no political actor found as its source",
    "no target": "no target actor found, and the code needs one",
    "less specific": "the same clause, dyad and root has a more specific code",
    "habitual": "a habit or lasting state, not a dated happening (\"has always accused\")",
    "question": "an indirect question, not an appeal (\"asked if\")",
    "durative": "an undated lasting state (\"has supported X for decades\", \"talks since spring\")",
    "background": "an undated earlier happening a \"since\" stretch starts from",
    "doubted": "the content of a rumour or of an unconfirmed or denied report",
    "repeat": "a retelling of a happening the article already coded (same code and actors)",
    "attitude": "an attitude, not a happening (\"views X as a threat\", \"remains committed\")",
    "belief": "a hedged belief, not an asserted event (\"we think they contacted\")",
}


@dataclass
class Candidate:
    """One candidate predicate and what became of it."""

    sentence: int
    start: int  # character offsets of the predicate's head word
    end: int
    text: str
    lemma: str
    code: str | None = None
    pattern: str = ""
    modality: str = ""
    outcome: str = "uncoded"
    detail: str = ""
    sources: list[str] = field(default_factory=list)  # "mention=CODE"
    targets: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # "CAMEO SOURCE->TARGET modality"

    @property
    def root(self) -> str | None:
        return self.code[:2] if self.code else None

    def describe(self) -> str:
        """One line: the word, its code and pattern, the actors found, and the outcome."""
        coded = f"{self.code} [{self.pattern}] {self.modality}" if self.code else "-"
        actors = ""
        if self.sources or self.targets:
            actors = f" source {', '.join(self.sources) or '-'}; target {', '.join(self.targets) or '-'}"
        why = OUTCOMES.get(self.outcome, self.outcome)
        made = f" -> {'; '.join(self.events)}" if self.events else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.text!r} {coded}{actors}: {why}{detail}{made}"


class Trace:
    """Candidates by the index of their head token, in the order met."""

    def __init__(self) -> None:
        self.candidates: dict[int, Candidate] = {}

    def meet(self, token: Token) -> Candidate:
        """The candidate of a predicate head (created when first met; its ``sentence`` is the
        sentence's first token until :meth:`number_sentences`)."""
        if token.i not in self.candidates:
            self.candidates[token.i] = Candidate(token.sent.start, token.idx,
                                                 token.idx + len(token.text), token.text,
                                                 token.lemma_.lower())
        return self.candidates[token.i]

    def note(self, token: Token, **fields: object) -> None:
        """Set fields of a predicate's candidate (``outcome="no source"``, ``code=...``)."""
        candidate = self.meet(token)
        for name, value in fields.items():
            setattr(candidate, name, value)

    def number_sentences(self, numbers: dict[int, int]) -> None:
        """Replace each candidate's sentence start token by the sentence's number."""
        for candidate in self.candidates.values():
            candidate.sentence = numbers.get(candidate.sentence, candidate.sentence)

    def in_order(self) -> list[Candidate]:
        return sorted(self.candidates.values(), key=lambda c: c.start)


class NoTrace(Trace):
    """The default: records nothing."""

    def meet(self, token: Token) -> Candidate:  # pragma: no cover - never called
        return Candidate(0, 0, 0, "", "")

    def note(self, token: Token, **fields: object) -> None:
        return None
