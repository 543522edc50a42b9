"""Taking the annotator somewhere: a search hit, the last position, the first document.

The counterpart of ``ui.operations.attribution_operations`` for moves that write
nothing: each function sets :class:`CurrentRecord` (and the article's selection),
and the views follow its signals. The window's slots are one line that calls one of these.
Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from quotes.model import Span
from storage.store import Store
from ui.article.article_view import ArticleView
from ui.shell.current import CurrentRecord
from ui.tables.attribution_table import AttributionTableModel
from ui.tables.document_list import DocumentListModel


def open_hit(
    *,
    current: CurrentRecord,
    article_view: ArticleView,
    document_id: int,
    start: int | None,
    end: int | None,
) -> None:
    """Show ``document_id`` with ``start``..``end`` selected (a search hit; no
    selection when the hit has no extent) and give the article the focus."""
    current.set_document(document_id)
    if start is not None and end is not None and end > start:
        article_view.select_span(Span(start, end))
    # The review keys act on the article, not on the search box.
    article_view.setFocus(Qt.FocusReason.OtherFocusReason)


def open_position(
    *,
    store: Store,
    current: CurrentRecord,
    records: AttributionTableModel,
    document_id: int,
    attribution_id: int | None,
) -> bool:
    """Show a remembered document and, if it still has it, record.

    :returns: False (and nothing changed) when the document has left the workspace.
    """
    try:
        store.document(document_id)
    except KeyError:
        return False
    current.set_document(document_id)
    if records.row_of(attribution_id) is not None:
        current.set_attribution(attribution_id)
    return True


def open_first_document(
    *, current: CurrentRecord, documents: DocumentListModel, unless_open: bool = False
) -> None:
    """Show the first document of the list (none in an empty workspace).

    :param unless_open: leave the current document alone if there is one (after
        an import into an empty workspace, its first document shows).
    """
    if unless_open and current.document_id is not None:
        return
    current.set_document(documents.first_document_id())
