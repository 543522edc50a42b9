"""Records accepted through ``--annotator NAME import --annotations`` live in NAME's
layer: issue 15's export check run that way, and an import into a layer that has only
opened its documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import main
from storage.store import Store

VISIT = "Minister visits port\n\nDuring the visit, Ruiz said, Trade is the key to our future.\n"
FERRY = "Ferry back\n\nThe ferry runs again, the operator said on Monday.\n"
SQUARE = "Quiet square\n\nThe square was quiet on Sunday.\n"


def run(*argv: str | Path) -> int:
    return main([str(arg) for arg in argv])


def records(path: Path) -> dict[str, dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {r["text"]: r for r in map(json.loads, lines)}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Three articles, and chk's accepted record on the ferry one only."""
    db = tmp_path / "w.sqlite"
    for name, text in (("visit", VISIT), ("ferry", FERRY), ("square", SQUARE)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    assert (
        run("--db", db, "import", *(tmp_path / f"{n}.txt" for n in ("visit", "ferry", "square")))
        == 0
    )
    content = "The ferry runs again"
    start = FERRY.index(content)
    cue = FERRY.index("said")
    ferry = {
        "id": "ferry",
        "text": FERRY,
        "quotes": [
            {
                "start": start,
                "end": start + len(content),
                "type": "indirect",
                "cue": [cue, cue + 4],
                "speaker": [FERRY.index("the operator"), FERRY.index("the operator") + 12],
                "speaker_name": "the operator",
            }
        ],
    }
    annotations = tmp_path / "annotations.jsonl"
    annotations.write_text(json.dumps(ferry) + "\n", encoding="utf-8")
    assert run("--db", db, "--annotator", "chk", "import", "--annotations", annotations) == 0
    return db


def test_the_layers_default_export_holds_the_decided_document_alone(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "default.jsonl"
    assert run("--db", workspace, "--annotator", "chk", "export", out) == 0
    assert list(records(out)) == [FERRY]


def test_the_layers_all_statuses_export_types_the_unopened_seeds_unquoted_speech(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "all.jsonl"
    command = ("--annotator", "chk", "export", "--all-statuses", "--include-unreviewed", out)
    assert run("--db", workspace, *command) == 0
    visit = records(out)[VISIT]
    assert visit["reviewed"] is False
    assert [(q["type"], q["status"]) for q in visit["quotes"]] == [("unquoted", "candidate")]


def test_a_shared_layer_export_names_the_layers_that_hold_the_decisions(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shared.jsonl"
    assert run("--db", workspace, "export", out) == 0
    captured = capsys.readouterr()
    assert "left out 3 unreviewed documents" in captured.out
    assert "annotator layers (chk)" in captured.err
    assert run("--db", workspace, "--annotator", "chk", "export", out) == 0
    assert "annotator layers" not in capsys.readouterr().err


def test_annotations_go_into_a_layer_that_has_only_opened_the_document(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # lee reads every document in the GUI's layer, deciding nothing: that is no version.
    with Store(workspace, annotator="lee", layer="lee") as lee:
        for summary in lee.document_summaries():
            lee.attributions_for(summary.id)
    annotations = tmp_path / "annotations.jsonl"
    capsys.readouterr()
    assert run("--db", workspace, "--annotator", "lee", "import", "--annotations", annotations) == 0
    assert "imported 1 attributions on 1 documents" in capsys.readouterr().out
    out = tmp_path / "lee.jsonl"
    assert run("--db", workspace, "export", "--layer", "lee", out) == 0
    assert [q["status"] for q in records(out)[FERRY]["quotes"]] == ["accepted"]


def test_annotations_leave_a_layer_with_a_decision_as_it_was(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(workspace, annotator="lee", layer="lee") as lee:
        ferry = next(s.id for s in lee.document_summaries() if s.title == "Ferry back")
        for record in lee.attributions_for(ferry):
            lee.reject_attribution(record.id or 0)
    annotations = tmp_path / "annotations.jsonl"
    capsys.readouterr()
    assert run("--db", workspace, "--annotator", "lee", "import", "--annotations", annotations) == 1
    assert "already holds another version" in capsys.readouterr().err


def test_annotations_on_another_text_under_a_stored_id_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "ids.sqlite"
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "ferry", "text": FERRY}) + "\n", encoding="utf-8")
    assert run("--db", db, "import", articles) == 0
    # The annotator's copy of the text was edited: same id, offsets into another text.
    edited = {"id": "ferry", "text": FERRY.replace("Monday", "Tuesday"), "quotes": []}
    annotations = tmp_path / "edited.jsonl"
    annotations.write_text(json.dumps(edited) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert run("--db", db, "--annotator", "lee", "import", "--annotations", annotations) == 0
    assert "id 'ferry': a stored document has this id but another text" in (capsys.readouterr().out)
    # The text is the identity: a same-text import under the same id says nothing.
    assert run("--db", db, "--annotator", "kim", "import", "--annotations", articles) == 0
    assert "another text" not in capsys.readouterr().out
