"""Count the key presses and mouse clicks a scripted annotator needs per attribution.

Usage::

    .venv/bin/python bench/efficiency.py              # the seed article and our own
    .venv/bin/python bench/efficiency.py --trace      # also every key and click, per record
    .venv/bin/python bench/efficiency.py --article own   # only the built-in article

Each article is imported through ``jobs.importing.import_articles`` (so ``quotes.extract``
pre-annotates it) into a temporary workspace, and the real :class:`MainWindow` runs
offscreen. The scripted annotator knows the right answer (a gold list written here,
see ``SEED_GOLD`` and ``OWN_GOLD``) and walks the records in text order with real key
events and mouse drags (``QTest``):

* a suggestion that is right (its content overlaps the gold quotation well, word
  Jaccard >= 0.9 with a leading "that" ignored; same speaker entity; its cue overlaps
  the gold cue; same type) is accepted with the accept key;
* a suggestion that needs a fix gets it with the keys a user would press (the type
  with the cycle-type key, the speaker with a roster number key, the cue or the
  content by re-selecting the words with one drag plus the key that takes the
  selection, or the boundary keys, whichever is fewer actions), then the accept key;
* a suggestion that matches no gold quotation is rejected;
* a gold quotation with no suggestion is added: one drag over its words, the add
  key, then its speaker and cue as above; the key back to the next suggestion is
  charged to the added quotation too.

Every key press (a chord is one press) and every click or drag (one gesture) is
counted, navigation included, and charged to the record it was pressed for. The
last key marks the document done. Then a fresh connection reads what was committed
and checks it against the gold, so a figure from a run that did not reach the gold
is flagged. The figures printed are actions per attribution, for right suggestions
and for fixed ones; targets (issue 4): <= 1.2 and <= 4.

The keys are found in the window by their actions' labels (``KEY_LABELS``), so the
bench follows a renamed shortcut; a missing action is reported, not guessed.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QAction

from bench._ui_support import (
    SHARED,
    CountingDriver,
    application,
    find_action,
    open_window,
    plain_label,
    process_until,
    quiet_qt_warnings,
    window_actions,
    workspace_file,
)
from jobs.importing import import_articles
from quotes.boundaries import Edge, move_edge
from quotes.model import Article, Attribution, QuoteType, Span, Status
from storage.store import Store
from ui.article.text_offsets import TextOffsets
from ui.shell.main_window import MainWindow

SEED_ARTICLE = SHARED / "seed" / "article.txt"
RIGHT_TARGET = 1.2
FIXED_TARGET = 4.0
#: Word overlap (Jaccard) above which a suggested content "overlaps the gold well".
WELL = 0.9

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


@dataclass(frozen=True)
class GoldQuote:
    """One quotation of the answer, written by its words rather than offsets.

    The content runs from the first ``begins`` (at or after the previous quotation)
    to the end of the next ``ends``; the cue and the mention are the occurrences of
    those words nearest to the content, outside it.
    """

    begins: str
    ends: str
    cue: str
    type: QuoteType
    mention: str
    speaker: str


@dataclass(frozen=True)
class GoldSpans:
    """A gold quotation located in its text (Python offsets)."""

    quote: GoldQuote
    content: Span
    cue: Span
    mention: Span


_D, _I = QuoteType.DIRECT, QuoteType.INDIRECT
_RS = "Rajnath Singh"

#: The answer for ../shared/seed/article.txt, by our reading of the project guidelines
#: (ui/resources/guidelines.md): every quotation is Rajnath Singh's. Judgement calls:
#: "congratulated Member-States ... on ..." reports what he communicated, so it counts;
#: the last paragraph ("... of our respective Nations, he added") is his own words in the
#: first person without quotation marks, so it is direct (unquoted direct speech).
SEED_GOLD = (
    GoldQuote('"Had an excellent', 'both the countries,"', "tweeted", _D, _RS, _RS),
    GoldQuote("India's resolve to work", "stable region", "reiterated", _I, _RS, _RS),
    GoldQuote("Terrorism is the most", "peace and security", "said", _D, "Singh", _RS),
    GoldQuote('"Any act of terror', 'against humanity,"', "added", _D, "he", _RS),
    GoldQuote("India's resolve to fight", "and manifestations", "reaffirmed", _I, "He", _RS),
    GoldQuote('"India plans', 'with vaccine."', "said", _D, "Singh", _RS),
    GoldQuote(
        "Member-States of the SCO", "years of its existence", "congratulated", _I,
        "The Defence Minister", _RS,
    ),
    GoldQuote("though India joined", "from the SCO", "said", _I, "He", _RS),
    GoldQuote('"The SCO Nations', 'will follow."', "said", _D, "Singh", _RS),
    GoldQuote("it is in the same spirit", "over decades", "pointed out", _I, "He", _RS),
    GoldQuote("So far India", "dollar 3 billion", "highlighted", _I, "he", _RS),
    GoldQuote('"Our intent', 'SAGAR."', "said", _D, "the Defence Minister", _RS),
    GoldQuote("Security and Stability", "respective Nations", "added", _D, "he", _RS),
)  # fmt: skip

#: An article written for this bench (not from any corpus), with the cases the seed
#: lacks: a name in quotation marks and a praise without reported words (to reject), a
#: speaker mention far from its quotation, and quotations that are easy to miss.
OWN_ARTICLE = """\
Harbourside [Norland] March 3: Port commissioner Mara Ilves on Tuesday opened the new \
ferry terminal and promised faster crossings to the islands.

"The terminal will cut waiting times in half for every island family," Ilves said at \
the opening.

The mayor, Tomas Berg, praised the builders. Berg said that the project had finished \
two months early and under budget.

Local papers had called the old terminal "the shed" for years.

Ilves warned that fares would rise slightly next spring to pay for the new ships. "We \
would rather be honest now than surprise people later," she added.

Fishermen's union leader Oskar Lind was less pleased. The new quay leaves too little \
room for the fishing fleet, Lind told reporters. Berg replied that a second quay was \
already planned.

The commissioner's message to the islanders was clear: the ferries will run every hour \
from June.

"We expect the first of the new ships in May," Ilves told the council on Wednesday.
"""

_MI, _TB, _OL = "Mara Ilves", "Tomas Berg", "Oskar Lind"
OWN_GOLD = (
    GoldQuote("faster crossings", "to the islands", "promised", _I, "Mara Ilves", _MI),
    GoldQuote('"The terminal will', 'island family,"', "said", _D, "Ilves", _MI),
    GoldQuote("the project had", "under budget", "said", _I, "Berg", _TB),
    GoldQuote("fares would rise", "the new ships", "warned", _I, "Ilves", _MI),
    GoldQuote('"We would rather', 'people later,"', "added", _D, "she", _MI),
    GoldQuote("The new quay leaves", "the fishing fleet", "told", _I, "Lind", _OL),
    GoldQuote("a second quay", "already planned", "replied", _I, "Berg", _TB),
    GoldQuote("the ferries will run", "from June", "message", _I, "The commissioner", _MI),
    GoldQuote('"We expect the first', 'ships in May,"', "told", _D, "Ilves", _MI),
)


# -- the gold ---------------------------------------------------------------------------
def _nearest_word(text: str, words: str, content: Span) -> Span:
    """The whole-word occurrence of ``words`` nearest to ``content`` and outside it."""
    best: Span | None = None
    best_distance = len(text) + 1
    for match in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text):
        span = Span(match.start(), match.end())
        if span.overlaps(content):
            continue
        distance = (
            content.start - span.end if span.end <= content.start else span.start - content.end
        )
        if distance < best_distance:
            best, best_distance = span, distance
    if best is None:
        raise ValueError(f"{words!r} does not occur outside the quotation {content}")
    return best


def locate_gold(text: str, gold: tuple[GoldQuote, ...]) -> list[GoldSpans]:
    """Find each gold quotation in ``text``, in order.

    :raises ValueError: when the text does not hold a quotation's words (the seed
        article changed): the bench says so rather than scoring against nothing.
    """
    located = []
    after = 0
    for quote in gold:
        start = text.find(quote.begins, after)
        end = text.find(quote.ends, max(start, 0))
        if start < 0 or end < 0:
            raise ValueError(f"the article has no {quote.begins!r} ... {quote.ends!r}")
        content = Span(start, end + len(quote.ends))
        located.append(
            GoldSpans(
                quote,
                content,
                _nearest_word(text, quote.cue, content),
                _nearest_word(text, quote.mention, content),
            )
        )
        after = content.end
    return located


_WORD = re.compile(r"\w+")


def _words(text: str, spans: tuple[Span, ...]) -> set[int]:
    """The start offsets of the words inside ``spans``, without a leading "that"."""
    found: list[int] = []
    for span in spans:
        for match in _WORD.finditer(text, span.start, span.end):
            found.append(match.start())
    if found and text[found[0] : found[0] + 5].lower() == "that ":
        found = found[1:]
    return set(found)


def word_overlap(text: str, suggested: tuple[Span, ...], gold: Span) -> float:
    """Jaccard index of the words of ``suggested`` and ``gold``."""
    a, b = _words(text, suggested), _words(text, (gold,))
    return len(a & b) / len(a | b) if a | b else 0.0


def _same_name(a: str | None, b: str) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join(b.split()).casefold()


@dataclass(frozen=True)
class Verdict:
    """What is wrong with a suggestion compared with its gold quotation."""

    content: bool
    type: bool
    speaker: bool
    cue: bool

    @property
    def right(self) -> bool:
        """Whether the suggestion can be accepted as it is."""
        return self.content and self.type and self.speaker and self.cue

    def faults(self) -> list[str]:
        """The names of the parts to fix."""
        names = ("content", "type", "speaker", "cue")
        return [
            n
            for n, ok in zip(names, (self.content, self.type, self.speaker, self.cue), strict=True)
            if not ok
        ]


def judge(text: str, record: Attribution, gold: GoldSpans) -> Verdict:
    """Compare a record with its gold quotation."""
    return Verdict(
        content=word_overlap(text, record.fragments, gold.content) >= WELL,
        type=record.type == gold.quote.type,
        speaker=_same_name(record.speaker_name, gold.quote.speaker),
        cue=record.cue is not None and record.cue.overlaps(gold.cue),
    )


def pair_records(
    text: str, records: list[Attribution], gold: list[GoldSpans]
) -> dict[int, GoldSpans]:
    """Match suggestions to gold quotations one to one, best word overlap first.

    :returns: gold quotation by record id; records left out match nothing.
    """
    candidates = sorted(
        (
            (word_overlap(text, r.fragments, g.content), r.id, i)
            for r in records
            for i, g in enumerate(gold)
            if r.id is not None and any(f.overlaps(g.content) for f in r.fragments)
        ),
        reverse=True,
    )
    paired: dict[int, GoldSpans] = {}
    taken: set[int] = set()
    for score, record_id, index in candidates:
        if score > 0 and record_id not in paired and index not in taken:
            paired[record_id] = gold[index]
            taken.add(index)
    return paired


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
            if _same_name(roster_name, name) and position in numbered:
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
        if not _same_name(self.store.attribution(record_id).speaker_name, gold.quote.speaker):
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
            record_id in self.paired and _same_name(self.paired[record_id].quote.speaker, name)
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
                self.driver.scroll_to(self.view, self.offsets.to_qt(_edge_of(fragment, edge)))
                rect = self.view.edge_rect(edge)
                assert rect is not None
                to = self.driver.point_of(self.view, self.offsets.to_qt(target))
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
    mine = sorted(_words(text, record.fragments))
    theirs = sorted(_words(text, (gold,)))
    if not mine or not theirs:
        return [Edge.START, Edge.END]
    wrong = []
    if mine[0] != theirs[0]:
        wrong.append(Edge.START)
    last_mine = _WORD.match(text, mine[-1])
    last_theirs = _WORD.match(text, theirs[-1])
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


def annotate(window: MainWindow, text: str, gold: list[GoldSpans], trace: bool) -> Tally:
    """Review the current document of ``window`` against ``gold``; return the tally."""
    driver = CountingDriver(window)
    annotator = Annotator(window, driver, text)
    tally = Tally()
    records = sorted(window.store.attributions_for(window.current.document_id or 0), key=_order)
    paired = pair_records(text, records, gold)
    annotator.paired = paired
    paired_gold = {id(g) for g in paired.values()}
    # Work in text order: a missed quotation is added when the reading reaches it.
    agenda: list[tuple[int, Attribution | None, GoldSpans | None]] = [
        (r.start, r, paired.get(r.id or -1)) for r in records
    ]
    agenda += [(g.content.start, None, g) for g in gold if id(g) not in paired_gold]
    agenda.sort(key=lambda item: (item[0], item[1] is None))

    window.article_view.setFocus()
    previous = ""
    categories: dict[str, str] = {}
    for _start, record, gold_quote in agenda:
        if record is not None:
            account = f"record {record.id}"
        else:
            assert gold_quote is not None
            account = f"missed {gold_quote.quote.begins!r}"
        try:
            if record is not None:
                assert record.id is not None
                if window.current.attribution_id != record.id:
                    # Coming back from an added quotation is part of adding it.
                    driver.charge_to(previous if previous.startswith("missed") else account)
                    _reach(annotator, record.id)
                driver.charge_to(account)
                category = annotator.review(record.id, gold_quote)
            else:
                assert gold_quote is not None
                driver.charge_to(account)
                annotator.add_missed(gold_quote)
                category = "missed (added)"
        except MissingKey as missing:
            tally.problems.append(f"{account}: no key for {missing} in the window")
            category = "unfinished (missing key)"
        except RuntimeError as error:
            tally.problems.append(f"{account}: {error}")
            category = "unfinished (error)"
        previous = account
        categories[account] = category
    driver.charge_to("document")
    try:
        annotator.press("done")
    except MissingKey:
        tally.problems.append("no key marks the document done")
    tally.documents += 1
    tally.document_actions += driver.counts["document"]
    # Counted at the end: a key pressed later may be charged to an earlier record.
    for account, category in categories.items():
        tally.add(category, driver.counts[account])
    tally.problems.extend(annotator.notes)
    tally.observations.extend(annotator.observations)
    if trace:
        for account, what in driver.log:
            print(f"  {account:<44} {what}")
    return tally


def _reach(annotator: Annotator, record_id: int) -> None:
    """Bring a record up: the next-unreviewed key when no record is current (the start
    of the review), else the next/previous-record keys."""
    if annotator.window.current.attribution_id is None and annotator.action("next_unreviewed"):
        annotator.press("next_unreviewed")
    annotator.go_to(record_id)


def _order(attribution: Attribution) -> tuple[int, int, int]:
    return (attribution.start, attribution.end, attribution.id or 0)


def check_committed(path: Path, document_id: int, text: str, gold: list[GoldSpans]) -> list[str]:
    """What a fresh connection reads that disagrees with the gold (empty when all agree)."""
    problems = []
    with Store(path) as fresh:
        records = fresh.attributions_for(document_id)
        status = fresh.document(document_id).status
    accepted = [r for r in records if r.status == Status.ACCEPTED]
    pending = [r for r in records if r.status == Status.CANDIDATE]
    for g in gold:
        if not any(judge(text, r, g).right for r in accepted):
            problems.append(f"gold {g.quote.begins!r}: no right accepted record")
    for r in accepted:
        if not any(word_overlap(text, r.fragments, g.content) > 0 for g in gold):
            problems.append(f"accepted record {r.id} is not a gold quotation")
    if pending:
        problems.append(f"{len(pending)} records left unreviewed")
    if status.value != "done":
        problems.append(f"document status is {status.value}, not done")
    return problems


def run_article(name: str, text: str, gold_quotes: tuple[GoldQuote, ...], trace: bool) -> Tally:
    """Import ``text``, review it in the real window, return the tally (with problems)."""
    gold = locate_gold(text, gold_quotes)
    with workspace_file() as path:
        with Store(path) as store:
            report = import_articles(store, [Article(text=text, title=name)])
            if report.imported != 1:
                raise RuntimeError(f"{name}: not imported ({report.problems})")
            document_id = store.document_summaries()[0].id
        with Store(path) as store, open_window(store) as window:
            window.current.set_document(document_id)
            process_until(lambda: window.attribution_model.rowCount() == report.attributions)
            if trace:
                print(f"{name}:")
            tally = annotate(window, text, gold, trace)
        tally.problems += check_committed(path, document_id, text, gold)
    tally.problems[:] = [f"{name}: {p}" for p in tally.problems]
    tally.observations[:] = [f"{name}: {o}" for o in tally.observations]
    print(
        f"{name}: {len(gold)} gold quotations, {report.attributions} suggestions; "
        + ", ".join(f"{k} {v}" for k, v in sorted(tally.attributions.items()))
        + "; actions per attribution: "
        + ", ".join(f"{k} {v:.2f}" for k, v in sorted(figures(tally).items()))
    )
    return tally


def print_figures(tally: Tally) -> None:
    """The table of actions per attribution, with the targets."""
    targets = {"right": RIGHT_TARGET, "fixed": FIXED_TARGET}
    print(f"\n{'attributions':<44} {'count':>5} {'actions':>8} {'per attr.':>9}  target")
    groups: dict[str, list[str]] = {}
    for category in sorted(tally.attributions):
        groups.setdefault(category.split(" ")[0].rstrip(":"), []).append(category)
    for group, categories in groups.items():
        count = sum(tally.attributions[c] for c in categories)
        actions = sum(tally.actions[c] for c in categories)
        target = targets.get(group)
        verdict = ""
        if target is not None:
            met = actions / count <= target
            verdict = f"<= {target:g}: {'met' if met else 'MISSED'}"
        print(f"{group:<44} {count:>5} {actions:>8} {actions / count:>9.2f}  {verdict}")
        if len(categories) > 1 or categories[0] != group:
            for category in categories:
                n, a = tally.attributions[category], tally.actions[category]
                print(f"  {category:<42} {n:>5} {a:>8} {a / n:>9.2f}")
    if tally.documents:
        per = tally.document_actions / tally.documents
        print(
            f"{'per document (mark done)':<44} {tally.documents:>5} {tally.document_actions:>8}"
            f" {per:>9.2f}"
        )
    if tally.observations:
        print("\nextra actions the UI caused:")
        for observation in tally.observations:
            print(f"  - {observation}")
    if tally.problems:
        print("\nproblems (the figures above are not trustworthy where these apply):")
        for problem in tally.problems:
            print(f"  - {problem}")
    else:
        print("\nthe committed records agree with the gold (checked with a fresh connection)")


def run(articles: list[str], trace: bool) -> int:
    """Review the chosen articles and print the figures; returns an exit code."""
    application()
    total = Tally()
    with quiet_qt_warnings():
        for name in articles:
            if name == "seed":
                if not SEED_ARTICLE.exists():
                    print(f"skipped the seed article: {SEED_ARTICLE} not found (../shared absent)")
                    continue
                text = SEED_ARTICLE.read_text(encoding="utf-8")
                total.merge(run_article("seed", text, SEED_GOLD, trace))
            else:
                total.merge(run_article("own", OWN_ARTICLE, OWN_GOLD, trace))
    if not total.attributions:
        print("nothing measured")
        return 0
    print_figures(total)
    return 0


def figures(tally: Tally) -> dict[str, float]:
    """Actions per attribution by group ("right", "fixed", ...), for tests."""
    sums: dict[str, list[int]] = {}
    for category, count in tally.attributions.items():
        group = category.split(" ")[0].rstrip(":")
        pair = sums.setdefault(group, [0, 0])
        pair[0] += count
        pair[1] += tally.actions[category]
    return {group: actions / count for group, (count, actions) in sums.items()}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", choices=["seed", "own", "both"], default="both")
    parser.add_argument("--trace", action="store_true", help="print every key and click")
    args = parser.parse_args(argv)
    articles = ["seed", "own"] if args.article == "both" else [args.article]
    return run(articles, args.trace)


if __name__ == "__main__":
    sys.exit(main())
