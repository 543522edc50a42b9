"""Long articles: only the blocks in view are formatted, the others when they come
into view, and every change still ends up painted right.

The threshold for lazy formatting is lowered for these tests so that a short
generated article (a few hundred paragraphs) takes the lazy path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCharFormat

from jobs.importing import import_articles
from quotes.model import Article, Attribution, QuoteType, Span, Status
from storage.store import Store
from ui.article.article_view import ArticleView
from ui.article.record_highlighter import RecordHighlighter
from ui.operations.changes import ChangeKind
from ui.shell.main_window import MainWindow
from ui.shell.theme import Part

PARAGRAPHS = 400


def long_article() -> tuple[str, tuple[Attribution, ...]]:
    """One quotation per paragraph, with cue and speaker mention."""
    lines: list[str] = []
    records: list[Attribution] = []
    offset = 0
    for n in range(PARAGRAPHS):
        quote = f'"Section {n} of the road opens in spring,"'
        line = f"{quote} said the engineer {n}.\n"
        cue = offset + len(quote) + 1
        records.append(
            Attribution(
                fragments=(Span(offset, offset + len(quote)),),
                type=QuoteType.DIRECT,
                cue=Span(cue, cue + len("said")),
                speaker=Span(cue + 5, cue + 5 + len(f"the engineer {n}")),
                speaker_name="the engineer",
            )
        )
        lines.append(line)
        offset += len(line)
    return "".join(lines), tuple(records)


@pytest.fixture
def lazy_window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(RecordHighlighter, "LAZY_FROM_CHARS", 1_000)
    text, records = long_article()
    with Store(tmp_path / "long.sqlite") as store:
        import_articles(store, [Article(text=text, title="Road", attributions=records)])
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.article_view.viewport().repaint()
        yield window


def block_format(view: ArticleView, block_number: int, column: int) -> QTextCharFormat:
    block = view.document().findBlockByNumber(block_number)
    for fmt_range in block.layout().formats():
        if fmt_range.start <= column < fmt_range.start + fmt_range.length:
            return QTextCharFormat(fmt_range.format)
    return QTextCharFormat()


def scroll_to_block(view: ArticleView, block_number: int) -> None:
    """Scroll so that ``block_number`` is on screen and paint."""
    block = view.document().findBlockByNumber(block_number)
    view.select_span(Span(block.position(), block.position() + 1))
    view.viewport().repaint()


def test_only_the_blocks_in_view_are_formatted(lazy_window: MainWindow) -> None:
    view = lazy_window.article_view
    highlighter = view.highlighter
    formats = highlighter.formats()
    assert highlighter.lazy
    assert highlighter.is_formatted(0)
    assert block_format(view, 0, 1) == formats[Part.CONTENT, Status.CANDIDATE]
    last = PARAGRAPHS - 1
    assert not highlighter.is_formatted(last)
    assert block_format(view, last, 1) == QTextCharFormat()

    scroll_to_block(view, last)

    assert highlighter.is_formatted(last)
    assert block_format(view, last, 1) == formats[Part.CONTENT, Status.CANDIDATE]
    cue_column = len('"Section 399 of the road opens in spring," ')
    assert block_format(view, last, cue_column) == formats[Part.CUE, Status.CANDIDATE]


def test_a_change_out_of_view_shows_when_scrolled_to(lazy_window: MainWindow) -> None:
    view = lazy_window.article_view
    far = PARAGRAPHS - 3
    record = lazy_window.attribution_model.attribution_at(far)
    assert record.id is not None
    lazy_window.store.accept_attribution(record.id)
    lazy_window.changes.notify(ChangeKind.ATTRIBUTIONS, [record.id])
    assert not view.highlighter.is_formatted(far)

    scroll_to_block(view, far)

    accepted = view.highlighter.formats()[Part.CONTENT, Status.ACCEPTED]
    assert block_format(view, far, 1) == accepted


def test_dimming_reaches_blocks_scrolled_to_later(lazy_window: MainWindow) -> None:
    view = lazy_window.article_view
    first = lazy_window.attribution_model.attribution_at(0)
    lazy_window.current.set_attribution(first.id)  # dims every other record
    view.viewport().repaint()
    dimmed = view.highlighter.formats(dimmed=True)[Part.CONTENT, Status.CANDIDATE]
    assert block_format(view, 1, 1) == dimmed

    middle = PARAGRAPHS // 2
    scroll_to_block(view, middle)

    assert block_format(view, middle, 1) == dimmed
    assert dimmed != view.highlighter.formats()[Part.CONTENT, Status.CANDIDATE]
