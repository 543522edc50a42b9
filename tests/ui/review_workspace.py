"""A two-document workspace for the review tests (undo across documents, next
unreviewed, search, the speaker-fix offer), written for these tests.

The second document names its first two quotations' speaker wrongly as
"Officials" (a roster entry the extractor might make from "Officials met"), so
fixing the first offers to fix the second; its second quotation's speaker
mention is two paragraphs before it, a long-range link.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from quotes.model import Article, Attribution, QuoteType
from ui.shell.main_window import MainWindow

from .conftest import ARTICLE_TEXT, article_records, fill_workspace, span_of

SECOND_TEXT = (
    '"Trains will run late," said Tom Hale.\n'
    "Officials met on Tuesday.\n"
    '"Tickets cost more," he added.\n'
    '"Nobody told us," said Mia Chen.\n'
    "Hale said the fares would rise."
)


def second_records(text: str = SECOND_TEXT) -> tuple[Attribution, ...]:
    """Four candidates: two wrongly "Officials", one Mia Chen, one Tom Hale."""
    tom = span_of(text, "Tom Hale")
    return (
        Attribution(
            fragments=(span_of(text, '"Trains will run late,"'),),
            type=QuoteType.DIRECT,
            cue=span_of(text, "said"),
            speaker=tom,
            speaker_name="Officials",
        ),
        Attribution(
            fragments=(span_of(text, '"Tickets cost more,"'),),
            type=QuoteType.DIRECT,
            cue=span_of(text, "added"),
            speaker=tom,  # two paragraphs up: shown in the records table
            speaker_name="Officials",
        ),
        Attribution(
            fragments=(span_of(text, '"Nobody told us,"'),),
            type=QuoteType.DIRECT,
            cue=span_of(text, "said", text.index("Nobody")),
            speaker=span_of(text, "Mia Chen"),
            speaker_name="Mia Chen",
        ),
        Attribution(
            fragments=(span_of(text, "the fares would rise"),),
            type=QuoteType.INDIRECT,
            cue=span_of(text, "said", text.index("Hale said")),
            speaker=span_of(text, "Hale", text.index("Hale said")),
            speaker_name="Tom Hale",
        ),
    )


def make_two_documents(path: Path) -> Path:
    """Create the workspace at ``path`` with "Bridge" (3 records) and "Trains" (4)."""
    articles = [
        Article(text=ARTICLE_TEXT, title="Bridge", attributions=article_records()),
        Article(text=SECOND_TEXT, title="Trains", attributions=second_records()),
    ]
    assert [len(article.attributions) for article in articles] == [3, 4]
    return fill_workspace(path, articles)


def press(qtbot, window: MainWindow, key: Qt.Key | str, modifiers=Qt.KeyboardModifier.NoModifier):
    """Press ``key`` with the article focused, as an annotator reviewing would."""
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, key, modifiers)
