"""The document list read a page at a time: every order, filter and page boundary."""

from __future__ import annotations

import pytest

from quotes.model import Article, DocumentStatus, DocumentSummary
from storage.store import ListOrder, ListQuery, Store
from tests.storage.conftest import add_articles

# Titles of mixed case and ties, texts with 0 to 3 quotations (fake_extract finds one
# per pair of straight quotes), so every order has ties to break by import order.
ARTICLES = [
    Article(title="harbour", text='"One," she said. "Two." "Three."'),
    Article(title="Budget", text="No quotation here."),
    Article(title="apples", text='"One," he said.'),
    Article(title="Budget", text='"One." "Two."'),
    Article(title="", text='"Untitled," they said.'),
    Article(title="Zoo", text='"One." "Two." "Three."'),
    Article(title="budget", text="Nothing said."),
]


@pytest.fixture
def listed(store: Store) -> Store:
    add_articles(store, ARTICLES)
    ids = [s.id for s in store.document_summaries()]
    store.set_document_status(ids[1], DocumentStatus.DONE)
    store.set_document_status(ids[3], DocumentStatus.IN_PROGRESS)
    store.set_document_status(ids[5], DocumentStatus.DONE)
    for document_id in (ids[0], ids[5]):
        first, second, *_ = store.attributions_for(document_id)
        store.accept_attribution(first.id or 0)
        store.reject_attribution(second.id or 0)
    store.accept_attribution(store.attributions_for(ids[3])[0].id or 0)
    return store


def every_page(store: Store, query: ListQuery, size: int) -> list[DocumentSummary]:
    """The whole list, read ``size`` rows at a time."""
    rows: list[DocumentSummary] = []
    while True:
        page = store.document_page(query, after=rows[-1] if rows else None, limit=size)
        assert len(page) <= size
        rows.extend(page)
        if len(page) < size:
            return rows


def expected(store: Store, query: ListQuery) -> list[DocumentSummary]:
    """The list as Python sorts the summaries read the old way."""
    keys = {
        ListOrder.IMPORT: lambda s: (s.id,),
        ListOrder.TITLE: lambda s: (s.title.lower(), s.id),
        ListOrder.STATUS: lambda s: (s.status.value, s.id),
        ListOrder.CANDIDATES: lambda s: (s.candidates, s.id),
        ListOrder.ACCEPTED: lambda s: (s.accepted, s.id),
    }
    rows = store.document_summaries(query.status)
    return sorted(rows, key=keys[query.order], reverse=query.descending)


@pytest.mark.parametrize("order", list(ListOrder))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("size", [1, 2, 3, 200])
def test_pages_put_together_are_the_whole_sorted_list(
    listed: Store, order: ListOrder, descending: bool, size: int
) -> None:
    query = ListQuery(order=order, descending=descending)
    assert every_page(listed, query, size) == expected(listed, query)


@pytest.mark.parametrize("status", list(DocumentStatus))
@pytest.mark.parametrize("order", [ListOrder.IMPORT, ListOrder.TITLE, ListOrder.CANDIDATES])
def test_a_status_filter_keeps_the_order(
    listed: Store, status: DocumentStatus, order: ListOrder
) -> None:
    query = ListQuery(status=status, order=order)
    rows = every_page(listed, query, 1)
    assert rows == expected(listed, query)
    assert rows and all(row.status == status for row in rows)


def test_a_page_carries_each_documents_counts(listed: Store) -> None:
    page = listed.document_page(ListQuery(), limit=3)
    assert page == [listed.document_summary(row.id) for row in page]
    assert [(r.candidates, r.accepted, r.rejected) for r in page] == [
        (1, 1, 1),
        (0, 0, 0),
        (1, 0, 0),
    ]


def test_titles_sort_without_regard_to_case(listed: Store) -> None:
    rows = listed.document_page(ListQuery(order=ListOrder.TITLE))
    assert [row.title for row in rows] == [
        "",
        "apples",
        "Budget",
        "Budget",
        "budget",
        "harbour",
        "Zoo",
    ]


def test_an_empty_workspace_has_an_empty_first_page(store: Store) -> None:
    assert store.document_page(ListQuery()) == []
    assert store.document_status_counts() == dict.fromkeys(DocumentStatus, 0)
    assert store.review_progress() == (0, 0)


def test_the_status_counts_and_the_progress(listed: Store) -> None:
    # Reviewing the first document moved it in progress.
    assert listed.document_status_counts() == {
        DocumentStatus.NEW: 3,
        DocumentStatus.IN_PROGRESS: 2,
        DocumentStatus.DONE: 2,
    }
    # 10 records; accepted 3 and rejected 2.
    assert listed.review_progress() == (5, 10)
    counts = listed.attribution_counts()
    assert listed.review_progress() == (sum(counts.values()) - counts["candidate"], 10)


def test_the_page_after_a_row_read_before_a_change_stays_in_place(listed: Store) -> None:
    query = ListQuery(order=ListOrder.ACCEPTED, descending=True)
    first = listed.document_page(query, limit=2)
    # The second row's counts change after it was read: the next page still starts
    # after the place the row had when it was read, so nothing is shown twice.
    listed.accept_attribution(listed.attributions_for(first[1].id)[-1].id or 0)
    rest = listed.document_page(query, after=first[1])
    assert {row.id for row in rest}.isdisjoint(row.id for row in first)
    assert len(first) + len(rest) == len(ARTICLES)
