"""Reported speech: the clause a speech verb reports ("X said (that) ...", "..., X said",
"according to X"), with its speaker."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from spacy.strings import get_string_id

from ...nlp import per_doc, text_of
from ..quotemarks import quoted_ranges
from .assertive import asserts, drop_nested, infinitive
from .misparsed import light_verb_speaker, noun_clause_head, stray_clause, that_object
from .common import (MIN_REPORTED_WORDS, NAMING, PARENTHETICAL, PHRASAL_CUES, TRIM, Draft, cue_words,
                     is_cue_verb, mistagged_cue, phrasal_cue, phrasal_part, trim)
from .speakers import noun_speaker, prefer_name, speaker_of


def reported_quotes(doc: Any, direct: list[Draft]) -> list[Draft]:
    quoted = quoted_ranges(doc)
    drafts: list[Draft] = []
    for start, end in cue_spans(doc):
        token = doc[start]
        if any(a <= token.idx < b for a, b in quoted):
            continue  # speech reported inside someone's quote
        if end - start == 2:
            found = [_according_to(doc, token)]
        else:
            found = _speech_clauses(doc, token) or [_trailing_attribution(doc, token)]
        for draft in filter(None, found):
            if not _in_paragraph(doc, draft):
                continue
            draft.asserted = asserts(draft)
            if _keeps_reported(doc, draft, direct, quoted):
                drafts.append(draft)
            else:
                _lend_speaker(draft, direct)
    for noun in _speech_nouns(doc):
        if not any(a <= noun.idx < b for a, b in quoted):
            clause = _noun_clause(doc, noun)
            if clause is not None and _keeps_reported(doc, clause, direct, quoted):
                clause.asserted = asserts(clause)
                drafts.append(clause)
    return drop_nested(drafts)


def _in_paragraph(doc: Any, draft: Draft) -> bool:
    """Clip a reported clause to its speech word's paragraph: an attribution never reaches
    into the paragraph before ("...benefits.\n\nSpokespeople said ..., according to X" when the
    parser ran the sentence over the break). False when nothing is left."""
    text, at = text_of(doc), draft.cue.idx
    first = text.rfind("\n", 0, at) + 1
    last = text.find("\n", at)
    last = len(text) if last < 0 else last
    start, end = trim(text, max(draft.start, first), min(draft.end, last))
    draft.start, draft.end = start, end
    return bool(text[start:end].strip(TRIM + "\"“”‘’'"))


def _lend_speaker(draft: Draft, direct: list[Draft]) -> None:
    """A reported clause that is little more than direct quotes ('According to the AP,
    "trophy wife" originally "meant ..."') is not a quote itself, but it says who spoke them."""
    for quote in direct:
        unattributed = quote.speaker is None and quote.cue is None
        source = draft.cue_lemma == "according to" and draft.speaker is not None  # '"...,"
        # according to the newspaper': the source named beats a verb the parser found in the quote
        if (unattributed or source) and draft.start <= quote.start < draft.end + 2:
            quote.cue, quote.cue_lemma, quote.speaker = draft.cue, draft.cue_lemma, draft.speaker


def _speech_nouns(doc: Any) -> list[Any]:
    """Nouns of speech ("warnings", "report", "claim") with a that-clause of their own."""
    if len(doc) == 0:
        return []
    lemma, pos, lower = _arrays(doc)
    nouns, plurals = _noun_ids()
    lemmas, lowers = lemma.tolist(), lower.tolist()
    found = [doc[i] for i in np.flatnonzero(pos == _NOUN).tolist() if lemmas[i] in nouns]
    # "after United Nations warnings that ...": a plural noun the tagger took for a verb
    found += [doc[i] for i in np.flatnonzero(pos == _VERB).tolist()
              if lowers[i] in plurals and doc[i].dep_ in _NOMINAL]
    return found


_NOMINAL = frozenset({"pobj", "dobj", "nsubj", "nsubjpass"})


@functools.cache
def _noun_ids() -> tuple[frozenset[int], frozenset[int]]:
    """Ids of the speech nouns' lemmas, and of their plurals in -s."""
    nouns = cue_words()["noun"]
    return (frozenset(get_string_id(noun) for noun in nouns),
            frozenset(get_string_id(noun + "s") for noun in nouns))


def _arrays(doc: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Doc's lemma, part-of-speech and lower-case arrays, read once per Doc."""
    return per_doc(doc, "lemma_pos_lower", lambda d: tuple(d.to_array(["LEMMA", "POS", "LOWER"]).T))  # type: ignore[no-any-return]


def _noun_clause(doc: Any, noun: Any) -> Draft | None:
    """"United Nations warnings that a blockade would cause a crisis", "a U.S. report that
    ...": a speech noun's that-clause, when the noun names whose speech it is (a possessor,
    "from"/"by", a name or nationality on the noun); "the claim that ..." of no one is no quote."""
    clause = next((c for c in noun.rights if c.dep_ in ("acl", "relcl", "ccomp") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None or (clause.pos_ not in CLAUSE_HEADS and not noun_clause_head(clause)):
        return None
    speaker = noun_speaker(noun) or light_verb_speaker(noun) or next((c for c in noun.lefts if (
        c.dep_ in ("compound", "nsubj") and c.pos_ == "PROPN") or (
        c.dep_ == "amod" and c.ent_type_ == "NORP")), None)
    if speaker is None:
        return None
    span = _clause_span(doc, clause)
    if span is None:
        return None
    return Draft(span[0], span[1], False, noun, speaker, noun.lemma_.lower())


def cue_spans(doc: Any) -> list[tuple[int, int]]:
    """Token (start, end) of each speech verb (lemma in the cue list, tagged VERB) and each
    "according to", ordered by end as spaCy's ``Matcher`` returns them.

    Whole-doc attribute arrays (one C call) instead of a Matcher, whose set predicates run
    per token in Python.
    """
    if len(doc) == 0:
        return []
    lemma, pos, lower = _arrays(doc)
    cues = _cue_lemma_ids()
    lemmas = lemma.tolist()
    spans = [(i, i + 1) for i in np.flatnonzero(pos == _VERB).tolist() if lemmas[i] in cues]
    spans += [(i, i + 1) for i in np.flatnonzero(pos == _NOUN).tolist()
              if lemmas[i] in cues and mistagged_cue(doc[i])]
    spans += [(i, i + 1) for i in np.flatnonzero(pos == _VERB).tolist()
              if lemmas[i] in _phrasal_ids() and phrasal_cue(doc[i])]
    according = np.flatnonzero((lower[:-1] == _ACCORDING) & (lower[1:] == _TO))
    spans += [(i, i + 2) for i in according.tolist()]
    return sorted(spans, key=lambda span: (span[1], span[0]))


_VERB, _NOUN = np.uint64(get_string_id("VERB")), np.uint64(get_string_id("NOUN"))


_ACCORDING, _TO = np.uint64(get_string_id("according")), np.uint64(get_string_id("to"))


@functools.cache
def _phrasal_ids() -> frozenset[int]:
    return frozenset(get_string_id(verb) for verb in PHRASAL_CUES)


@functools.cache
def _cue_lemma_ids() -> frozenset[int]:
    return frozenset(get_string_id(verb) for verb in cue_words()["verb"])


def _speech_clauses(doc: Any, cue: Any) -> list[Draft | None]:
    """The reported clauses of a speech verb: one, or one per coordinated that-clause ("said
    they extended the invitation and that talks could be held soon": two statements)."""
    head = _complement(cue)
    if head is None:
        aside = _parenthetical(doc, cue) or _after_that(doc, cue)
        return [aside] if aside is not None else []
    if _question(cue, head):
        return []
    second = next((c for c in head.children if c.dep_ == "conj" and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if second is None:
        return [_draft(doc, cue, head, None)] + [_draft(doc, cue, c, None) for c in _that_conjuncts(cue, head)]
    return [_draft(doc, cue, head, second.left_edge.i), _draft(doc, cue, second, None)]


def _after_that(doc: Any, cue: Any) -> Draft | None:
    """"told Parliament that the bid was ...", with "that" parsed as the object pronoun."""
    tokens = that_object(cue)
    if tokens is None:
        return None
    last = doc[tokens[1] - 1]
    start, end = trim(text_of(doc), doc[tokens[0]].idx, last.idx + len(last))
    if end <= start:
        return None
    return Draft(start, _close_quote(doc, start, end), False, cue, speaker_of(cue), cue.lemma_.lower())


def _that_conjuncts(cue: Any, head: Any) -> list[Any]:
    """'said that A, but that B' where the parser joined B to the speech verb: a second clause
    of the same speech when it opens with "that" ("but that collaboration was unlikely")."""
    out = []
    for conj in cue.rights:
        if conj.dep_ != "conj" or conj.i < head.i or conj.pos_ not in CLAUSE_HEADS or is_cue_verb(conj):
            continue
        first = next((t for t in conj.subtree if t.dep_ not in ("cc", "punct")), None)
        if first is not None and first.lower_ == "that":
            out.append(conj)
    return out


#: words that open an indirect question: "asked whether the talks would resume" reports a
#: question, not a statement.
QUESTION_WORDS = frozenset({"whether", "if", "what", "how", "why", "when", "who", "which", "where"})


def _question(cue: Any, head: Any) -> bool:
    """Whether a speech verb's complement is an indirect question ("asked whether ...")."""
    if _relative_report(cue, head):
        return False
    first = head.left_edge
    return first.lower_ in QUESTION_WORDS or any(
        c.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr") and c.lower_ in QUESTION_WORDS
        and c.i < head.i for c in head.children)


def _trailing_attribution(doc: Any, cue: Any) -> Draft | None:
    """"CONTENT, its ambassador to Kuwait, Ernest Zverev, told KUNA.": an attribution closing
    its sentence after a comma, which the parser failed to attach (the speech verb taken for a
    conjunct of the content). The content runs from the sentence start to the comma that opens
    the attribution (the leftmost comma after which no verb comes before the cue); the speaker
    is the attribution's name."""
    sent = cue.sent
    if cue.lemma_.lower() in NAMING:
        return None  # '..., the Chinese call the island the same name': naming, no attribution
    perfect = cue.tag_ == "VBN" and any(c.dep_ == "aux" for c in cue.children)  # "have said"
    if (cue.tag_ not in ("VBD", "VBZ", "VBP") and not perfect) or any(
            t.pos_ in ("VERB", "AUX") for t in cue.doc[cue.i + 1 : sent.end]):
        return None
    if any(cue.idx < a < sent.end_char for a, _ in quoted_ranges(doc)):
        return None  # 'Asked whether ..., Lawson replied, "I hope so."': the cue opens a quote
    commas = [t.i for t in cue.doc[sent.start : cue.i] if t.text == ","]
    start_comma = None
    for k in reversed(commas):
        if any(t.pos_ in ("VERB", "AUX") for t in cue.doc[k + 1 : cue.i]):
            break
        start_comma = k
    if start_comma is None or cue.doc[start_comma + 1].pos_ in ("ADP", "SCONJ", "CCONJ") or not any(
            t.pos_ in ("VERB", "AUX") for t in cue.doc[sent.start:start_comma]):
        return None
    if cue.doc[sent.start].pos_ == "ADP" and not any(
            t.dep_ in ("nsubj", "nsubjpass", "expl") for t in cue.doc[sent.start:start_comma]):
        return None  # "In an interview with journalists ..., X called for ...": a phrase, no clause
    names = [t for t in cue.doc[start_comma + 1 : cue.i] if t.pos_ in ("PROPN", "NOUN")
             and not (t.head.i > start_comma and t.head.i < cue.i and t.dep_ == "compound")]
    if not names:
        return None
    start, end = trim(text_of(doc), doc[sent.start].idx, doc[start_comma].idx)
    if end <= start:
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i > start_comma), None)
    speaker = subject if subject is not None and subject.pos_ == "NUM" else names[-1]  # "one of ..."
    return Draft(start, end, False, cue, prefer_name(speaker) if speaker.pos_ == "NOUN"
                  else speaker, cue.lemma_.lower())


def _parenthetical(doc: Any, cue: Any) -> Draft | None:
    """"Instead, Durrani says, the government should try ...": an attribution set off by
    commas inside the clause it reports (the parser hangs it on that clause as parataxis);
    the report is what follows it."""
    head = cue.head
    if cue.dep_ != "parataxis" or head.i < cue.i or head.pos_ not in CLAUSE_HEADS \
            or not any(c.dep_ == "nsubj" for c in cue.children):
        return None
    comma = cue.right_edge.i if cue.right_edge.text == "," else cue.right_edge.i + 1
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    start, end = trim(text_of(doc), doc[comma].idx, head.right_edge.idx + len(head.right_edge))
    return Draft(start, end, False, cue, speaker_of(cue), cue.lemma_.lower()) if end > start else None


def _draft(doc: Any, cue: Any, head: Any, stop: int | None) -> Draft | None:
    """The reported clause under ``head`` (ending before token ``stop``) as a draft quote."""
    span = _clause_span(doc, head, stop)
    if span is None:
        return None
    start, end = span
    if _relative_report(cue, head):  # what is reported starts after "which he said"
        start, end = trim(text_of(doc), cue.idx + len(cue), end)
        if end <= start:
            return None
    return Draft(start, end, False, cue, speaker_of(cue), cue.lemma_.lower())


def _relative_report(cue: Any, head: Any) -> bool:
    """"a scandal which he said had wide implications": a speech verb in a relative clause whose
    pronoun is the subject of what was said; the report is about the noun, not a question."""
    first = head.left_edge
    return cue.dep_ == "relcl" and first.i < cue.i and first.lower_ in ("which", "who", "that") \
        and first.head.i == head.i


def _complement(cue: Any) -> Any:
    """The clause a speech verb reports: its ccomp, or a that-clause on its object."""
    part = phrasal_part(cue)
    if part is not None and part.dep_ != "prt":  # "made (it) clear that ...": the that-clause
        return next((c for c in [*part.children, *cue.rights] if c.dep_ in ("ccomp", "advcl", "csubj")
                     and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    for child in cue.rights:
        if child.dep_ == "ccomp" and (child.pos_ in CLAUSE_HEADS or noun_clause_head(child)):
            return None if infinitive(child) else child
    # "Negotiations have stalled, a U.S. official said": the reported clause before the cue
    for child in cue.lefts:
        if child.dep_ == "ccomp" and child.pos_ in CLAUSE_HEADS and _before_comma(cue, child) \
                and cue.lemma_.lower() not in NAMING:  # "..., the Chinese call the island X"
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
    return stray_clause(cue)


#: parts of speech that head a reported clause ("the proposal envisages making it more binding"
#: is headed by the adjective "binding" when the parser errs).
CLAUSE_HEADS = frozenset({"VERB", "AUX", "ADJ"})


def _before_comma(cue: Any, clause: Any) -> bool:
    """Whether a clause before its speech verb is set off by a comma (or a closing quotation
    mark) from the speaker: "X will resign, he said" reports X; "that is what he said" does not."""
    between = cue.doc[clause.right_edge.i + 1 : cue.i]
    return any(t.text in (",", "”", "'", '"') for t in between)


def _clause_span(doc: Any, head: Any, stop: int | None = None) -> tuple[int, int] | None:
    """The clause under ``head``, without its "that" and without a conjoined speech clause (and
    before token ``stop`` when given)."""
    tokens = [t for t in head.subtree if stop is None or t.i < stop]
    subject = _misparsed_subject(head)
    if subject is not None:
        tokens = list(subject.subtree) + tokens
    for token in tokens:
        if token.i > head.i and token.dep_ in ("conj", "advcl") and is_cue_verb(token):
            tokens = [t for t in tokens if t.i < token.left_edge.i]
            break
    while tokens and (_is_that(tokens[0]) or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    start, end = trim(text_of(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return (start, _close_quote(doc, start, end)) if end > start else None


def _close_quote(doc: Any, start: int, end: int) -> int:
    """Keep the closing mark of a quote that opens inside the clause ('faced "a catastrophe."')."""
    for a, b in quoted_ranges(doc):
        if start <= a < end < b and not text_of(doc)[end:b].strip(TRIM + "\"“”‘’'!?"):
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


def _according_to(doc: Any, according: Any) -> Draft | None:
    """``..., according to X`` / ``According to X, ...``: the clause and X."""
    to = doc[according.i + 1]
    objects = [_statement_author(c) for c in to.children if c.dep_ == "pobj"]
    phrase = list(according.subtree) + list(to.subtree)
    lo, hi = min(t.i for t in phrase), max(t.i for t in phrase)
    sent = according.sent
    if lo - sent.start >= sent.end - hi - 1:
        first, last = sent.start, lo
    else:
        first, last = hi + 1, sent.end
    if last <= first:
        return None
    inner = _inner_report(doc, first, last)
    if inner is not None:  # "X said they would march, according to a statement by Y"
        return Draft(inner[0], inner[1], False, according, objects[0] if objects else None, "according to")
    start, end = trim(text_of(doc), doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
    parenthetical = PARENTHETICAL.match(text_of(doc)[start:end])
    if parenthetical:
        start += parenthetical.end()
    if end <= start:
        return None
    speaker = objects[0] if objects else None
    return Draft(start, end, False, according, speaker, "according to")


def _statement_author(source: Any) -> Any:
    """"according to a statement by the union", "according to the ministry's report": the
    author of the speech noun is the source."""
    if source.pos_ == "NOUN" and source.lemma_.lower() in cue_words()["noun"]:
        author = noun_speaker(source)
        if author is not None and author.pos_ in ("PROPN", "NOUN", "PRON"):
            return prefer_name(author) if author.pos_ == "NOUN" else author
    return source


def _inner_report(doc: Any, first: int, last: int) -> tuple[int, int] | None:
    """What is reported when the "according to" clause is itself an attribution ("Spokespeople
    said they would march, according to a statement by the union"): the inner speech verb's
    clause, the source being the outer one (guide §3: nested attributions, outer speaker)."""
    for token in doc[first:last]:
        head = _complement(token) if is_cue_verb(token) else None
        if head is not None and first <= head.left_edge.i and head.right_edge.i < last:
            return _clause_span(doc, head)
    return None


def _before_quote(doc: Any, draft: Draft, opens: int) -> bool:
    """A reported clause that runs into a direct quote: 'said a civil war is looming, "... war
    could erupt at any moment"' keeps what comes before the quote's comma, a statement of its
    own; a clause the quote began before is the quote's."""
    text = text_of(doc)
    start, end = trim(text, draft.start, opens)
    if opens <= draft.start or not text[end:opens].strip().startswith(",") \
            or len(text[start:end].split()) < MIN_REPORTED_WORDS:
        return False
    draft.start, draft.end = start, end
    return True


def _keeps_reported(
    doc: Any, draft: Draft, direct: list[Draft], quoted: list[tuple[int, int]]
) -> bool:
    """Drop reported content that is a direct quote already found, or little more than one."""
    inner = []
    marks = TRIM + "\"“”‘’'"
    for a, b in quoted:
        lead = text_of(doc)[a : draft.start].strip(marks) if a < draft.start else ""
        tail = text_of(doc)[draft.end : b].strip(marks) if b > draft.end else ""
        if not lead and not tail:
            inner.append((a, b))
        elif a < draft.end and b > draft.start:
            return _before_quote(doc, draft, a)  # the clause straddles a quote
    if not inner:
        return True
    pieces, at = [], draft.start
    for a, b in sorted(inner):
        pieces.append(text_of(doc)[at:max(at, a)])
        at = max(at, b)
    pieces.append(text_of(doc)[at : draft.end])
    return len(" ".join(pieces).split()) >= MIN_REPORTED_WORDS
