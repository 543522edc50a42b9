"""Q proposes the cue with the user's cue lexicon (settings or ``--cue-lexicon``), the
one the window's imports use, not only the shipped one; on the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from quotes.lexicon import default_lexicon, parse_lexicon
from quotes.model import Article
from storage.store import Store
from ui.shell.main_window import MainWindow
from ui.shell.tasks import TaskSetup

from .conftest import fill_workspace, show_window
from .review_workspace import press

# "yodel" is no reporting verb of the shipped lexicon: only the user's file makes it one.
TEXT = "The mayor yodeled that the old bridge would reopen in the spring.\n"
YODEL = parse_lexicon("[clause]\nyodel yodels yodeled yodelled yodeling\n", "yodel.txt")
QUOTATION = "the old bridge would reopen in the spring"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return fill_workspace(tmp_path / "yodel.sqlite", [Article(text=TEXT, title="Mayor")])


def add_quotation(qtbot, window: MainWindow) -> tuple[str | None, str | None]:
    """Select the quotation's words, press Q; the added record's cue and speaker words."""
    view = window.article_view
    cursor = view.textCursor()
    cursor.setPosition(TEXT.index(QUOTATION))
    cursor.setPosition(TEXT.index(QUOTATION) + len(QUOTATION), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    press(qtbot, window, Qt.Key.Key_Q)
    added_id = window.current.attribution_id
    assert added_id is not None
    added = window.store.attribution(added_id)
    assert added.fragments[0].text_of(TEXT) == QUOTATION
    return (
        added.cue.text_of(TEXT) if added.cue else None,
        added.speaker.text_of(TEXT) if added.speaker else None,
    )


def test_q_proposes_a_cue_of_the_users_lexicon(qtbot, path: Path) -> None:
    with Store(path) as store:
        window = show_window(qtbot, store, tasks=TaskSetup(lexicon=default_lexicon().merged(YODEL)))
        assert add_quotation(qtbot, window) == ("yodeled", "The mayor")
        assert "with speaker The mayor" in window.status_line.currentMessage()
        window.close()


def test_without_the_users_lexicon_the_verb_is_no_cue(qtbot, path: Path) -> None:
    with Store(path) as store:
        window = show_window(qtbot, store)
        assert add_quotation(qtbot, window) == (None, None)
        window.close()
