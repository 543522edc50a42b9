"""The import job (``jobs.importing.import_articles``) on a store: counts, duplicates,
pre-annotation, imported annotations, whole batches kept on cancel or failure."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jobs.import_batches import BatchLimits
from jobs.importing import ImportStopped
from quotes.model import (
    Article,
    Attribution,
    Extraction,
    Origin,
    QuoteType,
    Span,
    Status,
)
from storage.store import Store
from tests.storage.conftest import NEWS, add_articles


def test_articles_are_stored_with_their_fields(store: Store) -> None:
    report = add_articles(
        store, [Article(text="Plain text.", title="T", source="a.txt", external_id="ext-7")]
    )
    assert report.imported == 1
    [summary] = store.document_summaries()
    document = store.document(summary.id)
    assert (document.text, document.title, document.source, document.external_id) == (
        "Plain text.",
        "T",
        "a.txt",
        "ext-7",
    )
    assert document.status == "new"
    assert summary.length == len("Plain text.")


@pytest.mark.parametrize(
    ("texts", "imported", "duplicates"),
    [
        (["a", "b", "c"], 3, 0),
        (["a", "a", "b"], 2, 1),
        (["a", "a", "a"], 1, 2),
        (["a", "a ", "A"], 3, 0),  # duplicates are the same text, exactly
    ],
)
def test_duplicates_within_one_import_are_counted(
    store: Store, texts: list[str], imported: int, duplicates: int
) -> None:
    report = add_articles(store, [Article(text=t) for t in texts], preannotate=False)
    assert (report.imported, report.duplicates) == (imported, duplicates)
    assert store.document_count() == imported


def test_duplicates_of_stored_documents_are_skipped_and_counted(store: Store) -> None:
    add_articles(store, [Article(text="one"), Article(text="two")])
    report = add_articles(store, [Article(text="two"), Article(text="three")])
    assert (report.imported, report.duplicates) == (1, 1)
    assert store.document_count() == 3


def test_new_articles_are_preannotated_with_candidates_and_speakers(
    store: Store, news_id: int
) -> None:
    attributions = store.attributions_for(news_id)
    assert [a.content_text(NEWS) for a in attributions] == [
        "We will win the cup.",
        "Nobody can stop us.",
    ]
    assert {(a.status, a.origin, a.rule, a.confidence) for a in attributions} == {
        (Status.CANDIDATE, Origin.RULE, "fake-quotes", 0.75)
    }
    [speaker] = store.speakers_for(news_id)
    assert speaker.name == "Ana Ruiz"
    assert "Ruiz" in speaker.variants
    assert all(a.entity_id == speaker.id for a in attributions)
    assert all(a.speaker_name == "Ana Ruiz" for a in attributions)


def test_the_report_counts_the_stored_attributions(store: Store) -> None:
    report = add_articles(store, [Article(text=NEWS), Article(text='x "quoted words" y')])
    assert report.attributions == 3
    assert sum(s.candidates for s in store.document_summaries()) == 3


def test_preannotation_can_be_turned_off(store: Store) -> None:
    add_articles(store, [Article(text=NEWS)], preannotate=False)
    [summary] = store.document_summaries()
    assert store.attributions_for(summary.id) == []


def test_imported_attributions_keep_their_status_and_are_not_preannotated(
    store: Store,
) -> None:
    text = 'Mr Lee said the plan "works well" today.'
    imported = (
        Attribution(
            fragments=(Span(22, 32),),
            type=QuoteType.MIXED,
            cue=Span(6, 10),
            speaker=Span(0, 6),
            speaker_name="Min-jun Lee",
            status=Status.ACCEPTED,
            origin=Origin.IMPORT,
            annotator="gold",
        ),
        Attribution(fragments=(Span(11, 19),), status=Status.REJECTED, origin=Origin.IMPORT),
    )
    report = add_articles(store, [Article(text=text, attributions=imported)])
    assert report.attributions == 2
    [summary] = store.document_summaries()
    assert (summary.candidates, summary.accepted, summary.rejected) == (0, 1, 1)
    by_start = {a.start: a for a in store.attributions_for(summary.id)}
    assert list(by_start) == [11, 22]  # text order
    assert by_start[22].origin == Origin.IMPORT
    assert by_start[22].type == QuoteType.MIXED
    assert by_start[22].annotator == "gold"
    assert by_start[22].cue == Span(6, 10)
    assert by_start[22].speaker_name == "Min-jun Lee"
    assert [s.name for s in store.speakers_for(summary.id)] == ["Min-jun Lee"]
    assert by_start[11].status == Status.REJECTED


def test_progress_reports_each_article_read(store: Store) -> None:
    seen: list[int] = []
    add_articles(store, [Article(text=t) for t in "abca"], progress=seen.append)
    assert seen == [1, 2, 3, 4]


def test_a_cancelled_import_keeps_only_the_batches_committed_before(
    store: Store, news_id: int
) -> None:
    before = store.document_count()
    read: list[int] = []

    report = add_articles(
        store,
        [Article(text=f"article {n}") for n in range(10)],
        progress=read.append,
        is_cancelled=lambda: len(read) >= 5,
        batches=BatchLimits(articles=2, hold_ms=1e9),  # exactly two a batch
        preannotate=False,
    )

    assert report.cancelled
    assert 2 <= report.imported < 10 and report.imported % 2 == 0  # whole batches only
    assert store.document_count() == before + report.imported
    recorded = [e.after["imported"] for e in store.history() if e.action == "import"]
    assert sum(recorded[:-1]) == report.imported  # the last entry is news_id's import


def test_a_failing_source_keeps_the_batches_before_it_and_says_so(
    store: Store, news_id: int
) -> None:
    before = store.document_count()

    def articles() -> Iterator[Article]:
        yield Article(text="first new article")
        yield Article(text="second new article")
        yield Article(text="third new article")
        raise OSError("disk gone")

    with pytest.raises(ImportStopped, match=r"disk gone.*the 2 documents imported before") as e:
        add_articles(
            store, articles(), batches=BatchLimits(articles=2, hold_ms=1e9), preannotate=False
        )
    assert isinstance(e.value.__cause__, OSError)
    assert e.value.report.imported == 2
    assert store.document_count() == before + 2
    assert [h.title for h in store.search("third")] == []


def test_a_source_failing_before_the_first_batch_raises_its_own_error(store: Store) -> None:
    def articles() -> Iterator[Article]:
        yield Article(text="first new article")
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        add_articles(store, articles())
    assert store.document_count() == 0


def test_a_failing_extractor_keeps_the_article_and_names_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str) -> Extraction:
        raise RuntimeError("rule engine bug")

    report = add_articles(store, [Article(text=NEWS, source="cup.txt")], extractor=broken)
    assert report.imported == 1
    [problem] = report.problems
    assert problem.where == "cup.txt"
    assert "rule engine bug" in problem.reason


def test_extracted_attributions_outside_the_text_are_skipped_and_named(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def overreaching(text: str) -> Extraction:
        return Extraction(
            (
                Attribution(fragments=(Span(0, len(text) + 5),)),
                Attribution(fragments=(Span(0, 2),)),
            )
        )

    report = add_articles(store, [Article(text="short", source="bad.txt")], extractor=overreaching)
    assert (report.imported, report.attributions) == (1, 1)
    assert [p.where for p in report.problems] == ["bad.txt"]
    assert "outside the text" in report.problems[0].reason
    [summary] = store.document_summaries()
    assert [a.fragments for a in store.attributions_for(summary.id)] == [(Span(0, 2),)]


def test_an_imported_record_outside_the_text_is_skipped_alone(store: Store) -> None:
    records = (
        Attribution(fragments=(Span(0, 4),), origin=Origin.IMPORT),
        Attribution(fragments=(Span(0, 4),), cue=Span(5, 50), origin=Origin.IMPORT),
    )
    report = add_articles(
        store, [Article(text="A short text.", source="in.jsonl:3", attributions=records)]
    )
    assert (report.imported, report.attributions) == (1, 1)
    assert [p.where for p in report.problems] == ["in.jsonl:3 quotes[1]"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_texts_are_refused_with_a_problem(store: Store, text: str) -> None:
    report = add_articles(store, [Article(text=text, source="empty.txt")])
    assert report.imported == 0
    assert [p.where for p in report.problems] == ["empty.txt"]


def test_the_real_extractor_runs_on_import() -> None:
    store = Store(None)
    add_articles(store, [Article(text='She said: "The bridge will reopen in May."')])
    [summary] = store.document_summaries()
    for attribution in store.attributions_for(summary.id):
        assert attribution.origin == Origin.RULE
        assert attribution.status == Status.CANDIDATE
    assert summary.candidates == len(store.attributions_for(summary.id))


def test_an_import_is_recorded_in_the_history(store: Store) -> None:
    add_articles(store, [Article(text=NEWS)])
    [entry] = store.history()
    assert entry.action == "import"
    assert entry.after == {"imported": 1, "attributions": 2}


def test_an_annotated_article_whose_records_were_all_refused_is_not_preannotated(
    store: Store,
) -> None:
    # Machine candidates must not stand in for a person's annotations that the
    # reader had to refuse: the document arrives without records instead.
    add_articles(store, [Article(text=NEWS, annotated=True)])
    [summary] = store.document_summaries()
    assert store.attributions_for(summary.id) == []
