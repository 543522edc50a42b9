"""The extractor on indirect speech in sentences with several clauses and cues.

A table written for the project: each case names the content (fragments joined by
" | "), the cue and the speaker mention as written, and the type.
"""

from __future__ import annotations

import pytest

from quotes.extract import extract
from quotes.lexicon import default_lexicon, parse_lexicon
from quotes.model import QuoteType

from .conftest import assert_attributed

DIRECT, INDIRECT, MIXED = QuoteType.DIRECT, QuoteType.INDIRECT, QuoteType.MIXED

# (id, text, content fragments joined by " | ", cue, speaker, type)
CASES = [
    (
        "content-cut-before-next-clause",
        'When the mayor said she would not run again, her rival replied, "Good riddance."',
        "she would not run again",
        "said",
        "the mayor",
        INDIRECT,
    ),
    (
        "one-speaker-two-cues",
        'Ms. Okafor said the depot would close and said, "Nobody will lose a job."',
        "the depot would close",
        "said",
        "Ms. Okafor",
        INDIRECT,
    ),
    (
        "dotted-acronym-subject",
        "The F.A.A. said the runway would reopen on Friday.",
        "the runway would reopen on Friday.",
        "said",
        "The F.A.A.",
        INDIRECT,
    ),
    (
        "negated-auxiliary-before-cue",
        "The coach wouldn't say whether the striker would play.",
        "whether the striker would play.",
        "say",
        "The coach",
        INDIRECT,
    ),
    (
        "long-relative-apposition",
        "Ms. Grant, who was visiting the flooded towns along the river on Monday, said the "
        "repairs would take a year.",
        "the repairs would take a year.",
        "said",
        "Ms. Grant, who was visiting the flooded towns along the river on Monday",
        INDIRECT,
    ),
    (
        "infinitive-of-a-promise",
        "The governor vowed on Monday to veto the budget.",
        "to veto the budget.",
        "vowed",
        "The governor",
        INDIRECT,
    ),
    (
        "participle-citing-its-object",
        "The port will close, the minister said, citing a shortage of pilots.",
        "a shortage of pilots.",
        "citing",
        "the minister",
        INDIRECT,
    ),
    (
        "hyphenated-word-after-cue-is-no-preposition",
        "Ms. Lowe said off-year elections draw few voters.",
        "off-year elections draw few voters.",
        "said",
        "Ms. Lowe",
        INDIRECT,
    ),
    (
        "as-speaker-cue-comma-content",
        "As the auditor noted, the city has not balanced its books since 2019.",
        "the city has not balanced its books since 2019.",
        "noted",
        "the auditor",
        INDIRECT,
    ),
    (
        "aside-before-that",
        "The senator also claimed, without offering proof, that the ballots were forged.",
        "that the ballots were forged.",
        "claimed",
        "The senator",
        INDIRECT,
    ),
    (
        "when-asked-question",
        '"Not this year," the coach said when asked whether the team would move.',
        "whether the team would move.",
        "asked",
        "",
        INDIRECT,
    ),
    (
        "passive-asked-by-asker",
        "Last week the minister was asked by a caller whether fares would rise.",
        "whether fares would rise.",
        "asked",
        "a caller",
        INDIRECT,
    ),
    (
        "opening-participle",
        "Citing rising costs, the council delayed the vote on the stadium.",
        "rising costs",
        "Citing",
        "the council",
        INDIRECT,
    ),
    (
        "object-of-attacked",
        "The senator attacked the plan as reckless.",
        "the plan as reckless.",
        "attacked",
        "The senator",
        INDIRECT,
    ),
    (
        "phrasal-pointed-to",
        "Mr. Diaz pointed to rising rents as the main cause.",
        "rising rents as the main cause.",
        "pointed to",
        "Mr. Diaz",
        INDIRECT,
    ),
    (
        "bemoaned-that",
        "The governor bemoaned that few companies had applied.",
        "that few companies had applied.",
        "bemoaned",
        "The governor",
        INDIRECT,
    ),
    (
        "noun-cue-with-possessor-that",
        "Residents were angry about the mayor's claim that the bridge was safe.",
        "that the bridge was safe.",
        "claim",
        "the mayor's",
        INDIRECT,
    ),
    (
        "noun-cue-call-for",
        "Despite Ms. Cole's call for a full recount, the board certified the result.",
        "a full recount",
        "call",
        "Ms. Cole's",
        INDIRECT,
    ),
    (
        "headline-name-colon",
        "Ortega: Port strike will end this week",
        "Port strike will end this week",
        ":",
        "Ortega",
        INDIRECT,
    ),
    (
        "content-ends-before-a-new-subject-after-and",
        "The minister said the plant would reopen in May, and Ms. Rios is planning a protest.",
        "the plant would reopen in May",
        "said",
        "The minister",
        INDIRECT,
    ),
    (
        "participle-after-by",
        "The mayor opened the session by warning that the budget was short.",
        "that the budget was short.",
        "warning",
        "The mayor",
        INDIRECT,
    ),
    (
        "opening-by-participle-ends-at-comma",
        "By promising lower fares, the airline won the contract.",
        "lower fares",
        "promising",
        "the airline",
        INDIRECT,
    ),
    (
        "passive-announced-that",
        "It was announced on Friday that the museum would close.",
        "that the museum would close.",
        "announced",
        "",
        INDIRECT,
    ),
    (
        "passive-subject-with-agent",
        "The merger was rejected by the regulators in Brussels.",
        "The merger",
        "rejected",
        "the regulators in Brussels",
        INDIRECT,
    ),
    (
        "passive-hearsay-infinitive",
        "The general is said to have left the capital.",
        "The general is said to have left the capital.",
        "said",
        "",
        INDIRECT,
    ),
    (
        "what-speaker-called",
        'The union rejected what the mayor called "a fair offer" on Tuesday.',
        'what the mayor called "a fair offer"',
        "called",
        "the mayor",
        MIXED,
    ),
    (
        "inverted-speaker-with-long-apposition",
        "Turnout will be low this year, said Ana Ruiz, director of the Voting Project at the "
        "University of California, Davis.",
        "Turnout will be low this year",
        "said",
        "Ana Ruiz",
        INDIRECT,
    ),
    (
        "object-of-causative-speaks",
        "The ruling prompted Senator Vale to argue that the court had overreached.",
        "that the court had overreached.",
        "argue",
        "Senator Vale",
        INDIRECT,
    ),
    (
        "asked-addressee-to",
        "The governor asked the legislature to delay the vote.",
        "the legislature to delay the vote.",
        "asked",
        "The governor",
        INDIRECT,
    ),
    (
        "speaker-with-dashed-aside",
        "Several nurses at the clinic — including two who had left — said the wards were "
        "understaffed.",
        "the wards were understaffed.",
        "said",
        "Several nurses at the clinic — including two who had left",
        INDIRECT,
    ),
    (
        "content-comma-as-speaker-said",
        "The report does not say who paid for the trip, as critics have noted.",
        "The report does not say who paid for the trip",
        "noted",
        "critics",
        INDIRECT,
    ),
    (
        "about-before-a-number-is-no-preposition",
        "The agency said about half of the loans were late.",
        "about half of the loans were late.",
        "said",
        "The agency",
        INDIRECT,
    ),
    (
        "speaker-close-to-him",
        "The senator will change course, a source close to him said.",
        "The senator will change course",
        "said",
        "a source close to him",
        INDIRECT,
    ),
    (
        "relative-clause-in-speaker-keeps-outer-draft",
        "Ms. Hale, who said she rarely votes, said the new mayor had won her over.",
        "the new mayor had won her over.",
        "said",
        "Ms. Hale, who said she rarely votes",
        INDIRECT,
    ),
    (
        "as-speaker-cue-inside-sentence",
        "Costs are rising, and as the auditor noted, the city has no reserves left.",
        "the city has no reserves left.",
        "noted",
        "the auditor",
        INDIRECT,
    ),
    (
        "infinitive-opening-a-quotation",
        'The mayor promised to "fix every pothole" by June.',
        'to "fix every pothole" by June.',
        "promised",
        "The mayor",
        MIXED,
    ),
    (
        "medium-aside-between-subject-and-cue",
        "The union, in a statement, said the strike would continue.",
        "the strike would continue.",
        "said",
        "The union",
        INDIRECT,
    ),
    (
        "cue-interrupts-after-circumstance",
        "In her district, Ms. Ode said, most families rent their homes.",
        "In her district | most families rent their homes.",
        "said",
        "Ms. Ode",
        INDIRECT,
    ),
    (
        "has-spoken-about",
        "The senator has spoken about the cost of housing.",
        "the cost of housing.",
        "spoken about",
        "The senator",
        INDIRECT,
    ),
    (
        "opening-since-participle",
        "Since announcing her run for mayor, Ms. Tan has visited every ward.",
        "her run for mayor",
        "announcing",
        "Ms. Tan",
        INDIRECT,
    ),
    (
        "subject-is-quick-to-note-that",
        "Economists are quick to note that wages have barely moved.",
        "that wages have barely moved.",
        "note",
        "Economists",
        INDIRECT,
    ),
    (
        "noun-form-of-a-verb-cue",
        "Residents doubted a vague promise that the road would be fixed.",
        "that the road would be fixed.",
        "promise",
        "",
        INDIRECT,
    ),
    (
        "abbreviated-apposition-before-told",
        "Sen. Ada Moss, R-Vt., told local radio that the count could be off.",
        "that the count could be off.",
        "told",
        "Sen. Ada Moss",
        INDIRECT,
    ),
    (
        "catenative-verb-before-cue",
        "The governor appeared to acknowledge the rift with her own party.",
        "the rift with her own party.",
        "acknowledge",
        "The governor",
        INDIRECT,
    ),
    (
        "asked-about-phrase-opens-sentence",
        "Asked about the flood barriers, the engineer said they would hold.",
        "the flood barriers",
        "Asked about",
        "",
        INDIRECT,
    ),
    (
        "relative-clause-after-name-ends-content",
        "Ms. Lee said the award should go to Tom Hale, who had led the rescue.",
        "the award should go to Tom Hale",
        "said",
        "Ms. Lee",
        INDIRECT,
    ),
    (
        "contracted-subject-after-claim",
        "The owner claims he's owed $2 million.",
        "he's owed $2 million.",
        "claims",
        "The owner",
        INDIRECT,
    ),
    (
        "negated-say-with-when",
        "The council has not said when it will vote on the budget.",
        "when it will vote on the budget.",
        "said",
        "The council",
        INDIRECT,
    ),
    (
        "circumstance-before-pronoun-clause",
        "Ms. Ito has said for months she will not seek a second term.",
        "she will not seek a second term.",
        "said",
        "Ms. Ito",
        INDIRECT,
    ),
    (
        "coordinated-verb-after-did-not",
        "The auditor found errors but did not recommend that the mayor resign.",
        "that the mayor resign.",
        "recommend",
        "The auditor",
        INDIRECT,
    ),
    (
        "content-ends-before-next-act",
        "The governor has moved left, criticizing the new pipeline and calling for a ban on "
        "drilling.",
        "the new pipeline",
        "criticizing",
        "The governor",
        INDIRECT,
    ),
    (
        "content-ends-before-another-speakers-clause",
        "The mayor said the levee would hold and engineers warned that the river was rising.",
        "the levee would hold",
        "said",
        "The mayor",
        INDIRECT,
    ),
    (
        "relative-clause-inside-content",
        "The coach said that Ms. Diaz, who missed the final, would start on Sunday.",
        "that Ms. Diaz, who missed the final, would start on Sunday.",
        "said",
        "The coach",
        INDIRECT,
    ),
    (
        "coordinated-verb-takes-earlier-subject",
        "Speaking on the radio, Mr. Hale admitted the plan was late but said his team would "
        "finish it by June.",
        "his team would finish it by June.",
        "said",
        "Mr. Hale",
        INDIRECT,
    ),
    (
        "pronoun-subject-after-opening-phrase",
        "But on Tuesday, she stood with the union leaders and urged the council to vote no.",
        "the council to vote no.",
        "urged",
        "she",
        INDIRECT,
    ),
    (
        "passive-judgement-with-complement",
        "The ferry operator was criticized for cutting the winter timetable.",
        "The ferry operator | for cutting the winter timetable.",
        "criticized",
        "",
        INDIRECT,
    ),
    (
        "concessive-clause-before-according-to",
        "Though she has little money left, Ms. Park leads the race by six points, according "
        "to a new poll.",
        "Ms. Park leads the race by six points",
        "according to",
        "a new poll",
        INDIRECT,
    ),
    (
        "content-ends-before-before-participle",
        "The chair said the leak was troubling, before noting that the staff had acted fast.",
        "the leak was troubling",
        "said",
        "The chair",
        INDIRECT,
    ),
    (
        "reply-verb-with-that-clause",
        "The ministry responded that the figures had been checked twice.",
        "that the figures had been checked twice.",
        "responded",
        "The ministry",
        INDIRECT,
    ),
    (
        "circumstance-before-late-that",
        "The agency said for the first time that two of its servers had been breached.",
        "that two of its servers had been breached.",
        "said",
        "The agency",
        INDIRECT,
    ),
    (
        "time-phrase-before-late-that",
        "Ms. Ortiz boasted Monday night that her plan had not cost a single job.",
        "that her plan had not cost a single job.",
        "boasted",
        "Ms. Ortiz",
        INDIRECT,
    ),
]


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker", "kind"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_indirect_construction_is_attributed(
    text: str, content: str, cue: str, speaker: str, kind: QuoteType
) -> None:
    assert_attributed(text, content, cue, speaker, kind)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The new bridge was estimated to cost $5 billion.", id="passive-infinitive"),
        pytest.param("He went on to serve two terms as mayor.", id="went-on-to"),
        pytest.param("She ran down the street, shouting insults at the driver.", id="shouting"),
        pytest.param("Voters should feel free to skip the primary.", id="belief-without-clause"),
        pytest.param("The mayor went on national television last night.", id="went-on-place"),
        pytest.param("The attack on the embassy killed four people.", id="noun-without-speaker"),
        pytest.param(
            "Editor's note: the governor has said many times that taxes will rise.",
            id="editors-note",
        ),
        pytest.param("Update: The vote was moved to Friday.", id="writer-label-colon"),
        pytest.param("The Latest: The vote was moved to Friday.", id="section-label-colon"),
        pytest.param(
            "One by one, the small mills declared bankruptcy.",
            id="cue-with-its-own-object",
        ),
        pytest.param(
            "Helpers: Ana Ruiz, Tomas Berg, Mei Chen, Kofi Mensah, Lena Vogel.",
            id="label-before-a-list-of-names",
        ),
        pytest.param(
            "In an interview with the Herald in late May, the mayor bragged.",
            id="adverbial-phrase-is-no-content",
        ),
        pytest.param("A website called Real News Right Now ran the story.", id="called-a-name"),
        pytest.param("The suspect was not charged.", id="passive-without-agent"),
        pytest.param("The economy added 292,000 jobs in December.", id="added-a-quantity"),
        pytest.param("The sprinter claimed the prize for the third time.", id="claimed-a-prize"),
        pytest.param("She leads in pledged delegates.", id="pledged-delegates"),
        pytest.param("Even as prices rose, residents complained.", id="lone-subordinate-clause"),
        pytest.param(
            "A claim that originated in a tabloid spread quickly.", id="noun-with-relative-that"
        ),
    ],
)
def test_infinitives_and_objects_of_other_verbs_are_not_content(text: str) -> None:
    assert extract(text).attributions == ()


def test_lexicon_reads_nouns_of_speech() -> None:
    lexicon = parse_lexicon("[nouns]\nclaim claims\nremark\n")
    assert lexicon.nouns == frozenset({"claim", "claims", "remark"})
    assert "remark" in default_lexicon().nouns
