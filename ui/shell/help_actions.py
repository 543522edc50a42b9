"""The Help menu's own actions: Getting started (the tour) and About.

``offer_tour_once`` shows the tour on the first start (the flag is kept in the
:class:`ViewState`), and Help > Getting started shows it again at any time.
Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from ui.shell.about import AboutDialog, data_locations
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.shell.getting_started import GettingStartedTour, tour_steps
from ui.shell.view_state import ViewState


class HelpActions(ActionGroup):
    """Help > Getting started and Help > About, each opening one non-modal dialog."""

    def __init__(self, context: ActionContext, *, view_state: ViewState | None = None) -> None:
        super().__init__(context)
        self._state = view_state
        self.tour: GettingStartedTour | None = None
        self.about_dialog: AboutDialog | None = None
        self.getting_started = make_action(
            self,
            "Getting &started",
            tip="A short tour of the colours and the review keys",
            triggered=self.show_tour,
        )
        self.about = make_action(
            self,
            "&About Quote Annotator",
            tip="The version, the licence and where your data is kept",
            triggered=self.show_about,
        )

    def tour_actions(self) -> list[QAction | None]:
        """The actions at the top of the Help menu."""
        return [self.getting_started]

    def about_actions(self) -> list[QAction | None]:
        """The actions at the bottom of the Help menu."""
        return [self.about]

    def show_tour(self) -> GettingStartedTour:
        """Open the tour at its first step (raising the open one); return it."""
        if self.tour is not None and self.tour.isVisible():
            self.tour.show_step(0)
            self.tour.raise_()
            self.tour.activateWindow()
            return self.tour
        if self.tour is not None:
            self.tour.deleteLater()
        self.tour = GettingStartedTour(tour_steps(), self._window)
        self.tour.show()
        return self.tour

    def offer_tour_once(self) -> GettingStartedTour | None:
        """Show the tour if it has never been shown (with a view state); mark it shown.

        :returns: the tour when shown, None when it was seen before or there is no
            view state (tests, scripts).
        """
        if self._state is None or self._state.tour_seen():
            return None
        self._state.set_tour_seen()
        self._state.sync()
        return self.show_tour()

    def show_about(self) -> AboutDialog:
        """Open (afresh) the About box; return it."""
        if self.about_dialog is not None:
            self.about_dialog.close()
            self.about_dialog.deleteLater()
        self.about_dialog = AboutDialog(data_locations(self._store.path, self._state), self._window)
        self.about_dialog.show()
        return self.about_dialog
