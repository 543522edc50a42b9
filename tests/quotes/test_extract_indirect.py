"""The extractor on indirect speech in sentences with several clauses and cues.

A table written for the project: each case names the content (fragments joined by
" | "), the cue and the speaker mention as written, and the type.
"""

from __future__ import annotations

import pytest

from quotes.extract import extract
from quotes.model import Attribution, QuoteType

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
]


def _find(attributions: tuple[Attribution, ...], text: str, content: str) -> Attribution:
    for attribution in attributions:
        if attribution.content_text(text, " | ") == content:
            return attribution
    found = [a.content_text(text, " | ") for a in attributions]
    raise AssertionError(f"no attribution with content {content!r}; found {found!r}")


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker", "kind"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_indirect_construction_is_attributed(
    text: str, content: str, cue: str, speaker: str, kind: QuoteType
) -> None:
    attribution = _find(extract(text).attributions, text, content)
    assert attribution.cue is not None and attribution.cue.text_of(text) == cue
    if speaker:
        assert attribution.speaker is not None
        assert attribution.speaker.text_of(text) == speaker
    else:  # a passive or a question names no speaker
        assert attribution.speaker is None
    assert attribution.type == kind
