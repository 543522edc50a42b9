"""Annotation layers: each annotator's own version of every document, and the gold one.

A document and its text are stored once. Its attributions belong to layers:

* the **shared layer** (``''``) holds the engine's suggestions and an imported file's
  candidates, and is where a one-person workspace works, as before layers existed;
* an **annotator layer** (named for its annotator) holds that person's decisions. The
  first time the layer opens a document, the document's suggestions (the shared rows
  the engine or a file proposed, never a person's decisions) are copied into it as
  candidates, so every review verb works on the layer's own rows and nobody sees
  another layer's decisions: blind by default;
* the **gold layer** (``gold``) holds the adjudicated version; it starts empty.

A named layer's document status lives in ``layer_documents``; a row there also marks the
document as opened by the layer. The speaker roster stays shared by the document: it is
the list of people the text mentions, and a speaker is compared across layers by name.

:class:`Layers` works on the connection's layer for the review path (``ensure``) and on
any layer for the team commands (``layer_attributions``, ``store_layer``). Threading:
that of the connection.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from quotes.model import Attribution, DocumentStatus, Status
from storage.connection import (
    SHARED_LAYER,
    Connection,
    is_annotator_layer,
    now,
)
from storage.roster import Roster
from storage.rows import ATTRIBUTION_VALUES_SELECT, attributions_from_values

# The suggestions a layer starts from: what the engine or a file proposed in the shared
# layer (origin rule or import), reset to candidates without anyone's name.
_COPY_SUGGESTIONS = (
    'INSERT INTO attributions (document_id, start, "end", fragments, type, cue_start,'
    " cue_end, speaker_start, speaker_end, speaker_id, status, origin, confidence, rule,"
    " annotator, created_at, updated_at, layer)"
    ' SELECT document_id, start, "end", fragments, type, cue_start, cue_end,'
    " speaker_start, speaker_end, speaker_id, 'candidate', origin, confidence, rule,"
    " NULL, ?, ?, ? FROM attributions"
    " WHERE document_id = ? AND layer = '' AND origin != 'human' ORDER BY id"
)


class LayerError(ValueError):
    """A layer that does not exist, or one that cannot take what was asked."""


@dataclass(frozen=True, slots=True)
class LayerSummary:
    """One layer of the workspace: its name, documents opened and decisions."""

    name: str
    documents: int
    accepted: int
    rejected: int


class Layers:
    """The workspace's layers, read and written through ``db``."""

    def __init__(self, db: Connection, roster: Roster) -> None:
        self._db = db
        self._roster = roster

    # -- the connection's layer ------------------------------------------------------
    def is_open(self, document_id: int, layer: str | None = None) -> bool:
        """Whether ``layer`` (default: the connection's) has opened the document; the
        shared layer holds every document."""
        layer = self._db.layer if layer is None else layer
        if layer == SHARED_LAYER:
            return True
        row = self._db.conn.execute(
            "SELECT 1 FROM layer_documents WHERE layer = ? AND document_id = ?",
            (layer, document_id),
        ).fetchone()
        return row is not None

    def ensure(self, document_id: int) -> None:
        """Open the document in the connection's annotator layer if it has not yet,
        with the document's suggestions as candidates. Not an action: no history entry,
        nothing to undo. Idempotent; nothing happens in the shared or gold layer (gold
        starts empty: adjudication fills it, and a status written there opens it)."""
        layer = self._db.layer
        if not is_annotator_layer(layer) or self.is_open(document_id):
            return
        with self._db.transaction():
            if (
                self._db.conn.execute(
                    "SELECT 1 FROM documents WHERE id = ?", (document_id,)
                ).fetchone()
                is None
            ):
                raise KeyError(f"no document {document_id}")
            stamp = now()
            self._db.conn.execute(
                "INSERT INTO layer_documents (document_id, layer, status, updated_at)"
                " VALUES (?, ?, ?, ?)",
                (document_id, layer, DocumentStatus.NEW.value, stamp),
            )
            self._db.conn.execute(_COPY_SUGGESTIONS, (stamp, stamp, layer, document_id))

    # -- every layer -----------------------------------------------------------------
    def layer_names(self) -> list[str]:
        """The named layers of the workspace (annotators' and gold), sorted."""
        rows = self._db.conn.execute(
            "SELECT layer FROM layer_documents UNION"
            " SELECT DISTINCT layer FROM attributions WHERE layer != '' ORDER BY 1"
        )
        return [row[0] for row in rows]

    def annotator_layers(self) -> list[str]:
        """The annotators' layers (every named layer but gold), sorted."""
        return [name for name in self.layer_names() if is_annotator_layer(name)]

    def summaries(self) -> list[LayerSummary]:
        """Each named layer with its documents opened and decisions made."""
        found = []
        for name in self.layer_names():
            row = self._db.conn.execute(
                "SELECT (SELECT count(*) FROM layer_documents WHERE layer = ?),"
                " (SELECT count(*) FROM attributions WHERE layer = ? AND status = 'accepted'),"
                " (SELECT count(*) FROM attributions WHERE layer = ? AND status = 'rejected')",
                (name, name, name),
            ).fetchone()
            found.append(LayerSummary(name, row[0], row[1], row[2]))
        return found

    def shared_summary(self) -> LayerSummary:
        """The shared layer as a summary: every document of the workspace, and the
        decisions made there (a one-person workspace's)."""
        row = self._db.conn.execute(
            "SELECT (SELECT count(*) FROM documents),"
            " (SELECT count(*) FROM attributions WHERE layer = '' AND status = 'accepted'),"
            " (SELECT count(*) FROM attributions WHERE layer = '' AND status = 'rejected')"
        ).fetchone()
        return LayerSummary(SHARED_LAYER, row[0], row[1], row[2])

    def layer_documents(self, layer: str) -> list[int]:
        """The ids of the documents ``layer`` has opened, in import order."""
        if layer == SHARED_LAYER:
            rows = self._db.conn.execute("SELECT id FROM documents ORDER BY id")
        else:
            rows = self._db.conn.execute(
                "SELECT document_id FROM layer_documents WHERE layer = ? ORDER BY document_id",
                (layer,),
            )
        return [row[0] for row in rows]

    def layer_status(self, document_id: int, layer: str) -> DocumentStatus | None:
        """The document's status in ``layer``, or None when the layer has not opened it."""
        if layer == SHARED_LAYER:
            row = self._db.conn.execute(
                "SELECT status FROM document_statuses WHERE document_id = ?", (document_id,)
            ).fetchone()
        else:
            row = self._db.conn.execute(
                "SELECT status FROM layer_documents WHERE layer = ? AND document_id = ?",
                (layer, document_id),
            ).fetchone()
        return None if row is None else DocumentStatus(row[0])

    def layer_attributions(
        self, document_id: int, layer: str, *, status: Status | None = None
    ) -> list[Attribution]:
        """The document's attributions in ``layer`` (all, or those with ``status``), in
        text order; nothing is copied into the layer."""
        where = "" if status is None else " AND a.status = ?"
        params = (document_id, layer) if status is None else (document_id, layer, status.value)
        cursor = self._db.conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            f"{ATTRIBUTION_VALUES_SELECT} WHERE a.document_id = ? AND a.layer = ?{where}"
            ' ORDER BY a.start, a."end", a.id',
            params,
        )
        return attributions_from_values(rows)

    def suggestions(self, document_id: int) -> list[Attribution]:
        """The records an annotator layer opens the document with (``ensure``): the
        shared layer's suggestions, as candidates without anyone's name, in text order.
        A read: nothing is copied, so a layer's export can show a document it never
        opened as its annotator would see it."""
        cursor = self._db.conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            f"{ATTRIBUTION_VALUES_SELECT} WHERE a.document_id = ? AND a.layer = ''"
            " AND a.origin != 'human' ORDER BY a.start, a.\"end\", a.id",
            (document_id,),
        )
        return [
            suggestion.with_changes(status=Status.CANDIDATE, annotator=None)
            for suggestion in attributions_from_values(rows)
        ]

    def store_layer(
        self,
        document_id: int,
        layer: str,
        attributions: Sequence[Attribution],
        *,
        status: DocumentStatus,
        annotator: str,
        action: str,
        attribution_status: Status | None = Status.ACCEPTED,
    ) -> int:
        """Give the document ``layer``'s version ``attributions`` as decisions of
        ``annotator``, with the layer's document status, in one transaction with one
        history entry ``action`` (not undoable: it is an import, not a decision).

        Each record is stored with ``attribution_status``, except that a rejected
        record stays rejected; None keeps every record's own status (a collected
        layer's candidates stay candidates).

        :raises LayerError: if the layer already holds the document (a layer's version
            is never overwritten: see ``replace_layer``), or for the shared layer.
        :returns: how many attributions were stored.
        """
        from storage.attributions import INSERT_ATTRIBUTION, attribution_values

        if layer == SHARED_LAYER:
            raise LayerError("the shared layer holds suggestions, not an annotator's version")
        with self._db.transaction():
            if self.is_open(document_id, layer):
                raise LayerError(f"document {document_id} is already in layer {layer!r}")
            stamp = now()
            self._db.conn.execute(
                "INSERT INTO layer_documents (document_id, layer, status, updated_at)"
                " VALUES (?, ?, ?, ?)",
                (document_id, layer, DocumentStatus(status).value, stamp),
            )
            rows = []
            for attribution in attributions:
                speaker_id = self._roster.speaker_id_for(
                    document_id, attribution.speaker_name, None, stamp
                )
                kept = attribution_status is None or attribution.status is Status.REJECTED
                decided = attribution.with_changes(
                    status=attribution.status if kept else attribution_status,
                    annotator=annotator,
                )
                rows.append(attribution_values(document_id, decided, speaker_id, stamp, layer))
            self._db.conn.executemany(INSERT_ATTRIBUTION, rows)
            self._db.conn.execute(
                "INSERT INTO history (at, annotator, action, document_id, before, after,"
                " layer, session) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
                (
                    stamp,
                    annotator,
                    action,
                    document_id,
                    json.dumps({"layer": layer, "attributions": len(rows)}),
                    layer,
                    self._db.session,
                ),
            )
        return len(rows)

    def drop_layer_document(self, document_id: int, layer: str) -> None:
        """Remove ``layer``'s version of the document (its records and status), for a
        caller replacing it inside its own transaction (``collect`` of a newer file)."""
        if layer == SHARED_LAYER:
            raise LayerError("the shared layer's records are not a version to drop")
        with self._db.transaction():
            self._db.conn.execute(
                "DELETE FROM attributions WHERE document_id = ? AND layer = ?",
                (document_id, layer),
            )
            self._db.conn.execute(
                "DELETE FROM layer_documents WHERE document_id = ? AND layer = ?",
                (document_id, layer),
            )

    def last_action(self, document_id: int, layer: str) -> str | None:
        """The latest history action on the document in ``layer``, or None."""
        row = self._db.conn.execute(
            "SELECT action FROM history WHERE document_id = ? AND layer = ?"
            " ORDER BY id DESC LIMIT 1",
            (document_id, layer),
        ).fetchone()
        return None if row is None else str(row[0])
