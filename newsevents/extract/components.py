"""The newsevents spaCy pipeline: the English model plus one component per extraction stage.

Each stage is a spaCy component registered through ``Language.factory`` (versioned names such
as ``newsevents_actors_v1``: spaCy forbids dots in factory names) with ``requires``/``assigns``,
so a pipeline built in the wrong order fails when it is built. The components are thin: each
calls a plain extraction function on the finished annotations and stores the records on a
``Doc`` extension. Nothing here runs at import time: :func:`load_pipeline` registers the
factories and loads the model, once per process.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import Any

from .. import attribute_rules, lemmas
from ..errors import ConfigError
from ..nlp import load_model, register_extensions, split_glued_quotes
from .actors.entities import extract_entities
from .actors.graph import ActorGraph
from .compiled import paused_gc
from .events.extract import extract_events
from .places import extract_places
from .quotes.extract import extract_quotes
from .timex.extract import extract_timexes
from .tone import extract_tone


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
        return _stage_component("entities", extract_entities)

    @Language.factory("newsevents_actor_graph_v1", requires=["doc._.entities"],
                      assigns=["doc._.actor_graph"])
    def make_actor_graph(nlp: Any, name: str) -> Callable[[Any], Any]:
        return _stage_component("actor_graph", lambda doc: ActorGraph(doc, doc._.entities))

    @Language.factory(
        "newsevents_timex_v1",
        requires=["token.dep", "token.morph"],
        assigns=["doc._.timexes"],
    )
    def make_timex(nlp: Any, name: str) -> Callable[[Any], Any]:
        return _stage_component("timexes", lambda doc: extract_timexes(doc, _published(doc)))

    @Language.factory(
        "newsevents_quotes_v1", requires=["doc._.entities", "doc._.actor_graph"],
        assigns=["doc._.quotes"]
    )
    def make_quotes(nlp: Any, name: str) -> Callable[[Any], Any]:
        return _stage_component("quotes", lambda doc: extract_quotes(doc, doc._.entities,
                                                                     doc._.actor_graph))

    @Language.factory(
        "newsevents_places_v1", requires=["doc._.entities"], assigns=["doc._.places"]
    )
    def make_places(nlp: Any, name: str) -> Callable[[Any], Any]:
        return _stage_component("places", lambda doc: extract_places(doc, doc._.entities))

    @Language.factory("newsevents_tone_v1", assigns=["doc._.tone"])
    def make_tone(nlp: Any, name: str) -> Callable[[Any], Any]:
        return _stage_component("tone", extract_tone)

    @Language.factory(
        "newsevents_events_v1",
        requires=["doc._.entities", "doc._.actor_graph", "doc._.timexes", "doc._.quotes",
                  "doc._.places"],
        assigns=["doc._.events"],
    )
    def make_events(nlp: Any, name: str) -> Callable[[Any], Any]:
        def run(doc: Any) -> Any:
            return extract_events(
                doc, _published(doc), doc._.entities, doc._.timexes, doc._.quotes, doc._.places,
                graph=doc._.actor_graph,
            )

        return _stage_component("events", run)


#: Component names in the order they are added after the model's own components.
COMPONENTS = (
    "newsevents_actors_v1",
    "newsevents_actor_graph_v1",
    "newsevents_timex_v1",
    "newsevents_quotes_v1",
    "newsevents_places_v1",
    "newsevents_tone_v1",
    "newsevents_events_v1",
)


@functools.cache
def load_pipeline(components: tuple[str, ...] = COMPONENTS) -> Any:
    """Load the English model once per process and add newsevents' components.

    The collector is paused while the model loads and the model's objects are then frozen
    (``gc.freeze``): they live as long as the process, and walking them in every full
    collection, and once more at exit, would cost more than loading them.

    Args:
        components: the newsevents components to add, in order (default: all).

    Returns:
        The ``spacy.Language`` pipeline.
    """
    with paused_gc():
        register_extensions()
        _register_factories()
        nlp = load_model()
        gc.disable()  # spaCy's msgpack loader (srsly) turns the collector back on
        attribute_rules.speed_up(nlp)  # the model's attribute ruler and rule lemmatizer: the
        lemmas.speed_up(nlp)  # same annotation, from arrays
        split_glued_quotes(nlp)
        for name in components:
            nlp.add_pipe(name)
        gc.freeze()  # the model lives as long as the process: keep it out of later collections
    return nlp
