"""Behaviour every export format shares: output kind, atomicity, cancel, progress."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from writer_cases import harbour_items

from formats.writers import FOLDER_FORMATS, FORMATS, write_export


class Boom(RuntimeError):
    pass


def snapshot(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {str(p.relative_to(path)): p.read_bytes() for p in path.rglob("*") if p.is_file()}


@pytest.mark.parametrize("format", list(FORMATS))
def test_output_is_a_folder_exactly_for_folder_formats(tmp_path: Path, format: str) -> None:
    out = tmp_path / "out"
    report = write_export(harbour_items(), out, format=format)
    assert out.is_dir() == (format in FOLDER_FORMATS)
    assert (report.format, report.path, report.documents) == (format, out, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize("format", list(FORMATS))
def test_failure_midway_leaves_the_earlier_export_untouched(tmp_path: Path, format: str) -> None:
    out = tmp_path / "out"
    write_export(harbour_items()[1:], out, format=format)
    before = snapshot(out)

    def failing() -> Iterator:
        yield from harbour_items()
        raise Boom("the disk went away")

    with pytest.raises(Boom):
        write_export(failing(), out, format=format)
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize("format", list(FORMATS))
def test_cancel_writes_nothing(tmp_path: Path, format: str) -> None:
    out = tmp_path / "out"
    seen: list[int] = []
    report = write_export(
        harbour_items(), out, format=format, progress=seen.append, is_cancelled=lambda: bool(seen)
    )
    assert report.cancelled and report.documents == 1
    assert seen == [1]
    assert not any(tmp_path.iterdir())
