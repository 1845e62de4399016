"""newsevents: dated news articles to political event data, with evidence."""

from .records import (
    Actor,
    Article,
    ArticleRecord,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Reject,
    Timex,
    Tone,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "ArticleRecord",
    "Entity",
    "Event",
    "Mention",
    "Place",
    "Quote",
    "Reject",
    "Timex",
    "Tone",
]
