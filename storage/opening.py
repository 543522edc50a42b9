"""The one way a workspace file is opened: identity check, backup, migrations, mark.

``open_workspace`` is what every store runs (through ``storage.connection``), so the
GUI and the command line refuse the same files:

1. the file is judged without writing (``storage.workspace_file``): another
   program's database, a non-SQLite or damaged file, or a folder is refused with a
   ``WorkspaceError`` naming it and is left byte-identical; a missing or empty file
   becomes a new workspace (asking first is the caller's business);
2. the connection gets its PRAGMAs (WAL, foreign keys, busy timeout);
3. when migrations are pending on a workspace that holds earlier ones, the file
   is first copied with SQLite's backup API to ``NAME.before-MIGRATION.sqlite``
   beside it (see :func:`backup_path`); the migrations then run in one
   transaction, so a failure leaves the file as it was, and the message names the
   copy;
4. the file is marked with our ``PRAGMA application_id`` (new files, and files of
   earlier versions that predate the mark).

Threading: the returned database belongs to the calling thread (sqlite's rule).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from storage.migrations import WorkspaceError, configure_connection, migrate
from storage.workspace_file import APPLICATION_ID, workspace_refusal


@dataclass(frozen=True, slots=True)
class Upgrade:
    """What opening did to an older workspace: the migrations it ran and the copy it
    kept of the file as it was before them."""

    migrations: tuple[str, ...]
    backup: Path

    def summary(self) -> str:
        """One line for the status bar or the terminal."""
        return (
            f"Updated the workspace to this version ({', '.join(self.migrations)}); "
            f"the file as it was is kept as {self.backup}."
        )


@dataclass(frozen=True, slots=True)
class OpenedWorkspace:
    """An open workspace database and, when its schema was brought up to date, how."""

    db: Database
    upgrade: Upgrade | None = None


def backup_path(path: Path, migration: str) -> Path:
    """Where ``path`` is copied before ``migration`` runs: beside it, never over a file.

    ``ws.sqlite`` before ``0004_layers`` gives ``ws.before-0004_layers.sqlite``; when
    that exists already (an earlier attempt), ``ws.before-0004_layers-2.sqlite``...
    """
    suffix = path.suffix or ".sqlite"
    candidate = path.with_name(f"{path.stem}.before-{migration}{suffix}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}.before-{migration}-{number}{suffix}")
    return candidate


def back_up(connection: sqlite3.Connection, target: Path) -> None:
    """Copy the database of ``connection`` to the new file ``target`` (backup API).

    The copy is a consistent snapshot (the write-ahead log included) and a single
    self-contained file (rollback journal, so no ``-wal`` beside it). A copy that
    fails is removed. Call outside a transaction of ``connection``.

    :raises sqlite3.Error, OSError: when the copy cannot be made.
    """
    copy = sqlite3.connect(target)
    try:
        connection.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        copy.close()
        target.unlink(missing_ok=True)
        raise
    copy.close()


def open_workspace(path: str | Path | None) -> OpenedWorkspace:
    """Open (creating when new) and bring up to date the workspace at ``path``.

    :param path: the SQLite file, or None for a private in-memory database.
    :raises WorkspaceError: naming the file when it is not a usable workspace, or
        when bringing it up to date failed (the file is then as it was).
    """
    if path is None:
        db = Database(memory=True)
        configure_connection(db, on_file=False)
        migrate(db)
        return OpenedWorkspace(db)
    path = Path(path)
    refusal = workspace_refusal(path, may_create=True)
    if refusal is not None:
        raise WorkspaceError(refusal)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
    except (sqlite3.DatabaseError, OSError) as error:
        raise WorkspaceError(f"{path}: cannot open as a workspace: {error}") from None
    try:
        upgrade = _migrate_with_backup(db, path)
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        db.close()
        raise
    return OpenedWorkspace(db, upgrade)


def _migrate_with_backup(db: Database, path: Path) -> Upgrade | None:
    """Configure and migrate ``db``, copying the file first if it holds earlier data.

    :returns: the upgrade of an older workspace; None for a new one or when no
        migration was pending.
    """
    backups: list[Path] = []  # the copy, made only when the file held earlier migrations

    def back_up_first(pending: list[str]) -> None:
        target = backup_path(path, pending[0])
        try:
            back_up(db.conn, target)
        except (sqlite3.Error, OSError) as error:
            raise WorkspaceError(
                f"cannot copy the workspace to {target} before updating it ({error}); "
                "nothing was changed"
            ) from None
        backups.append(target)

    try:
        configure_connection(db, on_file=True)
        ran = migrate(db, before_applying=back_up_first)
    except (WorkspaceError, sqlite3.DatabaseError, OSError) as error:
        if backups:
            raise WorkspaceError(
                f"{path}: updating the workspace to this version failed ({error}); "
                f"the file was left as it was, and a copy is kept as {backups[0]}"
            ) from None
        if isinstance(error, WorkspaceError):
            raise WorkspaceError(f"{path}: {error}") from None
        raise WorkspaceError(f"{path}: cannot open as a workspace: {error}") from None
    if not backups:
        return None  # a new workspace, or nothing was pending
    if not ran:
        # Another process brought the file up to date while we copied it.
        backups[0].unlink(missing_ok=True)
        return None
    return Upgrade(tuple(ran), backups[0])
