"""Who said it: the speaker of a speech word, as a mention with its actor (the actor graph
resolves pronouns, descriptions and bare sectors)."""

from __future__ import annotations

from typing import Any

from ...records import Actor, Entity, Mention
from ..actors.coref import actor_of, antecedent, candidates, nominal_kinds, np_span, reference_kinds
from ..actors.graph import ActorGraph
from ..quotemarks import quoted_ranges
from .common import CLIMB_DEPS, EMBED_DEPS, borne_sign, cue_words, is_cue_verb
from .misparsed import light_verb_speaker


def speaker_of(cue: Any) -> Any:
    """The head token of whoever utters ``cue``, or None.

    Climbs ``xcomp``/``advcl``/``conj`` to a shared subject ("Russia continues to insist",
    "..., he said, noting"). A participle cue buried inside another clause's content
    ("telling Ukraine it should ... and suggesting that ...") takes the speaker of the speech
    verb above it, never the subject of the content clause.
    """
    outer = _outer_cue(cue)
    if outer is not None:
        return speaker_of(outer)
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if cue.pos_ == "NOUN" and before is not None and before.tag_ in ("VBZ", "NNS") \
            and before.lemma_.lower() in cue_words()["noun"]:
        return before  # "and reports state that": both words mistagged, the first the subject
    if borne_sign(cue) is not None:
        return borne_sign(cue)
    token = cue
    for _ in range(8):
        subject = _quoted_person(token) or _subject(token)
        if subject is not None:
            return subject
        if token.dep_ == "relcl":
            return token.head
        verb = _verb_of_object(token)
        if verb is not None:  # "commented on the visit stating, '...'": the commenter's
            token = verb
            continue
        if token.dep_ == "acl" and token.head.pos_ == "NOUN":  # "issued a statement saying ..."
            return light_verb_speaker(token.head) or noun_speaker(token.head) or token.head
        shouter = _object_before(token)
        if shouter is not None:
            return shouter
        if token.dep_ in CLIMB_DEPS and token.head != token:
            token = token.head
        elif token.dep_ == "ccomp" and is_cue_verb(token) and is_cue_verb(token.head):
            token = token.head  # "said X and warned that ...", the conjunct parsed as content
        elif token.tag_ == "VBG" and token.dep_ in EMBED_DEPS:
            return _outer_speaker(token)
        else:
            return _nearest_name(cue)
    return None


def _verb_of_object(token: Any) -> Any:
    """A participle set off by a comma that the parser hung on the object of a preposition
    ("Obama, who commented on the visit stating, '...'"): it goes with the verb of that
    preposition, not with the noun (a visit states nothing); not a speech noun's own."""
    head = token.head
    if token.tag_ != "VBG" or token.dep_ != "acl" or head.dep_ != "pobj" \
            or head.lemma_.lower() in cue_words()["noun"] or head.head.head.pos_ != "VERB":
        return None
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return head.head.head if after is not None and after.text in (",", ":") else None


def _object_before(token: Any) -> Any:
    """"Police were used to force away the protesters, screaming '...'": a participle set off
    after the object of a verb with no subject of its own describes that object, the speaker."""
    head = token.head
    if token.tag_ != "VBG" or token.dep_ != "advcl" or head == token \
            or any(c.dep_ in ("nsubj", "agent") for c in head.children):
        return None
    comma = token.doc[token.i - 1] if token.i > 0 else None
    for child in head.children:
        if child.dep_ == "dobj" and comma is not None and comma.text == "," \
                and child.right_edge.i == comma.i - 1:
            return child
    return None


def _outer_cue(cue: Any) -> Any:
    """The speech verb whose content the parser hung this cue on: "X has stated that he supports
    A and has said that B", "Y stated that the settlements are illegal, saying that ...": the
    second cue joined to the first one's reported clause is the first speaker's too."""
    head = cue.head
    if cue.dep_ not in ("conj", "advcl") or head == cue or is_cue_verb(head):
        return None
    if cue.dep_ == "advcl" and cue.tag_ != "VBG":
        return None
    if head.dep_ == "ccomp" and is_cue_verb(head.head) and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return head.head
    return None


def _quoted_person(verb: Any) -> Any:
    """Whom "quote" names as the speaker: "the agency quoted Zverev as saying" (the object),
    "the CEO of TCS was quoted saying", "the minister was reported as saying" (the passive
    subject), not the one quoting."""
    lemma = verb.lemma_.lower()
    if lemma not in ("quote", "report"):
        return None
    for child in verb.children:  # "X was reported as saying": the passive subject only
        if child.dep_ == "nsubjpass" or (child.dep_ == "dobj" and lemma == "quote"):
            return prefer_name(child)
    return None


def _nearest_name(cue: Any) -> Any:
    """A speech verb the parser left without a subject ("Speaking in Hermosillo, Deputy Finance
    Minister X said ..."): the nearest person or organisation named before it in its sentence,
    outside its own clauses."""
    inside = {t.i for child in cue.children if child.dep_ in ("ccomp", "xcomp") for t in child.subtree}
    for token in reversed(cue.doc[cue.sent.start : cue.i]):
        if token.i not in inside and token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") \
                and token.ent_iob_ in ("B", "I") and (token.i + 1 == cue.i or token.nbor().ent_iob_ != "I"):
            return token
    return None


def _outer_speaker(token: Any) -> Any:
    for ancestor in token.ancestors:
        if is_cue_verb(ancestor):
            return speaker_of(ancestor)
    if token.dep_ == "pcomp":  # "Binay countered the allegations in saying that ..."
        verb = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
        return _subject(verb) if verb is not None else None
    return None


def _subject(verb: Any) -> Any:
    quoted = quoted_ranges(verb.doc)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    outside = [c for c in subjects if not any(a < c.idx < b for a, b in quoted)]
    # '"... The fact that ... speaks for itself," said the mayor': a second subject the parser
    # found inside the quote is not the speaker
    first = (outside or subjects)[0].i if subjects else -1
    if len(outside) == 2 and _apposed_name(*outside):
        first = outside[1].i  # "The security officer of X, Jamal Aliam, told": the name
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i == first:
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            return prefer_name(child)
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return prefer_name(objects[0])
    return None


def _apposed_name(title: Any, name: Any) -> bool:
    """A second subject that is a name set off by a comma right after the first subject's
    phrase: an apposition the parser read as a subject of its own."""
    comma = name.left_edge.i - 1
    return title.pos_ == "NOUN" and name.pos_ == "PROPN" and comma == title.right_edge.i + 1 \
        and title.doc[comma].text == ","


def prefer_name(token: Any) -> Any:
    """"The spokesman, Georgy Tikhy, said", "opined BBC's Sinhala Editor, Priyath Liyanage": the
    apposed name is the speaker as written."""
    title = token.pos_ == "PROPN" and "PERSON" in nominal_kinds().get(token.lower_, ())  # "Editor"
    if token.pos_ in ("NOUN", "NUM") or title:  # "one of the leaders of the front, Rafaa al-Issawi"
        for child in token.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i > token.i + 1 \
                    and not (title and child.lower_ in nominal_kinds()):
                return child
    return token


def noun_speaker(noun: Any) -> Any:
    """Whose speech a speech noun is: its possessor, its "from"/"by" object, or the agent of a
    participle on it ("a statement released by the MoD")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = next((a for a in child.children if a.dep_ == "agent"), None)
            objects = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
            if objects:
                return objects[0]
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def speaker_mention(doc: Any, head: Any, entities: list[Entity],
                    graph: ActorGraph | None = None) -> Mention | None:
    """The speaker's mention as written, with its actor: its own words, else (a pronoun or a
    description) its antecedent's, asked of the actor graph when the antecedent names none
    itself ("It" -> "the final statement" -> the NATO summit that issued it)."""
    if head is not None and head.pos_ == "NUM":
        return _partitive(doc, head, entities, graph)
    misread = head is not None and head.pos_ == "VERB" and (head.dep_ == "nsubj" or (
        head.tag_ == "VBZ" and head.lemma_.lower() in cue_words()["noun"]))  # "Press reports
    # citing sources said": a plural noun the tagger took for a verb, as the subject
    if head is None or (head.pos_ not in ("PROPN", "NOUN", "PRON") and head.ent_type_ != "NORP"
                        and not misread):
        return None  # a nationality speaks for its country: "Israeli warnings that ..."
    span = np_span(head) if not misread else doc[min([head.i] + [
        c.left_edge.i for c in head.lefts if c.dep_ in ("nsubj", "compound", "amod", "det")]) : head.i + 1]
    if head.pos_ == "PRON" and reference_kinds(span) is None:
        return Mention(span.start_char, span.end_char, span.text, None)
    if reference_kinds(span) is not None:
        found = antecedent(doc, span, entities)
        actor = found.actor if found else None
        if actor is None and found is not None and graph is not None:
            root = doc.char_span(found.start, found.end, alignment_mode="expand")
            resolved = graph.mention(root.root) if root is not None else None
            actor = resolved.actor if resolved is not None else None
        if actor is None and head.pos_ == "NOUN":
            actor = actor_of(span, entities)
        return Mention(span.start_char, span.end_char, span.text, actor)
    actor = actor_of(span, entities) or _same_person_actor(doc, span, entities)
    if actor is None and graph is not None and head.pos_ == "NOUN":
        found = graph.mention(head)  # "a KCTU spokesperson": the body named inside the phrase
        actor = found.actor if found is not None else None
    return Mention(span.start_char, span.end_char, span.text, actor)


def _partitive(doc: Any, head: Any, entities: list[Entity], graph: ActorGraph | None) -> Mention | None:
    """"One of his closest aides said": the whole phrase as written, with the aides' actor."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if of is None or group is None:  # '"...," said one.': one of those just mentioned
        span = np_span(head)
        return Mention(span.start_char, span.end_char, span.text, None)
    inner = speaker_mention(doc, group, entities, graph)
    span = doc[np_span(head).start : of.right_edge.i + 1]
    return Mention(span.start_char, span.end_char, span.text, inner.actor if inner else None)


def located(graph: ActorGraph, mention: Mention | None, head: Any) -> Mention | None:
    """The speaker with a sector-only actor placed in its country (the actor graph's
    :meth:`~newsevents.extract.actors.graph.ActorGraph.locate`: "the officials" of a story
    about Japan are Japan's)."""
    if mention is None or head is None:
        return mention
    actor = graph.locate(mention.actor, head)
    if actor is None and _person(head):
        country = graph.sentence_country(head.sent) or graph.story_country
        actor = Actor(country, country) if country else None
    return mention if actor is mention.actor else Mention(mention.start, mention.end, mention.text, actor)


def _person(head: Any) -> bool:
    """A person named or referred to ("Jimmy Mucheru", "he", "witnesses"), no actor of their own: a
    resident of the country the sentence or story is about, its bare code (the guide's
    "analysts with a country and no sector")."""
    return (head.pos_ == "PROPN" and head.ent_type_ == "PERSON") or head.lower_ in ("he", "she") \
        or (head.pos_ == "NOUN" and head.lemma_.lower() in UNAFFILIATED)


#: people who speak for no institution: "witnesses said", "sources said" (not commentators:
#: "analysts" with a country code would be that state's statements to the events stage).
UNAFFILIATED = frozenset({"source", "witness", "resident"})


def _same_person_actor(doc: Any, span: Any, entities: list[Entity]) -> Any:
    """"Tikhy" takes the actor of the earlier "Ukrainian ... spokesman Georgy Tikhy"."""
    name = span.root.text
    for candidate in candidates(doc, entities):
        words = candidate.mention.text.split()
        if candidate.kind == "PERSON" and words and words[-1] == name and candidate.mention.actor:
            return candidate.mention.actor
    return None
