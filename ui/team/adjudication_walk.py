"""Where the adjudicator is in the list of disagreements, and how many are left.

:class:`DisagreementWalk` holds the disagreements found when the adjudication mode
opened (``jobs.team.adjudication.open_disagreements``, computed once, in a worker)
and which of them are decided now. Whether one is decided is read from the gold
layer with the rule ``open_disagreements`` uses (``decided_flags``), one document
at a time: a choice, its undo or its redo re-reads only the document it touched,
instead of recomputing the majority over the whole workspace on every key.
Plain Python (no Qt); threading: that of the store it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jobs.team.adjudication import OpenDisagreement, decided_flags
from storage.connection import GOLD_LAYER
from storage.store import Store


def progress_text(left: int, total: int) -> str:
    """The progress line: "12 of 80 disagreements left", or that all are done."""
    if total == 0:
        return "No disagreements to adjudicate."
    if left == 0:
        noun = "disagreement" if total == 1 else "disagreements"
        return f"All {total} {noun} adjudicated."
    noun = "disagreement" if total == 1 else "disagreements"
    return f"{left} of {total} {noun} left"


class DisagreementWalk:
    """The disagreements to adjudicate, which are decided, and the one shown.

    :param items: the open disagreements in document and text order.
    """

    def __init__(self, items: Sequence[OpenDisagreement]) -> None:
        self.items: tuple[OpenDisagreement, ...] = tuple(items)
        self._decided = [False] * len(self.items)
        self._by_document: dict[int, list[int]] = {}
        for index, item in enumerate(self.items):
            self._by_document.setdefault(item.document_id, []).append(index)
        self.position: int | None = 0 if self.items else None

    # -- reading ---------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many disagreements the walk started with."""
        return len(self.items)

    @property
    def left(self) -> int:
        """How many are not decided yet."""
        return self._decided.count(False)

    @property
    def current(self) -> OpenDisagreement | None:
        """The disagreement shown, or None when all are decided."""
        return None if self.position is None else self.items[self.position]

    def is_decided(self, index: int) -> bool:
        """Whether disagreement ``index`` has a person's gold record."""
        return self._decided[index]

    def progress(self) -> str:
        """The progress line (see :func:`progress_text`)."""
        return progress_text(self.left, self.total)

    def documents(self) -> list[int]:
        """The documents that hold a disagreement, in walk order."""
        return list(self._by_document)

    # -- following the gold layer ----------------------------------------------------
    def refresh(self, store: Store, document_ids: Iterable[int]) -> list[int]:
        """Re-read which disagreements of ``document_ids`` are decided, from the gold
        layer of ``store``; returns the indexes that were decided and are open again
        (an undone choice), in walk order."""
        reopened = []
        for document_id in dict.fromkeys(document_ids):
            indexes = self._by_document.get(document_id)
            if not indexes:
                continue
            gold = store.layers.layer_attributions(document_id, GOLD_LAYER)
            flags = decided_flags(gold, [self.items[i] for i in indexes])
            for index, decided in zip(indexes, flags, strict=True):
                if self._decided[index] and not decided:
                    reopened.append(index)
                self._decided[index] = decided
        return sorted(reopened)

    # -- moving ----------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Show disagreement ``index`` (decided or not)."""
        if not 0 <= index < len(self.items):
            raise IndexError(f"no disagreement {index}")
        self.position = index

    def advance(self) -> OpenDisagreement | None:
        """Move to the first open disagreement after the current one, wrapping around
        to the start; None (and no position) when every one is decided."""
        if not self.items:
            return None
        start = -1 if self.position is None else self.position
        count = len(self.items)
        for step in range(1, count + 1):
            index = (start + step) % count
            if not self._decided[index]:
                self.position = index
                return self.items[index]
        self.position = None
        return None
