"""What the quote modules share: a draft quote, the speech words, trimming."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

#: A direct quote with no cue and fewer words than this is a scare quote or a title.
MIN_UNCUED_WORDS = 4


#: Reported content must have this many words outside the quotation marks inside it, else the
#: direct quote alone is the quotation ("described the talks as having grown 'toxic'").
MIN_REPORTED_WORDS = 3


TRIM = " \t\n,.;:—–-"


#: verbs that name or label a thing ("called it 'a disgrace'", "labeled 'official use only'"):
#: their content is an object complement, never a clause before them.
NAMING = frozenset({"call", "label", "brand", "dub", "describe", "term", "name"})


CUE_CHILD_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})


CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj"})


EMBED_DEPS = frozenset({"pcomp", "prep", "pobj", "ccomp", "conj", "advcl", "xcomp", "acl"})


PARENTHETICAL = re.compile(r"^\([^)]{1,40}\)\s*")


@dataclass
class Draft:
    start: int
    end: int
    direct: bool
    cue: Any = None  # the cue Token
    speaker: Any = None  # the speaker head Token
    cue_lemma: str | None = None
    asserted: bool = True  # False: a denial or a doubt, a statement event but no quote


@functools.cache
def cue_words() -> dict[str, frozenset[str]]:
    """Cue kind (``verb``, ``express``, ``tell``, ``noun``) -> lemmas, from ``data/quote_cues.tsv``."""
    table: dict[str, set[str]] = {"verb": set(), "express": set(), "tell": set(), "noun": set()}
    text = resources.files("newsevents.data").joinpath("quote_cues.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, kind = line.split("\t")
            table[kind.strip()].add(lemma.strip())
    table["verb"] |= table["express"] | table["tell"]
    return {kind: frozenset(words) for kind, words in table.items()}


def is_cue_verb(token: Any) -> bool:
    return (
        token.pos_ in ("VERB", "AUX")
        and token.lemma_.lower() in cue_words()["verb"]
        and token.dep_ not in ("amod", "compound", "acomp")  # "the so-called 'plan'"
    ) or mistagged_cue(token) or phrasal_cue(token) or borne_sign(token) is not None


def borne_sign(token: Any) -> Any:
    """Who bears a sign "reading" words ("protesters with signs reading 'Junk the WTO'"): the
    noun "with" hangs on, or None (a banner that reads by itself has no speaker)."""
    head = token.head
    if token.lemma_.lower() != "read" or token.tag_ != "VBG" or token.dep_ != "acl" \
            or head.dep_ != "pobj" or head.head.lower_ != "with":
        return None
    bearer = head.head.head
    return bearer if bearer.pos_ in ("NOUN", "PROPN") else None


#: speech verbs that are speech only with their particle or complement: "pointed out that
#: ...", "made (it) clear that ...".
PHRASAL_CUES = {"point": "out", "make": "clear"}


def phrasal_cue(token: Any) -> bool:
    return phrasal_part(token) is not None


def phrasal_part(token: Any) -> Any:
    """The particle or adjective that makes ``token`` a speech verb ("out", "clear"), or None."""
    particle = PHRASAL_CUES.get(token.lemma_.lower())
    if particle is None or token.pos_ != "VERB":
        return None
    return next((c for c in token.children if c.dep_ in ("prt", "oprd", "ccomp", "acomp")
                 and c.lower_ == particle), None)


def mistagged_cue(token: Any) -> bool:
    """A speech verb the tagger took for a noun: a plural heading the sentence with a subject
    and a clausal complement, as only a verb can ("Schulz claims that ..."), a conjunct with a
    that-clause ("and reports state that ..."), or an infinitive after "to" ("The report goes on
    to state that ...")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in cue_words()["verb"]:
        return False
    if token.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    if token.dep_ == "conj" and any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that"
                                                              for m in c.children) for c in token.children):
        return True  # "and reports state that ...": a that-clause hangs on verbs only
    if token.dep_ != "ROOT":
        return False
    deps = {child.dep_ for child in token.children}
    return "nsubj" in deps and "ccomp" in deps


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end
