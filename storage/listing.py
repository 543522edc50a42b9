"""The document list, a page at a time: one order and filter, rows after a given row.

The list of a 100,000-article workspace cannot be read whole at start (one summary
per document with three counts each took 2.7 s, issue 11). :meth:`Listing.page`
reads the rows after the last one shown (keyset paging: no OFFSET to step over),
and the counts of those rows only, from the ``(document_id, status)`` index.

The rows are those of the connection's layer: its document statuses and its counts,
which ``layer_counts`` keeps (migration 0005; an annotator layer that has not opened a
document counts the suggestions it will start from).

What each order costs at 100,000 documents, one page of 200 rows, in the shared layer:
every order is an index range read (``document_statuses`` by id or by its status
index, migration 0010; documents by the title index of migration 0007;
``layer_counts`` by its count indexes), a few milliseconds.
A named layer's list reads statuses and counts through left joins and sorts by them.

Threading: that of the connection.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from quotes.model import DocumentStatus, DocumentSummary
from storage.connection import SHARED_LAYER, Connection
from storage.layers import is_annotator_layer
from storage.rows import summary_from_row

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


@dataclass(frozen=True, slots=True)
class _LayerSql:
    """The list's SELECT for one kind of layer, its status expression and the sort key
    of each order (None: import order), over ``d`` (documents) and ``c`` (counts).

    In the shared layer every document has its row of counts (migration 0008), so the
    counts join is an inner one and each key a plain column an index serves. A named
    layer has status and counts only for the documents it opened: it reads them through
    left joins, and an annotator layer counts the suggestions of the others.
    """

    select: str
    #: The SELECT for the counts orders (None: ``select``).
    counts_select: str | None
    #: The SELECT for import and status order (None: ``select``).
    status_select: str | None
    status: str
    keys: dict[ListOrder, str | None]
    #: The tie-breaking id column of each order.
    ids: dict[ListOrder, str]


_SHARED_COLUMNS = (
    "SELECT d.id, d.title, s.status AS status, d.length, c.candidates AS candidates,"
    " c.accepted AS accepted, c.rejected AS rejected"
)
# CROSS JOIN fixes which table SQLite walks: the statuses (by id, or by status for
# a filter or the status order), the documents (by the title index) for the title
# order, the counts (by their count index) for the counts orders.
_SHARED_SQL = _LayerSql(
    select=(
        f"{_SHARED_COLUMNS} FROM documents d CROSS JOIN document_statuses s"
        " ON s.document_id = d.id CROSS JOIN layer_counts c"
        " ON c.layer = '' AND c.document_id = d.id"
    ),
    counts_select=(
        f"{_SHARED_COLUMNS} FROM layer_counts c CROSS JOIN documents d"
        " ON d.id = c.document_id AND c.layer = '' CROSS JOIN document_statuses s"
        " ON s.document_id = d.id"
    ),
    status_select=(
        f"{_SHARED_COLUMNS} FROM document_statuses s CROSS JOIN documents d"
        " ON d.id = s.document_id CROSS JOIN layer_counts c"
        " ON c.layer = '' AND c.document_id = d.id"
    ),
    status="s.status",
    keys={
        ListOrder.IMPORT: None,
        ListOrder.TITLE: "d.title COLLATE NOCASE",
        ListOrder.STATUS: "s.status",
        ListOrder.CANDIDATES: "c.candidates",
        ListOrder.ACCEPTED: "c.accepted",
    },
    # The counts orders walk the (layer, count, document_id) indexes of layer_counts,
    # import and status order the statuses by id and by (status, document_id).
    ids={
        ListOrder.IMPORT: "s.document_id",
        ListOrder.TITLE: "d.id",
        ListOrder.STATUS: "s.document_id",
        ListOrder.CANDIDATES: "c.document_id",
        ListOrder.ACCEPTED: "c.document_id",
    },
)
_NAMED_STATUS = "coalesce(l.status, 'new')"
_NAMED_CANDIDATES = (
    "CASE WHEN :suggested AND l.document_id IS NULL THEN coalesce(s.suggested, 0)"
    " ELSE coalesce(c.candidates, 0) END"
)
_NAMED_SQL = _LayerSql(
    select=(
        f"SELECT d.id, d.title, {_NAMED_STATUS} AS status, d.length,"
        f" {_NAMED_CANDIDATES} AS candidates, coalesce(c.accepted, 0) AS accepted,"
        " coalesce(c.rejected, 0) AS rejected FROM documents d"
        " LEFT JOIN layer_documents l ON l.document_id = d.id AND l.layer = :layer"
        " LEFT JOIN layer_counts c ON c.layer = :layer AND c.document_id = d.id"
        " LEFT JOIN layer_counts s ON s.layer = '' AND s.document_id = d.id"
    ),
    counts_select=None,
    status_select=None,
    status=_NAMED_STATUS,
    keys={
        ListOrder.IMPORT: None,
        ListOrder.TITLE: "d.title COLLATE NOCASE",
        ListOrder.STATUS: _NAMED_STATUS,
        ListOrder.CANDIDATES: _NAMED_CANDIDATES,
        ListOrder.ACCEPTED: "coalesce(c.accepted, 0)",
    },
    ids=dict.fromkeys(ListOrder, "d.id"),
)


def _key_of(summary: DocumentSummary, order: ListOrder) -> object:
    if order is ListOrder.TITLE:
        return summary.title
    if order is ListOrder.STATUS:
        return summary.status.value
    if order is ListOrder.CANDIDATES:
        return summary.candidates
    return summary.accepted


def _select_for(parts: _LayerSql, order: ListOrder) -> str:
    """The SELECT of ``parts`` that walks the table whose index serves ``order``."""
    if order in (ListOrder.CANDIDATES, ListOrder.ACCEPTED) and parts.counts_select:
        return parts.counts_select
    if order in (ListOrder.IMPORT, ListOrder.STATUS) and parts.status_select:
        return parts.status_select
    return parts.select


def layer_sql(layer: str) -> _LayerSql:
    """The SELECT, status expression and sort keys of the list of ``layer``; the
    document list of ``storage.documents`` reads the same rows."""
    return _SHARED_SQL if layer == SHARED_LAYER else _NAMED_SQL


def layer_params(layer: str) -> dict[str, object]:
    """The named parameters every :func:`layer_sql` SELECT takes."""
    return {"layer": layer, "suggested": is_annotator_layer(layer)}


class Listing:
    """Pages of document summaries and the figures around the list, as the layer of
    ``db`` sees them."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

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
        return [summary_from_row(row) for row in rows]

    def _page_sql(
        self, query: ListQuery, after: DocumentSummary | None, limit: int
    ) -> tuple[str, dict[str, object]]:
        """The page's SELECT and its (named) parameters."""
        parts = layer_sql(self._db.layer)
        key = parts.keys[query.order]
        id_column = parts.ids[query.order]
        params = layer_params(self._db.layer)
        where: list[str] = []
        if query.status is not None:
            where.append(f"{parts.status} = :status")
            params["status"] = DocumentStatus(query.status).value
        beyond = "<" if query.descending else ">"
        if after is not None and key is None:
            where.append(f"{id_column} {beyond} :after_id")
            params["after_id"] = after.id
        elif after is not None:
            where.append(f"({key}, {id_column}) {beyond} (:after_key, :after_id)")
            params.update(after_key=_key_of(after, query.order), after_id=after.id)
        sql = _select_for(parts, query.order)
        if where:
            sql += " WHERE " + " AND ".join(where)
        direction = " DESC" if query.descending else ""
        terms = [f"{id_column}{direction}"]
        if key is not None:
            terms.insert(0, f"{key}{direction}")
        sql += " ORDER BY " + ", ".join(terms) + " LIMIT :limit"
        params["limit"] = limit
        return sql, params

    def status_counts(self) -> dict[DocumentStatus, int]:
        """How many documents have each status in the layer (index reads)."""
        counts = dict.fromkeys(DocumentStatus, 0)
        layer = self._db.layer
        if layer == SHARED_LAYER:
            rows = self._conn.execute(
                "SELECT status, count(*) AS n FROM document_statuses GROUP BY status"
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
