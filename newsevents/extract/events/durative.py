"""Undated durative states and hedged beliefs: what the coding guide leaves uncoded.

Annotation guide §5 "Not coded": "undated durative or habitual states ('has long backed the
rebels', 'talks since spring')" and "hedged beliefs ('We think they also contacted others')".
A perfect that spans a stretch of time ("has supported Israel for decades", "have fought since
2011", "in recent years has criticised") reports a relation, not a happening with a date; a
clause under a verb of belief is the speaker's guess, not an asserted event. A stretch that
starts on a named day ("have been on emergency duty since October 19") dates the state and
stays coded.
"""

from __future__ import annotations

from spacy.tokens import Token

#: units of time whose plural (or "a long time") makes a "for" phrase a stretch, not a date.
TIME_UNITS = frozenset({"year", "decade", "month", "week", "century", "generation", "time"})
#: units long enough that "over the past N ..." is a lasting course, not a recent operation.
LONG_UNITS = frozenset({"year", "decade", "century", "generation"})
#: starting points that leave a "since" stretch undated: a season, a bare year, "then".
SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter", "then"})
#: verbs that state a lasting course by themselves ("talks have continued since spring").
CONTINUING_VERBS = frozenset({"continue", "last", "persist", "drag", "go"})
#: verbs of belief: their clause is a guess ("We think they also contacted others").
BELIEF_VERBS = frozenset({"think", "believe", "suspect", "suppose", "assume", "guess",
                          "presume", "reckon", "speculate", "imagine"})


def _stretch(prep: Token) -> bool:
    """Whether a "for", "since", "over" or "in" phrase names a stretch of time with no date:
    "for decades", "for over 20 years", "for a long time", "since spring", "since 2011",
    "over the past few years", "in recent years"."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs:
        return False
    obj = objs[0]
    word, lemma = prep.lower_, obj.lemma_.lower()
    if word == "since":
        if lemma in SEASONS:
            return True
        return obj.like_num and len(obj.text) == 4 and not list(obj.children)  # a bare year
    if lemma not in TIME_UNITS:
        return False
    mods = {c.lower_ for c in obj.children}
    if word == "for":
        return obj.tag_ == "NNS" or (lemma == "time" and mods & {"long", "some"})
    return word in ("over", "in") and obj.tag_ == "NNS" and lemma in LONG_UNITS \
        and bool(mods & {"past", "last", "recent"})


#: modifiers that make an event noun a lasting state ("the decades-long occupation").
LASTING_MODIFIERS = frozenset({"long-running", "long-standing", "longstanding", "decades-old",
                               "years-old", "protracted", "perennial"})


def _lasting(modifier: Token) -> bool:
    """Whether a noun modifier says the event lasts: "years-long", "decades-long",
    "long-running" (the parser may split the hyphenated word: its head is then "long")."""
    word = modifier.lower_
    if word in LASTING_MODIFIERS or (word.endswith("-long") and word != "day-long"):
        return True
    if word in ("long", "running", "standing", "old"):
        left = [c.lower_ for c in modifier.children if c.i < modifier.i]
        return any(w.rstrip("s") in ("year", "decade", "month", "century") or w == "long"
                   for w in left)
    return False


def _perfect(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had", "'ve")
               for c in verb.children)


def durative(token: Token) -> bool:
    """Whether the predicate states an undated lasting state: a perfect, or a verb of
    continuing, with a stretch of time ("has supported Israel for decades", "talks have
    continued since spring"). An event noun is read through the verb it is the subject or
    object of ("have held talks since March")."""
    if token.pos_ == "NOUN" and any(c.dep_ in ("amod", "compound") and _lasting(c)
                                    for c in token.children):
        return True  # "the years-long blockade of Gaza", "the long-running dispute"
    verb = token
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = token.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if not (_perfect(verb) or verb.lemma_.lower() in CONTINUING_VERBS):
        return False
    if _perfect(verb) and any(c.dep_ == "advcl" and not _dated(c) and any(
            m.dep_ == "mark" and m.lower_ == "since" for m in c.children) for c in verb.children):
        return True  # "Since the war began, Russia has fired thousands of missiles"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(c.dep_ == "prep" and _stretch(c)  # "has for years accused": on the auxiliary
               for c in [*verb.children, *(g for a in auxes for g in a.children)])


def believed(token: Token) -> bool:
    """Whether the predicate is the clause of a verb of belief ("We think they also
    contacted the Saudis", "officials suspect Iran supplied the missiles"): a hedged
    belief, not an asserted event (annotation guide §5)."""
    clause = token
    for _ in range(3):
        if clause.dep_ == "conj":
            clause = clause.head
            continue
        break
    if clause.dep_ != "ccomp":
        return False
    if clause.head.lemma_.lower() in BELIEF_VERBS:
        return _joined(clause.head, clause)
    # the parser's slip for "We think they contacted X, the minister said": both clauses hang
    # on the reporting verb, the belief verb just before the clause it governs
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    return before is not None and before.dep_ == "ccomp" and before.head == clause.head \
        and before.lemma_.lower() in BELIEF_VERBS


def _joined(belief: Token, clause: Token) -> bool:
    """Whether the belief verb governs the clause in one stretch of text: nothing but words
    and commas between them. A quote closing or a paragraph break between them is the
    parser joining two sentences ('"... I also thought that ..." / X spoke out against')."""
    if belief.i > clause.i:
        return True  # "Iran supplied the missiles, officials believe"
    between = belief.doc[belief.i + 1:clause.left_edge.i]
    return not any(t.is_space or (t.is_punct and t.text != ",") or "\n" in t.whitespace_
                   for t in between) and "\n" not in belief.whitespace_


def since_background(token: Token) -> bool:
    """Whether the predicate is the starting point of a "since" stretch: "since Israel
    disengaged from Gaza", "since the revolution that overthrew the regime". Such a clause
    recalls an earlier happening as background to the sentence's own event, and the guide
    codes background events only when dated (annotation guide §5); a dated one ("since the
    army seized the town in 2001") stays."""
    node = token
    for _ in range(8):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since"
                                        for c in node.children):
            return not _dated(node)
        if node.dep_ == "prep" and node.lower_ == "since":
            return not _dated(node)
        if node.head == node:
            return False
        node = node.head
    return False


def _dated(node: Token) -> bool:
    """Whether a clause names a time ("on 3 May", "in 2001"): a year dates a background event
    too (the guide's "the 2023 NATO summit" -> 2023)."""
    return any(t.ent_type_ == "DATE" for t in node.subtree)


#: verbs of regard: "X views Y as a threat" in the present is how X sees Y, an attitude.
REGARD_VERBS = frozenset({"view", "see", "regard", "perceive", "consider", "treat"})
#: predicative adjectives of a lasting stance ("remains committed to supporting Ukraine").
STANCE_ADJECTIVES = frozenset({"committed", "dedicated", "devoted", "opposed", "sympathetic"})


def attitude(token: Token) -> bool:
    """Whether the predicate states an attitude, not a happening (annotation guide §5,
    "attitudes"): a verb of regard in the simple present with an "as" complement ("Japan
    views China as a threat", "Estonians view the monument as a symbol"), or an act under a
    lasting stance ("remains committed to supporting Ukraine")."""
    if token.lemma_.lower() in REGARD_VERBS and token.tag_ in ("VBZ", "VBP") and any(
            c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
        return True
    node = token
    for _ in range(3):
        node = node.head
        if node.lemma_.lower() in STANCE_ADJECTIVES and node.head.lemma_.lower() in ("remain", "stay"):
            return True
        if node.head == node:
            break
    return False
