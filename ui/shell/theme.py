"""Light and dark themes, and the highlight colours that annotators must tell apart.

The highlight palette is built from the Okabe-Ito colours (Okabe & Ito, "Color
Universal Design", 2008), chosen and tinted so that the three review states, the
speaker mention and the page stay distinct for protanopes, deuteranopes and
tritanopes as well (``tests/ui/test_theme.py`` simulates each and measures it),
while the article text keeps a WCAG contrast of at least 7:1 (light) or 4.5:1
(dark) on every highlight. Shape carries meaning too, so colour is never alone:
the article view underlines cues and outlines the current record.

Wiring (for MainWindow)::

    colours = apply_theme(QApplication.instance(), "dark")   # palette + style
    article_view.set_colours(colours)    # article_formats + dimmed_format per record

``apply_theme`` is the only function here that changes global state; everything
else is pure. Call it on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import IntEnum

from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

from quotes.model import Status

THEME_NAMES = ("light", "dark")


class Part(IntEnum):
    """The part of a record a highlighted range belongs to; higher paints on top."""

    CONTENT = 0
    SPEAKER = 1
    CUE = 2


#: Paint order by status: accepted ranges win over candidates, candidates over rejected.
STATUS_PRIORITY = {Status.REJECTED: 0, Status.CANDIDATE: 1, Status.ACCEPTED: 2}

# The Okabe-Ito colours the palette is derived from, for reference and for tests.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True, slots=True)
class HighlightColours:
    """The colours of the article view, as ``#RRGGBB`` strings.

    :param text: the article's text colour.
    :param page: the article's background.
    :param candidate: background of a quotation still to review (orange tint).
    :param accepted: background of an accepted quotation (blue tint).
    :param rejected: background of a rejected quotation (grey; struck through by the view).
    :param speaker_mention: background of a speaker mention (vermillion tint).
    :param cue_underline: the underline drawn under a cue.
    :param current_outline: the frame and emphasis of the current record.
    :param dimmed_text: text colour of the records that are not current.
    :param dim_amount: how far the other records' backgrounds fade towards ``page``
        (0 = not at all, 1 = invisible); see :meth:`dimmed`.
    """

    text: str
    page: str
    candidate: str
    accepted: str
    rejected: str
    speaker_mention: str
    cue_underline: str
    current_outline: str
    dimmed_text: str
    dim_amount: float = 0.5

    def qcolor(self, role: str) -> QColor:
        """The named colour as a QColor (``role`` is a field name, e.g. ``"accepted"``)."""
        value = getattr(self, role)
        if not isinstance(value, str):
            raise KeyError(role)
        return QColor(value)

    def dimmed(self, colour: str) -> str:
        """``colour`` faded towards the page, for records other than the current one."""
        return mix_colours(colour, self.page, self.dim_amount)

    def backgrounds(self) -> dict[str, str]:
        """The highlight backgrounds by role, the ones that must stay distinguishable."""
        return {
            "candidate": self.candidate,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "speaker_mention": self.speaker_mention,
        }

    def as_dict(self) -> dict[str, object]:
        """Every field by name (for settings dialogs and tests)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


LIGHT_HIGHLIGHTS = HighlightColours(
    text="#1A1A1A",
    page="#FFFFFF",
    candidate="#EBB233",  # orange, 35 % towards white
    accepted="#80B8D8",  # blue, 50 % towards white
    rejected="#ACACAC",
    speaker_mention="#F2CFB2",  # vermillion, 70 % towards white
    cue_underline="#005A8C",  # blue, darkened for a 3:1 contrast on every highlight
    current_outline="#7A2E5C",  # reddish purple, darkened likewise
    dimmed_text="#555555",
)

DARK_HIGHLIGHTS = HighlightColours(
    text="#E8E8E8",
    page="#1E1E1E",
    candidate="#54421A",  # orange, about 70 % towards the page
    accepted="#066194",  # blue, 20 % towards the page
    rejected="#5E5E5E",
    speaker_mention="#8C440C",  # vermillion, 40 % towards the page
    cue_underline="#9BD3F3",  # sky blue, lightened
    current_outline="#F0E442",  # yellow
    dimmed_text="#B0B0B0",
)

_HIGHLIGHTS = {"light": LIGHT_HIGHLIGHTS, "dark": DARK_HIGHLIGHTS}


def highlight_colours(name: str) -> HighlightColours:
    """The highlight colours of theme ``name``. :raises KeyError: for an unknown theme."""
    try:
        return _HIGHLIGHTS[name]
    except KeyError:
        raise KeyError(f"unknown theme {name!r}; expected one of {THEME_NAMES}") from None


def build_palette(name: str) -> QPalette:
    """The application palette of theme ``name`` (widgets, not the article highlights)."""
    h = highlight_colours(name)
    if name == "light":
        window, base, alt, button = "#F3F3F3", h.page, "#F7F7F7", "#EDEDED"
        text, disabled, tip = h.text, "#8A8A8A", "#FFFFDC"
        select, select_text, link = "#0072B2", "#FFFFFF", "#005A8C"
    else:
        window, base, alt, button = "#2B2B2B", h.page, "#262626", "#333333"
        text, disabled, tip = h.text, "#7A7A7A", "#3A3A3A"
        select, select_text, link = "#0072B2", "#FFFFFF", "#9BD3F3"
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.ToolTipBase: tip,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: disabled,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: "#FF5A36",
        QPalette.ColorRole.Highlight: select,
        QPalette.ColorRole.HighlightedText: select_text,
        QPalette.ColorRole.Link: link,
        QPalette.ColorRole.LinkVisited: link,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def apply_theme(app: QApplication, name: str) -> HighlightColours:
    """Give the whole application theme ``name`` and return its highlight colours.

    Uses the Fusion style, because native styles (Windows, macOS) ignore parts of a
    custom palette and a dark theme would come out half light. The theme's name is
    kept as the application property ``"theme"`` (see :func:`current_theme`).
    """
    colours = highlight_colours(name)
    app.setStyle("Fusion")
    app.setPalette(build_palette(name))
    app.setProperty("theme", name)
    return colours


def current_theme(app: QApplication) -> str:
    """The name of the theme last applied to ``app`` (``"light"`` before any)."""
    name = app.property("theme")
    return name if name in THEME_NAMES else "light"


def article_formats(colours: HighlightColours) -> dict[tuple[Part, Status], QTextCharFormat]:
    """The article view's character format of every (part, status) pair.

    The one palette of the app (light or dark): the review status shows as the
    content's background (candidate, accepted, rejected); speaker mentions have
    their own background; cues are underlined, dashed while candidate and solid
    once accepted; everything rejected is also struck through, so no state is
    told by colour alone.
    """
    dash = QTextCharFormat.UnderlineStyle.DashUnderline
    solid = QTextCharFormat.UnderlineStyle.SingleUnderline
    status_background = {
        Status.CANDIDATE: colours.candidate,
        Status.ACCEPTED: colours.accepted,
        Status.REJECTED: colours.rejected,
    }
    formats: dict[tuple[Part, Status], QTextCharFormat] = {}
    for status in Status:
        content = QTextCharFormat()
        content.setBackground(QColor(status_background[status]))
        content.setForeground(QColor(colours.text))
        speaker = QTextCharFormat()
        speaker.setBackground(QColor(colours.speaker_mention))
        speaker.setForeground(QColor(colours.text))
        cue = QTextCharFormat()
        cue.setUnderlineStyle(solid if status == Status.ACCEPTED else dash)
        cue.setUnderlineColor(QColor(colours.cue_underline))
        if status == Status.REJECTED:
            speaker.setBackground(QColor(colours.rejected))
            for fmt in (content, speaker, cue):
                fmt.setFontStrikeOut(True)
        formats[Part.CONTENT, status] = content
        formats[Part.SPEAKER, status] = speaker
        formats[Part.CUE, status] = cue
    return formats


def dimmed_format(fmt: QTextCharFormat, colours: HighlightColours) -> QTextCharFormat:
    """``fmt`` faded for a record other than the current one: its background moves
    towards the page and its text takes the dimmed colour (both stay readable)."""
    faded = QTextCharFormat(fmt)
    if fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush):
        background = fmt.background().color().name().upper()
        faded.setBackground(QColor(colours.dimmed(background)))
    faded.setForeground(QColor(colours.dimmed_text))
    return faded


# -- colour arithmetic (pure, used by the tests and by dimming) ---------------------


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected a #RRGGBB colour, got {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix_colours(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0..1) of the way towards ``other``, as ``#RRGGBB``."""
    a, b = _channels(colour), _channels(other)
    mixed = (round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))
    return "#{:02X}{:02X}{:02X}".format(*mixed)


def linear_rgb(colour: str) -> tuple[float, float, float]:
    """The colour's sRGB channels decoded to linear light, each 0..1."""

    def decode(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _channels(colour)
    return decode(r), decode(g), decode(b)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black .. 1 white)."""
    r, g, b = linear_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)
