"""Storage's part of an import: one new article with its records, and the import's entry.

The import job itself (read, skip duplicates, pre-annotate, report, progress and
cancel) is ``jobs.importing``; it writes in short batches, each one
:meth:`Connection.transaction`, calling :meth:`Articles.add_article` per new
article. What this module decides is what the database accepts: blank texts, texts
it cannot store (a NUL, a lone surrogate) and records outside their text are
refused one by one, each named in the problems, so one bad record never costs the
rest.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence

from quotes.model import Article, Attribution, Problem, Speaker
from quotes.records import unstorable_text as unstorable_record_text
from storage.attributions import INSERT_ATTRIBUTION, attribution_values
from storage.connection import Connection
from storage.roster import Roster


def content_hash(text: str) -> str:
    """The key that makes two documents duplicates: SHA-256 of the exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unstorable_text(text: str) -> str | None:
    """Why ``text`` cannot be stored as a document (``quotes.records.unstorable_text``),
    worded for the import's problems, or None when it can. The readers refuse such
    records with their line; this is the store's own guard for articles made in code."""
    reason = unstorable_record_text(text)
    return None if reason is None else f"the text {reason}; not imported"


def article_label(article: Article) -> str:
    """How problems name an article: its file, id or title."""
    return article.source or article.external_id or article.title or "article"


def _fits(attribution: Attribution, length: int) -> bool:
    """Whether every span of the attribution lies inside a text of ``length``."""
    return all(span.end <= length for span in attribution.spans())


class Articles:
    """New articles stored through ``db``, their speakers through ``roster``."""

    def __init__(self, db: Connection, roster: Roster) -> None:
        self._db = db
        self._roster = roster

    def has_content(self, key: str) -> bool:
        """Whether a document with this :func:`content_hash` is stored already."""
        row = self._db.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (key,))
        return row.fetchone() is not None

    def find_document(self, key: str) -> int | None:
        """The id of the document with this :func:`content_hash`, or None."""
        row = self._db.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (key,)
        ).fetchone()
        return None if row is None else int(row[0])

    def stored_external_ids(self, external_ids: Iterable[str]) -> set[str]:
        """Those of ``external_ids`` that a stored document has: one query per 500 ids,
        each a scan (ids carry no index), not one scan per id."""
        wanted = list(dict.fromkeys(external_ids))
        found: set[str] = set()
        for at in range(0, len(wanted), 500):
            chunk = wanted[at : at + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._db.conn.execute(
                f"SELECT DISTINCT external_id FROM documents WHERE external_id IN ({marks})",
                chunk,
            )
            found.update(row[0] for row in rows)
        return found

    def add_article(
        self,
        article: Article,
        *,
        key: str,
        stamp: str,
        candidates: Sequence[Attribution] = (),
        speakers: Sequence[Speaker] = (),
        problems: list[Problem],
    ) -> int | None:
        """Insert one article with its records inside a savepoint.

        The records are the article's own ``attributions`` or, when it has none,
        ``candidates`` (a pre-annotation, with its ``speakers``). Records outside the
        text are skipped and a refused article is not stored; each is named in
        ``problems``.

        :param key: the article's :func:`content_hash`.
        :param stamp: the import's time stamp (``connection.now()``).
        :returns: the number of records stored, or None if the article was refused.
        """
        where = article_label(article)
        if not article.text.strip():
            problems.append(Problem(where, "the text is empty; not imported"))
            return None
        refusal = unstorable_text(article.text)
        if refusal is not None:
            problems.append(Problem(where, refusal))
            return None
        attributions: Sequence[Attribution] = article.attributions
        if not attributions:
            attributions = candidates
        else:
            speakers = ()
        # Refuse the records that do not fit the text one by one (issue 5: reject the
        # record, not the whole file); the database triggers remain the last guard.
        fitting = []
        for index, attribution in enumerate(attributions):
            if _fits(attribution, len(article.text)):
                fitting.append(attribution)
                continue
            spans = [span.as_list() for span in attribution.spans()]
            problems.append(
                Problem(
                    f"{where} quotes[{index}]" if article.attributions else where,
                    f"spans {spans} lie outside the text of {len(article.text)} characters;"
                    " record skipped",
                )
            )
        try:
            with self._db.transaction():
                self._insert(article, key, stamp, fitting, speakers)
        except sqlite3.IntegrityError as error:
            problems.append(Problem(where, f"not imported: {error}"))
            return None
        return len(fitting)

    def _insert(
        self,
        article: Article,
        key: str,
        stamp: str,
        attributions: Sequence[Attribution],
        speakers: Sequence[Speaker],
    ) -> None:
        document_id = self._db.conn.execute(
            "INSERT INTO documents (external_id, title, source, text, content_hash,"
            " meta, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.external_id,
                article.title,
                article.source,
                article.text,
                key,
                json.dumps(article.meta, default=str),
                stamp,
                stamp,
            ),
        ).lastrowid
        assert document_id is not None
        # The roster by name, so that each speaker costs one INSERT however many
        # attributions name it (import speed is a target of issue 5).
        roster: dict[str, int] = {}
        for speaker in speakers:
            name = " ".join(speaker.name.split())
            if name:
                roster[name] = self._roster.insert_speaker(
                    document_id, name, speaker.variants, speaker.mentions, stamp
                )
        rows = []
        for attribution in attributions:
            name = " ".join((attribution.speaker_name or "").split())
            if name and name not in roster:
                roster[name] = self._roster.insert_speaker(document_id, name, (), (), stamp)
            rows.append(attribution_values(document_id, attribution, roster.get(name), stamp))
        self._db.conn.executemany(INSERT_ATTRIBUTION, rows)

    def record_import(self, *, imported: int, attributions: int) -> None:
        """Append the import's history entry (not undoable, not timed); call inside the
        import's transaction, and only when something was imported."""
        self._db.append_history(
            "import",
            before=None,
            after={"imported": imported, "attributions": attributions},
            timed=False,
        )
