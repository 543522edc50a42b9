"""The Learning menu: teach the annotator from accepted records, then re-suggest.

``LearningActions`` owns these ``QAction``s; the slow ones run in workers through
the window's :class:`~ui.shell.job_runner.JobRunner` (a progress dialog with
Cancel; the window stays responsive):

- **Train model** (``app.py train`` in a worker): learns from every accepted
  record of the workspace and stores the model in it, replacing the previous one.
  Cancel stops between steps and keeps the previous model.
- **Re-suggest document** / **Re-suggest unreviewed documents**: the rules and the
  model (the rules alone without one) suggest again for the current document, or
  every document not marked done; only candidates are replaced, reviewed records
  stay, and each document is one undo step (Ctrl+Z).
- **Next document by model uncertainty** (opt-in, checkable): active learning.
  Turning it on scores the unreviewed documents by the model's uncertainty in a
  worker (``jobs.scoring``); N then goes on, once the current document has no
  candidate left, to the unreviewed document the model is least sure of
  (``uncertainty_order_changed(bool)`` tells the review actions). Training a new
  model drops the old scores, and the order scores again with the new one.
- **About the learned model**: its training-set size, date and cross-validated
  scores.

Threading: main thread; the jobs open their own store on the workspace file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from jobs.resuggesting import ResuggestReport
from jobs.scoring import ScoringReport
from jobs.training import describe_model, describe_training
from quotes.model import DocumentStatus
from ui.operations.changes import ChangeKind
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.shell.job_runner import JobRunner
from ui.shell.tasks import (
    TRAINING_STEPS,
    TaskSetup,
    TrainingOutcome,
    resuggest_documents,
    score_documents,
    train_workspace,
)
from ui.shell.view_state import ViewState
from ui.shell.workers import TaskHandle

NO_MODEL = (
    "This workspace has no learned model yet: Learning > Train model learns one from "
    "your accepted records. Until then the rules alone suggest."
)


class LearningActions(ActionGroup):
    """Train, re-suggest, and show the model.

    ``message(str)`` carries a line for the status bar; ``uncertainty_order_changed(bool)``
    whether N now opens the most uncertain unreviewed document next. The message
    box in use is kept as ``result_box`` while open, so tests can read and close it.

    :param runner: the window's job runner (shared with File's import and export).
    :param setup: what the workers are given besides their data (the lexicon).
    """

    uncertainty_order_changed = Signal(bool)

    def __init__(
        self, context: ActionContext, *, runner: JobRunner, setup: TaskSetup | None = None
    ) -> None:
        super().__init__(context)
        self.runner = runner
        self.setup = setup or TaskSetup()
        self.result_box: QMessageBox | None = None
        self.last_outcome: TrainingOutcome | ResuggestReport | ScoringReport | None = None

        self.train = make_action(
            self,
            "&Train model…",
            tip="Learn from the accepted records; the model then suggests beside the rules",
            triggered=lambda: self._guarded(self.start_training),
        )
        self.resuggest_document = make_action(
            self,
            "Re-&suggest document",
            shortcut="Ctrl+Shift+R",
            tip="Suggest again for this document; reviewed records stay",
            triggered=lambda: self._guarded(self.start_resuggest_document),
        )
        self.resuggest_all = make_action(
            self,
            "Re-suggest &unreviewed documents",
            tip="Suggest again for every document not marked done; reviewed records stay",
            triggered=lambda: self._guarded(self.start_resuggest_all),
        )
        self.by_uncertainty = make_action(
            self,
            "&Next document by model uncertainty",
            tip=(
                "Active learning: N opens the unreviewed document the model is least "
                "sure of, whose suggestions most likely need fixing"
            ),
            triggered=lambda: self._guarded(self.toggle_uncertainty_order),
            checkable=True,
        )
        self.about_model = make_action(
            self,
            "About the learned &model",
            tip="What the model learned from and how well it did",
            triggered=lambda: self._guarded(self.show_model),
        )

    def actions(self) -> list[QAction | None]:
        """The menu's actions in order; None stands for a separator."""
        return [
            self.train,
            None,
            self.resuggest_document,
            self.resuggest_all,
            None,
            self.by_uncertainty,
            None,
            self.about_model,
        ]

    # -- training ----------------------------------------------------------------------
    def start_training(self) -> TaskHandle | None:
        """Train on every accepted record in a worker; None when it cannot start."""
        path = self._db_path()
        if path is None or not self.runner.can_start():
            return None
        job = functools.partial(
            train_workspace, path, annotator=self._store.annotator, setup=self.setup
        )
        return self.runner.start(
            job,
            verb="Training",
            failure_title="Training failed",
            on_result=self._training_done,
            total=TRAINING_STEPS,
            label=lambda percent: f"Training the model… {percent}%",
        )

    def _training_done(self, outcome: TrainingOutcome) -> None:
        self.last_outcome = outcome
        if outcome.cancelled or outcome.model is None:
            self.message.emit("Training cancelled: the previous model (if any) is kept.")
            return
        self.message.emit(
            f"Trained on {outcome.model.records} accepted records; "
            "Re-suggest applies the model to documents imported before."
        )
        if self.by_uncertainty.isChecked():
            # The new model dropped the old one's scores: score again, once the training
            # job has fully finished (the runner takes one job at a time).
            self._soon(self._start_scoring)
        summary = describe_training(outcome.model, seconds=outcome.seconds)
        self._show_box(
            "Model trained",
            f"{summary}\n\nImports now suggest with the rules and the model. "
            "Learning > Re-suggest applies it to documents imported before.",
        )

    # -- re-suggesting -----------------------------------------------------------------
    def start_resuggest_document(self) -> TaskHandle | None:
        """Re-suggest the current document in a worker; None when it cannot start."""
        document_id = self._current.document_id
        if document_id is None:
            self.message.emit("Open a document first.")
            return None
        if self._store.document_summary(document_id).status == DocumentStatus.DONE:
            self.message.emit("This document is marked done: its records stay as reviewed.")
            return None
        return self._start_resuggest([document_id])

    def start_resuggest_all(self) -> TaskHandle | None:
        """Re-suggest every document not marked done in a worker."""
        return self._start_resuggest(None)

    def _start_resuggest(self, document_ids: list[int] | None) -> TaskHandle | None:
        path = self._db_path()
        if path is None or not self.runner.can_start():
            return None
        job = functools.partial(
            resuggest_documents,
            path,
            document_ids,
            annotator=self._store.annotator,
            layer=self._store.layer,
            session=self._store.session,
            setup=self.setup,
        )
        total = 1 if document_ids is not None else self._store.document_count()
        return self.runner.start(
            job,
            verb="Re-suggesting",
            failure_title="Re-suggest failed",
            on_result=self._resuggest_done,
            total=total,
        )

    def _resuggest_done(self, report: ResuggestReport) -> None:
        self.last_outcome = report
        if report.changed_ids:
            self._changes.notify(ChangeKind.ATTRIBUTIONS)
            self._changes.notify(ChangeKind.SPEAKERS, report.changed_ids)
            self._keep_a_current_record()
        self.message.emit(report.summary())

    def _keep_a_current_record(self) -> None:
        """The current record may have been a replaced candidate: go to the first
        candidate of the document instead."""
        current = self._current.attribution_id
        document_id = self._current.document_id
        if current is None or document_id is None:
            return
        try:
            self._store.attribution(current)
        except KeyError:
            found = self._store.next_unreviewed(document_id)
            same = found is not None and found.document_id == document_id
            self._current.set_attribution(found.id if same and found else None)

    # -- active learning ---------------------------------------------------------------
    def toggle_uncertainty_order(self) -> TaskHandle | None:
        """Follow the action's check state: on scores what has no score yet (in a
        worker) and then orders by uncertainty; off goes back to import order."""
        if not self.by_uncertainty.isChecked():
            self.uncertainty_order_changed.emit(False)
            self.message.emit("N goes on to the next document in import order.")
            return None
        if self._store.learned_model() is None:
            self.by_uncertainty.setChecked(False)
            self._show_box("No learned model", NO_MODEL)
            return None
        return self._start_scoring()

    def keep_order_choice(self, state: ViewState) -> None:
        """Keep the uncertainty order in ``state``: on once the order is in force, off
        when the user turns it off (a refusal, with no model, leaves the choice as it
        was); and resume it now (soon, in a worker) if the user left it on."""
        self.uncertainty_order_changed.connect(
            lambda on: state.set_next_by_uncertainty(True) if on else None
        )
        self.by_uncertainty.triggered.connect(
            lambda on: None if on else state.set_next_by_uncertainty(False)
        )
        if state.next_by_uncertainty():
            self._soon(self.resume_uncertainty_order)

    def _soon(self, call: Callable[[], object]) -> None:
        """Run ``call`` once the event loop is back, on a timer this group owns: the
        window (its parent) stops its timers when it closes, before the store does."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(call)
        timer.start(0)

    def resume_uncertainty_order(self) -> None:
        """Turn the uncertainty order on again, as the user left it (at start): scored
        in a worker; quietly stays off when the workspace has no model."""
        if self._store.learned_model() is None:
            return
        self.by_uncertainty.setChecked(True)
        self._start_scoring()

    def _start_scoring(self) -> TaskHandle | None:
        waiting = len(self._store.unscored_unreviewed())
        if waiting == 0:
            self._order_by_uncertainty(ScoringReport())
            return None
        path = self._db_path()
        if path is None or not self.runner.can_start():
            self.by_uncertainty.setChecked(False)
            return None
        job = functools.partial(score_documents, path, layer=self._store.layer, setup=self.setup)
        return self.runner.start(
            job,
            verb="Scoring documents",
            failure_title="Scoring failed",
            on_result=self._order_by_uncertainty,
            on_failure=lambda _error: self._stop_uncertainty_order(),
            total=waiting,
            label=lambda done: f"Scoring by the model's uncertainty… {done} of {waiting}",
        )

    def _order_by_uncertainty(self, report: ScoringReport) -> None:
        self.last_outcome = report
        self.uncertainty_order_changed.emit(True)
        best = self._store.most_uncertain(1)
        head = report.summary() + " " if report.scored or report.cancelled else ""
        if best:
            self.message.emit(
                f"{head}N now goes on to the most uncertain unreviewed document: "
                f"{best[0].title or 'untitled'} (unsure of {best[0].score:.0%} of its paragraphs)."
            )
        else:
            self.message.emit(f"{head}No unreviewed document is left to order.")

    def _stop_uncertainty_order(self) -> None:
        self.by_uncertainty.setChecked(False)
        self.uncertainty_order_changed.emit(False)

    # -- the model ---------------------------------------------------------------------
    def show_model(self) -> None:
        """A message box about the workspace's model (or that there is none)."""
        stored = self._store.learned_model()
        if stored is None:
            self._show_box("No learned model", NO_MODEL)
            return
        text = describe_model(stored).replace("; ", ";\n")
        self._show_box("The learned model", f"The workspace's model was {text}.")

    # -- helpers -----------------------------------------------------------------------
    def _db_path(self) -> Path | None:
        path = self._store.path
        if path is None:
            self.message.emit("An in-memory workspace cannot be shared with a worker.")
        return path

    def _show_box(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self._window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # annotator names are user data
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_box)
        self.result_box = box
        box.open()

    def _forget_box(self) -> None:
        self.result_box = None
