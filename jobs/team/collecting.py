"""Bringing annotators' layers back into the lead's workspace (``app.py collect``).

Each annotator layer of a collected file (an ``assign``-ed workspace, or any workspace
with layers) is copied, document by document, into the same layer of the lead's
workspace, with every record's own status and the layer's document status. A document
is matched by its text: one the workspace does not hold (or holds with another text
under the same id) is reported and left in the file, never guessed at.

Collecting is idempotent: a layer's document whose version is already the workspace's
changes nothing. A newer version replaces the workspace's copy only when that copy
came from an earlier collect and nobody changed it here since; otherwise it is
reported and the workspace's copy kept. Nothing is lost either way: the file is only
read. Threading: that of the store; each file is collected in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jobs.team.versions import same_version
from quotes.model import DocumentStatus, Status
from storage.articles import content_hash
from storage.layers import is_annotator_layer
from storage.store import Store

_COLLECT = "collect"


@dataclass(slots=True)
class CollectReport:
    """What collecting one or more files did."""

    files: int = 0
    layers: set[str] = field(default_factory=set)
    documents: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Layers' documents the file holds unreviewed while this workspace has a version.
    unreviewed: int = 0
    attributions: int = 0
    #: Per collected file, the documents (labels) whose text this workspace lacks.
    differing: dict[str, list[str]] = field(default_factory=dict)
    #: Layers' documents changed here since they were collected: kept, not replaced.
    kept: list[str] = field(default_factory=list)
    #: Files that hold no annotator layer at all (nothing in them to collect).
    empty: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the CLI."""
        names = ", ".join(sorted(self.layers)) or "none"
        line = f"collected {self.documents} documents"
        if self.updated:
            line += f" and updated {self.updated}"
        line += (
            f" ({self.attributions} records) from {self.files} files, layers: {names}; "
            f"{self.unchanged} unchanged"
        )
        if self.unreviewed:
            line += f", {self.unreviewed} not reviewed in the file (this workspace's kept)"
        left_out = sum(len(labels) for labels in self.differing.values()) + len(self.kept)
        if left_out:
            line += f"; {left_out} not collected (see below)"
        return line

    def differing_lines(self, limit: int = 5) -> list[str]:
        """One line per file whose documents differ from the workspace's, naming up to
        ``limit`` of them."""
        lines = []
        for path, labels in self.differing.items():
            shown = ", ".join(repr(label) for label in labels[:limit])
            more = f" and {len(labels) - limit} more" if len(labels) > limit else ""
            count = "1 document differs" if len(labels) == 1 else f"{len(labels)} documents differ"
            lines.append(
                f"{path}: {count} from this workspace's (their text is not in it): "
                f"{shown}{more}; their layers were not collected"
            )
        return lines


def collect(store: Store, paths: Sequence[Path]) -> CollectReport:
    """Collect the annotator layers of the workspace files ``paths`` into ``store``.

    :raises WorkspaceError: for a file that is not a workspace (nothing of it is
        collected; the files before it are).
    """
    report = CollectReport()
    for path in paths:
        source = Store(path, annotator=store.annotator, layer="")
        try:
            with store.transaction():
                _collect_file(store, source, path, report)
        finally:
            source.close()
        report.files += 1
    return report


def _collect_file(store: Store, source: Store, path: Path, report: CollectReport) -> None:
    layers = [name for name in source.layers.layer_names() if is_annotator_layer(name)]
    if not layers:
        report.empty.append(
            f"{path} holds no annotator's layer, so nothing was collected from it "
            "(files made by assign open in their annotator's layer)"
        )
    for layer in layers:
        for source_id in source.layers.layer_documents(layer):
            _collect_document(store, source, path, layer, source_id, report)


def _collect_document(
    store: Store, source: Store, path: Path, layer: str, source_id: int, report: CollectReport
) -> None:
    document = source.document(source_id)
    name = document.external_id or document.title or str(source_id)
    target_id = store.find_document(content_hash(document.text))
    if target_id is None:
        labels = report.differing.setdefault(str(path), [])
        if name not in labels:
            labels.append(name)
        return
    report.layers.add(layer)
    status = source.layers.layer_status(source_id, layer)
    records = source.layers.layer_attributions(source_id, layer)
    if store.layers.is_open(target_id, layer):
        held = store.layers.layer_attributions(target_id, layer)
        if same_version(held, records) and store.layers.layer_status(target_id, layer) == status:
            report.unchanged += 1
            return
        if status is not DocumentStatus.DONE and all(r.status is Status.CANDIDATE for r in records):
            # A copy nobody has worked on yet (a file assigned again, not yet
            # annotated) is no newer version: replacing would drop the decisions held.
            report.unreviewed += 1
            return
        if store.layers.last_action(target_id, layer) != _COLLECT:
            report.kept.append(
                f"{path}: document {name!r}: {layer}'s layer was changed in this workspace "
                "since it was collected; kept this workspace's version"
            )
            return
        store.layers.drop_layer_document(target_id, layer)
        report.updated += 1
    else:
        report.documents += 1
    assert status is not None
    report.attributions += store.layers.store_layer(
        target_id,
        layer,
        records,
        status=status,
        annotator=layer,
        action=_COLLECT,
        attribution_status=None,
    )
