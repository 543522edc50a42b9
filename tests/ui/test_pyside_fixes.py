"""The PySide6 work-around: emitting and disconnecting signals leaves the
reference count of True where it was (without it, each call lowered it by one
and the interpreter eventually aborted)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

from ui.pyside_fixes import needs_fix


class Emitter(QObject):
    fired = Signal(int)


@pytest.mark.skipif(not needs_fix(), reason="True is immortal on Python 3.12+")
def test_emit_and_disconnect_keep_the_refcount_of_true(qapp) -> None:
    emitter = Emitter()
    received: list[int] = []

    def slot(value: int) -> None:
        received.append(value)

    before = sys.getrefcount(True)
    for n in range(500):
        emitter.fired.connect(slot)
        emitter.fired.emit(n)
        emitter.fired.disconnect(slot)
    assert received == list(range(500))
    assert sys.getrefcount(True) >= before
