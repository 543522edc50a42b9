"""The adjudication mode in the real window: its keys, undo, the progress line and the
layer it works in, on three annotator layers with known disagreements
(``adjudication_workspace``). Keys go to the window as a user presses them; what
was stored is read back through a fresh connection.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtTest import QTest

from quotes.model import Attribution, Status
from storage.store import GOLD_LAYER, SHARED_LAYER, Store
from ui.shell.cheat_sheet import menu_actions
from ui.shell.main_window import MainWindow
from ui.team.adjudication_panel import NO_VERSION

from .adjudication_workspace import COMPLAINT, COUNCIL, build_team_workspace, span_of
from .conftest import show_window


@pytest.fixture
def team_path(tmp_path: Path) -> Path:
    return build_team_workspace(tmp_path / "team.sqlite")


@pytest.fixture
def team_store(team_path: Path):
    with Store(team_path, annotator="judge") as opened:
        yield opened


@pytest.fixture
def team_window(qtbot, team_store: Store) -> MainWindow:
    window = show_window(qtbot, team_store)
    with qtbot.waitSignal(window.adjudication.walk_ready, timeout=10_000):
        window.adjudication.enter_action.trigger()
    window.article_view.setFocus()
    return window


def press(qtbot, window: MainWindow, keys: str) -> None:
    """Press one key chord where the focus is, as the user would."""
    QTest.keySequence(window.article_view, QKeySequence(keys))
    qtbot.wait(1)


def gold_records(path: Path) -> list[Attribution]:
    """The gold layer's records as a fresh connection reads them."""
    with Store(path) as other:
        document_id = other.document_summaries()[0].id
        return other.layers.layer_attributions(document_id, GOLD_LAYER)


def adjudicated(path: Path) -> list[Attribution]:
    """The gold records a person chose (not the majority's)."""
    return [a for a in gold_records(path) if a.rule.startswith("adjudicated")]


def status_text(window: MainWindow) -> str:
    return window.status_line.currentMessage()


def test_entering_works_in_gold_and_shows_the_first_disagreement(
    team_window: MainWindow, team_store: Store, team_path: Path
) -> None:
    mode = team_window.adjudication
    assert team_store.layer == GOLD_LAYER
    assert team_window.adjudication_dock.isVisible()
    assert mode.panel.progress_label.text() == "2 of 2 disagreements left"
    # The majority went into gold first: the mayor's quotation, which all three agree on.
    assert [a.rule for a in gold_records(team_path)] == ["majority: alice, bob, carol"]
    assert "1 majority attribution from" in status_text(team_window)
    # The title and the status bar's layer button follow the mode into gold.
    assert team_window.windowTitle().endswith("gold layer")
    assert team_window.team_actions.layer_button.text() == "gold layer"
    assert team_window.status_line.keys_label.text().startswith("1-9 take a version")
    model = mode.panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["1  alice  ★", "2  bob", "3  carol"]
    column = {name: [model.index(r, c).data() for r in range(4)] for c, name in enumerate("abc")}
    assert column["a"] == [COMPLAINT.text_of(model._text), "complained", "Residents", "indirect"]
    assert column["b"][1:3] == ["according to", "Ana Ruiz"]
    assert column["c"] == [NO_VERSION] * 4
    # Both versions are drawn over the article, in their annotators' colours.
    marks = mode.overlay.marks
    assert [m.number for m in marks] == [1, 2]
    assert len({m.colour for m in marks}) == 2
    assert mode.overlay.isVisible()
    assert mode.overlay.line_rects(*marks[0].fragments[0])


@pytest.mark.parametrize(
    ("key", "speaker", "rule"),
    [
        ("1", "Residents", "adjudicated: alice"),
        ("2", "Ana Ruiz", "adjudicated: bob"),
        ("A", "Residents", "adjudicated: alice"),
    ],
)
def test_a_key_takes_a_version_into_gold_and_moves_on(
    qtbot, team_window: MainWindow, team_path: Path, key: str, speaker: str, rule: str
) -> None:
    press(qtbot, team_window, key)
    [taken] = adjudicated(team_path)
    assert (taken.content, taken.speaker_name, taken.rule) == (COMPLAINT, speaker, rule)
    assert (taken.status, taken.annotator) == (Status.ACCEPTED, "judge")
    mode = team_window.adjudication
    assert mode.panel.progress_label.text() == "1 of 2 disagreements left"
    # The walk is on the council's quotation; the record taken is the current one.
    assert mode.walk is not None and mode.walk.current is not None
    assert mode.walk.current.spans() == [(COUNCIL.start, COUNCIL.end)]
    assert team_window.current.attribution_id == taken.id


def test_r_rejects_every_version(qtbot, team_window: MainWindow, team_path: Path) -> None:
    press(qtbot, team_window, "R")
    [rejected] = adjudicated(team_path)
    assert rejected.status is Status.REJECTED
    assert rejected.rule == "adjudicated: rejected by all"
    assert "Rejected all versions" in status_text(team_window)


def test_a_rejects_when_most_annotators_have_no_version(
    qtbot, team_window: MainWindow, team_path: Path
) -> None:
    press(qtbot, team_window, "1")
    # Only alice has the council's quotation: A sides with bob and carol.
    model = team_window.adjudication.panel.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "1  alice",
        "2  bob  ★",
        "3  carol  ★",
    ]
    press(qtbot, team_window, "A")
    council = next(a for a in adjudicated(team_path) if a.content == COUNCIL)
    assert council.status is Status.REJECTED
    assert "2 of 3 annotators have none" in status_text(team_window)


def test_the_key_of_an_absent_annotator_says_so_and_stores_nothing(
    qtbot, team_window: MainWindow, team_path: Path
) -> None:
    press(qtbot, team_window, "3")
    message = status_text(team_window)
    assert "carol (key 3) has no version of this quotation" in message
    assert "A for the majority or R to reject all" in message
    assert adjudicated(team_path) == []
    assert team_window.adjudication.panel.progress_label.text() == "2 of 2 disagreements left"


def test_a_key_past_the_annotators_names_the_keys(
    qtbot, team_window: MainWindow, team_path: Path
) -> None:
    press(qtbot, team_window, "7")
    assert status_text(team_window) == "There are 3 annotators: keys 1–3 take their versions."
    assert adjudicated(team_path) == []


def test_ctrl_z_undoes_a_choice_and_the_disagreement_is_open_again(
    qtbot, team_window: MainWindow, team_path: Path
) -> None:
    mode = team_window.adjudication
    press(qtbot, team_window, "2")
    assert mode.panel.progress_label.text() == "1 of 2 disagreements left"
    press(qtbot, team_window, "Ctrl+Z")
    assert adjudicated(team_path) == []
    assert mode.panel.progress_label.text() == "2 of 2 disagreements left"
    # The undone disagreement is the one shown again, versions and all.
    assert mode.walk is not None and mode.walk.current is not None
    assert mode.walk.current.spans() == [(COMPLAINT.start, COMPLAINT.end)] * 2
    assert [m.number for m in mode.overlay.marks] == [1, 2]
    # Redo takes it again, and the walk moves on again.
    press(qtbot, team_window, "Ctrl+Shift+Z")
    assert [a.speaker_name for a in adjudicated(team_path)] == ["Ana Ruiz"]
    assert mode.panel.progress_label.text() == "1 of 2 disagreements left"
    assert mode.walk.current.spans() == [(COUNCIL.start, COUNCIL.end)]


def test_when_all_are_done_the_progress_line_says_so(
    qtbot, team_window: MainWindow, team_path: Path
) -> None:
    press(qtbot, team_window, "2")
    press(qtbot, team_window, "1")
    mode = team_window.adjudication
    assert mode.panel.progress_label.text() == "All 2 disagreements adjudicated."
    assert "All 2 disagreements adjudicated." in status_text(team_window)
    assert mode.overlay.marks == ()
    assert len(adjudicated(team_path)) == 2
    # A further key changes nothing and says why.
    press(qtbot, team_window, "A")
    assert len(adjudicated(team_path)) == 2
    assert "Esc leaves adjudication" in status_text(team_window)
    # Undo brings the last one back.
    press(qtbot, team_window, "Ctrl+Z")
    assert mode.panel.progress_label.text() == "1 of 2 disagreements left"


def test_the_span_keys_edit_the_gold_record_just_taken(
    qtbot, team_window: MainWindow, team_path: Path
) -> None:
    press(qtbot, team_window, "2")
    [taken] = adjudicated(team_path)
    # The user selects "Ana" and makes it the mention (M): the gold record changes.
    view = team_window.article_view
    ana = span_of("Ana")
    cursor = QTextCursor(view.document())
    cursor.setPosition(ana.start)
    cursor.setPosition(ana.end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    press(qtbot, team_window, "M")
    [edited] = adjudicated(team_path)
    assert edited.id == taken.id and edited.speaker == ana
    # One undo step takes the edit back, the next one the choice.
    press(qtbot, team_window, "Ctrl+Z")
    assert [a.speaker for a in adjudicated(team_path)] == [taken.speaker]
    press(qtbot, team_window, "Ctrl+Z")
    assert adjudicated(team_path) == []


def test_no_two_actions_share_a_key_in_the_mode(team_window: MainWindow) -> None:
    actions = set(menu_actions(team_window.menuBar())) | set(team_window.actions())
    keys = Counter(key.toString() for action in actions for key in action.shortcuts())
    assert [key for key, count in keys.items() if count > 1] == []
    assert team_window.adjudication.majority_action.shortcut().toString() == "A"


def test_esc_leaves_the_mode_and_gives_the_keys_back(
    qtbot, team_window: MainWindow, team_store: Store
) -> None:
    accept = team_window.annotation_actions.accept
    roster_one = team_window.roster_panel.number_actions()[0]
    # While adjudicating, A and 1 are the mode's alone.
    assert accept.shortcut().isEmpty() and roster_one.shortcut().isEmpty()
    press(qtbot, team_window, "Esc")
    assert not team_window.adjudication.active
    assert team_store.layer == SHARED_LAYER
    assert not team_window.adjudication_dock.isVisible()
    assert team_window.adjudication.overlay.marks == ()
    assert accept.shortcut().toString() == "A"
    assert roster_one.shortcut().toString() == "1"
    assert "back in the shared layer" in status_text(team_window)
    assert team_window.status_line.keys_label.text().startswith("A accept")
    assert team_window.windowTitle().endswith("shared layer")
    # The mode's keys are off: 2 takes nothing now.
    press(qtbot, team_window, "2")
    assert team_window.adjudication.walk is None


def test_leaving_returns_to_the_annotator_layer_it_came_from(qtbot, team_path: Path) -> None:
    with Store(team_path, annotator="alice", layer="alice") as store:
        window = show_window(qtbot, store)
        with qtbot.waitSignal(window.adjudication.walk_ready, timeout=10_000):
            window.adjudication.enter()
        assert store.layer == GOLD_LAYER
        window.adjudication.leave()
        assert store.layer == "alice"
        window.close()


def test_fewer_than_two_annotators_is_a_clear_message(qtbot, tmp_path: Path) -> None:
    path = build_team_workspace(tmp_path / "solo.sqlite", annotators=("alice",))
    with Store(path, annotator="judge") as store:
        window = show_window(qtbot, store)
        mode = window.adjudication
        mode.enter()
        qtbot.waitUntil(lambda: not mode.active and not mode.finding, timeout=10_000)
        assert store.layer == SHARED_LAYER
        assert not window.adjudication_dock.isVisible()
        assert status_text(window) == (
            "Cannot adjudicate: agreement needs at least two annotators, got 1 (alice)"
        )
        window.close()


def test_the_version_table_passes_the_model_tester(qtmodeltester, team_window) -> None:
    qtmodeltester.check(team_window.adjudication.panel.model, force_py=True)


def test_n_leaves_a_disagreement_for_later(qtbot, team_window: MainWindow, team_path) -> None:
    mode = team_window.adjudication
    press(qtbot, team_window, "N")
    assert mode.walk is not None and mode.walk.current is not None
    assert mode.walk.current.spans() == [(COUNCIL.start, COUNCIL.end)]
    assert mode.panel.progress_label.text() == "2 of 2 disagreements left"
    press(qtbot, team_window, "R")
    # The one left for later comes round again.
    assert mode.walk.current.spans() == [(COMPLAINT.start, COMPLAINT.end)] * 2
    assert adjudicated(team_path)[0].content == COUNCIL


def test_after_a_documents_last_choice_it_stays_shown_until_n(qtbot, tmp_path: Path) -> None:
    path = build_team_workspace(tmp_path / "two.sqlite", second=True)
    with Store(path, annotator="judge") as store:
        window = show_window(qtbot, store)
        mode = window.adjudication
        with qtbot.waitSignal(mode.walk_ready, timeout=10_000):
            mode.enter()
        window.article_view.setFocus()
        first, second = (s.id for s in store.document_summaries())
        press(qtbot, window, "2")
        press(qtbot, window, "1")  # the council's: the first document's last
        assert mode.document_done
        assert window.current.document_id == first
        taken = window.current.attribution_id
        assert taken is not None and store.attribution(taken).content == COUNCIL
        assert mode.panel.progress_label.text() == "2 of 4 disagreements left"
        assert mode.panel.where_label.text() == "Bridge: every disagreement is adjudicated."
        assert mode.overlay.marks == ()
        assert "N opens the next disagreement" in status_text(window)
        # The record just taken can still be edited; a choice key waits for N.
        press(qtbot, window, "Alt+Right")
        assert store.attribution(taken).start > COUNCIL.start
        press(qtbot, window, "A")
        assert status_text(window) == (
            "This document is adjudicated: N opens the next disagreement."
        )
        press(qtbot, window, "N")
        assert not mode.document_done
        assert window.current.document_id == second
        assert [m.number for m in mode.overlay.marks] == [1, 2]
        press(qtbot, window, "1")
        assert mode.panel.progress_label.text() == "1 of 4 disagreements left"
        window.close()


def test_the_versions_are_painted_over_the_text(team_window: MainWindow) -> None:
    overlay = team_window.adjudication.overlay
    viewport = team_window.article_view.viewport()
    rect = overlay.line_rects(*overlay.marks[0].fragments[0])[0]
    # The tint changes the pixels of the words under it.
    point = rect.center().toPoint()
    painted = viewport.grab().toImage().pixelColor(point)
    overlay.hide()
    plain = viewport.grab().toImage().pixelColor(point)
    overlay.show()
    assert painted != plain


def test_a_choice_key_in_another_document_shows_the_disagreement_first(
    qtbot, tmp_path: Path
) -> None:
    path = build_team_workspace(tmp_path / "two.sqlite", second=True)
    with Store(path, annotator="judge") as store:
        window = show_window(qtbot, store)
        mode = window.adjudication
        with qtbot.waitSignal(mode.walk_ready, timeout=10_000):
            mode.enter()
        first, second = (s.id for s in store.document_summaries())
        window.current.set_document(second)  # the user opens the other document
        assert mode.overlay.marks == ()
        window.article_view.setFocus()
        press(qtbot, window, "1")
        assert window.current.document_id == first
        assert [m.number for m in mode.overlay.marks] == [1, 2]
        assert status_text(window) == "Back at the disagreement: press the key again to choose."
        assert adjudicated(path) == []
        press(qtbot, window, "1")
        assert len(adjudicated(path)) == 1
        window.close()


def test_closing_the_window_leaves_the_mode(qtbot, team_window: MainWindow, team_store) -> None:
    team_window.close()
    assert not team_window.adjudication.active
    assert team_store.layer == SHARED_LAYER
    assert not team_window.adjudication_dock.isVisible()
