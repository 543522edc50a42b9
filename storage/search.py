"""Full-text search over the documents: safe FTS5 queries, a bounded ranking, plain hits.

The ``documents_fts`` index (see ``storage.migrations``) finds the documents; the
hit's position is then located in Python, because FTS5 reports no character offsets,
and the UI needs them to open the document at the hit.

Why the ranking is bounded (issue 11): ``ORDER BY rank`` makes FTS5 compute bm25 for
every match before it returns the first row, 300-700 ms for "said the" on 100,000
news articles (82,742 matches). :meth:`Search.search` instead reads the newest
``candidates`` matches in rowid order, which FTS5 does lazily, and ranks only those
(bm25 with the title weighted, documents holding the words as a phrase first). A
query that matches at most ``candidates`` documents is therefore ranked over all of
its matches, exactly; a query that matches more is ranked over its newest
``candidates`` matches. The total arrives separately (:meth:`Search.count`), capped.

Why the last word completes only from the third letter, and only when needed: a
prefix query makes FTS5 merge the postings of every term with that prefix before the
first row (``"th"*`` reads most of the index, a quarter of a second at 100,000
articles). So the words are matched as typed first, and the last one is completed
(``"pres"`` finds "president") only when the words as typed match fewer than
``candidates`` documents and the last word has at least :data:`MIN_PREFIX` letters.
A prefix index (``prefix='3'`` on ``documents_fts``, a migration) would make every
completion cheap; see the notes of issue 11.

Threading: that of the connection.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document matching a full-text search.

    ``start``/``end`` locate the first matching word in the document text (None
    when only the title matched or the match needed diacritics folding);
    ``snippet`` is plain text around it.
    """

    document_id: int
    title: str
    snippet: str
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class SearchCount:
    """How many documents match a query: ``documents``, or more when ``more`` is True
    (the count stops at a cap, so that a common word is counted fast)."""

    documents: int
    more: bool = False


WORD = re.compile(r"\w+")

#: How many matches (the newest) the first page is ranked from.
CANDIDATES = 1000
#: The shortest last word that is also matched as a prefix (search as you type).
MIN_PREFIX = 3
#: bm25's column weights (title, text): a word in the title counts as ten in the text.
TITLE_WEIGHT = 10.0
#: A document holding the words as a phrase scores this many times its bm25.
PHRASE_BOOST = 2.0
#: Where :meth:`Search.count` stops counting ("10,000+").
COUNT_CAP = 10_000


def fts_query(query: str) -> tuple[str, list[str]] | None:
    """The FTS5 MATCH expression for what a user typed, and its words; None if no words.

    Every word is quoted, so FTS5 operators and stray quotes in user input are taken
    literally; all words must occur, and the last one matches as a prefix when it has
    at least :data:`MIN_PREFIX` letters (search as you type).
    """
    words = WORD.findall(query)
    if not words:
        return None
    return match_expression(words, prefix=completes(words)), words


def completes(words: Sequence[str]) -> bool:
    """Whether the last of ``words`` is long enough to be matched as a prefix too."""
    return bool(words) and len(words[-1]) >= MIN_PREFIX


def match_expression(words: Sequence[str], *, prefix: bool) -> str:
    """Every word quoted (so taken literally), all required; the last one a prefix
    when ``prefix``."""
    quoted = [f'"{word}"' for word in words]
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


def phrase_expression(words: Sequence[str], *, prefix: bool) -> str:
    """The words as one FTS5 phrase (adjacent, in order), the last a prefix when ``prefix``."""
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


class Search:
    """Full-text search over the documents of ``conn``.

    :param conn: the store's connection (rows as ``sqlite3.Row``).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def search(
        self, query: str, *, limit: int = 100, candidates: int = CANDIDATES
    ) -> list[SearchHit]:
        """The best ``limit`` documents whose title or text contain every word of
        ``query``, best first.

        Operators are not interpreted: the query is split into words, so any user input
        is safe, and an empty one returns nothing without a query. See the module
        docstring for the ranking (bm25 over at most ``candidates`` of the newest
        matches, title weighted, phrases first) and for when the last word completes.
        """
        words = WORD.findall(query)
        if not words or limit <= 0:
            return []
        candidates = max(candidates, limit)
        scores = self._scores(match_expression(words, prefix=False), candidates)
        if len(words) > 1 and scores:
            phrase = phrase_expression(words, prefix=False)
            for document_id in self._phrase_matches(phrase, min(scores)):
                if document_id in scores:
                    scores[document_id] *= PHRASE_BOOST
        # bm25 is negative, lower is better; among equals the newer document first.
        best = sorted(scores, key=lambda document_id: (scores[document_id], -document_id))
        completed: list[int] = []
        if len(best) < limit and completes(words):
            # The words as typed come first; the completions of the last word follow.
            completed = [d for d in self._completed(words, candidates) if d not in scores]
        return [
            *self._hits(best[:limit], words, prefix=False),
            *self._hits(completed[: limit - len(best)], words, prefix=True),
        ]

    def count(self, query: str, *, cap: int = COUNT_CAP) -> SearchCount:
        """How many documents ``search`` draws from, counted up to ``cap``.

        Counting stops at ``cap`` matches, so a common word costs a bounded read; a
        query whose words as typed already match more than ``cap`` documents is not
        completed at all (the completions could only add to it).
        """
        words = WORD.findall(query)
        if not words:
            return SearchCount(0)
        found = self._bounded_count(match_expression(words, prefix=False), cap)
        if found <= cap and completes(words):
            found = self._bounded_count(match_expression(words, prefix=True), cap)
        return SearchCount(min(found, cap), more=found > cap)

    def _scores(self, match: str, candidates: int) -> dict[int, float]:
        """The bm25 score of each of the newest ``candidates`` matches of ``match``.

        Without ``ORDER BY rank`` FTS5 walks the matches in rowid order and stops at
        the limit; bm25 is then computed for those rows only.
        """
        rows = self._conn.execute(
            "SELECT rowid, bm25(documents_fts, ?, 1.0) FROM documents_fts"
            " WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (TITLE_WEIGHT, match, candidates),
        )
        return {int(row[0]): float(row[1]) for row in rows}

    def _completed(self, words: list[str], candidates: int) -> list[int]:
        """The newest ``candidates`` matches with the last word completed, those whose
        title holds every word first, then newest first.

        Not bm25: its statistics would make FTS5 read the postings of every completion
        of the last word a second time (a 200 ms "con" instead of 50 ms).
        """
        rows = self._conn.execute(
            "SELECT f.rowid, d.title FROM (SELECT rowid FROM documents_fts"
            " WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f"
            " JOIN documents d ON d.id = f.rowid",
            (match_expression(words, prefix=True), candidates),
        ).fetchall()
        patterns = word_patterns(words, prefix=True)
        titled = {int(row[0]) for row in rows if all(p.search(str(row[1])) for p in patterns)}
        return sorted(
            (int(row[0]) for row in rows),
            key=lambda document_id: (document_id not in titled, -document_id),
        )

    def _phrase_matches(self, phrase: str, lowest_id: int) -> list[int]:
        """The documents from ``lowest_id`` on that hold ``phrase``: every candidate
        that does, since the candidates are the newest matches."""
        rows = self._conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid >= ?",
            (phrase, lowest_id),
        )
        return [int(row[0]) for row in rows]

    def _bounded_count(self, match: str, cap: int) -> int:
        """How many documents match, or ``cap + 1`` when more than ``cap`` do."""
        row = self._conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM documents_fts"
            " WHERE documents_fts MATCH ? LIMIT ?)",
            (match, cap + 1),
        ).fetchone()
        return int(row[0])

    def _hits(self, document_ids: list[int], words: list[str], prefix: bool) -> list[SearchHit]:
        """The hits of ``document_ids``, in that order (their texts read once)."""
        if not document_ids:
            return []
        marks = ",".join("?" * len(document_ids))
        rows = self._conn.execute(
            f"SELECT id, title, text FROM documents WHERE id IN ({marks})", document_ids
        )
        found = {int(row[0]): (str(row[1]), str(row[2])) for row in rows}
        return [
            search_hit(document_id, *found[document_id], words, prefix=prefix)
            for document_id in document_ids
            if document_id in found
        ]


def search_hit(
    document_id: int, title: str, text: str, words: list[str], *, prefix: bool = True
) -> SearchHit:
    """Locate the first matching word in the text and cut a plain-text snippet around it.

    :param prefix: whether the last word matched as a prefix (else as a whole word).
    """
    first: re.Match[str] | None = None
    for pattern in word_patterns(words, prefix=prefix):
        found = pattern.search(text)
        if found and (first is None or found.start() < first.start()):
            first = found
    if first is None:
        return SearchHit(document_id, title, " ".join(text[:120].split()), None, None)
    lo, hi = max(0, first.start() - 60), min(len(text), first.end() + 60)
    snippet = ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")
    return SearchHit(document_id, title, snippet, first.start(), first.end())


def word_patterns(words: Sequence[str], *, prefix: bool) -> list[re.Pattern[str]]:
    """Case-insensitive patterns of ``words`` as FTS5 matched them: whole words, the
    last one as a prefix when ``prefix``."""
    patterns = []
    for index, word in enumerate(words):
        tail = r"\w*" if prefix and index == len(words) - 1 else r"\b"
        patterns.append(re.compile(rf"\b{re.escape(word)}{tail}", re.IGNORECASE))
    return patterns
