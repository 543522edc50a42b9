"""The span-editing verbs: one function per edit, each one ``Store.update_attribution``.

Like ``ui.operations.attribution_operations`` (Anki's ``aqt/operations``):
keyword-only arguments, the change goes through the store as one committed
transaction with its history entry (so undo and redo work across restarts),
then the views hear of it through the :class:`ChangeHub`. Spans come in already
snapped or not, as the caller decided: these functions take the words they are
given.

Each returns the record as stored and the :class:`SpanRef` that names the edited
span afterwards (a fragment that merged with a neighbour changes index).
Errors (``KeyError`` for a vanished record, ``ValueError`` for a span outside
the text or the last fragment removed) propagate; nothing is notified then.
An edit that ``quotes.span_checks`` refuses raises :class:`SpanEditRefused` and
stores nothing; one whose only problem is a new paragraph break inside the
content is refused too unless ``allow_paragraph`` (the caller asked the annotator).
Threading: main thread (one small transaction, well under a frame).
"""

from __future__ import annotations

from quotes.model import Attribution, Span
from quotes.span_checks import SpanProblem, check_edit
from quotes.span_edits import (
    CUE,
    SPEAKER,
    SpanRef,
    add_fragment,
    remove_span,
    replace_span,
)
from storage.store import Store
from ui.operations.changes import ChangeHub, ChangeKind


class SpanEditRefused(ValueError):
    """An edit the span checks refuse; ``problem`` says why (and whether asking helps)."""

    def __init__(self, problem: SpanProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def save_attribution(
    *,
    store: Store,
    changes: ChangeHub,
    before: Attribution,
    attribution: Attribution,
    speakers: bool = False,
    allow_paragraph: bool = False,
) -> Attribution:
    """Store ``attribution``, an edit of ``before`` (the record as stored), as one undo
    step and tell the views; return it as stored.

    ``speakers`` says the edit touched the speaker (the roster lists mentions).

    :raises SpanEditRefused: when the edit fails ``quotes.span_checks.check_edit``,
        or changes nothing (no history entry, no undo step).
    """
    assert attribution.id is not None and attribution.document_id is not None
    if attribution == before:
        # Nothing to store: refused like a bad edit, so the caller says so.
        raise SpanEditRefused(SpanProblem("The record already has these spans."))
    problem = check_edit(
        store.document(attribution.document_id).text,
        before,
        attribution,
        store.attributions_for(attribution.document_id),
    )
    if problem is not None and not (problem.paragraph and allow_paragraph):
        raise SpanEditRefused(problem)
    updated = store.update_attribution(attribution)
    assert updated.id is not None
    changes.notify(ChangeKind.ATTRIBUTIONS, [updated.id])
    if speakers and updated.document_id is not None:
        changes.notify(ChangeKind.SPEAKERS, [updated.document_id])
    return updated


def set_span(
    *,
    store: Store,
    changes: ChangeHub,
    attribution_id: int,
    ref: SpanRef,
    span: Span,
    allow_paragraph: bool = False,
) -> tuple[Attribution, SpanRef]:
    """Make ``span`` the record's span ``ref`` (a fragment, the cue or the mention)."""
    before = store.attribution(attribution_id)
    edited, new_ref = replace_span(before, ref, span)
    saved = save_attribution(
        store=store,
        changes=changes,
        before=before,
        attribution=edited,
        speakers=ref == SPEAKER,
        allow_paragraph=allow_paragraph,
    )
    return saved, new_ref


def set_cue(
    *, store: Store, changes: ChangeHub, attribution_id: int, span: Span
) -> tuple[Attribution, SpanRef]:
    """Make ``span`` the record's cue."""
    return set_span(store=store, changes=changes, attribution_id=attribution_id, ref=CUE, span=span)


def set_mention(
    *, store: Store, changes: ChangeHub, attribution_id: int, text: str, span: Span
) -> tuple[Attribution, SpanRef]:
    """Make ``span`` the record's speaker mention, keeping the speaker it refers to.

    A record without a speaker gets one named as the mention is written, so that
    no mention is left pointing at nobody.
    """
    attribution = store.attribution(attribution_id)
    edited, ref = replace_span(attribution, SPEAKER, span)
    if attribution.entity_id is None and not attribution.speaker_name:
        edited = edited.with_changes(speaker_name=" ".join(span.text_of(text).split()))
    saved = save_attribution(
        store=store, changes=changes, before=attribution, attribution=edited, speakers=True
    )
    return saved, ref


def add_fragment_to(
    *,
    store: Store,
    changes: ChangeHub,
    attribution_id: int,
    span: Span,
    allow_paragraph: bool = False,
) -> tuple[Attribution, SpanRef]:
    """Add ``span`` to the record's content (merged with fragments it overlaps or touches)."""
    before = store.attribution(attribution_id)
    edited, ref = add_fragment(before, span)
    saved = save_attribution(
        store=store,
        changes=changes,
        before=before,
        attribution=edited,
        allow_paragraph=allow_paragraph,
    )
    return saved, ref


def remove_span_of(
    *, store: Store, changes: ChangeHub, attribution_id: int, ref: SpanRef
) -> Attribution:
    """Remove a fragment, the cue or the mention from the record.

    :raises ValueError: for the record's only fragment.
    """
    before = store.attribution(attribution_id)
    edited = remove_span(before, ref)
    return save_attribution(
        store=store, changes=changes, before=before, attribution=edited, speakers=ref == SPEAKER
    )
