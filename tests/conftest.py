"""Shared fixtures: the real spaCy model, loaded once per test session, and the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SEED = SHARED / "seed" / "000_d06ffc9ac9d1c36e.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (reference data, seed article, gold)."""
    assert SHARED.is_dir(), f"{SHARED} is missing: tests read reference data from ../shared"
    return SHARED


@pytest.fixture(scope="session")
def bare_nlp():
    """The spaCy model alone (no newsevents components), with the Doc extensions registered."""
    from newsevents.extract.components import load_pipeline

    return load_pipeline(())


@pytest.fixture(scope="session")
def nlp():
    """The full newsevents pipeline."""
    from newsevents.extract.components import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def parse(bare_nlp):
    """parse(text, published="2025-07-22") -> a Doc from the bare model, carrying its date."""

    def run(text: str, published: str = "2025-07-22"):
        from newsevents.nlp import make_docs

        (doc,) = make_docs(bare_nlp, [Article("t", published, "", text)])
        return bare_nlp(doc)

    return run
