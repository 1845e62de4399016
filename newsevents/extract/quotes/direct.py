"""Direct quotes: text between quotation marks, with the speech word that governs it."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from ...nlp import text_of
from ..quotemarks import quoted_ranges
from .common import CUE_CHILD_DEPS, MIN_UNCUED_WORDS, NAMING, TRIM, Draft, cue_words, is_cue_verb, trim
from .speakers import noun_speaker, speaker_of


def inside_mixed(draft: Draft, drafts: list[Draft]) -> bool:
    """A quoted fragment inside a reported clause is part of that mixed quote ('said Israel has
    "not taken the precautions required of it"'): one quote, not two. So is a fragment that
    found no cue or a cue outside the clause ('According to the statement, the four "obtained
    ..."'); one whose own speech verb is inside the clause ('said X had told him "..."') is X's,
    and one a naming verb gives is its own ("labelled a report that ... as 'bizarre'")."""
    return draft.direct and any(
        not other.direct and other.cue is not None and other.asserted
        and other.start <= draft.start and draft.end <= other.end
        and (draft.cue is None or draft.cue.i == other.cue.i
             or not (other.start <= draft.cue.idx < other.end or _names(draft))) for other in drafts)


def cut_named(doc: Any, drafts: list[Draft]) -> None:
    """End a reported clause before a naming verb's quoted fragment the parser hung inside it
    ('labelled a U.S. report that leaders were killed as "bizarre"': the report says leaders
    were killed; "bizarre" is the labeller's)."""
    for draft in drafts:
        content = doc.char_span(draft.start, draft.end, alignment_mode="expand") if _names(draft) else None
        if content is None:
            continue
        root = next((t for t in content if not content.start <= t.head.i < content.end), None)
        cut = root.head if root is not None and root.head.lower_ == "as" else None
        for other in drafts:
            if cut is not None and not other.direct and other.start < cut.idx < other.end \
                    and other.end >= draft.end and not other.start <= draft.cue.idx < other.end:
                start, end = trim(text_of(doc), other.start, cut.idx)
                if len(text_of(doc)[start:end].split()) >= 3:
                    other.end = end


def _names(draft: Draft) -> bool:
    """A fragment a naming verb of its own gives ('labelled the report that ... as "bizarre"'):
    the speaker's words for the thing named, a direct quote apart from the clause."""
    return draft.cue is not None and draft.cue.lemma_.lower() in NAMING


#: a quoted name of at most this many words is a name or a title, not words said.
MAX_NAME_WORDS = 4


def named_thing(doc: Any, draft: Draft) -> bool:
    """A quoted proper name ("Scooter", "Senkaku Retto", "Bring the Troops Home Now!"): every
    word capitalised, a few words, no verb: a nickname, a place or a title, not a statement."""
    if not draft.direct:
        return False
    span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
    if span is None or _slogan(draft, span):
        return False
    words = [t for t in span if t.is_alpha]
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "from"}
    capitalised = bool(words) and all(t.text[:1].isupper() or t.lower_ in small for t in words)
    if len(words) > MAX_NAME_WORDS:  # a title in title case ("Branding a Country: Building a
        # Reputation from Within"), unless a speech verb of its own sentence says it
        return capitalised and sum(t.text[:1].isupper() for t in words) > MAX_NAME_WORDS // 2 \
            and (draft.cue is None or draft.cue.sent != span.sent)
    return capitalised and not any(t.pos_ in ("VERB", "AUX") and t.text[:1].islower() for t in span) \
        and not (draft.cue is not None and any(t.pos_ == "INTJ" for t in span))  # '"Yes," said X'


def _slogan(draft: Draft, span: Any) -> bool:
    """A capitalised phrase that a speech verb utters as its object ('placards declared "No
    APEC"', 'shouting "Free Tibet"', 'declared "A" and "B"'): a slogan said, not a name."""
    cue = draft.cue
    if cue is None or cue.pos_ != "VERB" or cue.lemma_.lower() in NAMING:
        return False
    root = span.root
    head = root.head.head if root.dep_ == "conj" else root.head
    return head == cue and root.dep_ in ("dobj", "oprd", "npadvmod", "ccomp", "conj")


def direct_quotes(doc: Any) -> list[Draft]:
    drafts: list[Draft] = []
    for open_at, close_at in quoted_ranges(doc):
        start, end = trim(text_of(doc), open_at + 1, close_at - 1)
        if end <= start:
            continue
        draft = Draft(start, end, True)
        if not _attribute_direct(doc, draft, (open_at, close_at), drafts[-1] if drafts else None):
            continue
        if draft.cue is not None or len(text_of(doc)[start:end].split()) >= MIN_UNCUED_WORDS:
            drafts.extend(paragraphs(text_of(doc), draft))
    return drafts


def paragraphs(text: str, draft: Draft) -> list[Draft]:
    """A quote running over several paragraphs, one quote per paragraph (the annotation
    convention, and what a reader cites), each with the whole quote's cue and speaker."""
    pieces = []
    at = draft.start
    for line in text[draft.start : draft.end].split("\n"):
        start, end = trim(text, at, at + len(line))
        while start < end and text[start] in "\"“‘'":
            start += 1
        while end > start and text[end - 1] in "\"”’'":
            end -= 1
        start, end = trim(text, start, end)
        if end > start:
            pieces.append(Draft(start, end, True, draft.cue, draft.speaker, draft.cue_lemma))
        at += len(line) + 1
    return pieces if len(pieces) > 1 else [draft]


def _attribute_direct(doc: Any, draft: Draft, marks: tuple[int, int], previous: Any) -> bool:
    """Set the quote's cue and speaker; False when the quote is no one's words."""
    content = doc.char_span(draft.start, draft.end, alignment_mode="expand")
    if content is None:
        return True
    inside = range(marks[0], marks[1])
    cue = _introducing_participle(doc, marks[0]) or _governing_cue(
        content, inside, lambda c: not _other_paragraph(text_of(doc), c, marks))
    if cue is not None and not _attributes(doc, cue, marks):
        return False  # a name or scare quote under a negated or naming verb, or in the speaker
    cue = cue or _colon_cue(doc, content) or _characterising_verb(content, inside)
    if cue is not None:
        _cued(draft, cue, speaker_of(cue))
        return True
    noun = _noun_cue(doc, content)
    said_by = noun_speaker(noun) if noun is not None else None
    verb = _clause_verb(content, inside)  # a speech noun that names no speaker yields to it
    if verb is not None and said_by is None:
        _cued(draft, verb, speaker_of(verb))
        return True
    if noun is not None and (said_by is not None or len(content.text.split()) >= MIN_UNCUED_WORDS):
        # 'accusations of "political corruption"': a short fragment a speech noun of no one's
        # holds is a scare quote
        _cued(draft, noun, said_by)
        return True
    if previous is not None and _continues(doc, previous, marks[0]):
        draft.cue, draft.cue_lemma, draft.speaker = previous.cue, previous.cue_lemma, previous.speaker
        return True
    cue = _trailing_cue(doc, content, marks[1]) or _previous_sentence_cue(doc, content)
    if cue is not None:
        _cued(draft, cue, speaker_of(cue))
    return True


def _cued(draft: Draft, cue: Any, speaker: Any) -> None:
    draft.cue, draft.cue_lemma, draft.speaker = cue, cue.lemma_.lower(), speaker


def _introducing_participle(doc: Any, open_at: int) -> Any:
    """'... who commented on the visit stating, "..."': a speech participle right before the
    opening mark, set off by a comma or colon, introduces the quote whatever the parser hung
    the quote on."""
    starts = bisect_left(doc, open_at, key=lambda t: t.idx)  # tokens starting before the mark
    before = [doc[starts - 2], doc[starts - 1]] if starts >= 2 else []
    if len(before) == 2 and before[1].text in (",", ":") and before[0].tag_ == "VBG" \
            and is_cue_verb(before[0]):
        return before[0]
    return None


def _attributes(doc: Any, cue: Any, marks: tuple[int, int]) -> bool:
    """Whether the speech verb governing a quote attributes it to someone: not negated ('did not say which "superiors"'), not a passive naming verb (the packet
    'labeled "official use only"': the subject is what is named), and not when the quote is
    inside the verb's own subject ('the definition of "trophy wife" suggests ...')."""
    if any(c.dep_ == "neg" for c in cue.children):
        return False  # "did not say which '...'"
    if cue.lemma_.lower() == "quote" and any(c.dep_ == "dobj" and marks[0] < c.idx < marks[1]
                                             for c in cue.children):
        return False  # 'quoting "Pakistani authorities"': whom it quotes, not words
    if cue.lemma_.lower() in NAMING and not any(c.dep_ in ("nsubj", "aux") for c in cue.children) \
            and (cue.tag_ == "VBN" or (cue.dep_ == "conj" and cue.head.lemma_ == "be")):
        return False  # passive: "labeled '...'", "is 300 pages and labeled '...'"
    speaker = speaker_of(cue)
    if speaker is None:
        return True
    first, last = speaker.left_edge.idx, speaker.right_edge.idx
    return not first <= marks[0] < last or first <= cue.idx <= last  # "a statement expressing '...'"


def _other_paragraph(text: str, cue: Any, marks: tuple[int, int]) -> bool:
    """A speech verb in another paragraph than the quote ('..."\n\nSpokespeople said ...' when
    the parser ran one sentence over the break) does not govern it."""
    if cue.idx >= marks[1]:
        return "\n" in text[marks[1] : cue.idx]
    return cue.idx < marks[0] and "\n" in text[cue.idx : marks[0]]


def _trailing_cue(doc: Any, content: Any, close_at: int) -> Any:
    """'"The rail system is a bloody joke!" another commuter yelled.': the parser ended the
    sentence at the mark, so the attribution right after it governs nothing; take it."""
    i = content[-1].i + 1
    while i < len(doc) and doc[i].idx < close_at:
        i += 1
    if i >= len(doc) or "\n" in text_of(doc)[close_at : doc[i].idx]:
        return None
    sent = doc[i].sent
    if sent.start_char < close_at - 1:
        return None  # the sentence holds the quote: the parse had its chance
    for token in doc[sent.start : min(sent.end, sent.start + 6)]:
        if is_cue_verb(token) and any(c.dep_ == "nsubj" for c in token.children) \
                and not any(c.dep_ in ("ccomp", "dobj") for c in token.children):
            return token
    return None


def _previous_sentence_cue(doc: Any, content: Any) -> Any:
    """'The G8 members expressed concern at the situation. "Zimbabwean authorities must ..."':
    a quote in a sentence with no speech word of its own, right after a sentence of the same
    paragraph whose speech verb has a speaker."""
    sent = content[0].sent
    if sent.start == 0 or any(is_cue_verb(t) for t in sent):
        return None
    if len(content) == 1 and text_of(doc)[sent.start_char : content.start_char].strip(" \n\"“‘'"):
        return None  # 'Halper was later "conditionally" released': a scare quote, not speech
    before = doc[sent.start - 1].sent
    if "\n" in text_of(doc)[before.end_char - 1 : sent.start_char + 1].rstrip(" \n\"“‘'")[:-1] \
            or "\n" in doc[before.end - 1].text_with_ws:
        return None
    verbs = [t for t in before if is_cue_verb(t) and speaker_of(t) is not None]
    return verbs[-1] if verbs else None


def _governing_cue(content: Any, inside: range, allowed: Callable[[Any], bool]) -> Any:
    """A speech verb above the quoted words (outside the marks), else one hanging under them;
    only one that ``allowed`` accepts (in the quote's paragraph)."""
    for token in content:
        if token.head.idx in inside:
            continue
        for steps, ancestor in enumerate(token.ancestors):
            if steps >= 6:
                break
            if ancestor.idx not in inside and is_cue_verb(ancestor) and allowed(ancestor):
                return ancestor
    for token in content:
        for child in token.children:
            if child.idx not in inside and child.dep_ in CUE_CHILD_DEPS and is_cue_verb(child) \
                    and allowed(child):
                return child
    return None


def _characterising_verb(content: Any, inside: range) -> Any:
    """'officials dismissed the claims as "largely without merit"', 'hailed the deal as "a
    breakthrough"': a quote standing as what a subject's verb calls something ("as" on the
    verb) is that subject's words, whatever the verb."""
    for token in content:
        head = token.head
        if head.idx in inside or head.lower_ != "as" or head.dep_ != "prep":
            continue
        verb = head.head
        if verb.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in verb.children) \
                and any(c.dep_ == "dobj" for c in verb.children):
            return verb
    return None


#: how many tokens before the quote a verb taking it as its clause may stand.
CLAUSE_VERB_REACH = 8


def _clause_verb(content: Any, inside: range) -> Any:
    """'The ministry believes Israeli actions "are to be seen as ..."', 'Getty agreed, "Things
    are running ..."', 'It set a target: "We agree to ..."': quoted words standing as the clausal
    complement of a verb just before them (a few words), whatever the verb, are its subject's
    words; not when the sentence credits them to someone else ("according to X")."""
    for token in content:
        head = token.head
        if token.dep_ != "ccomp" or head.idx in inside or head.idx > inside.start \
                or content.start - head.i > CLAUSE_VERB_REACH \
                or head.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in head.children):
            continue
        if any(t.lower_ == "according" for t in head.sent):
            return None
        if any(c.dep_ == "nsubj" and c.idx not in inside for c in head.children):
            return head
    return None


def _colon_cue(doc: Any, content: Any) -> Any:
    """``He added:`` as the sentence just before the quote."""
    first = content[0].sent
    if first.start == 0:
        return None
    before = doc[first.start - 1].sent
    tail = text_of(doc)[before.start_char : content.start_char].rstrip(" \n\"“‘'")
    if not tail.endswith(":"):
        return None
    verbs = [t for t in before if is_cue_verb(t)]
    return verbs[-1] if verbs else None


def _noun_cue(doc: Any, content: Any) -> Any:
    """A speech noun within eight tokens before the quote ("assurances from the alliance that")."""
    start = content[0].i
    sent_start = content[0].sent.start
    for token in reversed(doc[max(sent_start, start - 8) : start]):
        if token.pos_ == "NOUN" and token.lemma_.lower() in cue_words()["noun"]:
            return token
    return None


def _continues(doc: Any, previous: Draft, start: int) -> bool:
    """The quote runs on from the previous one: in the same sentence, right after it, or
    opening the sentence (or paragraph) that follows the previous quote's attribution."""
    if previous.speaker is None and previous.cue is None:
        return False
    between = text_of(doc)[previous.end : start]
    if not between.strip(TRIM + "\"“”‘’'"):
        return True
    before = doc.char_span(previous.start, previous.end, alignment_mode="expand")
    here = doc.char_span(start, start + 1, alignment_mode="expand")
    if before is None or here is None:
        return False
    sent = here[0].sent
    if before[-1].sent == sent:
        return True
    opens_sentence = not text_of(doc)[sent.start_char : start].strip(" \n\"“‘'")
    follows = sent.start > 0 and doc[sent.start - 1].sent == before[-1].sent
    cue_between = previous.cue is not None and previous.end <= previous.cue.idx < start
    return opens_sentence and follows and cue_between
