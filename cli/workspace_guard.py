"""Whether a ``--db`` file may be opened as a workspace, judged before the store opens it.

Opening a file as a workspace changes it: the store creates the file (and its
folders) when missing, adds its tables, and switches it to WAL. So before any
command opens one, ``workspace_refusal`` looks at the file without writing:

* a missing file (or a zero-byte one, or an SQLite file without tables) is a new
  workspace: only a command that writes (``import``, the GUI) may create it;
  the others refuse it, since a mistyped ``--db`` must not leave a new empty
  workspace behind;
* a file that is not SQLite (its first 16 bytes are not SQLite's header) is refused;
* an SQLite file with tables of its own but no record of this tool's migrations
  (another program's database) is refused and left byte-identical;
* a damaged SQLite file (truncated, corrupt) is refused.

The schema is read through a read-only connection (``mode=ro`` URI), which never
writes the main file; when the file has no ``-wal`` beside it (nothing is
pending in a write-ahead log) it is opened ``immutable``, so that not even the
``-wal``/``-shm`` side files of a WAL-mode database are created.

This belongs in storage's open path, where it could not be raced; it lives here
until storage does it itself (issue 16).

Pure functions of the file system; safe in any thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: The table where sqlite-utils records applied migrations, and our set's name in it.
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "quote_annotator"


@dataclass(frozen=True, slots=True)
class WorkspaceFile:
    """What ``inspect_workspace_file`` found: ``kind`` is one of the names below.

    ``"new"`` (missing, empty, or SQLite without tables), ``"workspace"`` (ours),
    ``"folder"``, ``"not-sqlite"``, ``"foreign"`` or ``"damaged"``; ``detail``
    says more for the refusals (the foreign tables, the SQLite error).
    """

    kind: str
    detail: str = ""


def inspect_workspace_file(path: Path) -> WorkspaceFile:
    """Classify ``path`` without changing it (see the module docstring)."""
    if not path.exists():
        return WorkspaceFile("new", "missing")
    if path.is_dir():
        return WorkspaceFile("folder")
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError as error:
        return WorkspaceFile("damaged", error.strerror or str(error))
    if not head:
        return WorkspaceFile("new", "empty")
    if head != SQLITE_HEADER:
        return WorkspaceFile("not-sqlite")
    try:
        tables = _table_names(path)
        if not tables:
            return WorkspaceFile("new", "no tables")
        if MIGRATIONS_TABLE in tables and _has_our_migrations(path):
            return WorkspaceFile("workspace")
    except sqlite3.Error as error:
        return WorkspaceFile("damaged", str(error))
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
    return WorkspaceFile("foreign", shown)


def workspace_refusal(path: Path, *, may_create: bool) -> str | None:
    """Why ``path`` must not be opened by this command, as one line; None when it may.

    :param may_create: whether the command writes (``import``, the GUI) and so may
        create a new workspace where there is none.
    """
    found = inspect_workspace_file(path)
    if found.kind == "workspace":
        return None
    if found.kind == "new":
        if may_create:
            return None
        if found.detail == "missing":
            return f"{path}: no such workspace (check --db; only import creates a new workspace)"
        return f"{path}: not a workspace yet ({found.detail}); only import creates one"
    if found.kind == "folder":
        return f"{path}: is a folder; --db names a workspace file"
    if found.kind == "not-sqlite":
        return f"{path}: not a Quote Annotator workspace (not an SQLite file); left untouched"
    if found.kind == "foreign":
        return (
            f"{path}: an SQLite database of another program (tables: {found.detail}), "
            "not a Quote Annotator workspace; left untouched"
        )
    return f"{path}: a damaged or unreadable database ({found.detail}); left untouched"


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # Without a -wal file the main file holds everything, and ``immutable`` reads it
    # without creating side files; with one, another connection may be writing,
    # and the log must be read (its side files exist already).
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)


def _table_names(path: Path) -> set[str]:
    connection = _connect_read_only(path)
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        connection.close()
    return {name for (name,) in rows}


def _has_our_migrations(path: Path) -> bool:
    connection = _connect_read_only(path)
    try:
        row = connection.execute(
            f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set = ? LIMIT 1",
            (MIGRATION_SET,),
        ).fetchone()
    finally:
        connection.close()
    return row is not None
