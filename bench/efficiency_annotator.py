"""The scripted annotator of ``bench/efficiency.py``: real key events and drags on a
real window, each one counted and charged to the record it was made for.

Runs in the GUI thread of the bench's offscreen application.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtGui import QAction

from bench._ui_support import CountingDriver, find_action, plain_label, window_actions
from bench.efficiency_gold import WELL, WORD, GoldSpans, judge, same_name, word_overlap, words_of
from quotes.boundaries import Edge, move_edge
from quotes.model import Attribution, QuoteType, Span
from ui.article.text_offsets import TextOffsets
from ui.shell.main_window import MainWindow

#: The commands the annotator uses, found by a regular expression on the action labels.
KEY_LABELS = {
    "accept": r"^accept$",
    "reject": r"^reject$",
    "next": r"^next record",
    "previous": r"^previous record",
    "next_unreviewed": r"^next unreviewed",
    "cycle_type": r"cycle.*type",
    "done": r"mark.*done",
    "add_quotation": r"^add quotation",
    "speaker_from_selection": r"^speaker from selection",
    "cue_from_selection": r"^(set )?cue from selection",
    "content_from_selection": r"^selection to edited span",
    "start_left": r"^start one word left",
    "start_right": r"^start one word right",
    "end_left": r"^end one word left",
    "end_right": r"^end one word right",
}


# -- the scripted annotator ----------------------------------------------------------------
@dataclass
class Tally:
    """Actions per category of attribution."""

    attributions: dict[str, int] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    observations: list[str] = field(default_factory=list)
    #: Actions spent on documents rather than records (the mark-done key).
    document_actions: int = 0
    documents: int = 0

    def add(self, category: str, actions: int) -> None:
        """Count one attribution of ``category`` that cost ``actions``."""
        self.attributions[category] = self.attributions.get(category, 0) + 1
        self.actions[category] = self.actions.get(category, 0) + actions

    def merge(self, other: Tally) -> None:
        """Add ``other``'s counts to these."""
        for category, count in other.attributions.items():
            self.attributions[category] = self.attributions.get(category, 0) + count
            self.actions[category] = self.actions.get(category, 0) + other.actions[category]
        self.problems.extend(other.problems)
        self.observations.extend(other.observations)
        self.document_actions += other.document_actions
        self.documents += other.documents


class MissingKey(RuntimeError):
    """The window has no action for a command the annotator needs."""


class Annotator:
    """Reviews one document of ``window`` against its gold with counted input events."""

    def __init__(self, window: MainWindow, driver: CountingDriver, text: str) -> None:
        self.window = window
        self.driver = driver
        self.text = text
        self.offsets = TextOffsets(text)
        self.view = window.article_view
        self.store = window.store
        self.notes: list[str] = []
        #: What the UI did that cost the annotator extra actions (for the owners).
        self.observations: list[str] = []
        #: The gold quotation of each suggestion (set by :func:`annotate`).
        self.paired: dict[int, GoldSpans] = {}

    # -- keys ----------------------------------------------------------------------
    def action(self, command: str) -> QAction | None:
        """The window's action for ``command`` (see ``KEY_LABELS``), or None."""
        return find_action(self.window, KEY_LABELS[command])

    def press(self, command: str) -> None:
        """Press the key of ``command``.

        :raises MissingKey: when the window has no such action.
        """
        action = self.action(command)
        if action is None:
            raise MissingKey(command)
        self.driver.trigger(action)

    def select(self, span: Span) -> None:
        """Select ``span`` (Python offsets) with one mouse drag."""
        self.driver.drag_select(
            self.view, self.offsets.to_qt(span.start), self.offsets.to_qt(span.end)
        )

    def current(self) -> Attribution | None:
        """The current record as committed (read back from the store)."""
        record_id = self.window.current.attribution_id
        return None if record_id is None else self.store.attribution(record_id)

    def go_to(self, record_id: int) -> None:
        """Make ``record_id`` current with the next/previous keys (counted)."""
        model = self.window.attribution_model
        for _ in range(model.rowCount() + 1):
            if self.window.current.attribution_id == record_id:
                return
            here = model.row_of(self.window.current.attribution_id)
            there = model.row_of(record_id)
            if there is None:
                raise RuntimeError(f"record {record_id} is not in the record list")
            if here is not None and there < here:
                self.press("previous")
            else:
                self.press("next")
        if self.window.current.attribution_id != record_id:
            raise RuntimeError(f"could not reach record {record_id} with the keys")

    # -- fixing one part -------------------------------------------------------------
    def fix_type(self, record_id: int, wanted: QuoteType) -> None:
        """Cycle the type until it is ``wanted`` (at most once round)."""
        for _ in range(len(QuoteType)):
            if self.store.attribution(record_id).type == wanted:
                return
            self.press("cycle_type")
        if self.store.attribution(record_id).type != wanted:
            self.notes.append(f"record {record_id}: the type key never gave {wanted}")

    def roster_number(self, name: str) -> QAction | None:
        """The number-key action that chooses the roster entity ``name``, if shown."""
        numbered = {}
        for action in window_actions(self.window):
            match = re.fullmatch(r"choose speaker (\d) of the roster", plain_label(action), re.I)
            if match and action.isEnabled():
                numbered[int(match.group(1))] = action
        roster = _roster_names(self.window)
        for position, roster_name in enumerate(roster, start=1):
            if same_name(roster_name, name) and position in numbered:
                return numbered[position]
        return None

    def fix_speaker(self, record_id: int, gold: GoldSpans) -> None:
        """Make the gold entity the speaker: a number key, else select the mention +
        the speaker-from-selection key."""
        number = self.roster_number(gold.quote.speaker)
        if number is not None:
            self.driver.trigger(number)
        else:
            self.select(gold.mention)
            self.press("speaker_from_selection")
        self.take_offer(gold.quote.speaker)
        if not same_name(self.store.attribution(record_id).speaker_name, gold.quote.speaker):
            self.notes.append(
                f"record {record_id}: speaker is still "
                f"{self.store.attribution(record_id).speaker_name!r}, not {gold.quote.speaker!r}"
            )

    def take_offer(self, name: str) -> None:
        """Answer "fix the following records too?": press its key when every record it
        would change should name ``name`` by the gold; otherwise ignore it (free: the
        next key goes on with the review)."""
        from ui.roster.speaker_review import SpeakerFixPrompt

        prompt = self.window.findChild(SpeakerFixPrompt)
        if prompt is None or prompt.pending is None:
            return
        ids, _speaker_id = prompt.pending
        if ids and all(
            record_id in self.paired and same_name(self.paired[record_id].quote.speaker, name)
            for record_id in ids
        ):
            self.driver.trigger(prompt.fix_action)

    def fix_cue(self, record_id: int, gold: GoldSpans) -> None:
        """Select the gold cue with one drag and press the cue-from-selection key."""
        self.select(gold.cue)
        self.press("cue_from_selection")
        cue = self.store.attribution(record_id).cue
        if cue is None or not cue.overlaps(gold.cue):
            self.notes.append(f"record {record_id}: cue not set to {gold.quote.cue!r}")

    def fix_content(self, record_id: int, gold: GoldSpans) -> None:
        """Move the content's wrong edges to the gold words.

        The edited span is the first fragment when a record becomes current. An edge
        one word off takes one boundary key; further off, one drag of its handle.
        Without handles or keys: re-select the words and take them (drag + one key).
        """
        for edge in _wrong_edges(self.text, self.store.attribution(record_id), gold.content):
            fragment = self.store.attribution(record_id).fragments[0]
            target = gold.content.start if edge is Edge.START else gold.content.end
            steps = _edge_steps(self.text, fragment, edge, target)
            key = f"{edge.value}_{'left' if target < _edge_of(fragment, edge) else 'right'}"
            rect = self.view.edge_rect(edge)
            if steps == 1 and self.action(key) is not None:
                self.press(key)
            elif rect is not None:
                # Show the target, then the handle, and read both points on that screen:
                # reading the target's point after the handle's could scroll it away.
                self.driver.scroll_to(self.view, self.offsets.to_qt(target))
                self.driver.scroll_to(self.view, self.offsets.to_qt(_edge_of(fragment, edge)))
                rect = self.view.edge_rect(edge)
                assert rect is not None
                to = self.driver.point_on_screen(self.view, self.offsets.to_qt(target))
                self.driver.drag(self.view, rect.center(), to, f"drag {edge.value} edge")
            else:
                self.select(gold.content)
                self.press("content_from_selection")
                break
        record = self.store.attribution(record_id)
        if word_overlap(self.text, record.fragments, gold.content) < WELL:
            self.notes.append(f"record {record_id}: content still differs from the gold")

    # -- the decisions ----------------------------------------------------------------
    def review(self, record_id: int, gold: GoldSpans | None) -> str:
        """Decide on one suggestion (already current); returns its category."""
        record = self.store.attribution(record_id)
        if gold is None:
            self.press("reject")
            return "wrong (rejected)"
        verdict = judge(self.text, record, gold)
        if verdict.right:
            self.press("accept")
            return "right (accepted)"
        if not verdict.content:
            self.fix_content(record_id, gold)
        if not verdict.type:
            self.fix_type(record_id, gold.quote.type)
        if not verdict.speaker:
            self.fix_speaker(record_id, gold)
        if not verdict.cue:
            self.fix_cue(record_id, gold)
        moved_to = self.window.current.attribution_id
        if moved_to != record_id:
            self.observations.append(
                f"record {record_id}: after fixing its {', '.join(verdict.faults())}, the"
                f" current record was {moved_to}: one more key to come back"
            )
        self.go_to(record_id)
        self.press("accept")
        return "fixed: " + ", ".join(verdict.faults())

    def add_missed(self, gold: GoldSpans) -> int:
        """Add a quotation nobody suggested: drag + add key, then speaker, cue and type
        where the proposal got them wrong, then A (an added quotation is a candidate)."""
        self.select(gold.content)
        self.press("add_quotation")
        record_id = self.window.current.attribution_id
        added = self.current()
        if record_id is None or added is None or added.start != gold.content.start:
            raise RuntimeError(f"the add key did not create {gold.quote.begins!r}")
        if added.type != gold.quote.type:
            self.fix_type(record_id, gold.quote.type)
        self.fix_speaker(record_id, gold)
        self.fix_cue(record_id, gold)
        self.go_to(record_id)
        self.press("accept")
        return record_id


def _edge_of(span: Span, edge: Edge) -> int:
    return span.start if edge is Edge.START else span.end


def _wrong_edges(text: str, record: Attribution, gold: Span) -> list[Edge]:
    """The content edges whose first or last word differs from the gold's (a leading
    "that" of an indirect quotation does not count)."""
    mine = sorted(words_of(text, record.fragments))
    theirs = sorted(words_of(text, (gold,)))
    if not mine or not theirs:
        return [Edge.START, Edge.END]
    wrong = []
    if mine[0] != theirs[0]:
        wrong.append(Edge.START)
    last_mine = WORD.match(text, mine[-1])
    last_theirs = WORD.match(text, theirs[-1])
    if last_mine is None or last_theirs is None or last_mine.end() != last_theirs.end():
        wrong.append(Edge.END)
    return wrong


def _edge_steps(text: str, span: Span, edge: Edge, target: int, limit: int = 50) -> int:
    """How many one-word moves bring ``edge`` of ``span`` to ``target`` (``limit`` if
    they never do), with the same snapping as the boundary keys."""
    step = -1 if target < _edge_of(span, edge) else 1
    for count in range(1, limit):
        moved = move_edge(text, span, edge, step, snap=True)
        if moved is None:
            return limit
        span = moved
        here = _edge_of(span, edge)
        if here == target or (here - target) * step > 0:
            return count
    return limit


def _roster_names(window: MainWindow) -> list[str]:
    """The speaker names of the window's roster panel, in row order (empty if none)."""
    from ui.roster.roster_panel import RosterPanel

    panel = window.findChild(RosterPanel)
    if panel is None:
        return []
    model = panel.model
    return [model.speaker_at(row).name for row in range(model.rowCount())]
