"""Start-up helpers of the compiled-table cache: tables in shards, regex engine code cached."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from newsevents.extract import compiled
from newsevents.extract.timex import rules
from newsevents.extract.timex.guard import compile_guarded

NAMES = {"kyiv": (("703448", True),), "kiev": (("703448", False),), "paris": (("2988507", True),),
         "k": (), "": (("1", True),), "pa": (("2", False),)}


def test_sharded_index_answers_as_its_dict() -> None:
    index = compiled.ShardedIndex(NAMES)
    loaded = pickle.loads(pickle.dumps(index))
    for table in (index, loaded, pickle.loads(pickle.dumps(loaded))):
        assert len(table) == len(NAMES) and table == NAMES and dict(table) == NAMES
        for key, value in NAMES.items():
            assert table[key] == value and table.get(key) == value and key in table
        assert table.get("london") is None and table.get("london", ()) == () and "london" not in table
        with pytest.raises(KeyError):
            table["london"]


def test_sharded_index_loads_only_the_shards_looked_up() -> None:
    loaded = pickle.loads(pickle.dumps(compiled.ShardedIndex(NAMES)))
    assert loaded.get("kyiv") == NAMES["kyiv"] and loaded.get("kx") is None
    assert set(loaded._shards) == {"ky", "kx"} and "pa" in loaded._blobs
    again = pickle.loads(pickle.dumps(loaded))  # a partly loaded index pickles whole
    assert again == NAMES


def test_sharded_index_with_another_shard_function() -> None:
    cities = {"703448": {"name": "Kyiv"}, "2988507": {"name": "Paris"}}
    index = pickle.loads(pickle.dumps(compiled.ShardedIndex(cities, shard=len)))  # type: ignore[arg-type]
    assert index["703448"] == {"name": "Kyiv"} and index == cities


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("NEWSEVENTS_NO_CACHE", raising=False)
    return tmp_path


SPECS = [(r"\b(?P<n>\d+)\s+(?P<u>days?)", re.I), (r"(?:last|next)\s+week", 0), (r"(?-i:ET)\b", re.I)]


def test_compiled_regexes_equal_compiled_patterns(cache: Path) -> None:
    expected = [compile_guarded(*spec) for spec in SPECS]
    built = compiled.compiled_regexes("test.rx", SPECS, compile_guarded)
    loaded = compiled.compiled_regexes("test.rx", SPECS, compile_guarded)
    assert list(cache.rglob("test.rx.pickle"))
    assert built == loaded == expected
    assert [p.groupindex for p in loaded] == [p.groupindex for p in expected]
    text = "Within 30 days, next  week at 9 ET; 2 DAYS"
    assert [m.groupdict() for m in loaded[0].finditer(text)] == [{"n": "30", "u": "days"}, {"n": "2", "u": "DAYS"}]


def test_compiled_regexes_fall_back_to_compiling(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled.compiled_regexes("test.rx", SPECS)
    monkeypatch.setattr(compiled, "_engine", lambda: ("another Python", 0))  # stored by another engine
    assert compiled.compiled_regexes("test.rx", SPECS) == [re.compile(*spec) for spec in SPECS]
    monkeypatch.undo()
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(cache))
    other = [*SPECS[:2], (r"\d+", 0)]  # other patterns under the same name
    assert compiled.compiled_regexes("test.rx", other) == [re.compile(*spec) for spec in other]
    monkeypatch.setenv("NEWSEVENTS_NO_CACHE", "1")
    assert compiled.compiled_regexes("test.rx2", SPECS) == [re.compile(*spec) for spec in SPECS]
    assert not list(cache.rglob("test.rx2.pickle"))


def test_timex_rules_from_the_cache_equal_compiled_rules(cache: Path) -> None:
    rules._scan_rules.cache_clear()
    try:
        cached = rules._scan_rules()
        rules._scan_rules.cache_clear()
        again = rules._scan_rules()
    finally:
        rules._scan_rules.cache_clear()
    assert list(cache.rglob("timex.rules.scan.pickle"))
    for (name, rx, _), first, second in zip(rules._table(), cached, again):
        assert first[0] == second[0] == name
        assert first[1] == second[1] == compile_guarded(rx, 0 if first[3] else re.I)
