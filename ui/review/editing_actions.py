"""The Edit spans menu: set a record's spans from the selection and move their edges.

:class:`EditingActions` owns the ``QAction``s (the menu shows their keys) and
turns each into one call of ``ui.operations.span_operations`` on the current record:

============================  =======================================================
C                             the selected words become the current record's cue
M                             ... its speaker mention (the speaker entity is kept)
F                             ... a further fragment of its content (merged with
                              fragments it overlaps or touches)
E                             ... the *edited span* (re-select, then apply)
Alt+Down / Alt+Up             edit the next / previous span of the record: each
                              fragment, then the cue, then the mention (a click on
                              one of the current record's spans edits that one)
Alt+Left / Alt+Right          move the edited span's start one word left / right
Alt+Shift+Left / Alt+Shift+Right  move its end one word left / right
Alt+Del                       remove the edited span (not the only fragment)
Edit spans > Snap to words    checked (default): selections, moved and dragged edges
                              fall on word edges; unchecked: on any character
============================  =======================================================

The edited span is outlined in the article with a handle at each edge; dragging
a handle with the mouse moves that edge (released: one edit). Every edit is one
``Store.update_attribution`` (one transaction, one history entry), so undo and
redo work as for any other action. The snap setting is kept in ``QSettings``
under :data:`SNAP_KEY`. Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from quotes.boundaries import Edge, move_edge
from quotes.model import Attribution, Span
from quotes.span_edits import CONTENT, SpanRef, ref_at, span_of, step_ref
from ui.operations import span_operations
from ui.operations.changes import ChangeKind
from ui.operations.span_operations import SpanEditRefused
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.shell.messages import NO_RECORD
from ui.shell.view_state import APPLICATION, ORGANISATION

#: Where the "Snap to words" choice is kept.
SNAP_KEY = "editing/snap_to_words"


class EditingActions(ActionGroup):
    """The span-editing actions on the current record (see the module docstring).

    ``message(str)`` carries a line for the status bar. :attr:`edited_ref` names
    the span being edited; the article view outlines it.

    :param settings: where "Snap to words" is kept (default: the app's QSettings).
    """

    def __init__(self, context: ActionContext, *, settings: QSettings | None = None) -> None:
        super().__init__(context)
        self._settings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)
        self._ref: SpanRef | None = None
        # Records whose quotation the annotator confirmed runs over paragraphs.
        self._paragraphs_confirmed: set[int] = set()
        # The open "quotation across paragraphs?" question, if any (tests answer it).
        self.paragraph_question: QMessageBox | None = None

        self.cue_from_selection = self._selection_action(
            "&Cue from selection", "C", "become the current record's cue", self._set_cue
        )
        self.mention_from_selection = self._selection_action(
            "Speaker &mention from selection",
            "M",
            "become the current record's speaker mention",
            self._set_mention,
        )
        self.add_fragment = self._selection_action(
            "Add &fragment from selection",
            "F",
            "are added to the current record's quotation",
            self._add_fragment,
        )
        self.apply_selection = self._selection_action(
            "Selection to &edited span",
            "E",
            "replace the outlined span (re-select, then E)",
            self._replace_edited,
        )
        self.next_span = make_action(
            self,
            "Edit &next span",
            shortcut="Alt+Down",
            tip="Outline the record's next span: fragments, cue, mention",
            triggered=lambda: self.step_span(1),
        )
        self.previous_span = make_action(
            self,
            "Edit &previous span",
            shortcut="Alt+Up",
            tip="Outline the record's previous span",
            triggered=lambda: self.step_span(-1),
        )
        self.start_left = self._edge_action("Start one word &left", "Alt+Left", Edge.START, -1)
        self.start_right = self._edge_action("Start one word &right", "Alt+Right", Edge.START, 1)
        self.end_left = self._edge_action("End one word le&ft", "Alt+Shift+Left", Edge.END, -1)
        self.end_right = self._edge_action("End one word ri&ght", "Alt+Shift+Right", Edge.END, 1)
        self.remove_span = make_action(
            self,
            "Re&move edited span",
            shortcut="Alt+Del",
            tip="Remove the outlined fragment, cue or mention",
            triggered=self.remove_edited,
        )
        self.snap_to_words = make_action(
            self,
            "&Snap to words",
            tip="Selections and moved edges fall on word edges (off: on any character)",
            checkable=True,
        )
        self.snap_to_words.setChecked(_as_bool(self._settings.value(SNAP_KEY, True)))
        self._article.set_snap_to_words(self.snap_to_words.isChecked())

        self.snap_to_words.toggled.connect(self.set_snap)

        self._current.attribution_changed.connect(self._on_current_changed)
        self._article.position_clicked.connect(self._on_position_clicked)
        self._article.edge_dragged.connect(self._on_edge_dragged)
        # The model has already re-read the record when these fire (undo, edits).
        self._model.dataChanged.connect(lambda *_: self._show_edited())
        self._model.rowsInserted.connect(lambda *_: self._show_edited())
        self._model.rowsRemoved.connect(lambda *_: self._show_edited())
        self._model.modelReset.connect(self._show_edited)

    def _selection_action(
        self,
        text: str,
        shortcut: str,
        what_happens: str,
        edit: Callable[[int, Span, bool], tuple[Attribution, SpanRef]],
    ) -> QAction:
        """An action that applies ``edit`` to the current record and the selected words."""
        return make_action(
            self,
            text,
            shortcut=shortcut,
            tip=f"The selected words {what_happens}",
            triggered=lambda: self._on_selection(edit),
        )

    def _edge_action(self, text: str, shortcut: str, edge: Edge, step: int) -> QAction:
        """An action that moves one ``edge`` of the edited span one word by ``step``."""
        direction = "left" if step < 0 else "right"
        return make_action(
            self,
            text,
            shortcut=shortcut,
            tip=f"Move the outlined span's {edge.value} one word {direction}",
            triggered=lambda: self.move_edge(edge, step),
        )

    def actions(self) -> list[QAction | None]:
        """The menu's actions in order; None stands for a separator."""
        return [
            self.cue_from_selection,
            self.mention_from_selection,
            self.add_fragment,
            self.apply_selection,
            None,
            self.next_span,
            self.previous_span,
            self.start_left,
            self.start_right,
            self.end_left,
            self.end_right,
            self.remove_span,
            None,
            self.snap_to_words,
        ]

    # -- state -----------------------------------------------------------------------
    @property
    def edited_ref(self) -> SpanRef | None:
        """The span of the current record being edited (None without a record)."""
        return self._ref

    def edited_span(self) -> Span | None:
        """The edited span's offsets in the current record, as the model holds it."""
        attribution = self._current_attribution()
        if attribution is None or self._ref is None:
            return None
        return span_of(attribution, self._ref)

    def set_snap(self, snap: bool) -> None:
        """Turn snapping to words on or off (kept in the settings)."""
        self.snap_to_words.setChecked(snap)
        self._article.set_snap_to_words(snap)
        self._settings.setValue(SNAP_KEY, bool(snap))

    # -- the verbs -------------------------------------------------------------------
    def step_span(self, step: int) -> None:
        """Edit the record's next (``step`` = 1) or previous (-1) span."""
        attribution = self._current_attribution()
        if attribution is None:
            self.message.emit(NO_RECORD)
            return
        self._ref = step_ref(attribution, self._ref, step)
        self._show_edited()
        self.message.emit(f"Editing the {self._ref.label}: Alt+arrows move its edges.")

    def move_edge(self, edge: Edge, step: int) -> None:
        """Move one edge of the edited span by one word (one character unsnapped)."""
        span = self.edited_span()
        if span is None or self._ref is None:
            self.message.emit(NO_RECORD)
            return
        moved = move_edge(self._model.text, span, edge, step, snap=self.snap_to_words.isChecked())
        if moved is None:
            self.message.emit(f"The {self._ref.label}'s {edge.value} cannot move further.")
            return
        self._set_edited(moved)

    def remove_edited(self) -> None:
        """Remove the edited span from the record (the record keeps one fragment)."""
        attribution_id, ref = self._current.attribution_id, self._ref
        if attribution_id is None or ref is None:
            self.message.emit(NO_RECORD)
            return
        if self._guarded(
            lambda: span_operations.remove_span_of(
                store=self._store, changes=self._changes, attribution_id=attribution_id, ref=ref
            )
        ):
            self._ref = CONTENT
            self._show_edited()
            self.message.emit(f"Removed the {ref.label}.")

    def _set_cue(
        self, attribution_id: int, span: Span, _allow_paragraph: bool
    ) -> tuple[Attribution, SpanRef]:
        return span_operations.set_cue(
            store=self._store, changes=self._changes, attribution_id=attribution_id, span=span
        )

    def _set_mention(
        self, attribution_id: int, span: Span, _allow_paragraph: bool
    ) -> tuple[Attribution, SpanRef]:
        return span_operations.set_mention(
            store=self._store,
            changes=self._changes,
            attribution_id=attribution_id,
            text=self._model.text,
            span=span,
        )

    def _add_fragment(
        self, attribution_id: int, span: Span, allow_paragraph: bool
    ) -> tuple[Attribution, SpanRef]:
        return span_operations.add_fragment_to(
            store=self._store,
            changes=self._changes,
            attribution_id=attribution_id,
            span=span,
            allow_paragraph=allow_paragraph,
        )

    def _replace_edited(
        self, attribution_id: int, span: Span, allow_paragraph: bool
    ) -> tuple[Attribution, SpanRef]:
        return span_operations.set_span(
            store=self._store,
            changes=self._changes,
            attribution_id=attribution_id,
            ref=self._ref or CONTENT,
            span=span,
            allow_paragraph=allow_paragraph,
        )

    def _set_edited(self, span: Span) -> None:
        attribution_id = self._current.attribution_id
        if attribution_id is not None:
            self._apply(
                attribution_id, lambda allow: self._replace_edited(attribution_id, span, allow)
            )

    # -- helpers ---------------------------------------------------------------------
    def _on_selection(self, edit: Callable[[int, Span, bool], tuple[Attribution, SpanRef]]) -> None:
        attribution_id = self._require_record()
        if attribution_id is None:
            return
        span = self._article.selected_span()
        if span is None:
            self.message.emit("Select words in the article first.")
            return
        self._apply(attribution_id, lambda allow: edit(attribution_id, span, allow))

    def _apply(
        self, attribution_id: int, edit: Callable[[bool], tuple[Attribution, SpanRef]]
    ) -> None:
        """Run one edit; the edited span follows it (a merged fragment changes index).

        ``edit`` takes whether a new paragraph break in the content is allowed. A
        refused edit stores nothing and says why in the status bar; for the paragraph
        case the annotator is asked once per record (multi-paragraph quotations exist).
        """
        result: list[tuple[Attribution, SpanRef]] = []
        refusals: list[SpanEditRefused] = []
        allow = attribution_id in self._paragraphs_confirmed

        def attempt() -> None:
            try:
                result.append(edit(allow))
            except SpanEditRefused as refused:
                refusals.append(refused)

        if not self._guarded(attempt):
            return
        if refusals:
            self.message.emit(f"Not changed: {refusals[0].problem.message}")
            if refusals[0].problem.paragraph:
                self._ask_paragraph(attribution_id, edit)
            return
        if result:
            updated, self._ref = result[0]
            self._show_edited()
            span = span_of(updated, self._ref)
            words = span.text_of(self._model.text) if span else ""
            self.message.emit(f"{self._ref.label.capitalize()}: {_shorten(words)}")

    def _ask_paragraph(
        self, attribution_id: int, edit: Callable[[bool], tuple[Attribution, SpanRef]]
    ) -> None:
        """Ask (window-modal, without blocking) whether the quotation really runs over a
        paragraph break; Yes applies the edit and is remembered for the record."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Quotation across paragraphs",
            "The content would cross a paragraph break. Is this one quotation over "
            "several paragraphs?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._window,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(button: int) -> None:
            self.paragraph_question = None
            if button == QMessageBox.StandardButton.Yes:
                self._paragraphs_confirmed.add(attribution_id)
                self._apply(attribution_id, edit)

        box.finished.connect(answered)
        self.paragraph_question = box
        box.open()

    def _on_current_changed(self, _attribution_id: int | None) -> None:
        self._ref = CONTENT if self._current_attribution() is not None else None
        self._show_edited()

    def _on_position_clicked(self, offset: int) -> None:
        attribution = self._current_attribution()
        if attribution is None:
            return
        ref = ref_at(attribution, offset)
        if ref is not None and ref != self._ref:
            self._ref = ref
            self._show_edited()

    def _on_edge_dragged(self, span: Span) -> None:
        self._set_edited(span)

    def _show_edited(self) -> None:
        attribution = self._current_attribution()
        if attribution is None:
            self._ref = None
        elif self._ref is None or span_of(attribution, self._ref) is None:
            # The span went away (undo, removal): fall back to the first fragment.
            self._ref = CONTENT
        self._article.set_edited_span(self.edited_span())

    def _current_attribution(self) -> Attribution | None:
        row = self._model.row_of(self._current.attribution_id)
        return None if row is None else self._model.attribution_at(row)

    def _guarded(self, action: Callable[[], object], *, title: str = "The edit failed") -> bool:
        """Run ``action``; on failure say why in a dialog and resync the record's views."""
        if super()._guarded(action, title=title):
            return True
        if self._current.attribution_id is not None:
            self._changes.notify(ChangeKind.ATTRIBUTIONS, [self._current.attribution_id])
        return False


def _as_bool(value: object) -> bool:
    # Ini files give "true"/"false" back as strings.
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "")
    return bool(value)


def _shorten(words: str, limit: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"
