"""Entities and actors: NER mentions cleaned and resolved to CAMEO/Phoenix actors.

Resolution order for a mention, first hit wins:

1. the curated, dated leaders table (``data/leaders.tsv``), for people the Phoenix dictionaries
   (frozen c. 2015) do not know or know in an old role;
2. the project's own phrases (``data/actors_extra.tsv``: "Western nations" -> WST, "Pentagon");
3. the Phoenix actor dictionaries, taking the code in force on the publication date; a person
   listed by full name but out of office on that date is an elite (ELI) of their country,
   unless the text gives them a current title ("German Chancellor X");
4. a Phoenix person named another way (:mod:`actor_names`: "Robert G. Mugabe", "Omar El
   Bashir", a misspelt surname) or by surname alone ("Mugabe"), when the article names that
   person's country elsewhere and a title does not say otherwise;
5. titles and appositions around a person ("Ukrainian Foreign Ministry spokesman Georgy Tikhy",
   "Tikhy, a spokesman for the ministry", "King Hassan of Morocco"): the country or
   organisation and the sector (Phoenix agents) of the title; a title naming an organisation
   ("U.N. mediator X") makes the person act for it;
6. an earlier mention of the same person in the article ("Tikhy" after "Georgy Tikhy").

A dateline restarting a roundup ("BAHRAIN - Iranian forces") and the name after a stance
prefix ("pro-Iranian") are no part of an actor. Unknown people stay unresolved
(``actor=None``); nothing else is guessed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Span

from ...nlp import text_of
from ...records import Actor, Entity
from ..dictionaries import acronym_key, agent_dictionary, phrase_key
from .codes import actor_from_code
from .lookup import Match, lookup, lookup_plural
from .names import OUT_OF_OFFICE, listed_person
from .short_names import read_short_names
from .spans import resolve_phrase
from .words import FORMER, combine, publication_day, resolve_words, scan, without_host
from .words import window_words as _words

#: Entity labels kept as entities (numbers and dates are the timex stage's business).
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "LAW"})
#: Labels whose mentions can name an actor.
ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})


def resolve_span(span: Any) -> Actor | None:
    """Resolve any noun-phrase span ("the 2023 NATO summit", "Russian forces") to an actor.

    Also resolves a group by its members ("thousands of Iraqi Kurds") and a sector by where it
    is ("demonstrators in Baghdad" -> IRQ); see :func:`newsevents.extract.actors.spans.resolve_phrase`.

    Args:
        span: a spaCy Span of a Doc made by ``newsevents.nlp.make_docs``.

    Returns:
        The actor, or None when nothing in the span names one. A sector without a country
        ("the ministry") gives an actor whose code is the sector alone.
    """
    return resolve_phrase(span)


_DROP_LEADING = frozenset({"the", "The", "THE"})


def _clean(span: Any, label: str = "") -> Any | None:
    """Trim determiners, possessive markers, punctuation and (for people) leading titles."""
    start, end = span.start, span.end
    if label == "PERSON":
        while end - start > 1 and _is_title(span.doc[start]):
            start += 1
    while start < end and (span.doc[start].text in _DROP_LEADING or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct
                           or span.doc[end - 1].text in {"’s", "'s", "’", "'"}):
        end -= 1
    if start >= end:
        return None
    return span.doc[start:end]


def _title_tokens(span: Any, chunks: NounChunks) -> list[Any]:
    """The words around a person that can carry a title: the noun phrase's left part and appositions."""
    doc = span.doc
    tokens: list[Any] = []
    chunk = chunks.get(span.root.i)
    if chunk is not None and chunk.start < span.start:
        tokens.extend(doc[chunk.start : span.start])
    else:
        i = span.start - 1
        while i >= 0 and doc[i].dep_ in {"compound", "amod", "nmod", "npadvmod"} and doc[i].head.i >= i:
            tokens.insert(0, doc[i])
            i -= 1
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and not (span.start <= child.i < span.end):
            tokens.extend(child.subtree)
        elif tokens and child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end:
            # a titled person "of" a country: "King Hassan of Morocco"
            tokens.extend(t for o in child.children if o.ent_type_ == "GPE" for t in o.subtree)
    if root.dep_ == "appos" and not (span.start <= root.head.i < span.end):
        head_chunk = chunks.get(root.head.i)
        tokens.extend(head_chunk if head_chunk is not None else [root.head])
    return tokens


def _title_match(tokens: list[Any], day: str) -> Match | None:
    words = without_host(_words(tokens))
    actors, sectors = scan(words, day)
    # Another person in a title ("Trump's envoy X") lends a country, not an identity.
    bases = [Match(Actor(m.actor.country, m.actor.country), m.rule) if m.person and m.actor.country else m
             for m in actors if not (m.person and not m.actor.country)]
    return combine(bases, sectors, any(w in FORMER for w, _ in words))


def _with_title(match: Match, title: list[Any], day: str) -> Match:
    """Let a person's title in the text overrule a stale dictionary role.

    "former President X" makes X an elite (ELI) of their country; a current title ("Hungary's
    prime minister X") gives the title's sector when the Phoenix entry (frozen c. 2015) says
    otherwise; a title naming an organisation ("U.N. mediator X") makes X act for it. The dated
    leaders table is trusted over the text's title.
    """
    actor = match.actor
    words = _words(title)
    if actor.country and any(w in FORMER for w, _ in words):
        elite = Actor(actor.country + "ELI", actor.country, "ELI", None, actor.name)
        return Match(elite, match.rule + "+former", person=True)
    if match.rule.startswith("leaders:") or not actor.country:
        return match
    titled = _title_match(title, day)
    if (titled is not None and len(match.key) == 1 and titled.actor.country
            and titled.actor.country != actor.country and not titled.actor.org):
        # one listed word ("Hassan") may be another person: "King Hassan of Morocco"
        sector = titled.actor.sector
        code = titled.actor.country + (sector or "")
        return Match(Actor(code, titled.actor.country, sector, None, actor.name),
                     match.rule + "+title", person=True)
    if titled is not None and titled.actor.org:  # "U.N. mediator X" acts for the UN
        org = titled.actor
        return Match(Actor(org.code, org.country, org.sector, org.org, actor.name),
                     match.rule + "+title", person=True)
    sector = titled.actor.sector if titled else None
    if sector and sector != actor.sector and titled and titled.actor.country in (None, actor.country):
        retitled = Actor(actor.country + sector, actor.country, sector, None, actor.name)
        return Match(retitled, match.rule + "+title", person=True)
    return match


def _relabel(label: str, match: Match | None) -> str:
    if match is None:
        return label
    if match.person:
        return "PERSON"
    if label == "PERSON":
        return _label_of(match)
    return label


class NounChunks:
    """Token index -> its noun chunk (those of ``doc.noun_chunks``), found sentence by sentence
    as people's titles are looked for: a chunk never leaves its sentence (the parse does not),
    and most sentences name no person, so the doc's other sentences are never walked."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._found: dict[int, Any] = {}
        self._sentences: set[int] = set()

    def get(self, i: int) -> Any:
        """The noun chunk holding token ``i``, or None."""
        found = self._found.get(i)
        if found is not None:
            return found
        sent = self.doc[i].sent
        if sent.start not in self._sentences:
            self._sentences.add(sent.start)
            for start, end, label in self.doc.noun_chunks_iterator(sent):
                chunk = Span(self.doc, start, end, label=label)
                for j in range(start, end):
                    self._found[j] = chunk
        return self._found.get(i)


class _Resolver:
    """Resolves the entities of one article, remembering the people it has already met."""

    def __init__(self, doc: Any) -> None:
        self.day = publication_day(doc)
        self.doc = doc
        self.chunks = NounChunks(doc)
        self.people: dict[tuple[str, ...], Match] = {}

    def resolve(self, span: Any, label: str) -> Match | None:
        key = phrase_key(span.text)
        if key in self.people:
            earlier = self.people[key]
            return Match(earlier.actor, "earlier:" + earlier.rule, person=True)
        if label in {"PERSON", "ORG", "GPE", "NORP"} or label in {"LOC", "FAC"}:
            direct = lookup(key, self.day)
            if direct is not None and direct.rule.endswith(OUT_OF_OFFICE) and self._titled(span):
                # the text's title names a role now ("German Chancellor Olaf Scholz"): the
                # dictionary's roles are out of date, the title alone speaks
                return self._person(span, key, use_listed=False) if label == "PERSON" else None
            if direct is not None:
                if direct.person:
                    direct = _with_title(direct, _title_tokens(span, self.chunks), self.day)
                    self._remember(key, direct)
                return direct
        acronym = _acronym(span, self.day) if label in ("ORG", "GPE", "NORP") else None
        if acronym is not None:
            return acronym
        if label == "PERSON":
            return self._person(span, key)
        if label == "NORP" and span.start and span.doc[span.start - 1].lower_ == "ethnic":
            return None  # "ethnic Albanians" in Serbia are not Albania
        if label == "ORG" and key and key[-1].rsplit("-", 1)[-1] in MEDIA_NAME_WORDS:
            return _news_outlet(span, self.day)
        if label in ACTOR_LABELS:
            found = resolve_words(span, self.day, name=label == "ORG")
            if found is None and label == "ORG" and key and key[-1] in STATE_BODY_WORDS \
                    and not NON_STATE_WORDS.intersection(key):
                return Match(Actor("GOV", None, "GOV", None, None), STATE_BODY)
            return found
        return None

    def _titled(self, span: Any) -> bool:
        """Whether a person's title in the text names a current role (not "former ...")."""
        words = _words(_title_tokens(span, self.chunks))
        return bool(words) and not any(w in FORMER for w, _ in words) and \
            _title_match(_title_tokens(span, self.chunks), self.day) is not None

    def _person(self, span: Any, key: tuple[str, ...], use_listed: bool = True) -> Match | None:
        """A person by a listed name written another way, else by their title in the text."""
        title_tokens = _title_tokens(span, self.chunks)
        title = _title_match(title_tokens, self.day)
        listed = self._listed_person(key) if use_listed else None
        if listed is not None and listed.rule.endswith(OUT_OF_OFFICE) and self._titled(span):
            listed = None  # the text's title is newer than the dictionary's roles
        # a title naming an organisation or another country wins ("the UN coordinator X")
        if listed is not None and (title is None or not title.actor.org and title.actor.country
                                   in (None, listed.actor.country)):
            listed = _with_title(listed, title_tokens, self.day)
            self._remember(key, listed)
            return listed
        if title is None:
            return None
        actor = Actor(title.actor.code, title.actor.country, title.actor.sector, title.actor.org, span.text)
        match = Match(actor, "title:" + title.rule, person=True)
        self._remember(key, match)
        return match

    def _listed_person(self, key: tuple[str, ...]) -> Match | None:
        """A Phoenix person by a name written another way or by surname ("Mitterand", "Mugabe"),
        when the article names their country (:func:`actor_names.listed_person`)."""
        found = listed_person(key, self.day, self.countries)
        if found is None:
            return None
        code, name, rule = found
        return Match(actor_from_code(code, name), rule, person=True)

    @functools.cached_property
    def countries(self) -> frozenset[str]:
        """Countries the article names as places or nationalities ("Zimbabwe", "South African")."""
        found = set()
        for ent in self.doc.ents:
            if ent.label_ in {"GPE", "NORP", "LOC"}:
                key = phrase_key(ent.text)
                match = lookup(key, self.day) or lookup_plural(key, self.day)
                if match is not None and match.actor.country and not match.person:
                    found.add(match.actor.country)
        return frozenset(found)

    def _remember(self, key: tuple[str, ...], match: Match) -> None:
        self.people.setdefault(key, match)
        if len(key) > 1:
            self.people.setdefault(key[-1:], match)


_TITLE_WORDS = frozenset({"MR", "MRS", "MS", "DR", "SIR", "LORD", "LADY", "CROWN", "FORMER", "ACTING"})


def _is_title(token: Any) -> bool:
    key = phrase_key(token.text)
    return bool(key) and (key[0] in _TITLE_WORDS or key in agent_dictionary())


_NAME_POS = frozenset({get_string_id("PROPN"), get_string_id("ADJ")})


def _missed(doc: Any, day: str) -> list[tuple[Any, str]]:
    """Proper-noun runs the NER left out that the dictionaries know ("Kiev states ...")."""
    found = []
    # Token attributes as plain lists: one C call instead of a Token object per word.
    ent_types = doc.to_array("ENT_TYPE").tolist()
    pos = doc.to_array("POS").tolist()
    i = 0
    while i < len(doc):
        if ent_types[i] or pos[i] not in _NAME_POS:
            i += 1
            continue
        token = doc[i]
        if not token.text[:1].isupper():
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < 4 and doc[end].pos_ in {"PROPN", "NOUN"} and not doc[end].ent_type_:
            end += 1
        for stop in range(end, i, -1):
            match = lookup(phrase_key(doc[i:stop].text), day) or _acronym(doc[i:stop], day)
            if match is not None and (token.pos_ == "PROPN" or not match.person):
                found.append((doc[i:stop], "PERSON" if match.person else _label_of(match)))
                i = stop
                break
        else:
            if token.pos_ == "PROPN" and end - i >= 2 and i > 0 and _is_title(doc[i - 1]):
                found.append((doc[i:end], "PERSON"))  # "Defence Minister Rustem Umerov"
                i = end
            else:
                i += 1
    return found


def _merge_split_names(spans: list[tuple[Any, str]], day: str) -> list[tuple[Any, str]]:
    """Join adjacent pieces the NER split ("Ursula von der" + "Leyen") when the whole is a known name."""
    merged: list[tuple[Any, str]] = []
    for span, label in spans:
        if merged and merged[-1][0].end == span.start:
            whole = span.doc[merged[-1][0].start : span.end]
            match = lookup(phrase_key(whole.text), day)
            if match is not None:
                merged[-1] = (whole, "PERSON" if match.person else _label_of(match))
                continue
        merged.append((span, label))
    return merged


def _acronym(span: Any, day: str) -> Match | None:
    """A one-word span written in capitals looked up among the dictionaries' acronyms ("LTTE";
    "Ana" is a name, not the Albanian National Army's ANA)."""
    if len(span) != 1 or not span.text.isupper():
        return None
    return lookup(acronym_key(span.text), day)


#: words a name may hold between its capitalised parts ("Liberation Tigers of Tamil Eelam").
_NAME_JOINERS = frozenset({"of", "for", "the", "and", "de", "al"})


def _widen(spans: list[tuple[Any, str]], day: str) -> list[tuple[Any, str]]:
    """Each span grown to the longest known organisation or place name around it, when the NER
    cut a name into pieces ("Liberation [Tigers] of [Tamil Eelam]": "Tigers" alone is another
    group); the pieces it covers go."""
    widened: list[tuple[Any, str]] = []
    for span, label in spans:
        if widened and span.start < widened[-1][0].end:
            continue  # inside the name before it
        whole = _widest_name(span, day)
        widened.append((span, label) if whole is None else whole)
    return widened


def _widest_name(span: Any, day: str) -> tuple[Any, str] | None:
    doc, sent = span.doc, span.sent
    start = span.start
    while start > sent.start and span.start - start < 3 and doc[start - 1].pos_ == "PROPN":
        start -= 1
    end = span.end
    while end < sent.end and end - span.end < 5 and (
            doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()
            or doc[end].lower_ in _NAME_JOINERS and end + 1 < sent.end and doc[end + 1].text[:1].isupper()):
        end += 1
    if start == span.start and end == span.end:
        return None
    for length in range(end - start, len(span), -1):  # the longest first
        for first in range(start, end - length + 1):
            last = first + length
            if first > span.start or last < span.end or doc[last - 1].lower_ in _NAME_JOINERS:
                continue
            match = lookup(phrase_key(doc[first:last].text), day)
            if match is not None and not match.person:
                return doc[first:last], _label_of(match)
    return None


def _label_of(match: Match) -> str:
    return "ORG" if match.actor.org or not match.actor.country else "GPE"


def extract_entities(doc: Any) -> list[Entity]:
    """Named entities of a parsed Doc, cleaned, each with the actor it names (or None).

    Args:
        doc: a Doc from ``newsevents.nlp.make_docs`` after the model's NER ran.

    Returns:
        Entities in text order; ``rule`` says which table or rule resolved the actor.
    """
    resolver = _Resolver(doc)
    entities = []
    spans = [(ent, ent.label_) for ent in doc.ents if ent.label_ in ENTITY_LABELS]
    spans.extend(_missed(doc, resolver.day))
    spans.sort(key=lambda pair: pair[0].start)
    for ent, label in _widen(_merge_split_names(spans, resolver.day), resolver.day):
        span = _clean(ent, label)
        if span is None:
            continue
        match = resolver.resolve(span, label)
        entities.append(
            Entity(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=_relabel(label, match),
                actor=match.actor if match else None,
                rule=match.rule if match else None,
            )
        )
    return read_short_names(_defined_acronyms(text_of(doc), entities))


#: last words of a news outlet's name ("the Bangkok Post", "The Buffalo News", "Radio Free
#: Asia" is not one: the word must end the name). Only names the dictionaries do not know.
MEDIA_NAME_WORDS = frozenset({"POST", "TIMES", "NEWS", "JOURNAL", "HERALD", "TRIBUNE", "GAZETTE",
                              "DAILY", "TELEGRAPH", "CHRONICLE", "DISPATCH", "OBSERVER", "GUARDIAN",
                              "NEWSPAPER", "MAGAZINE", "RADIO", "TELEVISION", "TV", "SHIMBUN"})


#: last words of the name of a state body the tables lack ("the National Communications
#: Council", "the Control Board"): the government of the country the actor graph places it in.
STATE_BODY_WORDS = frozenset({"COUNCIL", "BOARD", "COMMISSION", "MINISTRY", "AUTHORITY",
                              "AGENCY", "DEPARTMENT", "DIRECTORATE", "INSPECTORATE"})
#: words that make such a name another kind of body ("the Labour Council", "the World Council
#: of Churches", "the Refugee Council").
NON_STATE_WORDS = frozenset({"LABOUR", "LABOR", "TRADE", "UNION", "UNIONS", "WORKERS", "CHURCH",
                             "CHURCHES", "STUDENTS", "BUSINESS", "INDUSTRY", "EMPLOYERS",
                             "CHAMBER", "INTERNATIONAL", "WORLD", "REFUGEE", "HUMAN", "RIGHTS",
                             "MUSLIM", "ISLAMIC", "JEWISH", "CHRISTIAN", "TRIBAL", "TOURIST"})
#: the rule of an entity resolved as an unknown state body (the actor graph places it).
STATE_BODY = "state body"


def _news_outlet(span: Any, day: str) -> Match:
    """An outlet the tables lack is media (MED), of the country its name places it in ("the
    Bangkok Post" THAMED), else of none: the actor graph places it in the story's country."""
    found = resolve_words(span, day)
    country = found.actor.country if found is not None and not found.person else None
    code = (country or "") + "MED"
    return Match(Actor(code, country, "MED", None, None), "news outlet")


def _defined_acronyms(text: str, entities: list[Entity]) -> list[Entity]:
    """An acronym the article defines ("the Korean Confederation of Trade Unions (KCTU)", also
    after a quoted name: '"National Communications Council" (CNC)') names
    the same actor wherever the article uses it; an acronym's own dictionary entry is kept."""
    defined: dict[str, Entity] = {}
    for entity in entities:
        if entity.actor is None:
            continue
        after = text[entity.end:entity.end + 14]
        found = _DEFINITION.match(after)
        if found is not None:
            defined.setdefault(found["short"], entity)
    if not defined:
        return entities
    return [replace(e, actor=defined[e.text].actor, label=defined[e.text].label,
                    rule=f"acronym:{defined[e.text].text}")
            if e.actor is None and e.text in defined else e for e in entities]


#: an acronym in brackets right after a name (or its closing quote): " (KCTU)".
_DEFINITION = re.compile(r"[\"\u201d']?\s*\((?P<short>[A-Z][A-Z&.-]{1,9})\)")
