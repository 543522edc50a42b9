"""Adjudication into the gold layer: the majority first, then one disagreement at a time.

``adjudicate_by_majority`` (``app.py adjudicate --majority``) puts into the gold layer
every attribution that more than half of a document's annotators agree on (content
overlap and the same speaker; cue and type from the majority), each marked with the
annotators who backed it. What is left, :func:`open_disagreements`, is walked by a
person in the GUI's adjudication mode; :func:`take_version` records one choice there:
an annotator's version, the majority's, or none (reject all), as one undoable action
of the store's gold layer that names who adjudicated it (the store's annotator) and
which versions agreed (the record's ``rule``: ``adjudicated: alice, bob``).

Threading: that of the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jobs.team.layer_records import layer_records
from quotes.agreement import Adjudication, Disagreement, adjudicate_majority
from quotes.agreement.facets import same_speaker
from quotes.model import Attribution, DocumentStatus, Status
from quotes.records import attribution_from_record
from storage.articles import content_hash
from storage.connection import GOLD_LAYER
from storage.layers import LayerError
from storage.store import Store

#: The ``rule`` of a gold record that a majority backed, before its backers' names.
MAJORITY_RULE = "majority"
#: The ``rule`` of a gold record a person chose, before the names of agreeing versions.
ADJUDICATED_RULE = "adjudicated"
#: The choice of :func:`take_version` that takes the majority's version.
MAJORITY = "majority"


@dataclass(frozen=True, slots=True)
class MajorityRun:
    """What ``adjudicate --majority`` did: documents given a gold version, their
    majority attributions, the documents whose gold version existed already (left as
    they are), and the disagreements left for a person (``left``, in document and text
    order, as :func:`open_disagreements` gives them)."""

    annotators: tuple[str, ...]
    documents: int
    gold_attributions: int
    kept_documents: int
    left: tuple[OpenDisagreement, ...]

    @property
    def disagreements(self) -> int:
        """How many disagreements are left to adjudicate."""
        return len(self.left)

    def summary(self) -> str:
        """One line for the CLI and the status bar."""
        line = (
            f"gold layer: {_count(self.documents, 'document')}, "
            f"{_count(self.gold_attributions, 'majority attribution')} from "
            f"{_count(len(self.annotators), 'annotator')}; "
            f"{_count(self.disagreements, 'disagreement')} left to adjudicate"
        )
        if self.kept_documents:
            line += f"; {_count(self.kept_documents, 'document')} already had a gold version, kept"
        return line


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class OpenDisagreement:
    """A disagreement still to adjudicate, with the stored document it belongs to.

    ``annotators`` is the order of the number keys: key n takes ``annotators[n-1]``'s
    version, when that annotator has one (``version_of``).
    """

    document_id: int
    disagreement: Disagreement
    annotators: tuple[str, ...]

    def version_of(self, annotator: str) -> dict[str, Any] | None:
        """``annotator``'s version of the attribution, or None when they have none."""
        for version in self.disagreement.versions:
            if version.annotator == annotator:
                return dict(version.quote)
        return None

    def spans(self) -> list[tuple[int, int]]:
        """The content spans of every version (for highlighting and progress)."""
        return [(int(v.quote["start"]), int(v.quote["end"])) for v in self.disagreement.versions]


def _document_ids(store: Store, records: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Export id -> stored document id, for every record the layers hold."""
    found: dict[str, int] = {}
    for layer in records.values():
        for record in layer:
            if record["id"] not in found:
                document_id = store.find_document(content_hash(record["text"]))
                if document_id is not None:
                    found[record["id"]] = document_id
    return found


def _majority(
    store: Store, annotators: Sequence[str] | None
) -> tuple[Adjudication, dict[str, int]]:
    records = layer_records(store, annotators)
    adjudication = adjudicate_majority(records, annotators, gold_annotator=MAJORITY_RULE)
    return adjudication, _document_ids(store, records)


def adjudicate_by_majority(store: Store, annotators: Sequence[str] | None = None) -> MajorityRun:
    """Give every document two or more annotators reviewed its majority gold version.

    A document the gold layer holds already (an earlier run, or a person's choices)
    is left as it is, so running this twice changes nothing.

    :raises LayerError: for an unknown layer name.
    :raises AgreementError: for fewer than two annotators.
    """
    adjudication, ids = _majority(store, annotators)
    by_document: dict[str, list[Attribution]] = defaultdict(list)
    texts = {record["id"]: record["text"] for record in adjudication.gold}
    for decision in adjudication.decisions:
        quote = attribution_from_record(decision.quote, len(texts[decision.document_id]))
        by_document[decision.document_id].append(
            quote.with_changes(rule=f"{MAJORITY_RULE}: {', '.join(decision.agreed)}")
        )
    open_by_document = {d.document_id for d in adjudication.disagreements}
    stored = kept = attributions = 0
    with store.transaction():
        for record in adjudication.gold:
            document_id = ids[record["id"]]
            if store.layers.is_open(document_id, GOLD_LAYER):
                kept += 1
                continue
            status = (
                DocumentStatus.IN_PROGRESS
                if record["id"] in open_by_document
                else DocumentStatus.DONE
            )
            attributions += store.layers.store_layer(
                document_id,
                GOLD_LAYER,
                by_document.get(record["id"], []),
                status=status,
                annotator=store.annotator,
                action="adjudicate_majority",
            )
            stored += 1
    # The layers did not change, only gold: what is left follows from this adjudication.
    left = tuple(_still_open(store, adjudication, ids))
    return MajorityRun(adjudication.annotators, stored, attributions, kept, left)


def _jaccard(first: tuple[int, int], second: tuple[int, int]) -> float:
    shared = min(first[1], second[1]) - max(first[0], second[0])
    if shared <= 0:
        return 0.0
    return shared / (max(first[1], second[1]) - min(first[0], second[0]))


def decided_flags(gold: Sequence[Attribution], items: Sequence[OpenDisagreement]) -> list[bool]:
    """Which of one document's ``items`` a person already chose for.

    Each gold record a person made (rule ``adjudicated: ...``) decides the one item
    whose versions it overlaps most, one to one and best overlap first: a long
    version taken for one disagreement must not close a neighbouring one that it
    happens to overlap, which nobody has looked at yet. ``gold`` is the document's
    gold layer; returns one flag per item, in order.
    """
    made = [(a.start, a.end) for a in gold if a.rule.startswith(ADJUDICATED_RULE)]
    pairs = []
    for g, record in enumerate(made):
        for i, item in enumerate(items):
            value = max(_jaccard(record, span) for span in item.spans())
            if value > 0:
                pairs.append((-value, g, i))
    decided = [False] * len(items)
    used: set[int] = set()
    for _value, g, i in sorted(pairs):
        if g not in used and not decided[i]:
            used.add(g)
            decided[i] = True
    return decided


def open_disagreements(
    store: Store, annotators: Sequence[str] | None = None
) -> list[OpenDisagreement]:
    """The disagreements no one has adjudicated yet, in document and text order.

    :raises LayerError: for an unknown layer name.
    :raises AgreementError: for fewer than two annotators.
    """
    adjudication, ids = _majority(store, annotators)
    return _still_open(store, adjudication, ids)


def _still_open(
    store: Store, adjudication: Adjudication, ids: dict[str, int]
) -> list[OpenDisagreement]:
    """The disagreements of ``adjudication`` that the gold layer has not decided."""
    by_document: dict[int, list[OpenDisagreement]] = defaultdict(list)
    for disagreement in adjudication.disagreements:
        document_id = ids[disagreement.document_id]
        by_document[document_id].append(
            OpenDisagreement(document_id, disagreement, adjudication.annotators)
        )
    found: list[OpenDisagreement] = []
    for document_id, items in by_document.items():
        gold = store.layers.layer_attributions(document_id, GOLD_LAYER)
        found.extend(
            item for item, done in zip(items, decided_flags(gold, items), strict=True) if not done
        )
    return found


def _agreeing(item: OpenDisagreement, chosen: dict[str, Any], choice: str | None) -> list[str]:
    """The annotators whose versions agree with the chosen one (same speaker and
    overlapping content)."""
    if choice == MAJORITY:
        return list(item.disagreement.supporters)
    agreeing = []
    for version in item.disagreement.versions:
        quote = version.quote
        overlapping = quote["start"] < chosen["end"] and chosen["start"] < quote["end"]
        if overlapping and same_speaker(quote, chosen):
            agreeing.append(version.annotator)
    return agreeing


def take_version(store: Store, item: OpenDisagreement, choice: str | None) -> Attribution:
    """Adjudicate ``item``: ``choice`` is an annotator's name (their version),
    :data:`MAJORITY` (the largest agreeing group's version), or None (reject all: the
    gold layer records a rejected attribution, so the disagreement counts as decided).

    One undoable action of ``store``, which must work in the gold layer; returns the
    gold attribution.

    :raises LayerError: if the store is not in the gold layer, or ``choice`` names an
        annotator without a version of this attribution.
    """
    if store.layer != GOLD_LAYER:
        raise LayerError("adjudication writes the gold layer: switch the store to it first")
    if choice is None or choice == MAJORITY:
        chosen = dict(item.disagreement.majority)
    else:
        version = item.version_of(choice)
        if version is None:
            raise LayerError(f"{choice} has no version of this attribution")
        chosen = version
    text_length = len(store.document(item.document_id).text)
    attribution = attribution_from_record(chosen, text_length)
    if choice is None:
        rule = f"{ADJUDICATED_RULE}: rejected by all"
        status = Status.REJECTED
    else:
        rule = f"{ADJUDICATED_RULE}: {', '.join(_agreeing(item, chosen, choice))}"
        status = Status.ACCEPTED
    return store.add_attribution(
        item.document_id,
        attribution.with_changes(annotator=None, entity_id=None),
        status=status,
        rule=rule,
    )
