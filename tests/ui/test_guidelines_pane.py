"""The guidelines pane: the built-in scheme, a team's own file, and unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextBlockFormat

from ui.review.guidelines_pane import GuidelinesPane, default_guidelines


class Chooser:
    """A stand-in for the file dialog: returns the queued answer."""

    def __init__(self) -> None:
        self.answer: Path | None = None
        self.calls = 0

    def __call__(self, parent) -> Path | None:
        self.calls += 1
        return self.answer


@pytest.fixture
def chooser() -> Chooser:
    return Chooser()


@pytest.fixture
def pane(qtbot, chooser: Chooser) -> GuidelinesPane:
    widget = GuidelinesPane(choose_file=chooser)
    qtbot.addWidget(widget)
    widget.resize(480, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _headings(pane: GuidelinesPane) -> list[str]:
    document = pane.browser.document()
    block, found = document.begin(), []
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            found.append(block.text())
        block = block.next()
    return found


def test_the_built_in_guidelines_are_shown_as_rendered_markdown(pane: GuidelinesPane) -> None:
    assert pane.path is None
    headings = _headings(pane)
    assert headings[0] == "Annotation guidelines"
    assert "What counts as a quotation" in headings
    assert "Fragments" in headings and "Keyboard" in headings
    # Rendered, not shown as source: no heading marks or table pipes in the text.
    plain = pane.browser.toPlainText()
    assert "# Annotation" not in plain and "| --- |" not in plain
    assert pane.browser.document().findBlockByNumber(0).blockFormat() != QTextBlockFormat()


@pytest.mark.parametrize(
    "topic",
    [
        "Direct",
        "Indirect",
        "Mixed",
        "unquoted direct speech",
        "Cue",
        "speaker mention",
        "speaker entity",
        "fragments",
        "Scare quotes",
        "Titles and names",
        "Press ?",
    ],
)
def test_the_built_in_guidelines_cover_the_scheme(topic: str) -> None:
    text = default_guidelines()
    assert topic.replace("Press ?", "Press **`?`**") in text


def test_the_guidelines_list_the_roster_and_search_keys(pane: GuidelinesPane) -> None:
    plain = pane.browser.toPlainText()
    for key in ("1 … 9", "Ctrl+M", "F2", "Ctrl+F"):
        assert key in plain, key


def test_a_team_file_replaces_the_built_in_guidelines(qtbot, pane, chooser, tmp_path) -> None:
    own = tmp_path / "our rules.md"
    own.write_text("# Our rules\n\nMark **every** quotation.\n", encoding="utf-8")
    chooser.answer = own
    with qtbot.waitSignal(pane.source_changed) as changed:
        pane.open_action.trigger()
    assert changed.args == [str(own)]
    assert pane.path == own
    assert _headings(pane) == ["Our rules"]
    assert "Mark every quotation." in pane.browser.toPlainText()


def test_going_back_to_the_built_in_guidelines(qtbot, pane, tmp_path) -> None:
    own = tmp_path / "rules.md"
    own.write_text("# Ours\n", encoding="utf-8")
    assert pane.load(own)
    with qtbot.waitSignal(pane.source_changed) as changed:
        pane.default_action.trigger()
    assert changed.args == [""]
    assert pane.path is None and _headings(pane)[0] == "Annotation guidelines"


def test_a_file_with_a_byte_order_mark_loads(pane, tmp_path) -> None:
    own = tmp_path / "bom.md"
    own.write_bytes("\ufeff# Règles\n".encode())
    assert pane.load(own)
    assert _headings(pane) == ["Règles"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"# R\xe8gles\n", "not UTF-8 text"), (None, "No such file")],
)
def test_an_unreadable_file_keeps_the_guidelines_and_says_why(
    qtbot, pane, tmp_path, content: bytes | None, reason: str
) -> None:
    bad = tmp_path / "bad.md"
    if content is not None:
        bad.write_bytes(content)
    before = pane.browser.toPlainText()
    with qtbot.waitSignal(pane.message) as said, qtbot.assertNotEmitted(pane.source_changed):
        assert not pane.load(bad)
    assert str(bad) in said.args[0] and reason in said.args[0]
    assert pane.browser.toPlainText() == before and pane.path is None


def test_cancelling_the_file_dialog_changes_nothing(qtbot, pane, chooser) -> None:
    chooser.answer = None
    with qtbot.assertNotEmitted(pane.source_changed):
        assert not pane.ask_for_file()
    assert chooser.calls == 1 and pane.path is None


def test_screenshot_of_the_guidelines(pane: GuidelinesPane) -> None:
    image = pane.grab()
    assert not image.isNull()
    image.save("/tmp/guidelines_pane.png")
