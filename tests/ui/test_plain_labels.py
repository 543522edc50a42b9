"""Names that look like markup stay plain text in the status line and the speaker-fix
prompt (issue 16): a speaker called ``<b>Evil</b><img src=x>`` is shown as typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

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
