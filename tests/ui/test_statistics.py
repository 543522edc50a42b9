"""View > Statistics: the too-fast filter, the rates, and the charts on real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from quotes.model import DocumentStatus, DocumentSummary
from storage.history import HistoryEntry
from storage.store import Store
from ui.review.decision_stats import (
    MINIMUM_DECISION_MS,
    StatusProgress,
    hourly_decisions,
    progress_by_status,
    rates_of,
    timed_decisions,
)
from ui.review.statistics_charts import DecisionRateChart, ProgressChart, nice_ceiling
from ui.review.statistics_dialog import StatisticsDialog
from ui.shell.main_window import MainWindow
from ui.shell.theme import apply_theme

START = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def entry(
    annotator: str, elapsed_ms: int | None, minutes: int = 0, action: str = "accept"
) -> HistoryEntry:
    """A history entry of ``action`` by ``annotator``, ``minutes`` after START."""
    at = (START + timedelta(minutes=minutes)).isoformat(timespec="milliseconds")
    return HistoryEntry(1, at, annotator, action, 1, 1, None, None, elapsed_ms)


@pytest.fixture
def restore_app_look(qapp: QApplication) -> Iterator[QApplication]:
    """Put the application's palette and style back after a test that themes it."""
    palette, style = qapp.palette(), qapp.style().name()
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyle(style)
    qapp.setProperty("theme", None)


# -- the figures ------------------------------------------------------------------------
def test_only_timed_decisions_are_read_from_the_history() -> None:
    entries = [
        entry("ana", 2000),
        entry("ana", None),  # after a long pause
        entry("ana", 3000, action="import"),  # not a decision
        entry("ana", 4000, action="set_speaker"),
    ]
    assert [d.elapsed_ms for d in timed_decisions(entries)] == [2000, 4000]


@pytest.mark.parametrize(
    ("elapsed", "counted"),
    [(60, False), (MINIMUM_DECISION_MS - 1, False), (MINIMUM_DECISION_MS, True), (4000, True)],
)
def test_decisions_under_the_minimum_time_are_not_counted(elapsed: int, counted: bool) -> None:
    (rate,) = rates_of(timed_decisions([entry("ana", elapsed)]), ["ana"])
    assert (rate.per_hour is not None) == counted
    assert rate.too_fast == (0 if counted else 1)


def test_a_scripted_run_does_not_inflate_the_rate() -> None:
    # Ten real decisions of 6 s each (600 / hour) among 200 scripted ones of 60 ms.
    entries = [entry("ana", 6000) for _ in range(10)] + [entry("ana", 60) for _ in range(200)]
    (rate,) = rates_of(timed_decisions(entries), [])
    assert rate.per_hour == pytest.approx(600)
    assert rate.too_fast == 200


def test_rates_list_every_annotator_fastest_first_and_idle_ones_last() -> None:
    entries = [entry("ben", 10_000), entry("ana", 5000), entry("cyd", 100)]
    rates = rates_of(timed_decisions(entries), ["dee", "ana"])
    assert [(r.annotator, r.per_hour) for r in rates] == [
        ("ana", pytest.approx(720)),
        ("ben", pytest.approx(360)),
        ("cyd", None),
        ("dee", None),
    ]


def test_hourly_decisions_count_plausible_decisions_per_clock_hour() -> None:
    entries = [
        entry("ana", 2000, minutes=5),
        entry("ana", 2000, minutes=55),
        entry("ana", 60, minutes=56),  # too fast
        entry("ana", 2000, minutes=65),
        entry("ben", 2000, minutes=130),
    ]
    series = hourly_decisions(timed_decisions(entries))
    assert [(s.annotator, s.counts) for s in series] == [
        ("ana", ((START, 2), (START + timedelta(hours=1), 1))),
        ("ben", ((START + timedelta(hours=2), 1),)),
    ]


def test_progress_sums_records_per_document_status_and_lists_every_status() -> None:
    summaries = [
        DocumentSummary(1, "a", DocumentStatus.NEW, candidates=4, accepted=0, rejected=0),
        DocumentSummary(2, "b", DocumentStatus.IN_PROGRESS, candidates=2, accepted=3, rejected=1),
        DocumentSummary(3, "c", DocumentStatus.IN_PROGRESS, candidates=1, accepted=1, rejected=0),
    ]
    assert progress_by_status(summaries) == [
        StatusProgress(DocumentStatus.NEW, 1, 0, 4),
        StatusProgress(DocumentStatus.IN_PROGRESS, 2, 5, 3),
        StatusProgress(DocumentStatus.DONE, 0, 0, 0),
    ]


@pytest.mark.parametrize(("value", "top"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (51, 100)])
def test_the_axis_top_is_a_round_number(value: int, top: int) -> None:
    assert nice_ceiling(value) == top


# -- the charts, painted ----------------------------------------------------------------
def _distinct_colours(widget: QWidget) -> int:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    step = 3
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    return len(colours)


def _colour_count(widget: QWidget, rgb: int) -> int:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixel(x, y) & 0xFFFFFF == rgb
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_rate_chart_draws_a_bar_per_annotator_and_hour(
    qtbot, restore_app_look: QApplication, theme: str
) -> None:
    apply_theme(restore_app_look, theme)
    entries = [entry("ana", 3000, minutes=m) for m in range(0, 120, 4)]
    entries += [entry("ben", 3000, minutes=m) for m in range(60, 180, 9)]
    chart = DecisionRateChart(hourly_decisions(timed_decisions(entries)))
    qtbot.addWidget(chart)
    chart.resize(520, 240)
    empty = DecisionRateChart()
    qtbot.addWidget(empty)
    empty.resize(520, 240)
    assert len(chart.hours()) == 3
    # Bars, legend, axis and labels: many more colours than the empty chart's text.
    assert _distinct_colours(chart) > _distinct_colours(empty) + 4
    base = restore_app_look.palette().color(restore_app_look.palette().ColorRole.Base).rgb()
    image = chart.grab().toImage()
    assert image.pixelColor(3, 3).rgb() == base  # painted on the theme's Base


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_progress_chart_shows_reviewed_in_the_highlight_colour(
    qtbot, restore_app_look: QApplication, theme: str
) -> None:
    apply_theme(restore_app_look, theme)
    progress = [
        StatusProgress(DocumentStatus.NEW, 2, 0, 10),
        StatusProgress(DocumentStatus.IN_PROGRESS, 1, 6, 4),
        StatusProgress(DocumentStatus.DONE, 1, 8, 0),
    ]
    chart = ProgressChart(progress)
    qtbot.addWidget(chart)
    chart.resize(520, 150)
    highlight = chart.palette().color(chart.palette().ColorRole.Highlight).rgb() & 0xFFFFFF
    assert _colour_count(chart, highlight) > 500
    nothing = ProgressChart([StatusProgress(DocumentStatus.NEW, 0, 0, 0)])
    qtbot.addWidget(nothing)
    nothing.resize(520, 150)
    assert _colour_count(nothing, highlight) == 0


# -- the dialog -------------------------------------------------------------------------
def test_the_dialog_says_decisions_under_the_minimum_are_left_out(
    qtbot, window: MainWindow, store: Store
) -> None:
    record = window.attribution_model.attribution_at(0).id
    store.start_decision()
    store.accept_attribution(record)  # at once: a scripted decision
    dialog = window.view_actions.show_statistics()
    qtbot.addWidget(dialog)
    (rate,) = [r for r in dialog.model.rates() if r.annotator == store.annotator]
    assert rate.per_hour is None and rate.too_fast == 1
    assert dialog.model.index(0, 1).data() == "—"
    assert "decisions under 0.5 s" in dialog.summary.text()
    assert "1 here" in dialog.summary.text()
    assert dialog.rate_chart.hours() == []
    dialog.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_dialog_renders_both_charts(
    qtbot, restore_app_look: QApplication, window: MainWindow, theme: str
) -> None:
    apply_theme(restore_app_look, theme)
    dialog = StatisticsDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.progress_chart.height() >= dialog.progress_chart.minimumSizeHint().height()
    assert _distinct_colours(dialog.progress_chart) > 4
    dialog.close()
