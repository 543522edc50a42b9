"""The one "something changed" signal that every view listens to.

Operations (``ui/operations/``) and finished workers emit ``changed(kind, ids)``
after their transaction is committed; each view refreshes only what concerns it
(Anki's ``operation_did_execute``). Threading: emit on the main thread only.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QObject, Signal


class ChangeKind(StrEnum):
    """What kind of object the ``ids`` of a change name."""

    #: Attributions were added, edited or removed; ``ids`` are attribution ids.
    ATTRIBUTIONS = "attributions"
    #: Documents were edited (status, counts); ``ids`` are document ids.
    DOCUMENTS = "documents"
    #: Documents were added or removed (import); ``ids`` is empty: reload the list.
    WORKSPACE = "workspace"
    #: A document's speaker roster changed; ``ids`` are document ids.
    SPEAKERS = "speakers"


class ChangeHub(QObject):
    """Broadcasts committed changes to the views of one workspace.

    ``changed`` carries a :class:`ChangeKind` value (as ``str``) and a tuple of ids.
    """

    changed = Signal(str, object)

    def notify(self, kind: ChangeKind, ids: Iterable[int] = ()) -> None:
        """Tell every view that the objects of ``kind`` with ``ids`` changed."""
        self.changed.emit(str(kind), tuple(ids))
