"""Quotation marks: pair straight and curly, double and single marks into top-level quotes.

Used by the quotes stage (direct quotations) and by coreference (mentions inside quotation marks
are not antecedents). One regex scan over the text per document, cached on the ``Doc``.
"""

from __future__ import annotations

import re
from typing import Any

from ..nlp import text_of

_MARKS = re.compile(r"[\"“”‘’']")


def quoted_ranges(doc: Any) -> list[tuple[int, int]]:
    """Character ranges of top-level quotations, marks included (cached on the doc)."""
    key = ("newsevents", "quoted_ranges")
    if key not in doc.user_data:
        doc.user_data[key] = pair_quotes(text_of(doc))
    return doc.user_data[key]  # type: ignore[no-any-return]


def pair_quotes(text: str) -> list[tuple[int, int]]:
    """Pair quotation marks: ``(start, end)`` of each top-level quote, marks included.

    A quote left open at a paragraph end continues when the next paragraph opens with a mark
    (the news convention for multi-paragraph quotes); otherwise it is dropped.
    """
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    family = ""
    for match in _MARKS.finditer(text):
        i, mark = match.start(), match.group()
        kind = "d" if mark in "\"“”" else "s"
        if open_at is None:
            if _opens(text, i, mark):
                open_at, family = i, kind
            continue
        if kind != family and family == "s" and "\n" in text[open_at:i]:
            open_at = None  # "bin 'Attash.\n\n...": a single mark never closed in its paragraph
            if _opens(text, i, mark):  # is an apostrophe; pair the marks after it afresh
                open_at, family = i, kind
            continue
        if kind != family:
            continue  # nested quote of the other family
        if "\n" in text[open_at:i] and _opens(text, i, mark) and _para_start(text, i):
            continue  # continuation of a multi-paragraph quote
        if "\n" in text[open_at:i] and not _para_start(text, i) and _opens(text, i, mark):
            open_at = i  # the earlier mark was never closed: start again here
            continue
        if _closes(text, i, mark):
            ranges.append((open_at, i + 1))
            open_at = None
    return ranges


def _opens(text: str, i: int, mark: str) -> bool:
    if mark in "”’":
        return False
    after = text[i + 1 : i + 2]
    before = text[i - 1 : i] if i else " "
    if not after or after.isspace():
        return False
    if mark == "'":
        return (before.isspace() or before in "([{—–-\"“") and after.isalnum()
    return True


def _closes(text: str, i: int, mark: str) -> bool:
    if mark in "“‘":
        return False
    before = text[i - 1 : i]
    after = text[i + 1 : i + 2]
    if mark in "'’":
        return not before.isspace() and not after.isalpha()
    return True


def _para_start(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip()
