"""The agreement computation as a worker job (Team > Agreement): plain data in and out.

Nothing here touches Qt. The job opens its own :class:`Store` on the workspace file
(a sqlite connection belongs to the thread that opened it), runs the same
computation as ``app.py agreement`` (``jobs.team.agreement.workspace_agreement``)
and closes the store. It only reads. Its signature fits
:func:`ui.shell.workers.run_task` once the data is bound with ``functools.partial``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from formats.writers.selection import export_id
from jobs.team.agreement import workspace_agreement
from quotes.agreement import AgreementReport
from storage.store import Store


@dataclass(frozen=True)
class AgreementResult:
    """The report, where its documents are in the workspace, and how long it took.

    ``document_ids`` maps a report document's id (its export id, as in
    ``DocumentAgreement.id``) to the workspace's document id.
    """

    report: AgreementReport
    document_ids: Mapping[str, int]
    seconds: float

    def document_id(self, report_id: str) -> int | None:
        """The workspace's id of the report's document ``report_id``, or None."""
        return self.document_ids.get(report_id)


def measure_workspace_agreement(
    db_path: Path,
    annotators: Sequence[str] | None = None,
    *,
    open_store: Callable[[Path], Store] = Store,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> AgreementResult:
    """The agreement of ``annotators``' layers (default: every annotator layer).

    Not cancellable midway (it takes about half a second for six annotators on 16
    articles); a cancelled job's result is simply not shown.

    :raises LayerError: for a name that is not a layer of the workspace.
    :raises AgreementError: for fewer than two annotator layers, or no document that
        two of them reviewed.
    """
    started = time.perf_counter()
    store = open_store(db_path)
    try:
        report = workspace_agreement(store, annotators)
        progress(1)
        document_ids: dict[str, int] = {}
        seen: set[int] = set()
        for name in report.annotators:
            for document_id in store.layers.layer_documents(name):
                if document_id not in seen:
                    seen.add(document_id)
                    document_ids.setdefault(export_id(store.document(document_id)), document_id)
    finally:
        store.close()
    return AgreementResult(report, document_ids, time.perf_counter() - started)
