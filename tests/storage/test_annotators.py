"""``Store.annotators``: the names an export can filter by."""

from __future__ import annotations

from quotes.model import Article, Attribution, Span
from storage.store import Store
from tests.storage.conftest import add_articles


def test_annotators_are_the_distinct_names_on_attributions_sorted() -> None:
    text = '"We agree," the council said. "We do not," the union said.'
    records = tuple(
        Attribution(fragments=(Span(start, start + 5),), annotator=name)
        for start, name in ((0, "zoe"), (30, "ana"), (31, "zoe"), (32, None), (33, ""))
    )
    with Store(None) as store:
        assert store.annotators() == []
        add_articles(store, [Article(text=text, attributions=records)], preannotate=False)
        assert store.annotators() == ["ana", "zoe"]
