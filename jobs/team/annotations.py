"""Importing a file's annotations as one annotator's decisions (``import --annotations``).

The file's attributions become ``layer``'s *accepted* records (rejected ones stay
rejected), and each of its documents is marked done in that layer: someone read it and
these are their quotations. A document already in the workspace (same text) gains the
layer; a new one is stored first, pre-annotated like any import, so that the other
annotators get the engine's suggestions for it.

A rejected line (a span outside its text, a malformed record) costs its own document
only, as in every import: the other documents are stored and each problem is reported
by file and line, so the layer never silently lacks a document. A document is the unit:
one bad record keeps the whole document out of the layer rather than store a version
with a quotation missing. New documents are stored in the import job's short batches
and each document's version in its own transaction, so no write lock is held for the
whole file. A layer that holds a document already is never overwritten: the same
version is counted as unchanged, a different one is reported and kept. A layer that has
only opened the document (still new, its suggestions untouched) holds no version yet
and takes the file's. Threading: that of the store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from formats.readers import ReadOptions, read_paths
from jobs.importing import import_articles
from jobs.team.versions import same_version
from jobs.training import workspace_model
from quotes.lexicon import Lexicon
from quotes.model import Article, Attribution, DocumentStatus, Problem, Status
from storage.articles import article_label, content_hash
from storage.layers import LayerError, is_annotator_layer
from storage.store import Store


@dataclass(slots=True)
class AnnotationImport:
    """What an annotation import did, for the CLI's summary and exit code."""

    layer: str
    documents: int = 0
    attributions: int = 0
    new_documents: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: what went into the layer, and what did not."""
        if self.nothing_imported:
            stored = (
                f"; its {self.new_documents} new documents are stored without it"
                if self.new_documents
                else ""
            )
            return (
                f"nothing imported into {self.layer}'s layer: "
                f"{len(self.problems)} problems (fix them and import again){stored}"
            )
        line = (
            f"imported {self.attributions} attributions on {self.documents} documents "
            f"as {self.layer}'s accepted records ({self.new_documents} new documents)"
        )
        if self.unchanged:
            line += f"; {self.unchanged} documents unchanged"
        if self.conflicts:
            line += f"; {len(self.conflicts)} documents kept as they were (see below)"
        if self.problems:
            line += f"; {len(self.problems)} problems (see above): a document with one is left out"
        return line

    @property
    def nothing_imported(self) -> bool:
        """Whether records were rejected and no document went in or was found unchanged."""
        return bool(self.problems) and not (self.documents or self.unchanged or self.conflicts)


def import_annotations(
    store: Store,
    paths: Sequence[Path],
    *,
    layer: str,
    options: ReadOptions | None = None,
    preannotate: bool = True,
    lexicon: Lexicon | None = None,
    use_model: bool = True,
) -> AnnotationImport:
    """Record the attributions in ``paths`` (JSONL in the export schema, or brat) as
    ``layer``'s accepted records.

    New documents are pre-annotated like any import: by the rules and, with
    ``use_model``, the workspace's learned model.

    :raises LayerError: for a layer that is not an annotator's (shared or gold).
    :raises ModelFormatError: when the workspace's model cannot be read.
    """
    if not is_annotator_layer(layer):
        raise LayerError(f"{layer!r} is not an annotator's layer: name the annotator")
    report = AnnotationImport(layer)
    # A document is the unit: one rejected record keeps it out of the layer (see above).
    whole = replace(options or ReadOptions(), whole_records=True)
    articles = list(read_paths(paths, options=whole, problems=report.problems, notes=report.notes))
    # Each text's identity, hashed once: for the id check, then for the layer's versions.
    keys = [content_hash(article.text) for article in articles]
    report.notes.extend(_id_clashes(store, articles, keys))
    new = [Article(a.text, a.title, a.source, a.external_id, meta=a.meta) for a in articles]
    model = workspace_model(store) if use_model and preannotate else None
    imported = import_articles(store, new, preannotate=preannotate, lexicon=lexicon, model=model)
    report.new_documents = imported.imported
    report.problems.extend(imported.problems)
    for article, key in zip(articles, keys, strict=True):
        try:
            # One transaction per document: the check of what the layer holds and the
            # write of the file's version cannot be split by a GUI opening the document.
            with store.transaction():
                _add_version(store, article, key, report)
        except sqlite3.IntegrityError as error:  # a record the store's checks refuse
            report.problems.append(
                Problem(article_label(article), f"not given {layer}'s version: {error}")
            )
        except LayerError as error:  # opened in the layer since: its version stands
            report.conflicts.append(f"{article_label(article)}: {error}; kept it")
    return report


def _id_clashes(store: Store, articles: Sequence[Article], keys: Sequence[str]) -> list[str]:
    """Notes for articles whose text is new but whose id a stored document has: the
    annotations were probably made on another copy of that text (edited, re-encoded),
    so their offsets do not fit the stored one. They are stored as a new document, as
    identity is the text; the note says so rather than let the layer miss silently."""
    unstored = [
        article
        for article, key in zip(articles, keys, strict=True)
        if article.external_id and store.find_document(key) is None
    ]
    stored_ids = store.stored_external_ids(a.external_id for a in unstored if a.external_id)
    notes = []
    for article in unstored:
        if article.external_id in stored_ids:
            notes.append(
                f"id {article.external_id!r}: a stored document has this id but another "
                "text, which these offsets do not fit; this one is stored as a new document"
            )
    return notes


def _add_version(store: Store, article: Article, key: str, report: AnnotationImport) -> None:
    """Give one article's document (``key``, its content hash) ``report.layer``'s version,
    or count why not."""
    document_id = store.find_document(key)
    if document_id is None:  # an empty text, already reported by the import
        return
    layer = report.layer
    if store.layers.is_open(document_id, layer):
        held = store.layers.layer_attributions(document_id, layer)
        if same_version(held, _as_decided(article)):
            report.unchanged += 1
            return
        if not _only_opened(store, document_id, layer, held):
            report.conflicts.append(
                f"{article_label(article)}: {layer}'s layer already holds another version "
                "of this document; kept it (not replaced)"
            )
            return
        # Read in the GUI, nothing decided: the layer holds no version yet, only the
        # suggestions it opened with, so the file's is the first (as agreement counts it).
        store.layers.drop_layer_document(document_id, layer)
    report.attributions += store.layers.store_layer(
        document_id,
        layer,
        article.attributions,
        status=DocumentStatus.DONE,
        annotator=layer,
        action="import_annotations",
    )
    report.documents += 1


def _only_opened(store: Store, document_id: int, layer: str, held: list[Attribution]) -> bool:
    """Whether ``layer`` has only opened the document: still new, and its records are
    the untouched suggestions it was given."""
    if store.layers.layer_status(document_id, layer) is not DocumentStatus.NEW:
        return False
    return same_version(held, store.layers.suggestions(document_id))


def _as_decided(article: Article) -> list[Attribution]:
    """The article's records as the layer stores them (accepted unless rejected)."""
    return [
        a if a.status is Status.REJECTED else a.with_changes(status=Status.ACCEPTED)
        for a in article.attributions
    ]
