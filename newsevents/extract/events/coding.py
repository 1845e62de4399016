"""Give a predicate its CAMEO code: PETRARCH-2 dictionary patterns first, then our own patterns.

Order of precedence (the ``strength`` of a :class:`Coding`, which also drives confidence):

3. a pattern line of the verb's CAMEO.2.0 block matched on its dependents;
2. one of our conditional patterns (``data/event_patterns.tsv``: "describe X as <negative>");
1. the verb's own code or its block's default code in CAMEO.2.0;
0. one of our default (``*``) patterns for verbs the dictionary leaves uncoded.

Nouns ("talks", "application", "attack") are coded only from our noun patterns, and only in
the positions a pattern names (object of a support verb, subject of a happening verb, with a
possessor), so background mentions ("the talks have become strained") give no event.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ...errors import ConfigError
from ...resources import data_path
from ..dictionaries import swapped
from ..predicates import Features, Predicate, by_agents, for_clause
from ..tone import vader_lexicon
from .cameo import Element, Pattern, verb_dictionary
from .composition import composed_code
from .modality import NEGATED, own_modality

PATTERN_FILE = "event_patterns.tsv"
#: Penn tags of the wh-words that open an embedded question ("what", "which", "how").
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
EVALUATIVE_FILE = "evaluative_words.tsv"

#: support verbs whose object noun carries the event ("submitted an application", "launched an attack").
LIGHT_VERBS = frozenset({"submit", "file", "make", "lodge", "launch", "carry", "conduct", "pay",
                         "stage", "mount", "hold", "begin", "start", "resume", "impose", "send",
                         "issue", "present", "deliver", "announce", "unleash", "wage", "step",
                         "undertake", "continue", "organize", "organise", "renew", "call",
                         "declare", "order"})
#: verbs saying that a nominal event happened ("talks were held", "the summit opened").
OCCUR_VERBS = frozenset({"take", "hold", "begin", "start", "resume", "open", "end", "conclude",
                         "continue", "convene", "kick", "get", "close", "wrap"})
#: happening verbs of an event noun as their subject only ("talks broke up", "riots broke out";
#: "police broke up the demonstration" acts on it).
OCCUR_SUBJECT_VERBS = OCCUR_VERBS | {"break"}

#: verbs by which a third party brings a nominal event about or takes part in it: the event
#: happens ("secured a meeting between A and B", "hosted talks with X", "attended the summit").
BRING_ABOUT_VERBS = frozenset({"secure", "arrange", "broker", "host", "attend", "facilitate",
                               "mediate", "sponsor", "chair"})


@dataclass(frozen=True)
class OwnPattern:
    """A row of ``event_patterns.tsv``."""

    name: str
    trigger: str
    lemmas: frozenset[str]
    clauses: tuple[tuple[str, str], ...]
    code: str

    @property
    def conditional(self) -> bool:
        """Whether the row has a condition (a ``*`` row only fills uncoded verbs)."""
        return self.clauses != (("*", ""),)

    @property
    def forced(self) -> bool:
        """Whether the row beats even a matching CAMEO.2.0 pattern (condition ``force``)."""
        return any(key == "force" for key, _ in self.clauses)


@dataclass(frozen=True)
class Coding:
    """A CAMEO code, the name of what produced it, and how specific that was (0-3)."""

    code: str
    pattern: str
    strength: int
    reverse: str | None = None  # reciprocal half ("[042:043]"): the target's event on the source
    forward: bool = True  # False: only the reverse event stands ("[:0331]")


def _parse_condition(text: str, where: str) -> tuple[tuple[str, str], ...]:
    clauses = []
    for part in text.split("&"):
        key, _, value = part.partition("=")
        if key not in {"*", "obj", "objword", "prep", "prepword", "comp", "compattr", "compneg",
                       "as", "objactor", "light", "occur", "poss", "hascomp", "hasxcomp", "whcomp",
                       "subjword", "mod", "force", "prt", "parties", "dated", "default", "oprd",
                       "inprep", "owndate", "forclause", "gerund",
                       "objthat", "asword", "toclause", "subjof"}:
            raise ConfigError(f"{where}: unknown condition {key!r} in {text!r}")
        clauses.append((key, value))
    return tuple(clauses)


@functools.cache
def own_patterns() -> dict[tuple[str, str], tuple[OwnPattern, ...]]:
    """Our patterns keyed by (trigger, lemma), conditional rows first, in file order."""
    path = data_path(PATTERN_FILE)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t"))
    index: dict[tuple[str, str], list[OwnPattern]] = {}
    for n, row in enumerate(rows, start=2):
        where = f"{path} row {n}"
        pattern = OwnPattern(row["name"], row["trigger"], frozenset(row["lemmas"].split("|")),
                             _parse_condition(row["condition"], where), row["code"])
        for lemma in pattern.lemmas:
            index.setdefault((pattern.trigger, lemma), []).append(pattern)
    return {k: tuple(sorted(v, key=lambda p: not p.conditional)) for k, v in index.items()}


@functools.cache
def forced_lemmas() -> frozenset[str]:
    """Verb lemmas with a ``force`` row (checked before the CAMEO.2.0 patterns)."""
    return frozenset(lemma for (trigger, lemma), rows in own_patterns().items()
                     if trigger == "verb" and any(r.forced for r in rows))


@functools.cache
def noun_triggers() -> frozenset[str]:
    """Lemmas of the nouns our patterns code as events."""
    return frozenset(lemma for trigger, lemma in own_patterns() if trigger == "noun")


@functools.cache
def evaluative_lexicon() -> dict[str, float]:
    """Word -> polarity: VADER's lexicon plus ``evaluative_words.tsv``."""
    lexicon = {w: float(v) for w, v in vader_lexicon().items()}  # a copy: the analyzer's stays as is
    with data_path(EVALUATIVE_FILE).open(encoding="utf-8") as handle:
        rows = csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t")
        lexicon.update({r["word"]: float(r["polarity"]) for r in rows})
    return lexicon


# --- CAMEO.2.0 pattern matching -------------------------------------------------------------


def _word_in(alternatives: tuple[str, ...], words: frozenset[str],
             seq: tuple[tuple[str, str], ...]) -> bool:
    for alt in alternatives:
        if " " in alt:
            if _phrase_in(tuple(alt.split()), seq):
                return True
        elif alt in words:
            return True
    return False


def _phrase_in(phrase: tuple[str, ...], seq: tuple[tuple[str, str], ...]) -> bool:
    n = len(phrase)
    for i in range(len(seq) - n + 1):
        if all(phrase[k] in seq[i + k] for k in range(n)):
            return True
    return False


def _element_matches(el: Element, words: frozenset[str], seq: tuple[tuple[str, str], ...],
                     feats: Features) -> bool:
    if el.kind == "word":
        return _word_in(el.words, words, seq)
    if el.kind == "phrase":
        return _phrase_in(el.words, seq)
    for prep, pwords, pseq in feats.preps:
        if prep == el.words[0] and all(_element_matches(i, pwords, pseq, feats) for i in el.inner):
            return True
    return False


#: prepositions and particles: a pattern made of one of them alone ("- * TO [030] # HEAD")
#: must find it on the verb itself, not as the "to" of a complement ("ordered X to appear").
FUNCTION_WORDS = frozenset({"TO", "ON", "IN", "FOR", "WITH", "UP", "OFF", "OUT", "DOWN", "BACK",
                            "AWAY", "OVER", "BY", "FROM", "INTO", "AT", "OF", "ABOUT",
                            "AGAINST", "BETWEEN", "AROUND", "THROUGH"})


def pattern_matches(pattern: Pattern, feats: Features) -> bool:
    """Whether every element of a CAMEO.2.0 pattern is found among the predicate's dependents."""
    if pattern.anchor and not pattern.anchor & feats.every:
        return False
    if not pattern.pre and len(pattern.post) == 1 and pattern.post[0].kind == "word" \
            and set(pattern.post[0].words) <= FUNCTION_WORDS:
        return bool(set(pattern.post[0].words) & feats.own)
    return all(_element_matches(e, feats.pre, feats.pre_seq, feats) for e in pattern.pre) and all(
        _element_matches(e, feats.post, feats.post_seq, feats) for e in pattern.post
    )


def _pattern_label(block: str, pattern: Pattern) -> str:
    body = pattern.text.lstrip("- ").split("[", 1)[0].strip()
    return f"CAMEO.2.0:{block}:{' '.join(body.split())}"


def _keep_root(code: str, default: str | None) -> str:
    """A demand verb's pattern coded as an appeal (DEMAND "* &SECURITY" [0212]) stays a demand.

    CAMEO.2.0 shares pattern lines between the APPEAL and DEMAND senses; CAMEO codes "demand"
    under root 10, so a 02x pattern code of a verb whose default is 10x is re-framed (1012).
    """
    if default and default[:2] == "10" and code[:2] == "02":
        return composed_code("10", code) or default
    return code


@functools.cache
def _anchor_index(block: str) -> dict[str, tuple[int, ...]]:
    """Anchor word -> positions of the block's patterns that need it (a pattern pre-filter)."""
    index: dict[str, list[int]] = {}
    for position, pattern in enumerate(verb_dictionary().patterns.get(block, ())):
        for word in pattern.anchor:
            index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


def dictionary_coding(pred: Predicate, feats: Features) -> tuple[Coding | None, Coding | None]:
    """(best matching pattern, verb/block default) of the predicate's CAMEO.2.0 entry."""
    vd = verb_dictionary()
    entry = None
    if pred.particle:
        entry = vd.phrasal.get((pred.lemma, pred.particle))
    for prep, _ in pred.preps:
        entry = entry or vd.phrasal.get((pred.lemma, prep))
    entry = entry or vd.verbs.get(pred.lemma)
    if entry is None:
        return None, None
    patterns = vd.patterns.get(entry.block, ())
    index = _anchor_index(entry.block)
    # only patterns whose anchor word occurs can match; keep the block's specificity order
    candidates = sorted({i for word in feats.every for i in index.get(word, ())})
    best = next((patterns[i] for i in candidates if pattern_matches(patterns[i], feats)), None)
    default_code = entry.code or vd.block_codes.get(entry.block)
    default_reverse = entry.reverse if entry.code else vd.block_reverse.get(entry.block)
    matched = Coding(_keep_root(best.code, default_code), _pattern_label(entry.block, best), 3,
                     best.reverse, best.forward) if best else None
    label = f"CAMEO.2.0:{entry.block}:{entry.lemma.upper()}"
    return matched, Coding(default_code, label, 1, default_reverse) if default_code else None


# --- our own patterns -------------------------------------------------------------------------


def _complements(pred: Predicate) -> list[Token]:
    out = [pred.complement] if pred.complement is not None else []
    for obj in pred.objects:
        out.extend(c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl"))
    return out


def _chain(token: Token) -> set[str]:
    """Lemmas along a complement's verb chain ("forget about joining" -> forget, join)."""
    out = {token.lemma_.lower()}
    for child in token.children:
        if child.dep_ in ("xcomp", "prep", "pcomp", "prt"):
            out |= _chain(child) if child.dep_ != "prt" else {child.lower_}
    return out


def _attributes(token: Token) -> set[str]:
    out = {token.lemma_.lower()}
    for child in token.children:
        if child.dep_ in ("attr", "acomp", "dobj", "nsubj", "prep", "advmod"):
            out.add(child.lemma_.lower())
    return out


def _as_phrases(pred: Predicate) -> list[Token]:
    """The words of the "as ..." phrases (or object predicatives) characterising the object."""
    return [t for owner in (pred.head, *pred.objects) for prep in owner.children
            if prep.lower_ == "as" and prep.dep_ in ("prep", "mark", "advmod")
            or prep.dep_ == "oprd"  # "called the blockade a provocation"
            for t in _phrase_words(prep)]


def _phrase_words(token: Token) -> list[Token]:
    """A phrase's words less its prepositional modifiers other than "of": "an impediment to the
    peace process" judges by "impediment", "one of the most chilling plots" by the plots."""
    return [token, *(w for c in token.children if c.dep_ != "prep" or c.lower_ == "of"
                     for w in _phrase_words(c))]


def _as_polarity(pred: Predicate) -> float:
    lexicon = evaluative_lexicon()
    return sum(lexicon.get(t.lower_, 0.0) for t in _as_phrases(pred))


def _clause_holds(key: str, value: str, pred: Predicate, feats: Features,
                  is_actor: Callable[[Token], bool]) -> bool:
    values = set(value.split("|")) if value else set()
    head = pred.head
    if key == "*":
        return True
    if key == "obj":
        return any(o.lemma_.lower() in values for o in pred.objects)
    if key == "objword":
        return any(t.lower_ in values or t.lemma_.lower() in values
                   for o in pred.objects for t in o.subtree)
    if key == "prep":
        return any(p == value for p, _ in pred.preps)
    if key == "prepword":
        prep, _, words = value.partition(":")
        wanted = set(words.split("|"))
        return any(p == prep and any(t.lemma_.lower() in wanted or t.lower_ in wanted
                                     for t in o.subtree)
                   for p, o in pred.preps)  # the word too: "taxes" is lemmatised "taxis"
    if key == "comp":
        return any(_chain(c) & values for c in _complements(pred))
    if key == "compattr":
        return any(_attributes(c) & values for c in _complements(pred))
    if key == "compneg":
        return any(own_modality(c) == NEGATED for c in _complements(pred))
    if key == "hascomp":
        return pred.complement is not None and pred.complement.dep_ == "ccomp"
    if key == "whcomp":  # an embedded question: "whether to join", "what options are open"
        comp = pred.complement
        return comp is not None and comp.dep_ in ("ccomp", "xcomp") and comp.left_edge.i <= comp.i \
            and (comp.left_edge.lower_ in ("whether", "if") or comp.left_edge.tag_ in WH_TAGS)
    if key == "hasxcomp":
        return pred.complement is not None and pred.complement.dep_ == "xcomp"
    if key == "as":
        polarity = _as_polarity(pred)
        return polarity < 0 if value == "neg" else polarity > 0
    if key == "asword":  # "what he termed a critical situation"
        return any(t.lemma_.lower() in values for t in _as_phrases(pred))
    if key == "objactor":
        return any(is_actor(o) for o in pred.objects)
    if key == "light":
        return head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in LIGHT_VERBS
    if key == "occur":  # also the antecedent of "which began": "the stoppage, which began Friday"
        return (head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in OCCUR_SUBJECT_VERBS) or any(
            c.dep_ == "relcl" and c.lemma_.lower() in OCCUR_SUBJECT_VERBS and any(
                s.dep_ == "nsubj" and s.lower_ in ("which", "that") for s in c.children)
            for c in head.children)
    if key == "poss":
        return any(c.dep_ == "poss" for c in head.children)
    if key == "subjword":
        return any(t.lemma_.lower() in values or t.lower_ in values
                   for s in pred.subjects for t in s.subtree)
    if key == "mod":  # also a verb's "test-" ("test-fired": npadvmod)
        return any(c.dep_ in ("compound", "amod", "npadvmod") and c.lemma_.lower() in values
                   for c in head.children)
    if key == "parties":
        acted_on = _acted_on(head)
        # "broke down a treaty"; but a possessor is the agent of what it has done, whatever
        # is done with it now ("rejected Germany's objections")
        agent = any(c.dep_ == "poss" and is_actor(c) for c in head.children) or any(
            is_actor(a) for a in by_agents(head))  # "considered a complaint by X against Y"
        return (agent or not acted_on) and bool(noun_parties(head, is_actor))
    if key == "dated":
        return any(t.ent_type_ in ("DATE", "TIME") for t in head.subtree) or any(
            c.ent_type_ in ("DATE", "TIME") for c in head.head.subtree if c.head == head.head) \
            or _date_after(head)
    if key in ("force", "default"):
        return True
    if key == "oprd":  # an object predicative: "called the island the same name"
        return any(c.dep_ == "oprd" for c in head.children)
    if key == "prt":
        return pred.particle in values
    if key == "owndate":  # a date of the noun's own: "a 1993 agreement", "the agreement made
        # in 2003"; not the time of a verb on it ("broke down a treaty ... five years after",
        # "agreed upon a pact on Tuesday")
        return not _acted_on(head) and any(
            (c.i < head.i and c.ent_type_ in ("DATE", "TIME")) or (c.dep_ in ("acl", "relcl") and any(
                t.ent_type_ in ("DATE", "TIME") for t in c.subtree)) for c in head.children)
    if key == "toclause":  # "looking to Japan to bolster growth": a to-infinitive clause
        return any(c.dep_ in ("xcomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to"
                                                        for a in c.children) for c in head.children)
    if key == "subjof":  # noun: the subject of one of these verbs ("its offensive had ended")
        return head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in values
    if key == "forclause":  # "called for the banks to be privatised": a for-to clause
        return pred.complement is not None and for_clause(pred.complement)
    if key == "gerund":  # an act as object: "opposed including Syria", "opposed X having a role"
        return any(t.tag_ == "VBG" and t.dep_ in ("dobj", "pcomp", "ccomp", "xcomp", "advcl", "pobj")
                   and not (t.dep_ == "advcl" and t.doc[t.left_edge.i - 1].is_punct)  # ", saying"
                   for c in (head, *(p for p in head.children if p.dep_ == "prep")) for t in c.children)
    if key == "objthat":  # a that-clause on the object: "gave notice that it would fight"
        return any(c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" and m.dep_ == "mark"
                                                      for m in c.children)
                   for o in pred.objects for c in o.children)
    if key == "inprep":  # "troops were on alert"
        return head.dep_ == "pobj" and head.head.lower_ in values
    return False


def _date_after(noun: Token) -> bool:
    """A time phrase right after the noun's phrase that the parse hung on the clause ("fled
    after the invasion of that country in 2001"): it dates the noun as well."""
    after = noun.right_edge.i + 1
    prep = noun.doc[after] if after < len(noun.doc) else None
    return prep is not None and prep.dep_ == "prep" and prep.lower_ in ("in", "on") and any(
        o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)


def _acted_on(noun: Token) -> bool:
    """An event noun that a verb does something with ("broke down a treaty"), not one that
    a support, happening or bringing-about verb carries."""
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB" \
        and noun.head.lemma_.lower() not in LIGHT_VERBS | OCCUR_VERBS | BRING_ABOUT_VERBS


#: prepositions by which an event noun names a party ("talks between A and B", "an attack on X",
#: "criticism from X", "an incursion by X", "the invasion of X").
PARTY_PREPS = frozenset({"between", "with", "against", "by", "from", "of", "on", "into", "to",
                         "among"})


#: nouns of going somewhere: a place named before them is where one goes ("a Japan visit").
VISIT_NOUNS = frozenset({"visit", "trip", "tour"})


def noun_parties(noun: Token, is_actor: Callable[[Token], bool]) -> list[Token]:
    """Heads of the actors an event noun names in its own phrase: its possessor, an actor
    modifier ("Iraqi counter-attacks", "the U.S.-led invasion"), a party after one of
    :data:`PARTY_PREPS`; in that order."""
    found = [c for c in noun.children if c.dep_ == "poss" and is_actor(c)]
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i \
                and not (place_name(child) and noun.lemma_.lower() not in VISIT_NOUNS) \
                and not noun.text[:1].isupper():
            found += [t for t in child.subtree if t.pos_ in ("PROPN", "ADJ", "NOUN") and is_actor(t)][:1]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in PARTY_PREPS:
            found += [o for o in prep.children if o.dep_ == "pobj" and is_actor(o)]
    return found + [a for a in by_agents(noun) if a not in found and is_actor(a)]


def place_name(token: Token) -> bool:
    """A modifier that names where a thing is or was named, not who acts: a city or a place
    ("the Kyoto Treaty", "the Washington demonstration"); nationalities ("Iraqi attacks") and
    organisations ("the NATO summit") do act."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") and token.pos_ == "PROPN"


def own_coding(pred: Predicate, feats: Features, is_actor: Callable[[Token], bool],
               conditional: bool, forced: bool = False) -> Coding | None:
    """The first of our patterns for the predicate's lemma whose condition holds.

    ``forced`` looks only at rows with the ``force`` condition (they precede the dictionary).
    """
    trigger = "noun" if pred.nominal else "verb"
    for pattern in own_patterns().get((trigger, pred.lemma), ()):
        if pattern.conditional != conditional or (forced and not pattern.forced):
            continue
        if all(_clause_holds(k, v, pred, feats, is_actor) for k, v in pattern.clauses):
            if pattern.code == "-":
                return Coding("", f"own:{trigger}:{pattern.name}", 2)  # "no event" rule
            return Coding(pattern.code, f"own:{trigger}:{pattern.name}", 2 if conditional else 0)
    return None


def code_predicate(pred: Predicate, feats: Features,
                   is_actor: Callable[[Token], bool]) -> Coding | None:
    """The CAMEO coding of a predicate, or None when nothing codes it (see module docstring)."""
    if pred.nominal:
        coding = own_coding(pred, feats, is_actor, conditional=True)
        return coding if coding is not None and coding.code else None
    matched, default = dictionary_coding(pred, feats)
    # our forced rows correct the packaged CAMEO.2.0 verbs; a swapped-in verb file
    # (dictionaries.swapped_dictionaries) speaks for itself
    forced = pred.lemma in forced_lemmas() and swapped() is None and own_coding(
        pred, feats, is_actor, conditional=True, forced=True)
    coding = (
        forced
        or matched
        or own_coding(pred, feats, is_actor, conditional=True)
        or default
        or own_coding(pred, feats, is_actor, conditional=False)
    )
    return coding if coding is not None and coding.code else None
