"""A small hand-made store for the analytics, API and dashboard tests (no model needed).

Three articles: two Ukraine–NATO articles in June and July 2025 (one by the same outlet twice
over), one USA–Iran article in March 1987. Offsets are real offsets into each text.
``build(path, names=True)`` adds a fourth, whose actors have names outside ASCII (Erdoğan,
Lula da Silva) and a senator (whose title holds the letters NATO), for the name filters.
"""

from __future__ import annotations

from pathlib import Path

from newsevents.records import (
    Actor,
    Article,
    ArticleRecord,
    Entity,
    Event,
    Mention,
    Place,
    Plover,
    Quote,
    Span,
    Timex,
    Tone,
)
from newsevents.store.database import Store

UKRGOV = Actor("UKRGOV", "UKR", "GOV", None, "Volodymyr Zelensky")
NATO = Actor("IGOWSTNAT", None, None, "NATO", "NATO")
USA = Actor("USAGOV", "USA", "GOV", None, "Ronald Reagan")
IRN = Actor("IRN", "IRN", None, None, "Iran")
KYIV = Place(0, 0, "Kyiv", "Kyiv", "UKR", 50.45, 30.52, 703448, "city")

JUNE = (
    "Ukraine asked NATO for air defence on Monday. Zelensky said: \u201cWe need more systems now.\u201d\n"
    "NATO promised to send two batteries to Kyiv."
)
JULY = "NATO criticised Ukraine over the slow reforms. Officials met in Kyiv on July 3."
IRAN = "The United States accused Iran of attacking a tanker in the Gulf. Iran denied it."


def _span(text: str, part: str) -> tuple[int, int, str]:
    start = text.index(part)
    return start, start + len(part), part


def _event(text: str, eid: str, cameo: str, quad: int, gold: float, src: tuple[str, Actor],
           tgt: tuple[str, Actor], evidence: str, date: str, **kw: object) -> Event:
    s0, s1, st = _span(text, src[0])
    t0, t1, tt = _span(text, tgt[0])
    e0, e1, et = _span(text, evidence)
    return Event(id=eid, cameo=cameo, root=cameo[:2], quad_class=quad, goldstein=gold,
                 source=Mention(s0, s1, st, src[1]), target=Mention(t0, t1, tt, tgt[1]),
                 evidence=Span(e0, e1, et), sentence=0, date=date, date_precision="day",
                 date_basis="timex", plover=Plover("REQUEST" if cameo.startswith("02") else "AID"), **kw)


def _entity(text: str, part: str, label: str, actor: Actor | None) -> Entity:
    return Entity(*_span(text, part), label, actor, "test")


def records() -> list[ArticleRecord]:
    """The three test articles with their extractions."""
    june = Article("a1june", "2025-06-02", "Ukraine asks NATO for air defence", JUNE, "Example Wire", "https://example.org/1")
    q0, q1, qt = _span(JUNE, "\u201cWe need more systems now.\u201d")
    k0, k1, _ = _span(JUNE, "Kyiv")
    june_rec = ArticleRecord(
        june,
        entities=[_entity(JUNE, "Ukraine", "GPE", UKRGOV), _entity(JUNE, "NATO", "ORG", NATO),
                  _entity(JUNE, "Zelensky", "PERSON", UKRGOV)],
        timexes=[Timex(*_span(JUNE, "Monday"), "DATE", "2025-06-02")],
        quotes=[Quote(q0, q1, qt, True, "said", Mention(*_span(JUNE, "Zelensky"), UKRGOV))],
        places=[Place(k0, k1, "Kyiv", "Kyiv", "UKR", 50.45, 30.52, 703448, "city")],
        events=[
            _event(JUNE, "e1", "020", 1, 3.0, ("Ukraine", UKRGOV), ("NATO", NATO),
                   "Ukraine asked NATO for air defence", "2025-06-02"),
            _event(JUNE, "e2", "057", 2, 8.0, ("NATO", NATO), ("Ukraine", UKRGOV),
                   "NATO promised to send two batteries", "2025-06-03",
                   place=Place(k0, k1, "Kyiv", "Kyiv", "UKR", 50.45, 30.52, 703448, "city")),
        ],
        tone=Tone(-1.5, 2.0, 3.5, -0.2, 20),
    )
    july = Article("b2july", "2025-07-04", "NATO criticises Ukraine", JULY, "Example Wire", None)
    july_rec = ArticleRecord(
        july,
        entities=[_entity(JULY, "NATO", "ORG", NATO), _entity(JULY, "Ukraine", "GPE", UKRGOV)],
        timexes=[Timex(*_span(JULY, "July 3"), "DATE", "2025-07-03")],
        events=[
            _event(JULY, "e3", "111", 3, -2.0, ("NATO", NATO), ("Ukraine", UKRGOV),
                   "NATO criticised Ukraine", "2025-07-03"),
            _event(JULY, "e4", "111", 3, -2.0, ("NATO", NATO), ("Ukraine", UKRGOV),
                   "NATO criticised Ukraine over the slow reforms", "2025-07-03", modality="negated"),
        ],
    )
    iran = Article("c3iran", "1987-03-10", "US accuses Iran", IRAN, "Reuters", None)
    iran_rec = ArticleRecord(
        iran,
        entities=[_entity(IRAN, "United States", "GPE", USA), _entity(IRAN, "Iran", "GPE", IRN)],
        events=[
            _event(IRAN, "e5", "112", 3, -2.0, ("United States", USA), ("Iran", IRN),
                   "The United States accused Iran", "1987-03-09"),
        ],
    )
    return [june_rec, july_rec, iran_rec]


ERDOGAN = Actor("TURGOV", "TUR", "GOV", None, "Recep Tayyip Erdoğan")
LULA = Actor("BRAGOV", "BRA", "GOV", None, "Luiz Inácio Lula da Silva")
SENATOR = Actor("USALEG", "USA", "LEG", None, "Senator Jim Risch")
ANKARA = "Erdoğan met Lula in Ankara on Tuesday. Senator Risch criticised Erdoğan."


def names_record() -> ArticleRecord:
    """An article whose actors are named outside ASCII, and a senator."""
    article = Article("d4names", "2024-05-07", "Erdoğan meets Lula", ANKARA, "Example Wire", None)
    return ArticleRecord(
        article,
        entities=[_entity(ANKARA, "Erdoğan", "PERSON", ERDOGAN), _entity(ANKARA, "Lula", "PERSON", LULA),
                  _entity(ANKARA, "Senator Risch", "PERSON", SENATOR)],
        events=[
            _event(ANKARA, "e6", "040", 1, 1.0, ("Erdoğan", ERDOGAN), ("Lula", LULA),
                   "Erdoğan met Lula", "2024-05-07"),
            _event(ANKARA, "e7", "111", 3, -2.0, ("Senator Risch", SENATOR), ("Erdoğan", ERDOGAN),
                   "Senator Risch criticised Erdoğan", "2024-05-07"),
        ],
    )


def build(path: Path, *, names: bool = False) -> Path:
    """Write the test store to ``path`` (with :func:`names_record` when ``names``) and return it."""
    with Store(path) as store:
        store.add(records() + ([names_record()] if names else []))
    return path
