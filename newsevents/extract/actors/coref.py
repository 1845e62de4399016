"""Light coreference: pronouns and nominal references to the nearest compatible earlier mention.

A deterministic sieve in the spirit of Stanford's rule-based coreference, limited to what quote
and event attribution need: "he", "she", "it", "they", and definite nominal references ("the
spokesman", "the ministry", "the alliance", "the final statement") are resolved to an earlier
mention of a compatible kind (person, organisation, country/city, other), searching the current
sentence right to left, then up to :data:`WINDOW` earlier sentences, where the main-clause
subject of a sentence is preferred (it is the most salient mention; "centering"). Role nouns
prefer a person introduced with that role ("spokesman Georgy Tikhy"); "the ministry" prefers a
mention containing "Ministry"; "the alliance" prefers an international organisation.

Candidate mentions are the cleaned entities, later surname-only mentions of earlier persons
("Tikhy" after "Georgy Tikhy", which the small model often misses or mislabels), and nominal
subjects whose head noun is in ``data/coref_nouns.tsv``; a plural of people ("diplomats said")
is a group that "they" and "the diplomats" point back to. Mentions inside quotation marks are not
candidates: quoted words belong to the quoted speaker's world, not the narrative.
"""

from __future__ import annotations

import functools
import re
import weakref
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from spacy.strings import get_string_id

from ...arrays import isin, members
from ...nlp import text_of
from ...records import Actor, Entity, Mention
from ..quotemarks import quoted_ranges

#: How many sentences before the reference are searched.
WINDOW = 3

PRONOUN_KINDS: dict[str, frozenset[str]] = {
    "he": frozenset({"PERSON"}),
    "him": frozenset({"PERSON"}),
    "she": frozenset({"PERSON"}),
    "her": frozenset({"PERSON"}),
    "it": frozenset({"ORG", "GPE", "THING"}),
    "they": frozenset({"ORG", "GPE", "GROUP"}),
    "them": frozenset({"ORG", "GPE", "GROUP"}),
    "its": frozenset({"ORG", "GPE", "THING"}),
    "their": frozenset({"ORG", "GPE", "GROUP"}),
}

ENTITY_KINDS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "GROUP"}

#: "the latter", "the former": the nearest earlier mention, or the one before it.
ORDINAL_REFERENCES = {"latter": 0, "former": 1}
ANY_KIND = frozenset({"PERSON", "ORG", "GPE", "GROUP"})

#: International organisations are preferred for these nominal references.
_IGO_NOUNS = frozenset({"alliance", "bloc", "union", "organization", "organisation"})

_NP_PREPS = frozenset({"of", "for", "from", "at"})
_PRE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "quantmod"})


@dataclass(frozen=True)
class Candidate:
    """An earlier mention that a reference may point back to."""

    start: int  # token index
    end: int
    kind: str  # PERSON, ORG, GPE, GROUP, THING
    mention: Mention


@functools.cache
def nominal_kinds() -> dict[str, frozenset[str]]:
    """Head-noun lemma -> the kinds of mention it can refer to (``data/coref_nouns.tsv``)."""
    table: dict[str, frozenset[str]] = {}
    text = resources.files("newsevents.data").joinpath("coref_nouns.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            noun, kinds = line.split("\t")
            table[noun.strip()] = frozenset(kinds.strip().split("|"))
    return table


def reference_kinds(span: Any) -> frozenset[str] | None:
    """The mention kinds a pronoun or definite nominal reference can refer to, else None."""
    text = span.text.lower()
    if text in PRONOUN_KINDS:
        return PRONOUN_KINDS[text]
    root = span.root
    determiners = {t.lower_ for t in span if t.dep_ == "det"}
    if root.lower_ in ORDINAL_REFERENCES and determiners == {"the"} and len(span) == 2:
        return ANY_KIND  # "asking the latter to stop ..."
    if root.pos_ == "NOUN" and determiners & {"the", "this", "that"}:
        # "the movement of Palestinian workers" is described anew, it points back to nothing
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in root.rights):
            return None
        # "the birthday party" is a gathering, not the political party named before
        if root.lemma_.lower() == "party" and any(c.dep_ == "compound" and c.pos_ == "NOUN"
                                                  for c in root.lefts):
            return None
        kinds = nominal_kinds().get(root.lemma_.lower())
        if kinds and "PERSON" in kinds and root.tag_ == "NNS":
            return _PLURAL_PEOPLE  # "the diplomats" point back to diplomats, not to one person
        return kinds
    return None


#: What a plural of people ("the diplomats", "officials said") is, as a mention and a reference.
_PLURAL_PEOPLE = frozenset({"GROUP"})


def np_span(token: Any) -> Any:
    """The noun phrase headed by ``token`` as written, pre-modifiers and titles included.

    A name directly after a common-noun head joins it ("prime minister Viktor Orban"), and a
    common-noun head keeps its "of/for/from" phrase ("a spokesman for the State Department"),
    which carries the actor; a name keeps the "of" phrase inside its entity ("the Federal
    Department of Foreign Affairs"). Other right-hand modifiers (relative clauses, comma appositions)
    are left out: "Georgy Tikhy, the spokesman, who said ..." gives "Georgy Tikhy".
    """
    doc = token.doc
    start, end = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ in _PRE_DEPS:
            start = min(start, child.left_edge.i)
    while start < token.i and doc[start].is_punct:
        start += 1
    if token.pos_ == "NOUN":
        for child in token.rights:
            if child.left_edge.i != end:
                break
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                end = child.i + 1
            elif child.dep_ == "prep" and child.lower_ in _NP_PREPS:
                end = child.right_edge.i + 1
            else:
                break
    elif token.pos_ == "PROPN" and token.ent_iob_ in ("B", "I"):
        for child in token.rights:  # "the Federal Department of Foreign Affairs": one name
            if child.left_edge.i != end or child.dep_ != "prep" or child.lower_ != "of" \
                    or any(t.ent_iob_ != "I" for t in child.subtree):
                break
            end = child.right_edge.i + 1
    return doc[start:end]


def actor_of(span: Any, entities: list[Entity]) -> Actor | None:
    """The actor of a named noun phrase: the actor dictionary first, then the entity under it."""
    actor = _resolve_span(span)
    if actor is not None:
        return actor
    head_start = span.root.idx
    for entity in entities:
        if entity.start <= head_start < entity.end and entity.actor is not None:
            return entity.actor
    return None


def _resolve_span(span: Any) -> Actor | None:
    try:
        from .entities import resolve_span
    except ImportError:  # the actors stage is not installed in this tree yet
        return None
    return resolve_span(span)  # type: ignore[no-any-return]


#: Each live doc's candidates, by the number of entities they were built from. Weakly keyed:
#: ``nlp.pipe`` runs every stage over a whole batch, so stages ask for a batch of docs in turn
#: (a one-entry cache rebuilt them per stage); kept off ``doc.user_data`` so Docs stay
#: serialisable, and gone with the doc.
_CANDIDATES: weakref.WeakKeyDictionary[Any, tuple[int, list[Candidate]]] = weakref.WeakKeyDictionary()


def candidates(doc: Any, entities: list[Entity]) -> list[Candidate]:
    """All candidate antecedent mentions of a doc, in text order (cached while the doc lives)."""
    cached = _CANDIDATES.get(doc)
    if cached is None or cached[0] != len(entities):
        cached = (len(entities), _build_candidates(doc, entities))
        _CANDIDATES[doc] = cached
    return cached[1]


def _build_candidates(doc: Any, entities: list[Entity]) -> list[Candidate]:
    found: dict[int, Candidate] = {}  # keyed by the mention's head token
    persons: dict[str, Actor | None] = {}
    for entity in entities:
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        kind = ENTITY_KINDS.get(entity.label)
        if span is None or kind is None:
            continue
        phrase = np_span(span.root)
        surname = span[-1].text if span[-1].is_alpha else span[0].text
        if kind != "PERSON" and (surname in persons or _has_person_title(phrase)):
            kind = "PERSON"  # "Tikhy" tagged ORG after "Georgy Tikhy"; "Chancellor Olaf Scholz"
        actor = entity.actor or actor_of(phrase, entities)
        if kind == "PERSON":
            actor = actor or persons.get(surname)
            persons.setdefault(surname, actor)
        found[span.root.i] = Candidate(span.start, span.end, kind, _mention(span, actor))
    _add_surnames(doc, persons, found)
    _add_nominals(doc, entities, found)
    return [found[i] for i in sorted(found)]


def _has_person_title(phrase: Any) -> bool:
    kinds = nominal_kinds()
    return any("PERSON" in kinds.get(t.lower_, ()) for t in phrase if t.pos_ in ("PROPN", "NOUN"))


def _add_surnames(doc: Any, persons: dict[str, Actor | None], found: dict[int, Candidate]) -> None:
    """Later bare-surname mentions the NER missed ("Tikhy expressed ...")."""
    if not persons:
        return
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in persons) + r")\b")
    for match in pattern.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is None or any(c.start <= span.start < c.end for c in found.values()):
            continue
        actor = persons[match.group()]
        found[span.root.i] = Candidate(span.start, span.end, "PERSON", _mention(span, actor))


def _add_nominals(doc: Any, entities: list[Entity], found: dict[int, Candidate]) -> None:
    """Nominal subjects that can speak ("the final statement", "the ministry")."""
    kinds = nominal_kinds()
    for token in _subject_nouns(doc):
        noun_kinds = kinds.get(token.lemma_.lower())
        if not noun_kinds:
            continue
        span = np_span(token)
        if token.i in found:
            continue
        kind = next(k for k in ("PERSON", "ORG", "GPE", "GROUP", "THING") if k in noun_kinds)
        if kind == "PERSON" and token.tag_ == "NNS":
            kind = "GROUP"  # "Diplomats said ... They said": a plural of people is a "they"
        found[token.i] = Candidate(
            span.start, span.end, kind, _mention(span, actor_of(span, entities))
        )


def _subject_nouns(doc: Any) -> list[Any]:
    """Nominal subjects whose lemma is a coreference noun, in text order: active and passive
    subjects ("the minister was quoted as saying that he ..."), titles the tagger takes for
    names included ("said the Pope", read by their lowercase form)."""
    if len(doc) == 0:
        return []
    lemma, lower, pos, dep = doc.to_array(["LEMMA", "LOWER", "POS", "DEP"]).T
    nouns = _noun_lemma_ids()
    subjects = isin(dep, _SUBJECTS)
    common = np.flatnonzero((pos == _NOUN) & subjects).tolist()
    titles = np.flatnonzero((pos == _PROPN) & subjects).tolist()
    lemmas, lowers = lemma.tolist(), lower.tolist()
    found = [i for i in common if lemmas[i] in nouns] + [i for i in titles if lowers[i] in nouns]
    return [doc[i] for i in sorted(found)]


_NOUN = np.uint64(get_string_id("NOUN"))
_PROPN = np.uint64(get_string_id("PROPN"))
_SUBJECTS = members([get_string_id("nsubj"), get_string_id("nsubjpass")])


@functools.cache
def _noun_lemma_ids() -> frozenset[int]:
    return frozenset(get_string_id(noun) for noun in nominal_kinds())


def _mention(span: Any, actor: Actor | None) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, actor)


def antecedent(doc: Any, span: Any, entities: list[Entity]) -> Mention | None:
    """Resolve a pronoun or nominal reference to the nearest compatible earlier mention.

    Args:
        doc: the parsed article.
        span: the reference as a spaCy ``Span`` ("he", "the spokesman", "the alliance").
        entities: the doc's cleaned entities (``extract_entities``).

    Returns:
        A Mention with the antecedent's offsets, text and actor; None when ``span`` is not a
        reference or nothing compatible precedes it.
    """
    kinds = reference_kinds(span)
    if kinds is None:
        return None
    chained = _earlier_pronoun(span) or _continued_subject(span)
    if chained is not None:
        return antecedent(doc, chained, entities)
    reported = _reported_before(span)
    pool = [
        c
        for c in candidates(doc, entities)
        if c.end <= span.start and c.kind in kinds and not _quoted(doc, c)
        and not reported.start <= c.start < reported.stop
    ]
    ordered = _salience_order(doc, span, pool)
    if span.root.lower_ in ORDINAL_REFERENCES and span.root.pos_ != "PRON":
        # the latter: the nearest mention; the former: the one before it
        own = {c.i for c in span.root.head.children if c.dep_ in ("nsubj", "nsubjpass")}
        pair = [c for c in pool if not any(c.start <= i < c.end for i in own)]
        nearest = sorted(pair, key=lambda c: -c.start)[ORDINAL_REFERENCES[span.root.lower_]:]
        return nearest[0].mention if nearest else None
    preferred = [c for c in ordered if _prefers(span, c)] or _governing_subjects(span, ordered)
    chosen = (preferred or ordered or [None])[0]
    return chosen.mention if chosen else None


#: a possessive pronoun and the subject/object pronouns of the same referent.
_POSSESSIVE_CHAINS = {"its": frozenset({"it"}), "their": frozenset({"they", "them"})}


def _earlier_pronoun(span: Any) -> Any:
    """For "its"/"their", an earlier "it"/"they" of the same sentence: a pronoun chain keeps
    its referent ("telling Ukraine it should forget about joining NATO and suggesting that its
    membership ambitions ...": "its" is Ukraine's, not the nearer NATO's)."""
    forms = _POSSESSIVE_CHAINS.get(span.text.lower())
    if forms is None:
        return None
    doc = span.doc
    for i in range(span.start - 1, span.sent.start - 1, -1):
        if doc[i].lower_ in forms:
            return doc[i : i + 1]
    return None


def _continued_subject(span: Any) -> Any:
    """A sentence-initial subject "they"/"it" continuing the previous sentence's main subject
    when that was the same pronoun ("..., they added. They said ..."): the same referent."""
    root = span.root
    text = span.text.lower()
    if text not in ("they", "it") or root.dep_ != "nsubj" or span.start != span.sent.start \
            or span.sent.start == 0:
        return None
    before = span.doc[span.sent.start - 1].sent
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    return before[subject.i - before.start : subject.i - before.start + 1] \
        if subject is not None and subject.lower_ == text else None


def _reported_before(span: Any) -> range:
    """Token indices of what a pronoun speaker reports before its cue ("West Germany will
    oppose the tax, they added"): the speaker is not someone named in it."""
    root = span.root
    if root.dep_ != "nsubj" or root.pos_ != "PRON":
        return range(0)
    clause = next((c for c in root.head.children if c.dep_ in ("ccomp", "parataxis")
                   and c.right_edge.i < root.i), None)
    return range(clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else range(0)


def _salience_order(doc: Any, span: Any, pool: list[Candidate]) -> list[Candidate]:
    """Current sentence right to left; then each earlier sentence, its subjects first."""
    sent = span.sent
    ordered = sorted((c for c in pool if c.start >= sent.start), key=lambda c: -c.start)
    for _ in range(WINDOW):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        inside = [c for c in pool if sent.start <= c.start < sent.end]
        ordered += sorted(inside, key=lambda c: (_subject_rank(doc, c, sent), -c.start))
    return ordered


def _governing_subjects(span: Any, ordered: list[Candidate]) -> list[Candidate]:
    """For a pronoun subject, the candidates that are the subject of a clause it depends on.

    "The Union of Teachers, the umbrella union for ..., announced that it has called off a
    strike": "it" is the Union, the subject of "announced", not the nearer apposition. The
    nearest governing clause's subject comes first.
    """
    root = span.root
    if span.text.lower() not in PRONOUN_KINDS or root.dep_ not in ("nsubj", "nsubjpass"):
        return []
    out = []
    for verb in root.head.ancestors:
        for subject in verb.children:
            if subject.dep_ not in ("nsubj", "nsubjpass"):
                continue
            found = next((c for c in ordered if c.start <= subject.i < c.end), None)
            if found is not None:
                out.append(found)
    return out


def _subject_rank(doc: Any, candidate: Candidate, sent: Any) -> int:
    head = doc[candidate.start : candidate.end].root
    if head.dep_ in ("nsubj", "nsubjpass"):
        return 0 if head.head == sent.root else 1
    return 2


def _prefers(span: Any, candidate: Candidate) -> bool:
    """Role nouns prefer a mention with that role; "the alliance" an organisation with an org."""
    root = span.root
    noun = root.lemma_.lower()
    if root.pos_ != "NOUN":
        return False
    if noun in _IGO_NOUNS:
        actor = candidate.mention.actor
        return bool(actor and actor.org)
    doc = span.doc
    context = doc[max(0, candidate.start - 4) : candidate.end + 3].text.lower()
    return noun in context


def _quoted(doc: Any, candidate: Candidate) -> bool:
    char = doc[candidate.start].idx
    return any(start <= char < end for start, end in quoted_ranges(doc))
