"""run_task: plain data in and out, progress and the outcome on the main thread,
cancelling, and errors delivered rather than lost."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from ui.shell.workers import run_task, running_tasks

from .conftest import fail_if_workers_running


def count_to(
    limit: int, *, progress: Callable[[int], None], is_cancelled: Callable[[], bool]
) -> dict[str, object]:
    """A job: report 1..limit, stopping early when cancelled."""
    done = 0
    for done in range(1, limit + 1):
        if is_cancelled():
            return {"done": done - 1, "cancelled": True}
        progress(done)
        time.sleep(0.001)
    return {"done": done, "cancelled": False, "thread": threading.get_ident()}


def test_the_result_and_progress_arrive_on_the_main_thread(qtbot) -> None:
    progress_threads: list[int] = []
    values: list[int] = []
    handle = run_task(lambda **kw: count_to(5, **kw), name="count")

    def on_progress(value: int) -> None:
        values.append(value)
        progress_threads.append(threading.get_ident())

    handle.progress.connect(on_progress)
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    result, error = blocker.args
    assert error is None
    assert result["done"] == 5
    assert result["thread"] != threading.get_ident()  # the work ran elsewhere
    qtbot.waitUntil(lambda: values == [1, 2, 3, 4, 5])
    assert set(progress_threads) == {threading.get_ident()}
    assert handle.done and handle not in running_tasks()


def test_an_error_is_delivered_not_raised(qtbot) -> None:
    def fail(**_kw: object) -> None:
        raise ValueError("news.jsonl:3: missing field 'text'")

    handle = run_task(fail, name="failing")
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    result, error = blocker.args
    assert result is None
    assert isinstance(error, ValueError) and "news.jsonl:3" in str(error)


def test_cancel_stops_the_job(qtbot) -> None:
    started = threading.Event()

    def wait_for_cancel(
        *, progress: Callable[[int], None], is_cancelled: Callable[[], bool]
    ) -> str:
        started.set()
        deadline = time.monotonic() + 10
        while not is_cancelled():
            if time.monotonic() > deadline:
                return "never cancelled"
            time.sleep(0.005)
        return "stopped"

    handle = run_task(wait_for_cancel, name="waiting")
    assert started.wait(5)
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        handle.cancel()
    assert blocker.args == ["stopped", None]


def test_the_guard_fails_a_test_that_leaves_a_worker_running(qtbot) -> None:
    def until_cancelled(
        *, progress: Callable[[int], None], is_cancelled: Callable[[], bool]
    ) -> None:
        while not is_cancelled():
            time.sleep(0.005)

    handle = run_task(until_cancelled, name="forgotten")
    with pytest.raises(pytest.fail.Exception, match=r"left a worker running.*forgotten"):
        fail_if_workers_running(grace_ms=100)
    # The guard cancelled it, so the next test starts clean.
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert running_tasks() == []
