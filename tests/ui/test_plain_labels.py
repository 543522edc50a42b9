"""Names that look like markup stay plain text in the status line and the speaker-fix
prompt (issue 16): a speaker called ``<b>Evil</b><img src=x>`` is shown as typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLabel

from quotes.model import Article, Attribution, QuoteType
from storage.store import Store
from ui.shell.main_window import MainWindow

from .conftest import fill_workspace, record_id, show_window, span_of
from .review_workspace import press

EVIL = "<b>Evil</b><img src=x>"
TEXT = (
    "Evil said the bridge will open in May. Evil said the ferry keeps running. "
    "Tom said nothing is decided."
)


def _record(content: str, speaker: str, name: str, after: int) -> Attribution:
    return Attribution(
        fragments=(span_of(TEXT, content),),
        type=QuoteType.INDIRECT,
        cue=span_of(TEXT, "said", after),
        speaker=span_of(TEXT, speaker, after),
        speaker_name=name,
    )


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    second = TEXT.index("Evil said the ferry")
    tom = TEXT.index("Tom")
    records = (
        _record("the bridge will open in May", "Evil", EVIL, 0),
        _record("the ferry keeps running", "Evil", EVIL, second),
        _record("nothing is decided", "Tom", "Tom", tom),
    )
    path = fill_workspace(
        tmp_path / "evil.sqlite", [Article(text=TEXT, title="Evil", attributions=records)]
    )
    with Store(path, annotator=EVIL) as store:
        shown = show_window(qtbot, store)
        yield shown
        shown.close()


def test_the_status_line_shows_a_markup_name_as_typed(window: MainWindow) -> None:
    window.current.set_attribution(record_id(window, 0))
    labels = window.status_line.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert EVIL in window.status_line.record_label.text()
    window.status_line.refresh_rate()
    assert window.status_line.rate_label.text().startswith(EVIL)


def test_the_speaker_fix_prompt_shows_a_markup_name_as_typed(qtbot, window: MainWindow) -> None:
    window.roster_panel.refresh()
    names = [s.name for s in window.roster_panel.model.speakers()]
    window.current.set_attribution(record_id(window, 0))
    press(qtbot, window, getattr(Qt.Key, f"Key_{names.index('Tom') + 1}"))
    prompt = window.speaker_fix_prompt
    assert prompt.isVisible()
    assert prompt.label.textFormat() == Qt.TextFormat.PlainText
    assert f"“{EVIL}”" in prompt.label.text()


def shown_as(tip: str) -> str:
    """The text a tooltip shows: Qt renders it as rich text when it might be some."""
    document = QTextDocument()
    if QtGui.Qt.mightBeRichText(tip):
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    return document.toPlainText()


def test_every_tooltip_in_the_window_shows_a_markup_name_as_typed(qtbot, tmp_path: Path) -> None:
    # The document title and the roster names were rich text to Qt in tooltips.
    record = _record("the bridge will open in May", "Evil", EVIL, 0)
    path = fill_workspace(
        tmp_path / "titled.sqlite", [Article(text=TEXT, title=EVIL, attributions=(record,))]
    )
    with Store(path, annotator="ann") as store:
        window = show_window(qtbot, store)
        window.current.set_attribution(record_id(window, 0))
        window.roster_panel.refresh()
        carrying = []
        for view in window.findChildren(QAbstractItemView):
            model = view.model()
            for row in range(model.rowCount() if model is not None else 0):
                for column in range(model.columnCount()):
                    tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
                    if tip and "src=x" in tip:
                        carrying.append((type(model).__name__, shown_as(tip)))
        window.close()
    assert {name for name, _ in carrying} >= {"DocumentListModel", "SpeakerRosterModel"}
    for name, shown in carrying:
        assert EVIL in shown, name


def test_every_label_in_the_running_main_window_is_plain_text(window: MainWindow) -> None:
    window.current.set_attribution(record_id(window, 0))
    labels = window.findChildren(QLabel)
    assert len(labels) > 5
    rich = [
        (type(label.parent()).__name__, label.text())
        for label in labels
        if label.textFormat() != Qt.TextFormat.PlainText
    ]
    assert rich == []
