"""The open path (issue 16): files not ours are refused untouched, workspaces are marked
with our application id, and an older workspace is copied before it is migrated."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.migrations import known_migrations, migrations
from storage.opening import backup_path, open_workspace
from storage.store import Store, WorkspaceError
from storage.workspace_file import APPLICATION_ID, inspect_workspace_file

NOW = "2026-01-01T00:00:00.000+00:00"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def application_id(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA application_id").fetchone()[0]
    finally:
        connection.close()


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def old_workspace(path: Path, *, stop_before: str) -> Path:
    """A workspace as a version that knew the migrations before ``stop_before`` left it."""
    old = Database(path)
    old.enable_wal()
    migrations.apply(old, stop_before=stop_before)
    old.execute(
        "INSERT INTO documents (text, content_hash, imported_at, updated_at)"
        " VALUES ('from an old version', 'h', ?, ?)",
        (NOW, NOW),
    )
    old.close()
    return path


@pytest.fixture
def failing_migration() -> Iterator[None]:
    """A last migration that fails half way, registered for one test."""

    @migrations(name="9000_fails_half_way")
    def fail(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x INTEGER)")
        db.execute("INSERT INTO nowhere VALUES (1)")  # no such table

    try:
        yield
    finally:
        migrations._migrations.pop()


def test_a_new_workspace_is_marked_with_our_application_id(tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite"
    with Store(path) as store:
        assert store.upgrade is None
    assert application_id(path) == APPLICATION_ID
    assert inspect_workspace_file(path).kind == "workspace"


def test_a_workspace_of_an_earlier_version_without_the_mark_is_opened_and_marked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ws.sqlite"
    Store(path).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id = 0")
    connection.commit()
    connection.close()
    assert inspect_workspace_file(path).kind == "workspace"  # known by its migrations
    with Store(path) as store:
        assert store.upgrade is None  # nothing to migrate, so no copy
    assert application_id(path) == APPLICATION_ID
    assert not list(tmp_path.glob("*.before-*"))


def test_an_older_workspace_is_copied_before_it_is_migrated(tmp_path: Path) -> None:
    path = old_workspace(tmp_path / "ws.sqlite", stop_before="0003_unquoted_type")

    with Store(path) as store:
        upgrade = store.upgrade
        assert store.document_count() == 1

    assert upgrade is not None
    assert upgrade.migrations == tuple(known_migrations()[2:])
    assert upgrade.backup == tmp_path / "ws.before-0003_unquoted_type.sqlite"
    assert str(upgrade.backup) in upgrade.summary()
    copy = sqlite3.connect(upgrade.backup)
    assert [n for (n,) in copy.execute("SELECT name FROM _sqlite_migrations")] == [
        "0001_initial_schema",
        "0002_review_indexes",
    ]
    assert copy.execute("SELECT text FROM documents").fetchall() == [("from an old version",)]
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()
    assert not Path(f"{upgrade.backup}-wal").exists(), "the copy is one self-contained file"
    # Opening the up-to-date file again copies nothing.
    with Store(path) as store:
        assert store.upgrade is None
    assert len(list(tmp_path.glob("*.before-*"))) == 1


def test_a_new_workspace_is_not_copied(tmp_path: Path) -> None:
    with Store(tmp_path / "ws.sqlite") as store:
        assert store.upgrade is None
    assert sorted(p.name for p in tmp_path.iterdir() if "before" in p.name) == []


def test_the_copy_is_named_for_the_first_pending_migration() -> None:
    path = Path("/nowhere/ws.sqlite")
    assert backup_path(path, "0004_x") == Path("/nowhere/ws.before-0004_x.sqlite")


def test_a_taken_backup_name_gets_a_number(tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite"
    (tmp_path / "ws.before-0004_x.sqlite").write_bytes(b"an earlier copy")
    assert backup_path(path, "0004_x") == tmp_path / "ws.before-0004_x-2.sqlite"


def test_a_failed_migration_leaves_the_file_as_it_was_and_names_the_copy(
    tmp_path: Path, failing_migration: None
) -> None:
    path = old_workspace(tmp_path / "ws.sqlite", stop_before="0003_unquoted_type")
    before = dump(path)

    with pytest.raises(WorkspaceError) as raised:
        Store(path)

    message = str(raised.value)
    backup = tmp_path / "ws.before-0003_unquoted_type.sqlite"
    assert str(path) in message and str(backup) in message
    assert "left as it was" in message
    # Both pending migrations were rolled back, the good one too.
    assert dump(path) == before
    assert dump(backup) == before


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_another_programs_database_is_refused_by_the_store_and_left_byte_identical(
    tmp_path: Path, journal: str
) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal}")
    connection.execute("CREATE TABLE birds (name TEXT)")
    connection.commit()
    connection.close()
    before = digest(path)

    with pytest.raises(WorkspaceError, match=r"another program.*birds"):
        Store(path)

    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["other.db"]


def test_a_database_with_another_application_id_is_refused_even_without_tables(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id = 42")
    connection.execute("CREATE TABLE t (x)")  # the header is written with the first page
    connection.execute("DROP TABLE t")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(WorkspaceError, match="application id 0x0000002a"):
        open_workspace(path)
    assert digest(path) == before


@pytest.mark.parametrize(
    ("schema", "detail"),
    [
        ("PRAGMA user_version = 7", "user_version 7"),
        ("CREATE VIEW answer AS SELECT 42 AS x", "tables: answer"),
    ],
    ids=["user-version", "views-only"],
)
def test_a_database_with_a_schema_of_its_own_but_no_tables_is_refused(
    tmp_path: Path, schema: str, detail: str
) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute(schema)
    connection.commit()
    connection.close()
    before = digest(path)
    assert inspect_workspace_file(path).kind == "foreign"
    with pytest.raises(WorkspaceError, match=f"another program.*{detail}"):
        open_workspace(path)
    assert digest(path) == before


def test_a_zero_byte_file_becomes_a_workspace_when_the_caller_asks(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    assert inspect_workspace_file(path).kind == "new"
    with Store(path) as store:
        assert store.document_count() == 0
    assert application_id(path) == APPLICATION_ID


def test_every_known_migration_is_applied_to_a_new_file(tmp_path: Path) -> None:
    opened = open_workspace(tmp_path / "ws.sqlite")
    names = [r["name"] for r in opened.db.query("SELECT name FROM _sqlite_migrations")]
    opened.db.close()
    assert names == known_migrations()
