"""``imported_record_problem``: an attribution read from a file against its text."""

from __future__ import annotations

from typing import Any

import pytest

from quotes.model import Attribution, QuoteType, Span
from quotes.span_checks import imported_record_problem

TEXT = "Ruiz said the port will grow, and Lee agreed."
#       0         1         2         3         4
#       0123456789012345678901234567890123456789012345


def record(*fragments: tuple[int, int], cue=(5, 9), speaker=(0, 4)) -> Attribution:
    return Attribution(
        fragments=tuple(Span(*f) for f in fragments),
        type=QuoteType.INDIRECT,
        cue=None if cue is None else Span(*cue),
        speaker=None if speaker is None else Span(*speaker),
    )


GOOD = record((10, 28))  # 'the port will grow'


@pytest.mark.parametrize(
    ("attribution", "texts", "words"),
    [
        (GOOD, None, None),
        (
            GOOD,
            {"cue_text": "said", "speaker_text": "Ruiz", "content_text": "the port will grow"},
            None,
        ),
        (GOOD, {"cue_text": " said\n"}, None),  # white space collapsed
        (GOOD, {"rule": "anything", "cue_text": None}, None),  # other fields, nulls ignored
        (record((10, 18), (24, 28)), {"content_text": "the port grow"}, None),  # joined
        (record((10, 18), (24, 28)), {"content_text": "the port will grow"}, None),  # stretch
        (record((10, 60)), None, "'fragments[0]' [10, 60] lies outside the text of 45"),
        (record((10, 18), (24, 50)), None, "'fragments[1]' [24, 50] lies outside"),
        (record((10, 28), cue=(40, 50)), None, "'cue' [40, 50] lies outside"),
        (record((10, 28), speaker=(44, 46)), None, "'speaker' [44, 46] lies outside"),
        (GOOD, {"cue_text": "says"}, "'cue_text' says 'says' but the text at 'cue' is 'said'"),
        (GOOD, {"speaker_text": "Lee"}, "'speaker_text' says 'Lee'"),
        (GOOD, {"content_text": "the port"}, "'content_text' says 'the port'"),
        (GOOD, {"cue_text": 3}, "'cue_text' must be a string"),
        (record((10, 28), cue=None), {"cue_text": "said"}, "the record has no 'cue'"),
        (record((5, 28)), None, "'cue' [5, 9] lies inside the content"),
        (record((5, 9)), None, "'cue' [5, 9] lies inside the content"),  # content = cue
        (record((0, 28), cue=(29, 33)), None, "'speaker' [0, 4] lies inside the content"),
        # A source written around the quotation (read whole) encloses it: allowed.
        (record((10, 28), speaker=(0, 40)), None, None),
    ],
)
def test_an_imported_record_is_checked_against_its_text(
    attribution: Attribution, texts: dict[str, Any] | None, words: str | None
) -> None:
    problem = imported_record_problem(TEXT, attribution, texts)
    if words is None:
        assert problem is None
    else:
        assert problem is not None and words in problem
