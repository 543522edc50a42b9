"""bench/scale.py runs end to end on two small workspaces it builds in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.scale import QUERIES, main
from bench.scale_corpus import build_workspace
from storage.store import Store


def test_the_scale_bench_prints_every_figure(
    qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--articles", "40", "--baseline", "20", "--cache", str(tmp_path), "--runs", "1"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    for query in QUERIES:
        assert f'"{query}" first page' in out
    for figure in ("median first page", "usable window", "filter done", "sort to do down"):
        assert figure in out
    assert "top 10 agreement" in out


def test_a_cached_workspace_is_reused_and_completed(tmp_path: Path) -> None:
    lines: list[str] = []
    path = build_workspace(12, cache=tmp_path, report=lines.append)
    assert build_workspace(12, cache=tmp_path, report=lines.append) == path
    assert len(lines) == 1  # the second call found it complete
    with Store(path) as store:
        texts = [store.document(s.id).text for s in store.document_summaries()]
    assert len(texts) == len(set(texts)) == 12  # every copy is a document of its own
    assert all(f"scale{n:07d}" in text for n, text in enumerate(texts))
