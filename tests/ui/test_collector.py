"""The cycle collector is paused while a document is shown, and back on after."""

from __future__ import annotations

import gc

from ui.shell.collector import collection_paused
from ui.shell.current import CurrentRecord


def test_the_collector_is_off_inside_and_on_after() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
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


def test_the_views_follow_a_document_switch_with_the_collector_off(qtbot) -> None:
    current = CurrentRecord()
    seen: list[bool] = []
    current.document_changed.connect(lambda _id: seen.append(gc.isenabled()))
    current.set_document(3)
    assert seen == [False]
    assert gc.isenabled()
