"""HTML pages: main text, title and date through trafilatura (its date through htmldate).

The date is taken only from the page's markup (``<meta property="article:published_time">``,
JSON-LD, ``<time>``, the URL ...), never guessed from the running text
(``extensive_search=False``): a wrong date is worse than a reject. A page without one is
rejected as ``no_date``; a page without main text as ``no_body``. A leading line equal to the
title (the page's ``<h1>``) is removed from the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..records import Article, Reject
from .common import decode, make_article, reject
from .opening import load_bytes

DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
NO_DATE_FIX = (
    "the page has no publication date in its markup; give the date in a JSON Lines wrapper "
    "({\"published\": ..., \"text\": ...}) or add <meta property='article:published_time' content='2025-07-22'>"
)


def read_html(path: str | Path) -> Iterator[Article | Reject]:
    """Read one HTML page.

    Args:
        path: an ``.html``/``.htm`` file (optionally gzipped).

    Yields:
        One Article, or one Reject (``no_date``, ``no_body``, ``empty_file`` ...).
    """
    data, problem = load_bytes(path)
    if problem is not None:
        yield problem
        return
    yield parse_html(path, data)


def parse_html(path: str | Path, data: bytes) -> Article | Reject:
    """Extract the Article of one page's bytes (see the module docstring)."""
    import trafilatura  # heavy import, only when HTML is read

    text, clean = decode(data)
    page: str | bytes = text if clean else data  # let trafilatura sniff a declared charset
    try:
        doc = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
        )
    except Exception as exc:  # noqa: BLE001 - a parser failure on hostile input is a reject
        return reject(path, "", "no_body", f"the page cannot be parsed ({type(exc).__name__}); check it is HTML")
    body = (getattr(doc, "text", None) or "").strip()
    title = (getattr(doc, "title", None) or "").strip()
    if not body:
        detail = "no article text found in the page; give the text in a JSON Lines file instead"
        return reject(path, "", "no_body", detail)
    date = getattr(doc, "date", None)
    if not date:
        return reject(path, "", "no_date", NO_DATE_FIX)
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():
        body = rest.strip()
    url = getattr(doc, "url", None)
    source = getattr(doc, "sitename", None)
    language = getattr(doc, "language", None)
    return make_article(path, "", published=date, title=title, text=body, url=url, source=source, language=language)
