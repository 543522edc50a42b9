"""One GUI per workspace file: a ``QLockFile`` named ``NAME.lock`` beside the workspace.

Two windows on one file would each show a view the other makes stale, so the GUI
takes this lock for as long as it has the workspace open, and a second GUI is
told who holds it (process, host, program) instead of opening it too.

A lock left by a process that was killed is taken over: ``QLockFile`` checks
whether the process it names still runs on this host. The stale *time* is
switched off (``setStaleLockTime(0)``): Qt would otherwise treat the lock of a
window that has been open for more than 30 seconds as abandoned.

The command line takes no lock: an ``import`` beside an open window is meant to
work (it commits in short batches, see ``jobs.importing``).

Threading: main thread only (the lock lives as long as the session's store).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


def lock_path(workspace: Path) -> Path:
    """The lock file of ``workspace``: ``ws.sqlite`` gives ``ws.sqlite.lock``."""
    return workspace.with_name(workspace.name + ".lock")


class WorkspaceLock:
    """The lock of one workspace file, taken with :meth:`acquire`, given up with
    :meth:`release` (or when the process ends, however it ends)."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = Path(workspace)
        self._lock = QLockFile(str(lock_path(self.workspace)))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> str | None:
        """Take the lock; None when this window may open the workspace.

        :returns: why it may not, naming the holder, when another live process
            holds the lock. When no lock can be written at all (a read-only
            folder), the workspace is opened without one: the lock guards against
            a second window, it is no reason to refuse the first.
        """
        if self._lock.tryLock(0):
            return None
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            return None
        info = self._lock.getLockInfo()
        holder = "another Quote Annotator window"
        if isinstance(info, tuple) and len(info) == 3:
            pid, host, program = info
            holder = f"{program or 'another program'} (process {pid} on {host or 'this computer'})"
        return (
            f"{self.workspace} is already open in {holder}.\n\n"
            "Two windows on one workspace would each show what the other has "
            "changed as it was. Switch to that window, or close it and open the "
            "workspace again here."
        )

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._lock.isLocked()

    def release(self) -> None:
        """Give the lock up (nothing happens when it is not held)."""
        if self._lock.isLocked():
            self._lock.unlock()
