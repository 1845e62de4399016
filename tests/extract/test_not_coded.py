"""The coding guide's "Not coded" conventions (annotation guide §5) for undated lasting states
and hedged beliefs, with the dated or asserted variants that stay coded."""

from __future__ import annotations

import pytest

from event_helpers import dyads_of


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # undated durative states: a perfect, or a verb of continuing, over a stretch of time
        "Norway has supported Sweden for decades.",
        "The Chilean army has fought the guerrillas since 1998.",
        "The negotiations between Peru and Bolivia have continued since autumn.",
        "Over the past ten years Iceland has criticised Denmark.",
        # hedged beliefs: the clause of a verb of belief
        "We think the Finns also contacted the Estonians, the minister said.",
        "The minister believes that Portugal supplied weapons to the rebels.",
        "Officials suspect that Morocco sent troops to Mali.",
        # habits: an adverb of constancy
        "The Chilean president had steadfastly opposed Argentina.",
        "Ecuador consistently criticises Colombia.",
        "Britain has for years accused Iran of backing the militants.",
        "The years-long blockade of Qatar by Saudi Arabia has hurt trade.",
        "Since the war began, Armenia has fired hundreds of rockets at Azerbaijan.",
        # negated by the subject, or ruled out
        "Neither Peru nor Chile criticised Bolivia.",
        "Bolivia ruled out sending troops to Paraguay.",
        # attitudes: how one party regards another, a lasting stance
        "Finland views Russia as a threat.",
        "Estonia remains committed to supporting Latvia.",
        # reports the story doubts: rumours, unconfirmed or denied reports
        "Rumours that Uruguay had expelled the Paraguayan ambassador spread on Monday.",
        "Reports that Angolan troops shelled a Zambian village could not be confirmed.",
        "According to unconfirmed reports, Kenyan troops crossed into Uganda.",
        "Chad denied reports that its army had attacked Sudan.",
    ],
)
def test_not_coded_states_and_beliefs(stages, text):
    # a denial of the report (016) is itself an event; the reported happening is not
    from event_helpers import events_of

    events = [(e.cameo, e.evidence.text) for e in events_of(stages, text)
              if e.modality == "asserted" and e.cameo != "016"]
    assert not events, events


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # the same verbs, dated or asserted, stay coded
        ("Norway supported Sweden on Monday.", ("05", "NOR", "SWE")),
        ("The Chilean army fought the guerrillas on Tuesday.", ("19", "CHL", "CHL")),
        ("Officials said that Morocco sent troops to Mali.", ("06", "MAR", "MLI")),
        ("Armenia fired rockets at Azerbaijan on Sunday.", ("19", "ARM", "AZE")),
        ("The BBC reported that Angolan troops shelled a Zambian village.", ("19", "AGO", "ZMB")),
        # a stretch starting on a named day dates the state
        ("The Chilean army has fought the guerrillas since March 4.", ("19", "CHL", "CHL")),
    ],
)
def test_not_coded_dated_variants_stay(stages, text, dyad):
    dyads = dyads_of(stages, text)
    assert dyad in dyads, dyads


@pytest.mark.model
def test_not_coded_undated_since_clause(stages):
    # the starting point of a "since" stretch is undated background; the main event stays
    text = "Trade between the two countries has grown since Chile expelled Bolivian diplomats."
    dyads = dyads_of(stages, text)
    assert not any(d[0] == "17" or d[0] == "16" for d in dyads), dyads


@pytest.mark.model
def test_not_coded_dated_since_clause_stays(stages):
    text = "Trade has grown since Chile expelled Bolivian diplomats in 2004."
    dyads = dyads_of(stages, text)
    assert any(d[1] == "CHL" and d[2] == "BOL" for d in dyads), dyads


def _asserted(stages, text: str, root: str) -> list:
    from event_helpers import events_of

    return [e for e in events_of(stages, text) if e.modality == "asserted" and e.root == root]


@pytest.mark.model
def test_not_coded_retold_happening_is_one_event(stages):
    # a happening reported twice is coded once (guide §5)
    text = ("Chilean troops attacked Bolivian rebels on Monday. Chilean soldiers attacked the "
            "Bolivian rebels near the border.")
    events = _asserted(stages, text, "19")
    assert len(events) == 1, [(e.cameo, e.evidence.text) for e in events]


@pytest.mark.model
def test_not_coded_retelling_keeps_other_dates_and_utterances(stages):
    # two dated raids are two events; two criticisms are two utterances
    raids = ("Chilean troops attacked Bolivian rebels on Monday. Chilean soldiers attacked the "
             "Bolivian rebels again on Wednesday.")
    assert len(_asserted(stages, raids, "19")) == 2
    words = ("Chile criticised Bolivia on Monday. Chile also criticised Bolivia over the "
             "border dispute.")
    assert len(_asserted(stages, words, "11")) == 2


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Later Chilean media reports say the Bolivian soldiers were not at the police station.",
    "The Chilean newspaper El Mercurio estimates 400 Bolivian deaths.",
])
def test_not_coded_media_report_itself(stages, text):
    # routine media reporting: the reported event may be coded, the report (010) is not
    from event_helpers import events_of

    reports = [e for e in events_of(stages, text) if e.modality == "asserted"
               and e.cameo == "010" and e.source.actor and e.source.actor.sector == "MED"]
    assert not reports, [(e.cameo, e.evidence.text) for e in reports]
