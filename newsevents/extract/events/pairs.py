"""Two parties named together elsewhere than the predicate: "both countries agreed", "the two
governments said", or an agreement named without its parties ("under an agreement reached last
year"). They are the two states the text has just named (:meth:`ActorGraph.pair`,
:meth:`ActorGraph.named_pair`); the first-named is the source and the other the target, as the
annotation guide codes a mutual act once, first-mentioned party as source.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Mention
from ..actors.graph import ActorGraph
from ..predicates import Predicate, conjuncts
from .statements import Stance

#: an agreement ("an agreement signed today", "under a 1993 agreement"): named without its
#: parties, they are the two the text has just named.
AGREEMENT = "057"


def pair_parties(pred: Predicate, heads: list[Token], code: str, actors: ActorGraph) -> list[Mention]:
    """The two parties of an act whose source (``heads``, :func:`.sentence.source_heads`) is
    "both countries" / "the two nations", or of an agreement named without its parties,
    first-named first; else none."""
    pair = [m for h in heads for m in actors.pair(h)]  # "both countries agreed"
    if not heads and pred.nominal and code[:3] == AGREEMENT:
        pair = actors.named_pair(pred.head)  # "under an agreement reached last year"
    return pair[:2]


#: statement kinds whose target is the party addressed or judged; a situation's country
#: (pessimism) or a promise's beneficiary is too loosely found to be multiplied.
ADDRESSED = frozenset({"appeal", "demand", "criticize", "accuse", "reject", "threaten", "warn",
                       "praise"})


def co_targets(stance: Stance, target: Mention | None, actors: ActorGraph) -> list[Mention | None]:
    """The target of a statement and the actors coordinated with it: "said the United States
    and Japan must work to avert a trade war" appeals to each (guide: coordinated actors with
    different codes are one event each)."""
    token = stance.target
    if token is None or target is None or stance.kind not in ADDRESSED:
        return [target]
    out = [target]
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head  # "United" of "the United States"
    for other in conjuncts(token)[1:]:
        mention = actors.mention(other)
        if mention is not None and all(mention.actor != m.actor for m in out):
            out.append(mention)
    return out
