"""One verb-named function per user action (Anki's ``aqt/operations``).

Each function takes keyword-only arguments, makes its change through the store
(one committed transaction per store method), then tells the views through the
:class:`ChangeHub`. Slots in the window are one line that calls one of these.
They run on the main thread: every action is a single small transaction, which
commits in well under a frame. Errors (``KeyError`` for a vanished record,
``ValueError`` for a bad span, ``sqlite3.Error``) propagate to the caller, which
reports them; nothing is notified for a change that did not happen.
"""

from __future__ import annotations

from quotes.lexicon import Lexicon
from quotes.model import (
    Attribution,
    DocumentStatus,
    QuoteType,
    Span,
    Speaker,
    Status,
)
from quotes.proposal import propose_attribution
from storage.store import HistoryEntry, Store
from ui.operations.changes import ChangeHub, ChangeKind


def lacks_cue_and_speaker(attribution: Attribution) -> bool:
    """Whether the record names neither its cue nor its speaker (no mention, no
    entity, no name): accepting it puts a quotation nobody said into the dataset,
    so the window asks first."""
    return (
        attribution.cue is None
        and attribution.speaker is None
        and attribution.entity_id is None
        and not attribution.speaker_name
    )


def accept_attribution(*, store: Store, changes: ChangeHub, attribution_id: int) -> Attribution:
    """Mark a record accepted; return it as stored."""
    accepted = store.accept_attribution(attribution_id)
    changes.notify(ChangeKind.ATTRIBUTIONS, [attribution_id])
    return accepted


def reject_attribution(*, store: Store, changes: ChangeHub, attribution_id: int) -> Attribution:
    """Mark a record rejected; return it as stored."""
    rejected = store.reject_attribution(attribution_id)
    changes.notify(ChangeKind.ATTRIBUTIONS, [attribution_id])
    return rejected


def set_speaker(
    *,
    store: Store,
    changes: ChangeHub,
    attribution_id: int,
    mention: Span | None,
    name: str | None,
) -> Attribution:
    """Set a record's speaker mention and the person it names; return the record."""
    updated = store.set_speaker(attribution_id, mention=mention, name=name)
    changes.notify(ChangeKind.ATTRIBUTIONS, [attribution_id])
    if updated.document_id is not None:
        changes.notify(ChangeKind.SPEAKERS, [updated.document_id])
    return updated


def set_speaker_from_selection(
    *, store: Store, changes: ChangeHub, attribution_id: int, text: str, selection: Span
) -> Attribution:
    """Make the selected words the record's speaker mention and, as written, its name."""
    name = " ".join(selection.text_of(text).split())
    return set_speaker(
        store=store, changes=changes, attribution_id=attribution_id, mention=selection, name=name
    )


def choose_speaker(
    *, store: Store, changes: ChangeHub, attribution_id: int, speaker: Speaker
) -> Attribution:
    """Make a roster entity the record's speaker.

    The mention becomes the entity's mention nearest to the quotation (so the link
    points at real words in the text); without known mentions the record keeps its
    own mention and only the name changes.
    """
    attribution = store.attribution(attribution_id)
    mention = nearest_mention(speaker.mentions, attribution) or attribution.speaker
    return set_speaker(
        store=store,
        changes=changes,
        attribution_id=attribution_id,
        mention=mention,
        name=speaker.name,
    )


def add_quotation(
    *,
    store: Store,
    changes: ChangeHub,
    document_id: int,
    text: str,
    selection: Span,
    lexicon: Lexicon | None = None,
) -> Attribution:
    """Store the selected words as a new candidate quotation; return it.

    ``quotes.proposal`` proposes its cue and speaker from the engine's suggestions
    nearby, nearest first, and guesses the type from the quotation marks. It is a
    candidate like every suggestion: A confirms it, so a document is not counted as
    reviewed by an addition nobody checked. ``lexicon`` is the user's cue lexicon
    (None: the shipped one), the same the imports pre-annotate with.
    """
    attribution = propose_attribution(text, selection, lexicon=lexicon)
    added = store.add_attribution(document_id, attribution, status=Status.CANDIDATE)
    if added.id is not None:
        changes.notify(ChangeKind.ATTRIBUTIONS, [added.id])
    return added


#: The order T cycles through.
TYPE_CYCLE = (QuoteType.DIRECT, QuoteType.INDIRECT, QuoteType.MIXED, QuoteType.UNQUOTED)


def next_quote_type(quote_type: QuoteType) -> QuoteType:
    """The type after ``quote_type`` in :data:`TYPE_CYCLE` (wrapping around)."""
    index = TYPE_CYCLE.index(QuoteType(quote_type))
    return TYPE_CYCLE[(index + 1) % len(TYPE_CYCLE)]


def cycle_attribution_type(*, store: Store, changes: ChangeHub, attribution_id: int) -> Attribution:
    """Give a record the next type (direct, indirect, mixed, unquoted, direct…); return it."""
    current = store.attribution(attribution_id)
    updated = store.set_attribution_type(attribution_id, next_quote_type(current.type))
    changes.notify(ChangeKind.ATTRIBUTIONS, [attribution_id])
    return updated


def unreviewed_count(*, store: Store, document_id: int) -> int:
    """How many records of the document are still candidates."""
    return store.document_summary(document_id).candidates


def mark_document_done(*, store: Store, changes: ChangeHub, document_id: int) -> int:
    """Mark the document done if every record is reviewed.

    :returns: the number of records still to review; the document is marked done
        only when that is 0 (undoable, like every action).
    """
    left = unreviewed_count(store=store, document_id=document_id)
    if left == 0:
        store.set_document_status(document_id, DocumentStatus.DONE)
        changes.notify(ChangeKind.DOCUMENTS, [document_id])
    return left


def undo_last(*, store: Store, changes: ChangeHub) -> HistoryEntry | None:
    """Reverse the annotator's latest action, whatever document it was in; return its
    history entry (which names the document and record), or None if nothing is left.

    :raises ValueError: when the old state cannot be restored (another annotator
        changed the rows since).
    """
    entry = store.undo()
    if entry is not None:
        notify_entry(changes, entry)
    return entry


def redo_last(*, store: Store, changes: ChangeHub) -> HistoryEntry | None:
    """Re-apply the latest undone action; return its entry, or None."""
    entry = store.redo()
    if entry is not None:
        notify_entry(changes, entry)
    return entry


def notify_entry(changes: ChangeHub, entry: HistoryEntry) -> None:
    """Tell the views about every row a history entry touched (undo, redo)."""
    states = [state for state in (entry.before, entry.after) if state]
    # A dict keeps the ids in order, each once.
    ids = {int(row["id"]): None for state in states for row in state.get("attributions", ())}
    if entry.attribution_id is not None:
        ids[entry.attribution_id] = None
    if any("speakers" in state for state in states):
        # Records show their speaker's name: a renamed or restored speaker changes
        # rows the entry does not list.
        changes.notify(ChangeKind.ATTRIBUTIONS, [])
    elif ids:
        changes.notify(ChangeKind.ATTRIBUTIONS, ids)
    if entry.document_id is not None:
        changes.notify(ChangeKind.SPEAKERS, [entry.document_id])
        changes.notify(ChangeKind.DOCUMENTS, [entry.document_id])


def nearest_mention(mentions: tuple[Span, ...], attribution: Attribution) -> Span | None:
    """The mention closest to the attribution's content (None if there are none)."""

    def distance(span: Span) -> int:
        if span.end <= attribution.start:
            return attribution.start - span.end
        if span.start >= attribution.end:
            return span.start - attribution.end
        return 0

    return min(mentions, key=distance, default=None)
