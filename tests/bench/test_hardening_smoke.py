"""The issue 16 benches run end to end on small numbers and report their goals met:
the import fuzz (0 tracebacks), the SIGKILL durability run (0 lost), and the write
lock probe during an import."""

from __future__ import annotations

import re

import pytest

from bench import durability, fuzz_import, locking


def test_the_import_fuzz_finds_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    fuzz_import.main(["--inputs", "60"])
    out = capsys.readouterr().out
    assert "60 garbled inputs" in out and ": 0 tracebacks;" in out
    assert re.search(r"integrity_check ok for (\d+) of \1 workspaces", out)


def test_the_durability_bench_loses_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    durability.main(["--kills", "2"])
    out = capsys.readouterr().out
    assert "2 SIGKILLs during 1000 accepts" in out
    assert ", 0 lost, integrity_check not ok 0 times" in out


def test_the_locking_bench_compares_before_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    locking.main(["--articles", "40"])
    out = capsys.readouterr().out
    assert "before  import" in out and "after   import" in out
    assert "batches held the lock" in out
