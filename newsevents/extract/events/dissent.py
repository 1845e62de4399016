"""Announced protest: a party saying it will strike, rally or march threatens dissent (CAMEO 133).

"Unions said they would protest", "protest leaders said they would organize rallies
throughout the summit": what the speaker's side will do is a protest, and CAMEO codes
announcing one as a threat of political dissent (133), not as an intention to cooperate (03x),
which is what the frame verb ("organize", "continue", "hold") would compose to. The protest
words are those the event patterns code as protest (``data/event_patterns.tsv`` rows of root
14: "demonstration", "rally", "boycott" ...), as the verb ("will protest", "would boycott the
talks") or heading its object ("hold rallies"). "Strike" is left out: as often an attack.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from .coding import own_patterns

#: the CAMEO root of protest, and its code of clashes with police (no announced protest).
PROTEST_ROOT = "14"
CLASH = "145"
#: protest nouns that name an attack as often ("launch strikes"): left to the force rules.
AMBIGUOUS = frozenset({"strike"})


@functools.cache
def protest_words() -> frozenset[str]:
    """Nouns the event patterns code as protest (root 14): "rally", "boycott", "walkout" ..."""
    return frozenset(lemma for (trigger, lemma), rows in own_patterns().items()
                     if trigger == "noun" and lemma not in AMBIGUOUS and any(
                         row.code[:2] == PROTEST_ROOT and row.code[:3] != CLASH for row in rows))


def announced_protest(verb: Token) -> bool:
    """Whether a verb of what the speaker's side will do is a protest, or holds one as its
    object ("would organize rallies", "will continue the strike")."""
    words = protest_words()
    return verb.lemma_.lower() in words or any(
        c.dep_ == "dobj" and c.lemma_.lower() in words for c in verb.children)
