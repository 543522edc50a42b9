"""Undo, redo and the reads of the history: what was done, what undo would reverse.

Every action appends one history row with the state of the rows it touched before
and after (``storage.history.HistoryEntry``). :class:`Undo` restores those states and
appends an entry of its own, so the history stays append-only and undo survives
document switches and restarts. Undo stacks are per annotator and layer: the
connection's, made of the history written before the connection opened and the
connection's own session (two windows of one annotator never undo each other). An
entry whose record someone else changed after it leaves the stacks, so undo never
overwrites another instance's later action on the same record.
Threading: that of the connection.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any, Literal

from storage.connection import Connection, now
from storage.history import DECISION_ACTIONS, HistoryEntry, history_entry_from_row, undo_stacks
from storage.roster import Roster

_UPSERT_SPEAKER = (
    "INSERT INTO speakers (id, document_id, name, variants, mentions, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
    " name = excluded.name, variants = excluded.variants,"
    " mentions = excluded.mentions"
)
_UPSERT_ATTRIBUTION = (
    'INSERT INTO attributions (id, document_id, start, "end", fragments, type,'
    " cue_start, cue_end, speaker_start, speaker_end, speaker_id, status, origin,"
    " confidence, rule, annotator, created_at, updated_at, layer)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ' ON CONFLICT (id) DO UPDATE SET start = excluded.start, "end" = excluded."end",'
    " fragments = excluded.fragments, type = excluded.type,"
    " cue_start = excluded.cue_start, cue_end = excluded.cue_end,"
    " speaker_start = excluded.speaker_start, speaker_end = excluded.speaker_end,"
    " speaker_id = excluded.speaker_id, status = excluded.status,"
    " origin = excluded.origin, confidence = excluded.confidence,"
    " rule = excluded.rule, annotator = excluded.annotator,"
    " updated_at = excluded.updated_at"
)


class Undo:
    """The history of ``db``; speakers a restored record names come back via ``roster``."""

    def __init__(self, db: Connection, roster: Roster) -> None:
        self._db = db
        self._roster = roster

    # -- reading the history ---------------------------------------------------------
    def history(self, *, document_id: int | None = None, limit: int = 100) -> list[HistoryEntry]:
        """The latest actions in the connection's layer, newest first."""
        sql = "SELECT * FROM history WHERE layer = ?"
        params: tuple[int | str, ...] = (self._db.layer,)
        if document_id is not None:
            sql += " AND document_id = ?"
            params = (*params, document_id)
        sql += " ORDER BY id DESC LIMIT ?"
        rows = self._db.conn.execute(sql, (*params, limit))
        return [history_entry_from_row(row) for row in rows]

    def annotation_rate(self, annotator: str | None = None) -> float | None:
        """Timed decisions per hour of decision time for ``annotator`` (default: the
        connection's) in the connection's layer, or None before any timed decision."""
        actions = sorted(DECISION_ACTIONS)
        row = self._db.conn.execute(
            "SELECT count(*), sum(elapsed_ms) FROM history WHERE annotator = ? AND layer = ?"
            f" AND elapsed_ms IS NOT NULL AND action IN ({', '.join('?' * len(actions))})",
            (annotator or self._db.annotator, self._db.layer, *actions),
        ).fetchone()
        count, total_ms = row[0], row[1]
        if not count:
            return None
        return float(count * 3_600_000 / max(total_ms, 1))

    def next_undo(self) -> HistoryEntry | None:
        """The action ``undo`` would reverse (this annotator's), or None."""
        undo_stack, _ = self._stacks()
        return self._top(undo_stack)

    def next_redo(self) -> HistoryEntry | None:
        """The action ``redo`` would re-apply, or None."""
        _, redo_stack = self._stacks()
        return self._top(redo_stack)

    # -- stepping --------------------------------------------------------------------
    def undo(self) -> HistoryEntry | None:
        """Reverse this annotator's latest action not yet undone; return that action's
        entry (its ``document_id`` and ``attribution_id`` say what changed), or None
        when there is nothing to undo."""
        return self._step("undo")

    def redo(self) -> HistoryEntry | None:
        """Re-apply the latest undone action; return its entry, or None."""
        return self._step("redo")

    def _step(self, step: Literal["undo", "redo"]) -> HistoryEntry | None:
        """Undo or redo the next entry of that stack in one transaction, recording the
        step in the history; the entry stepped, or None when the stack is empty."""
        with self._db.transaction():
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
            self._db.append_history(
                step,
                document_id=entry.document_id,
                attribution_id=entry.attribution_id,
                before=replaced,
                after=restored,
                target_id=entry.id,
                timed=False,
            )
        return entry

    def _entry(self, entry_id: int) -> HistoryEntry:
        row = self._db.conn.execute("SELECT * FROM history WHERE id = ?", (entry_id,)).fetchone()
        return history_entry_from_row(row)

    def _stacks(self) -> tuple[list[int], list[int]]:
        """This annotator's undo and redo stacks in this layer, replayed from the
        history written before the connection opened and by its own session.

        Reads three small columns per entry; fine for the tens of thousands of
        actions a workspace collects.
        """
        rows = self._db.conn.execute(
            "SELECT id, action, target_id FROM history WHERE annotator = ? AND layer = ?"
            " AND (id <= ? OR session = ?) ORDER BY id",
            (self._db.annotator, self._db.layer, self._db.opened_after, self._db.session),
        )
        return undo_stacks((row[0], row[1], row[2]) for row in rows)

    def _top(self, stack: list[int]) -> HistoryEntry | None:
        """The entry nearest the top of ``stack`` whose record nobody else changed since.

        Stepping an entry whose record another instance changed after it (another
        window's action, undo or redo, or another annotator's) would overwrite that
        change, so it is passed by: two stores that both hold history written before
        they opened never reverse each other's later work on a record.
        """
        for entry_id in reversed(stack):
            entry = self._entry(entry_id)
            if not self._changed_by_others_since(entry):
                return entry
        return None

    def _changed_by_others_since(self, entry: HistoryEntry) -> bool:
        if entry.attribution_id is None:
            return False
        db = self._db
        # Through the history_document index: the document's entries after this one.
        row = db.conn.execute(
            "SELECT 1 FROM history WHERE document_id IS ? AND id > ? AND attribution_id = ?"
            " AND layer = ? AND NOT (annotator = ? AND (id <= ? OR session = ?)) LIMIT 1",
            (
                entry.document_id,
                entry.id,
                entry.attribution_id,
                db.layer,
                db.annotator,
                db.opened_after,
                db.session,
            ),
        ).fetchone()
        return row is not None

    def _restore(
        self,
        document_id: int | None,
        target: Mapping[str, Any] | None,
        other: Mapping[str, Any] | None,
    ) -> None:
        """Bring the rows an action touched to ``target``; rows present only in
        ``other`` (the state being left) are deleted."""
        conn = self._db.conn
        target = target or {}
        other = other or {}
        stamp = now()
        target_speakers = {s["id"]: s for s in target.get("speakers", ())}
        for state in target_speakers.values():
            conn.execute(
                _UPSERT_SPEAKER,
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
            self._upsert_attribution(state, stamp)
        for state in other.get("attributions", ()):
            if state["id"] not in target_attributions:
                conn.execute("DELETE FROM attributions WHERE id = ?", (state["id"],))
        for state in other.get("speakers", ()):
            if state["id"] not in target_speakers:
                conn.execute("DELETE FROM speakers WHERE id = ?", (state["id"],))
        if "document" in target and document_id is not None:
            self._db.write_document_status(document_id, target["document"]["status"])

    def _upsert_attribution(self, state: Mapping[str, Any], stamp: str) -> None:
        speaker_id = state["speaker_id"]
        if speaker_id is not None:
            exists = self._db.conn.execute(
                "SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)
            ).fetchone()
            if exists is None:
                # The entity left the roster since (a merge); bring it back by name.
                speaker_id = self._roster.speaker_id_for(
                    state["document_id"], state["speaker_name"], None, stamp
                )
        cue = state["cue"] or (None, None)
        speaker = state["speaker"] or (None, None)
        self._db.conn.execute(
            _UPSERT_ATTRIBUTION,
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
                stamp,
                # States written before layers existed belong to the shared layer.
                state.get("layer", ""),
            ),
        )
