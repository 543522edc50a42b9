"""Help > About: the version, the licence, and where the user's data lives.

The version is the one the entry point gave Qt (``quote_annotator.__version__``,
set as the application version before the window opens); a window made without
that entry point (tests, scripts) reads the installed metadata instead.
Every path is user data shown as plain text (a folder may contain ``<``).
Threading: main thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from storage.workspace import user_lexicon_path
from ui.shell.view_state import APPLICATION, ORGANISATION, ViewState

#: The distribution name the package is installed under.
DISTRIBUTION = "quote-annotator"
#: The version shown when neither the entry point nor an installation names one.
UNKNOWN_VERSION = "unknown (not installed)"
#: The licence shown when the installed metadata does not state one.
FALLBACK_LICENCE = "not stated in this installation (see the project's LICENSE file)"


def app_version() -> str:
    """The running version: Qt's application version when the entry point set it,
    else the installed metadata's, else :data:`UNKNOWN_VERSION`."""
    given = QCoreApplication.applicationVersion()
    if given:
        return given
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN_VERSION


def app_licence() -> str:
    """The licence named in the installed metadata, else :data:`FALLBACK_LICENCE`."""
    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return FALLBACK_LICENCE
    # get_all, not []: newer Pythons raise KeyError for a missing field.
    values = meta.get_all("License-Expression") or meta.get_all("License") or []
    named = values[0] if values else None
    return str(named) if named and str(named).strip() else FALLBACK_LICENCE


@dataclass(frozen=True, slots=True)
class DataLocations:
    """Where the user's data is kept: the open workspace (None: in memory), the
    optional personal cue lexicon, and the file or registry key of the settings."""

    workspace: Path | None
    lexicon: Path
    settings: str


def data_locations(workspace: Path | None, view_state: ViewState | None) -> DataLocations:
    """The locations for ``workspace``, with the settings ``view_state`` keeps (or the
    application's default settings when there is none)."""
    if view_state is not None:
        settings = view_state.settings
    else:
        settings = QSettings(ORGANISATION, APPLICATION)
    return DataLocations(workspace, user_lexicon_path(), settings.fileName())


class AboutDialog(QDialog):
    """The About box: version, licence, workspace, lexicon and settings locations.

    Every value is a plain-text, selectable label (a path can be copied).
    """

    def __init__(self, locations: DataLocations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Quote Annotator")
        lexicon = str(locations.lexicon)
        if not locations.lexicon.exists():
            lexicon += " (none yet: create it to add cue words)"
        workspace = str(locations.workspace) if locations.workspace else "in memory (not saved)"
        self.values = {
            "Version": app_version(),
            "Licence": app_licence(),
            "Workspace": workspace,
            "Your cue lexicon": lexicon,
            "Settings": locations.settings,
        }
        heading = QLabel("Quote Annotator", self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        blurb = _plain(
            "Builds datasets of who said what in news. Annotations are kept in the"
            " workspace file; the layout and theme in the settings.",
            self,
        )
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for name, value in self.values.items():
            label = _plain(value, self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[name] = label
            form.addRow(f"{name}:", label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addStretch(1)  # a taller box keeps its lines together
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
