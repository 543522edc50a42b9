"""One disagreement at a time (``jobs.team.adjudication``): what is left, each choice as
one undo step that names the adjudicator and the agreeing versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.team.adjudication import (
    MAJORITY,
    adjudicate_by_majority,
    open_disagreements,
    take_version,
)
from quotes.model import Status
from storage.layers import LayerError
from storage.store import GOLD_LAYER, Store
from tests.cli.test_team_commands import MARKET, team  # noqa: F401  (the fixture)


@pytest.fixture
def gold(team: Path) -> Store:  # noqa: F811
    store = Store(team, annotator="judge")
    adjudicate_by_majority(store)
    store.layer = GOLD_LAYER
    return store


def test_the_disagreement_left_is_the_farmer_only_ana_saw(gold: Store) -> None:
    (item,) = open_disagreements(gold)
    assert item.annotators == ("ana", "ben", "cy")
    assert item.version_of("ben") is None
    quote = item.version_of("ana")
    assert quote is not None and MARKET[quote["start"] : quote["end"]] == '"We are ready,"'


def test_taking_a_version_decides_it_and_undo_brings_it_back(gold: Store) -> None:
    (item,) = open_disagreements(gold)
    made = take_version(gold, item, "ana")
    assert made.status is Status.ACCEPTED and made.annotator == "judge"
    assert made.rule == "adjudicated: ana" and made.speaker_name == "Farmer"
    assert open_disagreements(gold) == []
    gold.undo()
    assert len(open_disagreements(gold)) == 1


def test_reject_all_and_majority(gold: Store) -> None:
    (item,) = open_disagreements(gold)
    rejected = take_version(gold, item, None)
    assert rejected.status is Status.REJECTED and open_disagreements(gold) == []
    gold.undo()
    taken = take_version(gold, item, MAJORITY)
    assert taken.rule == f"adjudicated: {', '.join(item.disagreement.supporters)}"


def test_a_choice_needs_the_gold_layer_and_a_version(gold: Store) -> None:
    (item,) = open_disagreements(gold)
    with pytest.raises(LayerError, match="ben has no version"):
        take_version(gold, item, "ben")
    gold.layer = "ana"
    with pytest.raises(LayerError, match="gold layer"):
        take_version(gold, item, "ana")
