"""The composition table: the code a frame verb gives the event its complement names.

"urged X to withdraw" is an appeal (02) whose complement is a retreat (08x): the table
(``data/event_composition.tsv``) says which 02x code that makes. The frame roots are appeals
(02), intentions (03), demands (10), refusals (12) and threats (13); :data:`FRAME_LEMMAS` are the
verbs and adjectives that open them.
"""

from __future__ import annotations

import csv
import functools

from ...resources import data_path

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


@functools.cache
def composition_table() -> dict[str, dict[str, str]]:
    """Complement code prefix -> {frame root -> composed code}, longest prefixes first."""
    with data_path(COMPOSITION_FILE).open(encoding="utf-8") as handle:
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
    if frame == "03" and complement_code[:2] == "13":
        return complement_code  # "said any interference would meet a strong response": a threat
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
