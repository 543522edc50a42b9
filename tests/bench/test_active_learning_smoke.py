"""bench/active_learning.py runs end to end on a small gold file the test writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.active_learning import _spearman, main
from quotes.records import article_to_record
from tests.quotes.test_learning import _article


def test_the_bench_prints_every_strategy_per_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    records = []
    for number in range(16):
        article = _article(number)
        records.append(
            article_to_record(
                external_id=str(number),
                title="",
                source="",
                text=article.text,
                attributions=article.attributions,
            )
        )
    gold.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    arguments = ["--gold", str(gold), "--test", "4", "--start", "4", "--rounds", "1"]
    assert main([*arguments, "--seeds", "1"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line[:5].strip().isdigit()]
    assert sorted((r[0], r[1]) for r in rows) == sorted(
        (str(n), s) for n in (0, 1) for s in ("random", "total", "density")
    )
    assert "Spearman rho" in out and "quarter 4" in out


def test_the_rank_correlation() -> None:
    assert _spearman([1, 2, 3, 4], [2, 4, 6, 9]) == pytest.approx(1.0)
    assert _spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert _spearman([1, 1, 1], [1, 2, 3]) == 0.0


def test_the_bench_skips_without_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gold", str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().out
