"""Which document and which record the annotator is working on.

A small observable model (napari's ``Dims`` style): the panels take it in their
constructor, set it when the user picks something, and follow its signals, so no
panel needs to know about another. Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.shell.collector import collection_paused


class CurrentRecord(QObject):
    """The current document id and the current attribution id (None when none).

    ``document_changed(object)`` fires with the new document id (or None) and is
    always followed by ``attribution_changed(None)``; ``attribution_changed(object)``
    fires with the new attribution id (or None). Setting the same value again does
    not fire, so views may set it from their own selection handlers without loops.
    """

    document_changed = Signal(object)
    attribution_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document_id: int | None = None
        self._attribution_id: int | None = None

    @property
    def document_id(self) -> int | None:
        """The document shown, or None when the workspace is empty."""
        return self._document_id

    @property
    def attribution_id(self) -> int | None:
        """The record selected in the current document, or None."""
        return self._attribution_id

    def set_document(self, document_id: int | None) -> None:
        """Show another document; the current record is cleared.

        The views follow ``document_changed`` with the cycle collector paused.
        """
        if document_id == self._document_id:
            return
        self._document_id = document_id
        self._attribution_id = None
        # The views build the document's objects in their slots (see ui.shell.collector).
        with collection_paused():
            self.document_changed.emit(document_id)
        self.attribution_changed.emit(None)

    def set_attribution(self, attribution_id: int | None) -> None:
        """Select a record of the current document (None clears the selection)."""
        if attribution_id == self._attribution_id:
            return
        self._attribution_id = attribution_id
        self.attribution_changed.emit(attribution_id)
