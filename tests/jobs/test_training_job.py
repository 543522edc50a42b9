"""Training on a workspace (``jobs.training``): what counts as training data, storing
the model, the clear refusals, and suggesting with it on import."""

from __future__ import annotations

import shutil
import struct
from dataclasses import replace
from pathlib import Path

import pytest

from jobs.importing import import_articles, import_files
from jobs.training import (
    ModelFormatError,
    TrainingCancelled,
    TrainingError,
    describe_model,
    describe_training,
    train_workspace,
    training_records,
    workspace_model,
)
from quotes.extract import extract
from quotes.learning import MIN_RECORDS, TrainedModel
from quotes.learning import training as learning_training
from quotes.learning.serialisation import MAGIC
from quotes.learning.training import prepare
from quotes.lexicon import default_lexicon
from quotes.model import Article, DocumentStatus, Status
from storage.models import StoredModel
from storage.store import GOLD_LAYER, Store
from tests.learning_support import (
    NEW_TEXT,
    accepted_articles,
    trained_workspace,
)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with 24 accepted articles and a model trained on them (made once)."""
    return trained_workspace(tmp_path_factory.mktemp("trained") / "w.sqlite")


@pytest.fixture
def workspace(trained: Path, tmp_path: Path) -> Path:
    """A copy of ``trained`` for one test to change."""
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(trained, copy)
    return copy


# -- what counts as training data --------------------------------------------------
def test_only_accepted_records_count_and_candidates_are_unreviewed() -> None:
    with Store(None, annotator="ana") as store:
        import_articles(store, accepted_articles(2), workers=1)
        first = store.document_summaries()[0].id
        record = store.attributions_for(first)[0]
        assert record.id is not None
        store.update_attribution(record.with_changes(status=Status.CANDIDATE))
        training = training_records(store)
    assert (training.records, training.documents) == (3, 2)
    assert training.unreviewed[0] == record.spans()
    assert training.unreviewed[1] == ()
    assert all(a.status == Status.ACCEPTED for t in training.articles for a in t.attributions)


def test_one_annotators_records_and_the_others_are_unreviewed() -> None:
    with Store(None, annotator="ana") as store:
        import_articles(store, accepted_articles(1, annotator="ana"), workers=1)
        import_articles(store, accepted_articles(1, annotator="bo", first=1), workers=1)
        assert training_records(store).records == 4
        training = training_records(store, "bo")
    assert (training.records, training.documents, training.annotator) == (2, 1, "bo")
    assert {a.annotator for t in training.articles for a in t.attributions} == {"bo"}


def test_a_document_nobody_accepted_anything_in_counts_only_when_done() -> None:
    with Store(None, annotator="ana") as store:
        import_articles(store, [Article(text="Quiet day.\n\nNothing was said.")], workers=1)
        assert training_records(store).documents == 0
        store.set_document_status(store.document_summaries()[0].id, DocumentStatus.DONE)
        training = training_records(store)
    assert (training.documents, training.records) == (1, 0)


# -- training and storing ------------------------------------------------------------
def test_the_trained_model_is_stored_with_size_date_and_scores(trained: Path) -> None:
    with Store(trained) as store:
        stored = store.learned_model()
        model = workspace_model(store)
    assert stored is not None and model is not None
    assert (stored.records, stored.documents, stored.trained_on) == (48, 24, None)
    assert stored.trained_at.startswith("20") and stored.trained_by == "ana"
    assert {"precision", "recall", "f1", "rules_f1", "training_seconds"} <= set(stored.scores)
    assert model.info.records == 48


def test_too_few_records_say_how_many_are_needed_and_keep_the_model(workspace: Path) -> None:
    with Store(workspace) as store:
        before = store.learned_model()
        with pytest.raises(TrainingError, match=f"at least {MIN_RECORDS} accepted records by zoe"):
            train_workspace(store, annotator="zoe")
        assert store.learned_model() == before


def test_a_cancelled_training_keeps_the_previous_model(workspace: Path) -> None:
    with Store(workspace) as store:
        before = store.learned_model()
        calls: list[int] = []

        def cancelled() -> bool:
            calls.append(1)
            return len(calls) > 5

        with pytest.raises(TrainingCancelled):
            train_workspace(store, folds=0, cancelled=cancelled)
        assert store.learned_model() == before


def test_retraining_replaces_the_model(workspace: Path) -> None:
    with Store(workspace, annotator="bo") as store:
        import_articles(store, accepted_articles(4, first=30), workers=1)
        train_workspace(store, folds=0)
        stored = store.learned_model()
    assert stored is not None and (stored.records, stored.trained_by) == (56, "bo")
    assert stored.scores.keys() == {"training_seconds"}  # no folds, no scores


# -- bad models ----------------------------------------------------------------------
def _replace_blob(path: Path, blob: bytes) -> None:
    with Store(path) as store:
        stored = store.learned_model()
        assert stored is not None
        store.save_learned_model(replace(stored, blob=blob))


def test_a_corrupt_model_is_refused_naming_the_workspace(workspace: Path) -> None:
    with Store(workspace) as store:
        stored = store.learned_model()
    assert stored is not None
    _replace_blob(workspace, stored.blob[:-10])
    with Store(workspace) as store, pytest.raises(ModelFormatError) as caught:
        workspace_model(store)
    assert str(workspace) in str(caught.value) and "corrupt model" in str(caught.value)


def test_a_model_from_a_newer_version_is_refused(workspace: Path) -> None:
    with Store(workspace) as store:
        stored = store.learned_model()
    assert stored is not None
    blob = bytearray(stored.blob)
    struct.pack_into(">H", blob, len(MAGIC), 99)
    _replace_blob(workspace, bytes(blob))
    with Store(workspace) as store, pytest.raises(ModelFormatError, match="newer version"):
        workspace_model(store)


def test_an_import_with_a_corrupt_model_imports_nothing(workspace: Path, tmp_path: Path) -> None:
    _replace_blob(workspace, b"not a model")
    article = tmp_path / "new.txt"
    article.write_text(NEW_TEXT, encoding="utf-8")
    with Store(workspace) as store:
        count = store.document_count()
        with pytest.raises(ModelFormatError):
            import_files(store, [article])
        assert store.document_count() == count
        assert import_files(store, [article], use_model=False).imported == 1


# -- suggesting on import ------------------------------------------------------------
def test_import_suggests_with_the_model_and_no_model_gives_the_rules(
    workspace: Path, tmp_path: Path
) -> None:
    with_model = tmp_path / "with.txt"
    with_model.write_text(NEW_TEXT, encoding="utf-8")
    rules_only = tmp_path / "rules.txt"
    rules_only.write_text(NEW_TEXT + "\nSecond copy.\n", encoding="utf-8")
    with Store(workspace) as store:
        report = import_files(store, [with_model])
        assert "learned model" in " ".join(report.notes)
        import_files(store, [rules_only], use_model=False)
        first, second = store.document_summaries()[-2:]
        learned = [a for a in store.attributions_for(first.id) if a.rule == "learned"]
        plain = store.attributions_for(second.id)
    assert [a.content_text(NEW_TEXT) for a in learned] == ["the railway would need more money"]
    assert 0 < learned[0].confidence <= 1 and learned[0].status == Status.CANDIDATE
    rules = extract(NEW_TEXT + "\nSecond copy.\n").attributions
    assert [a.rule for a in plain] == [a.rule for a in rules]
    assert "learned" not in [a.rule for a in plain]


def test_import_in_worker_processes_sends_the_model(trained: Path) -> None:
    with Store(trained) as store:
        model = workspace_model(store)
    assert isinstance(model, TrainedModel)
    texts = [NEW_TEXT.replace("City report.", f"City report {n}.") for n in range(40)]
    with Store(None) as store:
        import_articles(store, [Article(text=t) for t in texts], model=model, workers=2)
        rules = [
            sorted({a.rule for a in store.attributions_for(s.id)})
            for s in store.document_summaries()
        ]
    assert len(rules) == 40 and all("learned" in r for r in rules)


def test_a_store_without_a_model_gives_none() -> None:
    with Store(None) as store:
        assert workspace_model(store) is None
        fill = StoredModel(blob=b"x", records=1, documents=1, trained_at="t")
        store.save_learned_model(fill)
        with pytest.raises(ModelFormatError, match="the workspace: the learned model"):
            workspace_model(store)


# -- annotation layers ---------------------------------------------------------------
def _layered_workspace(path: Path) -> list[int]:
    """Four documents imported with the rules; their ids."""
    with Store(path, annotator="lead") as store:
        import_articles(store, [Article(text=a.text) for a in accepted_articles(4)], workers=1)
        return [s.id for s in store.document_summaries()]


def _accept_all(path: Path, layer: str, document_id: int, keep: int | None = None) -> None:
    with Store(path, annotator=layer, layer=layer) as store:
        for record in store.attributions_for(document_id)[:keep]:
            assert record.id is not None
            store.accept_attribution(record.id)


def test_each_annotators_layer_teaches_and_gold_is_preferred(tmp_path: Path) -> None:
    path = tmp_path / "team.sqlite"
    first, second, *_ = _layered_workspace(path)
    _accept_all(path, "ana", first)
    _accept_all(path, "bo", first, keep=1)
    _accept_all(path, "bo", second)
    with Store(path) as store:
        training = training_records(store)
        assert sorted(len(a.attributions) for a in training.articles) == [1, 1, 1]
        assert training_records(store, "bo").records == 2
        assert training_records(store, "ana").records == 1
        # Gold holds an adjudicated version of the first document: it alone teaches it.
        gold = store.layers.layer_attributions(first, "ana")
        store.layers.store_layer(
            first,
            GOLD_LAYER,
            gold,
            status=DocumentStatus.DONE,
            annotator="lead",
            action="adjudicate",
        )
        preferred = training_records(store)
    texts = [a.text for a in preferred.articles]
    with Store(path) as store:
        first_text = store.document(first).text
    assert texts.count(first_text) == 1 and preferred.records == 2


def test_the_versions_of_one_text_share_a_fold(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = default_lexicon()
    articles = accepted_articles(4)
    prepared = [prepare(a, lexicon) for a in (articles[0], articles[0], *articles[1:])]
    trained_on: list[list[str]] = []
    real_fit = learning_training.fit

    def recording_fit(rest, **kwargs):  # type: ignore[no-untyped-def]
        trained_on.append([p.text for p in rest])
        return real_fit(rest, **kwargs)

    monkeypatch.setattr(learning_training, "fit", recording_fit)
    learning_training._cross_validate(prepared, 2, lambda: None)
    assert len(trained_on) == 2
    for rest in trained_on:  # both versions learned from, or both held out
        assert rest.count(articles[0].text) in (0, 2)


def _scored(**scores: float) -> StoredModel:
    figures = {
        "precision": 0.9,
        "recall": 0.6,
        "f1": 0.72,
        "rules_precision": 0.93,
        "rules_recall": 0.55,
        "rules_f1": 0.69,
        **scores,
    }
    return StoredModel(blob=b"", records=40, documents=20, trained_at="2026-12-07", scores=figures)


def test_the_training_report_names_the_chosen_add_threshold() -> None:
    report = describe_training(_scored(add_threshold=0.9), seconds=3.0)
    assert "learned additions: spans the model gives P(content) >= 0.90" in report
    assert describe_model(_scored(add_threshold=0.9)).endswith(
        "; learned additions: spans the model gives P(content) >= 0.90"
    )
    assert "learned additions" not in describe_model(_scored())


def test_the_training_report_says_when_the_model_adds_nothing() -> None:
    report = describe_training(_scored(add_threshold=1.01), seconds=3.0)
    assert "learned additions: none" in report and "re-scores the rules" in report
    assert ">=" not in report
