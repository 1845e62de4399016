"""Quotes: quotation-mark pairing, the hand-written case table, and the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED

from newsevents.extract.quotemarks import pair_quotes

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "bench" / "data" / "quote_cases.tsv"
COMPONENTS = ("newsevents_actors_v1", "newsevents_actor_graph_v1", "newsevents_quotes_v1")


def _rows() -> list[tuple[str, str, str, bool, str, str]]:
    rows = []
    for line in CASES.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cid, text, quote, direct, speaker, actor = line.split("\t")
            rows.append((cid, text.replace("\\n", "\n"), quote, direct == "1", speaker, actor))
    return rows


@pytest.fixture(scope="module")
def quotes_of():
    """quotes_of(text) -> the quotes the actors+quotes pipeline finds in ``text``."""
    from newsevents.extract.components import load_pipeline
    from newsevents.nlp import make_docs
    from newsevents.records import Article

    nlp = load_pipeline(COMPONENTS)

    def run(text: str, published: str = "2025-07-22"):
        (doc,) = make_docs(nlp, [Article("t", published, "", text)])
        return nlp(doc)._.quotes

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ("“A,” he said, “B.”", ["A,", "B."]),
        ("‘Single,’ she said.", ["Single,"]),
        ("'Straight single,' she said.", ["Straight single,"]),
        ("Ukraine’s future, the minister’s view.", []),
        ("the leaders' meeting in 'good faith' went on", ["good faith"]),
        ('"Outer \'inner\' end," he said.', ["Outer 'inner' end,"]),
        ("“Para one.\n“Para two,” he said.", ["Para one.\n“Para two,"]),
        ("“Never closed.\nNext paragraph without marks.", []),
        # a single mark never closed in its paragraph is an apostrophe ("bin 'Attash")
        ("Walid bin 'Attash came.\n\n\"Yes,\" he said, \"now.\"", ["Yes,", "now."]),
    ],
)
def test_quotes_pair_quote_marks(text: str, expected: list[str]) -> None:
    assert [text[a + 1 : b - 1] for a, b in pair_quotes(text)] == expected


@pytest.mark.model
@pytest.mark.parametrize(("cid", "text", "quote", "direct", "speaker", "actor"), _rows())
def test_quotes_case_table(quotes_of, cid, text, quote, direct, speaker, actor) -> None:
    quotes = quotes_of(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    if quote == "-":
        assert not [q for q in quotes if q.direct == direct], f"{cid}: no quotation expected"
        return
    found = [q for q in quotes if q.text == quote and q.direct == direct]
    assert found, f"{cid}: {quote!r} not in {[q.text for q in quotes]}"
    # coordinated speakers make one quote each, listed as one row each: take the row's speaker's
    spoken = [q.speaker for q in found if (q.speaker.text if q.speaker else "-") == speaker]
    said = spoken[0] if spoken else found[0].speaker
    assert (said.text if said else "-") == speaker, cid
    if actor != "*" and said is not None:
        got = said.actor.code if said.actor else "-"
        assert actor in (got, said.actor.org if said.actor else "-"), f"{cid}: actor {got}"


@pytest.mark.model
def test_quotes_seed_article(quotes_of, shared) -> None:
    text = (shared / "seed" / "000_d06ffc9ac9d1c36e.txt").read_text("utf-8").split("\n", 2)[2]
    quotes = {(q.text, q.direct): q for q in quotes_of(text)}
    toxic = quotes[("toxic", True)]
    assert (toxic.cue, toxic.speaker.text, toxic.speaker.actor.code) == ("describe", "Tikhy", "UKRGOV")
    circles = quotes[("Each new round of negotiations goes in circles", True)]
    assert (circles.speaker.text, circles.speaker.actor.code) == ("he", "UKRGOV")
    future = quotes[("Ukraine’s future is in NATO", True)]
    assert (future.speaker.text, future.speaker.actor.org) == ("the alliance", "NATO")
    forget = quotes[("it should “forget about” joining NATO", False)]  # a mixed quote: one entry
    assert (forget.speaker.text, forget.speaker.actor.code) == ("US President Donald Trump", "USAGOV")
    core = quotes[("Ukraine’s NATO ambitions are a core reason for the conflict", False)]
    assert (core.cue, core.speaker.text, core.speaker.actor.code) == ("insist", "Russia", "RUS")
    gold = json.loads((shared / "examples" / "seed.gold.json").read_text("utf-8"))
    reported = {q.text for q in quotes.values() if not q.direct}
    assert sum(g["text"] in reported for g in gold["quotes"] if not g["direct"]) >= 6


@pytest.mark.model
def test_quotes_no_speaker_is_none(quotes_of) -> None:
    quotes = quotes_of('"We will never surrender and we will never forget," the banner read.')
    assert [q.speaker for q in quotes] == [None]


@pytest.mark.model
def test_quotes_pronoun_without_antecedent_has_no_actor(quotes_of) -> None:
    (quote,) = quotes_of('"It is over," he said.')
    assert quote.speaker is not None and quote.speaker.text == "he"
    assert quote.speaker.actor is None


def test_quotes_seed_article_every_speaker_has_an_actor(quotes_of, shared) -> None:
    """Issue 14: "It promised an invitation would come ..." is the final statement of the NATO
    summit named the sentence before; every quote of the example article has a speaker actor."""
    text = SEED.read_text(encoding="utf-8").split("\n", 2)[2].rstrip()
    quotes = quotes_of(text, "2025-07-22")
    assert quotes and all(q.speaker is not None and q.speaker.actor is not None for q in quotes)
    invitation = next(q for q in quotes if q.text.startswith("an invitation would come"))
    assert (invitation.speaker.text, invitation.speaker.actor.org) == ("It", "NATO")


@pytest.mark.model
def test_quotes_speaker_named_by_a_defined_acronym_in_its_phrase(quotes_of) -> None:
    """"a KCTU spokesperson" speaks for the body the article defined as KCTU: the speaker's
    phrase is resolved like any other mention when the dictionaries do not know it whole."""
    (quote,) = quotes_of('The Korean Confederation of Trade Unions (KCTU) marched in Seoul on '
                         'Monday. "We will fight the new labour law," said a KCTU spokesperson.')
    assert quote.speaker is not None and quote.speaker.text == "a KCTU spokesperson"
    assert quote.speaker.actor is not None and quote.speaker.actor.code == "KORLAB"


@pytest.mark.model
def test_quotes_they_after_the_report_is_the_earlier_speakers(quotes_of) -> None:
    """"..., diplomats said. Spain will oppose the tax, they added. They said ...": "they" is
    the diplomats, not Spain named in what they report, and stays unplaced like them (diplomats
    serve abroad); a sentence-initial "They" continues the previous sentence's "they"."""
    quotes = quotes_of("Britain called for a debate on the tax, diplomats said. Spain will "
                       "oppose the tax, they added. They said Portugal agreed with Spain.")
    speakers = [q.speaker for q in quotes]
    assert [s.text for s in speakers] == ["diplomats", "they", "They"]
    assert all(s.actor is not None and s.actor.code == "GOV" for s in speakers)


@pytest.mark.parametrize("text", [
    "The ministry denied that its troops had crossed the border.",  # a denial (event 016)
    "The senator expressed doubt that the treaty would be ratified.",
    "It has been estimated that the repairs will cost a billion dollars.",  # no one's words
    "The governor was told that the bridge was unsafe.",  # the subject is the one told
    "The port authority began admitting foreign crews to unload their cargo.",
])
def test_quotes_unasserted_clauses_are_not_quotes(quotes_of, text: str) -> None:
    """Annotation guide §3: complements of deny, doubt and other non-assertive forms are not
    quotes; an agentless passive names no speaker; a to-infinitive is no statement."""
    assert quotes_of(text) == []


@pytest.mark.model
def test_quotes_nested_attribution_keeps_the_outer_speaker(quotes_of) -> None:
    quotes = quotes_of("Officials said the embassy had reported that the crowd was dispersing.")
    assert [(q.text, q.speaker.text) for q in quotes] == [
        ("the embassy had reported that the crowd was dispersing", "Officials")]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The memo did not say which “advisers” had been consulted.",  # a negated speech verb
    "The report, written in 2019, runs to 90 pages and is labeled “restricted distribution”.",
    "The current definition of “essential worker” suggests nurses and drivers as examples.",
])
def test_quotes_fragments_no_one_said(quotes_of, text: str) -> None:
    """A quoted fragment under a negated or passive naming verb, or inside the speech verb's
    own subject, is a name or a scare quote: no direct quote."""
    assert [q.text for q in quotes_of(text) if q.direct] == []


@pytest.mark.model
def test_quotes_mixed_quote_is_one_entry(quotes_of) -> None:
    """Guide §3: a mixed quote is one entry for the clause, running to the closing mark."""
    text = ("According to the ministry statement, the four suspects “photographed the airport "
            "from the air and traveled often to the islands.”")
    assert [(q.direct, q.speaker.text) for q in quotes_of(text)] == [(False, "the ministry statement")]


@pytest.mark.model
def test_quotes_naming_fragment_stays_apart_from_the_clause(quotes_of) -> None:
    """'labelled a report that X as "bizarre"': the report's clause ends before the fragment,
    which is the labeller's own direct quote (guide §3: a fragment naming the speaker's words)."""
    text = ("In the interview Prime Minister Khan labelled a U.S. report that senior rebel leaders "
            "were killed in an air strike as “bizarre”.")
    assert [(q.text, q.direct, q.speaker.text) for q in quotes_of(text)] == [
        ("senior rebel leaders were killed in an air strike", False, "U.S."),
        ("bizarre", True, "Prime Minister Khan")]


def test_quotes_one_per_coordinated_speaker(quotes_of) -> None:
    """Two named speakers joined by "and" give the words once each; common nouns stay one."""
    quotes = quotes_of("Amnesty International and the Red Cross reported that the camp had been shelled twice.")
    assert [(q.text, q.speaker.text) for q in quotes] == [
        ("the camp had been shelled twice", "Amnesty International"),
        ("the camp had been shelled twice", "the Red Cross"),
    ]
    quotes = quotes_of("Democrats and liberal Republicans voiced fears that the war could spread.")
    assert len(quotes) <= 1


def test_quotes_person_without_actor_takes_story_country(quotes_of) -> None:
    """A named person with no actor of their own is placed in the story's country (bare code)."""
    quotes = quotes_of("Kenya has been hit by weeks of violence since the election. Kenyan police said twelve "
                       'people died in Nairobi on Monday. "There is not much hope for peace," said Jimmy Mucheru.')
    said = {q.text: q.speaker for q in quotes}
    assert said["There is not much hope for peace"].actor.code == "KEN"
