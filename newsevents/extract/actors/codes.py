"""CAMEO/Phoenix actor codes split into country, sector and organisation.

``UKRGOV`` is Ukraine's government, ``IGOWSTNAT`` NATO (an organisation: ``org``), ``MED`` a
sector with no country, ``MNCUSA`` a US business, ``SCGMNE`` Montenegro within Serbia and
Montenegro. The organisation acronyms come from ``data/org_codes.tsv``.
"""

from __future__ import annotations

import functools

from ...records import Actor
from ..dictionaries import read_table


@functools.cache
def _org_prefixes() -> tuple[tuple[str, str], ...]:
    rows = read_table("org_codes.tsv")
    return tuple(sorted(((r["prefix"], r["org"]) for r in rows), key=lambda p: -len(p[0])))


def actor_from_code(code: str, name: str | None = None) -> Actor:
    """Split a CAMEO/Phoenix code into country, sector and organisation.

    Args:
        code: e.g. ``UKRGOV``, ``IGOWSTNAT``, ``PSEREBHMS``, ``WST``.
        name: the canonical name to keep on the actor.

    Returns:
        The Actor; ``org`` is set for international and non-state organisations.
    """
    for prefix, org in _org_prefixes():
        if code.startswith(prefix):
            return Actor(code=code, org=org, name=name)
    head = code[:3]
    if head in SECTORS:  # a sector with no country: Phoenix codes Reuters as [MED]
        return Actor(code=code, sector=head, name=name)
    if head == "MNC":  # multinational company: MNCUSA is a US business
        return Actor(code=code, country=code[3:6] or None, sector="BUS", name=name)
    if head in _UNIONS and code[3:6] in _UNIONS[head]:  # SCGMNE: Montenegro in Serbia and Montenegro
        return Actor(code=code, country=code[3:6], sector=code[6:9] or None, name=name)
    if head in _FEDERATIONS and code[3:6] and code[3:6] not in SECTORS:  # YUGSRB: a republic of YUG
        return Actor(code=code, country=head, sector=code[6:9] or None, name=name)
    country = head if len(code) >= 3 and head not in _REGIONS else None
    sector = code[3:6] or None
    return Actor(code=code, country=country, sector=sector, name=name)


#: State unions whose member republics count as the country (ISO 3166 and PLOVER code Serbia
#: and Montenegro's republics as SRB and MNE): the code keeps the union, ``country`` the member.
#: Yugoslavia's (YUG) and the Soviet Union's (USR) constituents stay with the federation.
_UNIONS = {"SCG": frozenset({"SRB", "MNE", "KSV"})}
_FEDERATIONS = frozenset({"YUG", "USR", "CSK", "FRY"})


#: CAMEO/Phoenix sector (agent) codes; a code that starts with one names no country.
SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS",
                     "CRM", "CVL", "LAB", "LEG", "HLH", "REF", "AGR", "ELI", "REL", "UAF", "HRI",
                     "ENV", "DEV", "MOD", "RAD", "SET", "IRC", "AMN", "GRP"})


# CAMEO region codes that are not countries (CAF is the Central African Republic; Central
# Africa is CFR).
_REGIONS = frozenset({"WST", "EUR", "AFR", "ASA", "MEA", "LAM", "NAF", "SAS", "SEA", "CAS",
                      "EAF", "WAF", "SAF", "NMR", "BLK", "BAL", "CRB", "CAU", "SCN",
                      "MDT", "PGS", "EIN", "SAM", "CFR", "CEU", "EEU", "WEU", "ARB", "---", "IGO", "NGO", "IMG", "MNC"})


# --- which actors are parties to political events -------------------------------------------

#: three-letter codes that name a sector or kind of body, never a country (Phoenix codes
#: "Reuters" as [MED], so a resolved actor may carry one in its country slot).
SECTOR_CODES = frozenset({
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
    "IMG", "INS", "JUD", "JRN", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGO", "NGM", "OPP",
    "PRE", "PRM", "PTY", "RAD", "REB", "REF", "REL", "SOC", "SPY", "UAF", "UNK", "UNO",
})
#: sectors that are never a political party, whatever their country.
BUSINESS_SECTORS = frozenset({"BUS", "MNC"})
#: region and bloc codes that make a political party on their own ("Western nations" -> WST).
REGION_CODES = frozenset({"WST", "AFR", "ASA", "MEA", "LAM", "NAF", "SAS", "SEA", "CAS", "EAF",
                          "WAF", "SAF", "NMR", "BLK", "BAL", "CRB", "CAU", "SCN", "MDT",
                          "PGS", "EIN", "SAM", "CFR", "CEU", "EEU", "WEU", "NAM", "EUR", "ARB"})


def political(actor: Actor | None) -> bool:
    """Whether an actor can be an event party: a political actor, not a bare sector.

    A country (with or without a sector: "Japan", "the Japanese government"), an organisation
    (IGO/NGO/militant group, ``org`` set) or a region/bloc ("Western nations" -> WST) is one. A
    sector with no country or organisation ("the ministry" GOV, "economists" EDU), a media
    outlet ("Reuters" MED), and business of any country ("the company", "Brazilian exporters"
    BUS, multinationals MNC...) are not: such sources and targets make the business and
    market "statements" that are not political events (the PLOVER gold codes no BUS party).
    """
    if actor is None:
        return False
    if actor.org:
        return True
    code = actor.code or ""
    if code.startswith("MNC") or actor.sector in BUSINESS_SECTORS:
        return False
    if actor.country:
        return actor.country not in SECTOR_CODES
    return code[:3] in REGION_CODES


def usable(actor: Actor | None) -> bool:
    """Whether an actor can be an event party (see :func:`political`)."""
    return political(actor)
