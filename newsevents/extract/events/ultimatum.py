"""Obligations in reported speech: appeal, demand or ultimatum.

The coding guide's appeals (024 "should resign", 025 appeal for restraint, 027 a third party
calling for an end to fighting) are mostly reported as "X said Y should/must ...", and the dev
gold codes a reported "must" as an appeal (02) as often as "should": news English uses "must"
for emphasis, not for the force of a demand. A demand (10) is what the speaker *insists* on
("insisted that Freedonia must hand over the suspects"), and "Y must do Z or face W" names a
penalty: a threat (13), which the guide exempts from the conditional-future rule.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

#: speech verbs that make a reported obligation a demand rather than an appeal.
INSISTING_CUES = frozenset({"insist", "demand"})
#: verbs of the penalty clause in "must ... or face / or risk / or suffer ...".
PENALTY_VERBS = frozenset({"face", "risk", "suffer", "incur"})


def obligation(kind: str, cue: Token, content: Span) -> str:
    """What a content kind becomes under its speech verb: an appeal or demand with a penalty is
    a threat; a demand only under an insisting verb, else an appeal; other kinds unchanged."""
    if kind not in ("appeal", "demand"):
        return kind
    if ultimatum(content):
        return "threaten"
    return "demand" if kind == "demand" and cue.lemma_.lower() in INSISTING_CUES else "appeal"


def ultimatum(content: Span) -> bool:
    """Whether the obligation carries a penalty: "Japan must open its markets or face
    reprisals", "... or risk sanctions" (the penalty verb joined by "or")."""
    return any(t.lemma_.lower() in PENALTY_VERBS and t.dep_ == "conj"
               and any(c.lower_ == "or" and c.dep_ == "cc" for c in t.head.children)
               for t in content)


#: what a party "takes" against another: "will take all necessary measures" (guide: 138).
MEASURE_NOUNS = frozenset({"measure", "countermeasure", "action", "step"})
#: words that make measures adversarial by themselves: "firm action", "retaliatory steps".
HOSTILE_WORDS = frozenset({"retaliatory", "counter", "firm", "tough", "strong", "decisive",
                           "resolute", "punitive"})
#: words of measures that are a response only when aimed at a party: "appropriate actions"
#: against X, or if X does Y; "all necessary measures" together (the guide's example).
RESPONSE_WORDS = frozenset({"necessary", "appropriate", "all"})
#: entity types of a party named in a condition ("if Denmark raises its tariffs").
PARTY_TYPES = frozenset({"GPE", "ORG", "NORP"})


def countermeasures(content: Span) -> bool:
    """Whether the content promises measures in response: "will take all necessary measures",
    "would take action if Denmark raises its tariffs", "firm action against X" (a threat, force
    unstated but implied; the guide codes it 138, conditional or not). "Will take steps to cut
    taxes" and "if allegations are proven, will take appropriate actions" threaten no one."""
    for token in content:
        if not (token.lemma_.lower() in MEASURE_NOUNS and token.dep_ == "dobj"
                and token.head.lemma_.lower() in ("take", "adopt")):
            continue
        take = token.head
        if any(c.dep_ == "neg" for c in take.children):
            continue
        words = {w.lower_ for w in token.subtree}
        aimed = any(c.dep_ == "prep" and c.lower_ == "against" for c in (*take.children,
                                                                         *token.children))
        party_condition = any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                      for m in c.children)
            and any(s.dep_ in ("nsubj", "nsubjpass") and (s.pos_ == "PROPN" or s.ent_type_ in
                                                          PARTY_TYPES) for s in c.children)
            for c in take.children)
        if words & HOSTILE_WORDS or {"all", "necessary"} <= words or aimed or party_condition:
            return True
    return False


#: what a party refuses by saying there will be none: "there will be no talks with X".
TALKS = frozenset({"talk", "negotiation", "dialogue", "contact"})


def no_talks(head: Token) -> bool:
    """Whether the content says there will be no talks: "there would not be talks with
    criminal groups" rejects negotiation (12); under "as long as"/"unless" it threatens to
    halt them (13: the caller checks the condition)."""
    if head.lemma_ != "be" or not any(c.dep_ == "expl" for c in head.children):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo", "can", "could")
               for c in head.children):
        return False
    talks = [c for c in head.children if c.dep_ in ("attr", "nsubj") and c.lemma_.lower() in TALKS]
    return any(c.dep_ == "neg" for c in head.children) and bool(talks) or any(
        d.dep_ == "det" and d.lower_ == "no" for t in talks for d in t.children)


def talks_partner(head: Token) -> Token | None:
    """The party there will be no talks with: the "with" object of the talks noun."""
    if not no_talks(head):
        return None
    return next((o for c in head.children if c.lemma_.lower() in TALKS for p in c.children
                 if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
                 if o.dep_ == "pobj"), None)


#: words that make "it is X that Y do" / "it is X for Y to do" an appeal to Y (02).
URGENT_WORDS = frozenset({"important", "essential", "crucial", "vital", "imperative",
                          "necessary", "urgent", "time"})


def urgent_clause(root: Token) -> Token | None:
    """The clause an impersonal urging frame asks of a party: "it is important that all Kenyans
    respond with calm", "it is time for Kenya to hold new elections" -> "respond", "hold"; also
    under the speaker's own "I think" ("I think it is important that ...")."""
    if root.lemma_ in ("think", "believe") and any(
            c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in root.children):
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    if root.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in root.children):
        return None
    frames = [c for c in root.children if c.dep_ in ("acomp", "attr") and c.lower_ in URGENT_WORDS]
    if not frames or any(c.dep_ == "neg" for c in root.children):
        return None
    return next((c for h in (root, *frames) for c in h.children
                 if c.dep_ in ("ccomp", "advcl", "relcl") and c.i > frames[0].i), None)
