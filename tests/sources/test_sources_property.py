"""Property tests: no input makes a reader raise; every outcome is an Article or a Reject with a
known reason and a sentence of detail. Arbitrary bytes, truncations (plain and gzipped) of the
bad-input corpus, and mutated bytes of it."""

from __future__ import annotations

import gzip
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.records import Article, Reject
from newsevents.sources import (
    REASONS,
    read_csv,
    read_html,
    read_jsonl,
    read_paths,
    read_reuters,
    read_rss,
    read_seed,
)

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CORPUS = sorted(p for p in BAD.iterdir() if p.suffix not in (".py", ".tsv") and p.is_file())
READERS = {
    ".txt": read_seed,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".html": read_html,
    ".xml": read_rss,
    ".sgm": read_reuters,
}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$")
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(items) -> None:
    for item in items:
        if isinstance(item, Reject):
            assert item.reason in REASONS and len(item.detail) > 20
        else:
            assert isinstance(item, Article)
            assert item.text.strip() and item.id and ISO.match(item.published)
            item.text.encode("utf-8")  # storable


def run(suffix: str, data: bytes, reader=None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"case{suffix}"
        path.write_bytes(data)
        check(reader(path) if reader else read_paths([path]))


@FAST
@given(suffix=st.sampled_from(sorted(READERS)), data=st.binary(max_size=2000))
def test_sources_property_arbitrary_bytes(suffix, data):
    run(suffix, data, READERS[suffix])


@FAST
@given(suffix=st.sampled_from(sorted(READERS)), text=st.text(max_size=500))
def test_sources_property_arbitrary_text(suffix, text):
    run(suffix, text.encode("utf-8", "surrogatepass"), READERS[suffix])


@FAST
@given(case=st.sampled_from(CORPUS), cut=st.floats(0, 1), packed=st.booleans())
def test_sources_property_truncations(case, cut, packed):
    data = case.read_bytes()
    if packed and not data.startswith(b"\x1f\x8b"):
        data = gzip.compress(data, mtime=0)
    data = data[: int(len(data) * cut)]
    run("".join(case.suffixes), data)


@FAST
@given(case=st.sampled_from(CORPUS), at=st.integers(0, 10_000), junk=st.binary(min_size=1, max_size=8))
def test_sources_property_mutations(case, at, junk):
    data = case.read_bytes()
    at %= max(len(data), 1)
    run("".join(case.suffixes), data[:at] + junk + data[at + len(junk) :])


@FAST
@given(lines=st.lists(st.dictionaries(st.sampled_from(["published", "text", "title", "id", "url", "date"]),
                                      st.one_of(st.none(), st.integers(), st.text(max_size=30),
                                                st.sampled_from(["2025-07-22", "1899-01-01", "2999-01-01"]))),
                      max_size=8))
def test_sources_property_jsonl_records(lines):
    import json

    run(".jsonl", "".join(json.dumps(x) + "\n" for x in lines).encode(), read_jsonl)
