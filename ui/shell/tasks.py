"""The slow jobs the GUI runs in workers: plain functions, plain data in and out.

Nothing here touches Qt. Each job opens its own :class:`Store` on the workspace
file, because a sqlite connection belongs to the thread that opened it, and closes
it before returning; the work itself is the application floor's (``jobs``), the same
the CLI runs. Signatures fit :func:`ui.shell.workers.run_task` once the data is
bound with ``functools.partial``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from formats.readers import ReadOptions, read_paths
from formats.writers import ExportFilters, ExportReport, write_export
from jobs import importing, resuggesting, scoring, training
from quotes.lexicon import Lexicon
from quotes.model import ImportReport
from storage.store import Store, StoredModel


@dataclass(frozen=True)
class TaskSetup:
    """What the GUI's jobs are given besides their data (one per window).

    :param lexicon: the cues imports pre-annotate with (None: the shipped ones).
    :param read: how imports read their files (tests pass an endless reader).
    :param open_store: how a job opens the workspace in its worker thread (tests pass
        a slow store).
    """

    lexicon: Lexicon | None = None
    read: importing.ReadPaths = read_paths
    open_store: Callable[[Path], Store] = Store


def import_files(
    db_path: Path,
    paths: Sequence[Path],
    *,
    options: ReadOptions | None = None,
    annotator: str = "annotator",
    setup: TaskSetup | None = None,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> ImportReport:
    """Read ``paths`` (files or folders) and store their articles in the workspace.

    The job is ``jobs.importing.import_files`` on a store of this thread: ``options``
    carries the CSV/TSV column mapping, the report holds the readers' problems and
    notes with the store's, and a cancelled import keeps the batches committed before
    (``report.imported`` counts them). An import that fails part way raises
    ``jobs.importing.ImportStopped``, whose report counts what it kept.
    """
    setup = setup or TaskSetup()
    store = setup.open_store(db_path)
    store.annotator = annotator
    try:
        return importing.import_files(
            store,
            paths,
            options=options,
            lexicon=setup.lexicon,
            read=setup.read,
            progress=progress,
            is_cancelled=is_cancelled,
        )
    finally:
        store.close()


def export_workspace(
    db_path: Path,
    out_path: Path,
    *,
    format: str = "jsonl",
    filters: ExportFilters | None = None,
    setup: TaskSetup | None = None,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> ExportReport:
    """Write the workspace to ``out_path`` in ``format``; return the writer's report.

    ``filters`` default to accepted attributions only (a dataset); with
    ``ExportFilters.every_status()`` candidates and rejected ones are written too,
    with their status (a full backup). The output appears whole or not at all
    (``formats.atomic``): a failure raises ``OSError`` and a cancel returns a report
    with ``cancelled`` set, both leaving any earlier output untouched. The workspace
    is opened with ``setup.open_store``.
    """
    store = (setup or TaskSetup()).open_store(db_path)
    try:
        return write_export(
            store.iter_documents(),
            Path(out_path),
            format=format,
            filters=filters or ExportFilters(),
            progress=progress,
            is_cancelled=is_cancelled,
        )
    finally:
        store.close()


@dataclass(frozen=True)
class TrainingOutcome:
    """What a training job did: the model as stored (None when cancelled) and how long
    the whole job took."""

    model: StoredModel | None
    seconds: float
    cancelled: bool = False


#: Training's progress is reported in percent (its steps are articles and folds).
TRAINING_STEPS = 100


def train_workspace(
    db_path: Path,
    *,
    annotator: str = "annotator",
    trained_on: str | None = None,
    setup: TaskSetup | None = None,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> TrainingOutcome:
    """Train the workspace's model on its accepted records (``trained_on``'s only, when
    given) and store it there: ``jobs.training.train_workspace`` on this thread's
    store. ``progress`` receives percent done. A cancel returns an outcome with
    ``cancelled`` set and the previous model in place; too few records raise
    ``TrainingError`` (delivered as the task's error), the previous model in place.
    """
    setup = setup or TaskSetup()
    started = time.perf_counter()
    store = setup.open_store(db_path)
    store.annotator = annotator
    try:
        stored = training.train_workspace(
            store,
            annotator=trained_on,
            lexicon=setup.lexicon,
            progress=lambda done, total: progress(TRAINING_STEPS * done // max(total, 1)),
            cancelled=is_cancelled,
        )
    except training.TrainingCancelled:
        return TrainingOutcome(None, time.perf_counter() - started, cancelled=True)
    finally:
        store.close()
    return TrainingOutcome(stored, time.perf_counter() - started)


def resuggest_documents(
    db_path: Path,
    document_ids: Sequence[int] | None,
    *,
    annotator: str = "annotator",
    layer: str | None = None,
    session: str | None = None,
    setup: TaskSetup | None = None,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> resuggesting.ResuggestReport:
    """Re-suggest ``document_ids`` (None: every document not marked done) with the
    workspace's model (the rules alone without one): ``jobs.resuggesting`` on this
    thread's store, in the window's ``layer``. Its undo steps are ``annotator``'s in
    the window's ``session``, so the window's Undo reverses them. ``progress`` counts
    documents.

    :raises ModelFormatError: when the workspace's model cannot be read.
    """
    setup = setup or TaskSetup()
    store = setup.open_store(db_path)
    store.annotator = annotator
    if layer is not None:
        store.layer = layer
    if session is not None:
        store.session = session
    try:
        return resuggesting.resuggest_documents(
            store,
            document_ids,
            model=training.workspace_model(store),
            lexicon=setup.lexicon,
            progress=progress,
            is_cancelled=is_cancelled,
        )
    finally:
        store.close()


def score_documents(
    db_path: Path,
    *,
    layer: str | None = None,
    setup: TaskSetup | None = None,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> scoring.ScoringReport:
    """Score the unreviewed documents of the window's ``layer`` that have no score by
    the workspace model's uncertainty (``jobs.scoring``), on this thread's store.
    ``progress`` counts documents; a cancel keeps the scores written so far.

    :raises ModelFormatError: when the workspace's model cannot be read.
    :raises LookupError: when the workspace has no model (it was forgotten meanwhile).
    """
    setup = setup or TaskSetup()
    store = setup.open_store(db_path)
    if layer is not None:
        store.layer = layer
    try:
        model = training.workspace_model(store)
        if model is None:
            raise LookupError("the workspace has no learned model: train one first")
        return scoring.score_unreviewed(
            store, model, lexicon=setup.lexicon, progress=progress, is_cancelled=is_cancelled
        )
    finally:
        store.close()
