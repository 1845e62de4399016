"""Business, not politics: companies and business people are no party to a political event.

A phrase names business when it holds a company's legal form or Reuters' ``<Name>`` markup
(:func:`corporate`), or its words are market, corporate or commodity vocabulary
(:func:`market_words`, ``data/event_market_words.tsv``). Used by the actor graph (a source or
target that is business is dropped) and by the events stage's market filter.
"""

from __future__ import annotations

import csv
import functools

from spacy.tokens import Span

from ...errors import ConfigError
from ...resources import data_path

MARKET_FILE = "event_market_words.tsv"
#: entity types that are amounts: a clause that states one reports figures.
AMOUNT_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
KINDS = frozenset({"market", "company", "goods"})
#: kinds whose words, as a verb's only object, make it a market metaphor ("hit a new high").
FIGURE_KINDS = frozenset({"market", "company"})


@functools.cache
def market_words(kinds: frozenset[str] = KINDS) -> frozenset[str]:
    """Lemmas of market, corporate and commodity vocabulary (of the given kinds)."""
    path = data_path(MARKET_FILE)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((r for r in handle if not r.startswith("#")), delimiter="\t"))
    for n, row in enumerate(rows, start=2):
        if row.get("kind") not in KINDS or not row.get("lemma"):
            raise ConfigError(f"{path} row {n}: need a lemma and a kind in {sorted(KINDS)}, "
                              f"got {row!r}; fix the row")
    return frozenset(r["lemma"].lower() for r in rows if r["kind"] in kinds)


#: words that end a company's name ("Toronto Dominion Bank Ltd", "<Kansai Airport Co>").
CORPORATE_WORDS = frozenset({"ltd", "inc", "corp", "co", "plc", "llc", "gmbh", "ag", "nv",
                             "bhd", "pty", "corporation", "incorporated", "limited", "s.a.",
                             "n.v.", "ltd.", "inc.", "corp.", "co.", "venture", "ventures"})
#: words in a person's title that make them business people ("president of the Brazilian
#: Association of Citrus Juice Industries", "director of the coffee institute").
TRADE_TITLE_WORDS = frozenset({"industry", "industries", "exporter", "exporters", "producer",
                               "producers", "company", "firm", "bank", "corporation"})


def corporate(span: Span) -> bool:
    """Whether a noun phrase names a company: a legal-form word, or Reuters' ``<Name>`` markup.

    A company is a business actor even when its name holds a country ("British Airport
    Services Ltd", "Bank of Fukuoka Ltd"); it is not a political party to an event.
    """
    return any(t.lower_ in CORPORATE_WORDS or t.text in ("<", ">") for t in span)
