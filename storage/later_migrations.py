"""The workspace's schema changes from 0006 on, appended to ``storage.migrations``.

``storage.migrations`` holds the first five (the tables, the layers and their counts)
and the machinery (``migrate``, ``known_migrations``); it imports this module at its
end, so these register after those, in file order. A new migration goes at the end
of this module.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations import migrations, run_statements


@migrations(name="0006_learned_model")
def add_learned_model(db: Database) -> None:
    """The workspace's learned model (issue 12): one row, replaced by each training.

    The model is stored here rather than beside the workspace so that a copied
    workspace carries it. Besides crfsuite's blob it keeps what training learned from
    and how well it did (cross-validated scores, JSON), readable without decoding
    the blob; ``trained_on`` is the annotator whose records were used, NULL for all.
    """
    run_statements(
        db,
        [
            """
            CREATE TABLE learned_model (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                model BLOB NOT NULL CHECK (length(model) > 0),
                records INTEGER NOT NULL CHECK (records >= 0),
                documents INTEGER NOT NULL CHECK (documents >= 0),
                trained_at TEXT NOT NULL,
                trained_by TEXT NOT NULL,
                trained_on TEXT,
                scores TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scores))
            )
            """,
        ],
    )


@migrations(name="0007_title_index")
def add_title_index(db: Database) -> None:
    """An index for the document list sorted by title: a page is then a range read,
    not a sort of every document (about 300 ms at 100,000 documents)."""
    run_statements(db, ["CREATE INDEX documents_title ON documents (title COLLATE NOCASE, id)"])


@migrations(name="0008_shared_counts_rows")
def add_shared_counts_rows(db: Database) -> None:
    """Every document gets its row of shared-layer counts when it is stored (zeros
    until records come), so the document list can walk the count indexes in order
    instead of sorting every document."""
    run_statements(
        db,
        [
            """
            CREATE TRIGGER layer_counts_document AFTER INSERT ON documents BEGIN
                INSERT OR IGNORE INTO layer_counts (document_id, layer) VALUES (NEW.id, '');
            END
            """,
            "INSERT OR IGNORE INTO layer_counts (document_id, layer) SELECT id, '' FROM documents",
        ],
    )


@migrations(name="0009_document_uncertainty")
def add_document_uncertainty(db: Database) -> None:
    """How unsure the workspace's learned model is of each document (issue 12's active
    learning): ``quotes.learning.uncertainty`` scores, written by a scoring run. The
    scores belong to the model that made them: replacing or forgetting the model
    deletes them in the same transaction (``storage.models``). The index on the score
    lets "the most uncertain unreviewed document" walk from the top and stop at the
    first that qualifies."""
    run_statements(
        db,
        [
            """
            CREATE TABLE document_uncertainty (
                document_id INTEGER PRIMARY KEY
                    REFERENCES documents (id) ON DELETE CASCADE,
                score REAL NOT NULL CHECK (score >= 0)
            )
            """,
            "CREATE INDEX document_uncertainty_score"
            " ON document_uncertainty (score DESC, document_id)",
        ],
    )


@migrations(name="0010_document_statuses")
def move_document_statuses(db: Database) -> None:
    """The shared layer's document status moves to a table of its own, so that marking
    a document in progress or done writes a small row: an UPDATE rewrites the whole
    row, and a ``documents`` row holds the text (the first decision in a 20 MB article
    took 300 ms). The old column stays (dropping it would rewrite every text) renamed
    ``status_before_0010``, so that a reader left on it fails instead of reading a
    status frozen here; nothing reads or writes it any more."""
    run_statements(
        db,
        [
            "CREATE TABLE document_statuses (document_id INTEGER PRIMARY KEY"
            " REFERENCES documents (id) ON DELETE CASCADE, status TEXT NOT NULL DEFAULT 'new'"
            " CHECK (status IN ('new', 'in_progress', 'done')), updated_at TEXT NOT NULL)",
            # The status filter and order read (status, document_id) ranges.
            "CREATE INDEX document_statuses_status ON document_statuses (status)",
            "INSERT INTO document_statuses SELECT id, status, updated_at FROM documents",
            "CREATE TRIGGER document_statuses_document AFTER INSERT ON documents BEGIN"
            " INSERT INTO document_statuses VALUES (NEW.id, 'new', NEW.imported_at); END",
            "DROP INDEX documents_status",
            "ALTER TABLE documents RENAME COLUMN status TO status_before_0010",
        ],
    )
