"""Undo and redo from the history: every action, in order, across restarts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quotes.model import Article, Attribution, DocumentStatus, QuoteType, Span
from storage.history import undo_stacks
from storage.store import Store
from tests.storage.conftest import NEWS, add_articles


def snapshot(store: Store, document_id: int) -> tuple[object, ...]:
    """Everything an action can change in one document, for before/after comparison."""
    return (
        store.document(document_id).status,
        store.attributions_for(document_id),
        store.speakers_for(document_id),
    )


ACTIONS: dict[str, Callable[[Store, int, int], object]] = {
    "accept": lambda s, d, a: s.accept_attribution(a),
    "reject": lambda s, d, a: s.reject_attribution(a),
    "set_speaker new": lambda s, d, a: s.set_speaker(a, mention=Span(37, 40), name="Mo"),
    "set_speaker none": lambda s, d, a: s.set_speaker(a, mention=None, name=None),
    "set_type": lambda s, d, a: s.set_attribution_type(a, QuoteType.INDIRECT),
    "add": lambda s, d, a: s.add_attribution(
        d, Attribution(fragments=(Span(0, 8),), speaker_name="Someone New")
    ),
    "update": lambda s, d, a: s.update_attribution(
        s.attribution(a).with_changes(fragments=(Span(17, 20),), speaker_name="Other")
    ),
    "delete": lambda s, d, a: s.delete_attribution(a),
    "document status": lambda s, d, a: s.set_document_status(d, DocumentStatus.DONE),
    "add_speaker": lambda s, d, a: s.add_speaker(d, "Extra Person"),
    "rename_speaker": lambda s, d, a: s.rename_speaker(s.speakers_for(d)[0].id or 0, "A. Ruiz"),
    "merge_speakers": lambda s, d, a: s.merge_speakers(
        d, s.add_speaker(d, "Ana").id or 0, s.speakers_for(d)[0].id or 0
    ),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_undo_restores_and_redo_reapplies(
    store: Store, news_id: int, first_id: int, name: str
) -> None:
    store.set_document_status(news_id, DocumentStatus.IN_PROGRESS)
    ACTIONS[name](store, news_id, first_id)
    done = snapshot(store, news_id)
    target = store.next_undo()
    assert target is not None

    undone = store.undo()
    if name == "merge_speakers":  # the merge was preceded by its own add_speaker
        undone = store.undo()
        target = undone
    assert undone == target
    assert undone is not None and undone.document_id == news_id

    store.redo()
    if name == "merge_speakers":
        store.redo()
    assert snapshot(store, news_id) == done


@pytest.mark.parametrize("name", list(ACTIONS))
def test_undo_brings_back_the_state_before(
    store: Store, news_id: int, first_id: int, name: str
) -> None:
    store.set_document_status(news_id, DocumentStatus.IN_PROGRESS)
    before = snapshot(store, news_id)
    mark = store.history(limit=1)[0].id
    ACTIONS[name](store, news_id, first_id)
    while (entry := store.next_undo()) is not None and entry.id > mark:
        store.undo()
    assert snapshot(store, news_id) == before


def test_nothing_to_undo_or_redo_returns_none(store: Store, news_id: int) -> None:
    assert store.undo() is None  # an import is not undoable
    assert store.redo() is None


def test_undo_returns_the_entry_naming_what_changed(store: Store, first_id: int) -> None:
    store.accept_attribution(first_id)
    entry = store.undo()
    assert entry is not None
    assert (entry.action, entry.attribution_id) == ("accept", first_id)
    assert store.history(limit=1)[0].action == "undo"
    assert store.history(limit=1)[0].target_id == entry.id


def test_several_undos_go_back_in_order_and_redos_forward(store: Store, first_id: int):
    store.accept_attribution(first_id)
    store.set_attribution_type(first_id, QuoteType.MIXED)
    store.reject_attribution(first_id)

    assert [store.undo().action for _ in range(3)] == ["reject", "set_type", "accept"]  # type: ignore[union-attr]
    assert store.attribution(first_id).status == "candidate"
    assert store.undo() is None
    assert [store.redo().action for _ in range(3)] == ["accept", "set_type", "reject"]  # type: ignore[union-attr]
    assert store.attribution(first_id).status == "rejected"
    assert store.attribution(first_id).type == QuoteType.MIXED


def test_a_new_action_clears_redo(store: Store, news_id: int, first_id: int) -> None:
    store.accept_attribution(first_id)
    store.undo()
    second = store.attributions_for(news_id)[1].id or 0
    store.reject_attribution(second)
    assert store.next_redo() is None
    assert store.redo() is None
    assert store.attribution(first_id).status == "candidate"


def test_undo_of_a_delete_brings_back_the_same_id(store: Store, news_id: int, first_id: int):
    original = store.attribution(first_id)
    store.delete_attribution(first_id)
    store.undo()
    assert store.attribution(first_id) == original


def test_undo_of_add_removes_the_record_and_a_speaker_it_created(
    store: Store, news_id: int
) -> None:
    roster = store.speakers_for(news_id)
    made = store.add_attribution(
        news_id, Attribution(fragments=(Span(0, 3),), speaker_name="Brand New")
    )
    store.undo()
    with pytest.raises(KeyError):
        store.attribution(made.id or 0)
    assert store.speakers_for(news_id) == roster
    store.redo()
    assert store.attribution(made.id or 0).speaker_name == "Brand New"


def test_ids_are_never_reused_after_an_undone_add(store: Store, news_id: int) -> None:
    made = store.add_attribution(news_id, Attribution(fragments=(Span(0, 3),)))
    store.undo()
    again = store.add_attribution(news_id, Attribution(fragments=(Span(0, 3),)))
    assert again.id != made.id


def test_undo_is_per_annotator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shared.sqlite"
    ana = Store(path, annotator="ana")
    add_articles(ana, [Article(text=NEWS)])
    document_id = ana.document_summaries()[0].id
    first, second = (a.id or 0 for a in ana.attributions_for(document_id))
    ana.accept_attribution(first)
    ben = Store(path, annotator="ben")
    ben.reject_attribution(second)

    undone = ana.undo()

    assert undone is not None and undone.attribution_id == first
    assert ana.attribution(second).status == "rejected"
    assert ben.next_undo() is not None
    ana.close()
    ben.close()


def test_undo_and_redo_survive_a_restart(workspace_file: Path) -> None:
    store = Store(workspace_file, annotator="ana")
    add_articles(store, [Article(text=NEWS)])
    document_id = store.document_summaries()[0].id
    first = store.attributions_for(document_id)[0].id or 0
    store.accept_attribution(first)
    store.reject_attribution(first)
    store.undo()
    store.close()

    reopened = Store(workspace_file, annotator="ana")
    assert reopened.attribution(first).status == "accepted"
    assert reopened.next_redo() is not None
    reopened.redo()
    assert reopened.attribution(first).status == "rejected"
    reopened.undo()
    reopened.undo()
    assert reopened.attribution(first).status == "candidate"
    reopened.close()


@pytest.mark.parametrize(
    ("entries", "undo", "redo"),
    [
        ([], [], []),
        ([(1, "accept", None), (2, "reject", None)], [1, 2], []),
        ([(1, "accept", None), (2, "undo", 1)], [], [1]),
        ([(1, "accept", None), (2, "undo", 1), (3, "redo", 1)], [1], []),
        ([(1, "accept", None), (2, "undo", 1), (3, "reject", None)], [3], []),
        ([(1, "import", None), (2, "accept", None)], [2], []),
        ([(1, "accept", None), (2, "undo", 7)], [1], []),  # a stray undo is ignored
        # Two sessions interleaved: the first undoes its own entry under the second's.
        ([(1, "accept", None), (2, "reject", None), (3, "undo", 1)], [2], [1]),
        ([(1, "accept", None), (2, "undo", 1), (3, "reject", None), (4, "redo", 1)], [3], []),
    ],
)
def test_undo_stacks_replay(
    entries: list[tuple[int, str, int | None]], undo: list[int], redo: list[int]
) -> None:
    assert undo_stacks(entries) == (undo, redo)
