"""Annotation layers: each annotator works on their own copy of the suggestions, blind to
the others; status, undo, history and counts are per layer; gold starts empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.model import Article, Attribution, DocumentStatus, Span, Status
from storage.layers import LayerError
from storage.store import GOLD_LAYER, SHARED_LAYER, Store
from tests.storage.conftest import NEWS, add_articles


@pytest.fixture
def shared(workspace_file: Path) -> Store:
    """A file workspace with NEWS pre-annotated (two suggestions) in the shared layer."""
    store = Store(workspace_file, annotator="lead")
    add_articles(store, [Article(text=NEWS, title="Cup")])
    return store


def _open(path: Path, name: str) -> Store:
    return Store(path, annotator=name, layer=name)


def test_a_new_store_works_in_the_shared_layer(shared: Store) -> None:
    assert shared.layer == SHARED_LAYER
    assert shared.layers.layer_names() == []


def test_an_annotator_layer_starts_from_the_suggestions_as_candidates(
    shared: Store, workspace_file: Path
) -> None:
    document_id = shared.document_summaries()[0].id
    shared.accept_attribution(shared.attributions_for(document_id)[0].id or 0)
    alice = _open(workspace_file, "alice")
    records = alice.attributions_for(document_id)
    # The lead's acceptance is a decision: alice sees both suggestions as candidates.
    assert [a.status for a in records] == [Status.CANDIDATE, Status.CANDIDATE]
    assert {a.id for a in records}.isdisjoint({a.id for a in shared.attributions_for(document_id)})
    assert alice.layers.layer_names() == ["alice"]


def test_layers_are_blind_to_each_other(shared: Store, workspace_file: Path) -> None:
    document_id = shared.document_summaries()[0].id
    alice, bob = _open(workspace_file, "alice"), _open(workspace_file, "bob")
    first = alice.attributions_for(document_id)[0]
    alice.accept_attribution(first.id or 0)
    alice.reject_attribution(alice.attributions_for(document_id)[1].id or 0)
    assert [a.status for a in bob.attributions_for(document_id)] == [Status.CANDIDATE] * 2
    # Another layer's record is out of reach, not silently changed.
    with pytest.raises(KeyError):
        bob.accept_attribution(first.id or 0)
    assert alice.attribution(first.id or 0).status is Status.ACCEPTED


def test_document_status_and_counts_are_per_layer(shared: Store, workspace_file: Path) -> None:
    document_id = shared.document_summaries()[0].id
    alice, bob = _open(workspace_file, "alice"), _open(workspace_file, "bob")
    # Before bob opens it, his list counts the suggestions he will start from.
    assert bob.document_summary(document_id).candidates == 2
    alice.accept_attribution(alice.attributions_for(document_id)[0].id or 0)
    alice.set_document_status(document_id, DocumentStatus.DONE)
    assert alice.document(document_id).status is DocumentStatus.DONE
    assert bob.document(document_id).status is DocumentStatus.NEW
    assert shared.document(document_id).status is DocumentStatus.NEW
    assert alice.document_summary(document_id).accepted == 1
    assert bob.document_summary(document_id).accepted == 0
    assert [s.id for s in alice.document_summaries(DocumentStatus.DONE)] == [document_id]
    assert bob.document_summaries(DocumentStatus.DONE) == []
    assert alice.attribution_counts()[Status.ACCEPTED] == 1
    assert bob.attribution_counts()[Status.CANDIDATE] == 2


def test_undo_and_history_are_per_layer(shared: Store, workspace_file: Path) -> None:
    document_id = shared.document_summaries()[0].id
    alice = _open(workspace_file, "alice")
    record = alice.attributions_for(document_id)[0]
    alice.accept_attribution(record.id or 0)
    shared.accept_attribution(shared.attributions_for(document_id)[0].id or 0)
    assert [e.action for e in alice.history()] == ["accept"]
    entry = alice.undo()
    assert entry is not None and entry.attribution_id == record.id
    assert alice.attribution(record.id or 0).status is Status.CANDIDATE
    # The document went back to new in alice's layer only.
    assert alice.document(document_id).status is DocumentStatus.NEW
    assert shared.attributions_for(document_id)[0].status is Status.ACCEPTED


def test_two_windows_of_one_annotator_do_not_undo_each_other(
    shared: Store, workspace_file: Path
) -> None:
    document_id = shared.document_summaries()[0].id
    first = Store(workspace_file, annotator="lead")
    second = Store(workspace_file, annotator="lead")
    one, two = first.attributions_for(document_id)
    first.accept_attribution(one.id or 0)
    second.reject_attribution(two.id or 0)
    first.undo()
    assert first.attribution(one.id or 0).status is Status.CANDIDATE
    assert first.attribution(two.id or 0).status is Status.REJECTED
    # After a restart, undo reaches the history written before it opened.
    third = Store(workspace_file, annotator="lead")
    third.undo()
    assert third.attribution(two.id or 0).status is Status.CANDIDATE


def test_undo_leaves_a_record_another_window_changed_since(
    shared: Store, workspace_file: Path
) -> None:
    document_id = shared.document_summaries()[0].id
    first = Store(workspace_file, annotator="lead")
    second = Store(workspace_file, annotator="lead")
    one, two = (record.id or 0 for record in first.attributions_for(document_id))
    first.accept_attribution(two)
    first.accept_attribution(one)
    second.reject_attribution(one)
    # first's accept of `one` would overwrite second's rejection: undo passes it by.
    entry = first.undo()
    assert entry is not None and entry.attribution_id == two
    assert first.attribution(one).status is Status.REJECTED
    assert first.undo() is None


def test_history_both_windows_hold_is_undone_by_one_only(
    shared: Store, workspace_file: Path
) -> None:
    document_id = shared.document_summaries()[0].id
    one = shared.attributions_for(document_id)[0].id or 0
    shared.accept_attribution(one)
    shared.close()
    # Both open after the acceptance, so both may undo it; the first does, then rejects.
    first = Store(workspace_file, annotator="lead")
    second = Store(workspace_file, annotator="lead")
    first.undo()
    first.reject_attribution(one)
    assert second.next_undo() is None
    assert second.undo() is None
    assert second.attribution(one).status is Status.REJECTED


def test_after_a_restart_interleaved_windows_are_undone_once_each(
    shared: Store, workspace_file: Path
) -> None:
    document_id = shared.document_summaries()[0].id
    first = Store(workspace_file, annotator="lead")
    second = Store(workspace_file, annotator="lead")
    one, two = (record.id or 0 for record in first.attributions_for(document_id))
    first.accept_attribution(one)
    second.reject_attribution(two)
    first.undo()
    first.close()
    second.close()
    later = Store(workspace_file, annotator="lead")
    entry = later.undo()
    assert entry is not None and entry.attribution_id == two
    # The acceptance was undone already: it is not undone a second time.
    assert later.undo() is None
    assert later.attribution(one).status is Status.CANDIDATE


def test_next_unreviewed_opens_the_next_document_in_the_layer(workspace_file: Path) -> None:
    lead = Store(workspace_file, annotator="lead")
    add_articles(lead, [Article(text=NEWS), Article(text=NEWS + " Again.")])
    first_doc, second_doc = (s.id for s in lead.document_summaries())
    alice = _open(workspace_file, "alice")
    for record in alice.attributions_for(first_doc):
        alice.accept_attribution(record.id or 0)
    found = alice.next_unreviewed(first_doc, after=10_000)
    assert found is not None and found.document_id == second_doc
    assert alice.layers.is_open(second_doc)


def test_the_gold_layer_starts_empty_and_takes_added_records(shared: Store) -> None:
    document_id = shared.document_summaries()[0].id
    shared.layer = GOLD_LAYER
    assert shared.attributions_for(document_id) == []
    added = shared.add_attribution(
        document_id, Attribution(fragments=(Span(15, 35),)), rule="adjudicated: alice"
    )
    assert added.rule == "adjudicated: alice"
    assert shared.document(document_id).status is DocumentStatus.IN_PROGRESS
    shared.undo()
    assert shared.attributions_for(document_id) == []


def test_store_layer_records_a_version_once(shared: Store) -> None:
    document_id = shared.document_summaries()[0].id
    version = [Attribution(fragments=(Span(15, 35),), speaker_name="Ana Ruiz")]
    stored = shared.layers.store_layer(
        document_id,
        "carol",
        version,
        status=DocumentStatus.DONE,
        annotator="carol",
        action="import_annotations",
    )
    assert stored == 1
    (record,) = shared.layers.layer_attributions(document_id, "carol")
    assert record.status is Status.ACCEPTED and record.annotator == "carol"
    assert record.speaker_name == "Ana Ruiz"
    assert shared.layers.layer_status(document_id, "carol") is DocumentStatus.DONE
    with pytest.raises(LayerError):
        shared.layers.store_layer(
            document_id,
            "carol",
            version,
            status=DocumentStatus.DONE,
            annotator="carol",
            action="import_annotations",
        )
    assert len(shared.layers.layer_attributions(document_id, "carol")) == 1


def test_a_workspace_can_name_the_layer_it_opens_in(workspace_file: Path) -> None:
    store = Store(workspace_file, annotator="x")
    with store.transaction():
        store.set_workspace_info("layer", "dana")
    store.close()
    assert Store(workspace_file, annotator="x").layer == "dana"
    assert Store(workspace_file, annotator="x", layer="").layer == SHARED_LAYER


def test_counts_follow_every_change_in_every_layer(shared: Store, workspace_file: Path) -> None:
    document_id = shared.document_summaries()[0].id
    alice = _open(workspace_file, "alice")
    one, two = alice.attributions_for(document_id)
    alice.accept_attribution(one.id or 0)
    alice.delete_attribution(two.id or 0)
    summary = alice.document_summary(document_id)
    assert (summary.candidates, summary.accepted, summary.rejected) == (0, 1, 0)
    alice.undo()
    assert alice.document_summary(document_id).candidates == 1
    assert shared.document_summary(document_id).candidates == 2
    assert alice.attribution_counts() == {
        Status.CANDIDATE: 1,
        Status.ACCEPTED: 1,
        Status.REJECTED: 0,
    }


def test_counts_of_a_workspace_made_before_them_are_filled_in(workspace_file: Path) -> None:
    import sqlite3

    store = Store(workspace_file, annotator="lead")
    add_articles(store, [Article(text=NEWS)])
    store.close()
    conn = sqlite3.connect(workspace_file)
    conn.execute("DELETE FROM layer_counts")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_layer_counts'")
    for name in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER layer_counts_{name}")
    conn.execute("DROP TABLE layer_counts")
    conn.commit()
    conn.close()
    reopened = Store(workspace_file, annotator="lead")
    assert reopened.document_summaries()[0].candidates == 2


def test_the_paged_list_shows_the_layers_statuses_and_counts(
    workspace_file: Path,
) -> None:
    from storage.listing import ListOrder, ListQuery

    lead = Store(workspace_file, annotator="lead")
    add_articles(lead, [Article(text=NEWS), Article(text=NEWS + " Again.")])
    first, second = (s.id for s in lead.document_summaries())
    alice = _open(workspace_file, "alice")
    alice.accept_attribution(alice.attributions_for(first)[0].id or 0)
    alice.set_document_status(first, DocumentStatus.DONE)
    rows = alice.document_page(ListQuery(order=ListOrder.ACCEPTED, descending=True))
    assert [(r.id, r.status, r.accepted, r.candidates) for r in rows] == [
        (first, DocumentStatus.DONE, 1, 1),
        (second, DocumentStatus.NEW, 0, 2),  # not opened yet: its suggestions
    ]
    done = alice.document_page(ListQuery(status=DocumentStatus.DONE))
    assert [r.id for r in done] == [first]
    assert lead.document_page(ListQuery(status=DocumentStatus.DONE)) == []
    assert alice.document_status_counts()[DocumentStatus.DONE] == 1
    assert alice.document_status_counts()[DocumentStatus.NEW] == 1
    assert alice.review_progress() == (1, 4)
    assert lead.review_progress() == (0, 4)


def test_a_document_without_records_is_listed_in_every_order(workspace_file: Path) -> None:
    from storage.listing import ListOrder, ListQuery

    lead = Store(workspace_file, annotator="lead")
    add_articles(lead, [Article(text=NEWS), Article(text="No quotations here at all.")])
    quiet = lead.document_summaries()[1].id
    for order in ListOrder:
        for descending in (False, True):
            rows = lead.document_page(ListQuery(order=order, descending=descending))
            assert quiet in [r.id for r in rows], (order, descending)
    by_candidates = lead.document_page(ListQuery(order=ListOrder.CANDIDATES))
    assert [r.candidates for r in by_candidates] == [0, 2]
    # Paging on by the count key continues after the row given.
    rest = lead.document_page(ListQuery(order=ListOrder.CANDIDATES), after=by_candidates[0])
    assert [r.candidates for r in rest] == [2]


def test_a_layers_export_shows_an_unopened_document_with_its_suggestions(
    shared: Store, workspace_file: Path
) -> None:
    # The lead decides in the shared layer; bob never opens the document. His layer's
    # export stream must not read "no quotations" there, but what he would start from.
    document_id = shared.document_summaries()[0].id
    shared.accept_attribution(shared.attributions_for(document_id)[0].id or 0)
    bob = _open(workspace_file, "bob")
    [(document, records)] = list(bob.iter_documents())
    assert document.status is DocumentStatus.NEW
    assert [(a.status, a.annotator) for a in records] == [(Status.CANDIDATE, None)] * 2
    assert [a.fragments for a in records] == [
        a.fragments for a in shared.attributions_for(document_id)
    ]
    # Still a read: nothing was copied into bob's layer.
    assert not bob.layers.is_open(document_id)


def test_a_layers_roster_leaves_out_names_only_other_layers_gave(
    shared: Store, workspace_file: Path
) -> None:
    document_id = shared.document_summaries()[0].id
    # carol's imported version names a speaker the engine never found.
    version = [Attribution(fragments=(Span(15, 35),), speaker_name="Coach Bell")]
    shared.layers.store_layer(
        document_id,
        "carol",
        version,
        status=DocumentStatus.DONE,
        annotator="carol",
        action="import_annotations",
    )
    carol, bob = _open(workspace_file, "carol"), _open(workspace_file, "bob")
    names = {
        layer: {s.name for s in store.speakers_for(document_id)}
        for layer, store in (("lead", shared), ("carol", carol), ("bob", bob))
    }
    assert names == {
        "lead": {"Ana Ruiz", "Coach Bell"},
        "carol": {"Ana Ruiz", "Coach Bell"},
        "bob": {"Ana Ruiz"},
    }
    # Looked up by id (adjudication, undo), the entry is still there.
    hidden = next(s for s in shared.speakers_for(document_id) if s.name == "Coach Bell")
    assert bob.speaker(hidden.id or 0).name == "Coach Bell"
