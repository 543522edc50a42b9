"""The cycle collector is paused while a document is shown, and back on after (the
pause itself, ``quotes.collector``, is tested in tests/quotes/test_collector.py)."""

from __future__ import annotations

import gc

from ui.shell.current import CurrentRecord


def test_the_views_follow_a_document_switch_with_the_collector_off(qtbot) -> None:
    current = CurrentRecord()
    seen: list[bool] = []
    current.document_changed.connect(lambda _id: seen.append(gc.isenabled()))
    current.set_document(3)
    assert seen == [False]
    assert gc.isenabled()
