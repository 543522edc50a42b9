"""The learned model's table: stored inside the workspace, replaced in one transaction,
read back without opening a store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.migrations import known_migrations
from storage.models import StoredModel, read_stored_model
from storage.store import Store


def a_model(records: int = 30, blob: bytes = b"model bytes") -> StoredModel:
    return StoredModel(
        blob=blob,
        records=records,
        documents=4,
        trained_at="2026-01-02T03:04:05+00:00",
        trained_on="ana",
        scores={"precision": 0.9, "recall": 0.6, "f1": 0.72},
    )


def test_the_migration_runs_after_the_layers_and_a_new_workspace_has_no_model(
    store: Store,
) -> None:
    names = known_migrations()
    assert names.index("0006_learned_model") > names.index("0005_layer_counts")
    assert store.learned_model() is None


def test_a_saved_model_comes_back_with_its_facts(store: Store) -> None:
    store.save_learned_model(a_model())
    found = store.learned_model()
    assert found is not None
    assert (found.blob, found.records, found.documents) == (b"model bytes", 30, 4)
    assert (found.trained_at, found.trained_on, found.trained_by) == (
        "2026-01-02T03:04:05+00:00",
        "ana",
        "ana",  # the store's annotator ran it
    )
    assert found.scores == {"precision": 0.9, "recall": 0.6, "f1": 0.72}


def test_retraining_replaces_the_model_and_is_recorded(store: Store) -> None:
    store.save_learned_model(a_model(records=30, blob=b"first"))
    store.save_learned_model(a_model(records=45, blob=b"second"))
    found = store.learned_model()
    assert found is not None and (found.blob, found.records) == (b"second", 45)
    assert store._conn.execute("SELECT count(*) FROM learned_model").fetchone()[0] == 1
    entries = [e for e in store.history() if e.action == "train"]
    assert [e.after["records"] for e in entries if e.after] == [45, 30]
    assert store.next_undo() is None  # training is not an undoable annotation


def test_a_failed_save_leaves_the_previous_model(store: Store) -> None:
    store.save_learned_model(a_model(blob=b"good"))
    with pytest.raises(sqlite3.IntegrityError):
        store.save_learned_model(a_model(records=-1, blob=b"bad"))
    found = store.learned_model()
    assert found is not None and found.blob == b"good"
    assert len([e for e in store.history() if e.action == "train"]) == 1


def test_forgetting_the_model(store: Store) -> None:
    assert store.forget_learned_model() is False
    store.save_learned_model(a_model())
    assert store.forget_learned_model() is True
    assert store.learned_model() is None
    assert store.history()[0].action == "forget_model"


def test_a_copied_workspace_carries_its_model(tmp_path: Path) -> None:
    original = tmp_path / "a.sqlite"
    with Store(original) as store:
        store.save_learned_model(a_model(blob=b"\x00\x01 binary \xff"))
    copy = tmp_path / "b.sqlite"
    copy.write_bytes(original.read_bytes())
    with Store(copy) as store:
        found = store.learned_model()
    assert found is not None and found.blob == b"\x00\x01 binary \xff"


def test_reading_a_file_creates_and_migrates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with Store(path) as store:
        store.save_learned_model(a_model())
    before = sorted(p.name for p in tmp_path.iterdir())
    found = read_stored_model(path)
    assert found is not None and found.records == 30
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_workspace_older_than_models_has_none(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as connection:  # as a version before migration 0006 left it
        connection.execute("DROP TABLE learned_model")
        connection.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_learned_model'")
    assert read_stored_model(path) is None
    with Store(path) as store:  # opening it as a store migrates it
        assert store.learned_model() is None
