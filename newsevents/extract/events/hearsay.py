"""Reports the story doubts: the content of a rumour, or of a report that is unconfirmed or
denied, is not an asserted event (annotation guide §5, "unconfirmed reports the story
doubts"). A plain report ("the BBC reported that ...", "reports that X attacked Y emerged")
is routine media reporting and its event stays coded.
"""

from __future__ import annotations

from spacy.tokens import Token

#: nouns whose content is hearsay by its very name.
RUMOUR_NOUNS = frozenset({"rumour", "rumor", "speculation", "gossip", "hearsay"})
#: nouns whose content is doubted only when the sentence says so.
REPORT_NOUNS = frozenset({"report", "claim", "allegation", "account", "suggestion"})
#: modifiers that doubt a report ("unconfirmed reports", "unverified claims").
DOUBTING_MODIFIERS = frozenset({"unconfirmed", "unverified", "uncorroborated", "unsubstantiated",
                                "unsourced", "unfounded", "baseless", "false"})
#: verbs whose object or subject report is doubted ("denied reports that", "dismissed claims").
DOUBTING_VERBS = frozenset({"deny", "dismiss", "reject", "refute", "discount", "doubt",
                            "question", "dispute", "contradict"})
#: verbs that, negated, leave a report doubted ("could not be confirmed").
CONFIRMING_VERBS = frozenset({"confirm", "verify", "corroborate", "substantiate"})


def doubted_report(token: Token) -> bool:
    """Whether the predicate is the content of a doubted report or a rumour: "rumours that
    Egypt had expelled the ambassador", "denied reports that its army attacked", "reports that
    troops shelled the village could not be confirmed", "according to unconfirmed reports,
    troops crossed into Somalia"."""
    clause = token
    for _ in range(3):
        if clause.dep_ != "conj":
            break
        clause = clause.head
    if clause.dep_ in ("acl", "ccomp") and clause.head.pos_ in ("NOUN", "PROPN"):
        return _doubted(clause.head)
    return any(c.dep_ == "prep" and c.lower_ == "according"
               and any(_doubted(o) for g in c.children for o in g.children if o.dep_ == "pobj")
               for c in clause.children)


def _doubted(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in RUMOUR_NOUNS:
        return True
    if lemma not in REPORT_NOUNS:
        return False
    if any(c.dep_ == "amod" and c.lower_ in DOUBTING_MODIFIERS for c in noun.children):
        return True
    verb = noun.head
    if verb.lemma_.lower() in DOUBTING_VERBS and noun.dep_ in ("dobj", "nsubjpass"):
        return True
    return noun.dep_ == "nsubjpass" and verb.lemma_.lower() in CONFIRMING_VERBS and any(
        c.dep_ == "neg" for c in verb.children)
