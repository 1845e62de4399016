"""Nominal events of the real-news round on "no candidate" misses (issue #13): an event named by
a noun, its parties inside its own phrase. Invented sentences, one case per rule."""

from __future__ import annotations

import pytest

from event_helpers import dyads_of


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X-led": the leader named in one compound word is the source; a time phrase right
        # after the noun's phrase dates it even when the parse hangs it on the clause
        ("Many traders left Kuwait after the Iraqi-led invasion of that country in 1990.",
         {("19", "IRQ", "KWT")}),
        ("Many traders left the region after the Libya-led invasion of Chad in 1983.",
         {("19", "LBY", "TCD")}),
        # undated, a background invasion is no new event
        ("Many traders left the region after the Libya-led invasion of Chad.", set()),
        # a "by" phrase names who did the event noun, also when the parse hangs it on the noun's
        # object and when a verb acts on the noun ("heard a complaint by X")
        ("A court heard a complaint against Japan's tariff by the American Rice Association.",
         {("11", "USA", "JPN")}),
        # the participle naming the doer carries the event's other phrases too
        ("Officials dismissed accusations made by Iran against Iraq.", {("11", "IRN", "IRQ")}),
        ("The agreement comes with an admission of guilt by the Canadian Defence Ministry.",
         {("01", "CAN", None)}),  # 015: admitting liability or guilt
        ("Hamas admitted responsibility for the bombing.", {("01", "PSE", None)}),  # not 050
        # courting support is asking for it; earmarking money for someone is pledging aid
        ("Brazil is courting support from Argentina.", {("02", "BRA", "ARG")}),
        ("The Dutch government has earmarked two million euros for Haitian flood victims.",
         {("03", "NLD", "HTI")}),
        # the subject of a clause takes part in the visit or talks its circumstance phrase names;
        # a place before "visit" is where one goes
        ("The French president praised the reforms during a Japan visit on Monday.",
         {("04", "FRA", "JPN")}),
        ("After talks with the Egyptian president, the Iraqi foreign minister criticized Israel.",
         {("04", "IRQ", "EGY"), ("11", "IRQ", "ISR")}),
        ("The Japanese minister criticized China on a visit to Iran.",
         {("04", "JPN", "IRN"), ("11", "JPN", "CHN")}),
        ("The Japanese minister commented on talks with Iran on Monday.", set()),  # a topic
        # air and military strikes by X on Y (not a workers' strike); a word of the noun's phrase
        # placed in the story's country on its own does not move the phrase's actor there
        ("Villagers fled after air strikes by Israel on Lebanese villages on Monday.",
         {("19", "ISR", "LBN")}),
        ("On Monday, a Russian military strike in the Georgian town of Gori killed 15 people, "
         "according to Georgian officials. Georgia condemned the strike.",
         {("19", "RUS", "GEO"), ("11", "GEO", "RUS")}),
        # a possible strike, or the risk of one, has not happened
        ("Kuwait is worried about the possibility of a Saudi military strike on Yemen.", set()),
        ("Officials prepared the public for possible air strikes by Israel against Syria.", set()),
        # sanctions that take effect happen; an agentless passive leaves the noun's own phrase
        # to name who imposed them
        ("New Arab League sanctions against Syria took effect on Monday.",
         {("16", "ARAB LEAGUE", "SYR")}),
        ("The UN sanctions against Libya were imposed in 1992.", {("16", "UN", "LBY")}),
        # forces on emergency duty raise their alert (151)
        ("The Kenyan police have been on emergency duty since Monday.", {("15", "KEN", None)}),
        # an exchange of fire or a gunfight between two named parties is fighting (190); an
        # exchange of anything else is not
        ("There was an exchange of fire between Peru and Ecuador on Sunday.",
         {("19", "PER", "ECU")}),
        ("A gunfight between Indian troops and Pakistani soldiers erupted on Monday.",
         {("19", "IND", "PAK")}),
        ("There was an exchange of prisoners between Peru and Ecuador on Sunday.", set()),
    ],
)
def test_nominal_events(stages, text, expected):
    assert dyads_of(stages, text) == expected
