"""The documents of the workspace: the list with its counts, one text, status, search.

:class:`Documents` reads and changes documents through the
:class:`~storage.connection.Connection`; storing new ones is ``storage.articles``'s
part of an import. Threading: that of the connection.
"""

from __future__ import annotations

from collections.abc import Iterator

from quotes.model import Attribution, Document, DocumentStatus, DocumentSummary
from storage.attributions import Attributions
from storage.connection import Connection, now
from storage.rows import DOCUMENT_SELECT, document_from_row
from storage.search import SearchHit, fts_query, search_hit

# A correlated count per document reads only the (document_id, status) index.
_COUNTS = {
    name: f"SELECT count(*) FROM attributions a WHERE a.document_id = d.id AND a.status = '{name}'"
    for name in ("candidate", "accepted", "rejected")
}
_SUMMARY_SELECT = (
    f"SELECT d.id, d.title, d.status, d.length, ({_COUNTS['candidate']}) AS candidates,"
    f" ({_COUNTS['accepted']}) AS accepted, ({_COUNTS['rejected']}) AS rejected"
    " FROM documents d"
)


class Documents:
    """The workspace's documents, read and changed through ``db``; ``attributions``
    supplies each document's records when they are streamed for export."""

    def __init__(self, db: Connection, attributions: Attributions) -> None:
        self._db = db
        self._attributions = attributions

    def document_summaries(self, status: DocumentStatus | None = None) -> list[DocumentSummary]:
        """Every document (or those with ``status``) with its counts, in import order."""
        if status is None:
            return self._summaries("", ())
        return self._summaries("WHERE d.status = ?", (DocumentStatus(status).value,))

    def document_summary(self, document_id: int) -> DocumentSummary:
        """One document's row of the list, to refresh it after an action without
        recounting the whole workspace. :raises KeyError: if there is none."""
        found = self._summaries("WHERE d.id = ?", (document_id,))
        if not found:
            raise KeyError(f"no document {document_id}")
        return found[0]

    def _summaries(self, where: str, params: tuple[object, ...]) -> list[DocumentSummary]:
        rows = self._db.conn.execute(f"{_SUMMARY_SELECT} {where} ORDER BY d.id", params)
        return [
            DocumentSummary(
                id=row["id"],
                title=row["title"],
                status=DocumentStatus(row["status"]),
                candidates=row["candidates"],
                accepted=row["accepted"],
                rejected=row["rejected"],
                length=row["length"],
            )
            for row in rows
        ]

    def document_count(self) -> int:
        """How many documents the workspace holds."""
        return int(self._db.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document(self, document_id: int) -> Document:
        """The document with its text. :raises KeyError: if there is none."""
        row = self._db.conn.execute(f"{DOCUMENT_SELECT} WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return document_from_row(row)

    def set_document_status(self, document_id: int, status: DocumentStatus) -> None:
        """Mark a document new, in progress or done (undoable)."""
        status = DocumentStatus(status)
        with self._db.transaction():
            before = self.document(document_id).status
            if before == status:
                return
            self._db.conn.execute(
                "UPDATE documents SET status = ?, updated_at = ? WHERE id = ?",
                (status.value, now(), document_id),
            )
            self._db.append_history(
                "set_document_status",
                document_id=document_id,
                before={"document": {"status": before.value}},
                after={"document": {"status": status.value}},
                timed=False,
            )

    def search(self, query: str, *, limit: int = 100) -> list[SearchHit]:
        """Documents whose title or text contain every word of ``query``, best first.

        The last word matches as a prefix (search as you type). Operators are not
        interpreted: the query is split into words, so any user input is safe.
        """
        parsed = fts_query(query)
        if parsed is None:
            return []
        match, words = parsed
        rows = self._db.conn.execute(
            "SELECT d.id, d.title, d.text FROM documents_fts f"
            " JOIN documents d ON d.id = f.rowid"
            " WHERE documents_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (match, limit),
        ).fetchall()
        return [search_hit(row["id"], row["title"], row["text"], words) for row in rows]

    def iter_documents(
        self, status: DocumentStatus | None = None
    ) -> Iterator[tuple[Document, list[Attribution]]]:
        """Every document (or those with ``status``) with its attributions, streamed in
        import order.

        Documents are read in pages, so memory stays bounded for big workspaces.
        """
        where = ""
        params: tuple[str, ...] = ()
        if status is not None:
            where, params = "AND status = ?", (DocumentStatus(status).value,)
        last_id = 0
        while True:
            rows = self._db.conn.execute(
                f"{DOCUMENT_SELECT} WHERE id > ? {where} ORDER BY id LIMIT 200",
                (last_id, *params),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield document_from_row(row), self._attributions.attributions_for(row["id"])
            last_id = rows[-1]["id"]
