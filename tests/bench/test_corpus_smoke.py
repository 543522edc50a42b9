"""bench/corpus.py runs end to end on a tiny corpus and prints every figure.

Without ``../shared`` the corpus is made of the project's sample articles, so the
test runs (and checks the same lines) either way.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from bench import scale_corpus
from bench.corpus import main
from bench.scale import QUERIES

FIGURES = (
    "import (",
    "database size",
    "database bytes per article",
    "GUI start to a usable window",
    *(f'search first page "{query}"' for query in QUERIES),
    "search first page, median of the 5 queries",
    "next unreviewed from the middle",
    "next unreviewed from near the end",
    "export jsonl",
    "export conll",
)


def _figure_lines(out: str) -> dict[str, str]:
    """Each figure's line, by the figure's label (the first line that starts with it)."""
    found: dict[str, str] = {}
    for line in out.splitlines():
        for label in FIGURES:
            if line.strip().startswith(label):
                found.setdefault(label, line)
    return found


@pytest.mark.parametrize("texts", ["dev texts when ../shared is there", "samples"])
def test_every_figure_is_printed_with_its_baseline_and_ratio(
    qapp,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    texts: str,
) -> None:
    if texts == "samples":
        monkeypatch.setattr(scale_corpus, "DEV_TEXTS", tmp_path / "no-shared" / "dev.jsonl")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    assert main(["--articles", "30", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    lines = _figure_lines(out)
    assert set(lines) == set(FIGURES), f"missing: {set(FIGURES) - set(lines)}\n{out}"
    for line in lines.values():
        assert " baseline " in line and " ratio " in line, line
    assert "target <= 50 ms" in lines['search first page "said the"']
    assert "target <= 1,000 ms" in lines["GUI start to a usable window"]
    assert "imported 30 documents" in out
    if texts == "samples":
        assert "storage/samples" in out
    assert list((tmp_path / "temporary").iterdir()) == []  # the temporary folder is removed


def test_reuse_takes_the_cached_workspace_without_importing_again(
    qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--articles", "12", "--runs", "1", "--cache", str(tmp_path)]
    assert main(argv) == 0
    assert "imported 12 documents" in capsys.readouterr().out
    assert (tmp_path / "corpus-12.sqlite").exists()  # --cache keeps it

    assert main([*argv, "--reuse"]) == 0
    out = capsys.readouterr().out
    assert "import: not measured (--reuse" in out
    assert "imported" not in out
    assert "next unreviewed from the middle" in out
