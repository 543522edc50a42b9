"""The workspace schema: every table, created and changed only by the migrations here.

Each migration is a list of SQL statements run by sqlite-utils' ``Migrations`` in one
transaction together with the row in ``_sqlite_migrations`` that records it, so a
migration either ran completely or not at all, and applying the set twice changes
nothing. A new schema change is a new function appended at the end; a migration that
has shipped is never edited.

Character offsets are Python ``str`` offsets into ``documents.text``, end exclusive.
CHECK constraints keep spans non-empty and non-negative; triggers keep them inside the
text (a CHECK cannot look at another table) and keep ``history`` append-only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from storage.workspace_file import MIGRATION_SET

#: How long a connection waits for another writer (a worker's import) before failing.
BUSY_TIMEOUT_MS = 5000

migrations = Migrations(MIGRATION_SET)


class WorkspaceError(RuntimeError):
    """The file cannot be used as a workspace; the message says which file and why."""


def run_statements(db: Database, statements: list[str]) -> None:
    """Execute a migration's ``statements`` in order, inside its transaction."""
    # One statement at a time: executescript() would commit the migration's
    # transaction half way, losing the all-or-nothing guarantee.
    for statement in statements:
        db.execute(statement)


@migrations(name="0001_initial_schema")
def create_initial_schema(db: Database) -> None:
    """Documents, speakers, attributions, the append-only history and the search index."""
    run_statements(db, _INITIAL_SCHEMA)


# Both ends or neither; NOT NULL spelled out because a CHECK that is NULL passes.
_SPAN_CHECK = (
    "(({s} IS NULL AND {e} IS NULL)"
    " OR ({s} IS NOT NULL AND {e} IS NOT NULL AND {s} >= 0 AND {s} < {e}))"
)

_INITIAL_SCHEMA = [
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        external_id TEXT,
        title TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'new'
            CHECK (status IN ('new', 'in_progress', 'done')),
        length INTEGER GENERATED ALWAYS AS (length(text)) STORED,
        meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- Last, so that listing documents never reads through the text's overflow pages.
        text TEXT NOT NULL
    )
    """,
    "CREATE INDEX documents_status ON documents (status)",
    """
    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        variants TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(variants)),
        mentions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(mentions)),
        created_at TEXT NOT NULL,
        UNIQUE (document_id, name)
    )
    """,
    f"""
    CREATE TABLE attributions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        fragments TEXT NOT NULL CHECK (json_valid(fragments) AND json_array_length(fragments) > 0),
        type TEXT NOT NULL DEFAULT 'indirect' CHECK (type IN ('direct', 'indirect', 'mixed')),
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_id INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
        status TEXT NOT NULL DEFAULT 'candidate'
            CHECK (status IN ('candidate', 'accepted', 'rejected')),
        origin TEXT NOT NULL DEFAULT 'rule' CHECK (origin IN ('rule', 'human', 'import')),
        confidence REAL NOT NULL DEFAULT 1.0 CHECK (confidence >= 0),
        rule TEXT NOT NULL DEFAULT '',
        annotator TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (start >= 0 AND start < "end"),
        CHECK {_SPAN_CHECK.format(s="cue_start", e="cue_end")},
        CHECK {_SPAN_CHECK.format(s="speaker_start", e="speaker_end")}
    )
    """,
    'CREATE INDEX attributions_document ON attributions (document_id, start, "end")',
    "CREATE INDEX attributions_speaker ON attributions (speaker_id)",
    # Spans must lie inside their document's text; CHECK cannot see the documents
    # table, so triggers refuse such rows on insert and update.
    *(
        f"""
        CREATE TRIGGER attributions_within_text_{event.lower()}
        BEFORE {event} ON attributions
        WHEN max(NEW."end", coalesce(NEW.cue_end, 0), coalesce(NEW.speaker_end, 0))
             > (SELECT length FROM documents WHERE id = NEW.document_id)
        BEGIN
            SELECT RAISE(ABORT, 'attribution span lies outside the document text');
        END
        """
        for event in ("INSERT", "UPDATE")
    ),
    """
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        annotator TEXT NOT NULL,
        action TEXT NOT NULL,
        document_id INTEGER,
        attribution_id INTEGER,
        before TEXT CHECK (before IS NULL OR json_valid(before)),
        after TEXT CHECK (after IS NULL OR json_valid(after)),
        elapsed_ms INTEGER CHECK (elapsed_ms IS NULL OR elapsed_ms >= 0),
        target_id INTEGER REFERENCES history (id)
    )
    """,
    "CREATE INDEX history_annotator ON history (annotator, id)",
    "CREATE INDEX history_document ON history (document_id, id)",
    # The history is the record that undo and timing read: never rewritten.
    """
    CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
    BEGIN
        SELECT RAISE(ABORT, 'history is append-only');
    END
    """,
    """
    CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
    BEGIN
        SELECT RAISE(ABORT, 'history is append-only');
    END
    """,
    # Full-text search over title and text, an external-content FTS5 index kept in
    # step with documents by triggers (so the text is stored once).
    """
    CREATE VIRTUAL TABLE documents_fts USING fts5 (
        title, text, content='documents', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
    END
    """,
    """
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', OLD.id, OLD.title, OLD.text);
    END
    """,
    """
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', OLD.id, OLD.title, OLD.text);
        INSERT INTO documents_fts (rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
    END
    """,
]


@migrations(name="0002_review_indexes")
def add_review_indexes(db: Database) -> None:
    """Indexes for the review workflow: per-document status counts (the document list)
    and the next candidate across documents, both without scanning every attribution."""
    run_statements(
        db,
        [
            "CREATE INDEX attributions_document_status ON attributions (document_id, status)",
            "CREATE INDEX attributions_review ON attributions (status, document_id, start)",
        ],
    )


_OLD_TYPE_CHECK = "CHECK (type IN ('direct', 'indirect', 'mixed'))"
_NEW_TYPE_CHECK = "CHECK (type IN ('direct', 'indirect', 'mixed', 'unquoted'))"


@migrations(name="0003_unquoted_type")
def allow_unquoted_type(db: Database) -> None:
    """Let ``attributions.type`` hold ``unquoted`` (direct speech without marks).

    SQLite cannot alter a CHECK constraint. Widening one changes no stored row, so
    instead of copying the table (and its triggers and indexes) this edits the
    table's definition in ``sqlite_schema``, the documented way to loosen a
    constraint; bumping ``schema_version`` makes every connection reread it.
    """
    sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'attributions'"
    ).fetchone()[0]
    if _NEW_TYPE_CHECK in sql:
        return
    if _OLD_TYPE_CHECK not in sql:
        raise WorkspaceError("the attributions table's type constraint is not ours")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'attributions'",
            [sql.replace(_OLD_TYPE_CHECK, _NEW_TYPE_CHECK)],
        )
        db.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


@migrations(name="0004_annotation_layers")
def add_annotation_layers(db: Database) -> None:
    """Per-annotator layers: each attribution and history entry belongs to one layer.

    The layer ``''`` is the shared one (the engine's suggestions and a one-person
    workspace's decisions, as before layers existed); every other layer is named for
    its annotator, and ``gold`` holds the adjudicated version. ``layer_documents``
    holds a named layer's own status for each document it has opened (its presence
    marks the document as copied into the layer). ``history.session`` tells two open
    stores of one annotator apart, so that undo never reverses the other window's
    action. ``workspace_info`` keeps settings of the file itself, such as the layer
    an assigned workspace opens in.
    """
    run_statements(
        db,
        [
            "ALTER TABLE attributions ADD COLUMN layer TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX attributions_layer_review"
            " ON attributions (layer, status, document_id, start)",
            "ALTER TABLE history ADD COLUMN layer TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE history ADD COLUMN session TEXT",
            """
            CREATE TABLE layer_documents (
                document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                layer TEXT NOT NULL CHECK (length(layer) > 0),
                status TEXT NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'in_progress', 'done')),
                updated_at TEXT NOT NULL,
                PRIMARY KEY (layer, document_id)
            )
            """,
            """
            CREATE TABLE workspace_info (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )
            """,
        ],
    )


@migrations(name="0005_layer_counts")
def add_layer_counts(db: Database) -> None:
    """Per-document counts of each layer, kept by triggers in the same transaction as
    every change, so that the document list neither recounts at start nor per sort.

    ``suggested`` counts the rows the engine or a file proposed (origin not human):
    what an annotator layer will start from when it opens the document.
    """
    run_statements(db, _LAYER_COUNTS)


def _count_values(row: str) -> str:
    return (
        f"{row}.status = 'candidate', {row}.status = 'accepted', {row}.status = 'rejected',"
        f" {row}.origin != 'human'"
    )


_ADD_COUNTS = (
    "INSERT INTO layer_counts (document_id, layer, candidates, accepted, rejected, suggested)"
    " VALUES (NEW.document_id, NEW.layer, {values}) ON CONFLICT (layer, document_id)"
    " DO UPDATE SET candidates = candidates + excluded.candidates,"
    " accepted = accepted + excluded.accepted, rejected = rejected + excluded.rejected,"
    " suggested = suggested + excluded.suggested;"
).format(values=_count_values("NEW"))
_SUBTRACT_COUNTS = (
    "UPDATE layer_counts SET candidates = candidates - (OLD.status = 'candidate'),"
    " accepted = accepted - (OLD.status = 'accepted'),"
    " rejected = rejected - (OLD.status = 'rejected'),"
    " suggested = suggested - (OLD.origin != 'human')"
    " WHERE layer = OLD.layer AND document_id = OLD.document_id;"
)

_LAYER_COUNTS = [
    """
    CREATE TABLE layer_counts (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        layer TEXT NOT NULL,
        candidates INTEGER NOT NULL DEFAULT 0,
        accepted INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        suggested INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (layer, document_id)
    )
    """,
    "CREATE INDEX layer_counts_document ON layer_counts (document_id)",
    "CREATE INDEX layer_counts_candidates ON layer_counts (layer, candidates, document_id)",
    "CREATE INDEX layer_counts_accepted ON layer_counts (layer, accepted, document_id)",
    f"""
    CREATE TRIGGER layer_counts_insert AFTER INSERT ON attributions BEGIN
        {_ADD_COUNTS}
    END
    """,
    f"""
    CREATE TRIGGER layer_counts_delete AFTER DELETE ON attributions BEGIN
        {_SUBTRACT_COUNTS}
    END
    """,
    f"""
    CREATE TRIGGER layer_counts_update
    AFTER UPDATE OF status, origin, layer, document_id ON attributions BEGIN
        {_SUBTRACT_COUNTS}
        {_ADD_COUNTS}
    END
    """,
    """
    INSERT INTO layer_counts (document_id, layer, candidates, accepted, rejected, suggested)
    SELECT document_id, layer, sum(status = 'candidate'), sum(status = 'accepted'),
        sum(status = 'rejected'), sum(origin != 'human')
    FROM attributions GROUP BY layer, document_id
    """,
]


def known_migrations() -> list[str]:
    """The names of every migration this version knows, in order."""
    return [m.name for m in migrations._migrations]


def configure_connection(db: Database, *, on_file: bool) -> None:
    """Set the per-connection PRAGMAs: foreign keys, busy timeout, and WAL for files.

    Must run outside a transaction (SQLite ignores ``foreign_keys`` inside one).
    """
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if on_file:
        db.enable_wal()
        # NORMAL is durable in WAL mode except on power loss, and much faster
        # than FULL for the one-commit-per-keystroke pattern of annotation.
        db.execute("PRAGMA synchronous = NORMAL")


def migrate(
    db: Database, *, before_applying: Callable[[list[str]], object] | None = None
) -> list[str]:
    """Apply the pending migrations; return the names of those that ran.

    All of them run in one ``BEGIN IMMEDIATE`` transaction: if one fails, none is
    kept and the database is as it was. ``before_applying`` is called with the
    pending names before anything is written, when the database holds earlier
    migrations (so has data to lose): the open path makes its backup there.

    :raises WorkspaceError: if the database was migrated by a newer version (it
        records migrations this version does not know) or is not SQLite at all.
    """
    try:
        applied = [m.name for m in migrations.applied(db)]
    except sqlite3.DatabaseError as error:
        raise WorkspaceError(f"not a workspace database: {error}") from None
    unknown = sorted(set(applied) - set(known_migrations()))
    if unknown:
        raise WorkspaceError(
            "the workspace was written by a newer version of Quote Annotator "
            f"(unknown migrations: {', '.join(unknown)})"
        )
    if not migrations.pending(db):
        return []
    if applied and before_applying is not None:
        before_applying([m.name for m in migrations.pending(db)])
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        pending = [m.name for m in migrations.pending(db)]
        migrations.apply(db)  # each migration a savepoint of this transaction
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return pending


def open_database(path: str | Path | None) -> Database:
    """Open (creating when new) and migrate a workspace database.

    The whole open path, with its identity check and backup, is
    ``storage.opening.open_workspace``; this returns just its database.

    :param path: the SQLite file, or None for a private in-memory database.
    :raises WorkspaceError: naming the file when it is not a usable workspace.
    """
    # Imported here: storage.opening builds on this module.
    from storage.opening import open_workspace

    return open_workspace(path).db


# The migrations from 0006 on live in ``storage.later_migrations``; importing it here,
# after the ones above are registered, appends them in order (and keeps parallel
# schema changes from colliding: each adds at the end of that module).
from storage import later_migrations  # noqa: E402, F401
