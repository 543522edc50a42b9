"""The workspace's learned model: its bytes and what is known about it, in one row.

Storage keeps the model as an opaque blob (``quotes.learning`` writes and reads it;
storage never imports the learner, as it never imports the extractor) together with
the training-set size, the date and the cross-validated scores, so that they can be
shown without decoding the blob. There is at most one model: saving replaces it in
one transaction, which also appends a ``train`` entry to the history (not undoable).

``read_stored_model`` reads a workspace file without opening it as a store (no
migration, nothing written), for commands that only look for a model.
Threading: :class:`LearnedModels` is that of its connection; ``read_stored_model``
opens its own read-only connection and is safe from any thread.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.connection import Connection
from storage.uncertainty import forget_uncertainties

_COLUMNS = "model, records, documents, trained_at, trained_by, trained_on, scores"


@dataclass(frozen=True, slots=True)
class StoredModel:
    """A learned model as the workspace keeps it.

    :param blob: the model's bytes (``TrainedModel.to_bytes``), opaque here.
    :param records: how many accepted records it was trained on.
    :param documents: in how many documents.
    :param trained_at: when (ISO 8601, UTC).
    :param trained_by: who ran the training (the store's annotator).
    :param trained_on: whose accepted records it learned from; None for everyone's.
    :param scores: cross-validated figures (``precision``, ``recall``, ``f1`` and the
        rules' own with a ``rules_`` prefix, the ``add_threshold`` cross-validation
        chose, ``training_seconds``); may be empty.
    """

    blob: bytes = field(repr=False)
    records: int
    documents: int
    trained_at: str
    trained_by: str = ""
    trained_on: str | None = None
    scores: Mapping[str, float] = field(default_factory=dict)


class LearnedModels:
    """The ``learned_model`` table, read and replaced through ``db``."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def learned_model(self) -> StoredModel | None:
        """The workspace's model, or None when it has none."""
        row = self._db.conn.execute(f"SELECT {_COLUMNS} FROM learned_model WHERE id = 1")
        found = row.fetchone()
        return None if found is None else _stored_model(tuple(found))

    def save_learned_model(self, model: StoredModel) -> None:
        """Store ``model`` in place of the workspace's model, in one transaction with
        its ``train`` history entry. ``trained_by`` is taken from the connection."""
        scores = {str(k): float(v) for k, v in model.scores.items()}
        with self._db.transaction():
            self._db.conn.execute(
                f"INSERT INTO learned_model (id, {_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET model = excluded.model,"
                " records = excluded.records, documents = excluded.documents,"
                " trained_at = excluded.trained_at, trained_by = excluded.trained_by,"
                " trained_on = excluded.trained_on, scores = excluded.scores",
                (
                    bytes(model.blob),
                    model.records,
                    model.documents,
                    model.trained_at,
                    self._db.annotator,
                    model.trained_on,
                    json.dumps(scores, sort_keys=True),
                ),
            )
            forget_uncertainties(self._db)  # they were the replaced model's
            self._db.append_history(
                "train",
                before=None,
                after={
                    "records": model.records,
                    "documents": model.documents,
                    "trained_on": model.trained_on,
                    "scores": scores,
                },
                timed=False,
            )

    def forget_learned_model(self) -> bool:
        """Remove the workspace's model (suggestions go back to the rules alone);
        whether there was one. Recorded in the history as ``forget_model``."""
        with self._db.transaction():
            removed = self._db.conn.execute("DELETE FROM learned_model WHERE id = 1").rowcount
            if removed:
                forget_uncertainties(self._db)
                self._db.append_history("forget_model", before=None, after=None, timed=False)
        return bool(removed)


def read_stored_model(path: Path) -> StoredModel | None:
    """The model of the workspace file at ``path`` read without opening a store: a
    read-only connection, no migration, no file created. None when the file has no
    model (or no ``learned_model`` table yet: a workspace older than models).

    :raises sqlite3.Error: when the file cannot be read as SQLite.
    """
    # Without a -wal file, ``immutable`` reads without creating the -shm/-wal side files.
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
    try:
        table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'learned_model'"
        ).fetchone()
        if table is None:
            return None
        found = connection.execute(f"SELECT {_COLUMNS} FROM learned_model WHERE id = 1").fetchone()
    finally:
        connection.close()
    return None if found is None else _stored_model(tuple(found))


def _stored_model(row: Sequence[Any]) -> StoredModel:
    blob, records, documents, trained_at, trained_by, trained_on, scores = row
    try:
        parsed = json.loads(str(scores))
    except json.JSONDecodeError:  # the CHECK keeps it JSON; a hand-edited row is no reason to fail
        parsed = {}
    return StoredModel(
        blob=bytes(blob),
        records=int(records),
        documents=int(documents),
        trained_at=str(trained_at),
        trained_by=str(trained_by or ""),
        trained_on=None if trained_on is None else str(trained_on),
        scores={
            str(k): float(v)
            for k, v in (parsed.items() if isinstance(parsed, dict) else ())
            if isinstance(v, int | float)
        },
    )
