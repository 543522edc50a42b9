"""The document list, a page at a time: one order and filter, rows after a given row.

The list of a 100,000-article workspace cannot be read whole at start (one summary
per document with three counts each took 2.7 s, issue 11). :meth:`Listing.page`
reads the rows after the last one shown (keyset paging: no OFFSET to step over),
and the counts of those rows only, from the ``(document_id, status)`` index.

What each order costs at 100,000 documents, one page of 200 rows:

- import order (``IMPORT``), with or without a status filter, and ``STATUS``: an index
  or rowid range read, about a millisecond;
- ``TITLE``: no index on titles, so a scan of every document row (about 250 ms). An
  index on ``documents (title COLLATE NOCASE, id)`` would make it a range read;
- ``CANDIDATES``/``ACCEPTED``: the counts of every document, grouped from the
  attribution index (about 230 ms). A summary table of counts per document, kept
  in the same transaction as each change, would make these range reads too.

Threading: that of the connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from quotes.model import DocumentStatus, DocumentSummary, Status

#: Rows a page holds unless the caller asks for another number.
PAGE_SIZE = 200
# Ids per counting query: well under SQLite's limit on bound parameters.
_COUNT_CHUNK = 500


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


# The sort key of each order as SQL over ``d`` (documents) and ``c`` (counts), and
# the same key read from a summary (for the row to continue after).
_KEY_SQL = {
    ListOrder.IMPORT: None,
    ListOrder.TITLE: "d.title COLLATE NOCASE",
    ListOrder.STATUS: "d.status",
    ListOrder.CANDIDATES: "coalesce(c.n, 0)",
    ListOrder.ACCEPTED: "coalesce(c.n, 0)",
}
_COUNTED_STATUS = {ListOrder.CANDIDATES: Status.CANDIDATE, ListOrder.ACCEPTED: Status.ACCEPTED}


def _key_of(summary: DocumentSummary, order: ListOrder) -> object:
    if order is ListOrder.TITLE:
        return summary.title
    if order is ListOrder.STATUS:
        return summary.status.value
    if order is ListOrder.CANDIDATES:
        return summary.candidates
    return summary.accepted


class Listing:
    """Pages of document summaries and the figures around the list, read from ``conn``.

    :param conn: the store's connection (rows as ``sqlite3.Row``).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def page(
        self,
        query: ListQuery,
        *,
        after: DocumentSummary | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[DocumentSummary]:
        """Up to ``limit`` rows of the list ``query`` describes, those that come after
        ``after`` (the last row already shown; None: from the start).

        The counts are read for the returned rows only. ``after`` is located by its
        sort key and id, so a row that was deleted meanwhile still marks the place.
        """
        sql, params = self._page_sql(query, after, limit)
        rows = self._conn.execute(sql, params).fetchall()
        counts = self._counts([int(row["id"]) for row in rows])
        return [
            DocumentSummary(
                id=row["id"],
                title=row["title"],
                status=DocumentStatus(row["status"]),
                candidates=counts.get((row["id"], Status.CANDIDATE), 0),
                accepted=counts.get((row["id"], Status.ACCEPTED), 0),
                rejected=counts.get((row["id"], Status.REJECTED), 0),
                length=row["length"],
            )
            for row in rows
        ]

    def _page_sql(
        self, query: ListQuery, after: DocumentSummary | None, limit: int
    ) -> tuple[str, list[object]]:
        """The page's SELECT (ids, titles, statuses, lengths) and its parameters."""
        key = _KEY_SQL[query.order]
        sql = "SELECT d.id, d.title, d.status, d.length FROM documents d"
        params: list[object] = []
        counted = _COUNTED_STATUS.get(query.order)
        if counted is not None:
            sql += (
                " LEFT JOIN (SELECT document_id, count(*) AS n FROM attributions"
                " WHERE status = ? GROUP BY document_id) c ON c.document_id = d.id"
            )
            params.append(counted.value)
        where: list[str] = []
        if query.status is not None:
            where.append("d.status = ?")
            params.append(DocumentStatus(query.status).value)
        beyond = "<" if query.descending else ">"
        if after is not None and key is None:
            where.append(f"d.id {beyond} ?")
            params.append(after.id)
        elif after is not None:
            where.append(f"({key}, d.id) {beyond} (?, ?)")
            params.extend([_key_of(after, query.order), after.id])
        if where:
            sql += " WHERE " + " AND ".join(where)
        direction = " DESC" if query.descending else ""
        terms = [f"d.id{direction}"] if key is None else [f"{key}{direction}", f"d.id{direction}"]
        sql += " ORDER BY " + ", ".join(terms) + " LIMIT ?"
        params.append(limit)
        return sql, params

    def _counts(self, document_ids: Sequence[int]) -> dict[tuple[int, Status], int]:
        """The number of records of each status of each document, from the index."""
        counts: dict[tuple[int, Status], int] = {}
        for start in range(0, len(document_ids), _COUNT_CHUNK):
            chunk = document_ids[start : start + _COUNT_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                "SELECT document_id, status, count(*) AS n FROM attributions"
                f" WHERE document_id IN ({marks}) GROUP BY document_id, status",
                list(chunk),
            )
            for row in rows:
                counts[(int(row["document_id"]), Status(row["status"]))] = int(row["n"])
        return counts

    def status_counts(self) -> dict[DocumentStatus, int]:
        """How many documents have each status (an index read, ~8 ms at 100,000)."""
        counts = dict.fromkeys(DocumentStatus, 0)
        rows = self._conn.execute("SELECT status, count(*) AS n FROM documents GROUP BY status")
        for row in rows:
            counts[DocumentStatus(row["status"])] = int(row["n"])
        return counts

    def review_progress(self) -> tuple[int, int]:
        """Records reviewed (accepted or rejected) and records in the workspace.

        Counted as the total (SQLite's count of the smallest index) and the reviewed
        ones (an index range): grouping every record by status instead reads all of
        them, 100 ms at 1.45 million records, after every action.
        """
        total = int(self._conn.execute("SELECT count(*) FROM attributions").fetchone()[0])
        reviewed = int(
            self._conn.execute(
                "SELECT count(*) FROM attributions WHERE status IN (?, ?)",
                (Status.ACCEPTED.value, Status.REJECTED.value),
            ).fetchone()[0]
        )
        return reviewed, total
