"""The slow jobs the GUI runs in workers: plain functions, plain data in and out.

Nothing here touches Qt. Each job opens its own :class:`Store` on the workspace
file, because a sqlite connection belongs to the thread that opened it, and closes
it before returning. Signatures fit :func:`ui.shell.workers.run_task` once the data is
bound with ``functools.partial``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from formats.readers import ReadOptions, read_paths
from formats.writers import ExportFilters, ExportReport, write_export
from quotes.model import ImportReport, Problem
from storage.store import Store


def import_files(
    db_path: Path,
    paths: Sequence[Path],
    *,
    options: ReadOptions | None = None,
    annotator: str = "annotator",
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> ImportReport:
    """Read ``paths`` (files or folders) and store their articles in the workspace.

    ``options`` carries the CSV/TSV column mapping (default: ``text``, ``title``,
    ``id``). Problems of the readers (bad lines, undecodable files) and their notes (the
    encodings detected) are added to the store's report. A cancelled import keeps
    nothing: the store writes all articles in one transaction.
    """
    problems: list[Problem] = []
    notes: list[str] = []
    store = Store(db_path, annotator=annotator)
    try:
        articles = read_paths(
            [Path(p) for p in paths], options=options, problems=problems, notes=notes
        )
        report = store.add_articles(articles, progress=progress, is_cancelled=is_cancelled)
    finally:
        store.close()
    return report.merged(ImportReport(problems=tuple(problems), notes=tuple(notes)))


def export_workspace(
    db_path: Path,
    out_path: Path,
    *,
    format: str = "jsonl",
    filters: ExportFilters | None = None,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> ExportReport:
    """Write the workspace to ``out_path`` in ``format``; return the writer's report.

    ``filters`` default to accepted attributions only (a dataset); with
    ``ExportFilters.every_status()`` candidates and rejected ones are written too,
    with their status (a full backup). The output appears whole or not at all
    (``formats.atomic``): a failure raises ``OSError`` and a cancel returns a report
    with ``cancelled`` set, both leaving any earlier output untouched.
    """
    store = Store(db_path)
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
