"""The schema: migrations, PRAGMAs, CHECK constraints and triggers, tested with raw SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.migrations import (
    BUSY_TIMEOUT_MS,
    MIGRATION_SET,
    WorkspaceError,
    known_migrations,
    migrate,
    migrations,
    open_database,
)

NOW = "2026-01-01T00:00:00.000+00:00"


@pytest.fixture
def db() -> Database:
    """A freshly migrated in-memory database with one document of 20 characters."""
    database = open_database(None)
    database.execute(
        "INSERT INTO documents (id, text, content_hash, imported_at, updated_at)"
        " VALUES (1, ?, 'h1', ?, ?)",
        ("x" * 20, NOW, NOW),
    )
    return database


def insert_attribution(db: Database, **columns: object) -> None:
    values: dict[str, object] = {
        "document_id": 1,
        "start": 0,
        "end": 5,
        "fragments": "[[0, 5]]",
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(columns)
    names = ", ".join(f'"{n}"' for n in values)
    marks = ", ".join("?" for _ in values)
    db.execute(f"INSERT INTO attributions ({names}) VALUES ({marks})", list(values.values()))


def test_a_new_database_gets_every_table() -> None:
    db = open_database(None)
    assert {"documents", "speakers", "attributions", "history", "documents_fts"} <= set(
        db.table_names()
    )


def test_migrations_are_recorded_and_applying_again_changes_nothing(db: Database) -> None:
    recorded = [r["name"] for r in db.query("SELECT name FROM _sqlite_migrations")]
    assert recorded == known_migrations()
    schema = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()

    assert migrate(db) == []

    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(recorded)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_reopening_a_file_runs_no_migration_and_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    first = open_database(path)
    first.execute(
        "INSERT INTO documents (text, content_hash, imported_at, updated_at)"
        " VALUES ('kept', 'h', ?, ?)",
        (NOW, NOW),
    )
    first.close()

    again = open_database(path)

    assert migrate(again) == []
    assert again.execute("SELECT text FROM documents").fetchall() == [("kept",)]


def test_file_workspaces_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    db = open_database(tmp_path / "w.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS


def test_a_workspace_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    db = open_database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": MIGRATION_SET, "name": "9999_from_the_future", "applied_at": NOW}
    )
    db.close()
    with pytest.raises(WorkspaceError, match="newer version"):
        open_database(path)


def test_a_file_that_is_not_sqlite_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is a text file, not a database\n" * 50)
    with pytest.raises(WorkspaceError, match=r"notes\.sqlite"):
        open_database(path)


@pytest.mark.parametrize(
    "columns",
    [
        pytest.param({"start": -1}, id="negative start"),
        pytest.param({"start": 5, "end": 5}, id="empty content"),
        pytest.param({"start": 6, "end": 5}, id="end before start"),
        pytest.param({"end": 21}, id="content past the text"),
        pytest.param({"cue_start": 7, "cue_end": 7}, id="empty cue"),
        pytest.param({"cue_start": 7, "cue_end": None}, id="cue without end"),
        pytest.param({"cue_start": -2, "cue_end": 3}, id="negative cue"),
        pytest.param({"cue_start": 18, "cue_end": 25}, id="cue past the text"),
        pytest.param({"speaker_start": 9, "speaker_end": 4}, id="reversed speaker"),
        pytest.param({"speaker_start": 0, "speaker_end": 99}, id="speaker past the text"),
        pytest.param({"fragments": "[]"}, id="no fragments"),
        pytest.param({"fragments": "not json"}, id="fragments not json"),
        pytest.param({"type": "quoted"}, id="unknown type"),
        pytest.param({"status": "maybe"}, id="unknown status"),
        pytest.param({"origin": "magic"}, id="unknown origin"),
        pytest.param({"document_id": 42}, id="missing document"),
        pytest.param({"speaker_id": 42}, id="missing speaker"),
    ],
)
def test_bad_attribution_rows_are_refused(db: Database, columns: dict[str, object]) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        insert_attribution(db, **columns)
    assert db.execute("SELECT count(*) FROM attributions").fetchone()[0] == 0


@pytest.mark.parametrize(
    "columns",
    [
        pytest.param({}, id="plain"),
        pytest.param({"start": 0, "end": 20}, id="the whole text"),
        pytest.param({"type": "unquoted"}, id="unquoted"),
        pytest.param({"cue_start": 6, "cue_end": 10}, id="with cue"),
        pytest.param({"speaker_start": 15, "speaker_end": 20}, id="speaker at the end"),
    ],
)
def test_good_attribution_rows_are_stored(db: Database, columns: dict[str, object]) -> None:
    insert_attribution(db, **columns)
    assert db.execute("SELECT count(*) FROM attributions").fetchone()[0] == 1


def test_an_update_moving_a_span_out_of_the_text_is_refused(db: Database) -> None:
    insert_attribution(db)
    with pytest.raises(sqlite3.IntegrityError, match="outside the document text"):
        db.execute('UPDATE attributions SET "end" = 30')


def test_document_status_and_duplicate_hashes_are_checked(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE document_statuses SET status = 'finished'")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO documents (text, content_hash, imported_at, updated_at)"
            " VALUES ('other', 'h1', ?, ?)",
            (NOW, NOW),
        )


def test_speaker_names_are_unique_per_document(db: Database) -> None:
    db.execute("INSERT INTO speakers (document_id, name, created_at) VALUES (1, 'Ana', ?)", (NOW,))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO speakers (document_id, name, created_at) VALUES (1, 'Ana', ?)", (NOW,)
        )


@pytest.mark.parametrize(
    "statement",
    ["UPDATE history SET action = 'forged'", "DELETE FROM history"],
)
def test_history_is_append_only(db: Database, statement: str) -> None:
    db.execute("INSERT INTO history (at, annotator, action) VALUES (?, 'ana', 'accept')", (NOW,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute(statement)
    assert db.execute("SELECT action FROM history").fetchall() == [("accept",)]


def test_the_search_index_follows_inserts_updates_and_deletes(db: Database) -> None:
    def matches(word: str) -> list[int]:
        rows = db.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (word,))
        return [r[0] for r in rows]

    db.execute(
        "INSERT INTO documents (id, title, text, content_hash, imported_at, updated_at)"
        " VALUES (2, 'Budget', 'The harbour reopens', 'h2', ?, ?)",
        (NOW, NOW),
    )
    assert matches("harbour") == [2]
    db.execute("UPDATE documents SET text = 'The airport reopens' WHERE id = 2")
    assert matches("harbour") == []
    assert matches("airport") == [2]
    db.execute("DELETE FROM documents WHERE id = 2")
    assert matches("airport") == []


def test_an_older_workspace_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = Database(path)
    migrations.apply(old, stop_before=known_migrations()[1])
    old.execute(
        "INSERT INTO documents (text, content_hash, imported_at, updated_at)"
        " VALUES ('from an old version', 'h', ?, ?)",
        (NOW, NOW),
    )
    old.close()

    db = open_database(path)

    assert [r["name"] for r in db.query("SELECT name FROM _sqlite_migrations")] == (
        known_migrations()
    )
    assert "attributions_review" in {i.name for i in db["attributions"].indexes}
    assert db.execute("SELECT text FROM documents").fetchall() == [("from an old version",)]


def test_a_workspace_before_unquoted_accepts_it_after_migrating(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = Database(path)
    migrations.apply(old, stop_before="0003_unquoted_type")
    old.execute(
        "INSERT INTO documents (id, text, content_hash, imported_at, updated_at)"
        " VALUES (1, ?, 'h1', ?, ?)",
        ("x" * 20, NOW, NOW),
    )
    insert_attribution(old, type="direct")
    with pytest.raises(sqlite3.IntegrityError):
        insert_attribution(old, type="unquoted")
    old.close()

    db = open_database(path)
    insert_attribution(db, type="unquoted", start=6, end=9)
    assert [t for (t,) in db.execute("SELECT type FROM attributions ORDER BY id")] == [
        "direct",
        "unquoted",
    ]
    # Triggers and indexes survived the edit of the table's definition.
    with pytest.raises(sqlite3.IntegrityError, match="outside the document text"):
        db.execute('UPDATE attributions SET "end" = 30')
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # A second connection (another window) reads the new definition too.
    other = sqlite3.connect(path)
    other.execute(
        'INSERT INTO attributions (document_id, start, "end", fragments, type, created_at,'
        " updated_at) VALUES (1, 10, 12, '[[10, 12]]', 'unquoted', ?, ?)",
        (NOW, NOW),
    )
    other.commit()
    other.close()
