"""Full-text search over titles and texts."""

from __future__ import annotations

import pytest

from quotes.model import Article
from storage.search import fts_query
from storage.store import Store
from tests.storage.conftest import add_articles

ARTICLES = [
    Article(title="Harbour bridge closes", text="The bridge over the harbour will close in May."),
    Article(title="Cup final", text="Riverside beat Castleford with a late header."),
    Article(title="Drought", text="Farmers fear the smallest harvest in a decade."),
]


@pytest.fixture
def searchable(store: Store) -> Store:
    add_articles(store, ARTICLES, preannotate=False)
    return store


def titles(store: Store, query: str) -> list[str]:
    return [hit.title for hit in store.search(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbour", ["Harbour bridge closes"]),
        ("HARBOUR", ["Harbour bridge closes"]),
        ("late header", ["Cup final"]),
        ("header late", ["Cup final"]),  # every word, in any order
        ("late harbour", []),
        ("harv", ["Drought"]),  # the last word is a prefix
        ("cup", ["Cup final"]),  # titles are searched too
        ("", []),
        ("!!!", []),
    ],
)
def test_search_finds_documents_with_every_word(
    searchable: Store, query: str, expected: list[str]
) -> None:
    assert titles(searchable, query) == expected


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "a*b(", "NEAR(x y)", "col:x"])
def test_operators_in_user_input_do_not_break_the_query(searchable: Store, query: str) -> None:
    searchable.search(query)  # no sqlite3.OperationalError


def test_a_hit_locates_the_first_match_in_the_text(searchable: Store) -> None:
    [hit] = searchable.search("harbour")
    text = ARTICLES[0].text
    assert hit.start is not None and hit.end is not None
    assert text[hit.start : hit.end] == "harbour"
    assert "harbour" in hit.snippet


def test_a_prefix_hit_covers_the_whole_word(searchable: Store) -> None:
    [hit] = searchable.search("harv")
    assert hit.start is not None
    assert ARTICLES[2].text[hit.start : hit.end] == "harvest"


def test_a_title_only_hit_has_no_offset(searchable: Store) -> None:
    [hit] = searchable.search("final")
    assert (hit.start, hit.end) == (None, None)
    assert hit.snippet.startswith("Riverside")


def test_new_documents_are_searchable_at_once(searchable: Store) -> None:
    add_articles(searchable, [Article(title="Late", text="A new harbour plan.")])
    assert len(searchable.search("harbour")) == 2


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('a "b" OR c') == ('"a" "b" "OR" "c"*', ["a", "b", "OR", "c"])
    assert fts_query(" ,; ") is None
