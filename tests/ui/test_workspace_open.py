"""Opening a workspace in the GUI (issue 16): another program's database and a zero-byte
file are not taken over, a second GUI on one file is told who holds it, a lock left by
a killed process is taken over, and an older workspace's backup is named."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from sqlite_utils import Database

from storage.migrations import migrations
from storage.workspace_file import inspect_workspace_file
from ui.shell.application import WorkspaceSession
from ui.shell.workspace_lock import WorkspaceLock, lock_path


@contextmanager
def workspace_session(first: Path) -> Iterator[WorkspaceSession]:
    """A session with ``first`` open, closed (store, window, lock) when the block ends."""
    session = WorkspaceSession()
    assert session.open(first)
    try:
        yield session
    finally:
        session.close()
        if session.window is not None:
            session.window.close()


def visible_boxes(session: WorkspaceSession) -> list[QMessageBox]:
    assert session.window is not None
    return [b for b in session.window.findChildren(QMessageBox) if b.isVisible()]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_database_is_refused_with_a_dialog_and_left_untouched(
    qtbot, tmp_path: Path
) -> None:
    foreign = tmp_path / "birds.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE birds (name TEXT)")
    connection.commit()
    connection.close()
    before = digest(foreign)
    with workspace_session(tmp_path / "ws.sqlite") as session:
        window = session.window
        window.workspace_requested.emit(foreign, False)  # File > Open workspace
        assert session.window is window
        boxes = visible_boxes(session)
        assert boxes and "another program" in boxes[0].text() and "birds" in boxes[0].text()
        boxes[0].close()
    assert digest(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("birds")) == ["birds.db"]


def test_a_zero_byte_file_is_made_a_workspace_only_after_asking(qtbot, tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    with workspace_session(tmp_path / "ws.sqlite") as session:
        window = session.window
        window.workspace_requested.emit(empty, False)
        question = session.creation_question
        assert question is not None and "is empty" in question.text()
        question.button(QMessageBox.StandardButton.Cancel).click()
        assert session.window is window and empty.read_bytes() == b""

        window.workspace_requested.emit(empty, False)
        question = session.creation_question
        assert question is not None
        question.button(QMessageBox.StandardButton.Yes).click()
        assert session.window is not window
        assert session.store is not None and session.store.path == empty
    assert inspect_workspace_file(empty).kind == "workspace"


def test_a_second_gui_on_the_same_file_is_told_who_holds_it(qtbot, tmp_path: Path) -> None:
    shared = tmp_path / "shared.sqlite"
    with workspace_session(shared) as first, workspace_session(tmp_path / "b.sqlite") as second:
        window = second.window
        window.workspace_requested.emit(shared, False)
        assert second.window is window  # refused: the second GUI keeps its workspace
        boxes = visible_boxes(second)
        assert boxes and "already open" in boxes[0].text()
        assert f"process {os.getpid()}" in boxes[0].text()
        boxes[0].close()
        assert first.store is not None and first.store.path == shared
    # Closed, the first GUI gave the lock up.
    assert not lock_path(shared).exists()


def test_reopening_the_open_workspace_keeps_its_lock(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite"
    with workspace_session(path) as session:
        window = session.window
        window.workspace_requested.emit(path, False)
        assert session.window is not window, "opened again in a new window"
        assert session.lock is not None and session.lock.held


def test_switching_workspace_gives_the_old_lock_up(qtbot, tmp_path: Path) -> None:
    with workspace_session(tmp_path / "a.sqlite") as session:
        session.window.workspace_requested.emit(tmp_path / "b.sqlite", True)
        assert session.store is not None and session.store.path == tmp_path / "b.sqlite"
        other = WorkspaceLock(tmp_path / "a.sqlite")
        assert other.acquire() is None
        other.release()
        assert WorkspaceLock(tmp_path / "b.sqlite").acquire() is not None


def test_a_lock_left_by_a_killed_process_is_taken_over(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite"
    holder = (
        "import os, signal, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)\n"
        "assert lock.tryLock(0)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", holder, str(lock_path(path))], check=False)
    assert done.returncode == -signal.SIGKILL
    assert lock_path(path).exists(), "the killed process left its lock behind"
    with workspace_session(path) as session:
        assert session.store is not None and session.store.path == path
        assert session.lock is not None and session.lock.held


def test_an_older_workspace_says_where_its_backup_is(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = Database(path)
    migrations.apply(old, stop_before="0003_unquoted_type")
    old.close()
    with workspace_session(path) as session:
        shown = session.window.status_line.currentMessage()
        assert "old.before-0003_unquoted_type.sqlite" in shown


def test_a_smoke_test_on_a_workspace_in_use_fails_at_once_with_the_reason(
    tmp_path: Path,
) -> None:
    # The error box waits for a user the smoke test does not have: it used to sit out
    # the whole 60 s timeout. Now the box's text goes to stderr and the run exits 1.
    shared = tmp_path / "shared.sqlite"
    with workspace_session(shared):
        result = subprocess.run(
            [sys.executable, "app.py", "--db", str(shared), "--smoke-test"],
            cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=45,
        )
    assert result.returncode == 1
    assert "smoke test:" in result.stderr and "already open" in result.stderr
    assert f"process {os.getpid()}" in result.stderr
