"""Re-suggestion's storage half: a document's candidates replaced by new ones, one step.

:meth:`Candidates.replace_candidates` swaps the unreviewed records (status
``candidate``) of one document for a fresh set of suggestions in one transaction
with one ``resuggest`` history entry, which undo reverses like any other action.
Reviewed records (accepted or rejected) are never touched, and a suggestion that
overlaps one is dropped: an annotator's decision about a passage stands, and a
rejected quotation must not come back as a new candidate. Threading: that of the
connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotes.model import Attribution, DocumentStatus, Origin, Status
from storage.attributions import INSERT_ATTRIBUTION, attribution_values
from storage.connection import Connection, now
from storage.layers import Layers
from storage.roster import Roster
from storage.rows import ATTRIBUTION_SELECT, attribution_from_row, attribution_state


@dataclass(frozen=True, slots=True)
class CandidateSwap:
    """What ``replace_candidates`` did to one document.

    ``removed`` and ``added`` count candidates; ``overlapping`` counts suggestions
    dropped because they overlap a reviewed record; ``reviewed`` is how many
    reviewed records the document has (all left as they were). ``changed`` is False
    when the suggestions were the candidates already (nothing stored, no history).
    """

    removed: int = 0
    added: int = 0
    overlapping: int = 0
    reviewed: int = 0
    changed: bool = False


def _key(attribution: Attribution) -> tuple[Any, ...]:
    """What makes two candidates the same suggestion (ids and statuses aside)."""
    return (
        attribution.fragments,
        attribution.type.value,
        attribution.cue,
        attribution.speaker,
        " ".join((attribution.speaker_name or "").split()) or None,
        attribution.rule,
        round(attribution.confidence, 4),
    )


class Candidates:
    """The candidate records of the documents in the connection's layer, replaced
    through ``db``; speakers a new candidate names are looked up (or added) through
    ``roster``; ``layers`` opens a document in an annotator's layer first."""

    def __init__(self, db: Connection, roster: Roster, layers: Layers) -> None:
        self._db = db
        self._roster = roster
        self._layers = layers

    def replace_candidates(
        self, document_id: int, suggestions: Sequence[Attribution]
    ) -> CandidateSwap:
        """Make ``suggestions`` the candidates of ``document_id`` in the connection's
        layer (one undo step). In an annotator's layer only that layer's candidates
        change; in the shared layer, the suggestions layers opened later start from.

        Each suggestion is stored as a candidate of origin ``rule`` with its own
        ``rule`` name and ``confidence``; its speaker is found on the document's
        roster by name, or added (and removed again by undo).

        :raises KeyError: if there is no such document.
        :raises ValueError: if the document is marked done in the layer (its review is
            finished), or a suggestion lies outside the text; nothing is changed then.
        """
        conn = self._db.conn
        layer = self._db.layer
        with self._db.transaction():
            document = conn.execute(
                "SELECT length FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            if document is None:
                raise KeyError(f"no document {document_id}")
            if self._db.document_status(document_id) == DocumentStatus.DONE.value:
                raise ValueError(
                    f"document {document_id} is marked done: its records are reviewed,"
                    " so there is nothing to re-suggest"
                )
            self._layers.ensure(document_id)
            rows = conn.execute(
                f"{ATTRIBUTION_SELECT} WHERE a.document_id = ? AND a.layer = ?"
                ' ORDER BY a.start, a."end", a.id',
                (document_id, layer),
            ).fetchall()
            reviewed = [row for row in rows if row["status"] != Status.CANDIDATE.value]
            current = [row for row in rows if row["status"] == Status.CANDIDATE.value]
            kept, overlapping = _not_overlapping(suggestions, reviewed)
            for suggestion in kept:
                if any(span.end > document["length"] for span in suggestion.spans()):
                    raise ValueError(
                        f"a suggestion at {suggestion.start}-{suggestion.end} lies outside"
                        f" document {document_id}'s text"
                    )
            if sorted(map(_key, kept)) == sorted(_row_key(row) for row in current):
                return CandidateSwap(overlapping=overlapping, reviewed=len(reviewed))
            before = [attribution_state(row) for row in current]
            conn.executemany(
                "DELETE FROM attributions WHERE id = ?", [(row["id"],) for row in current]
            )
            new_ids, created = self._insert(document_id, kept)
            self._db.append_history(
                "resuggest",
                document_id=document_id,
                before={"attributions": before, "speakers": []},
                after={
                    "attributions": [self._state(i) for i in new_ids],
                    "speakers": [self._roster.speaker_state(i) for i in created],
                },
                timed=False,
            )
        return CandidateSwap(
            removed=len(current),
            added=len(new_ids),
            overlapping=overlapping,
            reviewed=len(reviewed),
            changed=True,
        )

    def _insert(
        self, document_id: int, suggestions: Sequence[Attribution]
    ) -> tuple[list[int], list[int]]:
        """Insert the suggestions as candidates; their ids and the speakers added."""
        stamp = now()
        new_ids: list[int] = []
        created: list[int] = []
        for suggestion in suggestions:
            name = " ".join((suggestion.speaker_name or "").split())
            speaker_id = None
            if name:
                speaker_id = self._roster.speaker_id_by_name(document_id, name)
                if speaker_id is None:
                    speaker_id = self._roster.insert_speaker(document_id, name, (), (), stamp)
                    created.append(speaker_id)
            candidate = suggestion.with_changes(
                status=Status.CANDIDATE, origin=Origin.RULE, annotator=None
            )
            cursor = self._db.conn.execute(
                INSERT_ATTRIBUTION,
                attribution_values(document_id, candidate, speaker_id, stamp, self._db.layer),
            )
            assert cursor.lastrowid is not None
            new_ids.append(cursor.lastrowid)
        return new_ids, created

    def _state(self, attribution_id: int) -> dict[str, Any]:
        row = self._db.conn.execute(
            f"{ATTRIBUTION_SELECT} WHERE a.id = ?", (attribution_id,)
        ).fetchone()
        return attribution_state(row)


def _not_overlapping(
    suggestions: Sequence[Attribution], reviewed: Sequence[Any]
) -> tuple[list[Attribution], int]:
    """The suggestions whose content overlaps no reviewed record's, and how many did."""
    taken = [
        (start, end)
        for row in reviewed
        for start, end in attribution_state(row)["fragments"]  # the fragments, not the hull
    ]
    kept = []
    for suggestion in suggestions:
        fragments = suggestion.fragments
        if not any(f.start < end and start < f.end for f in fragments for start, end in taken):
            kept.append(suggestion)
    return kept, len(suggestions) - len(kept)


def _row_key(row: Any) -> tuple[Any, ...]:
    return _key(attribution_from_row(row))
