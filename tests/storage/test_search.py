"""Full-text search over titles and texts."""

from __future__ import annotations

import pytest

from quotes.model import Article
from storage.search import SearchCount, fts_query
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
    assert fts_query('a "b" OR cup') == ('"a" "b" "OR" "cup"*', ["a", "b", "OR", "cup"])
    assert fts_query('a "b" OR c') == ('"a" "b" "OR" "c"', ["a", "b", "OR", "c"])
    assert fts_query(" ,; ") is None


def test_a_last_word_of_two_letters_is_matched_whole(searchable: Store) -> None:
    # Completing "ha" would read the postings of every word in "ha…" (storage.search).
    assert titles(searchable, "ha") == []
    assert titles(searchable, "har") == ["Harbour bridge closes", "Drought"]


def test_an_empty_query_runs_no_sql(searchable: Store) -> None:
    statements: list[str] = []
    searchable._conn.set_trace_callback(statements.append)
    assert searchable.search("  ") == [] and searchable.search("?!") == []
    assert searchable.search_count("") == SearchCount(0)
    searchable._conn.set_trace_callback(None)
    assert statements == []


# -- ranking (issue 11: bm25 over a bounded set of the newest matches) ------------------

RANKED = [
    Article(title="Weather", text="Rain fell on the port."),  # oldest
    Article(title="Port strike", text="Workers walked out."),
    Article(title="Budget", text="The port, the port and the port again: port fees rise."),
    Article(title="Mayor", text="The mayor told reporters about the port."),
    Article(title="Council", text="Reporters, reporters: the mayor told nothing."),
]


@pytest.fixture
def ranked(store: Store) -> dict[str, int]:
    add_articles(store, RANKED, preannotate=False)
    return {s.title: s.id for s in store.document_summaries()}


def test_a_title_match_comes_first_then_the_most_mentions(store: Store, ranked) -> None:
    # "Weather" is shorter than "Mayor", so its one "port" weighs more (bm25).
    assert titles(store, "port") == ["Port strike", "Budget", "Weather", "Mayor"]


def test_the_words_as_a_phrase_come_before_the_words_apart(store: Store, ranked) -> None:
    # "Council" says "reporters" twice in fewer words, but only "Mayor" has the phrase.
    assert titles(store, "told reporters") == ["Mayor", "Council"]
    assert titles(store, "reporters told") == ["Council", "Mayor"]  # no phrase anywhere


def test_only_the_newest_candidates_are_ranked_when_more_match(store: Store, ranked) -> None:
    newest_two = [hit.title for hit in store.search("port", limit=2, candidates=2)]
    assert newest_two == ["Budget", "Mayor"]  # "Port strike" is the third newest match
    assert [hit.title for hit in store.search("port", limit=2)] == ["Port strike", "Budget"]


def test_equal_scores_put_the_newer_document_first(store: Store) -> None:
    add_articles(store, [Article(title=f"Copy {n}", text=f"Tide tables. {n}") for n in range(3)])
    assert titles(store, "tide") == ["Copy 2", "Copy 1", "Copy 0"]


def test_the_last_word_completes_only_when_the_words_as_typed_are_few(store: Store) -> None:
    add_articles(
        store,
        [
            Article(title="Camp", text="The camp opened."),
            Article(title="Campaign", text="The campaign opened."),
            Article(title="Camp again", text="Another camp opened."),
        ],
        preannotate=False,
    )
    # The word as typed first (ranked), then its completions.
    assert titles(store, "camp") == ["Camp", "Camp again", "Campaign"]
    # Two documents have the word itself and fill a page of two: nothing is completed.
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    assert [hit.title for hit in store.search("camp", limit=2)] == ["Camp", "Camp again"]
    store._conn.set_trace_callback(None)
    assert not any('"camp"*' in statement for statement in statements)


def test_completed_matches_put_title_matches_first_then_the_newest(store: Store) -> None:
    add_articles(
        store,
        [
            Article(title="Harvest", text="A poor year."),
            Article(title="Farm", text="The harvest failed."),
            Article(title="Barn", text="Harvesters waited."),
        ],
        preannotate=False,
    )
    assert titles(store, "harv") == ["Harvest", "Barn", "Farm"]


def test_a_hit_of_a_whole_word_locates_that_word(store: Store) -> None:
    add_articles(store, [Article(title="T", text="They said the plan works.")], preannotate=False)
    [hit] = store.search("said the")
    assert hit.start is not None
    assert "They said the plan works."[hit.start : hit.end] == "said"


# -- counting ------------------------------------------------------------------------


def test_the_count_is_exact_below_the_cap(store: Store, ranked) -> None:
    assert store.search_count("port") == SearchCount(4)
    assert store.search_count("told reporters") == SearchCount(2)
    assert store.search_count("zeppelin") == SearchCount(0)


def test_the_count_stops_at_the_cap(store: Store, ranked) -> None:
    assert store.search_count("port", cap=3) == SearchCount(3, more=True)
    assert store.search_count("port", cap=4) == SearchCount(4)


def test_the_count_includes_completions(store: Store, ranked) -> None:
    assert store.search_count("repo") == SearchCount(2)
    assert store.search_count("re") == SearchCount(0)  # two letters: the whole word only


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "a*b(", "NEAR(x y)", "col:x"])
def test_operators_in_user_input_do_not_break_the_count(searchable: Store, query: str) -> None:
    searchable.search_count(query)  # no sqlite3.OperationalError
