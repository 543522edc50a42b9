"""The agreement heat map's scale: readable text on every cell in both themes, low
and high agreement far apart, values outside 0..1 clamped."""

from __future__ import annotations

import pytest

from ui.shell.theme import THEME_NAMES, contrast_ratio, relative_luminance
from ui.team.heat_colours import heat_colour, scale_stops, text_on

VALUES = [step / 20 for step in range(21)]


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("value", VALUES)
def test_every_cell_keeps_its_text_readable(theme: str, value: float) -> None:
    background = heat_colour(value, theme)
    assert contrast_ratio(text_on(background), background) >= 4.5


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_the_ends_of_the_scale_are_its_stops(theme: str) -> None:
    low, middle, high = scale_stops(theme)
    assert heat_colour(0.0, theme) == low
    assert heat_colour(0.5, theme) == middle
    assert heat_colour(1.0, theme) == high
    assert len({low, middle, high}) == 3


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_values_outside_the_scale_are_clamped(theme: str) -> None:
    # Alpha and kappa can be negative: below chance is shown as no agreement.
    assert heat_colour(-0.4, theme) == heat_colour(0.0, theme)
    assert heat_colour(1.2, theme) == heat_colour(1.0, theme)


def test_the_dark_scale_is_darker_than_the_light_one() -> None:
    for value in VALUES:
        assert relative_luminance(heat_colour(value, "dark")) < relative_luminance(
            heat_colour(value, "light")
        )
