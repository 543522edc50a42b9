"""Full-text search over the documents: safe FTS5 queries and plain-text hits.

The ``documents_fts`` index (see ``storage.migrations``) finds and ranks documents;
the hit's position is then located in Python, because FTS5 reports no character
offsets, and the UI needs them to open the document at the hit.
"""

from __future__ import annotations

import re
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


WORD = re.compile(r"\w+")


def fts_query(query: str) -> tuple[str, list[str]] | None:
    """The FTS5 MATCH expression for what a user typed, and its words; None if no words.

    Every word is quoted, so FTS5 operators and stray quotes in user input are taken
    literally; all words must occur, and the last one matches as a prefix (search as
    you type).
    """
    words = WORD.findall(query)
    if not words:
        return None
    match = " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])
    return match, words


def search_hit(document_id: int, title: str, text: str, words: list[str]) -> SearchHit:
    """Locate the first matching word in the text and cut a plain-text snippet around it."""
    first: re.Match[str] | None = None
    for index, word in enumerate(words):
        # The last word matched as a prefix; the others as whole words.
        tail = r"\w*" if index == len(words) - 1 else r"\b"
        found = re.search(rf"\b{re.escape(word)}{tail}", text, re.IGNORECASE)
        if found and (first is None or found.start() < first.start()):
            first = found
    if first is None:
        return SearchHit(document_id, title, " ".join(text[:120].split()), None, None)
    lo, hi = max(0, first.start() - 60), min(len(text), first.end() + 60)
    snippet = ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")
    return SearchHit(document_id, title, snippet, first.start(), first.end())
