"""The learned model's uncertainty per document, and the unreviewed documents by it.

Active learning (issue 12) sends the annotator next to the unreviewed document the
model is least sure of. The scores come from ``quotes.learning.uncertainty`` (storage
never runs the model) and live in ``document_uncertainty`` (migration 0009): one row
per scored document. They are the current model's: ``storage.models`` deletes them
whenever the model is replaced or forgotten, so a score here is never stale.

A document is **unreviewed** in a layer when it is not marked done there and the
layer holds no decision on it (no accepted or rejected record). A document the layer
has only read still counts: what matters is that nobody has reviewed anything in it.

Writing scores is not an annotation: no history entry, no undo step.
Threading: that of the connection.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from storage.connection import Connection

# The status and decision counts of a document in the layer :layer, over ``d``
# (documents): the shared layer ('') keeps its status in document_statuses (migration
# 0010), a named layer in layer_documents (absent: new); decisions are counted by the
# layer_counts triggers.
_UNREVIEWED = (
    "CASE WHEN :layer = '' THEN"
    " (SELECT s.status FROM document_statuses s WHERE s.document_id = d.id) ELSE coalesce("
    "(SELECT l.status FROM layer_documents l WHERE l.layer = :layer AND l.document_id = d.id),"
    " 'new') END != 'done' AND NOT EXISTS (SELECT 1 FROM layer_counts c"
    " WHERE c.layer = :layer AND c.document_id = d.id AND c.accepted + c.rejected > 0)"
)


@dataclass(frozen=True, slots=True)
class UncertainDocument:
    """An unreviewed document and the model's uncertainty on it (see the module)."""

    document_id: int
    title: str
    score: float


class Uncertainties:
    """The ``document_uncertainty`` table, read and written through ``db``."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def record_uncertainties(self, scores: Mapping[int, float]) -> None:
        """Store (or replace) the scores of these documents, in one transaction.
        Ids of documents deleted meanwhile are skipped.

        :raises ValueError: for a negative score (nothing is written then).
        """
        if any(score < 0 for score in scores.values()):
            raise ValueError("an uncertainty score cannot be negative")
        with self._db.transaction():
            self._db.conn.executemany(
                "INSERT INTO document_uncertainty (document_id, score)"
                " SELECT id, ? FROM documents WHERE id = ?"
                " ON CONFLICT (document_id) DO UPDATE SET score = excluded.score",
                [(float(score), int(document_id)) for document_id, score in scores.items()],
            )

    def unscored_unreviewed(self) -> list[int]:
        """The ids of the documents unreviewed in the connection's layer that have no
        score yet, in import order: what a scoring run has left to do."""
        rows = self._db.conn.execute(
            "SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM"
            f" document_uncertainty u WHERE u.document_id = d.id) AND {_UNREVIEWED}"
            " ORDER BY d.id",
            {"layer": self._db.layer},
        )
        return [int(row[0]) for row in rows]

    def most_uncertain(
        self, limit: int = 1, *, excluding: int | None = None
    ) -> list[UncertainDocument]:
        """Up to ``limit`` scored documents unreviewed in the connection's layer, the
        most uncertain first (ties in import order), without ``excluding``.

        Walks the score index from the top and stops after ``limit`` matches: fast
        however many documents are reviewed below them.
        """
        rows = self._db.conn.execute(
            "SELECT d.id, d.title, u.score FROM document_uncertainty u"
            " JOIN documents d ON d.id = u.document_id"
            f" WHERE d.id IS NOT :excluding AND {_UNREVIEWED}"
            " ORDER BY u.score DESC, u.document_id LIMIT :limit",
            {"layer": self._db.layer, "excluding": excluding, "limit": max(0, limit)},
        )
        return [UncertainDocument(int(i), str(t or ""), float(s)) for i, t, s in rows]

    def uncertainty_of(self, document_id: int) -> float | None:
        """The document's score, or None when it has none."""
        row = self._db.conn.execute(
            "SELECT score FROM document_uncertainty WHERE document_id = ?", (document_id,)
        ).fetchone()
        return None if row is None else float(row[0])

    def scored_count(self) -> int:
        """How many documents have a score (of the current model)."""
        return int(self._db.conn.execute("SELECT count(*) FROM document_uncertainty").fetchone()[0])


def forget_uncertainties(db: Connection) -> None:
    """Delete every score (inside the caller's transaction): the model that made them
    is being replaced or removed."""
    db.conn.execute("DELETE FROM document_uncertainty")
