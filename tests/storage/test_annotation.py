"""Annotation actions: each writes its row, commits, and appends one history entry."""

from __future__ import annotations

import pytest

from quotes.model import Article, Attribution, DocumentStatus, Origin, QuoteType, Span, Status
from storage.store import Store
from tests.storage.conftest import add_articles


def test_accept_marks_the_row_and_records_before_and_after(store: Store, first_id: int) -> None:
    accepted = store.accept_attribution(first_id)

    assert accepted.status == Status.ACCEPTED
    assert accepted.annotator == "ana"
    assert store.attribution(first_id) == accepted
    entry = store.history(limit=1)[0]
    assert (entry.action, entry.attribution_id, entry.annotator) == ("accept", first_id, "ana")
    assert entry.before is not None and entry.after is not None
    assert entry.before["attributions"][0]["status"] == "candidate"
    assert entry.after["attributions"][0]["status"] == "accepted"


def test_reject_marks_the_row(store: Store, first_id: int) -> None:
    assert store.reject_attribution(first_id).status == Status.REJECTED
    assert store.history(limit=1)[0].action == "reject"


def test_an_action_is_committed_before_it_returns(store: Store, first_id: int) -> None:
    store.accept_attribution(first_id)
    assert not store._conn.in_transaction


def test_review_moves_a_new_document_in_progress(store: Store, news_id: int, first_id: int):
    assert store.document(news_id).status == DocumentStatus.NEW
    store.reject_attribution(first_id)
    assert store.document(news_id).status == DocumentStatus.IN_PROGRESS


def test_undoing_the_first_review_action_makes_the_document_new_again(
    store: Store, news_id: int, first_id: int
) -> None:
    store.accept_attribution(first_id)
    store.undo()
    assert store.document(news_id).status == DocumentStatus.NEW
    store.redo()
    assert store.document(news_id).status == DocumentStatus.IN_PROGRESS


@pytest.mark.parametrize("status", list(DocumentStatus))
def test_document_status_is_set_and_filtered(
    store: Store, news_id: int, status: DocumentStatus
) -> None:
    store.set_document_status(news_id, status)
    assert store.document(news_id).status == status
    assert [s.id for s in store.document_summaries(status)] == [news_id]
    others = [s for s in DocumentStatus if s != status]
    assert all(store.document_summaries(o) == [] for o in others)


def test_summaries_count_each_status(store: Store, news_id: int) -> None:
    first, second = store.attributions_for(news_id)
    store.accept_attribution(first.id or 0)
    [summary] = store.document_summaries()
    assert (summary.candidates, summary.accepted, summary.rejected) == (1, 1, 0)
    store.reject_attribution(second.id or 0)
    [summary] = store.document_summaries()
    assert (summary.candidates, summary.accepted, summary.rejected) == (0, 1, 1)


def test_set_speaker_with_a_new_name_adds_it_to_the_roster(
    store: Store, news_id: int, first_id: int
) -> None:
    changed = store.set_speaker(first_id, mention=Span(37, 40), name="Beatriz Ruiz")

    assert changed.speaker == Span(37, 40)
    assert changed.speaker_name == "Beatriz Ruiz"
    roster = {s.name: s for s in store.speakers_for(news_id)}
    assert changed.entity_id == roster["Beatriz Ruiz"].id
    assert store.history(limit=1)[0].action == "set_speaker"


def test_set_speaker_with_a_known_name_reuses_the_entity(
    store: Store, news_id: int, first_id: int
) -> None:
    before = store.speakers_for(news_id)
    changed = store.set_speaker(first_id, mention=Span(37, 40), name="Ana Ruiz")
    assert [s.id for s in store.speakers_for(news_id)] == [s.id for s in before]
    assert changed.entity_id == before[0].id


def test_set_speaker_to_none_clears_the_entity(store: Store, first_id: int) -> None:
    changed = store.set_speaker(first_id, mention=None, name=None)
    assert (changed.speaker, changed.speaker_name, changed.entity_id) == (None, None, None)


def test_set_speaker_entity_points_at_a_roster_entry(store: Store, news_id: int, first_id: int):
    other = store.add_speaker(news_id, "Coach")
    changed = store.set_speaker_entity(first_id, other.id)
    assert (changed.speaker_name, changed.entity_id) == ("Coach", other.id)
    assert changed.speaker == Span(0, 8)  # the mention is kept


def test_set_speaker_entity_refuses_a_speaker_of_another_document(
    store: Store, first_id: int
) -> None:
    add_articles(store, [Article(text="Another text entirely.")])
    other_document = store.document_summaries()[-1].id
    stranger = store.add_speaker(other_document, "Stranger")
    with pytest.raises(KeyError):
        store.set_speaker_entity(first_id, stranger.id)


@pytest.mark.parametrize("quote_type", list(QuoteType))
def test_set_attribution_type(store: Store, first_id: int, quote_type: QuoteType) -> None:
    assert store.set_attribution_type(first_id, quote_type).type == quote_type
    assert store.attribution(first_id).type == quote_type


def test_add_attribution_stores_a_human_accepted_record(store: Store, news_id: int) -> None:
    made = store.add_attribution(
        news_id,
        Attribution(
            fragments=(Span(38, 43), Span(49, 55)),
            cue=Span(42, 47),
            speaker=Span(38, 41),
            speaker_name="Ana Ruiz",
            status=Status.CANDIDATE,
        ),
    )
    assert made.id is not None
    assert (made.origin, made.status, made.annotator) == (Origin.HUMAN, Status.ACCEPTED, "ana")
    assert made.fragments == (Span(38, 43), Span(49, 55))
    assert made.document_id == news_id
    assert made in store.attributions_for(news_id)
    entry = store.history(limit=1)[0]
    assert (entry.action, entry.attribution_id) == ("add", made.id)
    assert entry.before is not None and "attributions" not in entry.before


@pytest.mark.parametrize(
    "fragments",
    [(Span(0, 500),), (Span(1, 2), Span(70, 400))],
    ids=["past the end", "last fragment past the end"],
)
def test_add_attribution_outside_the_text_is_refused(
    store: Store, news_id: int, fragments: tuple[Span, ...]
) -> None:
    count = len(store.attributions_for(news_id))
    with pytest.raises(ValueError, match="outside"):
        store.add_attribution(news_id, Attribution(fragments=fragments))
    assert len(store.attributions_for(news_id)) == count


def test_add_attribution_to_a_missing_document_raises(store: Store) -> None:
    with pytest.raises(KeyError):
        store.add_attribution(99, Attribution(fragments=(Span(0, 1),)))


def test_update_attribution_replaces_spans_type_speaker_and_status(
    store: Store, first_id: int
) -> None:
    original = store.attribution(first_id)
    wanted = original.with_changes(
        fragments=(Span(16, 20), Span(21, 35)),
        type=QuoteType.MIXED,
        cue=Span(9, 13),
        speaker=None,
        speaker_name="Coach",
        entity_id=None,
        status=Status.ACCEPTED,
    )
    updated = store.update_attribution(wanted)
    assert updated.fragments == (Span(16, 20), Span(21, 35))
    assert (updated.type, updated.cue, updated.speaker) == (QuoteType.MIXED, Span(9, 13), None)
    assert (updated.speaker_name, updated.status) == ("Coach", Status.ACCEPTED)
    assert updated.origin == original.origin
    assert store.history(limit=1)[0].action == "update"


def test_update_attribution_without_id_raises(store: Store) -> None:
    with pytest.raises(KeyError):
        store.update_attribution(Attribution(fragments=(Span(0, 1),)))


def test_delete_attribution_removes_the_row_and_keeps_its_state(
    store: Store, news_id: int, first_id: int
) -> None:
    store.delete_attribution(first_id)
    assert first_id not in [a.id for a in store.attributions_for(news_id)]
    with pytest.raises(KeyError):
        store.attribution(first_id)
    entry = store.history(limit=1)[0]
    assert entry.action == "delete"
    assert entry.after is not None and "attributions" not in entry.after
    assert entry.before is not None
    assert entry.before["attributions"][0]["id"] == first_id


@pytest.mark.parametrize(
    "action",
    [
        lambda s: s.accept_attribution(999),
        lambda s: s.reject_attribution(999),
        lambda s: s.set_speaker(999, mention=None, name="X"),
        lambda s: s.set_attribution_type(999, QuoteType.DIRECT),
        lambda s: s.delete_attribution(999),
        lambda s: s.document(999),
        lambda s: s.set_document_status(999, DocumentStatus.DONE),
    ],
)
def test_missing_ids_raise_key_error_and_change_nothing(store: Store, news_id: int, action):
    history = store.history()
    with pytest.raises(KeyError):
        action(store)
    assert store.history() == history


def test_attributions_come_in_text_order(store: Store, news_id: int) -> None:
    store.add_attribution(news_id, Attribution(fragments=(Span(0, 8),)))
    starts = [a.start for a in store.attributions_for(news_id)]
    assert starts == sorted(starts)
    assert starts[0] == 0


def test_history_filters_by_document_and_is_newest_first(
    store: Store, news_id: int, first_id: int
) -> None:
    store.accept_attribution(first_id)
    store.set_attribution_type(first_id, QuoteType.INDIRECT)
    actions = [e.action for e in store.history(document_id=news_id)]
    assert actions == ["set_type", "accept"]
    assert store.history(document_id=news_id + 1) == []


def test_decisions_are_timed_and_give_an_annotation_rate(
    store: Store, first_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter([100.0, 106.0, 110.0, 112.0])
    monkeypatch.setattr("storage.connection.time.monotonic", lambda: next(clock))
    assert store.annotation_rate() is None
    store.start_decision()  # 100.0
    store.accept_attribution(first_id)  # 106.0: six seconds
    store.start_decision()  # 110.0
    store.reject_attribution(first_id)  # 112.0: two seconds
    assert [e.elapsed_ms for e in store.history(limit=2)] == [2000, 6000]
    assert store.annotation_rate("ana") == pytest.approx(2 * 3600 / 8)
    assert store.annotation_rate("somebody else") is None


def test_a_long_pause_is_not_counted_as_decision_time(
    store: Store, first_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter([0.0, 3600.0])
    monkeypatch.setattr("storage.connection.time.monotonic", lambda: next(clock))
    store.start_decision()
    store.accept_attribution(first_id)
    assert store.history(limit=1)[0].elapsed_ms is None


def test_reassign_speaker_changes_several_records_in_one_undo_step(
    store: Store, news_id: int
) -> None:
    ids = [a.id or 0 for a in store.attributions_for(news_id)]
    coach = store.add_speaker(news_id, "Coach")

    changed = store.reassign_speaker(ids, coach.id)

    assert {a.speaker_name for a in changed} == {"Coach"}
    assert {a.entity_id for a in store.attributions_for(news_id)} == {coach.id}
    store.undo()
    assert {a.speaker_name for a in store.attributions_for(news_id)} == {"Ana Ruiz"}


def test_reassign_speaker_refuses_records_of_several_documents(
    store: Store, news_id: int, first_id: int
) -> None:
    add_articles(store, [Article(text='Bo said "quite so" twice.')])
    other = store.attributions_for(store.document_summaries()[-1].id)[0].id or 0
    with pytest.raises(ValueError, match="different documents"):
        store.reassign_speaker([first_id, other], None)


def test_next_unreviewed_walks_candidates_across_documents(store: Store, news_id: int) -> None:
    add_articles(store, [Article(text='Bo said "quite so" twice.')])
    second_doc = store.document_summaries()[-1].id
    first, second = store.attributions_for(news_id)
    [third] = store.attributions_for(second_doc)

    assert store.next_unreviewed() == first
    assert store.next_unreviewed(news_id, first.start) == second
    assert store.next_unreviewed(news_id, second.start) == third
    assert store.next_unreviewed(second_doc, third.start) == first  # wraps around
    store.accept_attribution(first.id or 0)
    store.reject_attribution(third.id or 0)
    assert store.next_unreviewed(second_doc, 0) == store.attribution(second.id or 0)
    store.accept_attribution(second.id or 0)
    assert store.next_unreviewed() is None


def test_attribution_counts_cover_every_status(store: Store, news_id: int, first_id: int):
    assert store.attribution_counts() == {
        Status.CANDIDATE: 2,
        Status.ACCEPTED: 0,
        Status.REJECTED: 0,
    }
    store.accept_attribution(first_id)
    assert store.attribution_counts()[Status.ACCEPTED] == 1


def test_document_summary_refreshes_one_row(store: Store, news_id: int, first_id: int) -> None:
    store.accept_attribution(first_id)
    assert store.document_summary(news_id) == store.document_summaries()[0]
    assert store.document_summary(news_id).accepted == 1
    with pytest.raises(KeyError):
        store.document_summary(news_id + 100)
