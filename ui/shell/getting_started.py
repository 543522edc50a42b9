"""Help > Getting started: a short tour of the review keys on the sample articles.

The steps are package data (``ui/resources/getting_started.txt``, read with
:mod:`importlib.resources`): one step per ``## `` heading, the lines under it its
text, ``# `` lines comments; a line ``[accepted] Accepted ...`` names a highlight
colour and is shown beside a swatch of it in the current theme. The text is shown
as plain text. The tour is a small
non-modal dialog driven from the keyboard: Enter or → for Next, ← for Back, Esc
closes. Threading: main thread only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from importlib import resources

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.shell.theme import HighlightColours, current_theme, highlight_colours

#: The tour's package data file, inside the ``ui`` package.
TOUR_RESOURCE = "resources/getting_started.txt"

#: The highlight colours a swatch line may name.
SWATCH_NAMES = frozenset(f.name for f in fields(HighlightColours))
_SWATCH_LINE = re.compile(r"\[(\w+)\]\s+(.*)")


@dataclass(frozen=True, slots=True)
class TourStep:
    """One page of the tour: a heading, its plain text, and (colour name, text)
    lines shown beside a swatch of that highlight colour."""

    title: str
    text: str
    swatches: tuple[tuple[str, str], ...] = ()


def read_tour_steps(source: str) -> list[TourStep]:
    """The steps of a tour text: each ``## `` line starts one, ``# `` lines are
    comments, the lines between headings are the step's text (trimmed).

    :raises ValueError: if the text holds no step.
    """
    steps: list[TourStep] = []
    title: str | None = None
    lines: list[str] = []
    swatches: list[tuple[str, str]] = []
    for line in [*source.splitlines(), "## "]:
        swatch = _SWATCH_LINE.fullmatch(line.strip())
        if line.startswith("## "):
            if title is not None:
                steps.append(TourStep(title, "\n".join(lines).strip(), tuple(swatches)))
            title, lines, swatches = line[3:].strip(), [], []
        elif swatch is not None and swatch.group(1) in SWATCH_NAMES:
            swatches.append((swatch.group(1), swatch.group(2)))
        elif not line.startswith("# ") and line != "#":
            lines.append(line)
    steps = [step for step in steps if step.title]
    if not steps:
        raise ValueError("the Getting started tour holds no '## ' step")
    return steps


def tour_steps() -> list[TourStep]:
    """The shipped tour's steps (package data)."""
    text = resources.files("ui").joinpath(TOUR_RESOURCE).read_text(encoding="utf-8")
    return read_tour_steps(text)


def swatch_pixmap(name: str, colours: HighlightColours) -> QPixmap:
    """A word ("said") drawn as the article view shows highlight colour ``name``."""
    pixmap = QPixmap(64, 24)
    pixmap.fill(QColor(colours.page))
    painter = QPainter(pixmap)
    box = QRect(2, 2, 60, 20)
    if name in ("candidate", "accepted", "rejected", "speaker_mention"):
        painter.fillRect(box, QColor(getattr(colours, name)))
    font = QFont(painter.font())
    font.setStrikeOut(name == "rejected")
    painter.setFont(font)
    painter.setPen(QColor(colours.text))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "said")
    if name == "cue_underline":
        painter.setPen(QPen(QColor(colours.cue_underline), 2))
        painter.drawLine(14, 19, 50, 19)
    elif name == "current_outline":
        painter.setPen(QPen(QColor(colours.current_outline), 2))
        painter.drawRect(box.adjusted(1, 1, -1, -1))
    painter.end()
    return pixmap


def _theme_colours() -> HighlightColours:
    app = QApplication.instance()
    return highlight_colours(current_theme(app) if isinstance(app, QApplication) else "light")


class GettingStartedTour(QDialog):
    """The tour, one step at a time, with Back, Next and Close."""

    def __init__(self, steps: list[TourStep], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not steps:
            raise ValueError("a tour needs at least one step")
        self.setWindowTitle("Getting started")
        self._steps = steps
        self._index = 0
        self.counter = QLabel(self)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.swatch_area = QWidget(self)
        self.swatch_labels: list[QLabel] = []
        QGridLayout(self.swatch_area).setContentsMargins(0, 0, 0, 0)
        for label in (self.counter, self.heading, self.body):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.back_button = QPushButton("← &Back", self)
        self.next_button = QPushButton("&Next →", self)
        self.close_button = QPushButton("&Close", self)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.forward)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.swatch_area)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.resize(520, 320)
        self.show_step(0)

    @property
    def index(self) -> int:
        """The step shown, from 0."""
        return self._index

    def step_count(self) -> int:
        """How many steps the tour has."""
        return len(self._steps)

    def show_step(self, index: int) -> None:
        """Show step ``index`` (clamped to the tour)."""
        self._index = min(max(index, 0), len(self._steps) - 1)
        step = self._steps[self._index]
        self.heading.setText(step.title)
        self.body.setText(step.text)
        self.counter.setText(f"{self._index + 1} of {len(self._steps)}")
        self._show_swatches(step.swatches)
        last = self._index == len(self._steps) - 1
        self.back_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(not last)
        # Enter goes on, and closes on the last step.
        (self.close_button if last else self.next_button).setDefault(True)
        (self.next_button if last else self.close_button).setDefault(False)
        (self.close_button if last else self.next_button).setFocus()

    def _show_swatches(self, swatches: tuple[tuple[str, str], ...]) -> None:
        grid = self.swatch_area.layout()
        assert isinstance(grid, QGridLayout)
        for label in self.swatch_labels:
            grid.removeWidget(label)
            label.deleteLater()
        self.swatch_labels = []
        colours = _theme_colours()
        for row, (name, text) in enumerate(swatches):
            swatch = QLabel(self.swatch_area)
            swatch.setPixmap(swatch_pixmap(name, colours))
            words = QLabel(text, self.swatch_area)
            words.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(swatch, row, 0)
            grid.addWidget(words, row, 1)
            self.swatch_labels += [swatch, words]
        grid.setColumnStretch(1, 1)
        self.swatch_area.setVisible(bool(swatches))

    def forward(self) -> None:
        """The next step (the last stays)."""
        self.show_step(self._index + 1)

    def back(self) -> None:
        """The previous step (the first stays)."""
        self.show_step(self._index - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Right:
            self.forward()
        elif event.key() == Qt.Key.Key_Left:
            self.back()
        else:
            super().keyPressEvent(event)  # Esc closes, Enter presses the default
