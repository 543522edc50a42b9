"""What the window looked like last time: layout, zoom, theme and position.

:class:`ViewState` keeps, through ``QSettings``: the main window's geometry and its
docks and toolbars, any number of named splitters, the article zoom, the theme,
the guidelines file, whether the Getting started tour was shown, and per workspace
the last document and record. Nothing here
is annotation data (that is in the workspace); losing these settings only loses
the layout, so unreadable values fall back to defaults instead of failing.

Wiring (for MainWindow)::

    state = ViewState.for_app()                  # tests: ViewState.at_path(tmp / "v.ini")
    state.restore_window(window)                 # after the docks exist, before show()
    state.restore_splitter("main", splitter)
    article_view.set_zoom(state.zoom())
    position = state.last_position(store.path)   # (document_id, attribution_id | None)
    ...
    # in closeEvent, or whenever they change:
    state.save_window(window); state.save_splitter("main", splitter)
    state.set_zoom(article_view.zoom()); state.save_last_position(store.path, doc, rec)
    state.sync()

Threading: main thread (QSettings itself is reentrant, but widgets are not).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import overload

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

ORGANISATION = "QuoteAnnotator"
APPLICATION = "Quote Annotator"

#: Bumped when the docks or toolbars change so much that an old layout would
#: restore badly; ``QMainWindow.restoreState`` then ignores the saved one.
LAYOUT_VERSION = 1

#: Zoom is kept in steps (+1 = one Ctrl++), clamped to this range.
ZOOM_RANGE = (-8, 20)


class ViewState:
    """Saved view settings over one ``QSettings`` store.

    :param settings: where to keep them; see :meth:`for_app` and :meth:`at_path`.
    """

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @classmethod
    def for_app(
        cls,
        organisation: str = ORGANISATION,
        application: str = APPLICATION,
        *,
        ini_folder: str | Path | None = None,
    ) -> ViewState:
        """The settings of ``organisation``/``application``: in the platform's usual
        place (registry, plist, ~/.config), or as an ini file under ``ini_folder``."""
        if ini_folder is None:
            return cls(QSettings(organisation, application))
        path = Path(ini_folder) / organisation / f"{application}.ini"
        return cls.at_path(path)

    @classmethod
    def at_path(cls, path: str | Path) -> ViewState:
        """The settings kept in the ini file ``path`` (created on first save)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def settings(self) -> QSettings:
        """The underlying QSettings."""
        return self._settings

    def sync(self) -> None:
        """Write pending changes to disk now (Qt also does it on exit)."""
        self._settings.sync()

    # -- window and splitters -----------------------------------------------------------
    def save_window(self, window: QWidget) -> None:
        """Keep the window's geometry and, for a main window, its docks and toolbars."""
        self._settings.setValue("window/geometry", window.saveGeometry())
        if isinstance(window, QMainWindow):
            self._settings.setValue("window/state", window.saveState(LAYOUT_VERSION))

    def restore_window(self, window: QWidget) -> bool:
        """Give the window its saved geometry (and docks); False when none was saved.

        Docks and toolbars are matched by ``objectName``, so give each one a name.
        """
        geometry = self._bytes("window/geometry")
        if geometry is None or not window.restoreGeometry(geometry):
            return False
        state = self._bytes("window/state")
        if isinstance(window, QMainWindow) and state is not None:
            window.restoreState(state, LAYOUT_VERSION)
        return True

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        """Keep the sizes of splitter ``name``."""
        self._settings.setValue(f"splitters/{name}", splitter.saveState())

    def restore_splitter(self, name: str, splitter: QSplitter) -> bool:
        """Give splitter ``name`` its saved sizes; False when none were saved."""
        state = self._bytes(f"splitters/{name}")
        return state is not None and splitter.restoreState(state)

    # -- zoom, theme, guidelines ----------------------------------------------------------
    def zoom(self) -> int:
        """The article zoom in steps from the default size (0 when never saved)."""
        low, high = ZOOM_RANGE
        return min(high, max(low, self._int("view/zoom", 0)))

    def set_zoom(self, steps: int) -> None:
        """Keep the article zoom (clamped to :data:`ZOOM_RANGE`)."""
        low, high = ZOOM_RANGE
        self._settings.setValue("view/zoom", min(high, max(low, int(steps))))

    def theme(self, default: str = "light") -> str:
        """The theme name last chosen."""
        value = self._settings.value("view/theme", default)
        return value if isinstance(value, str) and value else default

    def set_theme(self, name: str) -> None:
        """Keep the theme name."""
        self._settings.setValue("view/theme", name)

    def guidelines_path(self) -> Path | None:
        """The guidelines file the user chose, or None for the built-in guidelines."""
        value = self._settings.value("view/guidelines", "")
        return Path(value) if isinstance(value, str) and value else None

    def save_guidelines_path(self, path: str | Path | None) -> None:
        """Keep the guidelines file ("" or None: the built-in guidelines)."""
        self._settings.setValue("view/guidelines", str(path) if path else "")

    # -- first run ------------------------------------------------------------------------
    def tour_seen(self) -> bool:
        """Whether the Getting started tour was shown once already (on first start)."""
        return self._flag("help/tour_seen")

    def set_tour_seen(self, seen: bool = True) -> None:
        """Keep that the tour was shown (False: show it again on the next start)."""
        self._settings.setValue("help/tour_seen", bool(seen))

    # -- active learning ----------------------------------------------------------------
    def next_by_uncertainty(self) -> bool:
        """Whether the user last chose Learning > Next document by model uncertainty."""
        return self._flag("learning/next_by_uncertainty")

    def set_next_by_uncertainty(self, on: bool) -> None:
        """Keep the user's choice of the uncertainty order (not a refusal's uncheck)."""
        self._settings.setValue("learning/next_by_uncertainty", bool(on))

    def _flag(self, key: str) -> bool:
        value = self._settings.value(key, False)
        # Ini files give "true"/"false" back as strings.
        return value is True or (isinstance(value, str) and value.lower() == "true")

    # -- last position, per workspace ---------------------------------------------------
    def last_position(self, workspace: str | Path | None) -> tuple[int, int | None] | None:
        """The document and record (if any) open when ``workspace`` was last left.

        None for an in-memory workspace, whose ids do not outlive it.
        """
        if workspace is None:
            return None
        group = _workspace_key(workspace)
        document_id = self._int(f"{group}/document", None)
        if document_id is None:
            return None
        return document_id, self._int(f"{group}/record", None)

    def save_last_position(
        self, workspace: str | Path | None, document_id: int | None, record_id: int | None
    ) -> None:
        """Remember where the user is in ``workspace`` (document None forgets it)."""
        if workspace is None:
            return
        group = _workspace_key(workspace)
        if document_id is None:
            self._settings.remove(group)
            return
        self._settings.setValue(f"{group}/document", int(document_id))
        if record_id is None:
            self._settings.remove(f"{group}/record")
        else:
            self._settings.setValue(f"{group}/record", int(record_id))

    # -- helpers --------------------------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes) and value:
            return QByteArray(value)
        return None

    @overload
    def _int(self, key: str, default: int) -> int: ...
    @overload
    def _int(self, key: str, default: None) -> int | None: ...

    def _int(self, key: str, default: int | None) -> int | None:
        # Ini files give strings back; a hand-edited or foreign value is ignored.
        value = self._settings.value(key)
        if value is None:
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            return default


def _workspace_key(workspace: str | Path) -> str:
    """A settings group per workspace file: ids are only meaningful inside one."""
    resolved = str(Path(workspace).expanduser().resolve())
    return "positions/" + hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:16]
