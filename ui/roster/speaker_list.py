"""A list model over a document's speaker roster.

Used by the speaker picker now and by the roster panel later (issue 4), so both
show the same rows: the name, with the mention count. Threading: main thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from quotes.model import Speaker
from ui.plain_tooltips import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex

#: Role returning the row's :class:`Speaker`.
SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 1


class SpeakerListModel(QAbstractListModel):
    """Speakers as rows, in the order given (the store gives most mentioned first)."""

    def __init__(self, speakers: list[Speaker] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._speakers: list[Speaker] = list(speakers or [])

    def set_speakers(self, speakers: list[Speaker]) -> None:
        """Show another roster."""
        self.beginResetModel()
        self._speakers = list(speakers)
        self.endResetModel()

    def speaker_at(self, row: int) -> Speaker:
        """The speaker of ``row``."""
        return self._speakers[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._speakers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._speakers):
            return None
        speaker = self._speakers[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(speaker.mentions)
            return f"{speaker.name}  ({count})" if count else speaker.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(", ".join(speaker.variants) or speaker.name)
        if role == Qt.ItemDataRole.EditRole:
            # What the filter matches: the name and every variant.
            return " ".join((speaker.name, *speaker.variants))
        if role == SPEAKER_ROLE:
            return speaker
        return None
