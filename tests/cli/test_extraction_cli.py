"""The extract and evaluate sub-commands, run through the app's own parser."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app import build_parser
from cli.extraction import run_evaluate, run_extract

ARTICLE = {
    "id": "a1",
    "title": "Port",
    "source": "test",
    "text": '"The port will reopen," the minister said. Officials said talks went well.',
    "quotes": [
        {
            "start": 0,
            "end": 23,
            "type": "direct",
            "cue": [37, 41],
            "speaker": [24, 36],
            "speaker_name": "the minister",
        },
        {"start": 57, "end": 74, "type": "indirect", "cue": [52, 56], "speaker": [42, 51]},
    ],
}


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return path


def test_extract_writes_the_export_schema_with_predictions(gold_file: Path) -> None:
    out = io.StringIO()
    assert run_extract(gold_file, out) == 0
    (line,) = out.getvalue().splitlines()
    record = json.loads(line)
    assert (record["id"], record["title"], record["text"]) == ("a1", "Port", ARTICLE["text"])
    spoken = [ARTICLE["text"][q["start"] : q["end"]] for q in record["quotes"]]
    assert spoken == ['"The port will reopen,"', "talks went well."]
    first = record["quotes"][0]
    assert (first["speaker"], first["speaker_name"]) == ([24, 36], "the minister")
    assert first["status"] == "candidate"
    assert first["rule"] and 0 < first["confidence"] <= 1


def test_extract_ignores_input_annotations(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    record = {**ARTICLE, "quotes": [{"start": 0, "end": 5, "type": "direct"}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = io.StringIO()
    run_extract(path, out)
    quotes = json.loads(out.getvalue())["quotes"]
    assert [(q["start"], q["end"]) for q in quotes] != [(0, 5)]


def test_extract_names_bad_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        "{not json\n" + json.dumps({"id": "x"}) + "\n" + json.dumps(ARTICLE) + "\n",
        encoding="utf-8",
    )
    out, errors = io.StringIO(), io.StringIO()
    assert run_extract(path, out, errors) == 1
    assert len(out.getvalue().splitlines()) == 1
    assert f"{path}:1: not valid JSON" in errors.getvalue()
    assert f"{path}:2: missing or non-string field 'text'" in errors.getvalue()


def test_extract_missing_file(tmp_path: Path) -> None:
    errors = io.StringIO()
    assert run_extract(tmp_path / "absent.jsonl", io.StringIO(), errors) == 2
    assert "absent.jsonl" in errors.getvalue()


def test_evaluate_prints_a_table(gold_file: Path, tmp_path: Path) -> None:
    predicted = tmp_path / "pred.jsonl"
    with predicted.open("w", encoding="utf-8") as out:
        run_extract(gold_file, out)
    table = io.StringIO()
    assert run_evaluate(gold_file, predicted, False, table) == 0
    assert "overlap precision         1.000" in table.getvalue()
    assert "full attribution F1" in table.getvalue()


def test_evaluate_json_of_gold_against_itself(gold_file: Path) -> None:
    out = io.StringIO()
    assert run_evaluate(gold_file, gold_file, True, out) == 0
    scores = json.loads(out.getvalue())
    assert scores["precision"] == scores["recall"] == scores["full_f1"] == 1.0
    assert scores["recall_by_type"] == {"direct": 1.0, "indirect": 1.0, "mixed": 0.0}


def test_subcommands_are_registered_on_the_app_parser(gold_file: Path, capsys) -> None:
    args = build_parser().parse_args(["evaluate", str(gold_file), str(gold_file), "--json"])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["exact_f1"] == 1.0
    args = build_parser().parse_args(["extract", str(gold_file)])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "a1"


# Lines that raised out of extract and evaluate: RecursionError from json.loads, the
# integer digit limit (ValueError), and a 'quotes' that is not a list (TypeError).
BAD_LINES = {
    "deep nesting": "[" * 100_000,
    "huge integer": '{"text": "x", "n": ' + "9" * 5000 + "}",
    "quotes not a list": json.dumps({"id": "q", "text": "He said no.", "quotes": 5}),
}


@pytest.mark.parametrize("line", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_extract_and_evaluate_reject_a_bad_line_alone(
    line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(f"{json.dumps(ARTICLE)}\n{line}\n{json.dumps(ARTICLE)}\n", encoding="utf-8")
    out = io.StringIO()
    code = run_extract(path, out, io.StringIO(), jobs=1)
    assert len(out.getvalue().splitlines()) == (3 if "quotes" in line else 2)
    assert code == (0 if "quotes" in line else 1)
    table = io.StringIO()
    assert run_evaluate(path, path, False, table) == 1
    assert "full attribution F1" in table.getvalue()
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{path}:2:" in err


def test_evaluate_refuses_a_file_that_is_not_utf8_in_one_line(
    gold_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "latin.jsonl"
    binary.write_bytes(b'{"text": "caf\xe9"}\n')
    assert run_evaluate(gold_file, binary, False, io.StringIO()) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {binary}: not UTF-8 text (invalid continuation byte)"]
