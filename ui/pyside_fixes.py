"""A work-around for a reference-counting bug in PySide6 6.12 on Python 3.11.

``SignalInstance.emit()`` and ``SignalInstance.disconnect()`` return ``True`` (or
``False``) without taking a reference to it, so every call from Python drops one
reference that was never taken. On Python 3.11, where ``True`` is not immortal,
a few thousand signals later the interpreter aborts with "Fatal Python error:
bool_dealloc: deallocating True or False" (measured: each ``emit`` lowers
``sys.getrefcount(True)`` by one; see ``tests/ui/test_pyside_fixes.py``). Python
3.12 and later make ``True`` immortal and are unaffected.

:func:`balance_bool_results` wraps the two methods so that each call gives the
missing reference back. It is idempotent and runs when ``ui`` is imported, before
any signal is emitted. Threading: the wrappers are safe from any thread (emit is
called from workers); the patch itself runs once, at import, on the main thread.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance

_MARK = "_quote_annotator_balanced"


def _balanced(method: Callable[..., Any]) -> Callable[..., Any]:
    def call(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if result is True or result is False:
            # Give back the reference PySide did not take; an extra reference on a
            # singleton is harmless, a missing one kills the interpreter.
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    setattr(call, _MARK, True)
    return call


def needs_fix() -> bool:
    """Whether this interpreter can be killed by the dropped references."""
    return sys.version_info < (3, 12)


def balance_bool_results() -> None:
    """Patch ``SignalInstance.emit`` and ``disconnect`` (once; no-op where not needed)."""
    if not needs_fix():
        return
    for name in ("emit", "disconnect"):
        method = getattr(SignalInstance, name)
        if not getattr(method, _MARK, False):
            setattr(SignalInstance, name, _balanced(method))
