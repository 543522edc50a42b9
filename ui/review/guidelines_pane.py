"""The annotation guidelines, shown beside the article as rendered Markdown.

By default the pane shows the project's own scheme, ``ui/resources/guidelines.md``
(package data, read with :mod:`importlib.resources`); a team can replace it with its
own Markdown file, which is remembered by whoever persists :attr:`GuidelinesPane.path`
(see ``ui.shell.view_state``).

Wiring (for MainWindow)::

    guidelines = GuidelinesPane()
    dock = QDockWidget("Guidelines"); dock.setWidget(guidelines)
    guidelines.load(view_state.guidelines_path())   # None keeps the default
    guidelines.source_changed.connect(view_state.save_guidelines_path)
    guidelines.message.connect(window.statusBar().showMessage)
    # a "Guidelines > Open file…" menu item: guidelines.open_action

The Markdown is trusted project content (written by the team, not taken from
articles), so it is rendered as rich text; links open in the system browser and
relative images resolve against the file's folder. Threading: main thread; files
are small and read synchronously.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QTextBrowser, QVBoxLayout, QWidget

from ui.shell.action_group import make_action

#: ``choose_file(parent) -> Path | None``: ask for a Markdown file (None: cancelled).
ChooseFile = Callable[[QWidget], Path | None]

#: Larger guideline files are refused: a guideline is pages, not megabytes, and a
#: wrongly chosen file should not freeze the window.
MAX_BYTES = 2_000_000


def default_guidelines() -> str:
    """The project's annotation guidelines (Markdown) shipped with the app."""
    return resources.files("ui").joinpath("resources/guidelines.md").read_text(encoding="utf-8")


def choose_markdown_file(parent: QWidget) -> Path | None:
    """The default :data:`ChooseFile`: a file dialog for Markdown and text files."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Open guidelines", "", "Markdown (*.md *.markdown *.txt);;All files (*)"
    )
    return Path(name) if name else None


def read_guidelines(path: Path) -> str:
    """The Markdown text of ``path``.

    :raises ValueError: with a message naming the file when it cannot be read, is
        too large, or is not UTF-8 text.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValueError(f"{path}: {size:,} bytes is too large for a guidelines file")
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise ValueError(f"{path}: {error.strerror or error}") from None


class GuidelinesPane(QWidget):
    """A read-only Markdown view of the guidelines.

    Signals:
        ``source_changed(str)``: the file now shown ("" for the built-in guidelines).
        ``message(str)``: a line for the status bar (a file that could not be read).
    """

    source_changed = Signal(str)
    message = Signal(str)

    def __init__(
        self, *, choose_file: ChooseFile = choose_markdown_file, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._choose_file = choose_file
        self._path: Path | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setOpenLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)

        self.open_action = make_action(
            self,
            "Open &guidelines file…",
            tip="Show your own Markdown guidelines instead",
            triggered=self.ask_for_file,
        )
        self.default_action = make_action(
            self, "Use the &built-in guidelines", triggered=lambda: self.load(None)
        )
        self.load(None)

    @property
    def path(self) -> Path | None:
        """The file shown, or None for the built-in guidelines."""
        return self._path

    def markdown(self) -> str:
        """The Markdown source currently shown."""
        return self.browser.toMarkdown()

    def load(self, path: Path | str | None) -> bool:
        """Show the guidelines of ``path`` (None: the built-in ones).

        A file that cannot be read leaves the current guidelines in place, emits
        ``message`` naming the file and returns False.
        """
        if path is None or str(path) == "":
            text, chosen = default_guidelines(), None
        else:
            chosen = Path(path)
            try:
                text = read_guidelines(chosen)
            except ValueError as error:
                self.message.emit(f"Guidelines not changed: {error}")
                return False
        self._path = chosen
        folder = chosen.parent if chosen is not None else Path.cwd()
        # Relative links and images in a team's file resolve next to that file.
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(folder) + "/"))
        self.browser.setMarkdown(text)
        self.source_changed.emit(str(chosen) if chosen is not None else "")
        return True

    def ask_for_file(self) -> bool:
        """Ask for a Markdown file and show it; False when cancelled or unreadable."""
        chosen = self._choose_file(self)
        return self.load(chosen) if chosen is not None else False

    def actions(self) -> list[QAction]:  # type: ignore[override]
        """The pane's menu actions."""
        return [self.open_action, self.default_action]
