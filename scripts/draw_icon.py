"""Draw the app icon with QPainter: package data PNG plus the bundle's SVG, ICO and ICNS.

Run after changing the drawing (the outputs are committed, so builds need no Qt
image tools)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/draw_icon.py

The picture: a speech bubble in the article-highlight amber holding a pair of
typographic quotation marks, with an underline in the cue blue: what the tool marks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgGenerator

ROOT = Path(__file__).resolve().parent.parent
SIZE = 256


def paint_icon(painter: QPainter, size: float) -> None:
    """Paint the icon into the square ``0..size`` of ``painter``."""
    scale = size / 256
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    # Rounded dark tile, as launchers expect a filled square.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#24313f"))
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    # Speech bubble with a tail at the lower left.
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(36, 44, 184, 132), 36, 36)
    tail = QPainterPath()
    tail.moveTo(QPointF(70, 160))
    tail.lineTo(QPointF(56, 214))
    tail.lineTo(QPointF(118, 170))
    tail.closeSubpath()
    painter.setBrush(QColor("#f6c453"))
    painter.drawPath(bubble.united(tail))
    # The quotation marks, drawn as text in a bold serif so they look typographic.
    font = QFont("DejaVu Serif")
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setBold(True)
    font.setPixelSize(150)
    painter.setFont(font)
    painter.setPen(QColor("#24313f"))
    painter.drawText(QRectF(36, 40, 184, 180), Qt.AlignmentFlag.AlignCenter, "\u201c\u201d")
    # The cue underline.
    underline = QPen(QColor("#4aa3df"), 14)
    underline.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(underline)
    painter.drawLine(QPointF(150, 214), QPointF(212, 214))


def draw_image(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_icon(painter, size)
    painter.end()
    return image


def draw_svg(path: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(SIZE, SIZE))
    generator.setViewBox(QRectF(0, 0, SIZE, SIZE))
    generator.setTitle("Quote Annotator")
    painter = QPainter(generator)
    paint_icon(painter, SIZE)
    painter.end()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="the checkout to write into")
    args = parser.parse_args()
    _app = QGuiApplication(sys.argv)  # fonts and painting need a GUI application
    package_png = args.out / "quote_annotator" / "resources" / "icon.png"
    icons = args.out / "packaging" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    outputs = {
        package_png: draw_image(SIZE),
        icons / "quote-annotator.png": draw_image(SIZE),
        icons / "quote-annotator.ico": draw_image(SIZE),
        icons / "quote-annotator.icns": draw_image(512),
    }
    for path, image in outputs.items():
        if not image.save(str(path)):
            print(f"error: could not write {path}", file=sys.stderr)
            return 1
    draw_svg(icons / "quote-annotator.svg")
    print("\n".join(str(p) for p in [*outputs, icons / "quote-annotator.svg"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
