"""Starting the GUI from the command: the app's identity (icon, desktop entry) and the
``--smoke-test`` run that proves an install or a bundle can show its window.

The QApplication is made here, before :func:`ui.shell.application.run_gui` (which uses the
one that exists), so the icon and the desktop-file name are set before any window.
Threading: main thread only.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from quote_annotator import __version__
from quotes.lexicon import Lexicon

#: Matches the bundle's ``quote-annotator.desktop``, so Wayland and the dock
#: group the window under its desktop entry and icon.
DESKTOP_FILE_NAME = "quote-annotator"
#: How long the smoke test waits for the main window before it fails.
SMOKE_TEST_TIMEOUT_MS = 60_000


def app_icon() -> QIcon:
    """The application icon, read from package data (works from a wheel or a bundle)."""
    data = resources.files("quote_annotator.resources").joinpath("icon.png").read_bytes()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "PNG")
    return QIcon(pixmap)


def shown_main_window(app: QApplication) -> QMainWindow | None:
    """The visible main window, or None while there is none."""
    for widget in app.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            return widget
    return None


def _schedule_smoke_exit(app: QApplication) -> None:
    """Quit with 0 once a main window is shown, painted and has the icon; else with 1:
    at once when an error box comes up instead (a workspace in use, a foreign file),
    with its text on stderr, rather than wait for nobody to close it."""

    def check() -> None:
        window = shown_main_window(app)
        if window is None:
            box = app.activeModalWidget()
            if isinstance(box, QMessageBox) and box.isVisible():
                poll.stop()
                print(f"smoke test: {box.text()}", file=sys.stderr, flush=True)
                app.exit(1)
            return
        window.repaint()  # fails loudly here, not later, if painting is broken
        poll.stop()
        if window.windowIcon().isNull():  # the icon is package data: a packaging check
            print("smoke test: the window has no icon", file=sys.stderr, flush=True)
            app.exit(1)
            return
        print(f"smoke test: shown {window.windowTitle()!r}", flush=True)
        app.exit(0)

    def give_up() -> None:
        print("smoke test: no main window was shown", file=sys.stderr, flush=True)
        app.exit(1)

    poll = QTimer(app)
    poll.setInterval(50)
    poll.timeout.connect(check)
    poll.start()
    QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, give_up)


def start_gui(
    db_path: Path,
    *,
    seed_samples: bool,
    annotator: str,
    warning: str | None,
    layer: str | None = None,
    lexicon: Lexicon | None = None,
    smoke_test: bool = False,
) -> int:
    """Open the annotator on ``db_path`` and run until it closes; return the exit code.

    :param layer: the annotation layer to open in (``--annotator NAME``: NAME's);
        None: the workspace's default layer.
    :param lexicon: the cues imports pre-annotate with (None: the shipped ones).
    :param smoke_test: quit as soon as the main window is shown (exit code 0), or
        with 1 when none appears; everything up to that is the real start-up.
    """
    from ui.shell.application import run_gui

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    if smoke_test:
        _schedule_smoke_exit(app)
    return run_gui(
        db_path,
        seed_samples=seed_samples,
        annotator=annotator,
        layer=layer,
        lexicon=lexicon,
        warning=warning,
    )
