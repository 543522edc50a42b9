"""The documents of the workspace: the list with its counts, one text, status, streaming for export.

:class:`Documents` reads and changes documents through the
:class:`~storage.connection.Connection`; storing new ones is ``storage.articles``'s
part of an import. Threading: that of the connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from quotes.model import Attribution, Document, DocumentStatus, DocumentSummary
from storage.attributions import Attributions
from storage.connection import SHARED_LAYER, Connection
from storage.layers import Layers, is_annotator_layer
from storage.listing import layer_params, layer_sql
from storage.rows import DOCUMENT_SELECT, document_from_row, summary_from_row


class Documents:
    """The workspace's documents as the connection's layer sees them (its statuses and
    counts), read and changed through ``db``; ``attributions`` supplies each document's
    records when they are streamed for export."""

    def __init__(self, db: Connection, attributions: Attributions, layers: Layers) -> None:
        self._db = db
        self._attributions = attributions
        self._layers = layers

    def document_summaries(self, status: DocumentStatus | None = None) -> list[DocumentSummary]:
        """Every document (or those with ``status`` in the layer) with its counts, in
        import order."""
        if status is None:
            return self._summaries("", {})
        return self._summaries(
            f"WHERE {layer_sql(self._db.layer).status} = :status",
            {"status": DocumentStatus(status).value},
        )

    def document_summary(self, document_id: int) -> DocumentSummary:
        """One document's row of the list, to refresh it after an action without
        recounting the whole workspace. :raises KeyError: if there is none."""
        found = self._summaries("WHERE d.id = :id", {"id": document_id})
        if not found:
            raise KeyError(f"no document {document_id}")
        return found[0]

    def _summaries(self, where: str, params: dict[str, object]) -> list[DocumentSummary]:
        # The same rows as the paged list's (``storage.listing``), in import order.
        layer = self._db.layer
        rows = self._db.conn.execute(
            f"{layer_sql(layer).select} {where} ORDER BY d.id",
            {**params, **layer_params(layer)},
        )
        return [summary_from_row(row) for row in rows]

    def document_count(self) -> int:
        """How many documents the workspace holds."""
        return int(self._db.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document(self, document_id: int) -> Document:
        """The document with its text. :raises KeyError: if there is none."""
        row = self._db.conn.execute(f"{DOCUMENT_SELECT} WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return self._in_layer(document_from_row(row))

    def document_meta(self, document_id: int) -> dict[str, object]:
        """The metadata the document was imported with. :raises KeyError: if none."""
        row = self._db.conn.execute(
            "SELECT meta FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        meta = json.loads(row[0])
        return meta if isinstance(meta, dict) else {}

    def _in_layer(self, document: Document) -> Document:
        """``document`` with the connection's layer's status (the shared layer's is the
        documents row's own)."""
        if self._db.layer == SHARED_LAYER:
            return document
        return replace(document, status=DocumentStatus(self._db.document_status(document.id)))

    def set_document_status(self, document_id: int, status: DocumentStatus) -> None:
        """Mark a document new, in progress or done (undoable)."""
        status = DocumentStatus(status)
        with self._db.transaction():
            before = DocumentStatus(self._db.document_status(document_id))
            if before == status:
                return
            self._db.write_document_status(document_id, status.value)
            self._db.append_history(
                "set_document_status",
                document_id=document_id,
                before={"document": {"status": before.value}},
                after={"document": {"status": status.value}},
                timed=False,
            )

    def iter_documents(
        self, status: DocumentStatus | None = None
    ) -> Iterator[tuple[Document, list[Attribution]]]:
        """Every document (or those with ``status`` in the layer) with the layer's
        attributions, streamed in import order. A read only: nothing is copied into an
        annotator layer; a document it never opened comes with the suggestions it would
        open with (``Layers.suggestions``: candidates, so it counts as unreviewed), as
        its annotator would see it, not as a document without quotations.

        Documents are read in pages, so memory stays bounded for big workspaces.
        """
        wanted = None if status is None else DocumentStatus(status)
        layer = self._db.layer
        opened = set(self._layers.layer_documents(layer)) if is_annotator_layer(layer) else None
        last_id = 0
        while True:
            rows = self._db.conn.execute(
                f"{DOCUMENT_SELECT} WHERE id > ? ORDER BY id LIMIT 200", (last_id,)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                document = self._in_layer(document_from_row(row))
                if wanted is not None and document.status != wanted:
                    continue
                if opened is not None and document.id not in opened:
                    yield document, self._layers.suggestions(document.id)
                else:
                    yield document, self._layers.layer_attributions(document.id, layer)
            last_id = rows[-1]["id"]
