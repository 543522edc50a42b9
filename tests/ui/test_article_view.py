"""The article view: plain text only, highlights by part and status, and the
two-way link between a highlight and its record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from jobs.importing import import_articles
from quotes.model import Status
from ui.shell.main_window import MainWindow
from ui.shell.theme import Part

from .conftest import ARTICLE_TEXT


def format_at(window: MainWindow, offset: int) -> QTextCharFormat:
    """The highlight format the view paints at Python ``offset`` (BMP-only text)."""
    block = window.article_view.document().findBlock(offset)
    inside = offset - block.position()
    ranges = block.layout().formats()
    for fmt_range in ranges:
        if fmt_range.start <= inside < fmt_range.start + fmt_range.length:
            return QTextCharFormat(fmt_range.format)
    return QTextCharFormat()


def test_markup_in_the_article_shows_as_characters(window: MainWindow) -> None:
    view = window.article_view
    assert view.toPlainText() == ARTICLE_TEXT
    document = view.document()
    # Had the text been read as HTML, "<img>" would be an object character and
    # "<b>" would vanish into a bold run.
    assert "<b>bold</b>" in document.toPlainText()
    assert '<img src="x.png">' in document.toPlainText()
    assert "\ufffc" not in document.toPlainText()
    cursor = QTextCursor(document)
    cursor.setPosition(ARTICLE_TEXT.index("bold</b>") + 1)
    assert not cursor.charFormat().font().bold()


def test_parts_and_statuses_look_different(window: MainWindow) -> None:
    formats = window.article_view.highlighter.formats()
    # Accepting or rejecting moves on, so the decided record is then dimmed.
    dimmed = window.article_view.highlighter.formats(dimmed=True)
    content = ARTICLE_TEXT.index("We will reopen")
    cue = ARTICLE_TEXT.index("said")
    speaker = ARTICLE_TEXT.index("the mayor")
    assert format_at(window, content) == formats[Part.CONTENT, Status.CANDIDATE]
    assert format_at(window, cue) == formats[Part.CUE, Status.CANDIDATE]
    assert format_at(window, speaker) == formats[Part.SPEAKER, Status.CANDIDATE]
    assert format_at(window, cue).underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
    assert format_at(window, content).background() != format_at(window, speaker).background()
    unhighlighted = ARTICLE_TEXT.index("Residents")
    assert format_at(window, unhighlighted) == QTextCharFormat()

    first = window.attribution_model.attribution_at(0).id
    window.current.set_attribution(first)
    window.annotation_actions.accept.trigger()
    assert format_at(window, content) == dimmed[Part.CONTENT, Status.ACCEPTED]
    window.current.set_attribution(first)
    window.annotation_actions.reject.trigger()
    rejected = format_at(window, content)
    assert rejected == dimmed[Part.CONTENT, Status.REJECTED]
    assert rejected.fontStrikeOut()
    assert len({formats[Part.CONTENT, s].background().color().name() for s in Status}) == 3


def test_clicking_inside_a_highlight_selects_its_record(qtbot, window: MainWindow) -> None:
    view = window.article_view
    target = window.attribution_model.attribution_at(1)
    cursor = QTextCursor(view.document())
    cursor.setPosition(ARTICLE_TEXT.index("long winter"))
    point = view.cursorRect(cursor).center()

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    assert window.current.attribution_id == target.id
    assert window.attribution_panel.currentIndex().row() == 1
    assert view.textCursor().selectedText() == '"It has been a long winter,"'


def test_clicking_a_speaker_mention_selects_its_record(qtbot, window: MainWindow) -> None:
    view = window.article_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(ARTICLE_TEXT.index("She warned") + 1)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )
    assert window.current.attribution_id == window.attribution_model.attribution_at(2).id


def test_clicking_plain_text_selects_no_record(qtbot, window: MainWindow) -> None:
    view = window.article_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(ARTICLE_TEXT.index("detour"))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )
    assert window.current.attribution_id is None


def test_selecting_a_record_in_the_panel_selects_its_text(qtbot, window: MainWindow) -> None:
    panel = window.attribution_panel
    rect = panel.visualRect(panel.model().index(2, 0))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    selected = window.article_view.textCursor().selectedText()
    assert selected == '<b>bold</b> promises and <img src="x.png"> signs fix nothing'
    assert window.current.attribution_id == window.attribution_model.attribution_at(2).id


def test_the_selection_of_a_split_quotation_covers_both_fragments(window: MainWindow) -> None:
    window.current.set_attribution(window.attribution_model.attribution_at(0).id)
    selected = window.article_view.textCursor().selectedText()
    assert selected.startswith('"We will reopen')
    assert selected.endswith('until then."')


def test_highlights_stay_on_their_words_after_an_emoji(qtbot, tmp_path) -> None:
    # Qt counts UTF-16 units: without conversion every highlight after the emoji
    # would be shifted one character to the left.
    from quotes.model import Article, Attribution, Span
    from storage.store import Store

    text = 'Fans cheered 🎉🎉 all night. "We won the cup," the captain said.'
    start = text.index('"We won')
    record = Attribution(
        fragments=(Span(start, start + len('"We won the cup,"')),),
        speaker=Span(text.index("the captain"), text.index("the captain") + 11),
        cue=Span(text.index("said"), text.index("said") + 4),
    )
    with Store(tmp_path / "emoji.sqlite") as store:
        import_articles(store, [Article(text=text, title="Cup", attributions=(record,))])
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        record_id = window.attribution_model.attribution_at(0).id

        window.current.set_attribution(record_id)
        assert window.article_view.textCursor().selectedText() == '"We won the cup,"'

        # Click the closing quotation mark: the last character of the highlight,
        # which an unconverted (shifted) highlight would no longer cover.
        view = window.article_view
        closing = start + len('"We won the cup,"') - 1
        cursor = QTextCursor(view.document())
        position = len(text[:closing].encode("utf-16-le")) // 2
        cursor.setPosition(position)
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == '"'
        cursor.setPosition(position)
        window.current.set_attribution(None)
        view.setTextCursor(cursor)
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
        )
        assert window.current.attribution_id == record_id
        window.close()
