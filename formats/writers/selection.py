"""What an export takes from the workspace: filters, and the stream every writer reads.

Every writer consumes the same ``select`` stream, so filtering, progress, cancelling
and counting behave identically whatever the format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from operator import itemgetter, lt

from quotes.model import Attribution, Document, DocumentStatus, Status

Item = tuple[Document, list[Attribution]]


class ExportCancelled(Exception):
    """Raised inside a writer when the user cancelled; the partial output is discarded."""


@dataclass(frozen=True, slots=True)
class ExportFilters:
    """Which documents and attributions an export keeps.

    :param statuses: the attribution statuses kept; accepted only by default.
    :param annotators: keep only attributions by these annotators (None: anyone).
        An attribution without an annotator is kept only when ``annotators`` is None.
    :param document_statuses: keep only documents in these states (None: all).
    :param include_unreviewed: export documents nobody reviewed too (see
        ``is_reviewed``), each marked as unreviewed; by default they are left out.

    Reviewed documents that pass the document filter are exported even when none of
    their attributions pass: a reviewed article without quotations is data too. An
    unreviewed one is not: its missing quotations mean "not looked at", not "none".
    """

    statuses: frozenset[Status] = frozenset({Status.ACCEPTED})
    annotators: frozenset[str] | None = None
    document_statuses: frozenset[DocumentStatus] | None = None
    include_unreviewed: bool = False

    @classmethod
    def every_status(
        cls,
        *,
        annotators: Iterable[str] | None = None,
        document_statuses: Iterable[DocumentStatus] | None = None,
        include_unreviewed: bool = False,
    ) -> ExportFilters:
        """Filters that keep candidates, accepted and rejected attributions alike."""
        return cls(
            statuses=frozenset(Status),
            annotators=None if annotators is None else frozenset(annotators),
            document_statuses=None if document_statuses is None else frozenset(document_statuses),
            include_unreviewed=include_unreviewed,
        )

    def keeps_document(self, document: Document) -> bool:
        """Whether ``document`` is exported at all."""
        return self.document_statuses is None or document.status in self.document_statuses

    def keeps(self, attribution: Attribution) -> bool:
        """Whether ``attribution`` is exported with its document."""
        if attribution.status not in self.statuses:
            return False
        return self.annotators is None or attribution.annotator in self.annotators


def is_reviewed(document: Document, attributions: Iterable[Attribution]) -> bool:
    """Whether someone reviewed ``document``: marked done, or any record decided.

    ``attributions`` are all of the document's records, before any export filter:
    a decision by any annotator counts.
    """
    if document.status is DocumentStatus.DONE:
        return True
    return any(a.status is not Status.CANDIDATE for a in attributions)


def export_id(document: Document) -> str:
    """The id a document carries in every format: its external id, else ``doc-<id>``."""
    return document.external_id if document.external_id else f"doc-{document.id}"


def _position(a: Attribution) -> tuple[int, int]:
    return (a.fragments[0].start, a.fragments[-1].end)


def _full_order(a: Attribution) -> tuple:
    # Spans compare by (start, end); a flag before each optional span keeps None
    # from ever being compared with a span.
    return (
        a.start,
        a.end,
        a.fragments,
        a.cue is not None,
        a.cue,
        a.speaker is not None,
        a.speaker,
        a.type.value,
        a.status.value,
        a.speaker_name or "",
        a.annotator or "",
    )


def text_order(attributions: Iterable[Attribution]) -> list[Attribution]:
    """Attributions sorted as every format writes them, so that output is reproducible.

    The order is that of ``_full_order``. When no two attributions share their
    (start, end), which is nearly always, its first two fields decide every
    comparison, so sorting by them alone gives the same order in less time than
    building the long keys takes.
    """
    kept = list(attributions)
    positions = list(map(_position, kept))
    if all(map(lt, positions, positions[1:])):
        # Already in order with no position shared (a workspace stores attributions
        # in text order): the sort below would return them as they are.
        return kept
    if len(set(positions)) != len(positions):
        return sorted(kept, key=_full_order)
    return [a for _, a in sorted(zip(positions, kept, strict=True), key=_FIRST)]


_FIRST = itemgetter(0)


@dataclass(slots=True)
class Tally:
    """Counts of what went through ``select``; read after the writer finished."""

    documents: int = 0
    attributions: int = 0
    # Documents left out because nobody reviewed them (see ExportFilters).
    unreviewed_left_out: int = 0
    # Unreviewed documents exported anyway (include_unreviewed), each marked.
    unreviewed_exported: int = 0


def select(
    items: Iterable[Item],
    filters: ExportFilters,
    tally: Tally,
    *,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> Iterator[Item]:
    """Yield the kept documents with their kept attributions in text order.

    Each yielded document carries ``reviewed`` (see ``is_reviewed``); unreviewed
    ones are yielded only with ``filters.include_unreviewed`` and are counted in
    ``tally`` either way.

    ``progress`` is called after each exported document with the number exported so
    far; ``is_cancelled`` is polled before each document and, when it returns True,
    ``ExportCancelled`` is raised into the writer. Both run on the exporting thread:
    a UI passes thread-safe callables (a signal emit, an event's ``is_set``).
    """
    for document, attributions in items:
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled
        if not filters.keeps_document(document):
            continue
        reviewed = is_reviewed(document, attributions)
        if not reviewed:
            if not filters.include_unreviewed:
                tally.unreviewed_left_out += 1
                continue
            tally.unreviewed_exported += 1
        kept = text_order(a for a in attributions if filters.keeps(a))
        yield replace(document, reviewed=reviewed), kept
        tally.documents += 1
        tally.attributions += len(kept)
        if progress is not None:
            progress(tally.documents)
    if is_cancelled is not None and is_cancelled():
        raise ExportCancelled
