"""RSS and Atom files through feedparser: one Article per entry.

Text is the entry's full content when present, else its summary, with HTML tags stripped
(block elements become line breaks). The date is ``published``, else ``updated``, read from
the raw string so that the local wall time is kept (as for the other formats), falling back
to feedparser's parsed (UTC) time. The entry's ``id``/``guid`` is the article id when given.

Hostile XML: a document that declares entities in its DOCTYPE (billion laughs, external
entities) is rejected as ``hostile_xml`` before any parser sees it. feedparser itself does not
expand such entities either (its loose fallback parser leaves them as text), but a declared
entity has no business in a news feed, and refusing it keeps the reader safe whatever XML
parser runs underneath.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..records import Article, Reject
from .common import IdTracker, make_article, reject
from .opening import load_bytes

ENTITY_DECLARATION = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.I | re.S)
ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
SKIPPED = {"script", "style"}
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def read_rss(path: str | Path) -> Iterator[Article | Reject]:
    """Read an RSS 0.9x/1.0/2.0 or Atom file.

    Args:
        path: an ``.xml``/``.rss``/``.atom`` file (optionally gzipped).

    Yields:
        An Article or a Reject (location "item N") per entry; a file-level Reject if the
        file is hostile or holds no entries.
    """
    import feedparser  # imported when a feed is read

    data, problem = load_bytes(path)
    if problem is not None:
        yield problem
        return
    if ENTITY_DECLARATION.search(data[:65536]):
        detail = "the XML declares entities in its DOCTYPE (entity expansion attack); remove the DOCTYPE"
        yield reject(path, "", "hostile_xml", detail)
        return
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        cause = f" ({feed.get('bozo_exception')})" if feed.get("bozo") else ""
        detail = f"no RSS/Atom entries found{cause}; check that the file is an RSS or Atom feed"
        yield reject(path, "", "no_records" if not cause else "bad_xml", detail)
        return
    tracker = IdTracker()
    for number, entry in enumerate(feed.entries, start=1):
        location = f"item {number}"
        yield tracker.check(path, location, entry_to_article(path, location, entry))


def entry_to_article(path: str | Path, location: str, entry: Any) -> Article | Reject:
    """Build the Article of one feedparser entry (see the module docstring)."""
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    text = html_to_text(html or "")
    if not text:
        detail = "the entry has no content or summary; the feed gives titles only, read the pages instead"
        return reject(path, location, "no_body", detail)
    published = entry_date(entry)
    if published is None:
        detail = "the entry has no <pubDate>/<published>/<updated>; add one or give the item as JSON Lines"
        return reject(path, location, "no_date", detail)
    link = entry.get("link") or ""
    return make_article(
        path,
        location,
        published=published,
        title=html_to_text(entry.get("title", "")),
        text=text,
        id=entry.get("id") or None,
        url=link if link.startswith(("http://", "https://")) else None,
        language=(entry.get("language") or "en")[:2],
    )


def entry_date(entry: Any) -> str | None:
    """Return the entry's date as text for :func:`make_article` to check, or None if absent."""
    for key in ("published", "updated"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        if ISO_START.match(raw):
            return raw  # RFC 3339 (Atom): make_article keeps the local wall time
        try:
            return email.utils.parsedate_to_datetime(raw).replace(tzinfo=None).isoformat(timespec="seconds")
        except (TypeError, ValueError, IndexError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:  # feedparser's reading of an odd format, in UTC
            return dt.datetime(*parsed[:6]).isoformat(timespec="seconds")
        return raw  # unreadable: make_article rejects it as bad_date, quoting the value
    return None


def html_to_text(html: str) -> str:
    """Strip tags from an HTML fragment, keeping block boundaries as line breaks."""
    parser = _TextCollector()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was collected
        pass
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipping += tag in SKIPPED
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in SKIPPED and self.skipping > 0
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

