"""Atomic writes: a file or a folder appears whole, or the old one stays as it was.

A file is written to a temporary file in the same folder, flushed and fsynced, and
then moved over the target with ``os.replace`` (atomic on POSIX and Windows when both
names are on one file system, which the shared folder guarantees). A folder is built
in a temporary sibling folder and renamed into place.

If the ``with`` block raises (a failed or cancelled export), the temporary file or
folder is removed and the target is untouched.

Threading: these helpers hold no shared state; several threads may write different
targets at once. Two writers of the same target race, and the last rename wins.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

# Written into every folder this module creates. An existing folder is only ever
# replaced when it is empty or carries this marker, so that a mistyped output path
# can never delete a user's own folder.
FOLDER_MARKER = ".quote-annotator-export"

_NEW_FILE_MODE = 0o644


class TargetInUseError(FileExistsError):
    """The output folder exists and was not made by an export, so it is left alone."""


def _fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # Some file systems refuse fsync on a folder; the rename still happened.
    finally:
        os.close(fd)


def _flush_to_disk() -> None:
    """Get a folder's new files onto the disk before the rename that publishes them.

    One ``os.sync`` instead of an fsync per file: a brat export holds thousands of
    small files, and fsyncing each would take minutes on a spinning disk.
    """
    if hasattr(os, "sync"):
        os.sync()


def _check_parent(target: Path) -> Path:
    parent = target.parent
    if not parent.is_dir():
        raise FileNotFoundError(f"{target}: the folder {parent} does not exist")
    return parent


@contextlib.contextmanager
def atomic_text_file(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = "\n"
) -> Iterator[TextIO]:
    """Open a text stream whose content replaces ``path`` when the block ends normally.

    :param newline: passed to ``open``; the default writes ``\\n`` on every platform so
        that an export is byte-identical wherever it is made.
    :raises FileNotFoundError: when the folder of ``path`` does not exist.
    :raises IsADirectoryError: when ``path`` is an existing folder.
    """
    target = Path(path)
    parent = _check_parent(target)
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; choose a file name")
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _NEW_FILE_MODE
    fd, temp_name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(parent)


def _is_replaceable(folder: Path) -> bool:
    """Whether an existing folder may be replaced: empty, or made by an earlier export."""
    return (folder / FOLDER_MARKER).is_file() or not any(folder.iterdir())


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike[str], *, kind: str = "export") -> Iterator[Path]:
    """Yield an empty temporary folder that becomes ``path`` when the block ends normally.

    The finished folder holds a marker file naming ``kind``. An existing ``path`` is
    replaced only when it is empty or holds that marker; the old folder is moved
    aside first and deleted after the new one is in place, so at every moment one
    complete folder exists (the old one, if the process dies between the renames).

    :raises TargetInUseError: when ``path`` is a file or a folder made by someone else;
        this is checked before any work is done.
    :raises FileNotFoundError: when the folder that should contain ``path`` is missing.
    """
    target = Path(path)
    parent = _check_parent(target)
    if target.exists() and (not target.is_dir() or not _is_replaceable(target)):
        raise TargetInUseError(
            f"{target} already exists and is not an earlier export; choose a new or empty folder"
        )
    temp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        yield temp
        (temp / FOLDER_MARKER).write_text(f"{kind}\n", encoding="utf-8")
        _flush_to_disk()
        os.chmod(temp, 0o755)
        _swap_in(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    _fsync_folder(parent)


def _swap_in(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``, replacing an existing folder there."""
    if not target.exists():
        os.replace(new, target)
        return
    # os.replace cannot replace a non-empty folder, so the old one is moved aside.
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    aside.rmdir()
    os.replace(target, aside)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)
