"""The shortcut cheat sheet, opened with ``?``, built from the app's own QActions.

Nothing here lists a key by hand: the sheet reads each action's ``shortcuts()``,
text and menu when it opens, so it cannot drift from the menus. Actions without a
shortcut are left out; ``None`` entries (menu separators) are skipped.

Wiring (for MainWindow)::

    sheet = CheatSheet(window, lambda: menu_actions(window.menuBar()) + roster.actions())
    help_menu.addAction(sheet.action)

:class:`CheatSheet` owns a QAction with the ``?`` shortcut that opens (or raises)
one non-modal :class:`CheatSheetDialog`. A focused text field keeps its
``?``: Qt gives it plain keys before any shortcut. Threading: main thread only.

``?`` is typed with Shift on most layouts, and platforms differ in whether the key
event then says ``Shift+?`` (offscreen, some X11 set-ups) or ``?`` (Shift used up
by the symbol). The action listens to both; where a platform matches both at once,
Qt calls the match ambiguous and would do nothing, so :class:`EitherKeyAction`
treats an ambiguous match between its own keys as a press.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcutEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMenuBar,
    QVBoxLayout,
    QWidget,
)

from ui.tables.row_tables import RowTableModel, read_only_table_view

#: What the cheat sheet is given: actions (grouped by the menu that holds them), or
#: groups of actions by name. ``None`` stands for a separator and is skipped.
ActionSource = Iterable[QAction | None] | Mapping[str, Iterable[QAction | None]]

#: The group of actions that are in no menu (roster keys, panel shortcuts).
OTHER_GROUP = "Other"

#: The keys that open the sheet: ``?`` as keyboards send it, with or without Shift.
SHEET_KEYS = ("?", "Shift+?")


class EitherKeyAction(QAction):
    """A QAction with several keys that also fires when the platform matched two of
    them for one key press (Qt reports that as ambiguous and triggers nothing)."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Shortcut
            and isinstance(event, QShortcutEvent)
            and event.isAmbiguous()
            and event.key() in self.shortcuts()
        ):
            self.trigger()
            return True
        return super().event(event)


@dataclass(frozen=True, slots=True)
class ShortcutEntry:
    """One line of the cheat sheet."""

    keys: str
    action: str
    group: str
    tip: str = ""


def plain_text(menu_text: str) -> str:
    """A menu text without its ``&`` mnemonic marks and trailing ellipsis."""
    text = menu_text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def menu_of(action: QAction) -> str:
    """The title of the first menu holding ``action`` ("" when it is in none)."""
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu) and owner.title():
            return plain_text(owner.title())
    return ""


def menu_actions(menu_bar: QMenuBar) -> list[QAction]:
    """Every action of a menu bar's menus and sub-menus, in menu order."""
    found: list[QAction] = []

    def walk(actions: Iterable[QAction]) -> None:
        for action in actions:
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu.actions())
            elif not action.isSeparator():
                found.append(action)

    walk(menu_bar.actions())
    return found


def shortcut_entries(source: ActionSource) -> list[ShortcutEntry]:
    """The cheat sheet's lines for ``source``, each action once, in the given order.

    Keys are in the platform's notation (``Ctrl+M``, ``⌘M`` on macOS); an action with
    several shortcuts lists them all, except a Shift variant of a symbol it also has
    (``Shift+?`` beside ``?``: the same keys pressed, see :class:`EitherKeyAction`).
    """
    groups: Iterable[tuple[str | None, Iterable[QAction | None]]]
    if isinstance(source, Mapping):
        groups = list(source.items())
    else:
        groups = [(None, source)]
    entries: list[ShortcutEntry] = []
    seen: set[int] = set()
    for group, actions in groups:
        for action in actions:
            if action is None or id(action) in seen or not action.shortcuts():
                continue
            seen.add(id(action))
            keys = ", ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText)
                for key in _distinct_keys(action.shortcuts())
            )
            entries.append(
                ShortcutEntry(
                    keys=keys,
                    action=plain_text(action.text()),
                    group=group if group is not None else (menu_of(action) or OTHER_GROUP),
                    tip=action.statusTip(),
                )
            )
    return entries


class ShortcutTableModel(RowTableModel[ShortcutEntry]):
    """The cheat sheet's rows: keys, action, menu. Read-only."""

    KEYS, ACTION, GROUP = range(3)
    HEADERS = ("Keys", "Action", "Menu")

    def entries(self) -> list[ShortcutEntry]:
        """Every row, in order."""
        return self.rows()

    def cell(self, entry: ShortcutEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.keys, entry.action, entry.group)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.tip or None
        return None


def _distinct_keys(keys: list[QKeySequence]) -> list[QKeySequence]:
    """``keys`` without a ``Shift+`` variant of another of them (``Shift+?`` of ``?``)."""
    plain = {key.toString() for key in keys}
    return [
        key for key in keys if key.toString().removeprefix("Shift+") not in plain - {key.toString()}
    ]


class CheatSheetDialog(QDialog):
    """Every shortcut of the given actions, with a filter box (type to narrow)."""

    def __init__(self, source: ActionSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.model = ShortcutTableModel(shortcut_entries(source), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # match keys, action and menu alike
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter shortcuts…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = read_only_table_view(self.proxy, self)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ShortcutTableModel.ACTION, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def visible_entries(self) -> list[ShortcutEntry]:
        """The rows the filter lets through, in order."""
        rows = (
            self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            for r in range(self.proxy.rowCount())
        )
        entries = self.model.entries()
        return [entries[r] for r in rows]


class CheatSheet(QObject):
    """The "Keyboard shortcuts" action (key ``?``) and the sheet it opens.

    ``actions`` is called each time the sheet opens, so it shows the shortcuts as
    they are then. One sheet at a time: ``?`` again raises the open one.
    """

    def __init__(
        self,
        parent: QWidget,
        actions: Callable[[], ActionSource],
        *,
        shortcut: str | tuple[str, ...] = SHEET_KEYS,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._actions = actions
        self.dialog: CheatSheetDialog | None = None
        keys = [shortcut] if isinstance(shortcut, str) else list(shortcut)
        self.action = EitherKeyAction("&Keyboard shortcuts", parent)
        self.action.setShortcuts([QKeySequence(key) for key in keys])
        self.action.setStatusTip("List every keyboard shortcut")
        self.action.setToolTip(f"List every keyboard shortcut ({keys[0]})")
        self.action.triggered.connect(lambda _checked=False: self.open())
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        parent.addAction(self.action)

    def open(self) -> CheatSheetDialog:
        """Show the sheet (built afresh unless it is open already); return it."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        if self.dialog is not None:
            self.dialog.deleteLater()  # a closed sheet may show stale keys
        self.dialog = CheatSheetDialog(self._actions(), self._window)
        self.dialog.show()
        self.dialog.filter_edit.setFocus()
        return self.dialog
