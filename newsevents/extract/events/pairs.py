"""Two parties named together elsewhere than the predicate: "both countries agreed", "the two
governments said", or an agreement named without its parties ("under an agreement reached last
year"). They are the two states the text has just named (:meth:`ActorGraph.pair`,
:meth:`ActorGraph.named_pair`); the first-named is the source and the other the target, as the
annotation guide codes a mutual act once, first-mentioned party as source.
"""

from __future__ import annotations

from ...records import Mention
from ..actors.graph import ActorGraph
from ..predicates import Predicate
from .sentence import noun_subjects

#: an agreement ("an agreement signed today", "under a 1993 agreement"): named without its
#: parties, they are the two the text has just named.
AGREEMENT = "057"


def pair_parties(pred: Predicate, code: str, actors: ActorGraph) -> list[Mention]:
    """The two parties of an act whose source is "both countries" / "the two nations", or of
    an agreement named without its parties, first-named first; else none."""
    heads = noun_subjects(pred, actors) if pred.nominal else list(pred.subjects)
    pair = [m for h in heads for m in actors.pair(h)]  # "both countries agreed"
    if not heads and pred.nominal and code[:3] == AGREEMENT:
        pair = actors.named_pair(pred.head)  # "under an agreement reached last year"
    return pair[:2]
