"""Reported statements that criticise or accuse a party (CAMEO 11) or refuse a proposal (12),
coded by whom the blame they word lands on (newsevents.extract.events.criticism; issue #13)."""

from __future__ import annotations

import pytest

from event_helpers import dyads_of


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # blame on the content's subject lands on its possessor or its "of" owner
        ("The Australian council said the Japanese government's refusal to open its markets "
         "shaped the talks.", {("11", "AUS", "JPN")}),
        ("Canada said the failure of the World Trade Organization had hurt poor countries.",
         {("11", "CAN", "WTO")}),
        # an act noun's "of" object is its victim: the "by" agent is the party blamed
        ("Syria said the occupation of Lebanon by Israel was a crime.", {("11", "SYR", "ISR")}),
        # a later sentence of a direct quote blames: a name in front of the blamed noun
        ('"We are proud of our farmers and our exports. Yet the protectionist Japanese rules keep '
         'them out," the American trade official said.', {("11", "USA", "JPN")}),
        ('"We have always kept our promises. The Turkish aggression continues every day," the '
         'Greek foreign minister said.', {("11", "GRC", "TUR")}),
        # a speaker known only by its country blames a political body of its own
        ("Kenyans in Nairobi said the police were brutal.", {("11", "KEN", "KEN")}),
        # a refused acceptance blames as "unacceptable" does; a refused proposal is rejected
        ("The Kenyan president said the killings cannot be accepted.", {("11", "KEN", None)}),
        ("The Sudanese rebels said the peace deal would never be accepted.", {("12", "SDN", None)}),
        # the speaker's side saying it is opposed rejects, in any tense; not opposed, no event
        ("The Japanese foreign minister said she was opposed to including Russia in the talks.",
         {("12", "JPN", "RUS")}),
        ("The Japanese foreign minister said she was not opposed to including Russia in the talks.",
         set()),
    ],
)
def test_criticism_blame_lands_on_its_owner(stages, text, expected):
    assert dyads_of(stages, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # negated blame blames no one
        "Egypt said the Israeli measures were not illegal.",
        # blame only supposed is not the speaker's
        "Chile said it would protest if Peruvian troops violated the border.",
        # a hard situation with no one to blame is pessimism
        "The Georgian minister said the talks on the region were difficult.",
    ],
)
def test_criticism_no_party_blamed(stages, text):
    assert not any(root == "11" for root, _, _ in dyads_of(stages, text))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("the assertion that Argentina committed crimes angered Chile", None),  # a noun's clause
        ("a rally organized by supporters of a Peruvian terrorist group", None),
        ("Argentina committed crimes against its neighbours", "Argentina"),
        ("the crimes of Argentina angered Chile", "Argentina"),
    ],
)
def test_criticism_blame_in_a_clause_describing_a_noun_is_not_asserted(parse, text, party):
    from newsevents.extract.events.criticism import blamed_party
    from newsevents.extract.events.statements import stance_words

    doc = parse(text)
    words = stance_words()
    found = blamed_party(doc[:], lambda t: words.get(t.lemma_.lower()) == "blame",
                         lambda t: t.ent_type_ in ("GPE", "NORP"))
    assert (found.text if found is not None else None) == party


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the speaker's side will do is a protest: a threat of dissent, not an intention
        ("Irish dairy farmers said they would boycott the European Union's new milk rules.",
         {("13", "IRL", "EU")}),
        # an intention that is no protest stays one
        ("The Indian minister said India would strike a deal with Pakistan.", {("03", "IND", "PAK")}),
    ],
)
def test_criticism_announced_protest_threatens_dissent(stages, text, expected):
    assert dyads_of(stages, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a later sentence of the quote obliges another party: an appeal to it
        ('"We are pleased with the truce. Israel should respect it too," the Egyptian minister said.',
         {("02", "EGY", "ISR")}),
        # blame in the first sentence stays what the statement does
        ('"The Syrian occupation is illegal. Syria must withdraw," the French foreign minister said.',
         {("11", "FRA", "SYR")}),
    ],
)
def test_criticism_later_obligation_is_an_appeal_after_blame(stages, text, expected):
    assert dyads_of(stages, text) == expected
