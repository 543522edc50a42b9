"""Temporary files of killed exports are recognisable and removed by the next export
to the same target (issue 16), while anything else beside it is left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from formats.atomic import (
    STALE_AFTER_SECONDS,
    TEMP_TAG,
    atomic_folder,
    atomic_text_file,
    remove_stale_temps,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and pid probes are POSIX")

# Starts an export, says so, and waits to be killed inside the block.
_KILLED_WRITER = """
import sys, time
from formats.atomic import atomic_folder, atomic_text_file
target, kind = sys.argv[1], sys.argv[2]
opener = atomic_text_file if kind == "file" else atomic_folder
with opener(target) as out:
    if kind == "file":
        out.write("partial " * 1000)
        out.flush()
    else:
        (out / "part.txt").write_text("partial")
    print("writing", flush=True)
    time.sleep(60)
"""


def kill_mid_export(target: Path, kind: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(target), kind],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@posix_only
def test_a_killed_file_export_is_cleaned_up_by_the_next_one(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    kill_mid_export(target, "file")
    [left] = hidden(tmp_path)
    assert left.startswith(f".out.jsonl.{TEMP_TAG}-") and left.endswith(".tmp")
    assert target.read_text(encoding="utf-8") == "old\n"
    with atomic_text_file(target) as out:
        out.write("new\n")
    assert hidden(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "new\n"


@posix_only
def test_a_killed_folder_export_is_cleaned_up_by_the_next_one(tmp_path: Path) -> None:
    target = tmp_path / "dataset"
    kill_mid_export(target, "folder")
    assert len(hidden(tmp_path)) == 1
    with atomic_folder(target) as folder:
        (folder / "a.txt").write_text("a")
    assert hidden(tmp_path) == []
    assert (target / "a.txt").read_text() == "a"


@posix_only
def test_only_dead_writers_temporaries_of_this_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    dead = tmp_path / f".out.csv.{TEMP_TAG}-{dead_pid()}-abcd1234.tmp"
    alive = tmp_path / f".out.csv.{TEMP_TAG}-{os.getppid()}-abcd1234.tmp"
    mine = tmp_path / f".out.csv.{TEMP_TAG}-{os.getpid()}-abcd1234.tmp"
    other_target = tmp_path / f".other.csv.{TEMP_TAG}-{dead_pid()}-abcd1234.tmp"
    users_own = tmp_path / ".out.csv.notes.tmp"
    for path in (dead, alive, mine, other_target, users_own):
        path.write_text("x")
    assert remove_stale_temps(target) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (alive, mine, other_target, users_own)
    )


def test_an_earlier_versions_temporary_goes_only_once_it_is_old(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    legacy = tmp_path / ".out.csv.k3j_9x2a.tmp"
    legacy.write_text("x")
    assert remove_stale_temps(target) == []
    past = time.time() - STALE_AFTER_SECONDS - 10
    os.utime(legacy, (past, past))
    assert remove_stale_temps(target) == [legacy]


@posix_only
def test_an_old_folder_left_aside_is_put_back_when_the_target_is_missing(
    tmp_path: Path,
) -> None:
    # Killed between moving the old export aside and renaming the new one in.
    target = tmp_path / "dataset"
    aside = tmp_path / f".dataset.{TEMP_TAG}-{dead_pid()}-abcd1234.old"
    aside.mkdir()
    (aside / "kept.txt").write_text("the last complete export")
    remove_stale_temps(target)
    assert (target / "kept.txt").read_text() == "the last complete export"
    assert hidden(tmp_path) == []
