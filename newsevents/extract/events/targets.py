"""To whom: the target mentions of a coded predicate.

A predicate's target is, most likely first, its dative or object, a prepositional object
("against", "with", "to" ...), a name inside its object or complement phrase, or, for an event
noun, a party of the event; coordinated targets are expanded. Statements (CAMEO 01) are
narrower: only their addressee, an "about/on/to ..." object, or the agent their reported clause
is about can be the target, never a country merely named inside the reported clause. A
target that is the source's own country, an amount or a market thing is no target, nor is a
name deep in an argument that sits in a place phrase or inside a company's phrase.

When no party is named: a protest takes the first actor of its purpose ("to demand the
resignation of X"), and a material act, a threat of one or a visit takes the country where it
happens ("imposed a curfew in Abidjan" -> CIV, "arrived in Amman" -> JOR; cities the
dictionaries lack are placed through GeoNames); a thing in a place gives its place ("fired at
targets in Jericho"), a border gives none ("near the Thai border" names no side). A target
named only by a sector or faith ("three ethnic Albanians", "Moslem demonstrators") is placed
by :func:`..actors.places.placed_target`. Objects the parse hung elsewhere ("kidnapped up to 16
advisers") are still direct targets.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ...records import Actor, Mention
from ..actors.codes import REGION_CODES
from ..actors.discourse import TALK_NOUNS
from ..actors.graph import ActorGraph
from ..actors.places import EDGES, placed_target
from ..actors.proposals import proposer
from ..actors.spans import of_objects
from ..predicates import Predicate, conjuncts
from ..quotes.common import cue_words
from .markets import market_thing
from .coding import VISIT_NOUNS, place_name

#: prepositions whose object can be a target, in order of preference.
TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "from", "for",
                "into", "over", "about", "of", "behind")  # "rallied behind the president"
#: prepositions by which a statement names whom it is addressed to or about.
STATEMENT_PREPS = frozenset({"to", "with", "against", "about", "on", "toward", "towards", "of",
                             "over", "at"})
#: the first root of material conflict (CAMEO quad class 4: protest ... mass violence).
MATERIAL_CONFLICT_FROM = "14"
#: prepositions of place or origin: a name after them is where, not whom.
PLACE_PREPS = frozenset({"in", "at", "near", "from", "inside", "outside", "across", "throughout",
                         "through", "via"})  # a route or channel: "gave money through the SDC"


def _located(token: Token) -> bool:
    """Whether a noun is the object of a place or origin preposition ("a meeting in Luxembourg")."""
    return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS


def _placed_within(token: Token, pred: Predicate) -> bool:
    """Whether a name deep in an argument belongs to a place phrase: it, or a phrase above it
    below the predicate, is the object of a place preposition ("a scandal in the Moscow
    embassy", "targets in Jericho")."""
    node = token
    while node is not pred.head and node.dep_ != "ROOT":
        if _located(node):
            return True
        node = node.head
    return False


def _target_heads(pred: Predicate) -> Iterator[tuple[Token, bool]]:
    """Candidate target heads of a predicate, most likely first, each with whether it is a
    direct argument (object, dative, prepositional object) rather than a name found deeper in
    an object or complement phrase."""
    yield from ((t, True) for t in pred.datives)
    yield from ((t, True) for t in pred.objects)
    preps = sorted(pred.preps, key=lambda p: TARGET_PREPS.index(p[0]) if p[0] in TARGET_PREPS else 99)
    for prep, pobj in preps:
        if prep in TARGET_PREPS or prep == "between":
            yield pobj, True
    if not pred.nominal:
        yield from ((t, True) for t in _stray_objects(pred.head))
    for obj in pred.objects:
        for child in obj.subtree:
            if child.dep_ in ("poss", "compound", "pobj", "nsubj") and child is not obj:
                yield child, False
    # a party named inside a prepositional object: "mobilized reservists for a war against
    # Iraq", "a suspension of air links with Serbia", "hacked into the computers of X"
    for prep, pobj in preps:
        if prep in PLACE_PREPS:
            continue
        for child in pobj.subtree:
            if child.dep_ in ("poss", "pobj") and child is not pobj:
                yield child, False
    comp = pred.complement
    if comp is not None:
        for child in comp.subtree:
            if child.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "pobj"):
                yield child, False
    if pred.nominal:
        # also the phrases of the participle naming its doer: "accusations made by X against Y"
        doers = [c for c in pred.head.children if c.dep_ == "acl" and c.tag_ == "VBN"
                 and any(a.dep_ == "agent" for a in c.children)]
        for child in (*pred.head.children, *(c for d in doers for c in d.children)):
            if child.dep_ == "prep":
                yield from ((c, True) for o in child.children if o.dep_ == "pobj"
                            for c in conjuncts(o))
        if pred.lemma in VISIT_NOUNS:  # where one goes: "a Japan visit"
            yield from ((c, True) for c in pred.head.children if c.i < pred.head.i and place_name(c))


def _stray_objects(verb: Token) -> Iterator[Token]:
    """Objects the parse hung elsewhere: "kidnapped up to 16 advisers" ("to" on the particle
    "up"), "granted asylum to five officers holed up in ..." (the noun taken for the subject of
    the participle, leaving "to" without an object)."""
    for child in verb.children:
        if child.dep_ == "prt" and child.lower_ == "up":  # "up to 16 Russian advisers"
            yield from (o for p in child.children if p.dep_ == "prep" and p.lower_ == "to"
                        for o in p.children if o.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS and not any(child.children):
            clause = next((c for c in verb.children if c.dep_ in ("advcl", "acl")
                           and c.i > child.i), None)
            if clause is None:
                continue
            yield from (s for s in clause.children if s.dep_ == "nsubj"
                        and s.left_edge.i == child.i + 1 and s.pos_ in ("NOUN", "PROPN"))


def _statement_target_heads(pred: Predicate, denial: bool = False) -> Iterator[tuple[Token, bool]]:
    """Target heads of a statement: its addressee or object, or the actor it is about.

    "told Japan", "said to Iran", "commented on/about China", "warned against Iran" name the
    target; so does a reported clause whose subject is itself an actor's name or title ("said
    Iran was ready ..."). A country merely named somewhere inside the reported clause ("said
    the Taiwan dollar has risen", "said delegates from Mexico ... attended") is not a target.
    """
    yield from ((t, True) for t in pred.datives)
    yield from ((t, True) for t in pred.objects)
    for prep, pobj in pred.preps:
        if prep in STATEMENT_PREPS:
            yield pobj, True
    comp = pred.complement
    if comp is not None and comp.dep_ == "ccomp" and not denial:  # a denial targets its accuser
        for child in comp.children:  # ("denied that Turkish troops were involved": none)
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
                yield from ((c, False) for c in conjuncts(child))


def _inside_business(head: Token, pred: Predicate, actors: ActorGraph) -> bool:
    """Whether a name found deep in an argument sits inside a company's phrase ("approval to
    <Instrumentarium Corp> of Finland", "the China Lake Joint Venture"): the company, not the
    country, is the party."""
    for ancestor in head.ancestors:
        if ancestor == pred.head:
            return False
        if ancestor.pos_ in ("NOUN", "PROPN") and (actors.business(ancestor) or any(
                c.dep_ == "poss" and c.i != head.i and actors.business(c)
                for c in ancestor.children)):
            return True  # "<Instrumentarium Corp> of Finland", "a U.S. firm's offer to ..."
    return False


def _self_reference(source: Mention, target: Mention) -> bool:
    """Whether the target is just the source's own country ("Reagan said Washington will ...")."""
    src, tgt = source.actor, target.actor
    return bool(src and tgt and src.country and not tgt.sector and not tgt.org
                and tgt.code == src.country)


#: roots whose object may be the source's own forces used as its means, not a party: offering,
#: using or withdrawing troops, mobilising them, refusing to pull them back.
INSTRUMENT_ROOTS = frozenset({"03", "05", "06", "07", "08", "12", "15"})


def _own_forces(source: Mention, target: Mention) -> bool:
    """Whether the target is the source's own armed forces ("offered warships", "mobilized
    troops", "withdrew its troops"): a state or government acting with them, not on them."""
    src, tgt = source.actor, target.actor
    return bool(src and tgt and src.country and tgt.country == src.country
                and tgt.sector == "MIL" and src.sector != "MIL")


def _medium(pred: Predicate, head: Token, target: Mention) -> bool:
    """Whether the target is the news outlet a statement was made to ("told Reuters", "said to
    CNN"): the medium, not a party to the statement ("at a journalists' forum" stays)."""
    addressed = head.dep_ in ("dobj", "dative", "iobj") or (
        head.dep_ == "pobj" and head.head.lower_ in ("to", "with"))
    return bool(addressed and target.actor and target.actor.sector == "MED"
                and pred.lemma in cue_words()["verb"])


def _amount(head: Token) -> bool:
    """Whether a target head is an amount ("increased its offering to 50 mln dlrs")."""
    return head.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


def targets_of(pred: Predicate, source: Mention, actors: ActorGraph, root: str,
               statement: bool = False, denial: bool = False) -> list[Mention]:
    """Target mentions of a predicate for one source (coordinated targets expanded).

    A target that is only the source's own country ("Reagan said Washington will ...") is
    dropped, except for material conflict (roots 14-20) named by a noun or name: a domestic
    coercive act keeps its own country ("martial law in Baghdad").
    """
    code = source.actor.code if source.actor else None
    pred_root = root
    # a statement about one's own country is not an event between two parties
    own = source.actor.country if statement and source.actor else None
    heads = _statement_target_heads(pred, denial) if statement else _target_heads(pred)
    region: list[Mention] = []
    for head, direct in heads:
        if not direct and (_placed_within(head, pred) or _inside_business(head, pred, actors)):
            continue
        # the topic of a statement must be an agent, not a thing ("the Taiwan dollar")
        resolve = actors.agent if statement and not direct else actors.mention
        mention = resolve(head)
        if mention is not None and mention.actor and mention.actor.code != code \
                and (own is None or mention.actor.country != own) \
                and not (_self_reference(source, mention)
                         and (pred_root < MATERIAL_CONFLICT_FROM or head.pos_ == "PRON")) \
                and not _amount(head) and not market_thing(head) \
                and not (pred_root in INSTRUMENT_ROOTS and _own_forces(source, mention)) \
                and not _medium(pred, head, mention):
            if _region(mention) and not statement:
                region = region or [mention]  # a region is the topic beside a party: "discussed
                continue  # the Middle East with Palestinian officials"
            found = [m for h in conjuncts(head) if (m := resolve(h)) is not None
                     and m.actor and m.actor.code != code]
            listed = [m for h, f in zip(conjuncts(head), found) for m in _listed(h, f, actors)]
            return [m for m in listed if m.actor and m.actor.code != code] or found or [mention]
    if region:
        return region
    if not statement:
        for head in (*pred.datives, *pred.objects, *(o for p, o in pred.preps
                                                      if p in TARGET_PREPS)):
            placed = placed_target(head, pred.head, source.actor, actors)
            if placed is not None:  # "killed three ethnic Albanians in southern Serbia"
                return [placed]
    for obj in pred.objects:
        if obj.lemma_.lower() in CLAIM_NOUNS and pred_root in ("01", "11", "12"):
            owner = actors.claimant(obj, source.actor)  # "denied the CNC's charges"
            if owner is not None and owner.actor and owner.actor.code != code:
                return [owner]
    if pred_root in PROPOSAL_ROOTS:  # "voted against the proposal": its author
        for obj in _proposal_heads(pred):
            author = proposer(obj, actors.mention)
            if author is not None and author.actor and author.actor.code != code \
                    and not _self_reference(source, author):
                return [author]
    for obj in (*pred.objects, *_complement_nouns(pred)):
        if obj.lemma_.lower() in TALK_NOUNS:
            other = actors.other_party(obj, source)
            if other is not None:
                return [other]
    if pred_root in PURPOSE_ROOTS:
        purpose = _purpose_target(pred, code, actors)
        if purpose is not None:
            return [purpose]
    if pred_root in PLACE_ROOTS or pred_root == "04" and pred.lemma in VISIT_VERBS:
        place = _place_target(pred, actors)
        if place is not None and place.actor is not None and (
                pred_root in DOMESTIC_ROOTS or not source.actor
                or place.actor.code != source.actor.country):
            return [place]
    return []


def _region(mention: Mention) -> bool:
    """Whether a mention is a bare region ("the Middle East", "Africa"), not a state or body."""
    actor = mention.actor
    return actor is not None and not actor.country and not actor.org and actor.code in REGION_CODES


#: roots of acts against a proposal (criticize, reject, threaten): aimed at its author.
PROPOSAL_ROOTS = frozenset({"11", "12", "13"})


def _proposal_heads(pred: Predicate) -> list[Token]:
    """What a predicate is against: its objects and "against/to" objects, also one level into
    an object ("reiterated objections to proposed curbs")."""
    firsts = [*pred.objects, *(o for p, o in pred.preps if p in ("against", "to", "on"))]
    inner = [o for h in pred.objects for p in h.children
             if p.dep_ == "prep" and p.lower_ in ("against", "to", "on")
             for o in p.children if o.dep_ == "pobj"]
    return firsts + inner


def _listed(head: Token, mention: Mention, actors: ActorGraph) -> list[Mention]:
    """One target per country a group is named by (:func:`_of_list`, :func:`_adjective_list`)."""
    out = _of_list(head, mention, actors)
    return out if len(out) > 1 else _adjective_list(head, mention, actors)


def _adjective_list(head: Token, mention: Mention, actors: ActorGraph) -> list[Mention]:
    """"Palestinian and Soviet officials", "the French, British and West German governments":
    one party per listed nationality, each in the group's sector."""
    actor = mention.actor
    if head.pos_ != "NOUN" or actor is None or not actor.country or actor.org:
        return [mention]
    listed = [t for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i
              for t in (c, *c.subtree) if t is c or t.dep_ == "conj" and t.head.i < head.i]
    out: dict[str, Mention] = {}
    for token in listed if any(t.dep_ == "conj" for t in listed) else []:
        found = actors.mention(token)
        country = found.actor if found is not None else None
        if country is None or not country.country or country.org or country.sector:
            continue
        out.setdefault(country.country, mention if country.country == actor.country else Mention(
            found.start, found.end, found.text,  # type: ignore[union-attr]
            Actor(country.country + (actor.sector or ""), country.country, actor.sector, None,
                  country.name)))
    return list(out.values()) if len(out) > 1 and actor.country in out else [mention]


def _of_list(head: Token, mention: Mention, actors: ActorGraph) -> list[Mention]:
    """A group named by a list of countries is one party per country: "citizens of the Czech
    Republic, Lithuania and Estonia" -> CZECVL, LTUCVL, ESTCVL; "the leaders of France and
    Japan" -> each government. The group's own sector goes to each listed country."""
    actor = mention.actor
    objects = of_objects(head) if head.pos_ == "NOUN" and actor is not None else []
    listed = conjuncts(objects[0])[1:] if objects else []
    first = actors.mention(objects[0]) if listed else None
    if first is None or first.actor is None or actor is None or not first.actor.country \
            or first.actor.country != actor.country:
        return [mention]
    out = [mention]
    for token in listed:
        other = actors.mention(token)
        country = other.actor if other is not None else None
        if country is None or not country.country or country.org or country.sector:
            continue
        sector = actor.sector or ""
        out.append(Mention(other.start, other.end, other.text,  # type: ignore[union-attr]
                           Actor(country.country + sector, country.country, actor.sector or None,
                                 None, country.name)))
    return out


#: nouns of what someone claimed: denying or rejecting one targets its claimant.
CLAIM_NOUNS = frozenset({"claim", "charge", "allegation", "accusation", "report", "criticism",
                         "suggestion", "assertion", "statement", "remark", "comment"})
#: roots whose place is their target when no party is named: a curfew, an attack, aid or a
#: deployment in a country acts on it ("imposed a curfew in Abidjan" -> CIV, "demonstrated in
#: Serbia" -> SRB); a statement, agreement or demand made somewhere is not about the place.
PLACE_ROOTS = frozenset({"07", "08", "09", "13", "14", "15", "16", "17", "18", "19", "20"})
#: roots whose act at home targets the home country (easing or imposing a curfew, protest,
#: force posture, repression, violence, threats of them); aid, visits or cuts made "in Tokyo" by
#: Japan itself are not acts on Japan ("the Bank of Japan intervened in Tokyo").
DOMESTIC_ROOTS = frozenset({"08", "13", "14", "15", "17", "18", "19", "20"})
#: verbs of consultation roots (04) that are visits: "arrived in Amman" -> JOR.
VISIT_VERBS = frozenset({"arrive", "visit", "travel", "fly", "tour", "go", "come", "return"})
#: roots whose purpose clause names the target: "struck to demand the removal of President X".
PURPOSE_ROOTS = frozenset({"14"})
#: dependencies of the clauses that say what an act is for or against.
PURPOSE_DEPS = frozenset({"advcl", "xcomp", "ccomp", "acl", "prep", "pcomp"})


def _purpose_target(pred: Predicate, code: str | None, actors: ActorGraph) -> Mention | None:
    """The first actor named in a protest's purpose ("to demand the resignation of X",
    "in protest against X's decision"), not the source itself."""
    head = pred.head.head if pred.nominal and pred.head.dep_ in ("dobj", "nsubjpass") else pred.head
    for clause in head.children:
        if clause.dep_ not in PURPOSE_DEPS or clause.dep_ == "prep" and clause.lower_ in PLACE_PREPS:
            continue
        for token in clause.subtree:
            if token.dep_ in ("poss", "pobj", "dobj", "compound", "nsubj") and not _located(token):
                mention = actors.mention(token)
                if mention is not None and mention.actor and mention.actor.code != code:
                    return mention
    return None


def _place_target(pred: Predicate, actors: ActorGraph) -> Mention | None:
    """The country of the place where the act happens ("in Abidjan", "to Bosnia"), or None.

    Looked for on the predicate, its objects and its complement clause ("threatened to impose
    a curfew in Algiers"); only a plain country or a city of one counts, not an organisation
    or a sector ("in a diplomatic residence", "at the UN").
    """
    heads = [pred.head, *pred.objects]
    if pred.complement is not None:
        heads.extend(t for t in pred.complement.subtree if t.dep_ in ("ROOT", "xcomp", "ccomp",
                                                                      "dobj", "conj")
                     or t is pred.complement)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS | {"to", "into"}:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or market_thing(obj) or obj.lemma_.lower() in EDGES:
                    continue  # "near the Thai border" does not say which side
                # a thing in a place gives its place: "fired at targets in Jericho"
                mention = actors.place(obj) or next(
                    (m for p in obj.children if p.dep_ == "prep" and p.lower_ in ("in", "near")
                     for o in p.children if o.dep_ == "pobj" and (m := actors.place(o))), None)
                if mention is not None:
                    return mention
    return None


def _complement_nouns(pred: Predicate) -> list[Token]:
    comp = pred.complement
    return [t for t in comp.subtree if t.pos_ == "NOUN"] if comp is not None else []


#: dependencies of a speaker who says something together with the actors coordinated with it.
SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass"})


def co_speakers(doc: object, speaker: Mention, actors: ActorGraph) -> list[Mention]:
    """The speaker of a statement and the actors coordinated with it as the subject of its cue:
    "Britain and West Germany told ... they would oppose" is a statement by each of them."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")  # type: ignore[attr-defined]
    if span is None or span.root.dep_ not in SPEAKER_DEPS:
        return [speaker]
    out = [speaker]
    for token in conjuncts(span.root)[1:]:
        mention = actors.mention(token)
        if mention is not None and all(mention.actor != m.actor for m in out):
            out.append(mention)
    return out
