"""Taking the annotator somewhere: a search hit, the last position, the first document,
the next unreviewed record.

The counterpart of ``ui.operations.attribution_operations`` for moves that write
nothing: each function sets :class:`CurrentRecord` (and the article's selection),
and the views follow its signals. The window's slots are one line that calls one of these.
Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from quotes.model import Span
from storage.store import Store, UncertainDocument
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


def open_next_unreviewed(
    *, store: Store, current: CurrentRecord, by_uncertainty: bool = False
) -> str | None:
    """Make the next candidate current (key N, and A or R on the list's last record):
    the first after the current record in its document, else the first of the
    following documents, wrapping around to the first document.

    With ``by_uncertainty`` (active learning) the document after the current one is
    instead the unreviewed document the learned model is least sure of (the scores
    of ``jobs.scoring``), opened at its first candidate, or with none current when
    the model suggested nothing there; once no scored unreviewed document is left,
    the order is import order again.

    :returns: None when the record is in the current document; otherwise a line for
        the status bar: the other document it is in, or that every record of the
        workspace is reviewed (nothing moves then).
    :raises KeyError: if the current record has gone.
    """
    document_id = current.document_id
    after = -1
    if current.attribution_id is not None:
        after = store.attribution(current.attribution_id).start
    found = None
    if by_uncertainty:
        # Only the current document first: the next one in import order is not
        # looked up (nor opened, in an annotator layer) unless no scored one is left.
        if document_id is not None:
            found = store.next_unreviewed_in(document_id, after)
        ranked = [] if found is not None else store.most_uncertain(1, excluding=document_id)
        if ranked:
            return _open_uncertain(store, current, ranked[0])
    if found is None:
        found = store.next_unreviewed(document_id, after)
    if found is None or found.id is None:
        return "Every record of the workspace is reviewed."
    note = None
    if found.document_id != document_id:
        # The summary, not the document: no need to read a long text for its title.
        title = store.document_summary(found.document_id or 0).title or "the next document"
        note = f"Next unreviewed record is in {title}."
    current.set_document(found.document_id)
    current.set_attribution(found.id)
    return note


def _open_uncertain(store: Store, current: CurrentRecord, document: UncertainDocument) -> str:
    """Open ``document`` at its first candidate (if any) and say why it was chosen."""
    first = store.next_unreviewed_in(document.document_id)
    current.set_document(document.document_id)
    current.set_attribution(None if first is None else first.id)
    title = document.title or "an untitled document"
    return (
        f"Most uncertain next (the model is unsure of {document.score:.0%} of its "
        f"paragraphs): {title}"
        + (
            "."
            if first is not None
            else "; nothing is suggested in it: add what it quotes, then D."
        )
    )


def open_next_unreviewed_in_document(*, store: Store, current: CurrentRecord) -> str | None:
    """Make the document's next candidate current, wrapping around to its start (A or
    R on the list's last record).

    The document is not left: once all of it is reviewed, D marks it done there.

    :returns: None when a record was made current; otherwise a line for the status
        bar saying the document is reviewed and what D and N do next.
    :raises KeyError: if the current record has gone.
    """
    document_id = current.document_id
    after = -1
    if current.attribution_id is not None:
        after = store.attribution(current.attribution_id).start
    for found in (store.next_unreviewed(document_id, after), store.next_unreviewed(document_id)):
        if found is not None and found.id is not None and found.document_id == document_id:
            current.set_attribution(found.id)
            return None
    if found is None:
        return "Every record of the workspace is reviewed: D marks this document done."
    title = store.document_summary(found.document_id or 0).title or "the next document"
    return f"This document is reviewed: D marks it done, N goes on to {title}."
