"""Moving the window to another annotation layer (Team > Switch layer…).

A layer is one annotator's version of the workspace (``storage.layers``): blind by
default, the views show only the layer the store works in. Switching is one verb,
:func:`switch_layer`; the views follow the change signal. Threading: main thread only.
"""

from __future__ import annotations

from storage.connection import clean_layer
from storage.layers import is_annotator_layer
from storage.store import GOLD_LAYER, SHARED_LAYER, Store
from ui.operations.changes import ChangeHub, ChangeKind
from ui.shell.current import CurrentRecord


def describe_layer(name: str) -> str:
    """How the window names a layer: "alice's layer", "shared layer", "gold layer"."""
    if name == SHARED_LAYER:
        return "shared layer"
    if name == GOLD_LAYER:
        return "gold layer"
    return f"{name}'s layer"


def working_annotator(layer: str, own: str) -> str:
    """Who the decisions made in ``layer`` are recorded as.

    An annotator layer is its annotator's (``--annotator NAME`` opens NAME's layer), so
    working in it is working as that annotator: their name goes on the history and
    their undo stack applies. The shared and gold layers take ``own``, the name the
    window was opened with (in gold, the adjudicator).
    """
    return layer if is_annotator_layer(layer) else own


def switch_layer(
    *, store: Store, changes: ChangeHub, current: CurrentRecord, name: str, own: str
) -> str:
    """Make ``name`` the layer the window works in and reload every view.

    The current document stays current and is shown as the new layer sees it; its
    current record (another layer's row) is cleared. Undo then steps through the new
    layer's history only. A name that is not a layer yet starts a new one (it opens
    a document, with the suggestions as candidates, when the layer first reads it).

    :param own: the name the window was opened with (see :func:`working_annotator`).
    :raises ValueError: for a name that is only white space.
    :returns: the layer now worked in (white space collapsed).
    """
    layer = clean_layer(name)
    if name and not layer:
        raise ValueError("a layer name needs at least one character besides spaces")
    if layer == store.layer:
        return layer
    store.layer = layer
    store.annotator = working_annotator(layer, own)
    current.set_attribution(None)
    changes.notify(ChangeKind.WORKSPACE)
    return layer
