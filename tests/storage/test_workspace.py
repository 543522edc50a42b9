"""File workspaces: reopening keeps state, a second connection sees commits, defaults."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from quotes.model import Article, DocumentStatus, Span
from storage.migrations import WorkspaceError
from storage.store import Store
from storage.workspace import default_workspace_path
from tests.storage.conftest import NEWS, add_articles


def test_closing_and_reopening_keeps_everything(workspace_file: Path):
    store = Store(workspace_file, annotator="ana")
    add_articles(store, [Article(text=NEWS, title="Cup")])
    document_id = store.document_summaries()[0].id
    first, second = (a.id or 0 for a in store.attributions_for(document_id))
    store.accept_attribution(first)
    store.set_speaker(second, mention=Span(37, 40), name="Someone")
    store.set_document_status(document_id, DocumentStatus.DONE)
    state = (
        store.document_summaries(),
        store.attributions_for(document_id),
        store.speakers_for(document_id),
        store.history(),
    )
    store.close()

    reopened = Store(workspace_file, annotator="ana")
    assert (
        reopened.document_summaries(),
        reopened.attributions_for(document_id),
        reopened.speakers_for(document_id),
        reopened.history(),
    ) == state
    assert reopened.path == workspace_file
    reopened.close()


def test_a_second_store_sees_what_the_first_committed(workspace_file: Path) -> None:
    # The pattern of an import worker: its own store on the same file.
    ui = Store(workspace_file)
    worker = Store(workspace_file)
    add_articles(worker, [Article(text="From the worker.")], preannotate=False)
    assert [s.length for s in ui.document_summaries()] == [len("From the worker.")]
    worker.close()
    ui.close()


def test_an_in_memory_store_has_no_path() -> None:
    assert Store(None).path is None


def test_a_store_refuses_a_file_that_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(WorkspaceError, match=r"photo\.jpg"):
        Store(path)


def test_a_store_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "w.sqlite"
    Store(path).close()
    assert path.exists()


def test_the_default_workspace_lives_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = default_workspace_path()
    assert path.name == "workspace.sqlite"
    assert "QuoteAnnotator" in path.parts
    if sys.platform.startswith("linux"):
        assert path.is_relative_to(tmp_path)
        store = Store.open_default()
        assert store.path == path and path.exists()
        store.close()


def test_iter_documents_streams_every_document_with_its_attributions(
    store: Store, news_id: int
) -> None:
    add_articles(store, [Article(text=f"article number {n}") for n in range(450)])
    seen = list(store.iter_documents())
    assert len(seen) == 451
    assert [d.id for d, _ in seen] == sorted(d.id for d, _ in seen)
    document, attributions = seen[0]
    assert document.text == NEWS
    assert attributions == store.attributions_for(news_id)


def test_iter_documents_filters_by_status(store: Store, news_id: int) -> None:
    add_articles(store, [Article(text="still new")])
    store.set_document_status(news_id, DocumentStatus.DONE)
    assert [d.id for d, _ in store.iter_documents(DocumentStatus.DONE)] == [news_id]
    assert [d.text for d, _ in store.iter_documents(DocumentStatus.NEW)] == ["still new"]


def test_storage_needs_no_qt() -> None:
    code = (
        "import sys, storage.store, storage.samples, storage.workspace;"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_writes_take_the_write_lock_up_front(store: Store, first_id: int) -> None:
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    store.accept_attribution(first_id)
    store._conn.set_trace_callback(None)
    assert statements[0] == "BEGIN IMMEDIATE"
    assert "COMMIT" in statements


def test_an_action_waits_for_a_worker_import_and_then_commits(workspace_file: Path) -> None:
    ui = Store(workspace_file, annotator="ana")
    add_articles(ui, [Article(text='Ana said "yes indeed" loudly.')])
    document_id = ui.document_summaries()[0].id
    attribution_id = ui.attributions_for(document_id)[0].id or 0
    importing = threading.Event()
    errors: list[BaseException] = []

    def work() -> None:
        worker = Store(workspace_file, annotator="ana")  # its own connection
        try:

            def slow_progress(read: int) -> None:
                importing.set()
                time.sleep(0.3)  # hold the write lock a little

            add_articles(worker, [Article(text="Imported by the worker.")], progress=slow_progress)
        except BaseException as error:  # reported to the main thread
            errors.append(error)
        finally:
            worker.close()

    thread = threading.Thread(target=work)
    thread.start()
    assert importing.wait(5)
    accepted = ui.accept_attribution(attribution_id)  # waits for the worker's commit
    thread.join(5)

    assert errors == []
    assert accepted.status == "accepted"
    assert ui.document_count() == 2
    ui.close()
