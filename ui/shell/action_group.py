"""The menus' action groups: one base class, one context, one way to build a ``QAction``.

:class:`ActionGroup` is the base of every menu's action class (``FileActions``,
``AnnotationActions``, ``ReviewActions``, ``EditingActions``, ``SpeakerReview``,
``ViewActions``): it owns the ``message(str)`` signal for the status bar and the
error guard, and takes the window's shared objects as one :class:`ActionContext`,
which the main window builds once.

Every action class of the window (``ui.review.annotation_actions``, ``ui.review.review_actions``,
``ui.review.editing_actions``, ``ui.io.file_actions``, ...) builds its actions with
:func:`make_action`, so keys and tips follow one rule: the status tip is the
line the status bar shows while the menu item is hovered, and the tooltip
repeats it with the keys ("Accept the current record and go to the next (A)").
Threading: main thread only (like any QObject with a parent widget).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from storage.store import Store
from ui.operations.changes import ChangeHub
from ui.shell.current import CurrentRecord
from ui.shell.messages import NO_RECORD, describe_failure, show_error
from ui.shell.write_retries import WriteRetries

if TYPE_CHECKING:
    # Only for the annotations: the article and the table import make_action from here.
    from ui.article.article_view import ArticleView
    from ui.tables.attribution_table import AttributionTableModel

#: What a shortcut may be given as: one key ("Ctrl+E"), a platform key
#: (``QKeySequence.StandardKey.Open``) or several keys, the first the main one.
Shortcut = str | QKeySequence.StandardKey | Sequence[str]


@dataclass(frozen=True)
class ActionContext:
    """What every action group of one window works on (built once by the window).

    :param window: the parent of the groups and of the dialogs and error boxes they open.
    :param store: the main thread's store.
    :param changes: the window's change hub, told after each committed change.
    :param current: the current document and record.
    :param article_view: the article (its selection is what span actions read).
    :param model: the current document's records.
    :param retries: the window's queue of writes that found the workspace locked.
    """

    window: QWidget
    store: Store
    changes: ChangeHub
    current: CurrentRecord
    article_view: ArticleView
    model: AttributionTableModel
    retries: WriteRetries


class ActionGroup(QObject):
    """The base of a menu's action class: its context, status messages and error guard.

    ``message(str)`` carries a line for the status bar (what was done, or why not).
    Subclasses build their ``QAction``s with :func:`make_action` (parented to the
    group) and call one operation per action through :meth:`_guarded`, which keeps
    an action that found the workspace locked and tries it again.
    Threading: main thread only.
    """

    message = Signal(str)

    def __init__(self, context: ActionContext) -> None:
        super().__init__(context.window)
        self._context = context
        self._window = context.window
        self._store = context.store
        self._changes = context.changes
        self._current = context.current
        self._article = context.article_view
        self._model = context.model

    def _guarded(self, action: Callable[[], object], *, title: str = "The action failed") -> bool:
        """Run ``action``; True when it succeeded.

        An error is shown in a message box under ``title``: each store method is one
        transaction, so a failed action changed nothing. A workspace locked by
        another program is no error: the action waits and is tried again
        (``WriteRetries``, which says so in the status bar), and ``False`` is
        returned meanwhile.
        """
        return self._context.retries.run(
            action, on_error=lambda error: show_error(self._window, title, describe_failure(error))
        )

    def _require_record(self) -> int | None:
        """The current record's id, or None after telling the status bar there is none."""
        attribution_id = self._current.attribution_id
        if attribution_id is None:
            self.message.emit(NO_RECORD)
        return attribution_id


def make_action(
    parent: QObject,
    text: str,
    *,
    shortcut: Shortcut | None = None,
    tip: str | None = None,
    triggered: Callable[[], object] | None = None,
    checkable: bool = False,
) -> QAction:
    """A new ``QAction`` owned by ``parent``.

    :param text: the menu text, with ``&`` before the mnemonic letter.
    :param shortcut: the key(s) that trigger it (None: none).
    :param tip: the status tip; when the keys are given as text, the tooltip is
        the tip followed by the keys in brackets (otherwise Qt's default, the text).
    :param triggered: called on ``triggered`` (without the ``checked`` argument).
    :param checkable: whether the action is a checkbox (connect ``toggled`` then).
    """
    action = QAction(text, parent)
    keys = _key_names(shortcut)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcut(QKeySequence(shortcut))
    elif keys:
        action.setShortcuts([QKeySequence(key) for key in keys])
    if tip is not None:
        action.setStatusTip(tip)
        if keys:
            action.setToolTip(f"{tip} ({', '.join(keys)})")
    if triggered is not None:
        action.triggered.connect(lambda _checked=False: triggered())
    action.setCheckable(checkable)
    return action


def _key_names(shortcut: Shortcut | None) -> list[str]:
    """The keys of ``shortcut`` as text (none for a platform key or no shortcut)."""
    if shortcut is None or isinstance(shortcut, QKeySequence.StandardKey):
        return []
    if isinstance(shortcut, str):
        return [shortcut]
    return list(shortcut)
