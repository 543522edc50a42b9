"""The document list, a page at a time: one order and filter, rows after a given row.

The list of a 100,000-article workspace cannot be read whole at start (one summary
per document with three counts each took 2.7 s, issue 11). :meth:`Listing.page`
reads the rows after the last one shown (keyset paging: no OFFSET to step over),
and the counts of those rows only, from the ``(document_id, status)`` index.

The rows are those of the connection's layer: its document statuses and its counts,
which ``layer_counts`` keeps (migration 0005; an annotator layer that has not opened a
document counts the suggestions it will start from).

What each order costs at 100,000 documents, one page of 200 rows:

- import order (``IMPORT``), with or without a status filter, and ``STATUS``: an index
  or rowid range read, about a millisecond;
- ``TITLE``: no index on titles, so a scan of every document row (about 250 ms). An
  index on ``documents (title COLLATE NOCASE, id)`` would make it a range read;
- ``CANDIDATES``/``ACCEPTED``: a join of every document with its row of
  ``layer_counts`` (a primary-key lookup each), then a sort.

Threading: that of the connection.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from quotes.model import DocumentStatus, DocumentSummary
from storage.connection import SHARED_LAYER, Connection
from storage.layers import is_annotator_layer

#: Rows a page holds unless the caller asks for another number.
PAGE_SIZE = 200


class ListOrder(StrEnum):
    """What the document list is sorted by (then by import order, for ties)."""

    IMPORT = "import"
    TITLE = "title"
    STATUS = "status"
    CANDIDATES = "candidates"
    ACCEPTED = "accepted"


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Which documents the list shows and in which order.

    ``status`` None shows every document. ``descending`` reverses the order, ties
    included (the newest import first among equals).
    """

    status: DocumentStatus | None = None
    order: ListOrder = ListOrder.IMPORT
    descending: bool = False


# The sort key of each order as SQL over ``d`` (documents) and the layer's status and
# counts (see ``_SELECT``), and the same key read from a summary (to continue after).
_STATUS_SQL = "CASE WHEN :layer = '' THEN d.status ELSE coalesce(l.status, 'new') END"
_CANDIDATES_SQL = (
    "CASE WHEN :suggested AND l.document_id IS NULL THEN coalesce(s.suggested, 0)"
    " ELSE coalesce(c.candidates, 0) END"
)
_KEY_SQL = {
    ListOrder.IMPORT: None,
    ListOrder.TITLE: "d.title COLLATE NOCASE",
    ListOrder.STATUS: _STATUS_SQL,
    ListOrder.CANDIDATES: _CANDIDATES_SQL,
    ListOrder.ACCEPTED: "coalesce(c.accepted, 0)",
}
_SELECT = (
    f"SELECT d.id, d.title, {_STATUS_SQL} AS status, d.length,"
    f" {_CANDIDATES_SQL} AS candidates, coalesce(c.accepted, 0) AS accepted,"
    " coalesce(c.rejected, 0) AS rejected FROM documents d"
    " LEFT JOIN layer_documents l ON l.document_id = d.id AND l.layer = :layer"
    " LEFT JOIN layer_counts c ON c.layer = :layer AND c.document_id = d.id"
    " LEFT JOIN layer_counts s ON s.layer = '' AND s.document_id = d.id"
)


def _key_of(summary: DocumentSummary, order: ListOrder) -> object:
    if order is ListOrder.TITLE:
        return summary.title
    if order is ListOrder.STATUS:
        return summary.status.value
    if order is ListOrder.CANDIDATES:
        return summary.candidates
    return summary.accepted


class Listing:
    """Pages of document summaries and the figures around the list, as the layer of
    ``db`` sees them."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    def _layer_params(self) -> dict[str, object]:
        layer = self._db.layer
        return {"layer": layer, "suggested": is_annotator_layer(layer)}

    def page(
        self,
        query: ListQuery,
        *,
        after: DocumentSummary | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[DocumentSummary]:
        """Up to ``limit`` rows of the list ``query`` describes, those that come after
        ``after`` (the last row already shown; None: from the start).

        ``after`` is located by its sort key and id, so a row that was deleted
        meanwhile still marks the place.
        """
        sql, params = self._page_sql(query, after, limit)
        rows = self._conn.execute(sql, params).fetchall()
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

    def _page_sql(
        self, query: ListQuery, after: DocumentSummary | None, limit: int
    ) -> tuple[str, dict[str, object]]:
        """The page's SELECT and its (named) parameters."""
        key = _KEY_SQL[query.order]
        params = self._layer_params()
        where: list[str] = []
        if query.status is not None:
            where.append(f"{_STATUS_SQL} = :status")
            params["status"] = DocumentStatus(query.status).value
        beyond = "<" if query.descending else ">"
        if after is not None and key is None:
            where.append(f"d.id {beyond} :after_id")
            params["after_id"] = after.id
        elif after is not None:
            where.append(f"({key}, d.id) {beyond} (:after_key, :after_id)")
            params.update(after_key=_key_of(after, query.order), after_id=after.id)
        sql = _SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        direction = " DESC" if query.descending else ""
        terms = [f"d.id{direction}"] if key is None else [f"{key}{direction}", f"d.id{direction}"]
        sql += " ORDER BY " + ", ".join(terms) + " LIMIT :limit"
        params["limit"] = limit
        return sql, params

    def status_counts(self) -> dict[DocumentStatus, int]:
        """How many documents have each status in the layer (index reads)."""
        counts = dict.fromkeys(DocumentStatus, 0)
        layer = self._db.layer
        if layer == SHARED_LAYER:
            rows = self._conn.execute(
                "SELECT status, count(*) AS n FROM documents GROUP BY status"
            ).fetchall()
        else:
            rows = self._conn.execute(
                "SELECT status, count(*) AS n FROM layer_documents WHERE layer = ? GROUP BY status",
                (layer,),
            ).fetchall()
            opened = sum(int(row["n"]) for row in rows)
            total = int(self._conn.execute("SELECT count(*) FROM documents").fetchone()[0])
            counts[DocumentStatus.NEW] += total - opened
        for row in rows:
            counts[DocumentStatus(row["status"])] += int(row["n"])
        return counts

    def review_progress(self) -> tuple[int, int]:
        """Records reviewed (accepted or rejected) and records in the layer (an
        annotator layer counts the suggestions of documents it has not opened), from
        the counts ``layer_counts`` keeps: no record is read."""
        layer = self._db.layer
        row = self._conn.execute(
            "SELECT coalesce(sum(accepted + rejected), 0),"
            " coalesce(sum(candidates + accepted + rejected), 0)"
            " FROM layer_counts WHERE layer = ?",
            (layer,),
        ).fetchone()
        reviewed, total = int(row[0]), int(row[1])
        if is_annotator_layer(layer):
            total += int(
                self._conn.execute(
                    "SELECT coalesce(sum(s.suggested), 0) FROM layer_counts s"
                    " WHERE s.layer = '' AND NOT EXISTS (SELECT 1 FROM layer_documents l"
                    " WHERE l.layer = ? AND l.document_id = s.document_id)",
                    (layer,),
                ).fetchone()[0]
            )
        return reviewed, total
