"""Run slow work off the UI thread (Picard's ``run_task``, on a ``QThreadPool``).

A task is a plain function ``func(*, progress, is_cancelled) -> result`` that takes
plain data (bind it with ``functools.partial``) and returns plain data. It must not
touch widgets or the main thread's store; it opens its own ``Store`` on the
workspace file. Progress and the outcome are delivered on the main thread through
the :class:`TaskHandle`'s signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class TaskFunction(Protocol):
    """What ``run_task`` runs: a function of two keyword callbacks."""

    def __call__(
        self, *, progress: Callable[[int], None], is_cancelled: Callable[[], bool]
    ) -> Any: ...


class TaskHandle(QObject):
    """The main thread's end of a running task.

    ``progress(int)`` relays the task's progress calls; ``finished(result, error)``
    fires once, on the main thread, with the result (error None) or the exception
    (result None). ``cancel()`` asks the task to stop at its next ``is_cancelled()``.
    """

    progress = Signal(int)
    finished = Signal(object, object)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cancel = threading.Event()
        self._done = False

    def cancel(self) -> None:
        """Ask the task to stop; it decides where (for imports: after the last committed batch)."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """Whether ``cancel`` was called. Safe from any thread."""
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        """Whether ``finished`` has been delivered."""
        return self._done

    @Slot(int)
    def _relay_progress(self, value: int) -> None:
        self.progress.emit(value)

    @Slot(object, object)
    def _deliver(self, result: object, error: object) -> None:
        self._done = True
        _running.discard(self)
        self.finished.emit(result, error)


class _WorkerSignals(QObject):
    # Emitted from the worker thread; connected to TaskHandle slots that live on the
    # main thread, so Qt queues each call onto the main thread's event loop.
    progress = Signal(int)
    finished = Signal(object, object)


class _Runnable(QRunnable):
    def __init__(self, func: TaskFunction, handle: TaskHandle) -> None:
        super().__init__()
        self._func = func
        self._handle = handle
        self.signals = _WorkerSignals()
        self.signals.progress.connect(handle._relay_progress)
        self.signals.finished.connect(handle._deliver)

    def run(self) -> None:
        result: object = None
        error: BaseException | None = None
        try:
            result = self._func(
                progress=self.signals.progress.emit, is_cancelled=self._handle.is_cancelled
            )
        except Exception as caught:  # delivered to the main thread, which reports it
            error = caught
        self.signals.finished.emit(result, error)


#: Handles whose result is not delivered yet; keeps them alive until then.
_running: set[TaskHandle] = set()


def run_task(
    func: TaskFunction,
    *,
    name: str = "task",
    on_done: Callable[[Any, BaseException | None], None] | None = None,
    pool: QThreadPool | None = None,
) -> TaskHandle:
    """Start ``func`` on the thread pool and return its handle.

    :param func: the work; plain data in (bound with ``partial``), plain data out.
    :param name: a label for error messages and the running-task list.
    :param on_done: called on the main thread with ``(result, error)``.
    :param pool: the pool to use (default: the global one).
    """
    handle = TaskHandle(name)
    if on_done is not None:
        handle.finished.connect(on_done)
    _running.add(handle)
    (pool or QThreadPool.globalInstance()).start(_Runnable(func, handle))
    return handle


def running_tasks() -> list[TaskHandle]:
    """Tasks started and not yet delivered (tests check it is empty at teardown)."""
    return list(_running)
