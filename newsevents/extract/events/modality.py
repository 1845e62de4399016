"""Modality of an event predicate: asserted, negated, hypothetical or future.

Read from the predicate's own dependents and the chain of clauses that govern it, never from
its complement: in "Russia demanded guarantees that Kiev will not join" the demand is asserted
and only the joining is negated and future.
"""

from __future__ import annotations

from spacy.tokens import Token

ASSERTED, NEGATED, HYPOTHETICAL, FUTURE = "asserted", "negated", "hypothetical", "future"

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
HYPOTHETICAL_AUX = frozenset({"could", "would", "may", "might", "should", "must", "can", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "once", "provided", "lest"})
#: governing verbs that say the governed event did not happen ("failed to secure").
NEGATING_VERBS = frozenset({"fail", "refuse", "decline", "reject", "deny", "avoid", "cease",
                            "stop", "neglect", "abandon", "forgo", "forget"})
#: governing verbs that leave the governed event unrealised ("wants to attack").
IRREALIS_VERBS = frozenset({"want", "hope", "seek", "try", "attempt", "wish", "consider",
                            "threaten", "offer", "propose", "urge", "call", "ask", "demand",
                            "promise", "vow", "pledge", "need", "aim", "like", "prefer", "push"})
#: governing verbs that put the governed event in the future ("plans to visit").
FUTURE_VERBS = frozenset({"plan", "expect", "intend", "schedule", "set", "prepare", "due",
                          "go", "aim", "poise"})
#: predicative adjectives that leave their complement unrealised ("is likely to visit").
EPISTEMIC_ADJECTIVES = frozenset({"likely", "unlikely", "possible", "probable", "eager"})
#: modifiers, and nouns taking "of", that leave an event noun unrealised ("possible military
#: strikes", "the possibility of a strike on Iran", "the threat of sanctions").
IRREALIS_MODIFIERS = frozenset({"possible", "potential", "proposed", "hypothetical", "prospective",
                                "eventual", "probable"})
IRREALIS_NOUNS = frozenset({"possibility", "prospect", "threat", "risk", "danger", "fear",
                            "likelihood", "chance", "spectre", "specter"})
#: governing verbs whose that-clause is a wish or a mandate, not a fact (FactBank's
#: non-factive predicates): "may recommend that the United States retaliate".
MANDATIVE_VERBS = IRREALIS_VERBS | frozenset({"recommend", "suggest", "request",
                                              "desire", "advocate"})
#: frames of desire and deliberation: with a clausal complement ("hoped the action would
#: convince", "is considering making an offer", "wanted the communique to imply") the
#: predicate states an attitude towards an event that has not happened (TimeML I_STATE).
DESIRE_VERBS = frozenset({"hope", "wish", "desire", "want", "like", "prefer", "consider",
                          "contemplate", "mull", "ponder", "weigh", "reconsider", "study",
                          "explore", "think"})
#: frames of expectation: "expected the G7 to reaffirm the accord" is a prediction.
EXPECT_VERBS = frozenset({"expect", "anticipate", "foresee", "envisage", "predict"})
#: dependents that make a frame verb's complement a clause (an event), not a thing.
CLAUSAL_DEPS = frozenset({"xcomp", "ccomp"})


def own_modality(token: Token) -> str:
    """Modality marked on the token itself (its negation, auxiliaries, 'no' determiner)."""
    children = list(token.children)
    if any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod"))
           for c in children) or any(_negative_subject(c) for c in children):
        return NEGATED
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if aux & HYPOTHETICAL_AUX:
        return HYPOTHETICAL
    if aux & FUTURE_AUX:
        return FUTURE
    if "going" in aux and any(c.lower_ == "to" for c in children):
        return FUTURE
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return HYPOTHETICAL
    if token.pos_ == "NOUN" and _irrealis_noun(token, children):
        return HYPOTHETICAL
    return ASSERTED


#: subjects that deny the act of their clause ("None of the countries criticised China").
NEGATIVE_SUBJECTS = frozenset({"none", "nobody", "neither", "nothing", "noone"})


def _negative_subject(child: Token) -> bool:
    """A subject that says no party acted: "Neither Japan nor Korea criticised China", "No
    country has recognised the government", "None of them attended"."""
    if child.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return child.lower_ in NEGATIVE_SUBJECTS or any(
        g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in child.children)


def _ruled_out(token: Token) -> bool:
    """Whether the clause or event noun is what a "rule out" excludes ("ruled out sending
    troops", "has ruled out any military intervention")."""
    head = token.head
    return token.dep_ in ("xcomp", "advcl", "dobj", "pcomp", "ccomp") and \
        head.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out"
                                              for c in head.children)


def _irrealis_noun(noun: Token, children: list[Token]) -> bool:
    """Whether an event noun is only possible: "possible strikes", "the risk of a war"."""
    if any(c.dep_ == "amod" and c.lower_ in IRREALIS_MODIFIERS for c in children):
        return True
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in IRREALIS_NOUNS


def _infinitive(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _clausal(child: Token) -> bool:
    """Whether a frame verb's dependent is an event complement ("to reaffirm", "making").

    Also the parser's slips for "expected X to reaffirm" / "wanted X to imply": the
    infinitive hung on the object (relcl) or on the verb (advcl).
    """
    if child.dep_ in CLAUSAL_DEPS or (child.dep_ == "dobj" and child.tag_ == "VBG"):
        return True
    if child.dep_ == "advcl" and _infinitive(child):
        return True
    return child.dep_ == "dobj" and any(
        g.dep_ == "relcl" and _infinitive(g) for g in child.children)


def frame_modality(token: Token) -> str:
    """Modality of a desire, deliberation or expectation verb taking an event complement.

    "hoped the action would convince Congress", "is considering making an offer", "wanted to
    develop a plan", "expected the Group of Seven to reaffirm the accord": the attitude is
    stated, the event is not (TimeML/FactBank: an intensional state over a non-factual
    event). With a thing as object ("considered the proposal", "hope for peace") the verb
    keeps its dictionary reading (CAMEO 014, 013).
    """
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in DESIRE_VERBS | EXPECT_VERBS:
        return ASSERTED
    if not any(_clausal(c) for c in token.children):
        return ASSERTED
    return FUTURE if lemma in EXPECT_VERBS else HYPOTHETICAL


def _governed(token: Token) -> str:
    """Modality a governing verb imposes on its xcomp ("failed to", "plans to", "wants to")."""
    head = token.head
    lemma = head.lemma_.lower()
    if lemma in NEGATING_VERBS:
        return NEGATED
    if lemma in FUTURE_VERBS or (lemma == "be" and token.dep_ == "xcomp"):
        return FUTURE
    if lemma in IRREALIS_VERBS or lemma in EPISTEMIC_ADJECTIVES:
        return HYPOTHETICAL
    return ASSERTED


def deliberation_modality(head: Token) -> str:
    """The modality of a deliberation coded as CAMEO 014 ("considers whether to join", "will
    study the proposal"): the deliberation itself is the event, so its clausal complement does
    not make it hypothetical, and an announced one ("will consider", reported "said they would
    consider") counts as stated (annotation guide §5: 014 "will study the proposal")."""
    found = modality(head, framed=False)
    reported = head.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "would"
                                            for c in head.children)
    return ASSERTED if found == FUTURE or (found == HYPOTHETICAL and reported) else found


#: clauses that stay true under a negated governing clause: an adverbial, relative or
#: participial clause is not what the negation denies ("did not attend the talks, which were
#: held in Oslo"; "never saw combat, as he enlisted a month before X signed the armistice").
SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl"})


def modality(head: Token, stop: Token | None = None, framed: bool = True) -> str:
    """The modality of the event whose predicate is ``head``.

    Walks up from the predicate through control (xcomp), adverbial and relative clauses and
    coordination, stopping at a reporting verb's complement boundary (ccomp) or at ``stop``.

    Args:
        head: the predicate token.
        stop: a governing token whose own modality must not be inherited (e.g. the
            reporting verb of a reported event).
        framed: whether a desire or deliberation verb's clausal complement makes it
            unrealised (:func:`frame_modality`).

    Returns:
        One of ``asserted``, ``negated``, ``hypothetical``, ``future``.
    """
    attitude = frame_modality(head) if framed else ASSERTED
    if attitude != ASSERTED:
        return attitude
    token = head
    below: Token | None = None  # the clause by which the walk came up to ``token``
    for _ in range(6):
        own = own_modality(token)
        if own == NEGATED and below is not None and below.dep_ in SUBORDINATE_DEPS \
                and not _infinitive(below):  # a purpose ("did not act to protect X") is denied
            return ASSERTED  # "never saw combat, as he enlisted a month before X signed"
        if own != ASSERTED:
            return own
        if _ruled_out(token):
            return NEGATED
        dep = token.dep_
        below = token
        if token.head == token or token.head == stop:
            return ASSERTED
        if dep == "xcomp":
            governed = _governed(token)
            if governed != ASSERTED:
                return governed
        elif dep == "advcl" and any(c.dep_ == "mark" and c.lower_ == "when" for c in token.children):
            # "when allies agree": conditional when the governing clause is not asserted
            parent = modality(token.head, stop)
            return HYPOTHETICAL if parent != ASSERTED else ASSERTED
        elif dep == "ccomp" and token.head.lemma_.lower() in MANDATIVE_VERBS:
            return HYPOTHETICAL  # "recommended that the United States retaliate"
        elif dep not in ("conj", "advcl", "relcl", "acl"):
            return ASSERTED
        token = token.head
    return ASSERTED


#: adverbs of repetition or duration: "has always accused", "often criticises".
HABITUAL_ADVERBS = frozenset({"always", "often", "repeatedly", "usually", "regularly",
                              "frequently", "long", "constantly", "routinely", "traditionally",
                              "steadfastly", "consistently", "persistently", "continually",
                              "habitually", "perennially", "customarily"})


def habitual(token: Token) -> bool:
    """Whether a verb states a habit or a lasting state, not a dated happening: an adverb of
    repetition ("has always accused me"), or the present perfect progressive ("has been
    encouraging better relations", "has been pushing for the removal of troops")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    children = list(token.children)
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in children):
        return True
    aux = [c.lower_ for c in children if c.dep_ == "aux"]
    return token.tag_ == "VBG" and "been" in aux and any(a in ("has", "have", "had") for a in aux)
