"""A long text reaches Qt in pieces (``ArticleView._show_text``) and makes the document
one ``setPlainText`` would: same text, blocks and highlights, view at the top.

The piece is shrunk for these tests so that pieces end inside paragraphs and next to
characters outside the Basic Multilingual Plane.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from quotes.model import Status
from tests.ui.test_article_view_lazy import (
    PARAGRAPHS,
    block_format,
    long_article,
    open_window,
)
from ui.article.article_view import ArticleView
from ui.shell.main_window import MainWindow
from ui.shell.theme import Part


@pytest.fixture(params=["", "\U0001f6a7 "], ids=["plain", "astral"])
def pieced_window(request, qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(ArticleView, "TEXT_PIECE", 37)
    yield from open_window(qtbot, tmp_path, monkeypatch, long_article(prefix=request.param))


def test_the_pieces_make_the_document_set_plain_text_makes(pieced_window: MainWindow) -> None:
    view = pieced_window.article_view
    text = pieced_window.attribution_model.text
    assert len(text) > 100 * ArticleView.TEXT_PIECE
    whole = QPlainTextEdit()
    whole.setPlainText(text)
    assert view.toPlainText() == text
    assert view.document().blockCount() == whole.document().blockCount() == PARAGRAPHS + 1
    assert view.document().characterCount() == whole.document().characterCount()
    assert view.textCursor().position() == 0 and not view.textCursor().hasSelection()
    assert view.verticalScrollBar().value() == 0
    assert view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    assert view.verticalScrollBar().isVisible() and view.verticalScrollBar().maximum() > 0


def test_a_short_text_after_a_long_one_has_no_scroll_bar(qtbot, pieced_window: MainWindow) -> None:
    view = pieced_window.article_view
    short = next(s.id for s in pieced_window.store.document_summaries() if s.title == "Short")
    pieced_window.current.set_document(short)
    view.viewport().repaint()
    assert view.toPlainText() == pieced_window.attribution_model.text
    qtbot.waitUntil(lambda: not view.verticalScrollBar().isVisible(), timeout=2000)


def test_records_after_the_first_piece_are_highlighted(pieced_window: MainWindow) -> None:
    view = pieced_window.article_view
    formats = view.highlighter.formats()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    view.viewport().repaint()
    last = view.document().findBlockByNumber(PARAGRAPHS - 1)
    # The quotation starts after the prefix: its Qt length, in UTF-16 units.
    column = last.text().index('"') + last.text().count("\U0001f6a7") + 1
    assert block_format(view, PARAGRAPHS - 1, column) == formats[Part.CONTENT, Status.CANDIDATE]
