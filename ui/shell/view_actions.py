"""The View menu's own actions: zoom, light or dark theme, statistics.

``ViewActions`` keeps the article zoom in steps (one step per Ctrl++), applies a
theme to the application and to the article's highlights, and opens the
statistics dialog. With a :class:`ViewState` it remembers zoom and theme.
Threading: main thread only (``apply_theme`` changes the application's look).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from ui.review.statistics_dialog import StatisticsDialog
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.shell.theme import apply_theme, current_theme, highlight_colours
from ui.shell.view_state import ZOOM_RANGE, ViewState


class ViewActions(ActionGroup):
    """Zoom in, out and back (Ctrl++, Ctrl+-, Ctrl+0), the dark theme, statistics.

    ``theme_changed(str)`` fires with the theme's name after it is applied.
    """

    theme_changed = Signal(str)

    def __init__(self, context: ActionContext, *, view_state: ViewState | None = None) -> None:
        super().__init__(context)
        self._state = view_state
        self._zoom = 0
        self.statistics_dialog: StatisticsDialog | None = None

        self.zoom_in = make_action(
            self,
            "Zoom &in",
            shortcut=["Ctrl++", "Ctrl+="],
            triggered=lambda: self.set_zoom(self._zoom + 1),
        )
        self.zoom_out = make_action(
            self, "Zoom &out", shortcut="Ctrl+-", triggered=lambda: self.set_zoom(self._zoom - 1)
        )
        self.zoom_reset = make_action(
            self, "&Actual size", shortcut="Ctrl+0", triggered=lambda: self.set_zoom(0)
        )
        self.dark_theme = make_action(
            self,
            "&Dark theme",
            tip="Switch between the light and the dark theme",
            checkable=True,
        )
        self.dark_theme.toggled.connect(lambda on: self.set_theme("dark" if on else "light"))
        self.statistics = make_action(
            self,
            "&Statistics…",
            tip="Attributions per hour per annotator",
            triggered=self.show_statistics,
        )

        app = QApplication.instance()
        theme = current_theme(app) if isinstance(app, QApplication) else "light"
        if view_state is not None:
            self.set_zoom(view_state.zoom())
            self.set_theme(view_state.theme(theme))
        else:
            # Without saved settings (tests, scripts) the application keeps its look.
            self._show_theme(theme)

    def actions(self) -> list[QAction | None]:
        """The View menu's share, in order; None stands for a separator."""
        return [
            self.zoom_in,
            self.zoom_out,
            self.zoom_reset,
            None,
            self.dark_theme,
            None,
            self.statistics,
        ]

    @property
    def zoom(self) -> int:
        """The article zoom in steps from the default size."""
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Zoom the article to ``steps`` from the default size (clamped)."""
        low, high = ZOOM_RANGE
        steps = min(high, max(low, int(steps)))
        change, self._zoom = steps - self._zoom, steps
        if change > 0:
            self._article.zoomIn(change)
        elif change < 0:
            self._article.zoomOut(-change)
        if self._state is not None:
            self._state.set_zoom(steps)

    def set_theme(self, name: str) -> None:
        """Give the application and the article's highlights theme ``name``."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self._show_theme(name)
        if self._state is not None:
            self._state.set_theme(name)
        self.theme_changed.emit(name)

    def _show_theme(self, name: str) -> None:
        self._article.set_colours(highlight_colours(name))
        self.dark_theme.blockSignals(True)
        self.dark_theme.setChecked(name == "dark")
        self.dark_theme.blockSignals(False)

    def refresh_statistics(self, *_args: object) -> None:
        """Open the statistics afresh if they are shown (after a switch of layer: the
        figures are the layer's)."""
        if self.statistics_dialog is not None and self.statistics_dialog.isVisible():
            self.show_statistics()

    def show_statistics(self) -> StatisticsDialog:
        """Open (afresh) the statistics dialog; return it."""
        if self.statistics_dialog is not None:
            self.statistics_dialog.close()
            self.statistics_dialog.deleteLater()
        self.statistics_dialog = StatisticsDialog(self._store, self._window)
        self.statistics_dialog.show()
        return self.statistics_dialog
