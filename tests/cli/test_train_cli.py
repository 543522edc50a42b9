"""``app.py train`` and the learned model in ``extract`` and ``import``, run through the
app's own ``main`` exactly as the issue writes the commands."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from app import build_parser, main
from quotes.learning import MIN_RECORDS
from storage.store import Store
from tests.learning_support import NEW_TEXT, fill_training_workspace, trained_workspace


def run(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trained_workspace(tmp_path_factory.mktemp("trained") / "w.sqlite")


@pytest.fixture
def workspace(trained: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(trained, copy)
    return copy


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A JSONL file of one article the model was not trained on."""
    path = tmp_path / "new.jsonl"
    path.write_text(json.dumps({"id": "n1", "text": NEW_TEXT}) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_default_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default workspace lives in a fresh folder: the user's is never read."""
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home / "QuoteAnnotator" / "workspace.sqlite"


def rules_of(out: str) -> list[str]:
    return [q["rule"] for line in out.splitlines() for q in json.loads(line)["quotes"]]


# -- train ---------------------------------------------------------------------------
def test_train_prints_size_scores_and_time_and_stores_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = fill_training_workspace(tmp_path / "fresh.sqlite", 24)
    assert run("--db", db, "train") == 0
    out = capsys.readouterr().out
    assert "trained on 48 accepted records (all) in 24 documents" in out
    assert "cross-validated by document: rules + model P" in out and "rules alone P" in out
    assert "time " in out and " s" in out
    with Store(db) as store:
        stored = store.learned_model()
    assert stored is not None and stored.records == 48 and "f1" in stored.scores
    assert f"P(content) >= {stored.scores['add_threshold']:.2f}" in out


def test_train_on_one_annotators_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = fill_training_workspace(tmp_path / "fresh.sqlite", 24, annotator="bo")
    assert run("--db", db, "train", "--annotator", "bo", "--folds", "0") == 0
    assert "(bo's)" in capsys.readouterr().out
    with Store(db) as store:
        stored = store.learned_model()
    assert stored is not None and stored.trained_on == "bo"


def test_too_few_records_is_one_error_line_and_the_model_stays(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(workspace) as store:
        before = store.learned_model()
    assert run("--db", workspace, "train", "--annotator", "nobody") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ")
    assert f"at least {MIN_RECORDS} accepted records by nobody; there are 0" in err[0]
    with Store(workspace) as store:
        assert store.learned_model() == before


def test_train_refuses_a_missing_workspace_and_creates_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.sqlite"
    assert run("--db", missing, "train") == 2
    assert "no such workspace" in capsys.readouterr().err
    assert not missing.exists()


# -- extract -------------------------------------------------------------------------
def test_extract_uses_the_workspace_model_and_says_so(
    workspace: Path, articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", workspace, "extract", articles) == 0
    captured = capsys.readouterr()
    assert rules_of(captured.out).count("learned") == 1
    assert "learned model" in captured.err and "--no-model" in captured.err


@pytest.mark.parametrize(
    "where", [["--no-model", "extract"], ["extract", "--no-model"]], ids=["global", "command"]
)
def test_no_model_gives_the_rules_byte_for_byte(
    where: list[str], workspace: Path, articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("extract", articles) == 0  # no workspace at all: the rules
    rules = capsys.readouterr().out
    assert "learned" not in rules_of(rules)
    assert run("--db", workspace, *where, articles) == 0
    assert capsys.readouterr().out == rules


def test_extract_without_db_reads_the_default_workspace_only_when_it_exists(
    workspace: Path,
    articles: Path,
    no_default_workspace: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("extract", articles) == 0
    assert "learned" not in rules_of(capsys.readouterr().out)
    assert not no_default_workspace.exists()
    no_default_workspace.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(workspace, no_default_workspace)
    before = hashlib.sha256(no_default_workspace.read_bytes()).hexdigest()
    assert run("extract", articles) == 0
    assert "learned" in rules_of(capsys.readouterr().out)
    assert hashlib.sha256(no_default_workspace.read_bytes()).hexdigest() == before


def test_extract_in_worker_processes_gives_the_same_lines(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = tmp_path / "many.jsonl"
    texts = [NEW_TEXT.replace("City", f"C{n}") for n in range(40)]
    lines = [json.dumps({"id": str(n), "text": text}) for n, text in enumerate(texts)]
    many.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("--db", workspace, "extract", "--jobs", "1", many) == 0
    alone = capsys.readouterr().out
    assert run("--db", workspace, "extract", "--jobs", "2", many) == 0
    assert capsys.readouterr().out == alone
    assert rules_of(alone).count("learned") == 40


def test_extract_refuses_a_mistyped_db(
    tmp_path: Path, articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", tmp_path / "typo.sqlite", "extract", articles) == 2
    err = capsys.readouterr().err
    assert "no such workspace" in err and "--no-model" in err
    assert not (tmp_path / "typo.sqlite").exists()


def test_a_corrupt_model_is_refused_with_the_way_out(
    workspace: Path, articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(workspace) as store:
        stored = store.learned_model()
        assert stored is not None
        store.save_learned_model(replace(stored, blob=stored.blob[:100]))
    assert run("--db", workspace, "extract", articles) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "corrupt model" in err[0] and "--no-model" in err[0]
    assert run("--db", workspace, "extract", "--no-model", articles) == 0


# -- import --------------------------------------------------------------------------
def test_import_pre_annotates_with_the_model_unless_no_model(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.txt"
    first.write_text(NEW_TEXT, encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text(NEW_TEXT.replace("City", "Town"), encoding="utf-8")
    assert run("--db", workspace, "import", first) == 0
    assert "learned model" in capsys.readouterr().out
    assert run("--db", workspace, "import", "--no-model", second) == 0
    with Store(workspace) as store:
        *_, with_model, without = store.document_summaries()
        assert "learned" in {a.rule for a in store.attributions_for(with_model.id)}
        assert "learned" not in {a.rule for a in store.attributions_for(without.id)}


def test_help_documents_train_and_no_model(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("train", "extract", "import"):
        with pytest.raises(SystemExit):
            build_parser().parse_args([command, "--help"])
        text = capsys.readouterr().out
        assert ("--no-model" if command != "train" else "--annotator NAME") in text


def test_the_acceptance_workflow_import_annotations_train_extract(
    tmp_path: Path, articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's check: a gold file imported as one annotator's annotations, train,
    then extract articles never seen, against the rules alone."""
    from quotes.records import article_to_record
    from tests.learning_support import accepted_articles

    gold = tmp_path / "dev.jsonl"
    records = [
        article_to_record(
            external_id=str(n),
            title="",
            source="",
            text=article.text,
            attributions=article.attributions,
        )
        for n, article in enumerate(accepted_articles(24))
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "W.sqlite"
    assert run("--db", db, "--annotator", "trainer", "import", "--annotations", gold) == 0
    assert run("--db", db, "train") == 0
    assert "trained on 48 accepted records (all) in 24 documents" in capsys.readouterr().out
    assert run("--db", db, "extract", articles) == 0
    with_model = rules_of(capsys.readouterr().out)
    assert run("--db", db, "extract", "--no-model", articles) == 0
    assert with_model.count("learned") == 1 and "learned" not in rules_of(capsys.readouterr().out)
