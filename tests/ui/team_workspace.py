"""A small team workspace for the layer and agreement tests, built by hand.

Two documents (the bridge article and the trains article of ``review_workspace``)
with their candidates in the shared layer, and three annotators' layers:

* alice accepted every record of both documents in her own layer, as a person
  does in the GUI (``Store(layer="alice")``);
* bob and carol's versions were stored as files would be (``store_layer``): bob
  leaves out the bridge article's last quotation; carol names its second speaker
  "the mayor" and leaves out the trains article's last two quotations.

So the bridge article (a missing quotation and a speaker in dispute) disagrees more
than the trains article, and every pair has tokens, attributions and matched pairs
to count.
"""

from __future__ import annotations

from pathlib import Path

from quotes.model import Article, DocumentStatus
from storage.store import Store

from .conftest import ARTICLE_TEXT, article_records, fill_workspace
from .review_workspace import SECOND_TEXT, second_records

ANNOTATORS = ("alice", "bob", "carol")


def team_workspace(path: Path, *, annotators: tuple[str, ...] = ANNOTATORS) -> Path:
    """Create the workspace at ``path`` with the layers of ``annotators`` (a prefix of
    :data:`ANNOTATORS`) and return ``path``."""
    fill_workspace(
        path,
        [
            Article(text=ARTICLE_TEXT, title="Bridge", attributions=article_records()),
            Article(text=SECOND_TEXT, title="Trains", attributions=second_records()),
        ],
    )
    with Store(path, annotator="alice", layer="alice") as alice:
        for summary in alice.document_summaries():
            for record in alice.attributions_for(summary.id):
                alice.accept_attribution(record.id or 0)
            alice.set_document_status(summary.id, DocumentStatus.DONE)
    bridge, trains = bridge_and_trains(path)
    versions = {
        "bob": {bridge: article_records()[:2], trains: second_records()},
        "carol": {
            bridge: [
                article_records()[0],
                article_records()[1].with_changes(speaker_name="the mayor"),
                article_records()[2],
            ],
            trains: second_records()[:2],
        },
    }
    with Store(path, annotator="lead") as lead:
        for name in annotators:
            for document_id, records in versions.get(name, {}).items():
                lead.layers.store_layer(
                    document_id,
                    name,
                    records,
                    status=DocumentStatus.DONE,
                    annotator=name,
                    action="import_annotations",
                )
    return path


def bridge_and_trains(path: Path) -> tuple[int, int]:
    """The ids of the bridge and the trains article."""
    with Store(path) as store:
        ids = {summary.title: summary.id for summary in store.document_summaries()}
    return ids["Bridge"], ids["Trains"]
