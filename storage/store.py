"""The workspace store: one SQLite file, verb-named methods, domain objects out.

``Store`` is a thin facade. The work is done one floor down, one module per concern
over a shared :class:`~storage.connection.Connection` (connection, ``transaction()``,
clock, history append): ``documents``, ``articles`` (storing new ones), ``attributions``,
``roster``, ``undo``, ``models`` (the learned model), ``uncertainty`` (its
scores per document, for active learning) and ``candidates`` (re-suggestion).
Each public verb here is one line that hands over to its concern.

Why a facade and not ``store.documents`` / ``store.roster`` parts (as Anki's
collection has): ui/, cli/, jobs/, bench/ and the tests call some forty verbs on one
object (``store.accept_attribution(id)``), and the review screens hold one store and
pass it around. Keeping those verbs keeps every caller as it is, while the concern
modules stay small and can be read (and changed, as the teams issue will for
per-annotator layers) one at a time; the current annotator flows through one place,
``Connection.annotator``.

Threading: a ``Store`` owns one sqlite connection, which belongs to the thread that
opened the store. A worker thread opens its own ``Store`` on the same file (WAL lets
readers and one writer work side by side); it never borrows another thread's store.
Every public method that changes data runs in one transaction that is committed
before the method returns. A verb that would change nothing (accepting an accepted
record, the speaker a record already has, a document's own status) writes nothing:
no history entry, no undo step.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from quotes.model import (
    Article,
    Attribution,
    Document,
    DocumentStatus,
    DocumentSummary,
    Problem,
    QuoteType,
    Span,
    Speaker,
    Status,
)
from storage.articles import Articles, content_hash
from storage.attributions import Attributions
from storage.candidates import Candidates, CandidateSwap
from storage.connection import GOLD_LAYER, SHARED_LAYER, Connection, clean_layer
from storage.documents import Documents
from storage.history import HistoryEntry
from storage.layers import LayerError, Layers
from storage.listing import PAGE_SIZE, Listing, ListOrder, ListQuery
from storage.migrations import WorkspaceError
from storage.models import LearnedModels, StoredModel
from storage.opening import Upgrade
from storage.roster import Roster
from storage.search import CANDIDATES, COUNT_CAP, Search, SearchCount, SearchHit
from storage.uncertainty import UncertainDocument, Uncertainties
from storage.undo import Undo

__all__ = [
    "GOLD_LAYER",
    "SHARED_LAYER",
    "CandidateSwap",
    "HistoryEntry",
    "LayerError",
    "ListOrder",
    "ListQuery",
    "SearchCount",
    "SearchHit",
    "Store",
    "StoredModel",
    "UncertainDocument",
    "Upgrade",
    "WorkspaceError",
    "content_hash",
]


class Store:
    """A workspace: documents, their attributions and speakers, and the history.

    :param path: the SQLite file; created and migrated when new. ``None`` opens a
        private in-memory database (for tests).
    :param annotator: the name recorded on each action of this store.
    :param layer: the annotation layer to read and write (see ``storage.layers``);
        None opens the workspace's default: an assigned workspace's annotator, else
        the shared layer.
    :raises WorkspaceError: when the file is not a usable workspace.
    """

    def __init__(
        self,
        path: str | Path | None,
        *,
        annotator: str = "annotator",
        layer: str | None = None,
    ) -> None:
        self._db = Connection(path, annotator=annotator, layer=layer)
        # The raw connection, for the storage tests that trace or tamper with SQL.
        self._conn: sqlite3.Connection = self._db.conn
        roster = Roster(self._db)
        layers = Layers(self._db, roster)
        attributions = Attributions(self._db, roster, layers)
        self._roster = roster
        self._layers = layers
        self._attributions = attributions
        self._documents = Documents(self._db, attributions, layers)
        self._articles = Articles(self._db, roster)
        self._undo = Undo(self._db, roster)
        self._models = LearnedModels(self._db)
        self._uncertainties = Uncertainties(self._db)
        self._candidates = Candidates(self._db, roster, layers)
        self._search = Search(self._db.conn)
        self._listing = Listing(self._db)

    @classmethod
    def open_default(cls, *, annotator: str = "annotator") -> Store:
        """Open the workspace in the user's data folder (see ``default_workspace_path``)."""
        from storage.workspace import default_workspace_path

        return cls(default_workspace_path(), annotator=annotator)

    # -- lifecycle -------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The workspace file, or None for an in-memory store."""
        return self._db.path

    @property
    def upgrade(self) -> Upgrade | None:
        """How opening brought an older workspace up to date (its migrations and the
        backup made before them), or None when it did not."""
        return self._db.upgrade

    @property
    def annotator(self) -> str:
        """The name recorded on each action of this store."""
        return self._db.annotator

    @annotator.setter
    def annotator(self, name: str) -> None:
        self._db.annotator = name

    @property
    def layer(self) -> str:
        """The annotation layer this store reads and writes (``''``: the shared one)."""
        return self._db.layer

    @layer.setter
    def layer(self, name: str) -> None:
        # A new layer is a new undo stack: this session's steps stay with their layer.
        self._db.layer = clean_layer(name)

    @property
    def session(self) -> str:
        """This store's undo session: undo steps through its own actions (and the
        history written before it opened)."""
        return self._db.session

    @session.setter
    def session(self, session: str) -> None:
        # A worker acting for a window takes the window's session, so that the window
        # can undo what the worker did (re-suggest).
        self._db.session = session

    def workspace_info(self, key: str) -> str | None:
        """A setting of the workspace file itself (e.g. ``layer``), or None."""
        return self._db.info(key)

    def set_workspace_info(self, key: str, value: str) -> None:
        """Store a setting of the workspace file (inside ``transaction()``)."""
        self._db.set_info(key, value)

    @property
    def layers(self) -> Layers:
        """Every layer of the workspace, for the team commands (see ``storage.layers``)."""
        return self._layers

    def close(self) -> None:
        """Close the connection. Everything was committed already."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One write transaction around several verbs (nested ones become savepoints):
        all of it is committed, or none of it. See ``Connection.transaction``."""
        return self._db.transaction()

    # -- storing new articles (the import job's steps, see jobs.importing) ------------
    def has_content(self, key: str) -> bool:
        """Whether a document with this ``content_hash`` is stored already."""
        return self._articles.has_content(key)

    def find_document(self, key: str) -> int | None:
        """The id of the document with this ``content_hash``, or None."""
        return self._articles.find_document(key)

    def stored_external_ids(self, external_ids: Iterable[str]) -> set[str]:
        """Those of ``external_ids`` that stored documents have (whatever their text)."""
        return self._articles.stored_external_ids(external_ids)

    def add_article(
        self,
        article: Article,
        *,
        key: str,
        stamp: str,
        candidates: Sequence[Attribution] = (),
        speakers: Sequence[Speaker] = (),
        problems: list[Problem],
    ) -> int | None:
        """Store one new article; see ``storage.articles.Articles.add_article``."""
        return self._articles.add_article(
            article,
            key=key,
            stamp=stamp,
            candidates=candidates,
            speakers=speakers,
            problems=problems,
        )

    def record_import(self, *, imported: int, attributions: int) -> None:
        """Append an import's history entry, inside the import's transaction."""
        self._articles.record_import(imported=imported, attributions=attributions)

    # -- documents -------------------------------------------------------------------
    def document_summaries(self, status: DocumentStatus | None = None) -> list[DocumentSummary]:
        """Every document (or those with ``status``) with its counts, in import order."""
        return self._documents.document_summaries(status)

    def document_summary(self, document_id: int) -> DocumentSummary:
        """One document's row of the list. :raises KeyError: if there is none."""
        return self._documents.document_summary(document_id)

    def document_page(
        self,
        query: ListQuery,
        *,
        after: DocumentSummary | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[DocumentSummary]:
        """Up to ``limit`` rows of the document list ``query`` describes, after the row
        ``after`` (None: from the start); see ``storage.listing``."""
        return self._listing.page(query, after=after, limit=limit)

    def document_status_counts(self) -> dict[DocumentStatus, int]:
        """How many documents have each status."""
        return self._listing.status_counts()

    def review_progress(self) -> tuple[int, int]:
        """Records reviewed (accepted or rejected) and records in the layer, from the
        counts the triggers keep (``attribution_counts``): no record is read."""
        counts = self._attributions.attribution_counts()
        reviewed = counts[Status.ACCEPTED] + counts[Status.REJECTED]
        return reviewed, reviewed + counts[Status.CANDIDATE]

    def document_count(self) -> int:
        """How many documents the workspace holds."""
        return self._documents.document_count()

    def document(self, document_id: int) -> Document:
        """The document with its text. :raises KeyError: if there is none."""
        return self._documents.document(document_id)

    def document_meta(self, document_id: int) -> dict[str, object]:
        """The metadata the document was imported with. :raises KeyError: if none."""
        return self._documents.document_meta(document_id)

    def set_document_status(self, document_id: int, status: DocumentStatus) -> None:
        """Mark a document new, in progress or done (undoable)."""
        self._documents.set_document_status(document_id, status)

    def search(
        self, query: str, *, limit: int = 100, candidates: int = CANDIDATES
    ) -> list[SearchHit]:
        """Documents whose title or text contain every word of ``query``, best first
        (ranked among the newest ``candidates`` matches; see ``storage.search``)."""
        return self._search.search(query, limit=limit, candidates=candidates)

    def search_count(self, query: str, *, cap: int = COUNT_CAP) -> SearchCount:
        """How many documents match ``query``, counted up to ``cap``."""
        return self._search.count(query, cap=cap)

    def iter_documents(
        self, status: DocumentStatus | None = None
    ) -> Iterator[tuple[Document, list[Attribution]]]:
        """Every document (or those with ``status``) with its attributions, streamed in
        import order, in pages (memory stays bounded)."""
        return self._documents.iter_documents(status)

    # -- attributions ----------------------------------------------------------------
    def attributions_for(self, document_id: int) -> list[Attribution]:
        """The document's attributions in text order."""
        return self._attributions.attributions_for(document_id)

    def attribution(self, attribution_id: int) -> Attribution:
        """One attribution. :raises KeyError: if there is none."""
        return self._attributions.attribution(attribution_id)

    def next_unreviewed(
        self, document_id: int | None = None, after: int = -1
    ) -> Attribution | None:
        """The next candidate after offset ``after``, wrapping around; None when done."""
        return self._attributions.next_unreviewed(document_id, after)

    def next_unreviewed_in(self, document_id: int, after: int = -1) -> Attribution | None:
        """The document's next candidate after offset ``after``; None when it has none."""
        return self._attributions.next_unreviewed_in(document_id, after)

    def attribution_counts(self) -> dict[Status, int]:
        """How many attributions of the workspace have each status."""
        return self._attributions.attribution_counts()

    def annotators(self) -> list[str]:
        """The annotator names recorded on attributions, sorted."""
        return self._attributions.annotators()

    def start_decision(self) -> None:
        """Start timing the annotator's next decision (call when a record is shown).

        Without it, a decision is timed from the previous action of this store.
        """
        self._db.start_decision()

    def accept_attribution(self, attribution_id: int) -> Attribution:
        """Mark the attribution accepted by this store's annotator; return it."""
        return self._attributions.accept_attribution(attribution_id)

    def reject_attribution(self, attribution_id: int) -> Attribution:
        """Mark the attribution rejected by this store's annotator; return it."""
        return self._attributions.reject_attribution(attribution_id)

    def set_attribution_type(self, attribution_id: int, quote_type: QuoteType) -> Attribution:
        """Change whether the attribution is direct, indirect, mixed or unquoted; return it."""
        return self._attributions.set_attribution_type(attribution_id, quote_type)

    def set_speaker(
        self, attribution_id: int, *, mention: Span | None, name: str | None
    ) -> Attribution:
        """Set the speaker mention span and the person it refers to (added when new)."""
        return self._attributions.set_speaker(attribution_id, mention=mention, name=name)

    def set_speaker_entity(
        self, attribution_id: int, speaker_id: int | None, *, mention: Span | None = None
    ) -> Attribution:
        """Point the attribution at a roster entry; keep the mention unless given."""
        return self._attributions.set_speaker_entity(attribution_id, speaker_id, mention=mention)

    def reassign_speaker(
        self, attribution_ids: Iterable[int], speaker_id: int | None
    ) -> list[Attribution]:
        """Point several attributions of one document at a roster entry, one undo step."""
        return self._attributions.reassign_speaker(attribution_ids, speaker_id)

    def add_attribution(
        self,
        document_id: int,
        attribution: Attribution,
        *,
        status: Status = Status.ACCEPTED,
        rule: str = "",
    ) -> Attribution:
        """Store an attribution an annotator made (origin human; accepted unless
        ``status`` says candidate, for a proposal still to confirm; ``rule`` says how it
        was made); return it."""
        return self._attributions.add_attribution(
            document_id, attribution, status=status, rule=rule
        )

    def update_attribution(self, attribution: Attribution) -> Attribution:
        """Replace a stored attribution's spans, type, speaker and status."""
        return self._attributions.update_attribution(attribution)

    def delete_attribution(self, attribution_id: int) -> None:
        """Remove an attribution (recorded in the history, so it can be undone)."""
        self._attributions.delete_attribution(attribution_id)

    # -- speakers --------------------------------------------------------------------
    def speakers_for(self, document_id: int) -> list[Speaker]:
        """The document's speaker roster, most mentioned first."""
        return self._roster.speakers_for(document_id)

    def speaker(self, speaker_id: int) -> Speaker:
        """One roster entry with its mentions. :raises KeyError: if there is none."""
        return self._roster.speaker(speaker_id)

    def add_speaker(self, document_id: int, name: str, *, mention: Span | None = None) -> Speaker:
        """Add a speaker by name (or return the existing one of that name)."""
        return self._roster.add_speaker(document_id, name, mention=mention)

    def rename_speaker(self, speaker_id: int, name: str) -> Speaker:
        """Rename a roster entry; the old name is kept as a variant."""
        return self._roster.rename_speaker(speaker_id, name)

    def merge_speakers(self, document_id: int, keep_id: int, merge_id: int) -> Speaker:
        """Fold speaker ``merge_id`` into ``keep_id`` (undoable)."""
        return self._roster.merge_speakers(document_id, keep_id, merge_id)

    # -- history ---------------------------------------------------------------------
    def history(self, *, document_id: int | None = None, limit: int = 100) -> list[HistoryEntry]:
        """The latest actions, newest first."""
        return self._undo.history(document_id=document_id, limit=limit)

    def next_undo(self) -> HistoryEntry | None:
        """The action ``undo`` would reverse (this annotator's), or None."""
        return self._undo.next_undo()

    def next_redo(self) -> HistoryEntry | None:
        """The action ``redo`` would re-apply, or None."""
        return self._undo.next_redo()

    def undo(self) -> HistoryEntry | None:
        """Reverse this annotator's latest action not yet undone; return its entry."""
        return self._undo.undo()

    def redo(self) -> HistoryEntry | None:
        """Re-apply the latest undone action; return its entry, or None."""
        return self._undo.redo()

    def annotation_rate(self, annotator: str | None = None) -> float | None:
        """Timed decisions per hour of decision time, or None before any."""
        return self._undo.annotation_rate(annotator)

    # -- the learned model and re-suggestion (issue 12) ------------------------------
    def learned_model(self) -> StoredModel | None:
        """The workspace's learned model (its bytes and facts), or None."""
        return self._models.learned_model()

    def save_learned_model(self, model: StoredModel) -> None:
        """Replace the workspace's learned model, in one transaction."""
        self._models.save_learned_model(model)

    def forget_learned_model(self) -> bool:
        """Remove the learned model; whether there was one."""
        return self._models.forget_learned_model()

    def record_uncertainties(self, scores: Mapping[int, float]) -> None:
        """Store the model's uncertainty of these documents (active learning)."""
        self._uncertainties.record_uncertainties(scores)

    def unscored_unreviewed(self) -> list[int]:
        """Ids of the documents unreviewed in this layer that have no uncertainty yet."""
        return self._uncertainties.unscored_unreviewed()

    def most_uncertain(
        self, limit: int = 1, *, excluding: int | None = None
    ) -> list[UncertainDocument]:
        """The scored unreviewed documents of this layer, the most uncertain first."""
        return self._uncertainties.most_uncertain(limit, excluding=excluding)

    def uncertainty_of(self, document_id: int) -> float | None:
        """The model's uncertainty of the document, or None when it has no score."""
        return self._uncertainties.uncertainty_of(document_id)

    def replace_candidates(
        self, document_id: int, suggestions: Sequence[Attribution]
    ) -> CandidateSwap:
        """Make ``suggestions`` a not-done document's candidates, as one undo step;
        reviewed records stay, and suggestions overlapping them are dropped."""
        return self._candidates.replace_candidates(document_id, suggestions)
