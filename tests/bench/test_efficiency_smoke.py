"""Keep the GUI benchmarks from rotting: a small run of each must still produce figures.

No timing is asserted (speed targets are read from the benchmarks' printed figures,
never from tests). The efficiency run uses the bench's own article, so it needs
nothing from ../shared; it must still reach the gold through the real keys, which
fails when a shortcut the scripted annotator relies on is renamed or stops working.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import efficiency, ui_latency


def test_efficiency_reaches_the_gold_and_counts_actions(qapp) -> None:
    tally = efficiency.run_article("own", efficiency.OWN_ARTICLE, efficiency.OWN_GOLD, trace=False)

    assert tally.problems == []
    per_attribution = efficiency.figures(tally)
    assert per_attribution["right"] >= 1.0  # at least the accept key for each
    assert sum(tally.attributions.values()) >= len(efficiency.OWN_GOLD)
    assert not any(c.startswith("unfinished") for c in tally.attributions)


@pytest.mark.skipif(not efficiency.SEED_ARTICLE.exists(), reason="../shared is absent")
def test_efficiency_reaches_the_gold_of_the_seed_article_with_a_drag(qapp) -> None:
    # The seed needs a content edge dragged by its handle: a drag whose press misses
    # the handle leaves the record as it was, and the committed check reports it.
    text = efficiency.SEED_ARTICLE.read_text(encoding="utf-8")

    tally = efficiency.run_article("seed", text, efficiency.SEED_GOLD, trace=False)

    assert tally.problems == []
    assert tally.attributions.get("fixed: content") == 1


def test_efficiency_skips_the_seed_article_when_shared_is_absent(
    qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(efficiency, "SEED_ARTICLE", tmp_path / "absent" / "article.txt")

    assert efficiency.run(["seed"], trace=False) == 0

    out = capsys.readouterr().out
    assert "skipped the seed article" in out
    assert "nothing measured" in out


def test_gold_quotations_are_found_in_their_article() -> None:
    gold = efficiency.locate_gold(efficiency.OWN_ARTICLE, efficiency.OWN_GOLD)

    texts = [g.content.text_of(efficiency.OWN_ARTICLE) for g in gold]
    assert texts[1] == '"The terminal will cut waiting times in half for every island family,"'
    cues = [g.cue.text_of(efficiency.OWN_ARTICLE) for g in gold]
    assert cues[-3:] == ["replied", "message", "told"]


def test_ui_latency_prints_figures_with_baselines(qapp, capsys: pytest.CaptureFixture[str]) -> None:
    assert ui_latency.run([3_000], runs=1, accepts=2, with_profile=False) == 0

    out = capsys.readouterr().out
    open_line = next(line for line in out.splitlines() if line.startswith("open 3 kB"))
    accept_line = next(line for line in out.splitlines() if "accept in 3 kB -> committed" in line)
    for line in (open_line, accept_line):
        assert len(re.findall(r"\d+\.\d+ ms", line)) == 2  # the measure and its baseline
    lines = out.splitlines()
    first_line = next(line for line in lines if line.startswith("first decision in 3 kB"))
    assert len(re.findall(r"\d+\.\d+ ms", first_line)) == 2  # apart from the median accept
    if Path("/proc/self/clear_refs").exists():  # peaks are measured on Linux only
        peak_line = next(line for line in lines if line.startswith("peak RSS open 3 kB"))
        assert len(re.findall(r"\d+\.\d+ MB", peak_line)) == 2  # the window and the bare view
