"""The speaker picker: choose one of the document's speakers, or type a new name.

Typing filters the roster; Enter takes the highlighted speaker, or the typed text
as a new name when nothing matches. Returns a :class:`SpeakerChoice`; the window
turns it into an operation. Threading: main thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from quotes.model import Speaker
from ui.roster.speaker_list import SPEAKER_ROLE, SpeakerListModel


@dataclass(frozen=True, slots=True)
class SpeakerChoice:
    """What the picker returns: a roster speaker, or a new name typed by the user."""

    speaker: Speaker | None = None
    new_name: str | None = None


class SpeakerDialog(QDialog):
    """Pick a speaker for a record.

    :param speakers: the document's roster (most mentioned first).
    :param current_name: the record's present speaker name, preselected.
    """

    def __init__(
        self,
        speakers: list[Speaker],
        *,
        current_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change speaker")
        self._model = SpeakerListModel(speakers, self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setFilterRole(Qt.ItemDataRole.EditRole)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Type to filter, or a new name…")
        self.filter_edit.setClearButtonEnabled(True)
        self.list_view = QListView(self)
        self.list_view.setModel(self._proxy)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        hint = QLabel(
            "Enter picks the highlighted speaker; with no match, the typed name is added.", self
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list_view)
        layout.addWidget(hint)
        layout.addWidget(buttons)

        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.list_view.doubleClicked.connect(lambda _index: self.accept())
        self.filter_edit.installEventFilter(self)
        self._select_first(current_name)

    def choice(self) -> SpeakerChoice | None:
        """The picked speaker, or the typed new name; None when neither."""
        index = self.list_view.currentIndex()
        if index.isValid():
            return SpeakerChoice(speaker=index.data(SPEAKER_ROLE))
        typed = " ".join(self.filter_edit.text().split())
        return SpeakerChoice(new_name=typed) if typed else None

    def _on_filter_changed(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        self._select_first(None)

    def _select_first(self, name: str | None) -> None:
        for row in range(self._proxy.rowCount()):
            index = self._proxy.index(row, 0)
            if name is None or index.data(SPEAKER_ROLE).name == name:
                self.list_view.setCurrentIndex(index)
                return
        if name is not None and self._proxy.rowCount():
            self.list_view.setCurrentIndex(self._proxy.index(0, 0))
        elif self._proxy.rowCount() == 0:
            self.list_view.setCurrentIndex(self._proxy.index(-1, -1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down in the filter box move through the list, so the hands stay on the keys.
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                last = self._proxy.rowCount() - 1
                row = min(max(self.list_view.currentIndex().row() + step, 0), last)
                if row >= 0:
                    self.list_view.setCurrentIndex(self._proxy.index(row, 0))
                return True
        return super().eventFilter(watched, event)
