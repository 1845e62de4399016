"""Verb + complement composition: "agreed to undertake exercises" is intent to cooperate militarily.

CAMEO codes a frame verb (appeal, intent, demand, reject, threaten) by what it is about: the
same sub-structure (material cooperation, aid, reform, yield, meeting, mediation ...) repeats
under roots 02, 03, 10, 12 and 13. PETRARCH-2 composes verb meanings the same way. Here a
frame verb whose complement clause holds a coded predicate takes the code its frame root gives
the complement's code (``data/event_composition.tsv``):

* a frame verb by lemma ("agree/promise/vow to", "urge/call on X to", "demand that", "refuse
  to", "threaten to") with a coded xcomp/ccomp;
* a reporting verb ("said", "announced") whose complement is future ("they will release")
  -> intent, or threat when the complement is a conflict event or carries an "unless/if"
  condition; obligatory ("X must hand over") -> demand; refused future ("will not accept") ->
  reject;
* a bare future statement ("Finland will give Tanzania a grant") -> intent / threat, coded on
  the predicate itself.
"""

from __future__ import annotations

import csv
import functools

from spacy.tokens import Token

from .cameo import data_file
from .coding import Coding
from .modality import FUTURE, NEGATED, own_modality

COMPOSITION_FILE = "event_composition.tsv"
FRAMES = ("02", "03", "10", "12", "13")
#: frame verbs by lemma; their own dictionary code is replaced when the complement is coded.
FRAME_LEMMAS = {
    "02": frozenset({"urge", "ask", "appeal", "request", "invite", "encourage", "call", "implore",
                     "exhort", "press", "petition", "beg", "advise"}),
    "03": frozenset({"agree", "promise", "pledge", "vow", "offer", "commit", "plan", "intend",
                     "prepare", "undertake", "resolve", "volunteer", "consent",
                     "expect", "hope", "want", "seek", "propose", "ready", "willing", "prepared",
                     "eager", "determined", "poised", "set", "swear"}),
    "10": frozenset({"demand", "insist", "require", "order", "instruct", "push"}),
    "12": frozenset({"refuse", "decline", "reject", "balk"}),
    "13": frozenset({"threaten", "warn"}),
}
#: modal auxiliaries of obligation: "X must hand over" in a reported clause is a demand.
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
#: condition marks that turn a stated intention into a threat.
THREAT_MARKS = frozenset({"unless"})
#: roots of conflict events: their future or conditional form is a threat, not intent.
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
#: modal auxiliaries that, with an "if"/"unless" condition, make a conflict event a threat
#: ("may halt mediation if ...").
CONDITIONAL_AUX = frozenset({"may", "might", "could", "would"})


@functools.cache
def composition_table() -> dict[str, dict[str, str]]:
    """Complement code prefix -> {frame root -> composed code}, longest prefixes first."""
    with data_file(COMPOSITION_FILE).open(encoding="utf-8") as handle:
        rows = csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t")
        table = {r["complement"]: {f: r[f] for f in FRAMES if r.get(f) and r[f] != "-"}
                 for r in rows}
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


def composed_code(frame: str, complement_code: str) -> str | None:
    """The code a frame root gives a complement's code, or None when the table has none.

    A complement already coded in a frame root ("accept refugees" -> 0333 intent to give
    humanitarian aid) is re-framed along its table row ("will not accept" -> 1223).
    """
    table = composition_table()
    if complement_code[:2] in FRAMES:
        row = next((r for r in table.values() if complement_code in r.values()), None)
        if row is None and frame in ("10", "12"):
            return frame + "0"  # "refused to commit to ...", "must agree to ...": generic
        return row.get(frame) if row else None
    for prefix, frames in table.items():
        if complement_code.startswith(prefix) and frame in frames:
            return frames[frame]
    return None


def frame_of_lemma(lemma: str) -> str | None:
    """The frame root a verb (or predicative adjective: "ready to") opens, if any."""
    return next((f for f, lemmas in FRAME_LEMMAS.items() if lemma in lemmas), None)


def _has_condition(token: Token) -> bool:
    """Whether the clause carries an "unless" condition (a threat: "will withdraw unless ...")."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in THREAT_MARKS
                                          for m in c.children) for c in token.children)


def _aux(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def statement_frame(comp: Token, comp_code: str) -> str | None:
    """The frame a reported clause opens by its own modality ("they will release" -> 03)."""
    aux = _aux(comp)
    conflict = comp_code[:2] in CONFLICT_ROOTS
    if own_modality(comp) == NEGATED and aux & {"will", "would", "wo", "shall"}:
        return "12" if not conflict else None
    if aux & OBLIGATION_AUX:
        return "10"
    if aux & {"will", "would", "shall", "'ll"} or own_modality(comp) == FUTURE:
        return "13" if conflict or _has_condition(comp) else "03"
    return None


def _conditional_threat(head: Token, code: str) -> bool:
    """A conflict event under a modal with an "if/unless" condition: "may halt ... if ..."."""
    return code[:2] in CONFLICT_ROOTS and bool(_aux(head) & CONDITIONAL_AUX) and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                  for m in c.children) for c in head.children)


def _reported_future(head: Token) -> bool:
    """Future in a reported clause: "confirmed it would tighten ..." (would = will, reported)."""
    return head.dep_ == "ccomp" and "would" in _aux(head) and own_modality(head) != NEGATED


def future_frame(head: Token, code: str) -> str | None:
    """The frame of a bare future statement ("Finland will give ...") on the predicate itself.

    A reported "would" ("NATO confirmed it would tighten the blockade") counts as future, and
    a conflict event under a modal with a condition ("may halt mediation if ...") is a threat.
    """
    if code[:2] in (*FRAMES, "01"):
        return None  # "will ask X to ..." stays an appeal; statements stay statements
    if _conditional_threat(head, code):
        return "13"
    if own_modality(head) != FUTURE and not _reported_future(head):
        return None
    return "13" if code[:2] in CONFLICT_ROOTS or _has_condition(head) else "03"


def compose(frame: str, inner: Coding, label: str) -> Coding | None:
    """The composed coding of a frame over a coded complement, named after both."""
    code = composed_code(frame, inner.code)
    if code is None:
        return None
    return Coding(code, f"compose:{label}+{inner.pattern}", 3)
