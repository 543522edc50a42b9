"""The walk through the disagreements, without widgets: the progress line, moving on,
and reading back from the gold layer which ones a person decided (one gold record
decides one disagreement, even where two disagreements overlap)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobs.team.adjudication import (
    OpenDisagreement,
    decided_flags,
    open_disagreements,
    take_version,
)
from quotes.agreement import Disagreement, Version
from quotes.model import Attribution, Span, Status
from storage.store import GOLD_LAYER, Store
from ui.team.adjudication_walk import DisagreementWalk, progress_text

from .adjudication_workspace import COMPLAINT, build_team_workspace


@pytest.mark.parametrize(
    ("left", "total", "line"),
    [
        (12, 80, "12 of 80 disagreements left"),
        (1, 1, "1 of 1 disagreement left"),
        (0, 80, "All 80 disagreements adjudicated."),
        (0, 1, "All 1 disagreement adjudicated."),
        (0, 0, "No disagreements to adjudicate."),
    ],
)
def test_the_progress_line_counts_down(left: int, total: int, line: str) -> None:
    assert progress_text(left, total) == line


def _item(start: int, end: int, annotator: str = "alice") -> OpenDisagreement:
    quote = {"start": start, "end": end, "fragments": [[start, end]], "speaker_name": "X"}
    disagreement = Disagreement(
        document_index=0,
        document_id="doc",
        start=start,
        versions=(Version(annotator, quote),),
        absent=("bob", "carol"),
        majority=quote,
        supporters=(annotator,),
    )
    return OpenDisagreement(1, disagreement, ("alice", "bob", "carol"))


def _gold(start: int, end: int, rule: str = "adjudicated: alice") -> Attribution:
    return Attribution(fragments=(Span(start, end),), status=Status.ACCEPTED, rule=rule)


def test_a_gold_record_decides_the_disagreement_it_overlaps_most_and_no_other() -> None:
    # alice's long quotation and bob's shorter one inside it: two disagreements.
    long, short = _item(0, 100), _item(60, 90, "bob")
    assert decided_flags([_gold(0, 100)], [long, short]) == [True, False]
    assert decided_flags([_gold(0, 100), _gold(60, 90)], [long, short]) == [True, True]
    # The majority's records (and records that overlap nothing) decide nothing.
    assert decided_flags([_gold(0, 100, "majority: a, b")], [long, short]) == [False, False]
    assert decided_flags([_gold(200, 210)], [long, short]) == [False, False]


def test_the_walk_moves_to_the_next_open_one_and_wraps_around() -> None:
    walk = DisagreementWalk([_item(0, 10), _item(20, 30), _item(40, 50)])
    assert (walk.position, walk.left, walk.total) == (0, 3, 3)
    walk.go_to(2)
    assert walk.advance() is walk.items[0]
    assert walk.advance() is walk.items[1]


@pytest.fixture
def judge(tmp_path: Path) -> Iterator[Store]:
    with Store(build_team_workspace(tmp_path / "team.sqlite"), annotator="judge") as store:
        store.layer = GOLD_LAYER
        yield store


def test_the_walk_reads_choices_and_their_undo_from_the_gold_layer(judge: Store) -> None:
    walk = DisagreementWalk(open_disagreements(judge))
    assert walk.total == 2
    document_id = walk.items[0].document_id
    take_version(judge, walk.items[0], "bob")
    assert walk.refresh(judge, [document_id]) == []
    assert (walk.is_decided(0), walk.left) == (True, 1)
    assert walk.advance() is walk.items[1]
    judge.undo()
    # The undone choice is open again, and the walk says which it was.
    assert walk.refresh(judge, [document_id]) == [0]
    assert walk.left == 2
    # Restarting finds the same open disagreements as the walk holds.
    assert [i.spans() for i in open_disagreements(judge)] == [i.spans() for i in walk.items]
    assert walk.items[0].spans()[0] == (COMPLAINT.start, COMPLAINT.end)
