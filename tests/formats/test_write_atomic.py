"""Atomic writes: a failing export never leaves a half-written or damaged output."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from writer_cases import harbour_items

from formats.atomic import FOLDER_MARKER, TargetInUseError, atomic_folder, atomic_text_file
from formats.writers import write_export


class Boom(RuntimeError):
    pass


def test_file_appears_only_when_the_block_ends(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with atomic_text_file(out) as stream:
        stream.write("complete\n")
        assert not out.exists()
    assert out.read_text(encoding="utf-8") == "complete\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failure_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(Boom), atomic_text_file(out) as stream:
        stream.write("half")
        raise Boom
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_replacing_keeps_the_file_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old\n", encoding="utf-8")
    os.chmod(out, 0o640)
    with atomic_text_file(out) as stream:
        stream.write("new\n")
    assert out.stat().st_mode & 0o777 == 0o640


def test_missing_folder_is_reported_by_name(tmp_path: Path) -> None:
    with (
        pytest.raises(FileNotFoundError, match="nowhere"),
        atomic_text_file(tmp_path / "nowhere" / "out.txt"),
    ):
        pass


def test_failing_export_leaves_an_existing_export_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("earlier export\n", encoding="utf-8")

    def failing_items() -> Iterator:
        yield from harbour_items()[:1]
        raise Boom("the workspace went away")

    with pytest.raises(Boom):
        write_export(failing_items(), out)
    assert out.read_text(encoding="utf-8") == "earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_folder_replaces_an_earlier_export_whole(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    with atomic_folder(out) as folder:
        (folder / "a.txt").write_text("first", encoding="utf-8")
    with atomic_folder(out) as folder:
        (folder / "b.txt").write_text("second", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [FOLDER_MARKER, "b.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


def test_failing_folder_keeps_the_old_folder(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    with atomic_folder(out) as folder:
        (folder / "a.txt").write_text("first", encoding="utf-8")
    with pytest.raises(Boom), atomic_folder(out) as folder:
        (folder / "b.txt").write_text("second", encoding="utf-8")
        raise Boom
    assert sorted(p.name for p in out.iterdir()) == [FOLDER_MARKER, "a.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


def test_a_users_own_folder_is_never_replaced(tmp_path: Path) -> None:
    own = tmp_path / "thesis"
    own.mkdir()
    (own / "chapter1.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(TargetInUseError, match="thesis"), atomic_folder(own):
        pass
    assert (own / "chapter1.tex").read_text(encoding="utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["thesis"]


def test_an_empty_folder_may_be_filled(tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    with atomic_folder(out) as folder:
        (folder / "a.txt").write_text("x", encoding="utf-8")
    assert (out / "a.txt").is_file()
