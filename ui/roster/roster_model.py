"""The table model of one document's speaker roster: key, name, variants, mentions.

:class:`SpeakerRosterModel` holds the rows ``Store.speakers_for(document_id)`` gave
(most mentioned first); the first :data:`NUMBER_KEYS` rows carry the number key that
chooses them. ``ui.roster.roster_panel`` shows it with the roster's actions.
Threading: main thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from quotes.model import Speaker
from ui.plain_tooltips import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex

#: Role returning the row's :class:`Speaker`.
SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role returning the row's speaker id (an ``int``).
SPEAKER_ID_ROLE = Qt.ItemDataRole.UserRole + 2

#: How many speakers have a number key.
NUMBER_KEYS = 9


def distinct_variants(speaker: Speaker) -> list[str]:
    """The speaker's other names, each once regardless of case ("he" and "He"), in
    the store's order, without the name itself."""
    seen = {speaker.name.casefold()}
    distinct = []
    for variant in speaker.variants:
        key = variant.casefold()
        if key not in seen:
            seen.add(key)
            distinct.append(variant)
    return distinct


class SpeakerRosterModel(QAbstractTableModel):
    """One row per roster entry, in the store's order (most mentioned first).

    Columns: the number key (rows 1 to 9), the name, the other ways the text names
    the speaker, and the number of mentions (the extractor's plus the speaker
    mentions of the records attributed to it).
    Read-only: changes go through :mod:`ui.operations.roster_operations` and come back by
    :meth:`set_roster`.
    """

    KEY, NAME, VARIANTS, MENTIONS = range(4)
    HEADERS = ("Key", "Speaker", "Also named", "Mentions")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._speakers: list[Speaker] = []
        self._current_id: int | None = None

    # -- filling ---------------------------------------------------------------------
    def set_roster(self, speakers: list[Speaker]) -> None:
        """Show another roster."""
        self.beginResetModel()
        self._speakers = list(speakers)
        self.endResetModel()

    def set_current_speaker(self, speaker_id: int | None) -> None:
        """Show ``speaker_id`` (the current record's speaker) in bold.

        Nothing is emitted when it already is: this runs on every record change, and
        each ``dataChanged`` makes the views re-read the row.
        """
        if speaker_id == self._current_id:
            return
        rows = {self.row_of(i) for i in (self._current_id, speaker_id)} - {None}
        self._current_id = speaker_id
        for row in rows:
            assert row is not None
            self.dataChanged.emit(
                self.index(row, 0),
                self.index(row, self.columnCount() - 1),
                [Qt.ItemDataRole.FontRole],
            )

    # -- reading ---------------------------------------------------------------------
    def speaker_at(self, row: int) -> Speaker:
        """The speaker of ``row``. :raises IndexError: past the end."""
        return self._speakers[row]

    def speakers(self) -> list[Speaker]:
        """Every row's speaker, in order."""
        return list(self._speakers)

    def row_of(self, speaker_id: int | None) -> int | None:
        """The row of a speaker id, or None when it is not shown."""
        for row, speaker in enumerate(self._speakers):
            if speaker.id is not None and speaker.id == speaker_id:
                return row
        return None

    # -- Qt model interface ------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._speakers)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._speakers):
            return section + 1
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._speakers):
            return None
        row, column = index.row(), index.column()
        speaker = self._speakers[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(speaker, row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            named = ", ".join(distinct_variants(speaker))
            return plain_tooltip(f"{speaker.name}\nalso: {named}" if named else speaker.name)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.KEY, self.MENTIONS):
            return int(Qt.AlignmentFlag.AlignCenter)
        is_current = self._current_id is not None and speaker.id == self._current_id
        if role == Qt.ItemDataRole.FontRole and is_current:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == SPEAKER_ROLE:
            return speaker
        if role == SPEAKER_ID_ROLE:
            return speaker.id
        return None

    def _display(self, speaker: Speaker, row: int, column: int) -> str:
        if column == self.KEY:
            return str(row + 1) if row < NUMBER_KEYS else ""
        if column == self.NAME:
            return speaker.name
        if column == self.VARIANTS:
            return ", ".join(distinct_variants(speaker))
        if column == self.MENTIONS:
            return str(len(speaker.mentions))
        return ""
