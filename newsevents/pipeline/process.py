"""Coding articles: a batch of Articles through the newsevents spaCy pipeline to ArticleRecords.

The one function every executor runs (:mod:`newsevents.pipeline.executors`), in this process,
a process pool or on Dask workers; the model is loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..nlp import make_docs
from ..records import Article, ArticleRecord

#: Articles per spaCy ``nlp.pipe`` batch and per store transaction.
BATCH_SIZE = 64
#: Characters of text per ``nlp.pipe`` batch at most. The tagger's and parser's working arrays
#: grow with the tokens of a batch, so a batch that happens to gather several long stories set
#: the process's peak memory, and the more batches a run made the higher that peak went.
BATCH_CHARS = 100_000

def process(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> Iterator[ArticleRecord]:
    """Run the full newsevents pipeline over articles, in order.

    Args:
        articles: the articles (consumed lazily).
        batch_size: texts per ``nlp.pipe`` batch at most (and :data:`BATCH_CHARS` characters).

    Yields:
        One ArticleRecord per article, with entities, timexes, quotes, places, tone and events.
    """
    from ..extract.components import load_pipeline  # spaCy: imported only where articles are coded

    nlp = load_pipeline()
    for batch in batches(articles, batch_size, BATCH_CHARS):
        for article, doc in zip(batch, nlp.pipe(make_docs(nlp, batch), batch_size=len(batch))):
            yield record_of(article, doc)


def record_of(article: Article, doc: Any) -> ArticleRecord:
    """The ArticleRecord of an article from its Doc after the newsevents components ran."""
    return ArticleRecord(
        article=article,
        entities=doc._.entities or [],
        timexes=doc._.timexes or [],
        quotes=doc._.quotes or [],
        places=doc._.places or [],
        events=doc._.events or [],
        tone=doc._.tone,
    )


def batches(articles: Iterable[Article], size: int, chars: int) -> Iterator[list[Article]]:
    """Consecutive batches of at most ``size`` articles and ``chars`` characters of text (an
    article longer than ``chars`` goes alone)."""
    batch: list[Article] = []
    total = 0
    for article in articles:
        if batch and (len(batch) >= size or total + len(article.text) > chars):
            yield batch
            batch, total = [], 0
        batch.append(article)
        total += len(article.text)
    if batch:
        yield batch
