"""Keep the adjudication bench from rotting: on four hand-made annotator layers it must
walk the real adjudication mode to the end and reach the boundaries it set; without
../shared the team bench says it skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import team, team_adjudication
from quotes.model import Attribution, QuoteType, Span
from quotes.records import article_to_record
from tests.ui.adjudication_workspace import TEXT, span_of

SHORTER = span_of("the detour added an hour")


def _complaint(content: Span, speaker: str) -> Attribution:
    return Attribution(
        fragments=(content,),
        type=QuoteType.INDIRECT,
        cue=span_of("complained") if speaker == "Residents" else span_of("according to"),
        speaker=span_of(speaker),
        speaker_name=speaker,
    )


def _mayor() -> Attribution:
    return Attribution(
        fragments=(span_of('"We will reopen the bridge in May,"'),),
        type=QuoteType.DIRECT,
        cue=span_of("said"),
        speaker=span_of("the mayor"),
        speaker_name="the mayor",
    )


def _layer(*attributions: Attribution) -> list[dict[str, object]]:
    record = article_to_record(
        external_id="bridge", title="Bridge", source="", text=TEXT, attributions=attributions
    )
    return [record]


def test_the_bench_adjudicates_every_disagreement_and_sets_the_boundaries(qapp) -> None:
    full = span_of("the detour added an hour to their commute")
    layers = {
        # a and b agree on the speaker but not on where the complaint ends; c names
        # another speaker; d has none. A takes a's version, the end moves to the words
        # both a and b include: 1 + 3 keys.
        "a": _layer(_mayor(), _complaint(full, "Residents")),
        "b": _layer(_mayor(), _complaint(SHORTER, "Residents")),
        "c": _layer(_mayor(), _complaint(full, "Ana Ruiz")),
        "d": _layer(_mayor()),
    }
    tally = team_adjudication.run_adjudication(layers)
    assert tally.problems == []
    assert tally.disagreements == 1
    assert dict(tally.by_choice) == {"majority + edges": 1}
    assert tally.actions() == 4
    assert tally.trace == [
        "disagreement 1: majority + edges: A Alt+Shift+Left Alt+Shift+Left Alt+Shift+Left"
    ]


def test_the_team_bench_skips_without_the_multi_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(team, "MULTI", tmp_path / "absent")
    team.report_multi(1)
    assert "skipped, no annotator files" in capsys.readouterr().out
