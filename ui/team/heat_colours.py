"""The agreement heat map's colours: a scale from low to high agreement per theme.

A diverging scale through the Okabe-Ito colours (see ``ui.shell.theme``):
vermillion at 0 (or below: alpha and kappa can be negative), yellow at 0.5, blue
at 1, which protanopes, deuteranopes and tritanopes tell apart too. Each theme
tints them towards its page, so the dark theme's cells do not glare. A cell's text
is black or white, whichever contrasts more with its background (at least 4.5:1,
WCAG AA, for every value), and the number is always written in the cell: the
colour is never alone. Pure functions; any thread.
"""

from __future__ import annotations

from ui.shell.theme import OKABE_ITO, contrast_ratio, highlight_colours, mix_colours

#: (low, middle, high) of each theme's scale: the Okabe-Ito colours tinted towards
#: the page by the given amount, chosen so the three stay apart in both themes.
_STOPS = {
    "light": (
        ("vermillion", 0.35),
        ("yellow", 0.45),
        ("sky_blue", 0.0),
    ),
    "dark": (
        ("vermillion", 0.35),
        ("yellow", 0.55),
        ("blue", 0.1),
    ),
}


def scale_stops(theme: str) -> tuple[str, str, str]:
    """The colours of 0, 0.5 and 1 in ``theme`` ("light" or "dark"), as ``#RRGGBB``."""
    page = highlight_colours(theme).page
    low, middle, high = (
        mix_colours(OKABE_ITO[name], page, amount) for name, amount in _STOPS[theme]
    )
    return low, middle, high


def heat_colour(value: float, theme: str) -> str:
    """The background of an agreement of ``value`` (clamped to 0..1) in ``theme``."""
    low, middle, high = scale_stops(theme)
    value = min(1.0, max(0.0, value))
    if value <= 0.5:
        return mix_colours(low, middle, value / 0.5)
    return mix_colours(middle, high, (value - 0.5) / 0.5)


def text_on(background: str) -> str:
    """Black or white, whichever is easier to read on ``background``."""
    black, white = "#000000", "#FFFFFF"
    if contrast_ratio(black, background) >= contrast_ratio(white, background):
        return black
    return white
