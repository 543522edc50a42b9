"""The annotation history: entries, which actions undo reverses, and the undo stacks.

The ``history`` table is append-only. Undo does not mark entries; it appends an
``undo`` entry naming its target, and the undo and redo stacks are recovered by
replaying the entries in order (``undo_stacks``), which is what makes undo survive
document switches and restarts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from storage.rows import columns


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One annotation action, as kept in the append-only history table.

    ``before`` and ``after`` are the JSON-able state of the rows the action touched
    (None where nothing existed), which is what undo and timing read::

        {"attributions": [{"id", "document_id", "start", "end", "fragments",
                           "type", "cue", "speaker", "speaker_id", "speaker_name",
                           "status", "origin", "confidence", "rule", "annotator",
                           "created_at", "updated_at"}],
         "speakers": [{"id", "document_id", "name", "variants", "mentions",
                       "created_at"}],
         "document": {"status"}}

    with only the keys the action concerns. ``action`` is the verb ("accept",
    "reject", "set_speaker", "add", "update", "delete", "set_type",
    "set_document_status", "add_speaker", "rename_speaker", "merge_speakers",
    "import", "undo", "redo"). ``elapsed_ms`` is the time the annotator took for the
    decision (None when unknown or after a long pause); ``target_id`` is the entry an
    ``undo`` or ``redo`` reverses or re-applies.
    """

    id: int
    at: str
    annotator: str
    action: str
    document_id: int | None
    attribution_id: int | None
    before: dict | None
    after: dict | None
    elapsed_ms: int | None = None
    target_id: int | None = None


#: Actions undo can reverse (import and undo/redo themselves are not).
UNDOABLE_ACTIONS = frozenset(
    {
        "accept",
        "reject",
        "set_speaker",
        "add",
        "update",
        "delete",
        "set_type",
        "set_document_status",
        "add_speaker",
        "rename_speaker",
        "merge_speakers",
        "resuggest",
    }
)

#: Actions that are a decision about one attribution (counted for annotation rate).
DECISION_ACTIONS = frozenset({"accept", "reject", "set_speaker", "add", "update", "set_type"})

#: A gap longer than this between two actions is a pause, not decision time.
IDLE_AFTER_MS = 5 * 60 * 1000


def undo_stacks(entries: Iterable[tuple[int, str, int | None]]) -> tuple[list[int], list[int]]:
    """Replay ``(id, action, target_id)`` entries, oldest first, into the undo and redo
    stacks of entry ids (the top is the last item).

    A new undoable action clears the redo stack, as in every editor; ``undo`` moves its
    target from the undo stack to the redo stack and ``redo`` moves it back. The target
    need not be on top: sessions of one annotator interleave (two stores on one file),
    and each steps its own entries, so one that stayed on the stack would be stepped a
    second time after a restart. A step whose target is on neither stack is ignored.
    """
    undo_stack: list[int] = []
    redo_stack: list[int] = []
    for entry_id, action, target_id in entries:
        if action == "undo":
            if target_id in undo_stack:
                undo_stack.remove(target_id)
                redo_stack.append(target_id)
        elif action == "redo":
            if target_id in redo_stack:
                redo_stack.remove(target_id)
                undo_stack.append(target_id)
        elif action in UNDOABLE_ACTIONS:
            undo_stack.append(entry_id)
            redo_stack.clear()
    return undo_stack, redo_stack


#: The history columns an entry takes as they are (``before`` and ``after`` are JSON).
_KEPT_COLUMNS = (
    "id",
    "at",
    "annotator",
    "action",
    "document_id",
    "attribution_id",
    "elapsed_ms",
    "target_id",
)


def history_entry_from_row(row: sqlite3.Row) -> HistoryEntry:
    """A ``history`` row as an entry, its JSON states decoded."""
    return HistoryEntry(
        **columns(row, _KEPT_COLUMNS),
        before=None if row["before"] is None else json.loads(row["before"]),
        after=None if row["after"] is None else json.loads(row["after"]),
    )
