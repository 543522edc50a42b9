"""The model's uncertainty per document (``storage.uncertainty``): which documents
count as unreviewed in a layer, the order, and scores dying with their model."""

from __future__ import annotations

import sqlite3

import pytest

from quotes.model import Article, DocumentStatus
from storage.store import Store
from tests.storage.conftest import NEWS, add_articles
from tests.storage.test_learned_model import a_model


@pytest.fixture
def ids(store: Store) -> list[int]:
    """Four documents with two candidates each, in import order."""
    articles = [Article(text=f"{NEWS} Day {n}.", title=f"day {n}") for n in range(4)]
    assert add_articles(store, articles).imported == 4
    return [s.id for s in store.document_summaries()]


def _order(store: Store, **options: object) -> list[int]:
    return [d.document_id for d in store.most_uncertain(10, **options)]  # type: ignore[arg-type]


def test_the_most_uncertain_come_first_ties_in_import_order(store: Store, ids: list[int]) -> None:
    store.record_uncertainties({ids[0]: 0.5, ids[1]: 2.0, ids[2]: 0.5})
    assert _order(store) == [ids[1], ids[0], ids[2]]
    top = store.most_uncertain(1)[0]
    assert (top.document_id, top.title, top.score) == (ids[1], "day 1", 2.0)
    assert _order(store, excluding=ids[1]) == [ids[0], ids[2]]
    assert store.uncertainty_of(ids[3]) is None
    assert store.unscored_unreviewed() == [ids[3]]


def test_recording_again_replaces_a_score(store: Store, ids: list[int]) -> None:
    store.record_uncertainties({ids[0]: 0.5, ids[1]: 2.0})
    store.record_uncertainties({ids[0]: 3.0})
    assert _order(store) == [ids[0], ids[1]]
    assert store.uncertainty_of(ids[0]) == 3.0


def test_a_decision_or_done_takes_a_document_out_and_undo_brings_it_back(
    store: Store, ids: list[int]
) -> None:
    store.record_uncertainties(dict.fromkeys(ids, 1.0))
    first = store.attributions_for(ids[0])[0].id
    assert first is not None
    store.reject_attribution(first)
    store.set_document_status(ids[1], DocumentStatus.DONE)
    assert _order(store) == [ids[2], ids[3]]
    store.undo()
    store.undo()
    assert _order(store) == ids


def test_each_annotator_layer_has_its_own_unreviewed_documents(
    store: Store, ids: list[int]
) -> None:
    store.record_uncertainties(dict.fromkeys(ids, 1.0))
    store.layer = "ana"
    first = store.attributions_for(ids[0])[0].id
    assert first is not None
    store.accept_attribution(first)
    assert _order(store) == ids[1:]
    assert store.unscored_unreviewed() == []
    store.layer = "bob"
    assert _order(store) == ids
    store.layer = ""
    assert _order(store) == ids


def test_a_negative_score_is_refused_and_nothing_is_written(store: Store, ids: list[int]) -> None:
    with pytest.raises(ValueError, match="negative"):
        store.record_uncertainties({ids[0]: 1.0, ids[1]: -0.1})
    assert store.most_uncertain(10) == []


def test_a_deleted_document_takes_its_score_and_unknown_ids_are_skipped(
    store: Store, ids: list[int]
) -> None:
    store.record_uncertainties({ids[0]: 1.0, 9999: 5.0})
    assert _order(store) == [ids[0]]
    conn: sqlite3.Connection = store._conn
    conn.execute("DELETE FROM documents WHERE id = ?", (ids[0],))
    assert conn.execute("SELECT count(*) FROM document_uncertainty").fetchone()[0] == 0


def test_scores_die_with_the_model_that_made_them(store: Store, ids: list[int]) -> None:
    store.save_learned_model(a_model())
    store.record_uncertainties({ids[0]: 1.0})
    store.save_learned_model(a_model(records=40))  # a retraining
    assert store.most_uncertain(10) == []
    store.record_uncertainties({ids[0]: 1.0})
    assert store.forget_learned_model()
    assert store.uncertainty_of(ids[0]) is None


def test_next_unreviewed_in_stays_in_its_document(store: Store, ids: list[int]) -> None:
    store.layer = "ana"
    first, second = store.attributions_for(ids[0])
    assert first.id is not None and second.id is not None
    assert store.next_unreviewed_in(ids[0]) == store.attribution(first.id)
    assert store.next_unreviewed_in(ids[0], after=first.start) == store.attribution(second.id)
    store.accept_attribution(first.id)
    store.accept_attribution(second.id)
    assert store.next_unreviewed_in(ids[0]) is None
    # Only the asked document was opened in the layer, not the next one.
    opened = store._conn.execute(
        "SELECT document_id FROM layer_documents WHERE layer = 'ana'"
    ).fetchall()
    assert [row[0] for row in opened] == [ids[0]]
