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

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from spacy.strings import get_string_id

from ...nlp import text_of
from ...records import Entity, Mention, Quote
from ..actors.coref import actor_of, antecedent, candidates, np_span, reference_kinds
from ..actors.graph import ActorGraph
from ..quotemarks import quoted_ranges
from ..tone import polarity

#: A direct quote with no cue and fewer words than this is a scare quote or a title.
MIN_UNCUED_WORDS = 4
#: Reported content must have this many words outside the quotation marks inside it, else the
#: direct quote alone is the quotation ("described the talks as having grown 'toxic'").
MIN_REPORTED_WORDS = 3

_TRIM = " \t\n,.;:—–-"
_CUE_CHILD_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj"})
_EMBED_DEPS = frozenset({"pcomp", "prep", "pobj", "ccomp", "conj", "advcl", "xcomp", "acl"})
_PARENTHETICAL = re.compile(r"^\([^)]{1,40}\)\s*")


@dataclass
class _Draft:
    start: int
    end: int
    direct: bool
    cue: Any = None  # the cue Token
    speaker: Any = None  # the speaker head Token
    cue_lemma: str | None = None


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
    drafts = _direct_quotes(doc)
    drafts += _reported_quotes(doc, drafts)
    drafts = [d for d in drafts if not _inside_mixed(d, drafts) and not _named_thing(doc, d)]
    drafts.sort(key=lambda d: (d.start, d.end))
    quotes = [_to_quote(doc, draft, entities, graph) for draft in drafts]
    graph.add_quotes(quotes)
    return quotes


def _inside_mixed(draft: _Draft, drafts: list[_Draft]) -> bool:
    """A quoted fragment inside a reported clause of the same cue is part of that mixed quote
    ('said Israel has "not taken the precautions required of it"'): one quote, not two."""
    return draft.direct and any(
        not other.direct and other.cue is not None and draft.cue is not None
        and other.cue.i == draft.cue.i
        and other.start <= draft.start and draft.end <= other.end for other in drafts)


#: a quoted name of at most this many words is a name or a title, not words said.
MAX_NAME_WORDS = 4


def _named_thing(doc: Any, draft: _Draft) -> bool:
    """A quoted proper name ("Scooter", "Senkaku Retto", "Bring the Troops Home Now!"): every
    word capitalised, a few words, no verb: a nickname, a place or a title, not a statement."""
    if not draft.direct:
        return False
    span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
    if span is None or len([t for t in span if t.is_alpha]) > MAX_NAME_WORDS:
        return False
    words = [t for t in span if t.is_alpha]
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "from"}
    return bool(words) and all(t.text[:1].isupper() or t.lower_ in small for t in words) \
        and not any(t.pos_ in ("VERB", "AUX") and t.text[:1].islower() for t in span)


# --- direct quotes ---------------------------------------------------------------------------


def _direct_quotes(doc: Any) -> list[_Draft]:
    drafts: list[_Draft] = []
    for open_at, close_at in quoted_ranges(doc):
        start, end = _trim(text_of(doc), open_at + 1, close_at - 1)
        if end <= start:
            continue
        draft = _Draft(start, end, True)
        _attribute_direct(doc, draft, (open_at, close_at), drafts[-1] if drafts else None)
        if draft.cue is not None or len(text_of(doc)[start:end].split()) >= MIN_UNCUED_WORDS:
            drafts.append(draft)
    return drafts


def _attribute_direct(doc: Any, draft: _Draft, marks: tuple[int, int], previous: Any) -> None:
    content = doc.char_span(draft.start, draft.end, alignment_mode="expand")
    if content is None:
        return
    inside = range(marks[0], marks[1])
    cue = _governing_cue(content, inside) or _colon_cue(doc, content)
    if cue is not None:
        draft.cue, draft.cue_lemma, draft.speaker = cue, cue.lemma_.lower(), _speaker_of(cue)
        return
    noun = _noun_cue(doc, content)
    if noun is not None:
        draft.cue, draft.cue_lemma, draft.speaker = noun, noun.lemma_.lower(), _noun_speaker(noun)
        return
    if previous is not None and _continues(doc, previous, marks[0]):
        draft.cue, draft.cue_lemma, draft.speaker = previous.cue, previous.cue_lemma, previous.speaker


def _is_cue_verb(token: Any) -> bool:
    return (
        token.pos_ in ("VERB", "AUX")
        and token.lemma_.lower() in cue_words()["verb"]
        and token.dep_ not in ("amod", "compound", "acomp")  # "the so-called 'plan'"
    )


def _governing_cue(content: Any, inside: range) -> Any:
    """A speech verb above the quoted words (outside the marks), else one hanging under them."""
    for token in content:
        if token.head.idx in inside:
            continue
        for steps, ancestor in enumerate(token.ancestors):
            if steps >= 6:
                break
            if ancestor.idx not in inside and _is_cue_verb(ancestor):
                return ancestor
    for token in content:
        for child in token.children:
            if child.idx not in inside and child.dep_ in _CUE_CHILD_DEPS and _is_cue_verb(child):
                return child
    return None


def _colon_cue(doc: Any, content: Any) -> Any:
    """``He added:`` as the sentence just before the quote."""
    first = content[0].sent
    if first.start == 0:
        return None
    before = doc[first.start - 1].sent
    tail = text_of(doc)[before.start_char : content.start_char].rstrip(" \n\"“‘'")
    if not tail.endswith(":"):
        return None
    verbs = [t for t in before if _is_cue_verb(t)]
    return verbs[-1] if verbs else None


def _noun_cue(doc: Any, content: Any) -> Any:
    """A speech noun within eight tokens before the quote ("assurances from the alliance that")."""
    start = content[0].i
    sent_start = content[0].sent.start
    for token in reversed(doc[max(sent_start, start - 8) : start]):
        if token.pos_ == "NOUN" and token.lemma_.lower() in cue_words()["noun"]:
            return token
    return None


def _continues(doc: Any, previous: _Draft, start: int) -> bool:
    """The quote runs on from the previous one: in the same sentence, right after it, or
    opening the sentence (or paragraph) that follows the previous quote's attribution."""
    if previous.speaker is None and previous.cue is None:
        return False
    between = text_of(doc)[previous.end : start]
    if not between.strip(_TRIM + "\"“”‘’'"):
        return True
    before = doc.char_span(previous.start, previous.end, alignment_mode="expand")
    here = doc.char_span(start, start + 1, alignment_mode="expand")
    if before is None or here is None:
        return False
    sent = here[0].sent
    if before[-1].sent == sent:
        return True
    opens_sentence = not text_of(doc)[sent.start_char : start].strip(" \n\"“‘'")
    follows = sent.start > 0 and doc[sent.start - 1].sent == before[-1].sent
    cue_between = previous.cue is not None and previous.end <= previous.cue.idx < start
    return opens_sentence and follows and cue_between


# --- reported speech -------------------------------------------------------------------------


def _reported_quotes(doc: Any, direct: list[_Draft]) -> list[_Draft]:
    quoted = quoted_ranges(doc)
    drafts: list[_Draft] = []
    for start, end in cue_spans(doc):
        token = doc[start]
        if any(a <= token.idx < b for a, b in quoted):
            continue  # speech reported inside someone's quote
        if end - start == 2:
            draft = _according_to(doc, token)
        else:
            draft = _speech_clause(doc, token)
        if draft is not None and _keeps_reported(doc, draft, direct, quoted):
            drafts.append(draft)
    return drafts


def cue_spans(doc: Any) -> list[tuple[int, int]]:
    """Token (start, end) of each speech verb (lemma in the cue list, tagged VERB) and each
    "according to", ordered by end as spaCy's ``Matcher`` returns them.

    Whole-doc attribute arrays (one C call) instead of a Matcher, whose set predicates run
    per token in Python.
    """
    if len(doc) == 0:
        return []
    lemma, pos, lower = doc.to_array(["LEMMA", "POS", "LOWER"]).T
    cues = _cue_lemma_ids()
    lemmas = lemma.tolist()
    spans = [(i, i + 1) for i in np.flatnonzero(pos == _VERB).tolist() if lemmas[i] in cues]
    according = np.flatnonzero((lower[:-1] == _ACCORDING) & (lower[1:] == _TO))
    spans += [(i, i + 2) for i in according.tolist()]
    return sorted(spans, key=lambda span: (span[1], span[0]))


_VERB = np.uint64(get_string_id("VERB"))
_ACCORDING, _TO = np.uint64(get_string_id("according")), np.uint64(get_string_id("to"))


@functools.cache
def _cue_lemma_ids() -> frozenset[int]:
    return frozenset(get_string_id(verb) for verb in cue_words()["verb"])


def _speech_clause(doc: Any, cue: Any) -> _Draft | None:
    head = _complement(cue)
    if head is None:
        return None
    span = _clause_span(doc, head)
    if span is None:
        return None
    start, end = span
    return _Draft(start, end, False, cue, _speaker_of(cue), cue.lemma_.lower())


def _complement(cue: Any) -> Any:
    """The clause a speech verb reports: its ccomp, or a that-clause on its object."""
    for child in cue.rights:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
            return child
    # "Negotiations have stalled, a U.S. official said": the reported clause before the cue
    for child in cue.lefts:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX") and _before_comma(cue, child):
            return child
    lemma = cue.lemma_.lower()
    if lemma in cue_words()["express"] or lemma in cue_words()["tell"]:
        for obj in cue.children:
            if obj.dep_ == "dobj":
                for clause in obj.rights:
                    if clause.dep_ in ("acl", "ccomp") and any(
                        t.dep_ == "mark" and t.lower_ == "that" for t in clause.children
                    ):
                        return clause
    return None


def _before_comma(cue: Any, clause: Any) -> bool:
    """Whether a clause before its speech verb is set off by a comma (or a closing quotation
    mark) from the speaker: "X will resign, he said" reports X; "that is what he said" does not."""
    between = cue.doc[clause.right_edge.i + 1 : cue.i]
    return any(t.text in (",", "”", "'", '"') for t in between)


def _clause_span(doc: Any, head: Any) -> tuple[int, int] | None:
    """The clause under ``head``, without its "that" and without a conjoined speech clause."""
    tokens = list(head.subtree)
    subject = _misparsed_subject(head)
    if subject is not None:
        tokens = list(subject.subtree) + tokens
    for token in tokens:
        if token.i > head.i and token.dep_ in ("conj", "advcl") and _is_cue_verb(token):
            tokens = [t for t in tokens if t.i < token.left_edge.i]
            break
    while tokens and (_is_that(tokens[0]) or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    start, end = _trim(text_of(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return (start, _close_quote(doc, start, end)) if end > start else None


def _close_quote(doc: Any, start: int, end: int) -> int:
    """Keep the closing mark of a quote that opens inside the clause ('faced "a catastrophe."')."""
    for a, b in quoted_ranges(doc):
        if start <= a < end < b and not text_of(doc)[end:b].strip(_TRIM + "\"“”‘’'!?"):
            return b
    return end


def _is_that(token: Any) -> bool:
    """The complementiser ("said that ..."), which the parser sometimes tags as a determiner."""
    if token.dep_ == "mark":
        return True
    subject = token.dep_ == "nsubj" and token.head.pos_ in ("VERB", "AUX")
    return token.lower_ in ("that", "whether") and not subject  # "said that was wrong" keeps it


def _misparsed_subject(head: Any) -> Any:
    """"It promised an invitation would come": the parser makes the clause's subject the
    cue's object; take it back when the clause has no subject of its own."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        return None
    if head.left_edge.lower_ == "that":
        return None  # "told Iran that time was running out": the object is the addressee
    cue = head.head
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i + 1 == head.left_edge.i]
    return objects[0] if objects else None


def _according_to(doc: Any, according: Any) -> _Draft | None:
    """``..., according to X`` / ``According to X, ...``: the clause and X."""
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    phrase = list(according.subtree) + list(to.subtree)
    lo, hi = min(t.i for t in phrase), max(t.i for t in phrase)
    sent = according.sent
    if lo - sent.start >= sent.end - hi - 1:
        first, last = sent.start, lo
    else:
        first, last = hi + 1, sent.end
    if last <= first:
        return None
    start, end = _trim(text_of(doc), doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
    parenthetical = _PARENTHETICAL.match(text_of(doc)[start:end])
    if parenthetical:
        start += parenthetical.end()
    if end <= start:
        return None
    speaker = objects[0] if objects else None
    return _Draft(start, end, False, according, speaker, "according to")


def _keeps_reported(
    doc: Any, draft: _Draft, direct: list[_Draft], quoted: list[tuple[int, int]]
) -> bool:
    """Drop reported content that is a direct quote already found, or little more than one."""
    inner = []
    marks = _TRIM + "\"“”‘’'"
    for a, b in quoted:
        lead = text_of(doc)[a : draft.start].strip(marks) if a < draft.start else ""
        tail = text_of(doc)[draft.end : b].strip(marks) if b > draft.end else ""
        if not lead and not tail:
            inner.append((a, b))
        elif a < draft.end and b > draft.start:
            return False  # the reported clause straddles a quote: the direct quote covers it
    if not inner:
        return True
    pieces, at = [], draft.start
    for a, b in sorted(inner):
        pieces.append(text_of(doc)[at:max(at, a)])
        at = max(at, b)
    pieces.append(text_of(doc)[at : draft.end])
    return len(" ".join(pieces).split()) >= MIN_REPORTED_WORDS


# --- speakers --------------------------------------------------------------------------------


def _speaker_of(cue: Any) -> Any:
    """The head token of whoever utters ``cue``, or None.

    Climbs ``xcomp``/``advcl``/``conj`` to a shared subject ("Russia continues to insist",
    "..., he said, noting"). A participle cue buried inside another clause's content
    ("telling Ukraine it should ... and suggesting that ...") takes the speaker of the speech
    verb above it, never the subject of the content clause.
    """
    token = cue
    for _ in range(8):
        subject = _quoted_person(token) or _subject(token)
        if subject is not None:
            return subject
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ in _CLIMB_DEPS and token.head is not token:
            token = token.head
        elif token.tag_ == "VBG" and token.dep_ in _EMBED_DEPS:
            return _outer_speaker(token)
        else:
            return _nearest_name(cue)
    return None


def _quoted_person(verb: Any) -> Any:
    """Whom "quote" names as the speaker: "the agency quoted Zverev as saying" (the object),
    "the CEO of TCS was quoted saying" (the passive subject), not the one quoting."""
    if verb.lemma_.lower() != "quote":
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return _prefer_name(child)
    return None


def _nearest_name(cue: Any) -> Any:
    """A speech verb the parser left without a subject ("Speaking in Hermosillo, Deputy Finance
    Minister X said ..."): the nearest person or organisation named before it in its sentence,
    outside its own clauses."""
    inside = {t.i for child in cue.children if child.dep_ in ("ccomp", "xcomp") for t in child.subtree}
    for token in reversed(cue.doc[cue.sent.start : cue.i]):
        if token.i not in inside and token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") \
                and token.ent_iob_ in ("B", "I") and (token.i + 1 == cue.i or token.nbor().ent_iob_ != "I"):
            return token
    return None


def _outer_speaker(token: Any) -> Any:
    for ancestor in token.ancestors:
        if _is_cue_verb(ancestor):
            return _speaker_of(ancestor)
    return None


def _subject(verb: Any) -> Any:
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            return _prefer_name(child)
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _prefer_name(objects[0])
    return None


def _prefer_name(token: Any) -> Any:
    """"The spokesman, Georgy Tikhy, said": the apposed name is the speaker as written."""
    if token.pos_ == "NOUN":
        for child in token.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i > token.i + 1:
                return child
    return token


def _noun_speaker(noun: Any) -> Any:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _speaker_mention(doc: Any, head: Any, entities: list[Entity]) -> Mention | None:
    if head is None or head.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    span = np_span(head)
    if head.pos_ == "PRON" and reference_kinds(span) is None:
        return Mention(span.start_char, span.end_char, span.text, None)
    if reference_kinds(span) is not None:
        found = antecedent(doc, span, entities)
        actor = found.actor if found else None
        if actor is None and head.pos_ == "NOUN":
            actor = actor_of(span, entities)
        return Mention(span.start_char, span.end_char, span.text, actor)
    actor = actor_of(span, entities) or _same_person_actor(doc, span, entities)
    return Mention(span.start_char, span.end_char, span.text, actor)


def _located(graph: ActorGraph, mention: Mention | None, head: Any) -> Mention | None:
    """The speaker with a sector-only actor placed in its country (the actor graph's
    :meth:`~newsevents.extract.actors.graph.ActorGraph.locate`: "the officials" of a story
    about Japan are Japan's)."""
    if mention is None or head is None:
        return mention
    actor = graph.locate(mention.actor, head)
    return mention if actor is mention.actor else Mention(mention.start, mention.end, mention.text, actor)


def _same_person_actor(doc: Any, span: Any, entities: list[Entity]) -> Any:
    """"Tikhy" takes the actor of the earlier "Ukrainian ... spokesman Georgy Tikhy"."""
    name = span.root.text
    for candidate in candidates(doc, entities):
        words = candidate.mention.text.split()
        if candidate.kind == "PERSON" and words and words[-1] == name and candidate.mention.actor:
            return candidate.mention.actor
    return None


def _to_quote(doc: Any, draft: _Draft, entities: list[Entity], graph: ActorGraph) -> Quote:
    text = text_of(doc)[draft.start : draft.end]
    return Quote(
        start=draft.start,
        end=draft.end,
        text=text,
        direct=draft.direct,
        cue=draft.cue_lemma,
        speaker=_located(graph, _speaker_mention(doc, draft.speaker, entities), draft.speaker),
        polarity=polarity(text),
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end
