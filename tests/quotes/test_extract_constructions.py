"""The extractor on one sentence per construction: a table written for the project.

Each case names the content words the attribution must hold (its fragments joined by
" | "), the cue and the speaker mention as written, and the type.
"""

from __future__ import annotations

import pytest

from quotes.extract import extract
from quotes.model import QuoteType

from .conftest import assert_attributed

DIRECT, INDIRECT, MIXED = QuoteType.DIRECT, QuoteType.INDIRECT, QuoteType.MIXED

# (id, text, content fragments joined by " | ", cue, speaker, type)
CASES = [
    (
        "quote-then-speaker-cue",
        '"The bridge will open in May," Mayor Ana Ruiz said.',
        '"The bridge will open in May,"',
        "said",
        "Mayor Ana Ruiz",
        DIRECT,
    ),
    (
        "quote-then-cue-speaker",
        "“We have no comment at this time,” said a spokesperson for the ministry.",
        "“We have no comment at this time,”",
        "said",
        "a spokesperson for the ministry",
        DIRECT,
    ),
    (
        "speaker-cue-colon-quote",
        'The governor told reporters: "Taxes will not rise this year."',
        '"Taxes will not rise this year."',
        "told reporters",
        "The governor",
        DIRECT,
    ),
    (
        "speaker-cue-comma-quote",
        'Dr. Lena Park said, "The vaccine is safe for children."',
        '"The vaccine is safe for children."',
        "said",
        "Dr. Lena Park",
        DIRECT,
    ),
    (
        "split-by-cue",
        '"We will rebuild," she said, "and we will do it together."',
        '"We will rebuild," | "and we will do it together."',
        "said",
        "she",
        DIRECT,
    ),
    (
        "multi-sentence-quote",
        '"Prices went up. Wages did not. People are angry," said Tom Reyes.',
        '"Prices went up. Wages did not. People are angry,"',
        "said",
        "Tom Reyes",
        DIRECT,
    ),
    (
        "question-quote-tag",
        '"Why would anyone vote for that?" the senator asked.',
        '"Why would anyone vote for that?"',
        "asked",
        "the senator",
        DIRECT,
    ),
    (
        "indirect-said-that",
        "The minister said that the budget would be balanced by 2030.",
        "that the budget would be balanced by 2030.",
        "said",
        "The minister",
        INDIRECT,
    ),
    (
        "indirect-said-bare",
        "Officials said the road had been closed since Monday.",
        "the road had been closed since Monday.",
        "said",
        "Officials",
        INDIRECT,
    ),
    (
        "indirect-told-reporters",
        "Mr. Okafor told reporters the talks had collapsed.",
        "the talks had collapsed.",
        "told reporters",
        "Mr. Okafor",
        INDIRECT,
    ),
    (
        "indirect-told-object",
        "She told The Herald that she would not run again.",
        "that she would not run again.",
        "told",
        "She",
        INDIRECT,
    ),
    (
        "indirect-pointed-out",
        "He pointed out that the dam was built in 1962.",
        "that the dam was built in 1962.",
        "pointed out",
        "He",
        INDIRECT,
    ),
    (
        "indirect-according-to-first",
        "According to the health agency, cases fell by a third last month.",
        "cases fell by a third last month.",
        "According to",
        "the health agency",
        INDIRECT,
    ),
    (
        "indirect-according-to-last",
        "Cases fell by a third last month, according to the health agency.",
        "Cases fell by a third last month",
        "according to",
        "the health agency",
        INDIRECT,
    ),
    (
        "indirect-content-then-added",
        "The port will reopen next week, he added.",
        "The port will reopen next week",
        "added",
        "he",
        INDIRECT,
    ),
    (
        "indirect-content-then-cue-speaker",
        "The strike is likely to spread, said union leader Mara Voss.",
        "The strike is likely to spread",
        "said",
        "union leader Mara Voss",
        INDIRECT,
    ),
    (
        "indirect-with-adverbial",
        "The company said in a statement that it would appeal the ruling.",
        "that it would appeal the ruling.",
        "said in a statement",
        "The company",
        INDIRECT,
    ),
    (
        "indirect-auxiliary",
        "Ms. Chen has repeatedly argued that the law is unconstitutional.",
        "that the law is unconstitutional.",
        "argued",
        "Ms. Chen",
        INDIRECT,
    ),
    (
        "parenthetical-cue",
        "The outbreak, officials said, is now under control.",
        "The outbreak | is now under control.",
        "said",
        "officials",
        INDIRECT,
    ),
    (
        "mixed",
        'The senator said the plan was "a disaster for farmers" and should be dropped.',
        'the plan was "a disaster for farmers" and should be dropped.',
        "said",
        "The senator",
        MIXED,
    ),
    (
        "unquoted-direct",
        "During the visit, Ruiz said, Trade is the key to our future.",
        "Trade is the key to our future.",
        "said",
        "Ruiz",
        QuoteType.UNQUOTED,
    ),
    (
        "title-abbreviation-speaker",
        '"Hold the line," Col. Gen. Ivan Petrov said.',
        '"Hold the line,"',
        "said",
        "Col. Gen. Ivan Petrov",
        DIRECT,
    ),
    (
        "curly-quotes",
        "“This is only the beginning,” the coach said after the game.",
        "“This is only the beginning,”",
        "said",
        "the coach",
        DIRECT,
    ),
    (
        "tweeted",
        '"Great meeting with the farmers today," the president tweeted.',
        '"Great meeting with the farmers today,"',
        "tweeted",
        "the president",
        DIRECT,
    ),
    (
        "according-to-in-the-middle",
        "Over the long term, according to the budget office, deficits will keep rising.",
        "Over the long term | deficits will keep rising.",
        "according to",
        "the budget office",
        INDIRECT,
    ),
    (
        "as-reported-by",
        "As reported by the Gazette, the mayor had met the developers twice.",
        "the mayor had met the developers twice.",
        "As reported by",
        "the Gazette",
        INDIRECT,
    ),
    (
        "asked-question",
        'Asked whether he would run again, Okafor said, "Probably."',
        "whether he would run again",
        "Asked",
        "",
        INDIRECT,
    ),
    (
        "progressive",
        "She was saying that the vote had been rigged.",
        "that the vote had been rigged.",
        "saying",
        "She",
        INDIRECT,
    ),
    (
        "time-before-cue",
        "The governor on Friday said the bridge would reopen.",
        "the bridge would reopen.",
        "said",
        "The governor",
        INDIRECT,
    ),
    (
        "party-tag-speaker",
        '"It is a disgrace," Rep. Ann Lowe (D-Ore.) said.',
        '"It is a disgrace,"',
        "said",
        "Rep. Ann Lowe (D-Ore.)",
        DIRECT,
    ),
    (
        "apposition-tag-speaker",
        '"We were ignored," Ella Marsh, 42, a nurse from Leeds, said on Sunday.',
        '"We were ignored,"',
        "said",
        "Ella Marsh, 42, a nurse from Leeds",
        DIRECT,
    ),
    (
        "colon-transcript",
        'Marsh: "We will not stop until the ward reopens."',
        '"We will not stop until the ward reopens."',
        ":",
        "Marsh",
        DIRECT,
    ),
    (
        "headline",
        "Governor Says Bridge Will Reopen In May",
        "Bridge Will Reopen In May",
        "Says",
        "Governor",
        INDIRECT,
    ),
    (
        "participle-adding",
        "The mayor said the budget was tight, adding that no jobs would be cut.",
        "that no jobs would be cut.",
        "adding",
        "The mayor",
        INDIRECT,
    ),
]


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker", "kind"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_construction_is_attributed(
    text: str, content: str, cue: str, speaker: str, kind: QuoteType
) -> None:
    attribution = assert_attributed(text, content, cue, speaker, kind)
    assert attribution.rule
    assert 0 < attribution.confidence <= 1


def test_split_quotation_is_one_attribution_with_two_fragments() -> None:
    text = '"We will rebuild," she said, "and we will do it together."'
    (attribution,) = extract(text).attributions
    assert len(attribution.fragments) == 2


def test_quotation_continues_after_its_tag() -> None:
    text = '"Prices went up," Reyes said. "Nobody asked us."'
    (attribution,) = extract(text).attributions
    assert attribution.content_text(text, " | ") == '"Prices went up," | "Nobody asked us."'


def test_quotation_continues_over_paragraphs() -> None:
    text = (
        '"The first part of the plan is simple. We cut costs.\n\n'
        '"The second part is harder," the minister said.'
    )
    (attribution,) = extract(text).attributions
    assert attribution.start == 0
    assert attribution.end == text.index(" the minister")
    assert attribution.speaker is not None
    assert attribution.speaker.text_of(text) == "the minister"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('The so-called "reform" passed on Tuesday.', id="scare-quote"),
        pytest.param('She starred in "The Long Road Home" last year.', id="title"),
        pytest.param('The word "tax" never appears in the bill.', id="single-word"),
        pytest.param('The report was titled "Water for All".', id="report-title"),
    ],
)
def test_scare_quotes_and_titles_are_not_attributions(text: str) -> None:
    assert all(a.confidence < 0.5 for a in extract(text).attributions)


def test_noun_readings_of_cues_are_not_attributions() -> None:
    text = "The state convention opened. A new report on trade came out in June."
    assert extract(text).attributions == ()


def test_speaker_names_resolve_to_one_entity() -> None:
    text = (
        "Finance Minister Laila Haddad visited the port on Monday.\n\n"
        '"Trade is growing," Haddad said.\n\n'
        "The Finance Minister said that exports had doubled.\n\n"
        "Costs will fall, she added."
    )
    extraction = extract(text)
    assert [a.speaker_name for a in extraction.attributions] == ["Laila Haddad"] * 3
    (speaker,) = extraction.speakers
    assert speaker.name == "Laila Haddad"
    assert {"Haddad", "The Finance Minister", "she"} <= set(speaker.variants)
    assert len(speaker.mentions) >= 3


def test_every_attribution_is_a_rule_candidate() -> None:
    text = '"Yes," he said. She said that it was late.'
    for attribution in extract(text).attributions:
        assert attribution.status.value == "candidate"
        assert attribution.origin.value == "rule"


def test_apposition_chain_is_one_mention_named_by_its_head() -> None:
    text = "Cory James, 22, of Flint, Mich., said he would vote for the first time."
    (attribution,) = extract(text).attributions
    assert attribution.speaker is not None
    assert attribution.speaker.text_of(text) == "Cory James, 22, of Flint, Mich."
    assert attribution.speaker_name == "Cory James"
    assert attribution.content_text(text) == "he would vote for the first time."
