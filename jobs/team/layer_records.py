"""The annotators' layers of a workspace as export-schema records.

``quotes.agreement`` measures and adjudicates ``layers[annotator]`` = that annotator's
article records; this module builds them from the store. A layer holds a document
when the annotator reviewed it there: marked it done, or decided at least one record
(the export's notion of reviewed). A document opened and left untouched says nothing
about its quotations, so it is not counted as "no quotations". Threading: that of the
store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from formats.writers.selection import export_id
from quotes.model import Document, DocumentStatus, Status
from quotes.records import article_to_record
from storage.layers import LayerError
from storage.store import Store


def check_layers(store: Store, names: Sequence[str]) -> None:
    """:raises LayerError: naming the first of ``names`` that is not a layer of the
    workspace, with the layers it does have."""
    known = store.layers.layer_names()
    for name in names:
        if name not in known:
            have = ", ".join(known) or "none"
            raise LayerError(f"no layer named {name!r} in {store.path} (layers: {have})")


def layer_record(
    store: Store, document_id: int, layer: str, documents: dict[int, Document] | None = None
) -> dict[str, Any] | None:
    """The document in ``layer`` as an export-schema record with its accepted
    attributions, or None when the layer has not reviewed it. ``documents`` caches the
    documents read, so several layers of one document read its text once."""
    status = store.layers.layer_status(document_id, layer)
    if status is None:
        return None
    attributions = store.layers.layer_attributions(document_id, layer)
    if status is not DocumentStatus.DONE and all(
        a.status is Status.CANDIDATE for a in attributions
    ):
        return None
    cache: dict[int, Document] = {} if documents is None else documents
    document = cache.get(document_id)
    if document is None:
        document = cache[document_id] = store.document(document_id)
    return article_to_record(
        external_id=export_id(document),
        title=document.title,
        source=document.source,
        text=document.text,
        attributions=[a for a in attributions if a.status is Status.ACCEPTED],
    )


def layer_records(
    store: Store, names: Sequence[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """``{layer: [record, ...]}`` for ``names`` (default: every annotator layer that
    reviewed a document), each with the documents the layer reviewed, in import order.

    :raises LayerError: if a name is not a layer of the workspace, or names a layer
        that has reviewed no document (only opened, it holds nobody's annotation).
    """
    chosen = list(names) if names is not None else store.layers.annotator_layers()
    check_layers(store, chosen)
    found: dict[str, list[dict[str, Any]]] = {}
    documents: dict[int, Document] = {}
    for name in chosen:
        records = []
        for document_id in store.layers.layer_documents(name):
            record = layer_record(store, document_id, name, documents)
            if record is not None:
                records.append(record)
        found[name] = records
    if names is None:
        # A layer only opened (the lead started the GUI with --annotator lead, or an
        # annotator has not begun) holds nobody's annotation yet: counting it would add
        # an empty annotator to every agreement and adjudication.
        return {name: records for name, records in found.items() if records}
    for name, records in found.items():
        if not records:
            raise LayerError(
                f"layer {name!r} of {store.path} has reviewed no document yet "
                "(none marked done or with a decision)"
            )
    return found
