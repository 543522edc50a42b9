"""bench/learning.py runs end to end on a small gold file the test writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.learning import main
from quotes.records import article_to_record
from tests.quotes.test_learning import _article


def test_the_learning_bench_prints_the_curve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = []
    for number in range(12):
        article = _article(number)
        record = article_to_record(
            external_id=str(number),
            title="",
            source="",
            text=article.text,
            attributions=article.attributions,
        )
        lines.append(json.dumps(record))
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Two annotators: one as the gold file, one who left out every second record.
    (tmp_path / "multi").mkdir()
    (tmp_path / "multi" / "annotator_a.jsonl").write_text("\n".join(lines[:4]) + "\n")
    halved = [json.loads(line) for line in lines[:4]]
    for record in halved:
        record["quotes"] = record["quotes"][::2]
    (tmp_path / "multi" / "annotator_b.jsonl").write_text(
        "\n".join(json.dumps(r) for r in halved) + "\n"
    )
    assert main([str(gold), "--folds", "2", "--sizes", "4,all", "--thresholds", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "+model n=4" in out and "+model n=6" in out
    assert "all attributions" in out and "MB/s" in out
    assert "add threshold per fold (calibrated)" in out
    # b against a finds half of a's records, all correct; a against b the reverse.
    assert "mean P 0.750  R 0.750" in out and "0 of 2 ordered pairs" in out


def test_the_learning_bench_skips_without_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().out
