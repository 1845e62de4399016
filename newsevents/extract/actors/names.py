"""People the dictionaries know under a fuller or differently spelt name, or out of office.

Wire copy names a person by surname after the first mention ("Mugabe said ..."), with an
unlisted first name or initial ("President Robert G. Mugabe"), or misspelt ("Francois
Mitterand", "Abdelaziz Bouteflicka"). The Phoenix country dictionaries list people by full
name with dated roles, so:

* :func:`by_surname` finds the people whose listed name ends (or, for names written surname
  first, starts) with a surname; it answers only when all of them belong to one country
  (several "Bush"es are all American; "Kim" or "Singh" is left alone), among people in office
  on the day;
* :func:`by_spelling` finds a listed person with the same first name and surname, a middle
  name or initial left out or added, or a surname that differs by a slip (difflib ratio >=
  0.85, surnames of 5+ letters, people in office on the day only);
* :func:`out_of_office` gives the country of a person whose dated roles do not cover the date:
  before their first role or after their last they are an elite (``ELI``) of that country;
* :func:`stale_term` says when a role the dictionary leaves open (``[UKRGOV >140607]``: in
  office when the file was last edited) can no longer be trusted: from
  :data:`OPEN_TERM_HORIZON` on, the person is coded out of office unless ``leaders.tsv``, which
  is dated to the present, lists them (Poroshenko in 2025 is no longer ``UKRGOV``).
"""

from __future__ import annotations

import difflib
import functools

from ..compiled import compiled
from ..dictionaries import Entry, actor_dictionary
from .codes import actor_from_code

#: the least difflib ratio between a text surname and a listed one to count as a spelling slip.
SPELLING_RATIO = 0.85
#: surnames shorter than this are too common to match by spelling.
MIN_SURNAME = 5
#: the Phoenix file that lists people (with countries and their agencies).
COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
#: rule suffix of a person matched outside their listed roles (their country's elite, ELI).
OUT_OF_OFFICE = "+out-of-office"
#: Phoenix.Countries was generated in January 2014 and its last open-ended roles start in 2015;
#: past this day it cannot say whether a person still holds a role it left open.
OPEN_TERM_HORIZON = "2017-01-01"


def is_person(entry: Entry) -> bool:
    """Whether a Phoenix entry is a person: listed with countries, no bare country code, and
    dated roles (an agency or a territory, "Wallis and Futuna" [FRAWLF], has no dates)."""
    return entry.origin == COUNTRIES_FILE and bool(entry.codes) and not any(
        len(c.code) == 3 for c in entry.codes) and any(c.start or c.end for c in entry.codes)


def stale_term(entry: Entry, day: str) -> bool:
    """Whether a person's code on ``day`` rests only on roles the dictionary left open, on or
    after :data:`OPEN_TERM_HORIZON`."""
    if day < OPEN_TERM_HORIZON or not is_person(entry):
        return False
    covering = [c for c in entry.codes if (c.start or c.end) and c.valid_on(day)]
    return bool(covering) and all(c.end is None for c in covering)


def out_of_office(entry: Entry, day: str) -> str | None:
    """The code of a listed person on a day no dated role covers: their country's elite.

    Returns ``XXXELI`` for the country of the role nearest in time (the last one ended before
    ``day``, else the first one starting after it), or None when the entry is not a person or
    its codes name no country.
    """
    if not is_person(entry):
        return None
    stale = day >= OPEN_TERM_HORIZON
    before = [c for c in entry.codes if (c.end and c.end < day) or (stale and c.start and not c.end)]
    after = [c for c in entry.codes if c.start and c.start > day]
    nearest = (max(before, key=lambda c: c.end or OPEN_TERM_HORIZON) if before
               else min(after, key=lambda c: c.start or "") if after else None)
    if nearest is None:
        return None
    actor = actor_from_code(nearest.code)  # a group's code (IMGMUSALQ, IGOUNO) names no country
    return f"{actor.country}ELI" if actor.country and not actor.org else None


#: Arabic articles written with or without a hyphen ("al-Bashir", "al Bashir", "El Bashir").
ARTICLES = frozenset({"AL", "EL"})


def skeleton(key: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words with hyphenated parts split and Arabic articles dropped."""
    words = (part for word in key for part in word.split("-"))
    return tuple(w for w in words if w and w not in ARTICLES)


People = tuple[dict[str, tuple[Entry, ...]], dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]]


@functools.cache
def _people() -> People:
    """Phoenix people by surname, and (name skeleton, entry) pairs by first name."""
    # cached on disk with its entries stored as their phrases in the actor dictionary (shared)
    return compiled("actors.names._people", _build_people, refs=actor_dictionary())


def _build_people() -> People:
    surnames: dict[str, set[Entry]] = {}
    by_first: dict[str, set[tuple[tuple[str, ...], Entry]]] = {}
    for key, entry in actor_dictionary().items():
        name = skeleton(key)
        if len(name) < 2 or not is_person(entry):
            continue
        surnames.setdefault(name[-1], set()).add(entry)
        by_first.setdefault(name[0], set()).add((name, entry))
    return ({k: tuple(sorted(v, key=lambda e: e.root)) for k, v in surnames.items()},
            {k: tuple(sorted(v, key=lambda p: (p[0], p[1].root))) for k, v in by_first.items()})


def _country_code(entry: Entry, day: str) -> str | None:
    code = entry.code_on(day) or out_of_office(entry, day)
    return code if code and code[:3].isalpha() and len(code) >= 3 else None


def _one_country(entries: list[Entry], day: str, in_office: bool = False) -> tuple[str, Entry] | None:
    """(code, entry) when the entries all belong to one country: a code valid on ``day`` first.

    With ``in_office`` only people holding a listed role on ``day`` count: a bare surname or a
    misspelt name is too weak a link to a person out of office (an unlisted "McCarthy" of 1987
    is not a Cayman Islands official of the 2000s).
    """
    if in_office:
        entries = [e for e in entries if e.code_on(day)]
    coded = [(c, e) for e in entries if (c := _country_code(e, day))]
    if not coded or len({c[:3] for c, _ in coded}) != 1:
        return None
    holding = [(c, e) for c, e in coded if e.code_on(day)]
    return (holding or coded)[0]


def by_surname(surname: str, day: str) -> tuple[str, Entry] | None:
    """(code, entry) of the people listed with this surname, when they share one country."""
    word = (skeleton((surname,)) or ("",))[-1]
    entries = _people()[0].get(word, ())
    # "Kim" is also the first word of Korean names listed surname first ("Kim Dae Jung")
    given = [e for _, e in _people()[1].get(word, ())]
    if not entries:
        return None
    return _one_country([*entries, *given], day, in_office=True)


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    words = iter(long)
    return all(w in words for w in short)


def _same_person(name: tuple[str, ...], listed: tuple[str, ...]) -> bool:
    """Whether a text name and a listed one (same first word) are the same person: a middle
    name or initial left out on either side, or a slip in a long surname."""
    if name[-1] == listed[-1]:
        # "Robert G. Mugabe" adds an initial; "Omar Hassan al-Bashir" leaves a middle name
        # out, but a bare "John Smith" is not "John Hilary Smith": it must keep one middle name
        return _subsequence(listed, name) or len(name) > 2 and _subsequence(name, listed)
    return (len(name) == len(listed) and name[1:-1] == listed[1:-1] and len(name[-1]) >= MIN_SURNAME
            and difflib.SequenceMatcher(None, listed[-1], name[-1]).ratio() >= SPELLING_RATIO)


def by_spelling(key: tuple[str, ...], day: str) -> tuple[str, Entry] | None:
    """(code, entry) of the listed person this full name means, written another way.

    "Omar El Bashir" and "Omar Hassan al-Bashir" are "Omar Hassan Ahmad al Bashir", "Robert G.
    Mugabe" is "Robert Mugabe", "Francois Mitterand" is "Francois Mitterrand"; the answer
    stands only when every listed person it can mean belongs to one country.
    """
    name = skeleton(key)
    if len(name) < 2:
        return None
    pairs = [(listed, e) for listed, e in _people()[1].get(name[0], ()) if _same_person(name, listed)]
    # a spelling slip is a weaker link than a left-out middle name: only people in office
    slip = any(listed[-1] != name[-1] for listed, _ in pairs)
    return _one_country([e for _, e in pairs], day, in_office=slip)


def listed_person(key: tuple[str, ...], day: str,
                  countries: frozenset[str]) -> tuple[str, str, str] | None:
    """(code, listed name, rule) of a person named another way or by surname alone.

    Such a loose match only stands when the article names the person's country elsewhere
    (``countries``): an unlisted businessman "McCarthy" is not a listed official of a country
    the story never mentions. A bare surname only: "John Smith" is not any listed Smith.
    """
    found, rule = by_spelling(key, day), "phoenix-spelling"
    if found is None and len(key) == 1 and len(key[0]) > 2:
        found, rule = by_surname(key[-1], day), "phoenix-surname"
    if found is None or found[0][:3] not in countries:
        return None
    code, entry = found
    return code, entry.root, f"{rule}:{entry.root}" + ("" if entry.code_on(day) else OUT_OF_OFFICE)
