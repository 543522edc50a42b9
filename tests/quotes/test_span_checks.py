"""The checks an edited record must pass: its own spans, other records, paragraphs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quotes.model import Attribution, QuoteType, Span, Status
from quotes.span_checks import check_edit

TEXT = 'Ruiz said the port will grow. "It is ready," Lee said.\nThe next day was calm.'
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678


def record(start: int, end: int, *, id: int, cue=None, speaker=None, status=Status.CANDIDATE):
    return Attribution(
        fragments=(Span(start, end),),
        type=QuoteType.INDIRECT,
        cue=None if cue is None else Span(*cue),
        speaker=None if speaker is None else Span(*speaker),
        status=status,
        id=id,
        document_id=1,
    )


RUIZ = record(10, 29, id=1, cue=(5, 9), speaker=(0, 4))  # 'the port will grow.'
LEE = record(30, 44, id=2, cue=(50, 54), speaker=(46, 49))  # '"It is ready,"'


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ((10, 29), None),
        ((10, 28), None),
        ((5, 29), "cover its own cue"),
        ((0, 29), "cover its own cue"),
        ((10, 36), "run into record 2"),
    ],
)
def test_content_may_not_cover_its_own_spans_or_another_record(fragment, expected) -> None:
    edited = replace(RUIZ, fragments=(Span(*fragment),))
    problem = check_edit(TEXT, RUIZ, edited, [RUIZ, LEE])
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem.message and not problem.paragraph


def test_the_speaker_mention_counts_like_the_cue() -> None:
    edited = replace(LEE, fragments=(Span(30, 49),), cue=None)
    problem = check_edit(TEXT, LEE, edited, [RUIZ, LEE])
    assert problem is not None and "speaker mention" in problem.message


def test_a_rejected_record_is_no_obstacle() -> None:
    edited = replace(RUIZ, fragments=(Span(10, 36),))
    rejected = replace(LEE, status=Status.REJECTED)
    assert check_edit(TEXT, RUIZ, edited, [RUIZ, rejected]) is None


def test_only_what_the_edit_makes_worse_counts() -> None:
    overlapping = record(20, 40, id=3)  # already shares words with both
    shorter = replace(overlapping, fragments=(Span(22, 40),))
    assert check_edit(TEXT, overlapping, shorter, [RUIZ, LEE, overlapping]) is None


def test_a_new_paragraph_break_is_asked_about_an_old_one_is_not() -> None:
    across = replace(LEE, fragments=(Span(30, 70),), cue=None, speaker=None)
    bare = replace(LEE, cue=None, speaker=None)
    problem = check_edit(TEXT, bare, across, [RUIZ, LEE])
    assert problem is not None and problem.paragraph
    longer = replace(across, fragments=(Span(30, 75),))
    assert check_edit(TEXT, across, longer, [RUIZ, across]) is None
