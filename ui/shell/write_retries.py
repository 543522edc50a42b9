"""Writes that found the workspace locked, kept and tried again until they get through.

Another program (an import on the command line, a script) may hold the workspace's
write lock. The store then waits up to its busy timeout and raises ``database is
locked``; that write changed nothing. Instead of an error box, the window keeps the
action and tries it again a little later (:data:`RETRY_MS`), saying so in the
status bar, up to :data:`ATTEMPTS` times; only then does it give up, saying what was
not saved and that pressing the key again retries it. The record stays as it was
(a candidate stays a candidate), so nothing already saved is lost.

Actions are retried in the order they were made: while one waits, later ones
wait behind it (an undo must not overtake the accept it is meant to undo).

Threading: main thread only (a QTimer drives the retries).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from storage.locking import is_locked_error

#: How long a locked write waits before it is tried again (ms).
RETRY_MS = 2000
#: How often a locked write is tried in all (the first try included).
ATTEMPTS = 4

BUSY = "The workspace is busy: another program is writing to it."


@dataclass(slots=True)
class _Write:
    action: Callable[[], object]
    on_error: Callable[[BaseException], object]
    tries: int = 0
    locked: bool = False


class WriteRetries(QObject):
    """One window's queue of writes waiting for the workspace's write lock.

    ``message(str)`` carries the status-bar line (waiting, saved, given up).
    """

    message = Signal(str)

    def __init__(self, parent: QObject | None = None, *, retry_ms: int = RETRY_MS) -> None:
        super().__init__(parent)
        self._queue: deque[_Write] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(retry_ms)
        self._timer.timeout.connect(self._retry)

    def set_retry_interval(self, milliseconds: int) -> None:
        """Wait ``milliseconds`` between tries (tests wait less than the default)."""
        self._timer.setInterval(milliseconds)

    @property
    def waiting(self) -> int:
        """How many writes wait for the lock."""
        return len(self._queue)

    def run(
        self, action: Callable[[], object], *, on_error: Callable[[BaseException], object]
    ) -> bool:
        """Run ``action`` now, or queue it behind the writes already waiting.

        :param on_error: called with any error other than a locked workspace.
        :returns: whether it ran now and succeeded (False when it failed, or waits).
        """
        write = _Write(action, on_error)
        if self._queue:
            self._queue.append(write)
            self.message.emit(f"{BUSY} Your change waits behind {len(self._queue) - 1} more.")
            return False
        if self._attempt(write):
            return True
        if self._locked_out(write):
            self._queue.append(write)
        return False

    def _attempt(self, write: _Write) -> bool:
        """Try ``write`` once: True when it went through. An error other than a
        locked workspace goes to its ``on_error``; a locked one is counted."""
        write.tries += 1
        try:
            write.action()
        except Exception as error:
            if is_locked_error(error):
                write.locked = True
                return False
            write.locked = False
            write.on_error(error)
            return False
        return True

    def _locked_out(self, write: _Write) -> bool:
        """After a failed try: whether ``write`` waits for another (the status bar says
        when), or was given up (with the writes behind it)."""
        if not write.locked:
            return False
        if write.tries >= ATTEMPTS:
            self._give_up()
            return False
        seconds = self._timer.interval() / 1000
        self.message.emit(
            f"{BUSY} Your change is not saved yet; trying again in {seconds:g} s "
            f"({write.tries} of {ATTEMPTS})."
        )
        self._timer.start()
        return True

    def _retry(self) -> None:
        """Try the waiting writes in order until one is still locked out."""
        while self._queue:
            write = self._queue[0]
            if self._attempt(write):
                self._queue.popleft()  # its own message says what was done
                continue
            if self._locked_out(write):
                return  # the timer runs again
            if self._queue and self._queue[0] is write:
                self._queue.popleft()  # failed for another reason, already reported

    def _give_up(self) -> None:
        lost = max(len(self._queue), 1)
        self._queue.clear()
        changes = "your change was" if lost == 1 else f"your {lost} changes were"
        self.message.emit(
            f"Not saved: the workspace stayed locked by another program, so {changes} "
            "not saved. Press the key again to retry."
        )
