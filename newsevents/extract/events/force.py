"""Force in what a statement says: whether its content speaks of using force (a threat, CAMEO
13), of force it will not use (intent to de-escalate, 0356: :func:`.compose.negated_force`), or
of force it means to avert ("we can avoid a trade war", "I will bring this war to an end"),
which threatens no one.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

#: words of force: a promise or a future act of the speaker's side with one is a threat.
FORCE_WORDS = frozenset({"force", "attack", "strike", "retaliate", "retaliation", "military",
                         "war", "fire", "bomb", "kill", "destroy", "invade", "shoot", "respond",
                         "response", "resistance", "resist", "fight", "struggle", "escalate",
                         "missile", "weapon", "army", "troops", "revenge", "punish", "crush"})
#: verbs whose object is force kept from happening: "avoid a trade war", "end the war".
AVERTING_VERBS = frozenset({"avoid", "avert", "prevent", "end", "stop", "halt", "cease",
                            "forestall", "defuse", "resolve"})
#: roots of the acts a speaker's side may do with its forces without threatening anyone:
#: protection and aid (07: "our military would protect the tankers"), withdrawal and other
#: concessions (08: "we will pull our troops back").
PEACEFUL_ROOTS = frozenset({"07", "08"})


def averted(word: Token) -> bool:
    """Whether a force word is what a verb keeps from happening: the object of an averting verb
    ("avoid a war") or of a verb that brings it "to an end"."""
    governor = word.head if word.dep_ in ("dobj", "nsubjpass") else None
    if governor is None:
        return False
    return governor.lemma_.lower() in AVERTING_VERBS or any(
        c.dep_ == "prep" and c.lower_ == "to" and any(o.lemma_.lower() == "end" for o in c.children)
        for c in governor.children)


def forceful(content: Span) -> bool:
    """Whether the content speaks of force that is not averted."""
    return any(t.lemma_.lower() in FORCE_WORDS and not averted(t) for t in content)


def averts_force(content: Span) -> bool:
    """Whether the content speaks of force only to avert it ("we can avoid a trade war"): no
    threat, and no promise either."""
    return not forceful(content) and any(t.lemma_.lower() in FORCE_WORDS for t in content)


#: verbs of shielding another party: force used "to protect Kuwaiti tankers" is an escort
#: offered to them (guide: 033), no threat against them.
SHIELDING_VERBS = frozenset({"protect", "escort", "guard", "shield", "safeguard"})
#: objects that are the speaker's own: "to protect itself" against someone is deterrence.
OWN_OBJECTS = frozenset({"itself", "themselves", "ourselves", "us", "its", "our", "their"})


def shielding(content: Span) -> bool:
    """Whether the content's force serves to shield a named other party: "is ready to use
    military force to protect Kuwaiti tankers" (not "to protect itself", "its borders")."""
    return any(t.lemma_.lower() in SHIELDING_VERBS and t.dep_ in ("xcomp", "advcl", "ROOT", "ccomp")
               and any(o.dep_ == "dobj" and not {w.lower_ for w in o.subtree} & OWN_OBJECTS
                       for o in t.children)
               for t in content)


def threatening(content: Span, verb_root: str | None, negated: bool) -> bool:
    """Whether what the speaker's side will do, by a verb of dictionary root ``verb_root``, uses
    force: force words, not averted, and no peaceful act ("would protect the tankers"; but "will
    not allow Iran to use missiles" refuses a concession and warns), nor force that shields
    another party."""
    return forceful(content) and (negated or (verb_root not in PEACEFUL_ROOTS
                                              and not shielding(content)))
