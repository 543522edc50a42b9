"""Agreement between the annotators' layers of a workspace (``app.py agreement`` and
Team > Agreement run this). Threading: that of the store; the computation itself is
``quotes.agreement.measure_agreement``, pure and safe in a worker thread."""

from __future__ import annotations

from collections.abc import Sequence

from jobs.team.layer_records import layer_records
from quotes.agreement import AgreementReport, measure_agreement
from storage.store import Store


def workspace_agreement(store: Store, annotators: Sequence[str] | None = None) -> AgreementReport:
    """The agreement figures of ``annotators``' layers (default: every annotator layer).

    :raises LayerError: for a name that is not a layer of the workspace.
    :raises AgreementError: for fewer than two annotators, or no document that two of
        them reviewed.
    """
    return measure_agreement(layer_records(store, annotators), annotators)


def card_figures(report: AgreementReport) -> dict[str, object]:
    """The headline figures for a dataset card, each with its number of items."""
    figures = report.as_dict()
    shown: dict[str, object] = {
        "annotators": ", ".join(report.annotators),
        "documents": figures.get("documents"),
        "token_alpha": figures.get("token_alpha"),
        "content_F1_pairwise": figures.get("content_F1_pairwise"),
    }
    for facet in ("cue_agreement", "speaker_agreement", "type_agreement"):
        value = figures.get(facet)
        if isinstance(value, dict):
            shown[facet] = (
                f"{value.get('share')} (kappa {value.get('kappa')}, {value.get('items')} pairs)"
            )
    return shown
