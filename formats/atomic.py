"""Atomic writes: a file or a folder appears whole, or the old one stays as it was.

A file is written to a temporary file in the same folder, flushed and fsynced, and
then moved over the target with ``os.replace`` (atomic on POSIX and Windows when both
names are on one file system, which the shared folder guarantees). A folder is built
in a temporary sibling folder and renamed into place.

If the ``with`` block raises (a failed or cancelled export), the temporary file or
folder is removed and the target is untouched. A killed process cannot clean up,
so temporary names are recognisable (``.NAME.quote-annotator-PID-XXXX.tmp``, and
``.old`` for an old folder moved aside) and the next write to the same target
removes those whose process is gone (``remove_stale_temps``). An old folder left
aside while the target is missing is put back instead, since it is then the only
complete copy.

Threading: these helpers hold no shared state; several threads may write different
targets at once. Two writers of the same target race, and the last rename wins.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

# Written into every folder this module creates. An existing folder is only ever
# replaced when it is empty or carries this marker, so that a mistyped output path
# can never delete a user's own folder.
FOLDER_MARKER = ".quote-annotator-export"

_NEW_FILE_MODE = 0o644

#: Marks the temporary files and folders of this module, with the writer's process id.
TEMP_TAG = "quote-annotator"
#: Where a writer's liveness cannot be asked (Windows), or for names without a
#: process id (earlier versions), a temporary this old is taken as stale.
STALE_AFTER_SECONDS = 3600
_LEGACY_RANDOM = re.compile(r"[a-z0-9_]{8}")


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


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.{TEMP_TAG}-{os.getpid()}-"


def _process_gone(pid: int) -> bool | None:
    """Whether process ``pid`` has ended; None where that cannot be asked safely."""
    if os.name != "posix":
        return None  # os.kill on Windows would terminate the process, not probe it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists, owned by someone else
    return False


def _is_stale(entry: Path, middle: str) -> bool:
    """Whether a temporary named ``.NAME.<middle>.tmp|.old`` was left by a dead writer."""
    tagged = middle.removeprefix(f"{TEMP_TAG}-")
    if tagged != middle:
        pid_text = tagged.split("-", 1)[0]
        if not pid_text.isdigit():
            return False
        if int(pid_text) == os.getpid():
            return False  # another thread of this process may be writing it now
        gone = _process_gone(int(pid_text))
        if gone is not None:
            return gone
    elif not _LEGACY_RANDOM.fullmatch(middle):
        return False  # not one of ours
    try:
        age = time.time() - entry.lstat().st_mtime
    except OSError:
        return False
    return age > STALE_AFTER_SECONDS


def remove_stale_temps(target: str | os.PathLike[str]) -> list[Path]:
    """Remove what killed writes of ``target`` left beside it; return what was removed.

    Only names this module makes for ``target`` are considered, and only those of a
    process that has ended (or, where that cannot be told, older than
    ``STALE_AFTER_SECONDS``). When ``target`` itself is missing, a stale ``.old``
    folder is the last complete export and is renamed back to ``target``.
    """
    target = Path(target)
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        entries = sorted(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix) or not name.endswith((".tmp", ".old")):
            continue
        if not _is_stale(entry, name[len(prefix) : -4]):
            continue
        try:
            if name.endswith(".old") and not target.exists() and entry.is_dir():
                os.replace(entry, target)
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue  # in use or not ours to remove: leave it
        removed.append(entry)
    return removed


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
    remove_stale_temps(target)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _NEW_FILE_MODE
    fd, temp_name = tempfile.mkstemp(dir=parent, prefix=_temp_prefix(target), suffix=".tmp")
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
    remove_stale_temps(target)
    if target.exists() and (not target.is_dir() or not _is_replaceable(target)):
        raise TargetInUseError(
            f"{target} already exists and is not an earlier export; choose a new or empty folder"
        )
    temp = Path(tempfile.mkdtemp(dir=parent, prefix=_temp_prefix(target), suffix=".tmp"))
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
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=_temp_prefix(target), suffix=".old"))
    aside.rmdir()
    os.replace(target, aside)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)
