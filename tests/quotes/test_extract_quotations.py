"""Quotation-mark constructions: where a direct quotation's content begins and ends.

A table of sentences written for the project. Each case gives the text, the content
the attribution must hold (fragments joined by " | "), its cue and speaker as written
(an empty speaker: none), and its type.
"""

from __future__ import annotations

import pytest

from quotes.model import QuoteType

from .conftest import assert_attributed

DIRECT, INDIRECT, MIXED = QuoteType.DIRECT, QuoteType.INDIRECT, QuoteType.MIXED

# (id, text, content fragments joined by " | ", cue, speaker, type)
CASES = [
    (
        "tag-after-state-abbreviation-in-brackets",
        "“That is a problem for the caucus,” said Rep. Ann Lee (D-N.M.), a member of the"
        " committee. “We need a vote this week.”",
        "“That is a problem for the caucus,” | “We need a vote this week.”",
        "said",
        "Rep. Ann Lee",
        DIRECT,
    ),
    (
        "inner-quotation-closes-before-tag",
        "The mayor spoke on Monday. “Nobody has ever asked us, ‘What do you need?’” Lopez said.",
        "“Nobody has ever asked us, ‘What do you need?’”",
        "said",
        "Lopez",
        DIRECT,
    ),
    (
        "split-quote-with-participle-in-tag",
        "“Every time you cut that program,” Ortiz said, referring to the school lunches,"
        " “you hurt the kids who need it most.”",
        "“Every time you cut that program,” | “you hurt the kids who need it most.”",
        "said",
        "Ortiz",
        DIRECT,
    ),
    (
        "split-quote-after-apposition",
        '"This used to be a quiet town," said Mara Voss, director of the local museum,'
        ' "but it is increasingly crowded."',
        '"This used to be a quiet town," | "but it is increasingly crowded."',
        "said",
        "Mara Voss",
        DIRECT,
    ),
    (
        "split-quote-with-said-of",
        "“To the extent they listen,” he said of the board, “I think we made progress.”",
        "“To the extent they listen,” | “I think we made progress.”",
        "said",
        "he",
        DIRECT,
    ),
    (
        "colon-after-clause-without-cue-word",
        'The coach summed up the season in one line: "We were never good enough on the road."',
        '"We were never good enough on the road."',
        "line:",
        "The coach",
        DIRECT,
    ),
    (
        "colon-after-verb-and-circumstance",
        'The senator wrote in her memo to the staff: "The plan will not survive the winter."',
        '"The plan will not survive the winter."',
        "wrote",
        "The senator",
        DIRECT,
    ),
    (
        "colon-quote-after-participle-opener",
        "Surveying the empty factories of the valley, Moreno concludes: “Nobody did this to"
        " them. They did it themselves.”",
        "“Nobody did this to them. They did it themselves.”",
        "concludes",
        "Moreno",
        DIRECT,
    ),
    (
        "colon-paragraph-then-quotation-paragraphs",
        "The governor took the stage and continued:\n\n"
        '"We will not raise taxes. Not this year, not next year."\n\n'
        '"And we will balance the budget."',
        '"We will not raise taxes. Not this year, not next year." | '
        '"And we will balance the budget."',
        "continued:",
        "The governor",
        DIRECT,
    ),
    (
        "colon-paragraph-after-told-and-aside",
        "She told the crowd, to loud applause:\n\n“This city has never given up on itself.”",
        "“This city has never given up on itself.”",
        "told the crowd, to loud applause:",
        "She",
        DIRECT,
    ),
    (
        "writer-words-after-closed-quotation",
        'The mayor said, "We will rebuild," and the crowd cheered.',
        '"We will rebuild,"',
        "said",
        "The mayor",
        DIRECT,
    ),
    (
        "sentence-after-full-stop-quotation-is-not-its-tag",
        'She held up a sign reading "Never again." The retired nurse says she has marched'
        " every year since 1990.",
        "she has marched every year since 1990.",
        "says",
        "The retired nurse",
        INDIRECT,
    ),
    (
        "tag-speaker-opening-with-determiner",
        '"Nobody expected this," the two write.',
        '"Nobody expected this,"',
        "write",
        "the two",
        DIRECT,
    ),
    (
        "tag-speaker-that-is-also-a-modal",
        '"The dam will hold," Will wrote.',
        '"The dam will hold,"',
        "wrote",
        "Will",
        DIRECT,
    ),
    (
        "question-quotation-then-name-with-apposition",
        '"Is it worth the risk?" Mara Voss, the director of the museum, said at a meeting'
        " on Thursday.",
        '"Is it worth the risk?"',
        "said",
        "Mara Voss, the director of the museum",
        DIRECT,
    ),
    (
        "tag-speaker-description-with-relative-clause",
        "“They are cutting corners,” an engineer, who was not authorized to speak publicly,"
        " told the paper.",
        "“They are cutting corners,”",
        "told",
        "an engineer, who was not authorized to speak publicly",
        DIRECT,
    ),
    (
        "quotation-after-circumstance-of-said",
        "Ruiz said about the new rules, “I support parents making their own choices.”",
        "“I support parents making their own choices.”",
        "said",
        "Ruiz",
        DIRECT,
    ),
    (
        "quotation-after-addressee-of-asked",
        "He then asked the crowd, “Can she stay? Can she stay?”",
        "“Can she stay? Can she stay?”",
        "asked",
        "He",
        DIRECT,
    ),
    (
        "quotation-after-time-clause",
        "Lee said in the spring, when the story broke, “I did not send any secret files.”",
        "“I did not send any secret files.”",
        "said",
        "Lee",
        DIRECT,
    ),
    (
        "content-before-quotation-stays-mixed",
        "Ryan says no matter what the president decides, “his word does not trump the law.”",
        "no matter what the president decides, “his word does not trump the law.”",
        "says",
        "Ryan",
        MIXED,
    ),
    (
        "wrongly-curled-closing-mark-before-inverted-tag",
        "“It is unusual,“ said Lena Ortiz, an attorney with the legal clinic.",
        "“It is unusual,“",
        "said",
        "Lena Ortiz",
        DIRECT,
    ),
    (
        "quotation-without-comma-before-tag",
        "“The race is a battle of niches” Grubbs said.",
        "“The race is a battle of niches”",
        "said",
        "Grubbs",
        DIRECT,
    ),
    (
        "participle-quotation-then-writer-words",
        'Marchers filled the square on Monday, chanting "No more wars," raising questions'
        " about the vote.",
        '"No more wars,"',
        "chanting",
        "Marchers",
        DIRECT,
    ),
    (
        "subject-before-quotation-in-apposition",
        "Ortiz, who wore a cape bearing the words, “I am with her,” shouted, “In three days,"
        " let us make history!”",
        "“In three days, let us make history!”",
        "shouted",
        "Ortiz",
        DIRECT,
    ),
    (
        "initials-in-tag-do-not-end-the-sentence",
        "“This is a sad day,” said Rep. A.J. Morrow, head of the caucus. “We expected"
        " better from him.”",
        "“This is a sad day,” | “We expected better from him.”",
        "said",
        "Rep. A.J. Morrow",
        DIRECT,
    ),
    (
        "inverted-tag-with-surname-like-a-preposition",
        '"We won fewer votes than ever," said Al From, who helped found the council, and'
        " wrote a book about it.",
        '"We won fewer votes than ever,"',
        "said",
        "Al From",
        DIRECT,
    ),
    (
        "fronted-said-then-speaker-then-quotation",
        "Said Dora Lind, who grew up with him in the neighborhood, “We were all so proud of him.”",
        "“We were all so proud of him.”",
        "Said",
        "Dora Lind, who grew up with him in the neighborhood",
        DIRECT,
    ),
    (
        "bare-tag-after-full-stop-quotation",
        "Trump spoke on Wednesday. “Russia, if you are listening, find the emails that are"
        " missing.” Trump said.",
        "“Russia, if you are listening, find the emails that are missing.”",
        "said",
        "Trump",
        DIRECT,
    ),
    (
        "lead-in-label-before-colon-quotation",
        'Then she added a caveat: "Down the ballot, I will vote for anyone who shares his values."',
        '"Down the ballot, I will vote for anyone who shares his values."',
        "added",
        "she",
        DIRECT,
    ),
    (
        "lead-in-with-own-participle-cue",
        "He explained the headline by saying: “It was because I asked people to pray.”",
        "“It was because I asked people to pray.”",
        "explained",
        "He",
        DIRECT,
    ),
    (
        "reported-clause-before-colon-quotation-stays-whole",
        "He adds that voters have two choices: “You either leave or you fight.”",
        "that voters have two choices: “You either leave or you fight.”",
        "adds",
        "He",
        MIXED,
    ),
    (
        "continuation-goes-to-the-quotation-not-a-quoted-phrase",
        "“Everything is on the table,” Lee told the paper after hinting that “changes” could"
        " come. “Every single thing is on the table.”",
        "“Everything is on the table,” | “Every single thing is on the table.”",
        "told",
        "Lee",
        DIRECT,
    ),
    (
        "modal-between-speaker-and-cue",
        "“Until you have sat at that desk, you do not know what it is like,” he will say."
        " “But she has been in the room.”",
        "“Until you have sat at that desk, you do not know what it is like,” | "
        "“But she has been in the room.”",
        "say",
        "he",
        DIRECT,
    ),
    (
        "quotation-closed-on-comma-then-writers-participle",
        "The mayor said that the vote was “rigged,” angering members of both parties.",
        "that the vote was “rigged,”",
        "said",
        "The mayor",
        MIXED,
    ),
    (
        "quotation-then-writers-bracket",
        "The senator said the deal was “a disaster” (although she later voted for it).",
        "the deal was “a disaster”",
        "said",
        "The senator",
        MIXED,
    ),
    (
        "reported-speech-goes-on-in-a-quotation",
        "Asked about the climate, she said she and the governor had made progress."
        ' "I really believe the state has done an incredible job."',
        "she and the governor had made progress. | "
        '"I really believe the state has done an incredible job."',
        "said",
        "she",
        MIXED,
    ),
    (
        "screamed-back-tag",
        "“Who is going to pay for it?” Ortiz asked. “Mexico!” the crowd screamed back.",
        "“Mexico!”",
        "screamed",
        "the crowd",
        DIRECT,
    ),
    (
        "blurted-out-before-quotation",
        'The senator blurted out, "Oh, no," at the mention of the name.',
        '"Oh, no,"',
        "blurted out",
        "The senator",
        DIRECT,
    ),
    (
        "reports-as-a-tag-verb",
        "“It helps the party down the ballot,” Henry reports on Monday evening.",
        "“It helps the party down the ballot,”",
        "reports",
        "Henry",
        DIRECT,
    ),
    (
        "states-as-a-tag-verb",
        "“She will stand up to the lobby,” a voice-over in the ad states.",
        "“She will stand up to the lobby,”",
        "states",
        "a voice-over in the ad",
        DIRECT,
    ),
    (
        "split-quote-with-but-in-tag",
        '"You know, I like Larry," he said, but "when it comes to energy, Larry works for'
        ' the coal firms."',
        '"You know, I like Larry," | "when it comes to energy, Larry works for the coal firms."',
        "said",
        "he",
        DIRECT,
    ),
    (
        "second-transcript-label-in-one-paragraph",
        'Ortiz: "We will open the depot in May." Lund: "The depot should never open."',
        '"The depot should never open."',
        ":",
        "Lund",
        DIRECT,
    ),
    (
        "time-phrase-is-no-split-fragment",
        'Hours later, she sent a message saying, "Finished."',
        '"Finished."',
        "saying",
        "she",
        DIRECT,
    ),
    (
        "headline-label-wins-over-title-case-cue",
        "Ortiz: Voters Will Say No To The Stadium Plan\n\nThe mayor spoke on Monday.",
        "Voters Will Say No To The Stadium Plan",
        ":",
        "Ortiz",
        INDIRECT,
    ),
    (
        "whom-she-described-as",
        'The mayor praised the new chief, whom she described as "a steady hand," at the ceremony.',
        'whom | as "a steady hand,"',  # the relative word and the words named
        "described",
        "she",
        MIXED,
    ),
    (
        "quotation-resumes-after-a-sentence-about-the-speaker",
        '"We have had floods before," Mayor Hale said after the briefing. She did not '
        'blame the engineers. "This one was different."',
        '"We have had floods before," | "This one was different."',
        "said",
        "Mayor Hale",
        DIRECT,
    ),
    (
        "quoted-question-after-passive-asked",
        'The mayor was asked, "Would you close the bridge again?" She answered, "Only if the '
        'river rises."',
        '"Would you close the bridge again?"',
        "asked",
        "",
        DIRECT,
    ),
    (
        "answer-after-question-is-its-own-sentence",
        'The mayor was asked, "Would you close the bridge again?" She answered, "Only if the '
        'river rises."',
        '"Only if the river rises."',
        "answered",
        "She",
        DIRECT,
    ),
    (
        "shouted-word-is-not-the-next-speakers",
        'When a man at the back shouted, "Louder," the senator joked, again raising her '
        'voice, "Is this better?"',
        '"Louder,"',
        "shouted",
        "a man at the back",
        DIRECT,
    ),
    (
        "participle-of-manner-before-quotation",
        'When a man at the back shouted, "Louder," the senator joked, again raising her '
        'voice, "Is this better?"',
        '"Is this better?"',
        "joked",
        "the senator",
        DIRECT,
    ),
]


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker", "kind"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_quotation_is_attributed_with_its_bounds(
    text: str, content: str, cue: str, speaker: str, kind: QuoteType
) -> None:
    assert_attributed(text, content, cue, speaker, kind)
