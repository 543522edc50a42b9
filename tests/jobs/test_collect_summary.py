"""The line ``collect`` prints: new documents and updated versions told apart."""

from __future__ import annotations

from jobs.team.collecting import CollectReport


def test_a_collect_that_only_updated_says_so() -> None:
    report = CollectReport(files=1, layers={"ana"}, updated=1, attributions=18)

    assert report.summary() == (
        "collected 0 documents and updated 1 (18 records) from 1 files, layers: ana; 0 unchanged"
    )


def test_a_first_collect_names_its_documents_and_layers() -> None:
    report = CollectReport(files=2, layers={"ben", "ana"}, documents=4, attributions=9)

    assert report.summary() == (
        "collected 4 documents (9 records) from 2 files, layers: ana, ben; 0 unchanged"
    )
