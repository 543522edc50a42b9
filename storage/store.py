"""The workspace store: one SQLite file, verb-named methods, domain objects out.

Threading: a ``Store`` owns one sqlite connection, which belongs to the thread
that opened the store. A worker thread opens its own ``Store`` on the same file
(WAL lets readers and one writer work side by side); it never borrows another
thread's store. Every public method that changes data runs in one transaction
that is committed before the method returns.

History: every annotation action appends one row to ``history`` with the state of
the rows it touched before and after (see ``HistoryEntry``). ``undo`` and ``redo``
restore those states and append an entry of their own, so the history stays
append-only and undo survives document switches and restarts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from quotes import preannotation
from quotes.extract import extract
from quotes.model import (
    Article,
    Attribution,
    Document,
    DocumentStatus,
    DocumentSummary,
    Extraction,
    ImportReport,
    Origin,
    Problem,
    QuoteType,
    Span,
    Speaker,
    Status,
)
from storage.history import (
    DECISION_ACTIONS,
    IDLE_AFTER_MS,
    HistoryEntry,
    history_entry_from_row,
    undo_stacks,
)
from storage.migrations import WorkspaceError, open_database
from storage.rows import (
    ATTRIBUTION_SELECT,
    ATTRIBUTION_VALUES_SELECT,
    DOCUMENT_SELECT,
    attribution_from_row,
    attribution_state,
    attributions_from_values,
    document_from_row,
    spans_from_pairs,
)
from storage.search import SearchHit, fts_query, search_hit

__all__ = ["HistoryEntry", "SearchHit", "Store", "WorkspaceError", "content_hash"]


def content_hash(text: str) -> str:
    """The key that makes two documents duplicates: SHA-256 of the exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


_INSERT_ATTRIBUTION = (
    'INSERT INTO attributions (document_id, start, "end", fragments, type,'
    " cue_start, cue_end, speaker_start, speaker_end, speaker_id, status, origin,"
    " confidence, rule, annotator, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _attribution_values(
    document_id: int, attribution: Attribution, speaker_id: int | None, now: str
) -> tuple[object, ...]:
    """The parameters of ``_INSERT_ATTRIBUTION`` for one attribution."""
    cue, speaker = attribution.cue, attribution.speaker
    return (
        document_id,
        attribution.start,
        attribution.end,
        json.dumps([f.as_list() for f in attribution.fragments]),
        QuoteType(attribution.type).value,
        cue.start if cue else None,
        cue.end if cue else None,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
        speaker_id,
        Status(attribution.status).value,
        Origin(attribution.origin).value,
        attribution.confidence,
        attribution.rule,
        attribution.annotator,
        now,
        now,
    )


def _fits(attribution: Attribution, length: int) -> bool:
    """Whether every span of the attribution lies inside a text of ``length``."""
    return all(span.end <= length for span in attribution.spans())


class _Cancelled(Exception):
    """Raised inside an import transaction to roll it back on Cancel."""


class _UnseenArticles:
    """The articles of an import whose text is new, with a record of what was read.

    Duplicates (of the workspace or of an earlier article of the same import) are
    counted and dropped here, before pre-annotation reads ahead, so no extraction is
    spent on them. ``pending`` holds ``(content hash, articles read)`` for each article
    passed on and not yet stored, in order: pre-annotation keeps the order, so the
    consumer pops one entry per result. Checking cancellation here too lets a long run
    of duplicates be cancelled.
    """

    def __init__(
        self,
        articles: Iterable[Article],
        has_hash: Callable[[str], bool],
        is_cancelled: Callable[[], bool] | None,
    ) -> None:
        self._articles = articles
        self._has_hash = has_hash
        self._is_cancelled = is_cancelled
        self.read = 0
        self.duplicates = 0
        self.pending: deque[tuple[str, int]] = deque()

    def __iter__(self) -> Iterator[Article]:
        seen: set[str] = set()
        for article in self._articles:
            self.read += 1
            if self._is_cancelled is not None and self._is_cancelled():
                raise _Cancelled
            key = content_hash(article.text)
            if key in seen or self._has_hash(key):
                self.duplicates += 1
                continue
            seen.add(key)
            self.pending.append((key, self.read))
            yield article


def _report_progress(progress: Callable[[int], None] | None, reported: int, read: int) -> int:
    """Report each count from ``reported + 1`` to ``read`` (duplicates included)."""
    if progress is not None:
        for count in range(reported + 1, read + 1):
            progress(count)
    return max(reported, read)


class Store:
    """A workspace: documents, their attributions and speakers, and the history.

    :param path: the SQLite file; created and migrated when new. ``None`` opens a
        private in-memory database (for tests).
    :param annotator: the name recorded on each action of this store.
    :raises WorkspaceError: when the file is not a usable workspace.
    """

    def __init__(self, path: str | Path | None, *, annotator: str = "annotator") -> None:
        self._path = None if path is None else Path(path)
        self._db = open_database(self._path)
        self._conn: sqlite3.Connection = self._db.conn
        self._conn.row_factory = sqlite3.Row
        self.annotator = annotator
        self._clock: float | None = None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; nested calls become savepoints of the outer one.

        The outermost level is ``BEGIN IMMEDIATE``: it takes the write lock up front,
        waiting for another connection's writer up to the busy timeout. A deferred
        ``BEGIN`` would read first and could then fail at once with SQLITE_BUSY when
        another connection (an import worker) committed in between.
        """
        if self._conn.in_transaction:
            with self._db.atomic():
                yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        try:
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    @classmethod
    def open_default(cls, *, annotator: str = "annotator") -> Store:
        """Open the workspace in the user's data folder (see ``default_workspace_path``)."""
        from storage.workspace import default_workspace_path

        return cls(default_workspace_path(), annotator=annotator)

    # -- lifecycle -------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The workspace file, or None for an in-memory store."""
        return self._path

    def close(self) -> None:
        """Close the connection. Everything was committed already."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- documents -------------------------------------------------------------------
    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        preannotate: bool = True,
        progress: Callable[[int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
        workers: int | None = None,
    ) -> ImportReport:
        """Store new articles, skipping those whose text is already in the workspace.

        Articles with ``attributions`` keep them (origin ``import``, status kept);
        articles without, unless ``annotated``, are pre-annotated by
        ``quotes.extract`` when ``preannotate``. All of it is one transaction: a
        cancelled or failed import leaves the workspace as it was. ``progress``
        receives the number of articles read so far.

        Pre-annotation runs in ``workers`` processes (None: one per core; 1: in this
        process) through ``quotes.preannotation.preannotate``, which keeps small
        imports in-process. Duplicates are recognised before their text is sent for
        extraction, so they cost no extraction.

        An empty (or blank) text is skipped and named in ``problems``. An article
        whose pre-annotation raises is stored without candidates and named
        in ``problems``; an article whose attributions the database refuses (offsets
        outside its text) is skipped and named in ``problems``. Any other error rolls
        the whole import back and propagates. A cancelled import returns a report with
        ``cancelled`` True and nothing imported.

        Threading: the import holds the workspace's write lock until it commits; other
        connections read meanwhile (WAL) but their writes wait up to the busy timeout.
        """
        imported = attribution_count = reported = 0
        problems: list[Problem] = []
        now = _now()
        unseen = _UnseenArticles(articles, self._has_hash, is_cancelled)
        # The store's ``extract`` is looked up here, not in quotes.extract, so that it
        # can be replaced (tests pin the extractor's output this way).
        results = preannotation.preannotate(
            unseen, enabled=preannotate, workers=workers, extractor=extract
        )
        try:
            with self._transaction(), contextlib.closing(results):
                for article, extraction, failure in results:
                    if is_cancelled is not None and is_cancelled():
                        raise _Cancelled
                    key, read = unseen.pending.popleft()
                    stored = self._store_article(article, key, now, extraction, failure, problems)
                    if stored is not None:
                        imported += 1
                        attribution_count += stored
                    reported = _report_progress(progress, reported, read)
                _report_progress(progress, reported, unseen.read)
                if imported:
                    self._append_history(
                        "import",
                        before=None,
                        after={"imported": imported, "attributions": attribution_count},
                        timed=False,
                    )
        except _Cancelled:
            return ImportReport(duplicates=unseen.duplicates, cancelled=True)
        return ImportReport(
            imported=imported,
            duplicates=unseen.duplicates,
            attributions=attribution_count,
            problems=tuple(problems),
        )

    def _has_hash(self, key: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (key,))
        return row.fetchone() is not None

    def _store_article(
        self,
        article: Article,
        key: str,
        now: str,
        extraction: Extraction | None,
        failure: str | None,
        problems: list[Problem],
    ) -> int | None:
        """Insert one article with its attributions inside a savepoint.

        ``extraction`` is its pre-annotation (None: none made); ``failure`` the error
        of a pre-annotation that raised, reported in ``problems``.

        :returns: the number of attributions stored, or None if the article was refused.
        """
        where = article.source or article.external_id or article.title or "article"
        if not article.text.strip():
            problems.append(Problem(where, "the text is empty; not imported"))
            return None
        speakers: tuple[Speaker, ...] = ()
        attributions = article.attributions
        if failure is not None:
            problems.append(Problem(where, f"pre-annotation failed: {failure}"))
        if extraction is not None and not attributions:
            attributions, speakers = extraction.attributions, extraction.speakers
        # Refuse the records that do not fit the text one by one (issue 5: reject the
        # record, not the whole file); the database triggers remain the last guard.
        fitting = []
        for index, attribution in enumerate(attributions):
            if _fits(attribution, len(article.text)):
                fitting.append(attribution)
                continue
            spans = [span.as_list() for span in attribution.spans()]
            problems.append(
                Problem(
                    f"{where} quotes[{index}]" if article.attributions else where,
                    f"spans {spans} lie outside the text of {len(article.text)} characters;"
                    " record skipped",
                )
            )
        attributions = tuple(fitting)
        try:
            with self._transaction():
                document_id = self._conn.execute(
                    "INSERT INTO documents (external_id, title, source, text, content_hash,"
                    " meta, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.external_id,
                        article.title,
                        article.source,
                        article.text,
                        key,
                        json.dumps(article.meta, default=str),
                        now,
                        now,
                    ),
                ).lastrowid
                assert document_id is not None
                # The roster by name, so that each speaker costs one INSERT however
                # many attributions name it (import speed is a target of issue 5).
                roster: dict[str, int] = {}
                for speaker in speakers:
                    name = " ".join(speaker.name.split())
                    if name:
                        roster[name] = self._insert_speaker(
                            document_id, name, speaker.variants, speaker.mentions, now
                        )
                rows = []
                for attribution in attributions:
                    name = " ".join((attribution.speaker_name or "").split())
                    if name and name not in roster:
                        roster[name] = self._insert_speaker(document_id, name, (), (), now)
                    rows.append(
                        _attribution_values(document_id, attribution, roster.get(name), now)
                    )
                self._conn.executemany(_INSERT_ATTRIBUTION, rows)
        except sqlite3.IntegrityError as error:
            problems.append(Problem(where, f"not imported: {error}"))
            return None
        return len(attributions)

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
        # A correlated count per document reads only the (document_id, status) index.
        counts = {
            name: (
                "SELECT count(*) FROM attributions a"
                f" WHERE a.document_id = d.id AND a.status = '{name}'"
            )
            for name in ("candidate", "accepted", "rejected")
        }
        rows = self._conn.execute(
            f"SELECT d.id, d.title, d.status, d.length, ({counts['candidate']}) AS candidates,"
            f" ({counts['accepted']}) AS accepted, ({counts['rejected']}) AS rejected"
            f" FROM documents d {where} ORDER BY d.id",
            params,
        )
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
        return int(self._conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document(self, document_id: int) -> Document:
        """The document with its text. :raises KeyError: if there is none."""
        row = self._conn.execute(f"{DOCUMENT_SELECT} WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return document_from_row(row)

    def set_document_status(self, document_id: int, status: DocumentStatus) -> None:
        """Mark a document new, in progress or done (undoable)."""
        status = DocumentStatus(status)
        with self._transaction():
            before = self.document(document_id).status
            if before == status:
                return
            self._conn.execute(
                "UPDATE documents SET status = ?, updated_at = ? WHERE id = ?",
                (status.value, _now(), document_id),
            )
            self._append_history(
                "set_document_status",
                document_id=document_id,
                before={"document": {"status": before.value}},
                after={"document": {"status": status.value}},
                timed=False,
            )

    # -- search ----------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 100) -> list[SearchHit]:
        """Documents whose title or text contain every word of ``query``, best first.

        The last word matches as a prefix (search as you type). Operators are not
        interpreted: the query is split into words, so any user input is safe.
        """
        parsed = fts_query(query)
        if parsed is None:
            return []
        match, words = parsed
        rows = self._conn.execute(
            "SELECT d.id, d.title, d.text FROM documents_fts f"
            " JOIN documents d ON d.id = f.rowid"
            " WHERE documents_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (match, limit),
        ).fetchall()
        return [search_hit(row["id"], row["title"], row["text"], words) for row in rows]

    # -- attributions ----------------------------------------------------------------
    def attributions_for(self, document_id: int) -> list[Attribution]:
        """The document's attributions in text order."""
        # Plain tuples, not sqlite3.Row: the rows go straight into the trusted builder.
        cursor = self._conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            f'{ATTRIBUTION_VALUES_SELECT} WHERE a.document_id = ? ORDER BY a.start, a."end", a.id',
            (document_id,),
        )
        return attributions_from_values(rows)

    def attribution(self, attribution_id: int) -> Attribution:
        """One attribution. :raises KeyError: if there is none."""
        row = self._attribution_row(attribution_id)
        return attribution_from_row(row)

    def start_decision(self) -> None:
        """Start timing the annotator's next decision (call when a record is shown).

        Without it, a decision is timed from the previous action of this store.
        """
        self._clock = time.monotonic()

    def accept_attribution(self, attribution_id: int) -> Attribution:
        """Mark the attribution accepted by this store's annotator; return it."""
        return self._change_attribution(
            "accept", attribution_id, status=Status.ACCEPTED.value, annotator=self.annotator
        )

    def reject_attribution(self, attribution_id: int) -> Attribution:
        """Mark the attribution rejected by this store's annotator; return it."""
        return self._change_attribution(
            "reject", attribution_id, status=Status.REJECTED.value, annotator=self.annotator
        )

    def set_attribution_type(self, attribution_id: int, quote_type: QuoteType) -> Attribution:
        """Change whether the attribution is direct, indirect, mixed or unquoted; return it."""
        return self._change_attribution(
            "set_type", attribution_id, type=QuoteType(quote_type).value, annotator=self.annotator
        )

    def set_speaker(
        self, attribution_id: int, *, mention: Span | None, name: str | None
    ) -> Attribution:
        """Set the speaker mention span and the person it refers to.

        The name is added to the document's speakers when it is new; None clears
        the speaker entity.
        """
        with self._transaction():
            row = self._attribution_row(attribution_id)
            speaker_id, created = self._resolve_speaker(row["document_id"], name, None)
            return self._change_attribution(
                "set_speaker",
                attribution_id,
                created_speaker=created,
                speaker_start=mention.start if mention else None,
                speaker_end=mention.end if mention else None,
                speaker_id=speaker_id,
                annotator=self.annotator,
            )

    def set_speaker_entity(
        self, attribution_id: int, speaker_id: int | None, *, mention: Span | None = None
    ) -> Attribution:
        """Point the attribution at a roster entry (number keys); keep the mention
        unless a new one is given.

        :raises KeyError: if the speaker is not in the attribution's document.
        """
        with self._transaction():
            row = self._attribution_row(attribution_id)
            if speaker_id is not None:
                self._check_speaker(row["document_id"], speaker_id)
            changes: dict[str, Any] = {"speaker_id": speaker_id, "annotator": self.annotator}
            if mention is not None:
                changes.update(speaker_start=mention.start, speaker_end=mention.end)
            return self._change_attribution("set_speaker", attribution_id, **changes)

    def reassign_speaker(
        self, attribution_ids: Iterable[int], speaker_id: int | None
    ) -> list[Attribution]:
        """Point several attributions of one document at a roster entry, as one action
        (one undo step): for "fix the following records with the same wrong speaker".

        :raises KeyError: if an attribution is missing or the speaker is not in their
            document. :raises ValueError: if the attributions span several documents.
        """
        ids = list(dict.fromkeys(attribution_ids))
        if not ids:
            return []
        with self._transaction():
            rows = [self._attribution_row(i) for i in ids]
            documents = {row["document_id"] for row in rows}
            if len(documents) != 1:
                raise ValueError("the attributions belong to different documents")
            document_id = documents.pop()
            if speaker_id is not None:
                self._check_speaker(document_id, speaker_id)
            now = _now()
            self._conn.executemany(
                "UPDATE attributions SET speaker_id = ?, annotator = ?, updated_at = ?"
                " WHERE id = ?",
                [(speaker_id, self.annotator, now, i) for i in ids],
            )
            self._append_history(
                "set_speaker",
                document_id=document_id,
                attribution_id=ids[0],
                before={"attributions": [attribution_state(row) for row in rows]},
                after={"attributions": [self._attribution_state(i) for i in ids]},
                starts_review=True,
            )
        return [self.attribution(i) for i in ids]

    def next_unreviewed(
        self, document_id: int | None = None, after: int = -1
    ) -> Attribution | None:
        """The first candidate after text offset ``after`` in ``document_id``, else the
        first candidate of the following documents (import order), wrapping around to
        the start; None when nothing is left to review.
        """
        if document_id is not None:
            row = self._conn.execute(
                f"{ATTRIBUTION_SELECT} WHERE a.document_id = ? AND a.status = 'candidate'"
                " AND a.start > ? ORDER BY a.start LIMIT 1",
                (document_id, after),
            ).fetchone()
            if row is not None:
                return attribution_from_row(row)
        # Index seeks on (status, document_id, start): the documents after this one,
        # then from the first document (wrapping around).
        for after_document in (document_id or 0, 0):
            row = self._conn.execute(
                f"{ATTRIBUTION_SELECT} WHERE a.status = 'candidate' AND a.document_id > ?"
                " ORDER BY a.document_id, a.start LIMIT 1",
                (after_document,),
            ).fetchone()
            if row is not None:
                return attribution_from_row(row)
        return None

    def attribution_counts(self) -> dict[Status, int]:
        """How many attributions of the workspace have each status (for a progress bar)."""
        counts = dict.fromkeys(Status, 0)
        for row in self._conn.execute(
            "SELECT status, count(*) AS n FROM attributions GROUP BY status"
        ):
            counts[Status(row["status"])] = row["n"]
        return counts

    def annotators(self) -> list[str]:
        """The annotator names recorded on attributions, sorted (for export filters)."""
        rows = self._conn.execute(
            "SELECT DISTINCT annotator FROM attributions WHERE annotator IS NOT NULL"
            " AND annotator != '' ORDER BY annotator"
        )
        return [row["annotator"] for row in rows]

    def add_attribution(self, document_id: int, attribution: Attribution) -> Attribution:
        """Store an attribution an annotator made (origin human, accepted); return it.

        Its speaker is ``entity_id`` when set, else ``speaker_name`` (added to the
        roster when new).

        :raises KeyError: if the document does not exist.
        :raises ValueError: if a span lies outside the document text.
        """
        with self._transaction():
            self.document(document_id)
            now = _now()
            made = attribution.with_changes(
                origin=Origin.HUMAN,
                status=Status.ACCEPTED,
                annotator=self.annotator,
                confidence=1.0,
                rule="",
            )
            speaker_id, created = self._resolve_speaker(
                document_id, made.speaker_name, made.entity_id
            )
            try:
                new_id = self._insert_attribution(document_id, made, speaker_id=speaker_id, now=now)
            except sqlite3.IntegrityError as error:
                raise ValueError(str(error)) from None
            after = self._attribution_state(new_id)
            self._append_history(
                "add",
                document_id=document_id,
                attribution_id=new_id,
                before={"speakers": []} if created is not None else None,
                after={"attributions": [after], **self._created_state(created)},
                starts_review=True,
            )
            return self.attribution(new_id)

    def update_attribution(self, attribution: Attribution) -> Attribution:
        """Replace a stored attribution's spans, type, speaker and status.

        The speaker is ``entity_id`` when set, else ``speaker_name``.

        :raises KeyError: if the attribution has no id or is not stored.
        :raises ValueError: if a span lies outside the document text.
        """
        if attribution.id is None:
            raise KeyError("the attribution has no id: store it with add_attribution")
        with self._transaction():
            row = self._attribution_row(attribution.id)
            speaker_id, created = self._resolve_speaker(
                row["document_id"], attribution.speaker_name, attribution.entity_id
            )
            return self._change_attribution(
                "update",
                attribution.id,
                created_speaker=created,
                start=attribution.start,
                end=attribution.end,
                fragments=json.dumps([f.as_list() for f in attribution.fragments]),
                type=QuoteType(attribution.type).value,
                cue_start=attribution.cue.start if attribution.cue else None,
                cue_end=attribution.cue.end if attribution.cue else None,
                speaker_start=attribution.speaker.start if attribution.speaker else None,
                speaker_end=attribution.speaker.end if attribution.speaker else None,
                speaker_id=speaker_id,
                status=Status(attribution.status).value,
                annotator=self.annotator,
            )

    def delete_attribution(self, attribution_id: int) -> None:
        """Remove an attribution (recorded in the history, so it can be undone)."""
        with self._transaction():
            row = self._attribution_row(attribution_id)
            before = attribution_state(row)
            self._conn.execute("DELETE FROM attributions WHERE id = ?", (attribution_id,))
            self._append_history(
                "delete",
                document_id=row["document_id"],
                attribution_id=attribution_id,
                before={"attributions": [before]},
                after=None,
                starts_review=True,
            )

    # -- speakers --------------------------------------------------------------------
    def speakers_for(self, document_id: int) -> list[Speaker]:
        """The document's speaker roster, most mentioned first.

        ``mentions`` are the spans the extractor found plus the speaker spans of the
        attributions pointing at the speaker; ``variants`` are the stored variants
        plus the distinct texts of those mentions other than the name.
        """
        text = self.document(document_id).text
        # Plain (start, end) pairs until the end: they hash and sort in C, where Spans
        # would call their dataclass methods thousands of times in a long document.
        cursor = self._conn.cursor()
        cursor.row_factory = None
        linked: dict[int, list[tuple[int, int]]] = {}
        for speaker_id, start, end in cursor.execute(
            "SELECT speaker_id, speaker_start, speaker_end FROM attributions"
            " WHERE document_id = ? AND speaker_id IS NOT NULL AND speaker_start IS NOT NULL",
            (document_id,),
        ):
            linked.setdefault(speaker_id, []).append((start, end))
        speakers = []
        for row in self._conn.execute(
            "SELECT id, document_id, name, variants, mentions FROM speakers WHERE document_id = ?",
            (document_id,),
        ):
            pairs = {(start, end) for start, end in json.loads(row["mentions"])}
            for start, end in pairs:
                Span(start, end)  # the stored mentions are checked as before
            pairs.update(linked.get(row["id"], ()))
            mentions = sorted(pairs)
            name = row["name"]
            variants = list(json.loads(row["variants"]))
            known = {name, *variants}
            for start, end in mentions:
                written = text[start:end]
                if written not in known:
                    known.add(written)
                    variants.append(written)
            speakers.append(
                Speaker(
                    name=name,
                    variants=tuple(variants),
                    mentions=spans_from_pairs(mentions),
                    id=row["id"],
                    document_id=row["document_id"],
                )
            )
        speakers.sort(key=lambda s: (-len(s.mentions), s.name.casefold()))
        return speakers

    def speaker(self, speaker_id: int) -> Speaker:
        """One roster entry with its mentions. :raises KeyError: if there is none."""
        row = self._conn.execute(
            "SELECT document_id FROM speakers WHERE id = ?", (speaker_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no speaker {speaker_id}")
        return next(s for s in self.speakers_for(row["document_id"]) if s.id == speaker_id)

    def add_speaker(self, document_id: int, name: str, *, mention: Span | None = None) -> Speaker:
        """Add a speaker by name (or return the existing one of that name).

        ``mention`` (a span the annotator selected) is added to the speaker's mentions.

        :raises ValueError: if the name is blank or the mention lies outside the text.
        :raises KeyError: if there is no such document.
        """
        name = _clean_name(name)
        with self._transaction():
            length = len(self.document(document_id).text)
            if mention is not None and mention.end > length:
                raise ValueError(f"mention {mention.as_list()} lies outside the text")
            mentions = () if mention is None else (mention,)
            existing = self._speaker_id_by_name(document_id, name)
            before = None if existing is None else self._speaker_state(existing)
            if before is not None and (mention is None or mention.as_list() in before["mentions"]):
                return self.speaker(before["id"])
            speaker_id = self._insert_speaker(document_id, name, (), mentions, _now())
            self._append_history(
                "add_speaker",
                document_id=document_id,
                before={"speakers": [] if before is None else [before]},
                after={"speakers": [self._speaker_state(speaker_id)]},
                timed=False,
            )
        return self.speaker(speaker_id)

    def rename_speaker(self, speaker_id: int, name: str) -> Speaker:
        """Rename a roster entry; the old name is kept as a variant.

        :raises ValueError: if the name is blank or another speaker of the document
            already has it (merge them instead).
        """
        name = _clean_name(name)
        with self._transaction():
            before = self._speaker_state(speaker_id)
            if before["name"] == name:
                return self.speaker(speaker_id)
            if self._speaker_id_by_name(before["document_id"], name) is not None:
                raise ValueError(f"the document already has a speaker named {name!r}")
            variants = [v for v in before["variants"] if v != name]
            if before["name"] not in variants:
                variants.append(before["name"])
            self._conn.execute(
                "UPDATE speakers SET name = ?, variants = ? WHERE id = ?",
                (name, json.dumps(variants), speaker_id),
            )
            self._append_history(
                "rename_speaker",
                document_id=before["document_id"],
                before={"speakers": [before]},
                after={"speakers": [self._speaker_state(speaker_id)]},
                timed=False,
            )
        return self.speaker(speaker_id)

    def merge_speakers(self, document_id: int, keep_id: int, merge_id: int) -> Speaker:
        """Fold speaker ``merge_id`` into ``keep_id``: its attributions, mentions and
        names (as variants) move over and it leaves the roster. Undoable.

        :raises KeyError: if either speaker is not in the document.
        :raises ValueError: if the two are the same speaker.
        """
        if keep_id == merge_id:
            raise ValueError("cannot merge a speaker into itself")
        with self._transaction():
            self._check_speaker(document_id, keep_id)
            self._check_speaker(document_id, merge_id)
            keep, merge = self._speaker_state(keep_id), self._speaker_state(merge_id)
            moved = [
                r["id"]
                for r in self._conn.execute(
                    "SELECT id FROM attributions WHERE speaker_id = ?", (merge_id,)
                )
            ]
            before_rows = [self._attribution_state(i) for i in moved]
            variants = list(keep["variants"])
            for variant in (merge["name"], *merge["variants"]):
                if variant != keep["name"] and variant not in variants:
                    variants.append(variant)
            mentions = sorted({tuple(m) for m in keep["mentions"] + merge["mentions"]})
            now = _now()
            self._conn.execute(
                "UPDATE attributions SET speaker_id = ?, updated_at = ? WHERE speaker_id = ?",
                (keep_id, now, merge_id),
            )
            self._conn.execute(
                "UPDATE speakers SET variants = ?, mentions = ? WHERE id = ?",
                (json.dumps(variants), json.dumps([list(m) for m in mentions]), keep_id),
            )
            self._conn.execute("DELETE FROM speakers WHERE id = ?", (merge_id,))
            self._append_history(
                "merge_speakers",
                document_id=document_id,
                before={"speakers": [keep, merge], "attributions": before_rows},
                after={
                    "speakers": [self._speaker_state(keep_id)],
                    "attributions": [self._attribution_state(i) for i in moved],
                },
                timed=False,
            )
        return self.speaker(keep_id)

    # -- history ---------------------------------------------------------------------
    def history(self, *, document_id: int | None = None, limit: int = 100) -> list[HistoryEntry]:
        """The latest actions, newest first."""
        sql = "SELECT * FROM history"
        params: tuple[int, ...] = ()
        if document_id is not None:
            sql += " WHERE document_id = ?"
            params = (document_id,)
        sql += " ORDER BY id DESC LIMIT ?"
        return [history_entry_from_row(row) for row in self._conn.execute(sql, (*params, limit))]

    def next_undo(self) -> HistoryEntry | None:
        """The action ``undo`` would reverse (this annotator's), or None."""
        undo_stack, _ = self._undo_stacks()
        return self._history_entry(undo_stack[-1]) if undo_stack else None

    def next_redo(self) -> HistoryEntry | None:
        """The action ``redo`` would re-apply, or None."""
        _, redo_stack = self._undo_stacks()
        return self._history_entry(redo_stack[-1]) if redo_stack else None

    def undo(self) -> HistoryEntry | None:
        """Reverse this annotator's latest action not yet undone; return that action's
        entry (its ``document_id`` and ``attribution_id`` say what changed), or None
        when there is nothing to undo."""
        return self._step_history("undo")

    def redo(self) -> HistoryEntry | None:
        """Re-apply the latest undone action; return its entry, or None."""
        return self._step_history("redo")

    def _step_history(self, step: Literal["undo", "redo"]) -> HistoryEntry | None:
        """Undo or redo the next entry of that stack in one transaction, recording the
        step in the history; the entry stepped, or None when the stack is empty."""
        with self._transaction():
            entry = self.next_undo() if step == "undo" else self.next_redo()
            if entry is None:
                return None
            # Undo puts the entry's ``before`` state back over its ``after``; redo the
            # reverse. The step's own history row records that change of state.
            if step == "undo":
                restored, replaced = entry.before, entry.after
            else:
                restored, replaced = entry.after, entry.before
            try:
                self._restore(entry.document_id, restored, replaced)
            except sqlite3.IntegrityError as error:
                # Another annotator's later change can make a state unrestorable.
                raise ValueError(f"cannot {step} {entry.action}: {error}") from None
            self._append_history(
                step,
                document_id=entry.document_id,
                attribution_id=entry.attribution_id,
                before=replaced,
                after=restored,
                target_id=entry.id,
                timed=False,
            )
        return entry

    def annotation_rate(self, annotator: str | None = None) -> float | None:
        """Timed decisions per hour of decision time for ``annotator`` (default: this
        store's), or None before any timed decision."""
        actions = sorted(DECISION_ACTIONS)
        row = self._conn.execute(
            "SELECT count(*), sum(elapsed_ms) FROM history WHERE annotator = ?"
            f" AND elapsed_ms IS NOT NULL AND action IN ({', '.join('?' * len(actions))})",
            (annotator or self.annotator, *actions),
        ).fetchone()
        count, total_ms = row[0], row[1]
        if not count:
            return None
        return count * 3_600_000 / max(total_ms, 1)

    # -- export ----------------------------------------------------------------------
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
            rows = self._conn.execute(
                f"{DOCUMENT_SELECT} WHERE id > ? {where} ORDER BY id LIMIT 200",
                (last_id, *params),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield document_from_row(row), self.attributions_for(row["id"])
            last_id = rows[-1]["id"]

    # -- internals -------------------------------------------------------------------
    def _attribution_row(self, attribution_id: int) -> sqlite3.Row:
        row = self._conn.execute(
            f"{ATTRIBUTION_SELECT} WHERE a.id = ?", (attribution_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no attribution {attribution_id}")
        return row

    def _attribution_state(self, attribution_id: int) -> dict[str, Any]:
        return attribution_state(self._attribution_row(attribution_id))

    def _change_attribution(
        self,
        action: str,
        attribution_id: int,
        *,
        created_speaker: int | None = None,
        **columns: Any,
    ) -> Attribution:
        """Update columns of one attribution and append the history entry.

        ``created_speaker`` is a roster entry the action added, recorded so that
        undo removes it again.
        """
        with self._transaction():
            row = self._attribution_row(attribution_id)
            before = attribution_state(row)
            now = _now()
            assignments = ", ".join(f'"{name}" = ?' for name in columns)
            try:
                self._conn.execute(
                    f"UPDATE attributions SET {assignments}, updated_at = ? WHERE id = ?",
                    (*columns.values(), now, attribution_id),
                )
            except sqlite3.IntegrityError as error:
                raise ValueError(str(error)) from None
            after = self._attribution_state(attribution_id)
            self._append_history(
                action,
                document_id=row["document_id"],
                attribution_id=attribution_id,
                before={
                    "attributions": [before],
                    **({"speakers": []} if created_speaker is not None else {}),
                },
                after={"attributions": [after], **self._created_state(created_speaker)},
                starts_review=True,
            )
        return self.attribution(attribution_id)

    def _resolve_speaker(
        self, document_id: int, name: str | None, entity_id: int | None
    ) -> tuple[int | None, int | None]:
        """The roster id for an entity id or a name, and the id again if it was added."""
        known = (
            None if name is None else self._speaker_id_by_name(document_id, " ".join(name.split()))
        )
        speaker_id = self._speaker_id_for(document_id, name, entity_id, _now())
        created = speaker_id if entity_id is None and known is None and speaker_id else None
        return speaker_id, created

    def _created_state(self, speaker_id: int | None) -> dict[str, Any]:
        return {} if speaker_id is None else {"speakers": [self._speaker_state(speaker_id)]}

    def _insert_attribution(
        self, document_id: int, attribution: Attribution, *, speaker_id: int | None, now: str
    ) -> int:
        cursor = self._conn.execute(
            _INSERT_ATTRIBUTION, _attribution_values(document_id, attribution, speaker_id, now)
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _insert_speaker(
        self,
        document_id: int,
        name: str,
        variants: Iterable[str],
        mentions: Iterable[Span],
        now: str,
    ) -> int:
        """Insert a roster entry, or merge variants and mentions into the one of that name."""
        name = _clean_name(name)
        existing = self._speaker_id_by_name(document_id, name)
        if existing is not None:
            state = self._speaker_state(existing)
            merged_variants = list(state["variants"])
            merged_variants += [v for v in variants if v not in merged_variants and v != name]
            merged_mentions = sorted(
                {tuple(m) for m in state["mentions"]} | {(m.start, m.end) for m in mentions}
            )
            self._conn.execute(
                "UPDATE speakers SET variants = ?, mentions = ? WHERE id = ?",
                (
                    json.dumps(merged_variants),
                    json.dumps([list(m) for m in merged_mentions]),
                    existing,
                ),
            )
            return existing
        cursor = self._conn.execute(
            "INSERT INTO speakers (document_id, name, variants, mentions, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                document_id,
                name,
                json.dumps([v for v in dict.fromkeys(variants) if v != name]),
                json.dumps(sorted(m.as_list() for m in mentions)),
                now,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _speaker_id_by_name(self, document_id: int, name: str) -> int | None:
        row = self._conn.execute(
            "SELECT id FROM speakers WHERE document_id = ? AND name = ?", (document_id, name)
        ).fetchone()
        return None if row is None else int(row["id"])

    def _speaker_id_for(
        self, document_id: int, name: str | None, entity_id: int | None, now: str
    ) -> int | None:
        """The roster id for an entity id or a name, adding the name when new."""
        if entity_id is not None:
            self._check_speaker(document_id, entity_id)
            return entity_id
        if name is None or not name.strip():
            return None
        return self._insert_speaker(document_id, name, (), (), now)

    def _check_speaker(self, document_id: int, speaker_id: int) -> None:
        row = self._conn.execute(
            "SELECT 1 FROM speakers WHERE id = ? AND document_id = ?", (speaker_id, document_id)
        ).fetchone()
        if row is None:
            raise KeyError(f"no speaker {speaker_id} in document {document_id}")

    def _speaker_state(self, speaker_id: int) -> dict[str, Any]:
        row = self._conn.execute(
            "SELECT id, document_id, name, variants, mentions, created_at FROM speakers"
            " WHERE id = ?",
            (speaker_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no speaker {speaker_id}")
        state = dict(row)
        state["variants"] = json.loads(state["variants"])
        state["mentions"] = json.loads(state["mentions"])
        return state

    def _append_history(
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
        undo moves it back."""
        if starts_review and document_id is not None:
            # Reviewing starts a document; moving it on to done stays the annotator's call.
            bumped = self._conn.execute(
                "UPDATE documents SET status = 'in_progress', updated_at = ?"
                " WHERE id = ? AND status = 'new'",
                (_now(), document_id),
            ).rowcount
            if bumped:
                before = {**(before or {}), "document": {"status": DocumentStatus.NEW.value}}
                after = {
                    **(after or {}),
                    "document": {"status": DocumentStatus.IN_PROGRESS.value},
                }
        elapsed_ms = None
        now = time.monotonic()
        if timed and self._clock is not None:
            elapsed_ms = round((now - self._clock) * 1000)
            if elapsed_ms > IDLE_AFTER_MS:
                elapsed_ms = None
        if timed:
            self._clock = now
        self._conn.execute(
            "INSERT INTO history (at, annotator, action, document_id, attribution_id,"
            " before, after, elapsed_ms, target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _now(),
                self.annotator,
                action,
                document_id,
                attribution_id,
                None if before is None else json.dumps(before),
                None if after is None else json.dumps(after),
                elapsed_ms,
                target_id,
            ),
        )

    def _history_entry(self, entry_id: int) -> HistoryEntry:
        row = self._conn.execute("SELECT * FROM history WHERE id = ?", (entry_id,)).fetchone()
        return history_entry_from_row(row)

    def _undo_stacks(self) -> tuple[list[int], list[int]]:
        """This annotator's undo and redo stacks, replayed from the history.

        Reads three small columns per entry; fine for the tens of thousands of
        actions a workspace collects.
        """
        rows = self._conn.execute(
            "SELECT id, action, target_id FROM history WHERE annotator = ? ORDER BY id",
            (self.annotator,),
        )
        return undo_stacks((row[0], row[1], row[2]) for row in rows)

    def _restore(
        self,
        document_id: int | None,
        target: Mapping[str, Any] | None,
        other: Mapping[str, Any] | None,
    ) -> None:
        """Bring the rows an action touched to ``target``; rows present only in
        ``other`` (the state being left) are deleted."""
        target = target or {}
        other = other or {}
        now = _now()
        target_speakers = {s["id"]: s for s in target.get("speakers", ())}
        for state in target_speakers.values():
            self._conn.execute(
                "INSERT INTO speakers (id, document_id, name, variants, mentions, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " name = excluded.name, variants = excluded.variants,"
                " mentions = excluded.mentions",
                (
                    state["id"],
                    state["document_id"],
                    state["name"],
                    json.dumps(state["variants"]),
                    json.dumps(state["mentions"]),
                    state["created_at"],
                ),
            )
        target_attributions = {a["id"]: a for a in target.get("attributions", ())}
        for state in target_attributions.values():
            self._upsert_attribution(state, now)
        for state in other.get("attributions", ()):
            if state["id"] not in target_attributions:
                self._conn.execute("DELETE FROM attributions WHERE id = ?", (state["id"],))
        for state in other.get("speakers", ()):
            if state["id"] not in target_speakers:
                self._conn.execute("DELETE FROM speakers WHERE id = ?", (state["id"],))
        if "document" in target and document_id is not None:
            self._conn.execute(
                "UPDATE documents SET status = ?, updated_at = ? WHERE id = ?",
                (target["document"]["status"], now, document_id),
            )

    def _upsert_attribution(self, state: Mapping[str, Any], now: str) -> None:
        speaker_id = state["speaker_id"]
        if speaker_id is not None:
            exists = self._conn.execute(
                "SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)
            ).fetchone()
            if exists is None:
                # The entity left the roster since (a merge); bring it back by name.
                speaker_id = self._speaker_id_for(
                    state["document_id"], state["speaker_name"], None, now
                )
        cue = state["cue"] or (None, None)
        speaker = state["speaker"] or (None, None)
        self._conn.execute(
            'INSERT INTO attributions (id, document_id, start, "end", fragments, type,'
            " cue_start, cue_end, speaker_start, speaker_end, speaker_id, status, origin,"
            " confidence, rule, annotator, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            ' ON CONFLICT (id) DO UPDATE SET start = excluded.start, "end" = excluded."end",'
            " fragments = excluded.fragments, type = excluded.type,"
            " cue_start = excluded.cue_start, cue_end = excluded.cue_end,"
            " speaker_start = excluded.speaker_start, speaker_end = excluded.speaker_end,"
            " speaker_id = excluded.speaker_id, status = excluded.status,"
            " origin = excluded.origin, confidence = excluded.confidence,"
            " rule = excluded.rule, annotator = excluded.annotator,"
            " updated_at = excluded.updated_at",
            (
                state["id"],
                state["document_id"],
                state["start"],
                state["end"],
                json.dumps(state["fragments"]),
                state["type"],
                cue[0],
                cue[1],
                speaker[0],
                speaker[1],
                speaker_id,
                state["status"],
                state["origin"],
                state["confidence"],
                state["rule"],
                state["annotator"],
                state["created_at"],
                now,
            ),
        )


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("a speaker needs a name")
    return cleaned
