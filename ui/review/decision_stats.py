"""The figures of View > Statistics, computed from the history: pure, no Qt.

A *timed decision* is a history entry whose action is a decision about one record
(``DECISION_ACTIONS``) and that has an ``elapsed_ms`` (the time from the record
being shown, or from the previous action, to the decision; the store leaves it out
after a pause of more than five minutes). Decisions faster than
:data:`MINIMUM_DECISION_MS` are not counted at all: nobody reads a quotation, its
cue and its speaker and decides in less than half a second, so such entries come
from scripts, key repeat or a held-down key, and counting them made a scripted
run of 60 ms decisions read as 12,167 decisions per hour.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quotes.model import DocumentStatus, DocumentSummary
from storage.history import DECISION_ACTIONS, HistoryEntry

#: Decisions quicker than this (milliseconds) are left out of every figure.
MINIMUM_DECISION_MS = 500

#: The most history entries the dialog reads (newest first): weeks of a team's work.
#: ``Store.history`` decodes every entry's states, about 30 µs each, so this keeps
#: opening the dialog under a second; a store query of the times alone would lift it.
HISTORY_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class TimedDecision:
    """One decision with the time it took: who, when (UTC, to the hour) and how long."""

    annotator: str
    hour: datetime
    elapsed_ms: int


@dataclass(frozen=True, slots=True)
class AnnotatorRate:
    """One annotator's speed: counted decisions per hour of decision time (None
    before any), and how many decisions were too fast to count."""

    annotator: str
    per_hour: float | None
    too_fast: int = 0


@dataclass(frozen=True, slots=True)
class HourlyDecisions:
    """How many counted decisions an annotator made in each clock hour (UTC), oldest
    first; hours without any are absent."""

    annotator: str
    counts: tuple[tuple[datetime, int], ...]


@dataclass(frozen=True, slots=True)
class StatusProgress:
    """The records of the documents with one status: reviewed and still to review."""

    status: DocumentStatus
    documents: int
    reviewed: int
    remaining: int


def timed_decisions(entries: Iterable[HistoryEntry]) -> list[TimedDecision]:
    """The timed decisions among ``entries``, in the order given."""
    decisions = []
    for entry in entries:
        if entry.action in DECISION_ACTIONS and entry.elapsed_ms is not None:
            at = datetime.fromisoformat(entry.at)
            hour = at.replace(minute=0, second=0, microsecond=0)
            decisions.append(TimedDecision(entry.annotator, hour, entry.elapsed_ms))
    return decisions


def is_plausible(decision: TimedDecision, minimum_ms: int = MINIMUM_DECISION_MS) -> bool:
    """Whether a person could have taken ``decision`` (it took at least ``minimum_ms``)."""
    return decision.elapsed_ms >= minimum_ms


def rates_of(
    decisions: Iterable[TimedDecision],
    annotators: Iterable[str],
    minimum_ms: int = MINIMUM_DECISION_MS,
) -> list[AnnotatorRate]:
    """Each of ``annotators`` (and each annotator of ``decisions``) with the rate of
    their plausible decisions; the fastest first, those without any last."""
    counted: Counter[str] = Counter()
    spent_ms: Counter[str] = Counter()
    too_fast: Counter[str] = Counter()
    for decision in decisions:
        if is_plausible(decision, minimum_ms):
            counted[decision.annotator] += 1
            spent_ms[decision.annotator] += decision.elapsed_ms
        else:
            too_fast[decision.annotator] += 1
    names = dict.fromkeys([*annotators, *counted, *too_fast])
    rates = [
        AnnotatorRate(
            name,
            counted[name] * 3_600_000 / max(spent_ms[name], 1) if counted[name] else None,
            too_fast[name],
        )
        for name in names
    ]
    return sorted(rates, key=lambda r: (r.per_hour is None, -(r.per_hour or 0), r.annotator))


def hourly_decisions(
    decisions: Iterable[TimedDecision], minimum_ms: int = MINIMUM_DECISION_MS
) -> list[HourlyDecisions]:
    """Per annotator (by name), the plausible decisions counted per clock hour."""
    per_annotator: dict[str, Counter[datetime]] = {}
    for decision in decisions:
        if is_plausible(decision, minimum_ms):
            per_annotator.setdefault(decision.annotator, Counter())[decision.hour] += 1
    return [
        HourlyDecisions(name, tuple(sorted(per_annotator[name].items())))
        for name in sorted(per_annotator)
    ]


def progress_by_status(summaries: Iterable[DocumentSummary]) -> list[StatusProgress]:
    """Reviewed and remaining records per document status, in status order (new, in
    progress, done), every status listed even without documents."""
    documents: Counter[DocumentStatus] = Counter()
    reviewed: Counter[DocumentStatus] = Counter()
    remaining: Counter[DocumentStatus] = Counter()
    for summary in summaries:
        documents[summary.status] += 1
        reviewed[summary.status] += summary.accepted + summary.rejected
        remaining[summary.status] += summary.candidates
    return [
        StatusProgress(status, documents[status], reviewed[status], remaining[status])
        for status in DocumentStatus
    ]
