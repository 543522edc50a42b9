"""Re-suggest: fresh candidates for documents whose review is not finished.

After training, the documents imported earlier still carry the rules' old
candidates. ``resuggest_documents`` runs the rules with the workspace's model (or
the rules alone without one) on each document not marked done and swaps its
candidates for the new suggestions (``Store.replace_candidates``): accepted and
rejected records are never touched, suggestions overlapping them are dropped, and
each document is one undo step. The GUI's Re-suggest actions run this in a worker
(``ui.shell.tasks.resuggest_documents``).

Threading: runs in the calling thread on the store it is given, which must belong
to that thread. Each document is its own short transaction, so a long run never
holds the write lock for long and a cancel keeps the documents already done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quotes.learning import TrainedModel, suggest
from quotes.learning.combination import LEARNED
from quotes.lexicon import Lexicon
from quotes.model import DocumentStatus, Status
from storage.store import Store


@dataclass(frozen=True, slots=True)
class ResuggestReport:
    """What a re-suggest run did.

    ``changed`` documents got new candidates, ``unchanged`` ones already had exactly
    these; ``done`` documents (review finished) were left alone. ``added`` and
    ``removed`` count candidates, ``learned`` the added ones the model proposed,
    ``overlapping`` the suggestions dropped for overlapping a reviewed record.
    """

    changed: int = 0
    unchanged: int = 0
    done: int = 0
    added: int = 0
    removed: int = 0
    learned: int = 0
    overlapping: int = 0
    used_model: bool = False
    cancelled: bool = False
    changed_ids: tuple[int, ...] = ()

    def summary(self) -> str:
        """One sentence for the status bar or the terminal."""
        source = "the rules and the learned model" if self.used_model else "the rules alone"
        if self.cancelled:
            head = f"Re-suggest cancelled after {self.changed + self.unchanged} documents"
        else:
            noun = "document" if self.changed == 1 else "documents"
            head = f"Re-suggested {self.changed} {noun} with {source}"
        parts = [f"{head}: {self.added} candidates ({self.learned} learned) for {self.removed}"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.done:
            parts.append(f"{self.done} marked done left alone")
        if self.overlapping:
            parts.append(f"{self.overlapping} suggestions overlapping reviewed records dropped")
        return "; ".join(parts) + "."


def resuggest_documents(
    store: Store,
    document_ids: Sequence[int] | None = None,
    *,
    model: TrainedModel | None,
    lexicon: Lexicon | None = None,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ResuggestReport:
    """Replace the candidates of ``document_ids`` (None: every document not marked
    done) with the suggestions of the rules and ``model`` (None: the rules alone).

    ``progress`` receives the number of documents handled so far; ``is_cancelled``
    is polled between documents (those already re-suggested stay so).

    :raises KeyError: for an id with no document.
    """
    counts = dict.fromkeys(
        ("changed", "unchanged", "done", "added", "removed", "learned", "overlapping"), 0
    )
    if document_ids is None:
        summaries = store.document_summaries()
        document_ids = [s.id for s in summaries if s.status != DocumentStatus.DONE]
        counts["done"] = len(summaries) - len(document_ids)
    changed_ids: list[int] = []
    for handled, document_id in enumerate(document_ids, start=1):
        if is_cancelled is not None and is_cancelled():
            return _report(counts, changed_ids, model, cancelled=True)
        document = store.document(document_id)
        if document.status == DocumentStatus.DONE:
            counts["done"] += 1
        else:
            suggestions = suggest(document.text, model, lexicon).attributions
            swap = store.replace_candidates(document_id, suggestions)
            counts["overlapping"] += swap.overlapping
            if swap.changed:
                counts["changed"] += 1
                counts["added"] += swap.added
                counts["removed"] += swap.removed
                counts["learned"] += sum(
                    1
                    for a in store.attributions_for(document_id)
                    if a.status == Status.CANDIDATE and a.rule == LEARNED
                )
                changed_ids.append(document_id)
            else:
                counts["unchanged"] += 1
        if progress is not None:
            progress(handled)
    return _report(counts, changed_ids, model, cancelled=False)


def _report(
    counts: dict[str, int], changed_ids: list[int], model: TrainedModel | None, *, cancelled: bool
) -> ResuggestReport:
    return ResuggestReport(
        **counts,
        used_model=model is not None,
        cancelled=cancelled,
        changed_ids=tuple(changed_ids),
    )
