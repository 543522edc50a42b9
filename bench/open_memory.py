"""Peak memory of opening a document: the real window against a bare ``QPlainTextEdit``.

``bench/ui_latency.py`` calls :func:`measure_open_memory`, which runs each measure in a
child process of its own::

    .venv/bin/python bench/open_memory.py window|bare WORKSPACE DOCUMENT_ID

so that neither inherits what the other left in the allocator. Both children import
this module, and with it the window and everything it imports, so they start from the
same footprint: the bare view's figures are the baseline of the same run.

* **window**: the real :class:`MainWindow` on the workspace, showing its first document;
  then ``CurrentRecord.set_document(DOCUMENT_ID)`` until the article view is painted.
* **bare**: a shown ``QPlainTextEdit``; then the document's text read through
  ``Store.document`` (as the window reads it) and ``setPlainText`` until painted.

The peak is the process's resident-set high-water mark (``VmHWM``), reset just before
the open by writing ``5`` to ``/proc/self/clear_refs``: Linux only; elsewhere
:func:`measure_open_memory` returns None. Figures are MiB.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from bench._ui_support import PaintWatch, application, open_window, quiet_qt_warnings
from storage.store import Store

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


@dataclass(frozen=True)
class OpenMemory:
    """Resident memory (MiB) of a child process before opening and at its peak during
    the open (until painted)."""

    before: float
    peak: float

    @property
    def added(self) -> float:
        """What the open added at its peak."""
        return self.peak - self.before


def _status_mib(field: str) -> float:
    for line in _STATUS.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{_STATUS} has no {field}")


def _reset_peak() -> float:
    """Reset the high-water mark to the current resident size; returns that size."""
    _CLEAR_REFS.write_text("5")
    return _status_mib("VmRSS")


def _open_in_window(path: Path, document_id: int) -> OpenMemory:
    with Store(path) as store, open_window(store) as window:
        application().processEvents()
        watch = PaintWatch(window.article_view.viewport())
        before = _reset_peak()
        painted = watch.paints
        window.current.set_document(document_id)
        watch.wait_for_paint(painted)
        return OpenMemory(before, _status_mib("VmHWM"))


def _open_in_bare_view(path: Path, document_id: int) -> OpenMemory:
    with Store(path) as store:
        view = QPlainTextEdit()
        view.setReadOnly(True)
        view.resize(880, 520)
        view.show()
        QTest.qWaitForWindowExposed(view)
        application().processEvents()
        watch = PaintWatch(view.viewport())
        before = _reset_peak()
        painted = watch.paints
        view.setPlainText(store.document(document_id).text)
        watch.wait_for_paint(painted)
        return OpenMemory(before, _status_mib("VmHWM"))


def measure_open_memory(kind: str, path: Path, document_id: int) -> OpenMemory | None:
    """Open document ``document_id`` of the workspace at ``path`` in a child process,
    in the ``window`` or a ``bare`` view; None where peaks cannot be reset (not Linux).

    :raises RuntimeError: if the child fails (its error output is in the message).
    """
    if not _CLEAR_REFS.exists():
        return None
    done = subprocess.run(
        [sys.executable, __file__, kind, str(path), str(document_id)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the {kind} memory probe failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return OpenMemory(figures["before"], figures["peak"])


def main(argv: list[str]) -> int:
    """The child: ``window|bare WORKSPACE DOCUMENT_ID``; prints one JSON line."""
    kind, path, document_id = argv[0], Path(argv[1]), int(argv[2])
    application()
    with quiet_qt_warnings():
        probe = _open_in_window if kind == "window" else _open_in_bare_view
        memory = probe(path, document_id)
    print(json.dumps({"before": memory.before, "peak": memory.peak}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
