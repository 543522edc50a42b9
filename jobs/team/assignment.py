"""Handing documents out to annotators: one workspace file each (``app.py assign``).

Each document goes to ``per_document`` annotators, turn by turn, so every annotator
gets about the same share and every pair of annotators shares documents (the overlap
agreement needs). An annotator's file holds their documents with the engine's (or an
imported file's) suggestions as candidates, the speaker roster, and nothing anyone
decided. It opens in the annotator's own layer (``workspace_info.layer``), so the
annotator just opens it; ``collect`` brings that layer back.

Threading: that of the store; the files are written one after the other.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quotes.model import Article, Attribution, Origin, Speaker, Status
from storage.articles import content_hash
from storage.connection import now
from storage.layers import LayerError, is_annotator_layer
from storage.store import Store

#: The ``workspace_info`` key naming the workspace an assigned file came from.
ASSIGNED_FROM = "assigned_from"
#: The ``workspace_info`` key holding a workspace's own id (made on first assign).
WORKSPACE_ID = "workspace_id"


@dataclass(frozen=True, slots=True)
class Assignment:
    """One annotator's file and how many documents it holds."""

    annotator: str
    path: Path
    documents: int


def file_name_for(annotator: str) -> str:
    """A safe file name for ``annotator``'s workspace: ``<name>.sqlite``."""
    stem = re.sub(r"[^\w.-]+", "_", annotator).strip("._") or "annotator"
    return f"{stem}.sqlite"


def plan_assignment(
    document_ids: Sequence[int], annotators: Sequence[str], per_document: int
) -> dict[str, list[int]]:
    """``{annotator: [document id, ...]}``: document i goes to ``per_document``
    annotators in turn, starting where the previous document's turn ended.

    :raises ValueError: for no annotators, a name given twice, or ``per_document``
        outside 1 .. number of annotators.
    """
    if not annotators:
        raise ValueError("name at least one annotator")
    if len(set(annotators)) != len(annotators):
        raise ValueError("an annotator is named twice")
    if not 1 <= per_document <= len(annotators):
        raise ValueError(
            f"--per-document must be between 1 and the {len(annotators)} annotators named"
        )
    plan: dict[str, list[int]] = {name: [] for name in annotators}
    for index, document_id in enumerate(document_ids):
        for turn in range(per_document):
            plan[annotators[(index * per_document + turn) % len(annotators)]].append(document_id)
    return plan


def assign(
    store: Store, annotators: Sequence[str], *, per_document: int, out: Path
) -> list[Assignment]:
    """Write one workspace file per annotator into folder ``out``.

    :raises ValueError: as :func:`plan_assignment`, or when ``out`` already holds a
        file of one of these annotators (an annotator's work is never overwritten).
    :raises LayerError: for a reserved layer name (``gold``).
    """
    for name in annotators:
        if not is_annotator_layer(name):
            raise LayerError(f"{name!r} cannot be an annotator's name (it is a reserved layer)")
    plan = plan_assignment([s.id for s in store.document_summaries()], annotators, per_document)
    out.mkdir(parents=True, exist_ok=True)
    targets = {name: out / file_name_for(name) for name in annotators}
    existing = [str(path) for path in targets.values() if path.exists()]
    if existing:
        raise ValueError(f"{existing[0]} exists already: collect it, or choose another --out")
    origin_id = _workspace_id(store)
    made = []
    for name in annotators:
        _write_annotator_file(store, plan[name], targets[name], name, origin_id)
        made.append(Assignment(name, targets[name], len(plan[name])))
    return made


def _workspace_id(store: Store) -> str:
    found = store.workspace_info(WORKSPACE_ID)
    if found is None:
        found = uuid.uuid4().hex
        with store.transaction():
            store.set_workspace_info(WORKSPACE_ID, found)
    return found


def _suggested_speakers(
    store: Store, document_id: int, suggestions: Sequence[Attribution]
) -> list[Speaker]:
    """The roster an annotator's file starts from: the speakers the engine found (with
    mentions in the text, read in the shared layer) or that a suggestion names. A name
    that only an annotator's layer gave (collected, or imported with --annotations) is
    that annotator's decision, and the file must hold nobody else's."""
    named = {a.speaker_name for a in suggestions if a.speaker_name}
    return [s for s in store.speakers_for(document_id) if s.mentions or s.name in named]


def _write_annotator_file(
    store: Store, document_ids: Sequence[int], path: Path, annotator: str, origin_id: str
) -> None:
    """One annotator's workspace: the documents, their suggestions, the roster."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    target = Store(partial, annotator=annotator, layer="")
    try:
        stamp = now()
        problems: list = []
        with target.transaction():
            for document_id in document_ids:
                document = store.document(document_id)
                suggestions = [
                    a.with_changes(status=Status.CANDIDATE, annotator=None, id=None)
                    for a in store.layers.layer_attributions(document_id, "")
                    if a.origin is not Origin.HUMAN
                ]
                target.add_article(
                    Article(
                        document.text,
                        document.title,
                        document.source,
                        document.external_id,
                        meta=store.document_meta(document_id),
                    ),
                    key=content_hash(document.text),
                    stamp=stamp,
                    candidates=suggestions,
                    speakers=_suggested_speakers(store, document_id, suggestions),
                    problems=problems,
                )
            target.set_workspace_info("layer", annotator)
            target.set_workspace_info(ASSIGNED_FROM, origin_id)
        if problems:
            raise LayerError(f"{path}: could not copy {problems[0]}")
    finally:
        target.close()
    partial.replace(path)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
