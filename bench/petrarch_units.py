"""The PETRARCH unit-test records as a regression suite (read from ../shared, MIT).

``PETR.UnitTest.records.xml`` (openeventdata/petrarch2) holds 284 stylised sentences with
fictional actors ("Arnor", "Gondor") and the events PETRARCH codes for them with the small
``PETR.Validate.*`` dictionaries named in its ``<Environment>`` block. We code the sentences'
text with our own pipeline (spaCy parse; the records' Penn-Treebank ``<Parse>`` trees are
ignored) inside :func:`newsevents.extract.dictionaries.swapped_dictionaries`, so that only the
validation dictionaries code actors and verbs.

A record passes when the set of our asserted events' (source code, target code, CAMEO code)
equals the expected set (``noevents`` and discard records expect none; a missing target reads
``---``, and an actor with a sector but no country, coded ``GOV`` by us, reads ``---GOV`` as
PETRARCH writes it); it passes leniently when (source, target, root) sets are equal. PETRARCH
codes future and negated statements too; the ``any modality`` rate counts all our events.
Records that test PETRARCH's input checks on the parse tree or dateline
(``error="bad_input_parse"`` / ``"dateline"``) do not apply to us and are left out.
"""

from __future__ import annotations

import collections
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FOLDER = SHARED / "data" / "petrarch2"
RECORDS = FOLDER / "PETR.UnitTest.records.xml"
#: error kinds about PETRARCH's own input (parse trees, datelines): not applicable to us.
NOT_APPLICABLE = frozenset({"bad_input_parse", "dateline"})
STAGES = ("newsevents_actors_v1", "newsevents_timex_v1", "newsevents_quotes_v1")

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class UnitRecord:
    """One unit-test sentence and the events PETRARCH codes for it."""

    id: str
    category: str
    date: str  # ISO
    text: str
    expected: frozenset[Triple]  # (source, target, code); empty: no event


@dataclass(frozen=True)
class Outcome:
    """Our coding of one record."""

    record: UnitRecord
    got: frozenset[Triple]  # asserted events
    got_all: frozenset[Triple] = frozenset()  # events of any modality

    @property
    def passed(self) -> bool:
        """Exact: the same (source, target, code) set."""
        return self.got == self.record.expected

    @property
    def lenient(self) -> bool:
        """Lenient: the same (source, target, root) set."""
        return _roots(self.got) == _roots(self.record.expected)

    @property
    def any_modality(self) -> bool:
        """Exact, counting our future, negated and hypothetical events too."""
        return self.got_all == self.record.expected


def _roots(triples: frozenset[Triple]) -> frozenset[Triple]:
    return frozenset((s, t, c[:2]) for s, t, c in triples)


def environment(path: Path = RECORDS) -> dict[str, Path]:
    """The dictionary files the records name (``verbs``, ``actors``, ``agents``, ``discards``)."""
    env = ET.parse(path).getroot().find("Environment")
    if env is None:
        raise ValueError(f"{path}: no <Environment> block naming the dictionaries")
    names = {"Verbfile": "verbs", "Actorfile": "actors", "Agentfile": "agents",
             "Discardfile": "discards"}
    return {key: path.parent / (env.findtext(tag) or "").strip() for tag, key in names.items()}


def read_records(path: Path = RECORDS) -> list[UnitRecord]:
    """The applicable unit-test records, in file order."""
    out = []
    for sentence in ET.parse(path).getroot().iter("Sentence"):
        codings = sentence.findall("EventCoding")
        if any(c.get("error") in NOT_APPLICABLE for c in codings):
            continue
        expected = frozenset(
            (c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
            for c in codings if c.get("eventcode"))
        day = sentence.get("date", "")
        out.append(UnitRecord(sentence.get("id", ""), sentence.get("category", ""),
                              f"{day[:4]}-{day[4:6]}-{day[6:8]}",
                              " ".join((sentence.findtext("Text") or "").split()), expected))
    return out


def _code(mention) -> str:
    if mention is None or mention.actor is None:
        return "---"
    actor = mention.actor
    if actor.country is None and actor.org is None and actor.sector == actor.code[:3]:
        return "---" + actor.code  # a sector alone: "a senior official" -> ---GOV
    return str(actor.code)


def run_records(records: list[UnitRecord], path: Path = RECORDS) -> list[Outcome]:
    """Code every record's text with the validation dictionaries swapped in."""
    from newsevents.extract.components import load_pipeline
    from newsevents.extract.dictionaries import swapped_dictionaries
    from newsevents.extract.events.extract import extract_events
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    nlp = load_pipeline(STAGES)
    env = environment(path)
    articles = [Article(r.id, r.date, "", r.text) for r in records]
    outcomes = []
    with swapped_dictionaries(env["actors"], env["agents"], env["verbs"], env["discards"]):
        for record, doc in zip(records, nlp.pipe(make_docs(nlp, articles))):
            events = extract_events(doc, record.date, doc._.entities, doc._.timexes,
                                    doc._.quotes, [], require_target=False)
            triples = [((_code(e.source), _code(e.target), e.cameo), e.modality) for e in events]
            outcomes.append(Outcome(record, frozenset(t for t, m in triples if m == "asserted"),
                                    frozenset(t for t, _ in triples)))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, tuple[int, int, int, int]]:
    """Category -> (records, exact, lenient, any-modality passes); ``ALL`` for the whole suite."""
    table: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0])
    for outcome in outcomes:
        for key in ("ALL", outcome.record.category):
            row = table[key]
            row[0] += 1
            row[1] += outcome.passed
            row[2] += outcome.lenient
            row[3] += outcome.any_modality
    return {k: (v[0], v[1], v[2], v[3]) for k, v in table.items()}
