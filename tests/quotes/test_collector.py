"""An extraction runs with the cycle collector paused on the main thread only, and
leaves it as it found it."""

from __future__ import annotations

import gc
import threading

import pytest

from quotes import extract as extract_module
from quotes.collector import collection_paused
from quotes.extract import extract


def test_the_collector_is_off_inside_and_on_after() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves the outer one's state
    assert gc.isenabled()
    # Nothing is frozen: a cycle that is garbage later is still collected.
    assert gc.get_freeze_count() == 0


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_an_error() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("a rule failed")
    assert gc.isenabled()


def test_another_thread_leaves_the_collector_alone() -> None:
    seen: list[bool] = []

    def run() -> None:
        with collection_paused():
            seen.append(gc.isenabled())

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert seen == [True]
    assert gc.isenabled()


def test_an_extraction_runs_with_the_collector_off(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = extract_module.extract_with

    def spy(text: str, lexicon: object) -> object:
        seen.append(gc.isenabled())
        return real(text, lexicon)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_module, "extract_with", spy)
    extraction = extract('"We will win," Trump said.')
    assert seen == [False]
    assert gc.isenabled()
    assert [a.rule for a in extraction.attributions] == ["quote-speaker-cue"]
