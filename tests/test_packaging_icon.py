"""The app icon is package data that Qt can read, and the GUI start sets it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from quote_annotator.gui_start import DESKTOP_FILE_NAME, app_icon
from tests.packaging_support import ROOT


def test_the_icon_loads_from_package_data(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    image = icon.pixmap(QSize(256, 256)).toImage()
    assert image.width() == 256
    corner, centre = image.pixelColor(0, 0), image.pixelColor(128, 128)
    assert corner.alpha() == 0 and centre.alpha() == 255  # a shape, not a blank square


def test_the_desktop_entry_names_the_icon_and_the_desktop_file_name() -> None:
    entry = (ROOT / "packaging" / f"{DESKTOP_FILE_NAME}.desktop").read_text(encoding="utf-8")
    assert f"\nIcon={DESKTOP_FILE_NAME}\n" in entry
    assert f"\nStartupWMClass={DESKTOP_FILE_NAME}\n" in entry
    for suffix in ("png", "svg", "ico", "icns"):
        assert (ROOT / "packaging" / "icons" / f"{DESKTOP_FILE_NAME}.{suffix}").stat().st_size
