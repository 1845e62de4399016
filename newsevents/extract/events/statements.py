"""Statements as events: who said what about whom, coded by the cue and the content said.

In real news most political events are statements: criticism and accusation (CAMEO 11),
denials, comments, optimism and pessimism (01), appeals (02), demands (10), rejections (12),
threats and warnings (13), praise (05). The quotes stage finds each statement with its speaker;
here each quote with a political speaker is coded:

* by its cue when the cue says what the statement does ("accused", "condemned", "denied",
  "urged", "welcomed": ``data/statement_cues.tsv``);
* else by what was said (a neutral cue: "said", "told", "according to"): a claim rejected as
  untrue is a denial; a "should"/"must" addressed to another party an appeal or a demand;
  what the speaker's side will do (or, "is opposed to", does) an intention, threat or
  refusal, an announced protest a threat of dissent (:mod:`.dissent`); blame words on another
  party, in any sentence of the quote, or a negative judgement of an actor criticism
  (:mod:`.criticism`); a worse or better state of affairs with no one to blame pessimism or
  optimism; a positive judgement of an actor praise (``data/stance_words.tsv`` and VADER's
  polarity). A plain statement is no event.

The target is the party the content is about (the owner of the blame, the subject or possessor
of what is judged, the addressee of an appeal), else none. Content that reports a material act ("X said its planes
struck Y") is coded as that act by the predicate path, not as a statement.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...errors import ConfigError
from ...records import Mention
from ...resources import data_path
from ..tone import polarity
from .cameo import verb_dictionary
from .cognition import cognition
from .compose import negated_force
from .force import averts_force, threatening
from .composition import composed_code
from .criticism import (accused_agent, blamed_party, called_unacceptable, negated,
                        refused_acceptance, sectorless_blame, sentence_spans)
from .dissent import announced_protest
from .ultimatum import (countermeasures, no_talks, obligation, talks_partner, ultimatum,
                        urgent_clause)

CUE_FILE = "statement_cues.tsv"
STANCE_FILE = "stance_words.tsv"
#: the CAMEO code each statement kind takes.
KIND_CODES = {"accuse": "112", "criticize": "111", "deny": "016", "reject": "120",
              "praise": "051", "apologize": "055", "appeal": "020", "demand": "100",
              "warn": "130", "threaten": "130", "promise": "030", "admit": "015",
              "consider": "014", "regret": "012", "hope": "013", "pessimism": "012",
              "optimism": "013", "comment": "011", "renounce": "0356"}
#: statement kinds that are an interaction only with a party they address: an appeal, a
#: demand, an offer or promise ("said it would cut taxes" is a plan, not an event between two).
ADDRESSED_KINDS = frozenset({"appeal", "demand", "promise"})
#: what the content of a neutral statement can make it.
CONTENT_KINDS = ("deny", "appeal", "demand", "criticize", "pessimism", "optimism", "praise")
#: modal words of obligation: "X should do more" is an appeal, "X must" a demand.
APPEAL_MODALS = frozenset({"should", "ought", "need"})
DEMAND_MODALS = frozenset({"must", "have"})
#: VADER compound polarity beyond which a content judges (negatively or positively).
JUDGEMENT = 0.3
#: first-person words: the speaker's own side.
OWN_WORDS = frozenset({"i", "we", "us", "our", "ours", "my", "me"})
#: dependencies whose actor a judgement is about (subject, possessor, object).
ABOUT_DEPS = ("nsubj", "nsubjpass", "poss", "dobj", "pobj", "attr", "compound", "amod")


@dataclass(frozen=True)
class Stance:
    """What a statement does: its CAMEO code, its kind and the token heading its target."""

    code: str
    kind: str
    target: Token | None


def _read(name: str, allowed: frozenset[str] | None) -> dict[str, str]:
    path = data_path(name)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t"))
    table: dict[str, str] = {}
    for n, row in enumerate(rows, start=2):
        word, kind = (row.get("lemma") or row.get("word") or "").strip(), (row.get("kind") or "").strip()
        if not word or (allowed is not None and kind not in allowed) or table.get(word, kind) != kind:
            raise ConfigError(f"{path} row {n}: {row!r} needs a word and one kind"
                              + (f" of {sorted(allowed)}" if allowed else "") + "; fix the row")
        table[word] = kind
    return table


@functools.cache
def cue_kinds() -> dict[str, str]:
    """Speech word -> statement kind (``data/statement_cues.tsv``)."""
    return _read(CUE_FILE, frozenset(KIND_CODES) | {"neutral"})


@functools.cache
def stance_words() -> dict[str, str]:
    """Word -> blame, denial, situation or praise (``data/stance_words.tsv``)."""
    return _read(STANCE_FILE, frozenset({"blame", "denial", "situation", "praise"}))


@functools.lru_cache(maxsize=8)  # classify() asks ~7 times per quote, in a row; few docs held
def clause_head(content: Span) -> Token:
    """The verb heading what was said: among the span's tokens governed from outside it, the
    verb first ("an invitation would come only when ...": "come", not the misparsed object)."""
    tops = [t for t in content if not content.start <= t.head.i < content.end or t.head == t]
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    return (verbs or tops or [content.root])[0]


def classify(cue: Token, content: Span, speaker: Mention,
             actor_of: Callable[[Token], Mention | None], reports_act: bool = False) -> Stance | None:
    """The stance of a statement, or None for a plain statement (no event).

    Args:
        cue: the speech word.
        content: what was said.
        speaker: who said it (with the actor).
        actor_of: resolves a noun-phrase head to its actor mention (the article's actors).
        reports_act: the content holds a coded material act: with a neutral cue the statement
            reports that act, which is coded as such.
    """
    kind = cue_kinds().get(cue.lemma_.lower()) or cue_kinds().get(cue.lower_)
    if kind in ("appeal", "demand") and not _infinitive_object(cue):
        kind = "neutral"  # "asked if the United States was prepared": a question
    if kind is None or (kind == "neutral" and reports_act):
        return None
    if kind == "neutral":
        kind = _content_kind(content, speaker, actor_of)
        if kind is None:
            return None
        kind = obligation(kind, cue, content)  # "said Y must" an appeal; "... or face" a threat
        kind = "reject" if kind == "criticize" and called_unacceptable(cue, content) else kind
    if kind == "promise" and _threatening(content):  # "promised not to attack": renounced
        kind = "renounce" if negated_force(clause_head(content)) else "threaten"  # "promises fierce resistance if soldiers try to remove them"
    elif kind == "promise" and announced_protest(_main_verb(clause_head(content))):
        kind = "threaten"  # "said they would organize rallies throughout the summit": 133
        return Stance("133", kind, _target(cue, content, speaker, actor_of, kind))
    elif kind == "promise" and _conditional(content):
        return None  # "promised an invitation would come only when allies agree": not asserted
    if kind == "threaten" and _threatening(content):
        return Stance("138", kind, _target(cue, content, speaker, actor_of, kind))
    code = "131" if kind == "threaten" and ultimatum(content) else (  # "or face sanctions"
        _framed(kind, content) or KIND_CODES[kind])
    return Stance(code, kind, _target(cue, content, speaker, actor_of, kind))


def _content_kind(content: Span, speaker: Mention,
                  actor_of: Callable[[Token], Mention | None]) -> str | None:
    """What a neutral statement's content makes it, or None (see the module docstring).

    Only the words that say something of the content's subject count (the main verb, its
    complements and objects: "the vote was *flawed*", "X *violated* the truce"), not every word
    of it: "he saw camps for people displaced by the crisis" is no pessimism.
    """
    words = stance_words()
    said = [(t, words.get(t.lemma_.lower()) or words.get(t.lower_)) for t in predicate_words(content)]
    found = {w for t, w in said if w and not (w == "blame" and negated(t))}  # "was not illegal"
    if "denial" in found and _negative(content):
        return "deny"
    modal = _obligation(content, actor_of)
    if modal is not None:
        return modal
    intent = _own_intent(content, speaker, actor_of)
    if intent is not None:
        return intent
    if no_talks(clause_head(content)):  # "there will be no talks with X (as long as ...)"
        return "threaten" if _unless(content) else "reject"
    refused = refused_acceptance(clause_head(content))  # "it cannot be accepted"
    if refused is not None:
        return refused
    if _criticized(content, speaker, actor_of) is not None:
        return "criticize"  # "the opposition had organized attacks", "the EC's protectionist ..."
    score = polarity(content.text)
    judged = _judged_actor(content, speaker, actor_of)
    if "blame" in found or (score <= -JUDGEMENT and judged is not None and _judgement(content)):
        return "criticize"
    later = _obligation(content, actor_of, later=True)  # after blame: "X is reckless. X must ..."
    if later is not None:
        return later
    situation = [t for t in (*predicate_words(content), *_subject_words(content))
                 if (words.get(t.lemma_.lower()) or words.get(t.lower_)) == "situation"]
    if situation:
        return "optimism" if _sign(situation, score) > 0 else "pessimism"
    if score >= JUDGEMENT and judged is not None and "praise" in found:
        return "praise"
    return None


#: situation words that are good news ("progress", "stable"); the others are bad news.
GOOD_SITUATION = frozenset({"progress", "optimistic", "hopeful", "confident", "stable", "normal",
                            "successful", "success", "breakthrough", "constructive", "productive",
                            "improve"})


def _sign(situation: list[Token], score: float) -> int:
    """Good or bad news: the situation words say it, flipped by a negation on their clause."""
    good = sum(1 if t.lemma_.lower() in GOOD_SITUATION or t.lower_ in GOOD_SITUATION else -1
               for t in situation)
    negated = any(c.dep_ == "neg" for t in situation for c in (*t.children, *t.head.children))
    sign = (1 if good > 0 else -1 if good < 0 else (1 if score > 0 else -1))
    return -sign if negated else sign


def _subject_words(content: Span) -> list[Token]:
    """The head words of the content's subject ("significant progress was being made")."""
    root = clause_head(content)
    return [t for c in root.children if c.dep_ in ("nsubj", "nsubjpass")
            for t in (c, *(m for m in c.children if m.dep_ in ("amod", "compound")))]


#: adjectives of readiness: "I am ready to meet" is an intention.
READY_WORDS = frozenset({"ready", "prepared", "willing", "determined", "eager"})
#: subordinators of a condition: an intention under one is a threat ("unless", "as long as").
CONDITIONS = frozenset({"if", "unless", "until", "long"})


def _own_intent(content: Span, speaker: Mention,
                actor_of: Callable[[Token], Mention | None]) -> str | None:
    """What the speaker's side says it will do: a threat (force, or any act under a condition),
    a refusal ("will not attend", "cannot negotiate"), else an intention ("we will hoist the
    flag", "I am ready to meet"); or, in any tense, that it is opposed ("she was opposed to
    including Syria in the talks"): a rejection. (A verb "we oppose X" is the predicate's own.)"""
    root = clause_head(content)
    verb = _main_verb(root)
    if not _own_future(content, speaker, actor_of):
        opposed = root.lemma_ == "be" and verb.dep_ == "acomp" and cue_kinds().get(
            verb.lemma_.lower()) == "reject" and not any(c.dep_ == "neg" for c in root.children)
        return "reject" if opposed and _own_future(content, speaker, actor_of, tense=False) else None
    if averts_force(content) or cognition(verb):
        return None  # "we can avoid a trade war": no threat, no promise; "could see nothing"
    if _threatening(content):
        return "renounce" if negated_force(root) else "threaten"  # "would not resort to force"
    if _conditional(content):  # "will withdraw unless ...": a threat; "would come if ...": none
        return "threaten" if _unless(content) else None
    negated = any(c.dep_ == "neg" for c in (*root.children, *verb.children))
    if negated and _dictionary_root(verb) in COOPERATION_ROOTS:
        return "reject"
    if not negated and cue_kinds().get(verb.lemma_.lower()) == "reject":
        return "reject"  # "they would strongly oppose the proposals": a rejection, not a promise
    return None if negated else "promise"


def _threatening(content: Span) -> bool:
    root = clause_head(content)
    verb = _main_verb(root)
    negated = any(c.dep_ == "neg" for c in (*root.children, *verb.children))
    return threatening(content, _dictionary_root(verb), negated) or countermeasures(content)


def _conditional(content: Span) -> bool:
    """Whether the content's main clause holds a condition ("only when allies agree", "if")."""
    return any(c.dep_ in ("advcl", "prep") and any(
        m.lower_ in CONDITIONS | {"when"} for m in c.subtree if m.dep_ in ("mark", "advmod", "amod"))
        for c in clause_head(content).children)


def _unless(content: Span) -> bool:
    """Whether the condition is a threat's: "unless", "as long as"."""
    return any(t.lower_ in ("unless", "long") and t.dep_ in ("mark", "advmod", "amod")
               for t in content)


def _main_verb(root: Token) -> Token:
    """The verb a modal or "ready/able to" frame governs ("ready to meet" -> meet)."""
    for child in root.children:
        if child.dep_ in ("xcomp", "acomp"):
            inner = next((c for c in child.children if c.dep_ == "xcomp"), None)
            return inner if inner is not None else child
    return root


#: roots of cooperation: refusing one of them is a rejection (CAMEO 12).
COOPERATION_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})


#: the composition frame (:mod:`.composition`) each kind of statement puts its content in.
KIND_FRAMES = {"promise": "03", "reject": "12", "threaten": "13", "appeal": "02", "demand": "10"}


def _framed(kind: str, content: Span) -> str | None:
    """The specific code a framed statement gets from what it is about ("said it will release
    the sailors" -> 0353 intent to release), or None to keep the kind's generic code."""
    frame = KIND_FRAMES.get(kind)
    code = _dictionary_code(_main_verb(clause_head(content))) if frame else None
    return composed_code(frame, code) if frame and code else None


def _dictionary_code(verb: Token) -> str | None:
    """The CAMEO code the verb dictionary gives a verb's lemma by default, if any."""
    vd = verb_dictionary()
    entry = vd.verbs.get(verb.lemma_.lower())
    return (entry.code or vd.block_codes.get(entry.block)) if entry else None


def _dictionary_root(verb: Token) -> str | None:
    """The CAMEO root the verb dictionary gives a verb's lemma by default, if any."""
    code = _dictionary_code(verb)
    return code[:2] if code else None


def _is_blame(token: Token) -> bool:
    words = stance_words()
    return (words.get(token.lemma_.lower()) or words.get(token.lower_)) == "blame"


def _criticized(content: Span, speaker: Mention,
                actor_of: Callable[[Token], Mention | None]) -> Token | None:
    """The party the content accuses of a conflict act or puts blame on (:mod:`.criticism`)."""
    own = _key(speaker)
    accused = accused_agent(clause_head(content), _dictionary_root,
                            lambda t: _key(actor_of(t)) not in (None, own))
    return accused if accused is not None else blamed_party(
        content, _is_blame, lambda t: _other_party(actor_of(t), speaker) or sectorless_blame(
            speaker.actor, getattr(actor_of(t), "actor", None)))


#: dependencies that carry what a clause says of its subject, followed from the main verb.
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd", "dobj", "xcomp", "ccomp", "neg", "advmod",
                            "amod", "compound", "prep", "pobj", "conj", "npadvmod", "auxpass",
                            "agent", "dative", "prt"})


def predicate_words(content: Span) -> list[Token]:
    """The content's main verb and what hangs on it within two steps along
    :data:`PREDICATE_DEPS` (its subject, relative and adverbial clauses left out)."""
    root = clause_head(content)
    found = [root]
    frontier = [root]
    for _ in range(2):
        frontier = [c for t in frontier for c in t.children
                    if c.dep_ in PREDICATE_DEPS and content.start <= c.i < content.end]
        found += frontier
    return found


def _infinitive_object(cue: Token) -> bool:
    """Whether an appeal or demand verb governs a to-infinitive ("urged Iraq to secure")."""
    return any(c.dep_ in ("xcomp", "ccomp") and any(a.lower_ == "to" and a.dep_ == "aux"
                                                    for a in c.children) for c in cue.children)


def _negative(content: Span) -> bool:
    return polarity(content.text) < 0 or any(t.dep_ == "neg" for t in content)


#: verbs that judge what their subject is or does ("the vote was flawed", "amounts to torture").
JUDGING_VERBS = frozenset({"be", "seem", "remain", "become", "constitute", "amount", "represent",
                           "look", "appear", "prove", "call", "describe", "label", "consider"})


def _judgement(content: Span) -> bool:
    """Whether the content's main clause judges: a copula or a verb of characterising."""
    root = clause_head(content)
    return root.lemma_.lower() in JUDGING_VERBS or any(c.dep_ in ("acomp", "attr", "oprd")
                                                       for c in root.children)


def _obligation(content: Span, actor_of: Callable[[Token], Mention | None],
                later: bool = False) -> str | None:
    """``appeal``/``demand`` when the content's main clause obliges another party, named as its
    subject ("Iraq should do more", "the Zimbabwean authorities must allow ..."); with ``later``,
    when a clause joined to it or a later sentence does ("we support a truce, but Israel should
    support it too"). "No one should" and "a trade deal must" oblige no one."""
    root = clause_head(content)
    if not later:
        return _obliges(root, actor_of)
    heads = [*(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")),
             *(clause_head(s) for s in list(sentence_spans(content))[1:])]
    return next((kind for kind in (_obliges(h, actor_of) for h in heads) if kind), None)


def _obliges(root: Token, actor_of: Callable[[Token], Mention | None]) -> str | None:
    urged = urgent_clause(root)  # "it is important that all Kenyans respond ..."
    root = root if urged is None else urged
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in OWN_WORDS or actor_of(subject) is None:
        return None
    if urged is not None:
        return "appeal"
    if root.lower_ in ("need", "needs", "have", "has") and any(
            c.dep_ == "xcomp" for c in root.children):
        return "appeal" if root.lower_.startswith("need") else "demand"  # "X needs to", "has to"
    for aux in root.children:
        word = aux.lower_
        if aux.dep_ == "aux" and (word in APPEAL_MODALS or word in DEMAND_MODALS - {"have"}):
            return "appeal" if word in APPEAL_MODALS else "demand"
    return None


def _own_future(content: Span, speaker: Mention,
                actor_of: Callable[[Token], Mention | None], tense: bool = True) -> bool:
    """Whether the content is what the speaker's side will do ("we will fight", "Iran would
    use its missiles" said by Iran, "I am ready to meet"); with ``tense`` False, what the
    speaker's side does, in any tense."""
    root = clause_head(content)
    future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall", "wo", "can",
                                                  "ca", "could")
                 for c in root.children)
    ready = root.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in READY_WORDS
                                         for c in root.children)
    if tense and not (future or ready):
        return False
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    if subject.lower_ in OWN_WORDS:
        return True
    mention = actor_of(subject)
    return mention is not None and _key(mention) == _key(speaker)


def _other_party(mention: Mention | None, speaker: Mention, domestic: bool = True) -> bool:
    """Whether a mention names another party than the speaker's side: another country or
    organisation, or (``domestic``) another political sector of the speaker's own country
    (unions about their government, a minister about the opposition: a domestic dyad). The
    speaker's country named bare ("Reagan said Washington will ..."), the same sector, or the
    media and business people it talks to are the speaker's own side."""
    key = _key(mention)
    if key is None or mention is None:
        return False
    if key != _key(speaker):
        return True
    own, other = speaker.actor, mention.actor
    return bool(domestic and own and other and own.sector and other.sector
                and own.sector != other.sector and other.sector not in NOT_PARTIES
                and not own.org and not other.org)


#: sectors that are no domestic party of a statement: the media it is made to, commentators.
NOT_PARTIES = frozenset({"MED", "EDU", "BUS", "MNC"})
#: statement kinds whose content is what the speaker's own side will do ("the army will ..."
#: said by the government is its own means, not a party).
INTENT_KINDS = frozenset({"promise", "threaten", "reject", "renounce"})


def _key(mention: Mention | None) -> str | None:
    actor = mention.actor if mention is not None else None
    if actor is None:
        return None
    return actor.org or actor.country or actor.code


def _judged_actor(content: Span, speaker: Mention,
                  actor_of: Callable[[Token], Mention | None], domestic: bool = True) -> Token | None:
    """The head of the actor the content judges: the subject, possessor or object of its main
    clause (not a place where something happens), another party than the speaker's."""
    for token in content:
        if token.dep_ not in ABOUT_DEPS or token.lower_ in OWN_WORDS:
            continue
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near", "inside", "across"):
            continue
        mention = actor_of(token)
        if _other_party(mention, speaker, domestic):
            return token
    return None


def _target(cue: Token, content: Span, speaker: Mention,
            actor_of: Callable[[Token], Mention | None], kind: str) -> Token | None:
    """The party a statement is about: the cue's object ("accused Syria"), an appeal's
    addressee, else the actor the content names first as subject, possessor or object. A
    denial targets only whom it answers ("denied the charges to Syria"), not a party named in
    what is denied ("denied that Syria was involved": no target)."""
    domestic = kind not in INTENT_KINDS
    for child in cue.children:
        if child.dep_ in ("dobj", "dative", "iobj") or (child.dep_ == "prep" and child.lower_ in ("on", "to")):
            heads = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            for head in heads:
                mention = actor_of(head)
                if _other_party(mention, speaker, domestic):
                    return head
    if kind == "deny":
        return None  # the target of a denial is its accuser, never a party of what is denied
    partner = talks_partner(clause_head(content))  # "no talks with the rebels"
    if partner is not None and _other_party(actor_of(partner), speaker, domestic):
        return partner
    accused = _criticized(content, speaker, actor_of) if kind == "criticize" else None
    if accused is not None:
        return accused
    judged = _judged_actor(content, speaker, actor_of, domestic)
    if judged is not None:
        return judged
    if kind in ("pessimism", "optimism"):
        for token in content:  # "a civil war in Iraq is looming": the situation's country
            mention = actor_of(token) if token.pos_ in ("PROPN", "NOUN") else None
            if _other_party(mention, speaker, domestic):
                return token
    return None
