"""The speaker roster of each document: who speaks, under which names, where mentioned.

:class:`Roster` holds the public roster verbs (``speakers_for``, ``add_speaker``,
``rename_speaker``, ``merge_speakers``) and the lookups the other concern modules
share (``insert_speaker``, ``resolve_speaker``, ``speaker_state``). Every change runs
in one transaction of the :class:`~storage.connection.Connection` and appends its
history entry there. Threading: that of the connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from quotes.model import Span, Speaker
from storage.connection import Connection, is_annotator_layer, now
from storage.rows import ATTRIBUTION_SELECT, attribution_state, spans_from_pairs


def clean_name(name: str) -> str:
    """``name`` with its white space collapsed. :raises ValueError: if it is blank."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("a speaker needs a name")
    return cleaned


class Roster:
    """The documents' speakers, read and changed through ``db``."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    # -- reading ---------------------------------------------------------------------
    def speakers_for(self, document_id: int, *, blind: bool = True) -> list[Speaker]:
        """The document's speaker roster, most mentioned first.

        ``mentions`` are the spans the extractor found plus the speaker spans of the
        attributions pointing at the speaker; ``variants`` are the stored variants
        plus the distinct texts of those mentions other than the name.

        In an annotator layer, with ``blind``, a speaker that only other annotators'
        layers gave (no mention the extractor found, and pointed at by records of
        other layers alone: a collected or imported name) is left out: it is another
        annotator's decision, and a layer sees nobody else's.

        :raises KeyError: if there is no such document.
        """
        conn = self._db.conn
        found = conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if found is None:
            raise KeyError(f"no document {document_id}")
        text: str = found["text"]
        # Plain (start, end) pairs until the end: they hash and sort in C, where Spans
        # would call their dataclass methods thousands of times in a long document.
        cursor = conn.cursor()
        cursor.row_factory = None
        linked: dict[int, list[tuple[int, int]]] = {}
        for speaker_id, start, end in cursor.execute(
            "SELECT speaker_id, speaker_start, speaker_end FROM attributions"
            " WHERE document_id = ? AND layer = ? AND speaker_id IS NOT NULL"
            " AND speaker_start IS NOT NULL",
            (document_id, self._db.layer),
        ):
            linked.setdefault(speaker_id, []).append((start, end))
        others = self._given_by_other_layers(document_id) if blind else set()
        speakers = []
        for row in conn.execute(
            "SELECT id, document_id, name, variants, mentions FROM speakers WHERE document_id = ?",
            (document_id,),
        ):
            pairs = {(start, end) for start, end in json.loads(row["mentions"])}
            if not pairs and row["id"] in others and row["id"] not in linked:
                continue
            for start, end in pairs:
                # The stored mentions are checked as before (Span's own test), without
                # building a Span for each of a long document's thousands.
                if start < 0 or end <= start:
                    Span(start, end)  # raises the error Span gives
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

    def _given_by_other_layers(self, document_id: int) -> set[int]:
        """In an annotator layer, the document's speakers that records of other named
        layers point at and no record of this layer or the shared one does."""
        layer = self._db.layer
        if not is_annotator_layer(layer):
            return set()
        rows = self._db.conn.execute(
            "SELECT speaker_id, max(layer = ? OR layer = '') FROM attributions"
            " WHERE document_id = ? AND speaker_id IS NOT NULL GROUP BY speaker_id",
            (layer, document_id),
        )
        return {int(row[0]) for row in rows if not row[1]}

    def speaker(self, speaker_id: int) -> Speaker:
        """One roster entry with its mentions. :raises KeyError: if there is none."""
        row = self._db.conn.execute(
            "SELECT document_id FROM speakers WHERE id = ?", (speaker_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no speaker {speaker_id}")
        roster = self.speakers_for(row["document_id"], blind=False)
        return next(s for s in roster if s.id == speaker_id)

    # -- changing --------------------------------------------------------------------
    def add_speaker(self, document_id: int, name: str, *, mention: Span | None = None) -> Speaker:
        """Add a speaker by name (or return the existing one of that name).

        ``mention`` (a span the annotator selected) is added to the speaker's mentions.

        :raises ValueError: if the name is blank or the mention lies outside the text.
        :raises KeyError: if there is no such document.
        """
        name = clean_name(name)
        with self._db.transaction():
            length = self._text_length(document_id)
            if mention is not None and mention.end > length:
                raise ValueError(f"mention {mention.as_list()} lies outside the text")
            mentions = () if mention is None else (mention,)
            existing = self.speaker_id_by_name(document_id, name)
            before = None if existing is None else self.speaker_state(existing)
            if before is not None and (mention is None or mention.as_list() in before["mentions"]):
                return self.speaker(before["id"])
            speaker_id = self.insert_speaker(document_id, name, (), mentions, now())
            self._db.append_history(
                "add_speaker",
                document_id=document_id,
                before={"speakers": [] if before is None else [before]},
                after={"speakers": [self.speaker_state(speaker_id)]},
                timed=False,
            )
        return self.speaker(speaker_id)

    def rename_speaker(self, speaker_id: int, name: str) -> Speaker:
        """Rename a roster entry; the old name is kept as a variant.

        :raises ValueError: if the name is blank or another speaker of the document
            already has it (merge them instead).
        """
        name = clean_name(name)
        with self._db.transaction():
            before = self.speaker_state(speaker_id)
            if before["name"] == name:
                return self.speaker(speaker_id)
            if self.speaker_id_by_name(before["document_id"], name) is not None:
                raise ValueError(f"the document already has a speaker named {name!r}")
            variants = [v for v in before["variants"] if v != name]
            if before["name"] not in variants:
                variants.append(before["name"])
            self._db.conn.execute(
                "UPDATE speakers SET name = ?, variants = ? WHERE id = ?",
                (name, json.dumps(variants), speaker_id),
            )
            self._db.append_history(
                "rename_speaker",
                document_id=before["document_id"],
                before={"speakers": [before]},
                after={"speakers": [self.speaker_state(speaker_id)]},
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
        conn = self._db.conn
        with self._db.transaction():
            self.check_speaker(document_id, keep_id)
            self.check_speaker(document_id, merge_id)
            keep, merge = self.speaker_state(keep_id), self.speaker_state(merge_id)
            moved = [
                r["id"]
                for r in conn.execute(
                    "SELECT id FROM attributions WHERE speaker_id = ?", (merge_id,)
                )
            ]
            before_rows = [self._attribution_state(i) for i in moved]
            variants = list(keep["variants"])
            for variant in (merge["name"], *merge["variants"]):
                if variant != keep["name"] and variant not in variants:
                    variants.append(variant)
            mentions = sorted({tuple(m) for m in keep["mentions"] + merge["mentions"]})
            conn.execute(
                "UPDATE attributions SET speaker_id = ?, updated_at = ? WHERE speaker_id = ?",
                (keep_id, now(), merge_id),
            )
            conn.execute(
                "UPDATE speakers SET variants = ?, mentions = ? WHERE id = ?",
                (json.dumps(variants), json.dumps([list(m) for m in mentions]), keep_id),
            )
            conn.execute("DELETE FROM speakers WHERE id = ?", (merge_id,))
            self._db.append_history(
                "merge_speakers",
                document_id=document_id,
                before={"speakers": [keep, merge], "attributions": before_rows},
                after={
                    "speakers": [self.speaker_state(keep_id)],
                    "attributions": [self._attribution_state(i) for i in moved],
                },
                timed=False,
            )
        return self.speaker(keep_id)

    # -- shared with the other concerns ----------------------------------------------
    def insert_speaker(
        self,
        document_id: int,
        name: str,
        variants: Iterable[str],
        mentions: Iterable[Span],
        stamp: str,
    ) -> int:
        """Insert a roster entry, or merge variants and mentions into the one of that
        name; return its id. Call inside a transaction."""
        name = clean_name(name)
        existing = self.speaker_id_by_name(document_id, name)
        if existing is not None:
            state = self.speaker_state(existing)
            merged_variants = list(state["variants"])
            merged_variants += [v for v in variants if v not in merged_variants and v != name]
            merged_mentions = sorted(
                {tuple(m) for m in state["mentions"]} | {(m.start, m.end) for m in mentions}
            )
            self._db.conn.execute(
                "UPDATE speakers SET variants = ?, mentions = ? WHERE id = ?",
                (
                    json.dumps(merged_variants),
                    json.dumps([list(m) for m in merged_mentions]),
                    existing,
                ),
            )
            return existing
        cursor = self._db.conn.execute(
            "INSERT INTO speakers (document_id, name, variants, mentions, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                document_id,
                name,
                json.dumps([v for v in dict.fromkeys(variants) if v != name]),
                json.dumps(sorted(m.as_list() for m in mentions)),
                stamp,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def speaker_id_by_name(self, document_id: int, name: str) -> int | None:
        """The id of the document's speaker called exactly ``name``, or None."""
        row = self._db.conn.execute(
            "SELECT id FROM speakers WHERE document_id = ? AND name = ?", (document_id, name)
        ).fetchone()
        return None if row is None else int(row["id"])

    def speaker_id_for(
        self, document_id: int, name: str | None, entity_id: int | None, stamp: str
    ) -> int | None:
        """The roster id for an entity id or a name, adding the name when new."""
        if entity_id is not None:
            self.check_speaker(document_id, entity_id)
            return entity_id
        if name is None or not name.strip():
            return None
        return self.insert_speaker(document_id, name, (), (), stamp)

    def resolve_speaker(
        self, document_id: int, name: str | None, entity_id: int | None
    ) -> tuple[int | None, int | None]:
        """The roster id for an entity id or a name, and the id again if it was added."""
        known = (
            None if name is None else self.speaker_id_by_name(document_id, " ".join(name.split()))
        )
        speaker_id = self.speaker_id_for(document_id, name, entity_id, now())
        created = speaker_id if entity_id is None and known is None and speaker_id else None
        return speaker_id, created

    def check_speaker(self, document_id: int, speaker_id: int) -> None:
        """:raises KeyError: unless ``speaker_id`` is on the document's roster."""
        row = self._db.conn.execute(
            "SELECT 1 FROM speakers WHERE id = ? AND document_id = ?", (speaker_id, document_id)
        ).fetchone()
        if row is None:
            raise KeyError(f"no speaker {speaker_id} in document {document_id}")

    def speaker_state(self, speaker_id: int) -> dict[str, Any]:
        """The roster entry as the history keeps it. :raises KeyError: if there is none."""
        row = self._db.conn.execute(
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

    def created_state(self, speaker_id: int | None) -> dict[str, Any]:
        """The history's ``speakers`` part for an entry an action added (none: empty)."""
        return {} if speaker_id is None else {"speakers": [self.speaker_state(speaker_id)]}

    def _text_length(self, document_id: int) -> int:
        row = self._db.conn.execute(
            "SELECT text FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return len(row["text"])

    def _attribution_state(self, attribution_id: int) -> dict[str, Any]:
        row = self._db.conn.execute(
            f"{ATTRIBUTION_SELECT} WHERE a.id = ?", (attribution_id,)
        ).fetchone()
        return attribution_state(row)
