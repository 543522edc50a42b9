"""The adjudication mode's slow step, run off the UI thread: majority, then what is left.

:func:`find_disagreements` is a worker task (``ui.shell.workers.run_task``): it
opens its own store on the workspace file, gives every document the majority's
gold version where the gold layer has none yet (``adjudicate_by_majority``, which
leaves documents the gold layer holds as they are, so running it again changes
nothing), then keeps the disagreements that run found left (``MajorityRun.left``). Doing the
majority first matters: a document adjudicated by hand before it has a gold version
would later be kept as it is by the majority run, without its majority records.
Plain data in, plain data out (frozen dataclasses); no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jobs.team.adjudication import (
    MajorityRun,
    OpenDisagreement,
    adjudicate_by_majority,
)
from storage.connection import GOLD_LAYER
from storage.store import Store


@dataclass(frozen=True, slots=True)
class FoundDisagreements:
    """What the worker hands back: the majority run and the disagreements left."""

    majority: MajorityRun
    items: tuple[OpenDisagreement, ...]


def find_disagreements(
    path: Path | None,
    *,
    annotator: str,
    store: Store | None = None,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> FoundDisagreements:
    """Put the majority into the gold layer, then list the disagreements left.

    Opens its own store on ``path`` (as ``annotator``, in the gold layer); ``store``
    is used instead only for an in-memory workspace, which no other connection can
    open (the caller then runs this on its own thread).
    """
    del progress, is_cancelled  # two steps of a second or so: nothing to report or stop
    if store is not None:
        run = adjudicate_by_majority(store)
        return FoundDisagreements(run, run.left)
    with Store(path, annotator=annotator, layer=GOLD_LAYER) as own:
        run = adjudicate_by_majority(own)
        return FoundDisagreements(run, run.left)
