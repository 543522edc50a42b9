"""The bottom of the store: the connection, transactions, the clock and history append.

Every concern module (``documents``, ``attributions``, ``roster``, ``undo``) works
through one :class:`Connection`; none opens its own. This is also the one place the
current annotator lives: each history entry and each decision is recorded with
``Connection.annotator``, and in the connection's ``layer``: the annotation layer this
connection reads and writes (``''`` is the shared layer, every other layer is one
annotator's, ``gold`` the adjudicated one; see ``storage.layers``). Each connection
also has its own ``session``, so that undo steps only through its own actions and the
history written before it opened (two windows of one annotator never undo each
other's work).

Threading: a ``Connection`` belongs to the thread that opened it (sqlite's rule). A
worker thread opens its own on the same file; WAL lets readers and one writer work side
by side.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quotes.model import DocumentStatus
from storage.history import IDLE_AFTER_MS
from storage.opening import Upgrade, open_workspace

#: The shared layer: the engine's suggestions, and the decisions of a workspace that
#: has no per-annotator layers.
SHARED_LAYER = ""
#: The layer adjudication writes: the published version.
GOLD_LAYER = "gold"


def now() -> str:
    """The wall-clock time stamp stored on rows and history entries (UTC, ms)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Connection:
    """One open workspace file and who is working in it.

    :param path: the SQLite file; created and migrated when new. ``None`` opens a
        private in-memory database (for tests).
    :param annotator: the name recorded on each action.
    :param layer: the annotation layer to work in; None is the workspace's own
        default (``workspace_info.layer``, set on an assigned workspace), else the
        shared layer.
    :raises WorkspaceError: when the file is not a usable workspace.
    """

    def __init__(
        self, path: str | Path | None, *, annotator: str, layer: str | None = None
    ) -> None:
        self.path = None if path is None else Path(path)
        opened = open_workspace(self.path)
        self._db = opened.db
        #: How opening brought an older workspace up to date (None: it did not).
        self.upgrade: Upgrade | None = opened.upgrade
        self.conn: sqlite3.Connection = self._db.conn
        self.conn.row_factory = sqlite3.Row
        self.annotator = annotator
        self.layer: str = self.default_layer() if layer is None else clean_layer(layer)
        self.session = uuid.uuid4().hex
        # Undo may step through history written before this connection opened.
        self.opened_after: int = self.conn.execute(
            "SELECT coalesce(max(id), 0) FROM history"
        ).fetchone()[0]
        # When the annotator's current decision started (time.monotonic), or None.
        self._clock: float | None = None

    def close(self) -> None:
        """Close the connection. Everything was committed already."""
        self._db.close()

    # -- the workspace's own settings and the layer's document status -----------------
    def info(self, key: str) -> str | None:
        """A setting of the workspace file (``workspace_info``), or None."""
        row = self.conn.execute("SELECT value FROM workspace_info WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_info(self, key: str, value: str) -> None:
        """Store a setting of the workspace file (call inside a transaction)."""
        self.conn.execute(
            "INSERT INTO workspace_info (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def default_layer(self) -> str:
        """The layer this file opens in when none is named: an assigned workspace's
        annotator, else the shared layer."""
        return self.info("layer") or SHARED_LAYER

    def document_status(self, document_id: int) -> str:
        """The document's status in this connection's layer (``new`` when a named
        layer has not opened it). :raises KeyError: if there is no such document."""
        row = self.conn.execute(
            "SELECT s.status, ld.status FROM document_statuses s LEFT JOIN layer_documents ld"
            " ON ld.document_id = s.document_id AND ld.layer = ? WHERE s.document_id = ?",
            (self.layer, document_id),
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        if self.layer == SHARED_LAYER:
            return str(row[0])
        return str(row[1] or DocumentStatus.NEW.value)

    def write_document_status(self, document_id: int, status: str) -> None:
        """Set the document's status in this connection's layer (inside a transaction).

        The shared layer's is a row of ``document_statuses``, not of ``documents``:
        an UPDATE rewrites its whole row, and a ``documents`` row holds the text.
        """
        stamp = now()
        if self.layer == SHARED_LAYER:
            self.conn.execute(
                "UPDATE document_statuses SET status = ?, updated_at = ? WHERE document_id = ?",
                (status, stamp, document_id),
            )
            return
        self.conn.execute(
            "INSERT INTO layer_documents (document_id, layer, status, updated_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (layer, document_id)"
            " DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            (document_id, self.layer, status, stamp),
        )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested calls become savepoints of the outer one.

        The outermost level is ``BEGIN IMMEDIATE``: it takes the write lock up front,
        waiting for another connection's writer up to the busy timeout. A deferred
        ``BEGIN`` would read first and could then fail at once with SQLITE_BUSY when
        another connection (an import worker) committed in between.
        """
        if self.conn.in_transaction:
            with self._db.atomic():
                yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def start_decision(self) -> None:
        """Start timing the annotator's next decision."""
        self._clock = time.monotonic()

    def _elapsed_ms(self, timed: bool) -> int | None:
        """The decision time of a ``timed`` action, restarting the clock for the next."""
        if not timed:
            return None
        moment = time.monotonic()
        elapsed_ms = None
        if self._clock is not None:
            elapsed_ms = round((moment - self._clock) * 1000)
            if elapsed_ms > IDLE_AFTER_MS:
                elapsed_ms = None
        self._clock = moment
        return elapsed_ms

    def append_history(
        self,
        action: str,
        *,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        document_id: int | None = None,
        attribution_id: int | None = None,
        target_id: int | None = None,
        timed: bool = True,
        starts_review: bool = False,
    ) -> None:
        """Append one entry. ``timed`` actions get ``elapsed_ms``; ``starts_review``
        actions move a new document in progress, recorded in the same entry so that
        undo moves it back. Call inside the transaction of the change it records."""
        if starts_review and document_id is not None:
            # Reviewing starts a document; moving it on to done stays the annotator's call.
            bumped = self.document_status(document_id) == DocumentStatus.NEW.value
            if bumped:
                self.write_document_status(document_id, DocumentStatus.IN_PROGRESS.value)
                before = {**(before or {}), "document": {"status": DocumentStatus.NEW.value}}
                after = {
                    **(after or {}),
                    "document": {"status": DocumentStatus.IN_PROGRESS.value},
                }
        self.conn.execute(
            "INSERT INTO history (at, annotator, action, document_id, attribution_id,"
            " before, after, elapsed_ms, target_id, layer, session)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                self.annotator,
                action,
                document_id,
                attribution_id,
                None if before is None else json.dumps(before),
                None if after is None else json.dumps(after),
                self._elapsed_ms(timed),
                target_id,
                self.layer,
                self.session,
            ),
        )


def is_annotator_layer(name: str) -> bool:
    """Whether ``name`` is one annotator's layer (neither shared nor gold)."""
    return name not in (SHARED_LAYER, GOLD_LAYER)


def clean_layer(name: str) -> str:
    """A layer name with its white space collapsed (``''`` stays the shared layer)."""
    return " ".join(name.split())
