"""The themes: readable text on every highlight, and highlights that people with any
common colour-vision deficiency can still tell apart."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtGui import QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication, QLabel

from quotes.model import Status
from ui.shell.theme import (
    THEME_NAMES,
    Part,
    apply_theme,
    article_formats,
    build_palette,
    contrast_ratio,
    current_theme,
    dimmed_format,
    highlight_colours,
    linear_rgb,
    mix_colours,
)

# Machado, Oliveira & Fernandes (2009) simulation matrices at full severity,
# applied to linear RGB. "normal" keeps the check for ordinary vision too.
VISION = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}

# CIE76 colour difference: about 2.3 is just noticeable; 10 is clearly different at
# a glance, which is what an annotator scanning a page needs.
DISTINCT = 10.0

# Minimum WCAG contrast of the article text on its highlights, per theme.
TEXT_CONTRAST = {"light": 7.0, "dark": 4.5}


def _as_seen(colour: str, vision: str) -> tuple[float, float, float]:
    """CIELAB of ``colour`` as someone with ``vision`` sees it."""
    r, g, b = linear_rgb(colour)
    m = VISION[vision]
    rgb = [min(1.0, max(0.0, row[0] * r + row[1] * g + row[2] * b)) for row in m]
    x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _difference(first: str, second: str, vision: str) -> float:
    return math.dist(_as_seen(first, vision), _as_seen(second, vision))


@pytest.fixture
def restore_app_look(qapp: QApplication):
    """Put the application's palette and style back after a test that themes it."""
    palette, style = qapp.palette(), qapp.style().name()
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyle(style)
    qapp.setProperty("theme", None)


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is the lightest grey passing AA (4.54).
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_mix_colours_goes_from_one_colour_to_the_other() -> None:
    assert mix_colours("#000000", "#FFFFFF", 0.0) == "#000000"
    assert mix_colours("#000000", "#FFFFFF", 1.0) == "#FFFFFF"
    assert mix_colours("#000000", "#FFFFFF", 0.5) == "#808080"


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_article_text_is_readable_on_the_page_and_every_highlight(theme: str) -> None:
    h = highlight_colours(theme)
    for role, background in {"page": h.page, **h.backgrounds()}.items():
        ratio = contrast_ratio(h.text, background)
        assert ratio >= TEXT_CONTRAST[theme], f"{theme}: text on {role} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_dimmed_records_keep_readable_text(theme: str) -> None:
    h = highlight_colours(theme)
    for role, background in {"page": h.page, **h.backgrounds()}.items():
        faded = h.dimmed(background)
        ratio = contrast_ratio(h.dimmed_text, faded)
        assert ratio >= 4.5, f"{theme}: dimmed text on dimmed {role} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("role", ["cue_underline", "current_outline"])
def test_marks_stand_out_from_every_background(theme: str, role: str) -> None:
    # WCAG 1.4.11 asks 3:1 for graphical objects such as an underline or a frame.
    h = highlight_colours(theme)
    mark = getattr(h, role)
    for name, background in {"page": h.page, **h.backgrounds()}.items():
        ratio = contrast_ratio(mark, background)
        assert ratio >= 3.0, f"{theme}: {role} on {name} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("vision", VISION)
def test_highlights_stay_distinct_for_colour_blind_annotators(theme: str, vision: str) -> None:
    h = highlight_colours(theme)
    colours = {"page": h.page, **h.backgrounds()}
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        delta = _difference(ca, cb, vision)
        assert delta >= DISTINCT, f"{theme}/{vision}: {a} vs {b} differ by only {delta:.1f}"


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_dimmed_highlights_are_still_told_apart(theme: str) -> None:
    h = highlight_colours(theme)
    faded = {role: h.dimmed(colour) for role, colour in h.backgrounds().items()}
    for (a, ca), (b, cb) in itertools.combinations(faded.items(), 2):
        assert _difference(ca, cb, "normal") >= 5.0, f"{theme}: dimmed {a} vs {b}"
    # and dimming really fades: each dimmed colour is closer to the page
    for role, colour in h.backgrounds().items():
        assert _difference(faded[role], h.page, "normal") < _difference(colour, h.page, "normal")


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("vision", VISION)
def test_dimmed_highlights_still_stand_out_from_the_page(theme: str, vision: str) -> None:
    h = highlight_colours(theme)
    for role, colour in h.backgrounds().items():
        delta = _difference(h.dimmed(colour), h.page, vision)
        assert delta >= DISTINCT, f"{theme}/{vision}: dimmed {role} fades into the page"


def test_the_two_themes_differ_where_it_matters() -> None:
    light, dark = highlight_colours("light"), highlight_colours("dark")
    assert contrast_ratio(light.page, dark.page) > 10
    assert light.qcolor("accepted").name().upper() == light.accepted


def test_unknown_theme_is_refused_with_the_known_names() -> None:
    with pytest.raises(KeyError, match="light"):
        highlight_colours("sepia")


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_apply_theme_sets_the_application_palette(restore_app_look, qtbot, theme: str) -> None:
    colours = apply_theme(restore_app_look, theme)
    palette = restore_app_look.palette()
    assert colours == highlight_colours(theme)
    assert palette.color(QPalette.ColorRole.Base).name().upper() == colours.page
    assert palette.color(QPalette.ColorRole.Text).name().upper() == colours.text
    assert current_theme(restore_app_look) == theme
    assert restore_app_look.style().name().lower() == "fusion"
    # A widget created afterwards inherits it.
    label = QLabel("x")
    qtbot.addWidget(label)
    assert label.palette().color(QPalette.ColorRole.WindowText).name().upper() == colours.text


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_palette_text_is_readable_on_its_own_backgrounds(theme: str) -> None:
    p = build_palette(theme)

    def hex_of(role: QPalette.ColorRole) -> str:
        return p.color(role).name()

    R = QPalette.ColorRole
    for fg, bg in [
        (R.Text, R.Base),
        (R.WindowText, R.Window),
        (R.ButtonText, R.Button),
        (R.HighlightedText, R.Highlight),
        (R.Text, R.AlternateBase),
    ]:
        assert contrast_ratio(hex_of(fg), hex_of(bg)) >= 4.5, (theme, fg, bg)


def test_switching_back_to_light_restores_light_colours(restore_app_look) -> None:
    apply_theme(restore_app_look, "dark")
    apply_theme(restore_app_look, "light")
    base = restore_app_look.palette().color(QPalette.ColorRole.Base)
    assert base.name().upper() == highlight_colours("light").page


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_article_formats_cover_what_the_article_view_paints(theme: str) -> None:
    formats = article_formats(highlight_colours(theme))
    assert set(formats) == set(itertools.product(Part, Status))  # every look the view paints


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_each_review_status_looks_different(theme: str) -> None:
    h = highlight_colours(theme)
    formats = article_formats(h)
    content = {s: formats[Part.CONTENT, s].background().color().name().upper() for s in Status}
    assert content == {
        Status.CANDIDATE: h.candidate,
        Status.ACCEPTED: h.accepted,
        Status.REJECTED: h.rejected,
    }
    cue = {s: formats[Part.CUE, s] for s in Status}
    assert cue[Status.CANDIDATE].underlineStyle() != cue[Status.ACCEPTED].underlineStyle()
    assert cue[Status.ACCEPTED].underlineColor().name().upper() == h.cue_underline
    # Rejected is struck through, not told by colour alone; the others are not.
    assert all(formats[part, Status.REJECTED].fontStrikeOut() for part in Part)
    assert not any(formats[part, Status.ACCEPTED].fontStrikeOut() for part in Part)
    speaker = formats[Part.SPEAKER, Status.ACCEPTED].background().color().name().upper()
    assert speaker == h.speaker_mention


def test_dimmed_format_fades_towards_the_page() -> None:
    h = highlight_colours("light")
    accepted = article_formats(h)[Part.CONTENT, Status.ACCEPTED]
    faded = dimmed_format(accepted, h)
    assert faded.background().color().name().upper() == h.dimmed(h.accepted)
    assert faded.foreground().color().name().upper() == h.dimmed_text
    assert accepted.background().color().name().upper() == h.accepted  # a copy
    cue = dimmed_format(article_formats(h)[Part.CUE, Status.CANDIDATE], h)
    assert not cue.hasProperty(QTextCharFormat.Property.BackgroundBrush)
