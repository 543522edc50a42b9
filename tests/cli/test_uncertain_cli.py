"""``app.py uncertain``: active learning's queue, through the app's own ``main``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app import main
from storage.store import Store
from tests.learning_support import (
    add_unreviewed,
    fill_training_workspace,
    trained_workspace,
)


def run(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trained_workspace(tmp_path_factory.mktemp("trained") / "w.sqlite")


@pytest.fixture(autouse=True)
def no_default_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))


def test_json_lists_the_most_uncertain_first_and_scores_once(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.sqlite"
    shutil.copyfile(trained, db)
    familiar, unfamiliar = add_unreviewed(db)

    assert run("--db", db, "uncertain", "--limit", "2", "--json") == 0
    first = json.loads(capsys.readouterr().out)
    assert set(first) == {"layer", "scored", "documents"}
    assert (first["layer"], first["scored"]) == ("", 4)
    assert first["documents"][0]["id"] == unfamiliar
    assert len(first["documents"]) == 2
    assert set(first["documents"][0]) == {"id", "title", "uncertainty"}
    assert first["documents"][0]["title"] == "unfamiliar"

    assert run("--db", db, "uncertain", "--json") == 0
    again = json.loads(capsys.readouterr().out)
    assert again["scored"] == 0
    assert {d["id"] for d in again["documents"]} == {unfamiliar, *familiar}


def test_an_annotators_reviewed_document_leaves_their_queue(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.sqlite"
    shutil.copyfile(trained, db)
    _familiar, unfamiliar = add_unreviewed(db)
    with Store(db, annotator="ana", layer="ana") as store:
        record = store.next_unreviewed(unfamiliar)
        assert record is not None and record.id is not None
        store.accept_attribution(record.id)
    assert run("--db", db, "--annotator", "ana", "uncertain") == 0
    table = capsys.readouterr().out
    # Ana's layer has decided nothing on the 24 training documents (those decisions
    # are the shared layer's): they wait for her review too, but the one she started not.
    assert "Scored 27 unreviewed documents" in table
    assert "unfamiliar" not in table and "familiar 0" in table


def test_without_a_model_it_says_to_train_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = fill_training_workspace(tmp_path / "untrained.sqlite", 2)
    assert run("--db", db, "uncertain") == 2
    error = capsys.readouterr().err
    assert "no learned model" in error and "train" in error


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_a_bad_limit_is_refused(
    trained: Path, limit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        run("--db", trained, "uncertain", "--limit", limit)
    assert stop.value.code == 2
    assert "--limit" in capsys.readouterr().err
