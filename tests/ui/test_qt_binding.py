"""The pinned Qt binding must not corrupt the interpreter.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit`` and ``disconnect``
without taking a reference to it; on Python 3.11, where ``True`` is not
immortal, a few thousand signals later the interpreter aborts ("Fatal Python
error: bool_dealloc"). requirements.txt pins a release without the bug; this
test fails if an upgrade brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    fired = Signal(int)


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
    # Other code may take references meanwhile; a leak of one per call would
    # show as a drop of about a thousand.
    assert sys.getrefcount(True) >= before - 10
