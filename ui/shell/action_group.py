"""One way to build a menu ``QAction``: text, keys, status tip, slot.

Every action class of the window (``ui.review.annotation_actions``, ``ui.review.review_actions``,
``ui.review.editing_actions``, ``ui.io.file_actions``, ...) builds its actions with
:func:`make_action`, so keys and tips follow one rule: the status tip is the
line the status bar shows while the menu item is hovered, and the tooltip
repeats it with the keys ("Accept the current record and go to the next (A)").
Threading: main thread only (like any QObject with a parent widget).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

#: What a shortcut may be given as: one key ("Ctrl+E"), a platform key
#: (``QKeySequence.StandardKey.Open``) or several keys, the first the main one.
Shortcut = str | QKeySequence.StandardKey | Sequence[str]


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
