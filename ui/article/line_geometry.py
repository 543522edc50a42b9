"""Where a stretch of a plain-text view's document is on screen, line by line.

Both the article view (the outline of a span being edited) and the adjudication overlay
(each annotator's version) draw over the lines a stretch covers, so the one walk over
the visible blocks and their layout lines lives here. Positions are Qt's (UTF-16) ones.
Threading: main thread only (widgets).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QPlainTextEdit


def visible_line_rects(view: QPlainTextEdit, start: int, end: int) -> list[QRectF]:
    """One rectangle per visible line of the Qt positions ``[start, end)``, in viewport
    coordinates (at least a pixel wide); lines scrolled out of view are left out."""
    rects: list[QRectF] = []
    height = view.viewport().height()
    offset = view.contentOffset()
    block = view.firstVisibleBlock()
    first = view.document().findBlock(start)
    if first.isValid() and first.blockNumber() > block.blockNumber():
        block = first
    while block.isValid() and block.position() < end:
        top_left = view.blockBoundingGeometry(block).translated(offset).topLeft()
        if top_left.y() > height:
            break
        layout = block.layout()
        base = block.position()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            line_start = base + line.textStart()
            line_end = line_start + line.textLength()
            if line_end <= start or line_start >= end:
                continue
            x1 = _x_of(line.cursorToX(max(start, line_start) - base))
            x2 = _x_of(line.cursorToX(min(end, line_end) - base))
            rects.append(
                QRectF(x1, line.y(), max(x2 - x1, 1.0), line.height()).translated(top_left)
            )
        block = block.next()
    return rects


def _x_of(cursor_x: object) -> float:
    """``QTextLine.cursorToX``'s x (PySide returns it alone or with the position)."""
    if isinstance(cursor_x, tuple):
        return float(cursor_x[0])
    return float(cursor_x)  # type: ignore[arg-type]
