"""Opening workspaces: first run, switching, and failures that keep the current one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from storage.store import Store
from ui.shell.application import WorkspaceSession


@contextmanager
def workspace_session(*, annotator: str = "annotator") -> Iterator[WorkspaceSession]:
    """A :class:`WorkspaceSession`, closed (store and window) when the block ends."""
    session = WorkspaceSession(annotator=annotator)
    try:
        yield session
    finally:
        session.close()
        if session.window is not None:
            session.window.close()


def test_a_new_workspace_is_seeded_with_the_samples(qtbot, tmp_path: Path) -> None:
    with workspace_session() as session:
        assert session.open(tmp_path / "first.sqlite", seed_samples=True)
        window = session.window
        assert window is not None and window.isVisible()
        assert window.document_model.rowCount() >= 3
        # The first sample is shown with its pre-annotations highlighted.
        assert window.current.document_id == window.document_model.first_document_id()
        assert window.attribution_model.rowCount() > 0
        assert window.article_view.highlighter.ranges_for(
            window.attribution_model.attribution_at(0).id
        )


def test_switching_workspace_replaces_the_window(qtbot, tmp_path: Path) -> None:
    with workspace_session() as session:
        assert session.open(tmp_path / "a.sqlite", seed_samples=True)
        first = session.window
        assert first is not None
        first.workspace_requested.emit(tmp_path / "b.sqlite", True)
        assert session.window is not first and not first.isVisible()
        assert session.window is not None and session.window.document_model.rowCount() == 0
        assert "— b.sqlite —" in session.window.windowTitle()


def test_new_workspace_refuses_an_existing_file(qtbot, tmp_path: Path) -> None:
    with workspace_session() as session:
        assert session.open(tmp_path / "a.sqlite")
        window = session.window
        existing = tmp_path / "keep.txt"
        existing.write_text("precious")
        assert not session.open(existing, create=True)
        assert session.window is window  # the open workspace stays
        assert existing.read_text() == "precious"
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert boxes and "already exists" in boxes[0].text()
        boxes[0].close()


def test_a_file_that_is_not_a_workspace_is_refused(qtbot, tmp_path: Path) -> None:
    with workspace_session() as session:
        assert session.open(tmp_path / "a.sqlite")
        window = session.window
        junk = tmp_path / "junk.sqlite"
        junk.write_bytes(b"this is not a database, just some bytes" * 20)
        assert not session.open(junk)
        assert session.window is window
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert boxes and "junk.sqlite" in boxes[0].text()
        assert junk.read_bytes().startswith(b"this is not a database")
        boxes[0].close()


def test_the_annotator_name_is_recorded_on_decisions(qtbot, tmp_path: Path) -> None:
    with workspace_session(annotator="ana") as session:
        assert session.open(tmp_path / "named.sqlite", seed_samples=True)
        window = session.window
        assert window is not None
        window.attribution_panel.select_next()
        record = window.current.attribution_id
        window.annotation_actions.accept.trigger()
        with Store(tmp_path / "named.sqlite") as other:
            assert other.attribution(record).annotator == "ana"
