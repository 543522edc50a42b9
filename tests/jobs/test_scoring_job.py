"""Scoring unreviewed documents by the model's uncertainty (``jobs.scoring``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobs.scoring import score_unreviewed
from jobs.training import workspace_model
from storage.store import Store
from tests.learning_support import add_unreviewed, trained_workspace


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trained_workspace(tmp_path_factory.mktemp("trained") / "w.sqlite")


@pytest.fixture
def workspace(trained: Path, tmp_path: Path) -> tuple[Path, list[int], int]:
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(trained, copy)
    familiar, unfamiliar = add_unreviewed(copy)
    return copy, familiar, unfamiliar


def test_only_unreviewed_documents_are_scored_the_unfamiliar_first(
    workspace: tuple[Path, list[int], int],
) -> None:
    path, familiar, unfamiliar = workspace
    seen: list[int] = []
    with Store(path, annotator="ana") as store:
        model = workspace_model(store)
        assert model is not None
        report = score_unreviewed(store, model, progress=seen.append)
        ranked = store.most_uncertain(10)
    # The 24 training documents are reviewed (accepted records): never scored.
    assert (report.scored, report.left, report.cancelled) == (4, 0, False)
    assert seen == [1, 2, 3, 4]
    assert ranked[0].document_id == unfamiliar
    assert {d.document_id for d in ranked} == {unfamiliar, *familiar}
    assert "Scored 4 unreviewed documents" in report.summary()


def test_a_cancelled_run_keeps_its_scores_and_the_next_scores_the_rest(
    workspace: tuple[Path, list[int], int],
) -> None:
    path, _familiar, _unfamiliar = workspace
    with Store(path, annotator="ana") as store:
        model = workspace_model(store)
        assert model is not None
        polls = iter([False, False, True])
        first = score_unreviewed(store, model, is_cancelled=lambda: next(polls, True))
        assert (first.scored, first.left, first.cancelled) == (2, 2, True)
        assert len(store.unscored_unreviewed()) == 2
        second = score_unreviewed(store, model)
        assert (second.scored, second.left) == (2, 0)
        assert store.unscored_unreviewed() == []
        assert score_unreviewed(store, model).scored == 0
    assert "cancelled" in first.summary()
