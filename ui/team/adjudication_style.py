"""How the adjudication mode tells annotators and parts apart: colours and line styles.

Annotator n (the key that takes their version) has colour ``annotator_colour(n)``
everywhere: in the article, where each version is drawn over the text, and in the
side-by-side panel's header. Colour is never alone: a numbered badge says who it
is, and the frame's line style which part it marks (:data:`PART_STYLES`). The
first six are the Okabe-Ito colours that stay apart for colour-blind readers
(``ui.shell.theme``), the rest from Paul Tol's muted set. Pure data; no widget.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.shell.theme import OKABE_ITO, Part

#: One colour per number key, 1 to 9.
ANNOTATOR_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["orange"],
    OKABE_ITO["sky_blue"],
    "#882255",  # Tol wine
    "#999933",  # Tol olive
    "#332288",  # Tol indigo
)

#: The pen style of each part's frame: content solid, cue dashed, speaker dotted.
PART_STYLES = {
    Part.CONTENT: Qt.PenStyle.SolidLine,
    Part.CUE: Qt.PenStyle.DashLine,
    Part.SPEAKER: Qt.PenStyle.DotLine,
}

#: The legend of the line styles, as the panel shows it.
PART_LEGEND = (
    "In the text, each version in its annotator's colour: content tinted, "
    "╍ cue and ┈ speaker framed, numbered bars where it starts and ends"
)


def annotator_colour(number: int) -> str:
    """The colour of annotator ``number`` (1-based; past 9 the colours repeat)."""
    return ANNOTATOR_COLOURS[(number - 1) % len(ANNOTATOR_COLOURS)]
