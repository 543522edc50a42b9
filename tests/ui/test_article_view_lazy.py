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


def long_article(prefix: str = "") -> tuple[str, tuple[Attribution, ...]]:
    """One quotation per paragraph, with cue and speaker mention, each paragraph
    starting with ``prefix``."""
    lines: list[str] = []
    records: list[Attribution] = []
    offset = 0
    for n in range(PARAGRAPHS):
        quote = f'"Section {n} of the road opens in spring,"'
        line = f"{prefix}{quote} said the engineer {n}.\n"
        start = offset + len(prefix)
        cue = start + len(quote) + 1
        records.append(
            Attribution(
                fragments=(Span(start, start + len(quote)),),
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
    yield from open_window(qtbot, tmp_path, monkeypatch, long_article())


@pytest.fixture
def astral_window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:
    # Each paragraph opens with an emoji: two Qt positions for one Python offset.
    yield from open_window(qtbot, tmp_path, monkeypatch, long_article(prefix="\U0001f6a7 "))


def open_window(
    qtbot, tmp_path: Path, monkeypatch, article: tuple[str, tuple[Attribution, ...]]
) -> Iterator[MainWindow]:
    monkeypatch.setattr(RecordHighlighter, "LAZY_FROM_CHARS", 1_000)
    text, records = article
    with Store(tmp_path / "long.sqlite") as store:
        import_articles(store, [Article(text=text, title="Road", attributions=records)])
        import_articles(
            store,
            [
                Article(
                    text='"Short," she said.',
                    title="Short",
                    attributions=(
                        Attribution(
                            fragments=(Span(0, 8),),
                            type=QuoteType.DIRECT,
                            cue=Span(13, 17),
                            speaker=Span(9, 12),
                        ),
                    ),
                )
            ],
            preannotate=False,
        )
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


def test_setting_a_long_text_leaves_the_blocks_out_of_view_pending(
    lazy_window: MainWindow,
) -> None:
    highlighter = lazy_window.article_view.highlighter
    pending = [n for n in range(PARAGRAPHS) if not highlighter.is_formatted(n)]
    # The first screenful (and one below) is formatted, everything after it waits.
    assert 0 < len(pending) < PARAGRAPHS
    assert pending == list(range(pending[0], PARAGRAPHS))


def test_a_short_document_after_a_long_one_is_formatted_in_full(
    lazy_window: MainWindow,
) -> None:
    view = lazy_window.article_view
    short = next(s.id for s in lazy_window.store.document_summaries() if s.title == "Short")
    lazy_window.current.set_document(short)
    view.viewport().repaint()
    assert not view.highlighter.lazy
    formats = view.highlighter.formats()
    assert block_format(view, 0, 1) == formats[Part.CONTENT, Status.CANDIDATE]
    assert block_format(view, 0, 14) == formats[Part.CUE, Status.CANDIDATE]


def test_a_long_text_with_astral_characters_highlights_the_right_words(
    astral_window: MainWindow,
) -> None:
    view = astral_window.article_view
    formats = view.highlighter.formats()
    last = PARAGRAPHS - 1
    # Scrolled by the bar: scroll_to_block takes Qt positions for Python offsets.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().repaint()
    assert view.highlighter.is_formatted(last)
    # Qt columns: the emoji takes 0-1, the space 2, the quotation starts at 3.
    assert block_format(view, last, 1) == QTextCharFormat()
    assert block_format(view, last, 3) == formats[Part.CONTENT, Status.CANDIDATE]
    cue_column = 3 + len('"Section 399 of the road opens in spring," ')
    assert block_format(view, last, cue_column) == formats[Part.CUE, Status.CANDIDATE]
    assert block_format(view, last, cue_column - 2) == formats[Part.CONTENT, Status.CANDIDATE]
