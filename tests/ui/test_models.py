"""The table and list models: Qt's model contract (qtmodeltester) and refreshing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jobs.importing import import_articles
from quotes.model import Span, Speaker, Status
from storage.store import Store
from ui.operations import attribution_operations
from ui.operations.changes import ChangeHub, ChangeKind
from ui.roster.speaker_list import SPEAKER_ROLE, SpeakerListModel
from ui.tables.attribution_table import ATTRIBUTION_ID_ROLE, STATUS_ROLE, AttributionTableModel
from ui.tables.document_list import DOCUMENT_ID_ROLE, DocumentListModel


def test_document_list_model_passes_the_model_tester(qtmodeltester, store: Store) -> None:
    model = DocumentListModel(store, ChangeHub())
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.index(0, DocumentListModel.TITLE).data() == "Bridge"
    assert model.index(0, DocumentListModel.STATUS).data() == "new"
    assert model.index(0, DocumentListModel.CANDIDATES).data() == 3
    assert model.index(0, DocumentListModel.ACCEPTED).data() == 0


def test_attribution_model_passes_the_model_tester(qtmodeltester, store: Store) -> None:
    model = AttributionTableModel(store, ChangeHub())
    model.load_document(store.document_summaries()[0].id)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    first = model.index(0, AttributionTableModel.QUOTATION).data()
    assert first.startswith('"We will reopen the bridge in May," … "and the ferry')
    assert model.index(0, AttributionTableModel.CUE).data() == "said"
    assert model.index(0, AttributionTableModel.SPEAKER).data() == "the mayor"
    assert model.index(2, AttributionTableModel.SPEAKER).data() == "Ana Ruiz (She)"
    assert model.index(0, AttributionTableModel.TYPE).data() == "direct"
    assert model.index(0, 0).data(STATUS_ROLE) == Status.CANDIDATE


def test_speaker_list_model_passes_the_model_tester(qtmodeltester) -> None:
    model = SpeakerListModel(
        [Speaker("Ana Ruiz", ("Ruiz", "she"), (Span(0, 3), Span(9, 12))), Speaker("the mayor")]
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Ana Ruiz  (2)"
    assert model.index(1, 0).data(SPEAKER_ROLE).name == "the mayor"


def test_an_accepted_record_updates_its_row_and_the_document_counts(store: Store) -> None:
    hub = ChangeHub()
    documents = DocumentListModel(store, hub)
    records = AttributionTableModel(store, hub)
    records.load_document(documents.index(0, 0).data(DOCUMENT_ID_ROLE))
    record_id = records.index(1, 0).data(ATTRIBUTION_ID_ROLE)
    changed_rows: list[int] = []
    records.dataChanged.connect(lambda top, _bottom, _roles=None: changed_rows.append(top.row()))
    resets: list[bool] = []
    records.modelReset.connect(lambda: resets.append(True))

    attribution_operations.accept_attribution(store=store, changes=hub, attribution_id=record_id)

    assert changed_rows == [1] and not resets  # one row repainted, not the table
    assert records.index(1, AttributionTableModel.STATUS).data() == "accepted"
    assert documents.index(0, DocumentListModel.ACCEPTED).data() == 1
    assert documents.index(0, DocumentListModel.CANDIDATES).data() == 2


def test_an_added_record_is_inserted_in_text_order(store: Store) -> None:
    hub = ChangeHub()
    records = AttributionTableModel(store, hub)
    document = store.document_summaries()[0]
    records.load_document(document.id)
    text = records.text
    start = text.index("Residents")
    selection = Span(start, text.index(".", start))

    added = attribution_operations.add_quotation(
        store=store, changes=hub, document_id=document.id, text=text, selection=selection
    )

    assert records.rowCount() == 4
    assert records.row_of(added.id) == 1
    assert records.index(1, AttributionTableModel.TYPE).data() == "indirect"


def test_a_workspace_change_reloads_the_document_list(store: Store) -> None:
    hub = ChangeHub()
    documents = DocumentListModel(store, hub)
    from quotes.model import Article

    import_articles(store, [Article(text="The council said nothing at all.", title="Council")])
    assert documents.rowCount() == 1  # not yet told
    hub.notify(ChangeKind.WORKSPACE)
    assert [documents.index(r, 0).data() for r in range(2)] == ["Bridge", "Council"]
    assert documents.headerData(0, Qt.Orientation.Horizontal) == "Title"


def test_the_reviewed_count_follows_every_kind_of_row_change(store: Store) -> None:
    hub = ChangeHub()
    records = AttributionTableModel(store, hub)
    document = store.document_summaries()[0]
    records.load_document(document.id)
    first, second, third = (records.attribution_at(r).id for r in range(3))

    def counted() -> int:
        return sum(a.status != Status.CANDIDATE for a in records.attributions())

    assert records.reviewed_count() == counted() == 0
    attribution_operations.accept_attribution(store=store, changes=hub, attribution_id=first)
    attribution_operations.reject_attribution(store=store, changes=hub, attribution_id=second)
    assert records.reviewed_count() == counted() == 2
    attribution_operations.accept_attribution(store=store, changes=hub, attribution_id=second)
    assert records.reviewed_count() == counted() == 2
    text = records.text
    start = text.index("Residents")
    attribution_operations.add_quotation(
        store=store,
        changes=hub,
        document_id=document.id,
        text=text,
        selection=Span(start, text.index(".", start)),
    )
    # An added quotation is a candidate until A confirms it: nothing reviewed yet.
    assert records.reviewed_count() == counted() == 2
    attribution_operations.undo_last(store=store, changes=hub)
    assert records.reviewed_count() == counted() == 2
    attribution_operations.undo_last(store=store, changes=hub)
    attribution_operations.reject_attribution(store=store, changes=hub, attribution_id=third)
    assert records.reviewed_count() == counted() == 3
    records.load_document(document.id)
    assert records.reviewed_count() == counted() == 3


def test_newline_offsets_are_the_line_breaks() -> None:
    import re

    from ui.tables.attribution_table import newline_offsets

    for text in ("", "a", "\n", "a\nb", "\n\nab\n", "title\n\n“quoted”\nend"):
        assert newline_offsets(text) == [m.start() for m in re.finditer("\n", text)]


def test_a_review_action_rereads_only_its_documents_summary(store: Store, monkeypatch) -> None:
    from quotes.model import Article

    import_articles(store, [Article(text="The council said nothing at all.", title="Council")])
    hub = ChangeHub()
    documents = DocumentListModel(store, hub)
    records = AttributionTableModel(store, hub)
    records.load_document(documents.index(0, 0).data(DOCUMENT_ID_ROLE))
    whole_reads: list[bool] = []
    original = store.document_page
    monkeypatch.setattr(
        store, "document_page", lambda *a, **k: whole_reads.append(True) or original(*a, **k)
    )
    changed_rows: list[int] = []
    documents.dataChanged.connect(lambda top, _bottom, _roles=None: changed_rows.append(top.row()))
    record_id = records.index(0, 0).data(ATTRIBUTION_ID_ROLE)

    attribution_operations.accept_attribution(store=store, changes=hub, attribution_id=record_id)

    assert whole_reads == [] and changed_rows == [0]
    assert documents.index(0, DocumentListModel.ACCEPTED).data() == 1
    assert documents.index(1, DocumentListModel.TITLE).data() == "Council"

    # A record that is gone (its addition undone) makes the whole list re-read.
    text = records.text
    start = text.index("Residents")
    attribution_operations.add_quotation(
        store=store,
        changes=hub,
        document_id=records.document().id,
        text=text,
        selection=Span(start, text.index(".", start)),
    )
    whole_reads.clear()
    attribution_operations.undo_last(store=store, changes=hub)
    assert whole_reads
    assert documents.index(0, DocumentListModel.ACCEPTED).data() == 1
