"""The attributions of each document: reading them and the annotator's decisions on them.

:class:`Attributions` holds the review verbs (accept, reject, set type or speaker,
add, update, delete) and the reads the review needs (``attributions_for``,
``next_unreviewed``, counts). Each decision runs in one transaction and appends one
history entry, recorded with the connection's annotator. Speakers named by a decision
go through the :class:`~storage.roster.Roster`. Threading: that of the connection.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from quotes.model import Attribution, Origin, QuoteType, Span, Status
from storage.connection import SHARED_LAYER, Connection, now
from storage.layers import Layers, is_annotator_layer
from storage.roster import Roster
from storage.rows import (
    ATTRIBUTION_SELECT,
    attribution_from_row,
    attribution_state,
)

INSERT_ATTRIBUTION = (
    'INSERT INTO attributions (document_id, start, "end", fragments, type,'
    " cue_start, cue_end, speaker_start, speaker_end, speaker_id, status, origin,"
    " confidence, rule, annotator, created_at, updated_at, layer)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def attribution_values(
    document_id: int,
    attribution: Attribution,
    speaker_id: int | None,
    stamp: str,
    layer: str = SHARED_LAYER,
) -> tuple[object, ...]:
    """The parameters of ``INSERT_ATTRIBUTION`` for one attribution in ``layer``."""
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
        stamp,
        stamp,
        layer,
    )


def _holds(row: sqlite3.Row, columns: dict[str, Any]) -> bool:
    """Whether ``row`` already holds every value of ``columns``: then the action changes
    nothing and writes no history (no undo step). The annotator is left out, since
    repeating a decision someone already made is not a new one."""
    return all(
        name == "annotator"
        or (
            json.loads(row[name]) == json.loads(value)
            if name == "fragments"
            else row[name] == value
        )
        for name, value in columns.items()
    )


class Attributions:
    """The attributions of the connection's layer, read and changed through ``db``;
    ``layers`` opens a document in an annotator's layer on first reading."""

    def __init__(self, db: Connection, roster: Roster, layers: Layers) -> None:
        self._db = db
        self._roster = roster
        self._layers = layers

    # -- reading ---------------------------------------------------------------------
    def attributions_for(self, document_id: int) -> list[Attribution]:
        """The document's attributions in the connection's layer, in text order (an
        annotator layer opening the document gets its suggestions first)."""
        self._layers.ensure(document_id)
        return self._layers.layer_attributions(document_id, self._db.layer)

    def attribution(self, attribution_id: int) -> Attribution:
        """One attribution of the connection's layer. :raises KeyError: if there is none."""
        return attribution_from_row(self.row(attribution_id))

    def next_unreviewed(
        self, document_id: int | None = None, after: int = -1
    ) -> Attribution | None:
        """The first candidate after text offset ``after`` in ``document_id``, else the
        first candidate of the following documents (import order), wrapping around to
        the start; None when nothing is left to review. In an annotator layer, a
        document it has not opened counts with its suggestions, and is opened.
        """
        conn = self._db.conn
        layer = self._db.layer
        if document_id is not None:
            found_here = self.next_unreviewed_in(document_id, after)
            if found_here is not None:
                return found_here
        # Index seeks on (layer, status, document_id, start): the documents after this
        # one, then from the first document (wrapping around).
        for after_document in (document_id or 0, 0):
            found = self._next_document_with_candidates(after_document)
            if found is not None:
                self._layers.ensure(found)
                row = conn.execute(
                    f"{ATTRIBUTION_SELECT} WHERE a.layer = ? AND a.document_id = ?"
                    " AND a.status = 'candidate' ORDER BY a.start LIMIT 1",
                    (layer, found),
                ).fetchone()
                if row is not None:
                    return attribution_from_row(row)
        return None

    def next_unreviewed_in(self, document_id: int, after: int = -1) -> Attribution | None:
        """The first candidate of ``document_id`` after text offset ``after``, or None:
        no other document is looked at (or opened, in an annotator layer)."""
        self._layers.ensure(document_id)
        row = self._db.conn.execute(
            f"{ATTRIBUTION_SELECT} WHERE a.layer = ? AND a.document_id = ?"
            " AND a.status = 'candidate' AND a.start > ? ORDER BY a.start LIMIT 1",
            (self._db.layer, document_id, after),
        ).fetchone()
        return None if row is None else attribution_from_row(row)

    def _next_document_with_candidates(self, after_document: int) -> int | None:
        """The first document after ``after_document`` with a candidate in the layer,
        or (annotator layers) with suggestions the layer has not opened yet."""
        layer = self._db.layer
        row = self._db.conn.execute(
            "SELECT document_id FROM attributions WHERE layer = ? AND status = 'candidate'"
            " AND document_id > ? ORDER BY document_id LIMIT 1",
            (layer, after_document),
        ).fetchone()
        found = None if row is None else int(row[0])
        if is_annotator_layer(layer):
            unopened = self._db.conn.execute(
                "SELECT a.document_id FROM attributions a WHERE a.layer = ''"
                " AND a.origin != 'human' AND a.document_id > ? AND NOT EXISTS"
                " (SELECT 1 FROM layer_documents l WHERE l.layer = ?"
                " AND l.document_id = a.document_id) ORDER BY a.document_id LIMIT 1",
                (after_document, layer),
            ).fetchone()
            if unopened is not None and (found is None or unopened[0] < found):
                found = int(unopened[0])
        return found

    def attribution_counts(self) -> dict[Status, int]:
        """How many attributions of the layer have each status (for a progress bar);
        an annotator layer counts the suggestions of documents it has not opened as
        candidates. Read from the counts the triggers keep, not from the rows."""
        layer = self._db.layer
        row = self._db.conn.execute(
            "SELECT coalesce(sum(candidates), 0), coalesce(sum(accepted), 0),"
            " coalesce(sum(rejected), 0) FROM layer_counts WHERE layer = ?",
            (layer,),
        ).fetchone()
        counts = {Status.CANDIDATE: row[0], Status.ACCEPTED: row[1], Status.REJECTED: row[2]}
        if is_annotator_layer(layer):
            counts[Status.CANDIDATE] += self._db.conn.execute(
                "SELECT coalesce(sum(s.suggested), 0) FROM layer_counts s WHERE s.layer = ''"
                " AND NOT EXISTS (SELECT 1 FROM layer_documents l WHERE l.layer = ?"
                " AND l.document_id = s.document_id)",
                (layer,),
            ).fetchone()[0]
        return counts

    def annotators(self) -> list[str]:
        """The annotator names recorded on attributions, sorted (for export filters)."""
        rows = self._db.conn.execute(
            "SELECT DISTINCT annotator FROM attributions WHERE annotator IS NOT NULL"
            " AND annotator != '' ORDER BY annotator"
        )
        return [row["annotator"] for row in rows]

    # -- decisions -------------------------------------------------------------------
    def accept_attribution(self, attribution_id: int) -> Attribution:
        """Mark the attribution accepted by the annotator; return it."""
        return self._change(
            "accept", attribution_id, status=Status.ACCEPTED.value, annotator=self._db.annotator
        )

    def reject_attribution(self, attribution_id: int) -> Attribution:
        """Mark the attribution rejected by the annotator; return it."""
        return self._change(
            "reject", attribution_id, status=Status.REJECTED.value, annotator=self._db.annotator
        )

    def set_attribution_type(self, attribution_id: int, quote_type: QuoteType) -> Attribution:
        """Change whether the attribution is direct, indirect, mixed or unquoted; return it."""
        return self._change(
            "set_type",
            attribution_id,
            type=QuoteType(quote_type).value,
            annotator=self._db.annotator,
        )

    def set_speaker(
        self, attribution_id: int, *, mention: Span | None, name: str | None
    ) -> Attribution:
        """Set the speaker mention span and the person it refers to.

        The name is added to the document's speakers when it is new; None clears
        the speaker entity.
        """
        with self._db.transaction():
            row = self.row(attribution_id)
            speaker_id, created = self._roster.resolve_speaker(row["document_id"], name, None)
            return self._change(
                "set_speaker",
                attribution_id,
                created_speaker=created,
                speaker_start=mention.start if mention else None,
                speaker_end=mention.end if mention else None,
                speaker_id=speaker_id,
                annotator=self._db.annotator,
            )

    def set_speaker_entity(
        self, attribution_id: int, speaker_id: int | None, *, mention: Span | None = None
    ) -> Attribution:
        """Point the attribution at a roster entry (number keys); keep the mention
        unless a new one is given.

        :raises KeyError: if the speaker is not in the attribution's document.
        """
        with self._db.transaction():
            row = self.row(attribution_id)
            if speaker_id is not None:
                self._roster.check_speaker(row["document_id"], speaker_id)
            changes: dict[str, Any] = {"speaker_id": speaker_id, "annotator": self._db.annotator}
            if mention is not None:
                changes.update(speaker_start=mention.start, speaker_end=mention.end)
            return self._change("set_speaker", attribution_id, **changes)

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
        with self._db.transaction():
            rows = [self.row(i) for i in ids]
            documents = {row["document_id"] for row in rows}
            if len(documents) != 1:
                raise ValueError("the attributions belong to different documents")
            document_id = documents.pop()
            if speaker_id is not None:
                self._roster.check_speaker(document_id, speaker_id)
            if all(row["speaker_id"] == speaker_id for row in rows):
                return [attribution_from_row(row) for row in rows]  # no change, no history
            stamp = now()
            self._db.conn.executemany(
                "UPDATE attributions SET speaker_id = ?, annotator = ?, updated_at = ?"
                " WHERE id = ?",
                [(speaker_id, self._db.annotator, stamp, i) for i in ids],
            )
            self._db.append_history(
                "set_speaker",
                document_id=document_id,
                attribution_id=ids[0],
                before={"attributions": [attribution_state(row) for row in rows]},
                after={"attributions": [self.state(i) for i in ids]},
                starts_review=True,
            )
        return [self.attribution(i) for i in ids]

    def add_attribution(
        self,
        document_id: int,
        attribution: Attribution,
        *,
        status: Status = Status.ACCEPTED,
        rule: str = "",
    ) -> Attribution:
        """Store an attribution an annotator made (origin human, ``status``; ``rule``
        says how it was made, e.g. which versions an adjudication took); return it.

        Its speaker is ``entity_id`` when set, else ``speaker_name`` (added to the
        roster when new).

        :raises KeyError: if the document does not exist.
        :raises ValueError: if a span lies outside the document text.
        """
        with self._db.transaction():
            exists = self._db.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,))
            if exists.fetchone() is None:
                raise KeyError(f"no document {document_id}")
            self._layers.ensure(document_id)
            made = attribution.with_changes(
                origin=Origin.HUMAN,
                status=status,
                annotator=self._db.annotator,
                confidence=1.0,
                rule=rule,
            )
            speaker_id, created = self._roster.resolve_speaker(
                document_id, made.speaker_name, made.entity_id
            )
            try:
                cursor = self._db.conn.execute(
                    INSERT_ATTRIBUTION,
                    attribution_values(document_id, made, speaker_id, now(), self._db.layer),
                )
            except sqlite3.IntegrityError as error:
                raise ValueError(str(error)) from None
            assert cursor.lastrowid is not None
            new_id = cursor.lastrowid
            self._db.append_history(
                "add",
                document_id=document_id,
                attribution_id=new_id,
                before={"speakers": []} if created is not None else None,
                after={"attributions": [self.state(new_id)], **self._roster.created_state(created)},
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
        with self._db.transaction():
            row = self.row(attribution.id)
            speaker_id, created = self._roster.resolve_speaker(
                row["document_id"], attribution.speaker_name, attribution.entity_id
            )
            return self._change(
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
                annotator=self._db.annotator,
            )

    def delete_attribution(self, attribution_id: int) -> None:
        """Remove an attribution (recorded in the history, so it can be undone)."""
        with self._db.transaction():
            row = self.row(attribution_id)
            before = attribution_state(row)
            self._db.conn.execute("DELETE FROM attributions WHERE id = ?", (attribution_id,))
            self._db.append_history(
                "delete",
                document_id=row["document_id"],
                attribution_id=attribution_id,
                before={"attributions": [before]},
                after=None,
                starts_review=True,
            )

    # -- shared ----------------------------------------------------------------------
    def row(self, attribution_id: int) -> sqlite3.Row:
        """The attribution's full row, if it belongs to the connection's layer (another
        layer's records are out of reach). :raises KeyError: if there is none."""
        row = self._db.conn.execute(
            f"{ATTRIBUTION_SELECT} WHERE a.id = ? AND a.layer = ?",
            (attribution_id, self._db.layer),
        ).fetchone()
        if row is None:
            raise KeyError(f"no attribution {attribution_id}")
        return row

    def state(self, attribution_id: int) -> dict[str, Any]:
        """The attribution as the history keeps it."""
        return attribution_state(self.row(attribution_id))

    def _change(
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
        with self._db.transaction():
            row = self.row(attribution_id)
            if created_speaker is None and _holds(row, columns):
                return attribution_from_row(row)  # nothing differs: no write, no history
            before = attribution_state(row)
            assignments = ", ".join(f'"{name}" = ?' for name in columns)
            try:
                self._db.conn.execute(
                    f"UPDATE attributions SET {assignments}, updated_at = ? WHERE id = ?",
                    (*columns.values(), now(), attribution_id),
                )
            except sqlite3.IntegrityError as error:
                raise ValueError(str(error)) from None
            self._db.append_history(
                action,
                document_id=row["document_id"],
                attribution_id=attribution_id,
                before={
                    "attributions": [before],
                    **({"speakers": []} if created_speaker is not None else {}),
                },
                after={
                    "attributions": [self.state(attribution_id)],
                    **self._roster.created_state(created_speaker),
                },
                starts_review=True,
            )
        return self.attribution(attribution_id)
