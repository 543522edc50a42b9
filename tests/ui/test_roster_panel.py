"""The speaker roster panel, driven with real clicks and keys on a temporary workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLineEdit, QToolButton, QVBoxLayout, QWidget

from jobs.importing import import_articles
from quotes.model import Article, Attribution, QuoteType, Span, Speaker
from storage.store import Store
from ui.operations import roster_operations
from ui.operations.changes import ChangeHub, ChangeKind
from ui.roster.roster_model import SpeakerRosterModel, distinct_variants
from ui.roster.roster_panel import RosterPanel

# Written for these tests: two people named two ways each, and one named once.
TEXT = (
    '"The bridge opens in May," said Mayor Lena Ortiz. '
    '"It has been a long winter," said Ana Ruiz, a baker. '
    "Ortiz added that the ferry keeps running. "
    '"We are ready," Ruiz said. '
    "Tom Hale, a driver, said nothing would change."
)


def _span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words))


def _nearest(words: str, to: Span) -> Span:
    """The occurrence of ``words`` closest to ``to`` (cues and mentions sit by their quote)."""
    starts = [i for i in range(len(TEXT)) if TEXT.startswith(words, i)]
    start = min(starts, key=lambda i: min(abs(i - to.start), abs(i - to.end)))
    return Span(start, start + len(words))


def _records() -> tuple[Attribution, ...]:
    def record(content: str, cue: str, mention: str, name: str, kind: QuoteType) -> Attribution:
        at = _span(content)
        return Attribution(
            fragments=(at,),
            type=kind,
            cue=_nearest(cue, at),
            speaker=_nearest(mention, at),
            speaker_name=name,
        )

    direct, indirect = QuoteType.DIRECT, QuoteType.INDIRECT
    return (
        record('"The bridge opens in May,"', "said", "Mayor Lena Ortiz", "Lena Ortiz", direct),
        record('"It has been a long winter,"', "said", "Ana Ruiz", "Ana Ruiz", direct),
        record("the ferry keeps running", "added", "Ortiz", "Ortiz", indirect),
        record('"We are ready,"', "said", "Ruiz", "Ana Ruiz", direct),
        record("nothing would change", "said", "Tom Hale", "Tom Hale", indirect),
    )


class Prompt:
    """A stand-in for the name dialog: answers with the queued texts, records questions."""

    def __init__(self) -> None:
        self.answers: list[str | None] = []
        self.asked: list[tuple[str, str]] = []

    def __call__(self, parent: QWidget, title: str, label: str, initial: str) -> str | None:
        self.asked.append((title, initial))
        return self.answers.pop(0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "roster.sqlite") as opened:
        report = import_articles(
            opened, [Article(text=TEXT, title="Bridge", attributions=_records())]
        )
        assert report.imported == 1, report
        yield opened


@pytest.fixture
def document_id(store: Store) -> int:
    return store.document_summaries()[0].id


@pytest.fixture
def hub() -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def prompt() -> Prompt:
    return Prompt()


@pytest.fixture
def panel(qtbot, store: Store, hub: ChangeHub, prompt: Prompt, document_id: int) -> RosterPanel:
    roster = RosterPanel(store=store, changes=hub, ask_text=prompt)
    qtbot.addWidget(roster)
    roster.resize(520, 260)
    roster.set_document(document_id)
    roster.show()
    qtbot.waitExposed(roster)
    roster.activateWindow()
    qtbot.waitUntil(roster.isActiveWindow)
    roster.view.setFocus()
    return roster


def _names(panel: RosterPanel) -> list[str]:
    return [s.name for s in panel.model.speakers()]


def _cell(panel: RosterPanel, row: int, column: int) -> str:
    return panel.model.index(row, column).data()


def _click_row(qtbot, panel: RosterPanel, name: str, modifier=Qt.KeyboardModifier.NoModifier):
    row = _names(panel).index(name)
    rect = panel.view.visualRect(panel.model.index(row, SpeakerRosterModel.NAME))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _speaker_id(store: Store, document_id: int, name: str) -> int:
    found = [s.id for s in store.speakers_for(document_id) if s.name == name]
    assert found and found[0] is not None, name
    return found[0]


def test_roster_model_passes_the_model_tester(qtmodeltester, panel: RosterPanel) -> None:
    qtmodeltester.check(panel.model, force_py=True)


def test_shows_each_entity_with_key_variants_and_counts(panel: RosterPanel) -> None:
    assert _names(panel) == ["Ana Ruiz", "Lena Ortiz", "Ortiz", "Tom Hale"]
    ana = 0
    assert _cell(panel, ana, SpeakerRosterModel.KEY) == "1"
    assert _cell(panel, ana, SpeakerRosterModel.VARIANTS) == "Ruiz"
    assert _cell(panel, ana, SpeakerRosterModel.MENTIONS) == "2"
    assert _cell(panel, 1, SpeakerRosterModel.VARIANTS) == "Mayor Lena Ortiz"
    assert [_cell(panel, r, SpeakerRosterModel.KEY) for r in range(4)] == ["1", "2", "3", "4"]
    assert panel.title.text() == "Speakers (4)"


@pytest.mark.parametrize(("key", "name"), [(Qt.Key.Key_1, "Ana Ruiz"), (Qt.Key.Key_4, "Tom Hale")])
def test_number_key_chooses_the_nth_speaker(
    qtbot, panel: RosterPanel, store: Store, document_id: int, key: Qt.Key, name: str
) -> None:
    with qtbot.waitSignal(panel.speaker_chosen, timeout=1000) as chosen:
        qtbot.keyClick(panel.view, key)
    assert chosen.args == [_speaker_id(store, document_id, name)]


def test_number_key_past_the_roster_says_so_and_chooses_nothing(qtbot, panel: RosterPanel) -> None:
    with (
        qtbot.assertNotEmitted(panel.speaker_chosen),
        qtbot.waitSignal(panel.message) as said,
    ):
        qtbot.keyClick(panel.view, Qt.Key.Key_7)
    assert said.args == ["There is no speaker 7 in this document."]


def test_window_wide_number_keys_leave_typing_alone(qtbot, store, hub, document_id) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    roster = RosterPanel(store=store, changes=hub, parent=window)
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(roster)
    roster.set_document(document_id)
    roster.set_number_keys_window_wide(True)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    field.setFocus()
    with qtbot.assertNotEmitted(roster.speaker_chosen):
        qtbot.keyClick(field, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier)
    assert field.text() == "2"

    window.setFocus()  # the focus is outside the roster, yet key 2 chooses
    with qtbot.waitSignal(roster.speaker_chosen, timeout=1000) as chosen:
        qtbot.keyClick(window, Qt.Key.Key_2)
    assert chosen.args == [_speaker_id(store, document_id, "Lena Ortiz")]


def test_double_click_chooses_that_speaker(qtbot, panel, store, document_id) -> None:
    row = _names(panel).index("Tom Hale")
    rect = panel.view.visualRect(panel.model.index(row, SpeakerRosterModel.NAME))
    # A real double click starts with a press, which the view needs to see first.
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.speaker_chosen, timeout=1000) as chosen:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [_speaker_id(store, document_id, "Tom Hale")]


def test_merge_selected_folds_the_second_into_the_first(
    qtbot, panel: RosterPanel, store: Store, document_id: int
) -> None:
    lena = _speaker_id(store, document_id, "Lena Ortiz")
    assert not panel.merge_action.isEnabled()
    _click_row(qtbot, panel, "Lena Ortiz")
    _click_row(qtbot, panel, "Ortiz", Qt.KeyboardModifier.ControlModifier)
    assert panel.merge_action.isEnabled()

    qtbot.keyClick(panel.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)

    assert _names(panel) == ["Ana Ruiz", "Lena Ortiz", "Tom Hale"]  # 2, 2, 1 mentions
    row = _names(panel).index("Lena Ortiz")
    assert "Ortiz" in _cell(panel, row, SpeakerRosterModel.VARIANTS)
    assert _cell(panel, row, SpeakerRosterModel.MENTIONS) == "2"
    assert panel.selected_speaker_ids() == [lena]
    # The store holds it: the indirect record now points at Lena Ortiz.
    moved = [a for a in store.attributions_for(document_id) if a.speaker_name == "Lena Ortiz"]
    assert len(moved) == 2 and {a.entity_id for a in moved} == {lena}


def test_merge_needs_two_speakers(qtbot, panel: RosterPanel, store, document_id) -> None:
    _click_row(qtbot, panel, "Tom Hale")
    with qtbot.waitSignal(panel.message) as said:
        panel.merge_selected()
    assert said.args == ["Select two or more speakers to merge."]
    assert len(store.speakers_for(document_id)) == 4


def test_merge_can_be_undone_in_the_store(qtbot, panel, store, hub, document_id) -> None:
    _click_row(qtbot, panel, "Lena Ortiz")
    _click_row(qtbot, panel, "Ortiz", Qt.KeyboardModifier.ControlModifier)
    panel.merge_selected()
    store.undo()
    hub.notify("speakers", [document_id])  # the window's undo operation does this
    qtbot.waitUntil(lambda: len(_names(panel)) == 4, timeout=1000)
    assert _names(panel) == ["Ana Ruiz", "Lena Ortiz", "Ortiz", "Tom Hale"]


def test_rename_asks_for_the_name_and_keeps_the_old_one_as_variant(
    qtbot, panel: RosterPanel, prompt: Prompt, store: Store, document_id: int
) -> None:
    _click_row(qtbot, panel, "Tom Hale")
    prompt.answers.append("Thomas Hale")
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)

    assert prompt.asked == [("Rename speaker", "Tom Hale")]
    assert "Thomas Hale" in _names(panel) and "Tom Hale" not in _names(panel)
    renamed = store.speaker(_speaker_id(store, document_id, "Thomas Hale"))
    assert "Tom Hale" in renamed.variants
    # The records that pointed at him show the new name.
    names = {a.speaker_name for a in store.attributions_for(document_id)}
    assert "Thomas Hale" in names and "Tom Hale" not in names


def test_rename_to_a_taken_name_is_refused_with_a_message(
    qtbot, panel: RosterPanel, prompt: Prompt, store: Store, document_id: int
) -> None:
    _click_row(qtbot, panel, "Ortiz")
    prompt.answers.append("Lena Ortiz")
    with qtbot.waitSignal(panel.message) as said:
        panel.rename_action.trigger()
    assert "already has a speaker named 'Lena Ortiz'" in said.args[0]
    assert _names(panel) == ["Ana Ruiz", "Lena Ortiz", "Ortiz", "Tom Hale"]


def test_rename_cancelled_changes_nothing(qtbot, panel, prompt, store, document_id) -> None:
    _click_row(qtbot, panel, "Ortiz")
    prompt.answers.append(None)
    before = len(store.history(limit=1000))
    panel.rename_action.trigger()
    assert len(store.history(limit=1000)) == before
    assert "Ortiz" in _names(panel)


def test_create_from_selected_text_adds_and_selects_the_speaker(
    qtbot, panel: RosterPanel, store: Store, document_id: int
) -> None:
    with qtbot.waitSignal(panel.message) as said:
        created = panel.create_from_text("  Carla\n Diaz ")
    assert created is not None and created.name == "Carla Diaz"
    assert said.args == ["Speaker: Carla Diaz"]
    assert "Carla Diaz" in _names(panel)
    assert panel.selected_speaker_ids() == [created.id]
    assert _speaker_id(store, document_id, "Carla Diaz") == created.id


def test_create_from_a_selection_records_the_mention(qtbot, panel, store, document_id) -> None:
    selected = _span("a driver")
    created = panel.create_from_text(selected.text_of(TEXT), mention=selected)
    assert created is not None and created.mentions == (selected,)
    row = _names(panel).index("a driver")
    assert _cell(panel, row, SpeakerRosterModel.MENTIONS) == "1"


def test_create_from_a_known_name_reuses_the_speaker(qtbot, panel, store, document_id) -> None:
    created = panel.create_from_text("Tom Hale")
    assert created is not None and created.id == _speaker_id(store, document_id, "Tom Hale")
    assert len(panel.model.speakers()) == 4


def test_new_speaker_button_asks_for_a_name(qtbot, panel, prompt, store, document_id) -> None:
    prompt.answers.append("Dr. Ines Vaz")
    button = next(
        b for b in panel.findChildren(QToolButton) if b.defaultAction() is panel.new_action
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert prompt.asked == [("New speaker", "")]
    assert "Dr. Ines Vaz" in _names(panel)
    assert "Dr. Ines Vaz" in [s.name for s in store.speakers_for(document_id)]


def test_roster_follows_changes_made_elsewhere(qtbot, panel, store, hub, document_id) -> None:
    ruiz_quote = next(
        a for a in store.attributions_for(document_id) if a.speaker_name == "Tom Hale"
    )
    assert ruiz_quote.id is not None
    ana = _speaker_id(store, document_id, "Ana Ruiz")
    roster_operations.assign_speaker_entity(
        store=store, changes=hub, attribution_id=ruiz_quote.id, speaker_id=ana
    )
    # The mention "Tom Hale" of that record now counts for Ana Ruiz (next event-loop turn).
    qtbot.waitUntil(lambda: _cell(panel, 0, SpeakerRosterModel.MENTIONS) == "3", timeout=1000)
    assert _names(panel)[0] == "Ana Ruiz"


class CountingStore:
    """The real store, counting how often the roster is read."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.roster_reads = 0

    def speakers_for(self, document_id: int):
        self.roster_reads += 1
        return self._store.speakers_for(document_id)

    def __getattr__(self, name: str):
        return getattr(self._store, name)


@pytest.fixture
def counted(qtbot, store: Store, hub: ChangeHub, document_id: int):
    counting = CountingStore(store)
    roster = RosterPanel(store=counting, changes=hub)  # type: ignore[arg-type]
    qtbot.addWidget(roster)
    return roster, counting


def test_reviewing_records_does_not_reread_the_roster(qtbot, counted, store, hub, document_id):
    roster, counting = counted
    roster.show()
    qtbot.waitExposed(roster)
    roster.set_document(document_id)
    reads = counting.roster_reads
    record = store.attributions_for(document_id)[0]
    assert record.id is not None
    store.accept_attribution(record.id)
    hub.notify(ChangeKind.ATTRIBUTIONS, [record.id])
    hub.notify(ChangeKind.SPEAKERS, [document_id + 100])  # another document's roster
    qtbot.wait(20)
    assert counting.roster_reads == reads


def test_a_burst_of_changes_rereads_the_roster_once(qtbot, counted, hub, document_id) -> None:
    roster, counting = counted
    roster.show()
    qtbot.waitExposed(roster)
    roster.set_document(document_id)
    reads = counting.roster_reads
    for _ in range(5):
        hub.notify(ChangeKind.SPEAKERS, [document_id])
    qtbot.waitUntil(lambda: counting.roster_reads > reads, timeout=1000)
    qtbot.wait(20)
    assert counting.roster_reads == reads + 1


def test_a_hidden_roster_is_read_when_shown(qtbot, counted, store, hub, document_id) -> None:
    roster, counting = counted
    roster.set_document(document_id)
    hub.notify(ChangeKind.SPEAKERS, [document_id])
    qtbot.wait(20)
    assert counting.roster_reads == 0 and roster.model.rowCount() == 0
    roster.show()
    qtbot.waitExposed(roster)
    assert counting.roster_reads == 1
    assert _names(roster) == ["Ana Ruiz", "Lena Ortiz", "Ortiz", "Tom Hale"]


def test_variants_are_listed_once_whatever_their_case() -> None:
    speaker = Speaker(name="Rajnath Singh", variants=("Singh", "he", "He", "rajnath singh"))
    assert distinct_variants(speaker) == ["Singh", "he"]


def test_current_speaker_is_shown_in_bold(panel: RosterPanel, store, document_id) -> None:
    tom = _speaker_id(store, document_id, "Tom Hale")
    panel.set_current_speaker(tom)
    row = _names(panel).index("Tom Hale")
    assert panel.model.index(row, SpeakerRosterModel.NAME).data(Qt.ItemDataRole.FontRole).bold()
    assert panel.model.index(0, SpeakerRosterModel.NAME).data(Qt.ItemDataRole.FontRole) is None


def test_the_same_current_speaker_again_changes_nothing(
    qtbot, panel: RosterPanel, store, document_id
) -> None:
    tom = _speaker_id(store, document_id, "Tom Hale")
    lena = _speaker_id(store, document_id, "Lena Ortiz")
    panel.set_current_speaker(tom)
    changed: list[tuple[int, int]] = []
    panel.model.dataChanged.connect(
        lambda top, bottom, *_: changed.append((top.row(), bottom.row()))
    )

    panel.set_current_speaker(tom)
    assert changed == []

    panel.set_current_speaker(lena)
    rows = {_names(panel).index("Tom Hale"), _names(panel).index("Lena Ortiz")}
    assert {top for top, _ in changed} == rows


def test_the_name_column_has_room_for_the_current_speaker_in_bold(
    panel: RosterPanel, store, document_id
) -> None:
    panel.set_current_speaker(_speaker_id(store, document_id, "Lena Ortiz"))
    row = _names(panel).index("Lena Ortiz")
    index = panel.model.index(row, SpeakerRosterModel.NAME)
    bold = index.data(Qt.ItemDataRole.FontRole)
    needed = QFontMetrics(bold).horizontalAdvance("Lena Ortiz")
    assert panel.view.columnWidth(SpeakerRosterModel.NAME) > needed


def test_no_document_shows_an_empty_roster(panel: RosterPanel) -> None:
    panel.set_document(None)
    assert panel.model.rowCount(QModelIndex()) == 0
    assert not panel.new_action.isEnabled()


def test_screenshot_of_the_roster(qtbot, panel: RosterPanel, store, document_id) -> None:
    panel.set_current_speaker(_speaker_id(store, document_id, "Lena Ortiz"))
    _click_row(qtbot, panel, "Lena Ortiz")
    _click_row(qtbot, panel, "Ortiz", Qt.KeyboardModifier.ControlModifier)
    image = panel.grab()
    assert not image.isNull() and image.width() >= 400
    image.save("/tmp/roster_panel.png")


def _record_of(store: Store, document_id: int, words: str) -> Attribution:
    return next(a for a in store.attributions_for(document_id) if TEXT[a.start :].startswith(words))


def test_fixing_one_speaker_offers_the_following_records_of_the_wrong_one(
    store: Store, hub: ChangeHub, document_id: int
) -> None:
    ana = _speaker_id(store, document_id, "Ana Ruiz")
    tom = _speaker_id(store, document_id, "Tom Hale")
    fixed = _record_of(store, document_id, '"It has been')
    later = _record_of(store, document_id, '"We are ready')
    assert fixed.id is not None and later.id is not None
    roster_operations.assign_speaker_entity(
        store=store, changes=hub, attribution_id=fixed.id, speaker_id=tom
    )
    rest = roster_operations.following_with_speaker(
        store=store, attribution_id=fixed.id, speaker_id=ana
    )
    assert [a.id for a in rest] == [later.id]

    changed: list[tuple[str, tuple[int, ...]]] = []
    hub.changed.connect(lambda kind, ids: changed.append((kind, ids)))
    roster_operations.reassign_speakers(
        store=store, changes=hub, attribution_ids=[later.id], speaker_id=tom
    )
    assert store.attribution(later.id).entity_id == tom
    assert ("attributions", (later.id,)) in changed
    store.undo()  # one step undoes the whole fix of the following records
    assert store.attribution(later.id).entity_id == ana
    assert store.attribution(fixed.id).entity_id == tom


def test_reviewed_and_earlier_records_are_not_offered(store: Store, document_id: int) -> None:
    ana = _speaker_id(store, document_id, "Ana Ruiz")
    first = _record_of(store, document_id, '"It has been')
    later = _record_of(store, document_id, '"We are ready')
    assert first.id is not None and later.id is not None
    # Nothing before the record is offered...
    assert (
        roster_operations.following_with_speaker(
            store=store, attribution_id=later.id, speaker_id=ana
        )
        == []
    )
    # ...nor a record someone already accepted.
    store.accept_attribution(later.id)
    assert (
        roster_operations.following_with_speaker(
            store=store, attribution_id=first.id, speaker_id=ana
        )
        == []
    )
