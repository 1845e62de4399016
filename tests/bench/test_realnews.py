"""The real-news set and its scorer: the committed gold loads and checks clean, gold scored
against itself is perfect, and the matching rule counts what issue 13 says it counts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _bench(name: str):
    """A module of bench/ (bench/ is not a package; its modules import each other by name)."""
    if str(REPO / "bench") not in sys.path:
        sys.path.insert(0, str(REPO / "bench"))
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def realnews():
    return _bench("realnews")


@pytest.fixture(scope="module")
def score():
    return _bench("realnews_score")


@pytest.fixture(scope="module")
def loaded(realnews):
    return realnews.load_set("all")


def test_realnews_set_is_complete_and_checks_clean(realnews, loaded):
    assert len(loaded) == 276
    assert sum(len(g["events"]) for _, g in loaded) >= 800
    splits = {r["id"]: r["split"] for r in realnews.set_articles()}
    assert sum(splits[a.id] == "test" for a, _ in loaded) >= 60
    problems = {a.id: realnews.check_annotation(g, a) for a, g in loaded}
    assert {k: v for k, v in problems.items() if v} == {}


def test_realnews_set_has_no_reserved_article(realnews):
    ids = {r["id"] for r in realnews.set_articles()}
    assert not ids & realnews.reserved_ids()


def test_realnews_reuters_text_round_trips_through_offsets(realnews, loaded):
    article, gold = next((a, g) for a, g in loaded if a.id.startswith("reuters-") and g["events"])
    stored = realnews.to_offsets(gold, article.text)
    assert not any(isinstance(e["evidence"], str) for e in stored["events"])
    assert realnews.from_offsets(stored, article.text) == gold


def test_realnews_gold_scored_against_itself_is_perfect(score, loaded):
    result = score.EventScore()
    for article, gold in loaded:
        items = score.gold_items(gold, article.text)
        result.add(article.id, items, items)
    assert (result.precision, result.recall, result.spurious) == (1.0, 1.0, 0)


def _item(score, root, source, target, span=(0, 10), cameo=None):
    return score.Item(root, source, target, span, cameo=cameo or root + "0")


@pytest.mark.parametrize("gold, predicted, matched, spurious, miscoded", [
    ([("11", "USA", "IRN")], [("11", "USA", "IRN")], 1, 0, 0),
    ([("11", "USA", "IRN")], [("12", "USA", "IRN")], 0, 0, 1),        # wrong root, same clause
    ([("11", "USA", "IRN")], [("11", "IRN", "USA")], 0, 0, 1),        # direction matters ...
    ([("04", "USA", "IRN")], [("04", "IRN", "USA")], 1, 0, 0),        # ... except reciprocal 040
    ([("01", "USA", None)], [("01", "USA", "IRN")], 0, 0, 1),         # null target only matches null
    ([("19", "IRQ", "IRN")], [("19", "IRQ", "IRN"), ("19", "IRQ", "IRN")], 1, 0, 1),  # one-to-one
])
def test_realnews_event_matching_rule(score, gold, predicted, matched, spurious, miscoded):
    result = score.EventScore()
    result.add("a", [_item(score, *g) for g in gold], [_item(score, *p) for p in predicted])
    assert (result.matched, result.spurious, result.miscoded) == (matched, spurious, miscoded)


def test_realnews_prediction_elsewhere_in_the_article_is_spurious(score):
    result = score.EventScore()
    result.add("a", [_item(score, "11", "USA", "IRN", (0, 10))],
               [_item(score, "11", "USA", "IRQ", (50, 60))])
    assert (result.spurious, result.miscoded) == (1, 0)


@pytest.mark.parametrize("code, key", [
    ("UKRGOV", "UKR"), ("NATO", "NATO"), ("IGOWSTNAT", "NATO"), ("EC", "EU"), ("WST", "WST"),
    ("---BUS", "---"), ("USRGOV", "USR"), ("IMGMUSALQ", "IMG"),
])
def test_realnews_actor_keys(score, code, key):
    assert score.gold_key(code) == key
