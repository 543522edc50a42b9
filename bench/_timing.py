"""Wall-clock timing helpers the benchmarks share (``bench/scale.py``, ``bench/corpus.py``).

Each returns milliseconds. A median over several runs is what the benches print: the
machine may be shared, and one slow run should not decide a figure.
Threading: the calling thread.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(work: Callable[[], object], runs: int) -> float:
    """The median wall time of ``work`` over ``runs`` runs (after one warm-up), in ms."""
    work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def median_after_ms(prepare: Callable[[], object], work: Callable[[], object], runs: int) -> float:
    """The median wall time of ``work`` over ``runs`` runs, each after an untimed
    ``prepare`` (which puts back the state ``work`` changes), in ms."""
    samples = []
    for _ in range(runs):
        prepare()
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def once_ms(work: Callable[[], object]) -> float:
    """The wall time of one run of ``work``, in ms."""
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000
