"""Re-suggest (``jobs.resuggesting``): documents not done get the rules' and the
model's suggestions as candidates; reviewed records and done documents stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobs.importing import import_articles
from jobs.resuggesting import resuggest_documents
from jobs.training import workspace_model
from quotes.extract import extract
from quotes.model import Article, DocumentStatus, Status
from storage.store import Store
from tests.learning_support import NEW_TEXT, trained_workspace


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trained_workspace(tmp_path_factory.mktemp("trained") / "w.sqlite")


@pytest.fixture
def workspace(trained: Path, tmp_path: Path) -> Path:
    """The trained workspace plus three documents imported with the rules alone."""
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(trained, copy)
    with Store(copy, annotator="ana") as store:
        texts = [NEW_TEXT.replace("City", f"Town {n}") for n in range(3)]
        import_articles(store, [Article(text=t, title=f"new {n}") for n, t in enumerate(texts)])
    return copy


def _new_documents(store: Store) -> list[int]:
    return [s.id for s in store.document_summaries() if s.title.startswith("new")]


def test_unreviewed_documents_get_learned_candidates(workspace: Path) -> None:
    with Store(workspace, annotator="ana") as store:
        ids = _new_documents(store)
        assert all("learned" not in {a.rule for a in store.attributions_for(i)} for i in ids)
        report = resuggest_documents(store, ids, model=workspace_model(store))
        rules = [[a.rule for a in store.attributions_for(i)] for i in ids]
    assert (report.changed, report.learned, report.used_model) == (3, 3, True)
    assert all(r.count("learned") == 1 for r in rules)
    assert "learned model" in report.summary()


def test_reviewed_records_and_done_documents_are_never_touched(workspace: Path) -> None:
    with Store(workspace, annotator="ana") as store:
        first, second, third = _new_documents(store)
        decided = store.attributions_for(first)[0]
        assert decided.id is not None
        store.reject_attribution(decided.id)
        kept = store.attribution(decided.id)
        for record in store.attributions_for(second):
            assert record.id is not None
            store.accept_attribution(record.id)
        store.set_document_status(second, DocumentStatus.DONE)
        done_before = store.attributions_for(second)
        report = resuggest_documents(store, None, model=workspace_model(store))
        assert store.attribution(decided.id) == kept
        assert store.attributions_for(second) == done_before
        # The rejected passage is not suggested again; the learned one is new.
        first_records = store.attributions_for(first)
        assert [a.status for a in first_records] == [Status.REJECTED, Status.CANDIDATE]
        assert first_records[1].rule == "learned"
    assert report.done == 1 and report.overlapping >= 1
    assert third in report.changed_ids and second not in report.changed_ids


def test_each_document_is_one_undo_step(workspace: Path) -> None:
    with Store(workspace, annotator="ana") as store:
        first = _new_documents(store)[0]
        before = store.attributions_for(first)
        resuggest_documents(store, [first], model=workspace_model(store))
        assert store.attributions_for(first) != before
        entry = store.undo()
        assert entry is not None and entry.action == "resuggest"
        assert store.attributions_for(first) == before


def test_without_a_model_re_suggest_gives_the_rules_alone(workspace: Path) -> None:
    with Store(workspace, annotator="ana") as store:
        first = _new_documents(store)[0]
        report = resuggest_documents(store, [first], model=None)
        rules = [a.rule for a in store.attributions_for(first)]
    assert report.unchanged == 1 and not report.used_model
    assert rules == [a.rule for a in extract(store_text(workspace, first)).attributions]


def store_text(path: Path, document_id: int) -> str:
    with Store(path) as store:
        return store.document(document_id).text


def test_cancel_stops_between_documents(workspace: Path) -> None:
    with Store(workspace, annotator="ana") as store:
        ids = _new_documents(store)
        seen: list[int] = []
        report = resuggest_documents(
            store,
            ids,
            model=workspace_model(store),
            progress=seen.append,
            is_cancelled=lambda: len(seen) >= 1,
        )
    assert report.cancelled and report.changed == 1 and seen == [1]
