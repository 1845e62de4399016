"""Analytics over a store: dyad series, actor profiles, event and quote search, article view,
and their charts (:mod:`.plot`)."""

from .queries import (
    PERIODS,
    QUAD_CLASSES,
    ActorProfile,
    DyadPoint,
    EventHit,
    EventPage,
    QuoteHit,
    QuotePage,
    actor_profile,
    article_view,
    dyad_series,
    find_actors,
    search_events,
    search_quotes,
    sentence_context,
)

__all__ = ["PERIODS", "QUAD_CLASSES", "ActorProfile", "DyadPoint", "EventHit", "EventPage",
           "QuoteHit", "QuotePage", "actor_profile", "article_view", "dyad_series", "find_actors",
           "search_events", "search_quotes", "sentence_context"]
