"""Market and business reporting that is not a political event.

Wire copy is full of "The company said profit rose ...", "Economists said the dollar ...",
"Japan bought 8,000 tonnes of wheat": reporting verbs and trade verbs whose CAMEO.2.0 codes
(010 statement, 061 economic cooperation) would turn prices, output and ordinary purchases
into political events. A statement whose reported clause is about markets, and a trade verb
whose object is goods or money, give no event (``data/event_market_words.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..actors.business import AMOUNT_ENTS, FIGURE_KINDS, market_words
from ..predicates import Predicate, noun_lemma


def _about_markets(tokens: Iterable[Token]) -> bool:
    words = market_words()
    return any(t.ent_type_ in AMOUNT_ENTS or t.lemma_.lower() in words or t.lower_ in words
               for t in tokens)


def _reported(pred: Predicate) -> list[Token]:
    """Tokens of what a statement reports: its complement clause, else its objects and
    prepositional objects ("cast doubt on the forecast of 3.5 pct growth")."""
    if pred.complement is not None:
        return list(pred.complement.subtree)
    return [t for o in (*pred.objects, *(p for _, p in pred.preps)) for t in o.subtree]


def market_report(pred: Predicate) -> bool:
    """Whether a statement reports prices, output, figures or company business."""
    return _about_markets(_reported(pred))


def traded_goods(pred: Predicate) -> bool:
    """Whether a trade verb's object is goods or an amount ("bought 8,000 tonnes of wheat"),
    also when the verb is the complement of an intention ("planned to buy a supercomputer
    worth three billion yen", "agreed to supply oil")."""
    objects = [t for o in pred.objects for t in o.subtree]
    comp = pred.complement
    if comp is not None:
        objects.extend(t for o in comp.children if o.dep_ in ("dobj", "attr")
                       for t in o.subtree)
    return _about_markets(objects)


def figure_objects(pred: Predicate) -> bool:
    """Whether the predicate's object is a figure or a market thing ("hit 60 billion dlrs",
    "dominated gold trading", "favour the New York and London markets")."""
    words = market_words(FIGURE_KINDS)
    return any(_figure(o, words) for o in pred.objects)


def _figure(token: Token, words: frozenset[str]) -> bool:
    of = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
          for o in p.children if o.dep_ == "pobj"]
    if token.ent_type_ in AMOUNT_ENTS or token.ent_type_ == "CARDINAL":
        # "thousands of refugees", "25,000 tons of food aid": what is counted decides
        return all(_figure(o, words) for o in of) if of else True
    return noun_lemma(token) in words


def market_subject(pred: Predicate) -> bool:
    """Whether a reported clause is about a market thing ("said the dollar has risen")."""
    comp = pred.complement
    if comp is None:
        return False
    words = market_words(FIGURE_KINDS)
    return any(c.dep_ in ("nsubj", "nsubjpass") and noun_lemma(c) in words for c in comp.children)


#: market words that still name a party's trade when a policy targets them ("a duty on U.S.
#: corn imports", "tariffs on Japanese exports"): such a target stands for its country.
TRADE_POLICY_WORDS = frozenset({"export", "import", "sale", "tax", "budget", "deficit", "surplus",
                                "investment"})


def market_thing(token: Token) -> bool:
    """Whether a target head is a market thing, not a party ("the Soviet market", "the price")."""
    lemma = noun_lemma(token)
    return lemma in market_words(FIGURE_KINDS) and lemma not in TRADE_POLICY_WORDS


#: market words that are not finance: what governments negotiate over ("agreed to cut output",
#: "threatened to curb exports") stays an event.
POLICY_WORDS = TRADE_POLICY_WORDS | {"output", "production", "economy", "growth"}


def finance_topic(pred: Predicate) -> bool:
    """Whether what a wish, intention or threat is about is prices, currencies or markets.

    "hopes the agreement will hold the yen stable", "wanted the communique to imply a higher
    value for the dollar", "plans an official stock exchange": the complement clause (else the
    objects) names a market or company word that is not a policy matter (output, exports,
    taxes and budgets are; see :data:`POLICY_WORDS`).
    """
    words = market_words(FIGURE_KINDS) - POLICY_WORDS - AMOUNT_WORDS
    return any(_finance_word(t, words) for t in _wished(pred))


#: market words that only count an amount ("300 mln dlrs"): an amount is no topic.
AMOUNT_WORDS = frozenset({"mln", "billion", "dlr", "dlrs", "pct", "percent"})
#: clauses that comment on a wish rather than state it ("..., opening the way for shipments
#: that could reach 300 mln dlrs").
ASIDE_DEPS = frozenset({"advcl", "relcl", "acl", "npadvmod", "conj", "cc", "punct"})


def _wished(pred: Predicate) -> list[Token]:
    """The tokens of what a wish, intention or threat is about: its objects and complement
    clause, without the subject and without side clauses."""
    out: list[Token] = []
    stack = [c for c in pred.head.children if c.dep_ not in ASIDE_DEPS | OUTSIDE_DEPS]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ASIDE_DEPS)
    return out


#: dependents of a wish that are not what is wished: who wishes, and the verb's own marks.
OUTSIDE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "mark", "neg", "advmod",
                          "expl"})


#: what makes a market a policy matter: "restrictions on its labour market", "the common market".
POLICY_MARKETS = frozenset({"labour", "labor", "job", "single", "common"})


def _finance_word(token: Token, words: frozenset[str]) -> bool:
    """A finance noun, not an amount ("70 million dollars of aid") nor a policy market."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in AMOUNT_ENTS | {"CARDINAL"}:
        return False
    if token.lemma_.lower() not in words and token.lower_ not in words:
        return False
    before = token.doc[token.i - 1].lower_ if token.i else ""
    return before not in POLICY_MARKETS and not any(
        c.lower_ in POLICY_MARKETS for c in token.children if c.dep_ in ("compound", "amod"))
