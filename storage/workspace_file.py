"""What makes a file a workspace, judged without writing to it.

Opening a file as a workspace changes it: the store creates the file (and its
folders) when missing, adds its tables, and switches it to WAL. So before the
store opens one (``storage.migrations.open_database``, and the CLI earlier still,
``cli.workspace_guard``), ``inspect_workspace_file`` looks at it without writing:

* a workspace is marked with ``PRAGMA application_id`` = :data:`APPLICATION_ID`;
  files of earlier versions, written before the mark, are recognised by our
  record in ``_sqlite_migrations`` (and are marked when next opened);
* a missing file, a zero-byte one, or an SQLite file with no schema at all is new:
  the store may make it a workspace, but only a command that writes should ask it
  to (``import``; the GUI asks the user first);
* a file that is not SQLite (its first 16 bytes are not SQLite's header) is refused;
* an SQLite file with another program's ``application_id`` or ``user_version``, or
  with tables (or views) of its own and no record of our migrations, is another
  program's database: refused and left byte-identical;
* a damaged SQLite file (truncated, corrupt) is refused.

The file is read through a read-only connection (``mode=ro`` URI), which never
writes the main file; when the file has no ``-wal`` beside it (nothing is
pending in a write-ahead log) it is opened ``immutable``, so that not even the
``-wal``/``-shm`` side files of a WAL-mode database are created.

Pure functions of the file system; safe in any thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: ``PRAGMA application_id`` of a workspace: "QuAn" as a big-endian 32-bit integer.
APPLICATION_ID = 0x5175416E
#: The table where sqlite-utils records applied migrations, and our set's name in it.
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "quote_annotator"


@dataclass(frozen=True, slots=True)
class WorkspaceFile:
    """What ``inspect_workspace_file`` found: ``kind`` is one of the names below.

    ``"new"`` (missing, empty, or SQLite without tables), ``"workspace"`` (ours),
    ``"folder"``, ``"not-sqlite"``, ``"foreign"`` or ``"damaged"``; ``detail``
    says more: why a file is new (``"missing"``, ``"empty"``, ``"no tables"``),
    the foreign tables or application id, the SQLite error.
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
        application_id, user_version, tables, ours = _read_identity(path)
    except sqlite3.Error as error:
        return WorkspaceFile("damaged", str(error))
    if application_id == APPLICATION_ID:
        return WorkspaceFile("workspace")
    if application_id != 0:
        return WorkspaceFile("foreign", f"application id {application_id:#010x}")
    if not tables:
        # Our migrations never set user_version: another program's schema version.
        if user_version != 0:
            return WorkspaceFile("foreign", f"user_version {user_version}")
        return WorkspaceFile("new", "no tables")
    if ours:
        return WorkspaceFile("workspace")
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
    return WorkspaceFile("foreign", f"tables: {shown}")


def workspace_refusal(path: Path, *, may_create: bool) -> str | None:
    """Why ``path`` must not be opened as a workspace, as one line; None when it may.

    :param may_create: whether the caller writes (``import``, the GUI after asking)
        and so may create a new workspace where there is none.
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
            f"{path}: an SQLite database of another program ({found.detail}), "
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


def _read_identity(path: Path) -> tuple[int, int, set[str], bool]:
    """The file's application id and user version, the names of its tables and views,
    and whether it records our migrations."""
    connection = _connect_read_only(path)
    try:
        (application_id,) = connection.execute("PRAGMA application_id").fetchone()
        (user_version,) = connection.execute("PRAGMA user_version").fetchone()
        # Views count: a file of views alone (over attached databases) is no new file.
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            " AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        tables = {name for (name,) in rows}
        ours = False
        if MIGRATIONS_TABLE in tables:
            ours = (
                connection.execute(
                    f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set = ? LIMIT 1",
                    (MIGRATION_SET,),
                ).fetchone()
                is not None
            )
    finally:
        connection.close()
    return application_id, user_version, tables, ours
