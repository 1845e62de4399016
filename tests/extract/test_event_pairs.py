"""Parties named elsewhere than the predicate's subject (issue #13, sources round 4): a thing
that acts for the agent of its participle ("the embargo imposed by X blocked ..."), "both
countries" / "the two governments" as the two states just named, and an agreement named
without its parties; units of a force ("a patrol of X") and the one army an article names.
Invented sentences; each case can fail."""

from __future__ import annotations

import pytest

from event_helpers import dyads_of


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a thing done by a participle's "by" agent acts for that agent
        ("The embargo imposed by Turkey blocked aid to Armenia.", {("17", "TUR", "ARM")}),
        ("The curfew ordered by Turkey restricted movement in Armenia.", {("19", "TUR", "ARM")}),
        ("The embargo blocked aid to Armenia.", set()),  # no agent named: no source
        # "both countries", "the two governments": the two states just named, first one first
        ("Ministers from Peru and Bolivia met in Lima on Monday. Both countries agreed that the "
         "border should be reopened.", {("05", "PER", "BOL")}),
        ("Ministers from Peru and Bolivia met in Lima on Monday. The two governments agreed to "
         "reopen the border.", {("03", "PER", "BOL")}),
        # three states named: which two is unclear
        ("Ministers from Peru, Chile and Bolivia met in Lima on Monday. Both countries agreed "
         "that the border should be reopened.", set()),
        # an agreement without its parties is between the two states just named
        ("Ghana and Togo resumed trade on Monday. Under an agreement reached last year, the "
         "border stays open.", {("05", "GHA", "TGO")}),
        ("Ghana, Benin and Togo resumed trade on Monday. Under an agreement reached last year, "
         "the border stays open.", set()),
        ("Ghana resumed trade on Monday. Under an agreement reached last year, the border "
         "stays open.", set()),
        # a unit of a force is that force ("a patrol of X", "units of X")
        ("A patrol of the Iraqi army arrested two Syrian smugglers.", {("17", "IRQ", "SYR")}),
        ("Units of the Iraqi army attacked Syrian smugglers.", {("19", "IRQ", "SYR")}),
        # a bare unit is the one army the article names, not its sentence's country ...
        ("The Danish Army said on Monday that it would stay in Helmand. The Danish Army has "
         "700 soldiers there. Three Afghan farmers were detained by the regiment.",
         {("17", "DNK", "AFG")}),
        # ... unless the story is another country's
        ("The Afghan government said on Monday that the Danish Army would stay in Helmand. The "
         "Danish Army has 700 soldiers in Afghanistan. Afghan officials said three Afghan "
         "farmers were detained by the regiment.", {("01", "AFG", "DNK"), ("17", "AFG", "AFG")}),
        # a rejected or opposed proposal's author is the target, from where the article says
        # who made it
        ("Egypt proposed a ceasefire plan last week. Israel rejected the plan on Monday.",
         {("12", "ISR", "EGY")}),
        ("The European Commission put forward the proposals last month. Britain voiced strong "
         "objections to the proposed curbs on Monday.", {("12", "GBR", "EU")}),
        ("Egypt's foreign minister met the Israeli envoy last week. Israel rejected the plan on "
         "Monday.", {("04", "EGY", "ISR")}),  # nobody said who made the plan
        # a state body the tables lack is its story's government, also by its defined acronym
        ("Chile protested on Monday. Chile says the catch has fallen. The Fisheries Control "
         "Board accused Peru of overfishing.", {("14", "CHL", None), ("11", "CHL", "PER")}),
        ('Chile protested on Monday. Chile says the catch has fallen. The "Fisheries Control '
         'Board" (FCB) met on Monday. The FCB accused Peru of overfishing.',
         {("14", "CHL", None), ("11", "CHL", "PER")}),
        ("Chile protested on Monday. Chile says the catch has fallen. The Fisheries Labour "
         "Council accused Peru of overfishing.", {("14", "CHL", None)}),  # a union's council
        # a participle after a reported clause's closing quote is the reporter's act
        ('The Kenyan police chief said that the border was "out of control," pledging to '
         'arrest Somali smugglers.', {("13", "KEN", "SOM")}),
        # its signers, when a participle names them
        ("Under an agreement signed by Chile and Argentina in 1998, the border stays open.",
         {("05", "CHL", "ARG")}),
    ],
)
def test_parties_named_elsewhere(stages, text, expected):
    assert dyads_of(stages, text) == expected


@pytest.mark.model
def test_person_keeps_own_country(stages):
    """A person the article places in one country ("US Navy commander X") keeps it when a
    later mention names them only by a title ("Admiral X"), not their sentence's country."""
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    text = ('US Navy commander William Parker arrived in Manila on Monday. "The Philippine army '
            'needs more help," Admiral William Parker told Philippine reporters in Manila.')
    (doc,) = make_docs(stages, [Article("t", "2000-01-01", "", text)])
    doc = stages(doc)
    assert [q.speaker.actor.code for q in doc._.quotes] == ["USAMIL"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("last", "speaker"),
    [
        # a country named only after the speaker is what they speak about: the story's
        ("Government officials said Iran would receive the fuel in March.", "RUSGOV"),
        # one named before the speaker is where they are
        ("In Tehran, government officials said Iran would receive the fuel in March.", "IRNGOV"),
    ],
)
def test_speaker_placed_where_named(stages, last, speaker):
    """A bare "officials" speaker is the country named in or before its phrase, else the
    story's, before a country named only in what they say."""
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    text = ("Russia will deliver nuclear fuel to the Bushehr plant, Russian officials said on "
            "Monday. Russia has built the plant. " + last)
    (doc,) = make_docs(stages, [Article("t", "2000-01-01", "", text)])
    doc = stages(doc)
    assert [q.speaker.actor.code for q in doc._.quotes] == ["RUSGOV", speaker]
