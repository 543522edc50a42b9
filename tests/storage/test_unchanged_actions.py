"""An action that changes nothing writes nothing: no history entry, no undo step."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.model import DocumentStatus, QuoteType, Span, Status
from storage.store import Store


def accepted(store: Store, attribution_id: int) -> int:
    store.accept_attribution(attribution_id)
    return attribution_id


def rejected(store: Store, attribution_id: int) -> int:
    store.reject_attribution(attribution_id)
    return attribution_id


#: (prepare the record, then repeat what it already is).
REPEATS: dict[str, tuple[Callable[[Store, int], object], Callable[[Store, int, int], object]]] = {
    "A on an accepted record": (accepted, lambda s, d, a: s.accept_attribution(a)),
    "R on a rejected record": (rejected, lambda s, d, a: s.reject_attribution(a)),
    "T to the same type": (
        lambda s, a: s.set_attribution_type(a, QuoteType.MIXED),
        lambda s, d, a: s.set_attribution_type(a, QuoteType.MIXED),
    ),
    "the speaker entity it has": (
        accepted,
        lambda s, d, a: s.set_speaker_entity(a, s.attribution(a).entity_id),
    ),
    "the speaker name and mention it has": (
        accepted,
        lambda s, d, a: s.set_speaker(a, mention=Span(0, 8), name="Ana Ruiz"),
    ),
    "the spans it has": (accepted, lambda s, d, a: s.update_attribution(s.attribution(a))),
    "reassign to the speaker they have": (
        accepted,
        lambda s, d, a: s.reassign_speaker([a], s.attribution(a).entity_id),
    ),
    "the document's own status": (
        lambda s, a: s.set_document_status(s.attribution(a).document_id or 0, DocumentStatus.DONE),
        lambda s, d, a: s.set_document_status(d, DocumentStatus.DONE),
    ),
    "a speaker already on the roster": (
        accepted,
        lambda s, d, a: s.add_speaker(d, "Ana Ruiz", mention=Span(0, 8)),
    ),
    "a speaker renamed to its name": (
        accepted,
        lambda s, d, a: s.rename_speaker(s.attribution(a).entity_id or 0, "Ana Ruiz"),
    ),
}


@pytest.mark.parametrize("name", list(REPEATS))
def test_a_repeated_action_writes_no_history_and_no_undo_step(
    store: Store, news_id: int, first_id: int, name: str
) -> None:
    prepare, repeat = REPEATS[name]
    prepare(store, first_id)
    history = store.history()
    undo_target = store.next_undo()
    record = store.attribution(first_id)
    row = store._conn.execute(
        "SELECT updated_at FROM attributions WHERE id = ?", (first_id,)
    ).fetchone()

    repeat(store, news_id, first_id)

    assert store.history() == history
    assert store.next_undo() == undo_target
    assert store.attribution(first_id) == record
    again = store._conn.execute(
        "SELECT updated_at FROM attributions WHERE id = ?", (first_id,)
    ).fetchone()
    assert again["updated_at"] == row["updated_at"]
    assert not store._conn.in_transaction


def test_the_repeated_verb_returns_the_record_as_stored(store: Store, first_id: int) -> None:
    first = store.accept_attribution(first_id)
    assert store.accept_attribution(first_id) == first == store.attribution(first_id)


def test_undo_after_a_repeated_accept_reverses_the_real_one(store: Store, first_id: int) -> None:
    store.accept_attribution(first_id)
    store.accept_attribution(first_id)

    store.undo()

    assert store.attribution(first_id).status is Status.CANDIDATE
    assert store.next_undo() is None


def test_another_annotator_repeating_a_decision_changes_nothing(
    store: Store, first_id: int
) -> None:
    store.accept_attribution(first_id)
    count = len(store.history())
    store.annotator = "bo"

    store.accept_attribution(first_id)

    assert len(store.history()) == count
    assert store.attribution(first_id).annotator == "ana"


def test_a_change_of_one_column_among_equal_ones_is_still_recorded(
    store: Store, first_id: int
) -> None:
    store.accept_attribution(first_id)
    record = store.attribution(first_id)

    store.update_attribution(record.with_changes(type=QuoteType.INDIRECT))

    entry = store.history(limit=1)[0]
    assert entry.action == "update"
    assert store.attribution(first_id).type is QuoteType.INDIRECT
