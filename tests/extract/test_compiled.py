"""The on-disk cache of compiled tables: same extraction cached or not, never trusts a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.extract import compiled, dictionaries, places
from newsevents.extract.actors import cities, names
from newsevents.extract.events import cameo
from newsevents.records import Article

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "newsevents" / "data" / "examples" / "seed-2025-07-22-ukraine-nato.txt"

#: (module, cached loader, its builder): every table kept in the cache.
TABLES = [
    (dictionaries, "actor_dictionary", "_build_actor_dictionary"),
    (dictionaries, "agent_dictionary", "_build_agent_dictionary"),
    (names, "_people", "_build_people"),
    (cameo, "verb_dictionary", "_build_verb_dictionary"),
    (places, "gazetteer", "build_gazetteer"),
    (cities, "_city_keys", "_build_city_keys"),
    (cities, "_city_countries", "_build_city_countries"),
]

# Made-up dispatches (written for this test) reaching the gazetteer and the dictionaries.
ARTICLES = [
    Article("c1", "2025-03-04", "", "ABIDJAN, March 3 - Police imposed a curfew in Abidjan on Monday after "
            "clashes. The Paris Club said it would meet Ivorian officials in Geneva next week."),
    Article("c2", "2024-11-20", "", "The Kabul government accused Pakistan of shelling border villages near "
            "Jalalabad. President Robert G. Mugabe met Mr. Mitterand in Harare on Tuesday."),
]


def fresh() -> None:
    """Forget every compiled table in this process (the next use loads or builds it)."""
    dictionaries.clear_dictionary_caches()
    for module, loader, _ in TABLES:
        getattr(module, loader).cache_clear()


def coded(nlp, articles: list[Article]) -> list[dict]:
    from newsevents.nlp import make_docs
    from newsevents.pipeline.process import record_of

    fresh()
    docs = nlp.pipe(make_docs(nlp, articles))
    return [record_of(article, doc).to_dict() for article, doc in zip(articles, docs)]


def tables() -> list[object]:
    fresh()
    return [getattr(module, loader)() for module, loader, _ in TABLES]


def test_compiled_tables_equal_cached_or_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("NEWSEVENTS_NO_CACHE", "1")
    uncached = tables()
    monkeypatch.delenv("NEWSEVENTS_NO_CACHE")
    built = tables()  # empty cache: built from the files, then written
    written = {p.stem for p in tmp_path.rglob("*.pickle")}
    assert written == {f"{m.__name__.removeprefix('newsevents.extract.')}.{f}" for m, f, _ in TABLES}
    for module, _, builder in TABLES:  # now every table must come from the cache
        monkeypatch.setattr(module, builder, lambda: pytest.fail("built, not loaded"))
    loaded = tables()
    fresh()
    assert uncached == built == loaded


@pytest.mark.model
def test_compiled_cached_and_uncached_extraction_identical(nlp, shared: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.sources import read_paths

    stories = [a for a in read_paths([shared / "data" / "reuters-21578" / "reut2-000.sgm"])
               if isinstance(a, Article)][:3]
    articles = [*read_paths([EXAMPLE]), *ARTICLES, *stories]
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("NEWSEVENTS_NO_CACHE", "1")
    uncached = coded(nlp, articles)
    assert not list(tmp_path.rglob("*.pickle"))
    monkeypatch.delenv("NEWSEVENTS_NO_CACHE")
    built = coded(nlp, articles)
    assert {p.stem for p in tmp_path.rglob("*.pickle")} >= {
        "dictionaries.actor_dictionary", "actors.names._people", "places.gazetteer",
        "events.cameo.verb_dictionary", "actors.cities._city_keys"}
    for module, _, builder in TABLES:
        monkeypatch.setattr(module, builder, lambda: pytest.fail("built, not loaded"))
    loaded = coded(nlp, articles)
    fresh()
    assert uncached == built == loaded
    assert sum(len(r["events"]) for r in loaded) > 3 and sum(len(r["places"]) for r in loaded) > 3


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("NEWSEVENTS_NO_CACHE", raising=False)
    return tmp_path


class Builder:
    """A table builder that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[tuple[str, ...], list[str]]:
        self.calls += 1
        return {("KYIV",): ["UKR", "city"], ("NATO",): ["IGO"]}


def table_file(cache: Path) -> Path:
    (path,) = cache.rglob("test.table.pickle")
    return path


def test_compiled_builds_once_then_loads(cache: Path) -> None:
    build = Builder()
    first = compiled.compiled("test.table", build)
    again = compiled.compiled("test.table", build)
    assert first == again == build.__class__()() and build.calls == 1
    assert table_file(cache).parent.name == f"tables-{compiled.cache_key()}"


@pytest.mark.parametrize("damage", [
    lambda data: b"",                                       # empty
    lambda data: data[: len(data) // 2],                    # cut short
    lambda data: data[:-3] + bytes([data[-3] ^ 0xFF]) + data[-2:],  # a flipped payload byte
    lambda data: b"not a table at all" * 20,                # garbage
    lambda data: data.replace(compiled.cache_key().encode(), b"0" * 32),  # another key
    lambda data: data[:16] + b"\x09\x00" + data[18:],       # another format
])  # fmt: skip
def test_compiled_rebuilds_a_damaged_file(cache: Path, damage) -> None:
    build = Builder()
    expected = compiled.compiled("test.table", build)
    path = table_file(cache)
    path.write_bytes(damage(path.read_bytes()))
    assert compiled.compiled("test.table", build) == expected and build.calls == 2
    assert compiled.compiled("test.table", build) == expected and build.calls == 2  # rewritten


def test_compiled_off_with_environment_variable(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_NO_CACHE", "1")
    build = Builder()
    compiled.compiled("test.table", build)
    compiled.compiled("test.table", build)
    assert build.calls == 2 and not list(cache.rglob("*.pickle"))


def test_compiled_not_used_while_dictionaries_are_swapped(cache: Path) -> None:
    phoenix = REPO / "newsevents" / "data" / "phoenix"
    build = Builder()
    compiled.compiled("test.table", build)
    with dictionaries.swapped_dictionaries(phoenix / "Phoenix.International.actors.txt",
                                           phoenix / "Phoenix.agents.txt"):
        compiled.compiled("test.table", build)
        compiled.compiled("test.other", build)
    assert build.calls == 3 and not list(cache.rglob("test.other.pickle"))


def test_compiled_folder_not_writable_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("a file where the cache folder would be")
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path / "file"))
    build = Builder()
    assert compiled.compiled("test.table", build) == build.__class__()()


def test_compiled_keeps_shared_objects_shared(cache: Path) -> None:
    entries = {("KYIV",): ["UKR"], ("KIEV",): ["UKR"], ("NATO",): ["IGO"]}
    entries[("KIEV",)] = entries[("KYIV",)]
    compiled.compiled("test.table", lambda: {"kyiv": entries[("KYIV",)]}, refs=entries)
    loaded = compiled.compiled("test.table", lambda: pytest.fail("built, not loaded"), refs=entries)
    assert loaded["kyiv"] is entries[("KYIV",)]


def test_compiled_keeps_the_most_recent_key_folders(cache: Path) -> None:
    for i in range(5):
        (cache / f"tables-old{i}").mkdir()
    compiled.compiled("test.table", Builder())
    kept = sorted(p.name for p in cache.glob("tables-*"))
    assert len(kept) == compiled.KEEP_FOLDERS and f"tables-{compiled.cache_key()}" in kept


@pytest.mark.parametrize("env, expected", [
    ({"NEWSEVENTS_CACHE_DIR": "/x/nc"}, "/x/nc"),
    ({"XDG_CACHE_HOME": "/x/xdg"}, "/x/xdg/newsevents"),
    ({"HOME": "/x/home"}, "/x/home/.cache/newsevents"),
    ({"NEWSEVENTS_NO_CACHE": "1", "NEWSEVENTS_CACHE_DIR": "/x/nc"}, None),
])  # fmt: skip
def test_compiled_cache_dir(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str | None) -> None:
    for name in ("NEWSEVENTS_CACHE_DIR", "XDG_CACHE_HOME", "NEWSEVENTS_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    found = compiled.cache_dir()
    assert (str(found) if found else None) == expected


def test_compiled_table_that_cannot_be_pickled_is_not_stored(cache: Path) -> None:
    table = {"rule": lambda text: text.upper()}
    assert compiled.compiled("test.table", lambda: table) is table
    assert not list(cache.rglob("*.pickle")) and not list(cache.rglob("*.tmp"))
