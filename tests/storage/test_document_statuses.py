"""The shared layer's document statuses in their own table (migration 0010): an old
workspace keeps its statuses, and a status change writes that small row, never the
``documents`` row that holds the text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from quotes.model import DocumentStatus
from storage.listing import ListOrder, ListQuery
from storage.migrations import migrations
from storage.store import Store

NOW = "2026-01-01T00:00:00.000+00:00"
OLD_STATUSES = {1: "new", 2: "done", 3: "in_progress", 4: "done"}


@pytest.fixture
def old_workspace(tmp_path: Path) -> Path:
    """A workspace as the version before 0010 left it: statuses in ``documents``."""
    path = tmp_path / "old.sqlite"
    old = Database(path)
    migrations.apply(old, stop_before="0010_document_statuses")
    for i, status in OLD_STATUSES.items():
        old.execute(
            "INSERT INTO documents (id, title, text, content_hash, status, imported_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (i, f"T{i}", f"text {i}", f"h{i}", status, NOW, NOW),
        )
    old.close()
    return path


@pytest.fixture
def migrated(old_workspace: Path) -> Iterator[Store]:
    """The old workspace opened (and so migrated) by this version."""
    with Store(old_workspace, annotator="ana") as store:
        yield store


def statuses(store: Store) -> dict[int, str]:
    return {s.id: s.status.value for s in store.document_summaries()}


def test_migrating_keeps_every_documents_status(migrated: Store) -> None:
    assert statuses(migrated) == OLD_STATUSES
    assert {i: migrated.document(i).status.value for i in OLD_STATUSES} == OLD_STATUSES
    assert migrated.document_status_counts() == {
        DocumentStatus.NEW: 1,
        DocumentStatus.IN_PROGRESS: 1,
        DocumentStatus.DONE: 2,
    }


def test_the_list_filters_and_sorts_by_the_migrated_statuses(migrated: Store) -> None:
    done = migrated.document_page(ListQuery(status=DocumentStatus.DONE))
    assert [s.id for s in done] == [2, 4]
    by_status = migrated.document_page(ListQuery(order=ListOrder.STATUS))
    assert [(s.status.value, s.id) for s in by_status] == sorted(
        (status, i) for i, status in OLD_STATUSES.items()
    )
    assert [s.id for s in migrated.document_summaries(DocumentStatus.IN_PROGRESS)] == [3]


def test_a_status_change_after_migrating_is_kept_and_undone(
    migrated: Store, old_workspace: Path
) -> None:
    migrated.set_document_status(1, DocumentStatus.DONE)
    with Store(old_workspace) as other:
        assert other.document(1).status is DocumentStatus.DONE
    migrated.undo()
    assert migrated.document(1).status is DocumentStatus.NEW


def test_the_old_column_is_no_longer_a_status(migrated: Store) -> None:
    columns = {row[1] for row in migrated._conn.execute("PRAGMA table_info(documents)")}
    assert "status" not in columns
    assert "documents_status" not in {
        row[1] for row in migrated._conn.execute("PRAGMA index_list(documents)")
    }


def watch_document_updates(store: Store) -> list[int]:
    """The ids of the ``documents`` rows the store rewrites from now on, as they come
    (a temporary trigger on the store's own connection)."""
    updated: list[int] = []
    store._conn.create_function("note_update", 1, updated.append)
    store._conn.execute(
        "CREATE TEMP TRIGGER note_document_update AFTER UPDATE ON main.documents"
        " BEGIN SELECT note_update(NEW.id); END"
    )
    return updated


def test_a_decision_on_a_new_document_writes_no_documents_row(
    store: Store, news_id: int, first_id: int
) -> None:
    document_id, first = news_id, first_id
    updated = watch_document_updates(store)

    store.accept_attribution(first)
    assert store.document(document_id).status is DocumentStatus.IN_PROGRESS
    store.set_document_status(document_id, DocumentStatus.DONE)
    store.undo()
    store.undo()

    assert store.document(document_id).status is DocumentStatus.NEW
    assert updated == []


def test_a_stored_document_starts_new_and_its_status_goes_with_it(
    store: Store, news_id: int
) -> None:
    document_id = news_id
    assert store.document(document_id).status is DocumentStatus.NEW
    store._conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
    assert store._conn.execute("SELECT count(*) FROM document_statuses").fetchone()[0] == 0


def test_a_status_outside_the_three_is_refused(store: Store, news_id: int) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute("UPDATE document_statuses SET status = 'finished'")
