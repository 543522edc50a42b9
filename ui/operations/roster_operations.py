"""The speaker roster's user actions, one verb-named function each.

Like ``ui/operations/attribution_operations.py``: keyword-only arguments, one
committed store transaction per step, then one ``changed`` notification through
the :class:`ChangeHub`.
They run on the main thread (each is a small transaction). Errors propagate to
the caller, which reports them: ``ValueError`` for a blank or taken name or a
self-merge, ``KeyError`` for a speaker that is not in the document. Nothing is
notified for a change that did not happen.

Fixing one record's speaker offers to fix the next ones that point at the same
wrong entity; the window does it with two calls::

    wrong = store.attribution(record_id).entity_id
    assign_speaker_entity(store=store, changes=hub, attribution_id=record_id, speaker_id=new)
    rest = following_with_speaker(store=store, attribution_id=record_id, speaker_id=wrong)
    if rest and <the user agrees>:
        reassign_speakers(store=store, changes=hub,
                          attribution_ids=[a.id for a in rest], speaker_id=new)
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.model import Attribution, Span, Speaker, Status
from storage.store import Store
from ui.operations.changes import ChangeHub, ChangeKind


def merge_speakers(
    *, store: Store, changes: ChangeHub, document_id: int, speaker_ids: Sequence[int]
) -> Speaker:
    """Fold every speaker of ``speaker_ids`` into the first one; return the survivor.

    The others' quotations, mentions and names (as variants) move to the first.
    Each pairwise merge is its own undoable store action.

    :raises ValueError: with fewer than two distinct speakers.
    """
    keep_id, *others = dict.fromkeys(speaker_ids)  # distinct, order kept
    if not others:
        raise ValueError("select at least two speakers to merge")
    survivor: Speaker | None = None
    try:
        for merge_id in others:
            survivor = store.merge_speakers(document_id, keep_id, merge_id)
    finally:
        # Some merges may have been committed before a failure: tell the views.
        if survivor is not None:
            changes.notify(ChangeKind.SPEAKERS, [document_id])
            changes.notify(ChangeKind.ATTRIBUTIONS, [])
    assert survivor is not None
    return survivor


def rename_speaker(*, store: Store, changes: ChangeHub, speaker_id: int, name: str) -> Speaker:
    """Give a roster entry a new name (the old one stays as a variant); return it.

    :raises ValueError: if the name is blank or another speaker already has it.
    """
    renamed = store.rename_speaker(speaker_id, name)
    if renamed.document_id is not None:
        changes.notify(ChangeKind.SPEAKERS, [renamed.document_id])
    # Records show their speaker's name, so they are stale too.
    changes.notify(ChangeKind.ATTRIBUTIONS, [])
    return renamed


def create_speaker(
    *,
    store: Store,
    changes: ChangeHub,
    document_id: int,
    name: str,
    mention: Span | None = None,
) -> Speaker:
    """Add a speaker named ``name`` (whitespace collapsed, as text selected across a
    line break would carry it) to the document's roster, or return the existing one.
    ``mention``, the selected words the name comes from, becomes one of its mentions.

    :raises ValueError: if the name is blank or the mention lies outside the text.
    """
    created = store.add_speaker(document_id, " ".join(name.split()), mention=mention)
    changes.notify(ChangeKind.SPEAKERS, [document_id])
    return created


def assign_speaker_entity(
    *, store: Store, changes: ChangeHub, attribution_id: int, speaker_id: int
) -> Attribution:
    """Make roster entry ``speaker_id`` the speaker of a record (the number keys).

    The record keeps its speaker mention; only the entity it refers to changes.
    """
    updated = store.set_speaker_entity(attribution_id, speaker_id)
    changes.notify(ChangeKind.ATTRIBUTIONS, [attribution_id])
    if updated.document_id is not None:
        changes.notify(ChangeKind.SPEAKERS, [updated.document_id])
    return updated


def following_with_speaker(
    *, store: Store, attribution_id: int, speaker_id: int | None
) -> list[Attribution]:
    """The candidate records after ``attribution_id`` in its document that point at
    roster entry ``speaker_id``: what to offer to fix after fixing this record's
    speaker away from ``speaker_id``. Reviewed (accepted or rejected) records are
    left out: a person already decided them.
    """
    if speaker_id is None:
        return []
    fixed = store.attribution(attribution_id)
    assert fixed.document_id is not None
    return [
        a
        for a in store.attributions_for(fixed.document_id)
        if a.id != fixed.id
        and a.start >= fixed.start
        and a.entity_id == speaker_id
        and a.status == Status.CANDIDATE
    ]


def reassign_speakers(
    *, store: Store, changes: ChangeHub, attribution_ids: Sequence[int], speaker_id: int
) -> list[Attribution]:
    """Point every record of ``attribution_ids`` (one document) at roster entry
    ``speaker_id``, as one undoable action; return them."""
    updated = store.reassign_speaker(attribution_ids, speaker_id)
    if updated:
        changes.notify(ChangeKind.ATTRIBUTIONS, [a.id for a in updated if a.id is not None])
        document_id = updated[0].document_id
        if document_id is not None:
            changes.notify(ChangeKind.SPEAKERS, [document_id])
    return updated
