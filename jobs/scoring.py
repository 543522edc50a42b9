"""Score unreviewed documents by the learned model's uncertainty (active learning).

``score_unreviewed`` reads each unreviewed document of the store's layer that has no
score yet, asks the model how unsure it is of it (``quotes.learning.uncertainty``)
and stores the scores (``Store.record_uncertainties``). Next document by uncertainty
(the GUI's opt-in order, ``app.py uncertain``) then reads them from the store.

Scores are written a batch at a time, so a cancelled run keeps what it scored and a
second run scores only the rest. Writing scores is not an annotation (no history, no
undo). Training a new model deletes the old model's scores (``storage.models``).

Threading: runs in the calling thread on the store it is given, which must belong
to that thread (the GUI runs it in a worker on the worker's own store).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quotes.learning import TrainedModel
from quotes.learning.uncertainty import document_uncertainty
from quotes.lexicon import Lexicon
from storage.store import Store

#: Documents scored between two writes: small enough that a cancel loses little.
BATCH = 20


@dataclass(frozen=True, slots=True)
class ScoringReport:
    """What a scoring run did: ``scored`` documents now have a score; ``left`` still
    wait for one (a cancelled run); ``cancelled`` says whether it stopped early."""

    scored: int = 0
    left: int = 0
    cancelled: bool = False

    def summary(self) -> str:
        """One sentence for the status bar or the terminal."""
        noun = "document" if self.scored == 1 else "documents"
        if self.cancelled:
            return f"Scoring cancelled: {self.scored} {noun} scored, {self.left} left."
        return f"Scored {self.scored} unreviewed {noun} by the model's uncertainty."


def score_unreviewed(
    store: Store,
    model: TrainedModel,
    *,
    lexicon: Lexicon | None = None,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ScoringReport:
    """Give every unreviewed document of ``store``'s layer that has none a score.

    ``progress`` receives the number of documents scored so far (of
    ``len(store.unscored_unreviewed())`` at the start); ``is_cancelled`` is polled
    between documents.
    """
    waiting = store.unscored_unreviewed()
    batch: dict[int, float] = {}
    scored = 0
    for position, document_id in enumerate(waiting):
        if is_cancelled is not None and is_cancelled():
            store.record_uncertainties(batch)
            return ScoringReport(scored + len(batch), len(waiting) - position, cancelled=True)
        try:
            text = store.document(document_id).text
        except KeyError:  # deleted meanwhile: nothing to score
            text = None
        if text is not None:
            batch[document_id] = document_uncertainty(text, model, lexicon)
        if len(batch) >= BATCH:
            store.record_uncertainties(batch)
            scored += len(batch)
            batch = {}
        if progress is not None:
            progress(position + 1)
    store.record_uncertainties(batch)
    return ScoringReport(scored + len(batch), 0)
