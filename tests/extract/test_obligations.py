"""Reported obligations, ultimatums, countermeasures and refused proposals: what a statement's
content makes it (newsevents.extract.events.ultimatum, criticism; issue #13)."""

from __future__ import annotations

import pytest

from event_helpers import dyads_of, events_of


def _codes(stages, text: str) -> list[str]:
    return [e.cameo for e in events_of(stages, text)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "root", "absent"),
    [
        # a reported "must" under a plain speech verb is an appeal, as "should" is
        ("The Belgian foreign minister said Denmark must take more responsibility for its own "
         "defence.", "02", ("10",)),
        ("The Belgian foreign minister said Denmark should take more responsibility for its own "
         "defence.", "02", ("10",)),
        # "it is important that Y ..." / "it is time for Y to ..." appeals to Y, also under "I think"
        ("The Belgian envoy said it is important that all Danes respond with calm.", "02", ()),
        ("The Belgian envoy said it is time for Denmark to hold new elections.", "02", ()),
        ('"We saw many uprooted families. And I think it is essential that Denmark acts with '
         'restraint," the Belgian envoy said.', "02", ()),
        ("The Belgian envoy said it is not important that Denmark holds new elections.", None,
         ("02",)),
        # "insisted that ... must": the speaker insists, a demand
        ("The Belgian foreign minister insisted that Denmark must hand over the smugglers.", "10",
         ("02",)),
        # "must ... or face": a penalty named, a threat (non-force: 131)
        ("The Belgian foreign minister said Denmark must lower its import tariffs or face "
         "Belgian sanctions.", "131", ("02", "10")),
        # a proposal called unacceptable is rejected (guide: 12); an attack so called is blamed
        ("The Belgian foreign minister said the Danish proposal was unacceptable.", "12", ("11",)),
        ("The Belgian foreign minister said the Danish attacks were unacceptable.", "11", ("12",)),
        # calling a proposal or demands unacceptable rejects them (guide: 12), in a quote too
        ("The Belgian government called the Danish proposal unacceptable.", "12", ("11",)),
        ('The Belgian minister called the demands of the Danish strikers "unacceptable".', "12",
         ("11",)),
        ('The Belgian minister called the raids of the Danish rebels "unacceptable".', "11",
         ("12",)),
        # "there will be no talks with X" rejects talks (12); "as long as ..." threatens (13)
        ("The Belgian government said there would not be talks with the Danish rebels.", "12",
         ()),
        ("The Belgian government said there will be no negotiations with Denmark as long as "
         "the blockade continues.", "13", ("12",)),
        ("The Belgian government said there will be talks with Denmark next week.", None,
         ("12", "13")),
        # force used to shield another party's ships offers protection (03), no threat to them
        ("The Belgian prime minister said Belgium was ready to use military force to protect "
         "Danish tankers.", "03", ("13",)),
        ("The Belgian prime minister said Belgium was ready to use military force to protect "
         "itself.", "13", ()),
        # measures in response, conditional or not, threaten (guide: "will take all necessary
        # measures" 138); steps to cut taxes threaten no one
        ("The Belgian foreign minister said Belgium would take measures if Denmark raised its "
         "tariffs.", "138", ()),
        ("The Belgian foreign minister said Belgium would take all necessary measures to defend "
         "its fishermen against Denmark.", "138", ()),
        ("The Belgian foreign minister said Belgium will take steps to cut taxes for Danish "
         "firms.", None, ("13",)),
        # "appropriate" measures threaten only when aimed at a party, not a finding
        ("The Belgian foreign minister said Belgium would take appropriate measures against "
         "Denmark.", "138", ()),
        ("The Belgian foreign minister said that if the charges against Danish guards are "
         "proven, Belgium will take appropriate actions.", None, ("13",)),
    ],
)
def test_obligation_content_codes(stages, text, root, absent):
    codes = _codes(stages, text)
    if root is not None:
        assert any(c.startswith(root) for c in codes), codes
    assert not any(c.startswith(a) for c in codes for a in absent), codes


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an appeal to coordinated parties is one event each (guide: different codes)
        ("The British finance minister said the United States and Japan must work to avert a "
         "trade war.", {("02", "GBR", "USA"), ("02", "GBR", "JPN")}),
        ("The Belgian foreign minister said Denmark and Norway should lower their tariffs.",
         {("02", "BEL", "DNK"), ("02", "BEL", "NOR")}),
    ],
)
def test_obligation_each_coordinated_target(stages, text, expected):
    assert dyads_of(stages, text) == expected
