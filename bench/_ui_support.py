"""What the GUI benchmarks share: an offscreen application, the real window on a
temporary workspace, and a driver that sends real input events and counts them.

``bench/efficiency.py`` counts the annotator's key presses and mouse clicks through
:class:`CountingDriver`; ``bench/ui_latency.py`` times the window. Both drive the real
widgets with ``QTest`` events, so a shortcut that does not reach its ``QAction`` (focus,
context, a key eaten by the text view) shows up as a failure here, as it would for a
user. Threading: main thread only, like the widgets.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# Before PySide6 is imported: the benchmarks run headless, and must never find nltk
# data by chance (the app may not need it; see tests/conftest.py).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NLTK_DATA", tempfile.mkdtemp(prefix="empty-nltk-data-"))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from storage.store import Store
from ui.shell.main_window import MainWindow

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


_SETTINGS = tempfile.mkdtemp(prefix="bench-settings-")
# Removed at exit: every benchmark run made one, and they piled up in the temp folder.
atexit.register(shutil.rmtree, _SETTINGS, ignore_errors=True)


def application() -> QApplication:
    """The process's QApplication (created on first call).

    QSettings point at a private temporary folder, so the user's zoom, layout or
    "snap to words" choice cannot change what a benchmark measures, and a benchmark
    never writes into them.
    """
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, _SETTINGS)
    app = QApplication.instance()
    if app is None:
        app = QApplication(["bench"])
    assert isinstance(app, QApplication)
    return app


def process_until(done: Callable[[], bool], timeout_s: float = 5.0) -> bool:
    """Process events until ``done()`` holds or ``timeout_s`` passes; returns ``done()``."""
    app = application()
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            return done()
        app.processEvents()
    return True


class PaintWatch(QObject):
    """Counts the paint events a widget receives (installed as its event filter)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False

    def painted_since(self, before: int) -> bool:
        """Whether a paint came after the count ``before``."""
        return self.paints > before

    def wait_for_paint(self, before: int) -> None:
        """Process events until a paint after the count ``before`` has been handled."""
        if not process_until(functools.partial(self.painted_since, before), timeout_s=30.0):
            raise RuntimeError("the view was never painted")


@contextmanager
def quiet_qt_warnings() -> Iterator[None]:
    """Silence the offscreen platform's "does not support propagateSizeHints()" noise.

    Every other Qt message still reaches stderr.
    """

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


@contextmanager
def workspace_file() -> Iterator[Path]:
    """A fresh workspace path in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="bench-workspace-") as folder:
        yield Path(folder) / "workspace.sqlite"


@contextmanager
def open_window(store: Store) -> Iterator[MainWindow]:
    """The real main window on ``store``, shown, exposed and active (shortcuts need it)."""
    window = MainWindow(store)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    process_until(window.isActiveWindow)
    try:
        yield window
    finally:
        window.close()
        window.deleteLater()
        application().processEvents()


def plain_label(action: QAction) -> str:
    """An action's text without the mnemonic ampersand and the trailing ellipsis."""
    return action.text().replace("&", "").rstrip("…. ").strip()


def window_actions(window: QWidget) -> list[QAction]:
    """Every action that has a shortcut in ``window`` (menus and widgets alike)."""
    found: dict[int, QAction] = {}
    for action in window.findChildren(QAction):
        if not action.shortcut().isEmpty():
            found[id(action)] = action
    return list(found.values())


def find_action(window: QWidget, pattern: str) -> QAction | None:
    """The enabled-or-not action with a shortcut whose label matches ``pattern``
    (a case-insensitive regular expression searched in the label), or None."""
    wanted = re.compile(pattern, re.IGNORECASE)
    for action in window_actions(window):
        if wanted.search(plain_label(action)):
            return action
    return None


@dataclass
class CountingDriver:
    """Sends real key and mouse events to the window and counts them.

    Each key press (a chord such as Ctrl+Z is one press), each click and each drag
    (press, move, release: one gesture) is one action. Actions are charged to the
    current ``account`` (``charge_to``), so the caller can tell what each record cost;
    ``log`` keeps what was pressed, for the printed trace.
    """

    window: MainWindow
    counts: Counter[str] = field(default_factory=Counter)
    log: list[tuple[str, str]] = field(default_factory=list)
    account: str = "unassigned"

    def charge_to(self, account: str) -> None:
        """Charge the following actions to ``account``."""
        self.account = account

    def _count(self, what: str) -> None:
        self.counts[self.account] += 1
        self.log.append((self.account, what))

    def focus_widget(self) -> QWidget:
        """Where a key press goes: the focused widget, else the article view."""
        focused = QApplication.focusWidget()
        return focused if focused is not None else self.window.article_view

    def press(self, sequence: str | QKeySequence) -> None:
        """Press one key chord (``"A"``, ``"Ctrl+Z"``, ``"Shift+Right"``) where the focus is."""
        keys = QKeySequence(sequence)
        if keys.isEmpty():
            raise ValueError(f"not a key sequence: {sequence!r}")
        self._count(keys.toString())
        QTest.keySequence(self.focus_widget(), keys)
        application().processEvents()

    def trigger(self, action: QAction) -> None:
        """Press ``action``'s first shortcut, as the annotator would."""
        self.press(action.shortcut())

    def _point_of(self, view: QPlainTextEdit, qt_position: int) -> QPoint:
        cursor = QTextCursor(view.document())
        cursor.setPosition(qt_position)
        rect = view.cursorRect(cursor)
        return QPoint(rect.left() + 1, rect.center().y())

    def scroll_to(self, view: QPlainTextEdit, qt_position: int) -> None:
        """Bring ``qt_position`` into view (wheel scrolling: not counted as a decision).

        A reader scrolls to see the words before selecting them; the count is of the
        decisions' keys and clicks, so scrolling is done here without charging.
        """
        cursor = QTextCursor(view.document())
        cursor.setPosition(qt_position)
        bar = view.verticalScrollBar()
        # The scroll bar counts blocks or lines depending on wrapping: step it until
        # the position shows rather than computing a value.
        for _ in range(bar.maximum() + 1):
            rect = view.cursorRect(cursor)
            area = view.viewport().rect()
            if rect.top() < area.top() and bar.value() > bar.minimum():
                bar.setValue(bar.value() - 1)
            elif rect.bottom() > area.bottom() and bar.value() < bar.maximum():
                bar.setValue(bar.value() + 1)
            else:
                return

    def drag_select(self, view: QPlainTextEdit, qt_start: int, qt_end: int) -> None:
        """Select ``[qt_start, qt_end)`` with one mouse drag in ``view``: one action."""
        self.scroll_to(view, qt_end)
        self.scroll_to(view, qt_start)
        start = self._point_of(view, qt_start)
        end = self._point_of(view, qt_end)
        self.drag(view, start, end, f"drag {qt_start}-{qt_end}")

    def drag(self, view: QPlainTextEdit, start: QPoint, end: QPoint, what: str) -> None:
        """One mouse drag in ``view``'s viewport from ``start`` to ``end``: one action."""
        viewport = view.viewport()
        self._count(what)
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        # Intermediate moves, so the view sees a drag (it starts past a small distance).
        steps = 4
        for step in range(1, steps + 1):
            QTest.mouseMove(viewport, start + (end - start) * step / steps)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
        application().processEvents()

    def point_on_screen(self, view: QPlainTextEdit, qt_position: int) -> QPoint:
        """Where ``qt_position`` is in ``view``'s viewport as it is scrolled now (outside
        the viewport when it is not shown)."""
        return self._point_of(view, qt_position)

    def point_of(self, view: QPlainTextEdit, qt_position: int) -> QPoint:
        """Where to point in ``view``'s viewport to land at ``qt_position`` (scrolled to)."""
        self.scroll_to(view, qt_position)
        return self._point_of(view, qt_position)

    def click(self, view: QPlainTextEdit, qt_position: int) -> None:
        """One left click at ``qt_position`` in ``view``: one action."""
        self.scroll_to(view, qt_position)
        point = self._point_of(view, qt_position)
        self._count(f"click {qt_position}")
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
        application().processEvents()

    def total(self) -> int:
        """Every action counted so far."""
        return sum(self.counts.values())
