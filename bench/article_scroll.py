"""Measure scrolling through a 1 MB article with its highlights, and one span edit.

Usage::

    .venv/bin/python bench/article_scroll.py              # 1 MB, 150 pages
    .venv/bin/python bench/article_scroll.py --size 200000 --pages 40   # quick

The document comes from ``bench.ui_latency.generate_document`` (one record per
paragraph) and opens in the real :class:`MainWindow`, offscreen.

* **page down**: one page step of the scroll bar, then a synchronous repaint of the
  viewport (long texts are highlighted lazily, so this includes formatting the
  blocks that come into view). Baseline in the same run: a bare ``QPlainTextEdit``
  with the same text and no highlighter, scrolled the same way.
* **jump**: scrolling to a record far away (``CurrentRecord.set_attribution``), as
  J/K or a click in the record list does, until repainted.
* **edge move**: ``Alt+Shift+Right`` on the current record (one committed
  ``Store.update_attribution`` and the repaint of the changed blocks).

A frame at 60 Hz is 16.7 ms; the figures to watch are the medians and the 95th
percentiles against it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSlider, QPlainTextEdit

from bench._ui_support import application, open_window, quiet_qt_warnings, workspace_file
from bench.ui_latency import generate_document
from jobs.importing import import_articles
from quotes.model import Article
from storage.store import Store
from ui.shell.main_window import MainWindow

FRAME_MS = 1000 / 60


def _page_down_ms(view: QPlainTextEdit, pages: int) -> list[float]:
    """Scroll ``pages`` pages down from the top, timing each scroll and repaint."""
    app = application()
    bar = view.verticalScrollBar()
    bar.setValue(0)
    view.viewport().repaint()
    samples = []
    for _ in range(pages):
        if bar.value() >= bar.maximum():
            break
        started = time.perf_counter()
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        view.viewport().repaint()
        samples.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    return samples


def _jump_ms(window: MainWindow, jumps: int) -> list[float]:
    model = window.attribution_model
    rows = model.rowCount()
    samples = []
    for k in range(jumps):
        # Spread over the document, alternating ends, so each jump lands far away.
        row = (k * 7919) % rows
        target = model.attribution_at(row).id
        started = time.perf_counter()
        window.current.set_attribution(target)
        window.article_view.viewport().repaint()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _edge_move_ms(window: MainWindow, moves: int) -> list[float]:
    view = window.article_view
    window.current.set_attribution(window.attribution_model.attribution_at(1).id)
    view.setFocus()
    samples = []
    for k in range(moves):
        modifiers = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
        key = Qt.Key.Key_Right if k % 2 == 0 else Qt.Key.Key_Left
        started = time.perf_counter()
        QTest.keyClick(view, key, modifiers)
        view.viewport().repaint()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _summary(name: str, samples: list[float], baseline: list[float] | None = None) -> str:
    if not samples:
        return f"{name:<34} (no samples)"
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    line = f"{name:<34} {median:8.2f} ms {p95:8.2f} ms {ordered[-1]:8.2f} ms"
    if baseline:
        base = statistics.median(baseline)
        line += f" {base:9.2f} ms {median / base:7.1f}"
    return line


def run(size: int, pages: int) -> int:
    app = application()
    text, records = generate_document(size)
    with quiet_qt_warnings(), workspace_file() as path, Store(path) as store:
        import_articles(store, [Article(text=text, title="long", attributions=tuple(records))])
        with open_window(store) as window:
            window.resize(1280, 820)
            app.processEvents()
            view = window.article_view
            view.setFocus()
            app.processEvents()
            scrolled = _page_down_ms(view, pages)
            jumps = _jump_ms(window, 30)
            edits = _edge_move_ms(window, 20)
            width, height = view.viewport().width(), view.viewport().height()
            lazy = view.highlighter.lazy
        bare = QPlainTextEdit()
        bare.setReadOnly(True)
        bare.setPlainText(text)
        bare.resize(width, height)
        bare.show()
        app.processEvents()
        baseline = _page_down_ms(bare, pages)
        bare.close()
    print(
        f"Article scrolling ({len(text):,} chars, {len(records):,} records, "
        f"viewport {width}x{height}, lazy highlighting: {lazy}; offscreen Qt)"
    )
    print(f"{'measure':<34} {'median':>11} {'p95':>11} {'max':>11} {'baseline':>12} {'ratio':>7}")
    print(_summary(f"page down ({len(scrolled)} pages)", scrolled, baseline))
    print(_summary(f"jump to a far record ({len(jumps)})", jumps))
    print(_summary(f"Alt+Shift+Right edge move ({len(edits)})", edits))
    print(f"baseline: a bare QPlainTextEdit without highlights; one frame = {FRAME_MS:.1f} ms")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters")
    parser.add_argument("--pages", type=int, default=150, help="page-down steps")
    args = parser.parse_args(argv)
    return run(args.size, args.pages)


if __name__ == "__main__":
    raise SystemExit(main())
