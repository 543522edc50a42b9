"""The workspace store: one SQLite file, verb-named methods, domain objects out.

Threading: a ``Store`` owns one sqlite connection, which belongs to the thread
that opened the store. A worker thread opens its own ``Store`` on the same file
(WAL lets readers and one writer work side by side); it never borrows another
thread's store. Every public method that changes data runs in one transaction
that is committed before the method returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from quotes.model import (
    Article,
    Attribution,
    Document,
    DocumentStatus,
    DocumentSummary,
    ImportReport,
    Span,
    Speaker,
)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One annotation action, as kept in the append-only history table.

    ``before`` and ``after`` are the attribution's JSON-able state around the action
    (None where it did not exist), which is what undo and timing read.
    """

    id: int
    at: str
    annotator: str
    action: str
    document_id: int | None
    attribution_id: int | None
    before: dict | None
    after: dict | None


class Store:
    """A workspace: documents, their attributions and speakers, and the history.

    :param path: the SQLite file; created and migrated when new. ``None`` opens a
        private in-memory database (for tests).
    :param annotator: the name recorded on each action of this store.
    """

    def __init__(self, path: str | Path | None, *, annotator: str = "annotator") -> None:
        raise NotImplementedError

    # -- lifecycle -------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The workspace file, or None for an in-memory store."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection. Everything was committed already."""
        raise NotImplementedError

    # -- documents -------------------------------------------------------------------
    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        preannotate: bool = True,
        progress: Callable[[int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Store new articles, skipping those whose text is already in the workspace.

        Articles with ``attributions`` keep them (origin ``import``, status kept);
        articles without are pre-annotated by ``quotes.extract`` when ``preannotate``.
        All of it is one transaction: a cancelled or failed import leaves the
        workspace as it was. ``progress`` receives the number of articles read so far.
        """
        raise NotImplementedError

    def document_summaries(self, status: DocumentStatus | None = None) -> list[DocumentSummary]:
        """Every document (or those with ``status``) with its counts, in import order."""
        raise NotImplementedError

    def document(self, document_id: int) -> Document:
        """The document with its text. :raises KeyError: if there is none."""
        raise NotImplementedError

    def set_document_status(self, document_id: int, status: DocumentStatus) -> None:
        """Mark a document new, in progress or done."""
        raise NotImplementedError

    # -- attributions ----------------------------------------------------------------
    def attributions_for(self, document_id: int) -> list[Attribution]:
        """The document's attributions in text order."""
        raise NotImplementedError

    def attribution(self, attribution_id: int) -> Attribution:
        """One attribution. :raises KeyError: if there is none."""
        raise NotImplementedError

    def accept_attribution(self, attribution_id: int) -> Attribution:
        """Mark the attribution accepted by this store's annotator; return it."""
        raise NotImplementedError

    def reject_attribution(self, attribution_id: int) -> Attribution:
        """Mark the attribution rejected by this store's annotator; return it."""
        raise NotImplementedError

    def set_speaker(
        self, attribution_id: int, *, mention: Span | None, name: str | None
    ) -> Attribution:
        """Set the speaker mention span and the person it refers to.

        The name is added to the document's speakers when it is new.
        """
        raise NotImplementedError

    def add_attribution(self, document_id: int, attribution: Attribution) -> Attribution:
        """Store an attribution an annotator made (origin human, accepted); return it."""
        raise NotImplementedError

    def update_attribution(self, attribution: Attribution) -> Attribution:
        """Replace a stored attribution's spans, type, speaker and status."""
        raise NotImplementedError

    def delete_attribution(self, attribution_id: int) -> None:
        """Remove an attribution (recorded in the history, so it can be undone)."""
        raise NotImplementedError

    # -- speakers --------------------------------------------------------------------
    def speakers_for(self, document_id: int) -> list[Speaker]:
        """The document's speaker roster, most mentioned first."""
        raise NotImplementedError

    def add_speaker(self, document_id: int, name: str) -> Speaker:
        """Add a speaker by name (or return the existing one of that name)."""
        raise NotImplementedError

    # -- history ---------------------------------------------------------------------
    def history(self, *, document_id: int | None = None, limit: int = 100) -> list[HistoryEntry]:
        """The latest actions, newest first."""
        raise NotImplementedError

    # -- export ----------------------------------------------------------------------
    def iter_documents(self) -> Iterator[tuple[Document, list[Attribution]]]:
        """Every document with its attributions, streamed in import order."""
        raise NotImplementedError
