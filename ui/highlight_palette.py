"""How each part of a record looks in the article, by review status.

Quotations are blue, speaker mentions orange, cues are underlined in vermillion
(Okabe-Ito colours, which colour-blind readers can tell apart). Candidates are
pale with a dashed underline, accepted records solid, rejected ones grey and
struck through. One place, so that themes (issue 4) replace a single function.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtGui import QColor, QTextCharFormat

from quotes.model import Status


class Part(IntEnum):
    """The part of a record a highlighted range belongs to; higher paints on top."""

    CONTENT = 0
    SPEAKER = 1
    CUE = 2


#: Paint order by status: accepted ranges win over candidates, candidates over rejected.
STATUS_PRIORITY = {Status.REJECTED: 0, Status.CANDIDATE: 1, Status.ACCEPTED: 2}

_BLUE = QColor("#0072b2")
_VERMILLION = QColor("#d55e00")
_ORANGE = QColor("#e69f00")
_GREY = QColor("#8a8a8a")


def highlight_formats() -> dict[tuple[Part, Status], QTextCharFormat]:
    """The character format of every (part, status) pair (the light theme)."""
    formats: dict[tuple[Part, Status], QTextCharFormat] = {}

    def make(
        background: str | None = None,
        underline: QTextCharFormat.UnderlineStyle | None = None,
        underline_color: QColor | None = None,
        foreground: QColor | None = None,
        strike: bool = False,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if background:
            fmt.setBackground(QColor(background))
        if underline is not None:
            fmt.setUnderlineStyle(underline)
            if underline_color is not None:
                fmt.setUnderlineColor(underline_color)
        if foreground is not None:
            fmt.setForeground(foreground)
        if strike:
            fmt.setFontStrikeOut(True)
        return fmt

    dash = QTextCharFormat.UnderlineStyle.DashUnderline
    solid = QTextCharFormat.UnderlineStyle.SingleUnderline
    formats[Part.CONTENT, Status.CANDIDATE] = make("#e3f0fa", dash, _BLUE)
    formats[Part.CONTENT, Status.ACCEPTED] = make("#a8d3f2")
    formats[Part.SPEAKER, Status.CANDIDATE] = make("#fdf0d5", dash, _ORANGE)
    formats[Part.SPEAKER, Status.ACCEPTED] = make("#f7cd7c")
    formats[Part.CUE, Status.CANDIDATE] = make(None, dash, _VERMILLION)
    formats[Part.CUE, Status.ACCEPTED] = make(None, solid, _VERMILLION, _VERMILLION)
    for part in Part:
        formats[part, Status.REJECTED] = make(None, None, None, _GREY, strike=True)
    return formats
