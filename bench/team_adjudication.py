"""Count the key presses a scripted adjudicator needs per disagreement, on real widgets.

Used by ``bench/team.py`` (the multi files of ``../shared/gold/multi``); runs on any
``{annotator: [export-schema records]}``. The annotators' records become layers of a
temporary workspace (``store.layers.store_layer``: each record is that annotator's
accepted decisions, the document done), ``adjudicate_by_majority`` fills the gold
layer, and the real :class:`MainWindow` runs offscreen in its adjudication mode
(Team > Adjudicate). The scripted adjudicator's policy, for each disagreement shown:

* the quotation exists when at least as many annotators back the largest agreeing
  group of versions as have no version at all; otherwise it presses R (reject);
* an existing one is taken with A (the majority's version, ★ in the panel);
* its content boundaries are then set where most of the backing versions put them
  (each character kept by more than half of them, snapped to words), with the
  span keys that move the edited span's start and end one word at a time (Alt+
  arrows), when the version taken ends elsewhere. A version in several fragments
  is taken as it is.

Every key is a real key event (``QTest``) sent where the focus is, counted and
charged to the disagreement it was pressed for; entering the mode (one menu
choice) is counted apart. The walk moves on by itself within a document; after a
document's last disagreement it stays there (the record taken can still be
edited) and N, charged to the next disagreement, opens the next document. Then a
fresh connection checks that no disagreement is left open and that each gold
record has the boundaries the adjudicator set. Goal (issue 10): <= 1.5 actions per
adjudicated disagreement.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench._ui_support import (
    CountingDriver,
    application,
    find_action,
    open_window,
    process_until,
    quiet_qt_warnings,
    workspace_file,
)
from jobs.importing import import_articles
from jobs.team.adjudication import (
    ADJUDICATED_RULE,
    OpenDisagreement,
    adjudicate_by_majority,
    open_disagreements,
)
from quotes.boundaries import Edge, move_edge, snap_span
from quotes.model import DocumentStatus, Span
from quotes.records import article_from_record, attribution_from_record
from storage.articles import content_hash
from storage.connection import GOLD_LAYER
from storage.store import Store
from ui.shell.main_window import MainWindow
from ui.team.adjudication_panel import majority_rejects, quote_fragments

GOAL = 1.5
#: The commands the adjudicator uses, found by a regular expression on action labels.
KEY_LABELS = {
    "majority": r"^take the majority",
    "reject": r"^reject all versions",
    "next": r"^next disagreement",
    "start_left": r"^start one word left",
    "start_right": r"^start one word right",
    "end_left": r"^end one word left",
    "end_right": r"^end one word right",
}
#: Word steps beyond which an adjudicator would re-select rather than step an edge.
MAX_STEPS = 8

Layers = Mapping[str, Sequence[Mapping[str, Any]]]


def store_layers(store: Store, layers: Layers) -> int:
    """Store every text of ``layers`` once and each annotator's records as their layer
    (accepted decisions, document done); returns the documents stored."""
    texts: dict[str, Mapping[str, Any]] = {}
    for records in layers.values():
        for record in records:
            texts.setdefault(record["text"], record)
    articles = [article_from_record(r, with_quotes=False) for r in texts.values()]
    import_articles(store, articles, preannotate=False)
    for name, records in layers.items():
        for record in records:
            document_id = store.find_document(content_hash(record["text"]))
            assert document_id is not None
            length = len(record["text"])
            store.layers.store_layer(
                document_id,
                name,
                [attribution_from_record(q, length) for q in record.get("quotes") or ()],
                status=DocumentStatus.DONE,
                annotator=name,
                action="import_annotations",
            )
    return len(articles)


def consensus_content(item: OpenDisagreement, text: str) -> Span | None:
    """Where most of the majority's versions put the content: the characters more
    than half of them include, from the first to the last, snapped to words."""
    backing = [
        v.quote for v in item.disagreement.versions if v.annotator in item.disagreement.supporters
    ]
    if not backing:
        return None
    covered: Counter[int] = Counter()
    for quote in backing:
        for start, end in quote_fragments(quote):
            covered.update(range(start, end))
    kept = [offset for offset, count in covered.items() if 2 * count > len(backing)]
    if not kept:
        return None
    return snap_span(text, Span(min(kept), max(kept) + 1))


def edge_steps(text: str, span: Span, edge: Edge, wanted: int) -> int | None:
    """Signed word steps that bring ``span``'s ``edge`` to ``wanted`` (None: not
    within :data:`MAX_STEPS`)."""
    here = span.start if edge is Edge.START else span.end
    if here == wanted:
        return 0
    step = 1 if wanted > here else -1
    moved: Span | None = span
    for count in range(1, MAX_STEPS + 1):
        assert moved is not None
        moved = move_edge(text, moved, edge, step, snap=True)
        if moved is None:
            return None
        if (moved.start if edge is Edge.START else moved.end) == wanted:
            return step * count
    return None


@dataclass
class AdjudicationTally:
    """What the scripted adjudicator did and what it cost."""

    disagreements: int = 0
    #: Keys per disagreement, by what was done ("reject", "majority", "majority + edges").
    by_choice: Counter[str] = field(default_factory=Counter)
    actions_by_choice: Counter[str] = field(default_factory=Counter)
    overhead: int = 0
    enter_ms: float = 0.0
    found_ms: float = 0.0
    problems: list[str] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)

    def actions(self) -> int:
        """Every key charged to a disagreement."""
        return sum(self.actions_by_choice.values())

    def per_disagreement(self) -> float:
        """Actions per adjudicated disagreement (0 when none)."""
        return self.actions() / self.disagreements if self.disagreements else 0.0


class Adjudicator:
    """Walks the window's adjudication mode with counted keys (see the module docstring)."""

    def __init__(self, window: MainWindow, tally: AdjudicationTally) -> None:
        self.window = window
        self.mode = window.adjudication
        self.driver = CountingDriver(window)
        self.tally = tally
        #: The content each fixed gold record must end with, by record id.
        self.wanted: dict[int, Span] = {}

    def press(self, command: str) -> None:
        action = find_action(self.window, KEY_LABELS[command])
        if action is None:
            raise RuntimeError(f"the window has no key for {command!r}")
        self.driver.trigger(action)

    def enter(self) -> None:
        """Team > Adjudicate (one menu choice), then wait for the disagreements."""
        self.driver.charge_to("enter")
        self.driver._count("Team > Adjudicate")
        started = time.perf_counter()
        self.mode.enter_action.trigger()
        self.tally.enter_ms = 1000 * (time.perf_counter() - started)
        if not process_until(lambda: self.mode.walk is not None, timeout_s=120):
            raise RuntimeError("the disagreements were not found within 2 minutes")
        self.tally.found_ms = 1000 * (time.perf_counter() - started)
        self.tally.overhead = self.driver.counts["enter"]
        self.window.article_view.setFocus()

    def adjudicate_all(self) -> None:
        walk = self.mode.walk
        assert walk is not None
        for number in range(walk.total + 1):
            item = walk.current
            if item is None:
                return
            account = f"disagreement {number + 1}"
            self.driver.charge_to(account)
            if self.mode.document_done:
                self.press("next")  # the previous document is finished: open this one
            choice = self.decide(item)
            self.tally.disagreements += 1
            self.tally.by_choice[choice] += 1
            self.tally.actions_by_choice[choice] += self.driver.counts[account]
            keys = [what for charged, what in self.driver.log if charged == account]
            self.tally.trace.append(f"{account}: {choice}: {' '.join(keys)}")
            if walk.current is item and not walk.is_decided(walk.position or 0):
                self.tally.problems.append(f"{account}: the walk did not move on")
                return
        self.tally.problems.append("more choices than disagreements")

    def decide(self, item: OpenDisagreement) -> str:
        """Adjudicate the disagreement shown; returns what was done."""
        if majority_rejects(item):
            self.press("reject")
            return "reject"
        text = self.window.attribution_model.text
        wanted = consensus_content(item, text)
        self.press("majority")
        record_id = self.window.current.attribution_id
        if record_id is None:
            self.tally.problems.append("the majority's record is not the current record")
            return "majority"
        taken = self.window.store.attribution(record_id)
        if wanted is None or len(taken.fragments) > 1 or taken.content == wanted:
            return "majority"
        start = edge_steps(text, taken.content, Edge.START, wanted.start)
        end = edge_steps(text, taken.content, Edge.END, wanted.end)
        if start is None or end is None:
            return "majority"  # too far to step: taken as it is
        for _ in range(abs(start)):
            self.press("start_right" if start > 0 else "start_left")
        for _ in range(abs(end)):
            self.press("end_right" if end > 0 else "end_left")
        question = self.window.editing_actions.paragraph_question
        if question is not None:
            question.close()
            self.tally.problems.append(f"record {record_id}: an edge move asked about paragraphs")
        self.wanted[record_id] = wanted
        return "majority + edges"


def check_committed(path: Any, tally: AdjudicationTally, wanted: Mapping[int, Span]) -> None:
    """Read back through a fresh connection: nothing open, the fixed bounds stored."""
    with Store(path, layer=GOLD_LAYER) as fresh:
        left = open_disagreements(fresh)
        if left:
            tally.problems.append(f"{len(left)} disagreements are still open")
        for record_id, span in wanted.items():
            record = fresh.attribution(record_id)
            if record.content != span or not record.rule.startswith(ADJUDICATED_RULE):
                tally.problems.append(f"record {record_id}: {record.content} is not {span}")


def run_adjudication(layers: Layers) -> AdjudicationTally:
    """Adjudicate ``layers``' disagreements with the real window (see the docstring)."""
    application()
    tally = AdjudicationTally()
    with quiet_qt_warnings(), workspace_file() as path:
        with Store(path, annotator="lead") as store:
            store_layers(store, layers)
            adjudicate_by_majority(store)
        with Store(path, annotator="adjudicator") as store, open_window(store) as window:
            adjudicator = Adjudicator(window, tally)
            adjudicator.enter()
            adjudicator.adjudicate_all()
            wanted = dict(adjudicator.wanted)
        check_committed(path, tally, wanted)
    return tally


def report_actions(layers: Layers, *, trace: bool = False) -> AdjudicationTally:
    """Run :func:`run_adjudication` and print its figures."""
    tally = run_adjudication(layers)
    figure = tally.per_disagreement()
    verdict = "ok" if figure <= GOAL else "OVER THE GOAL"
    print(
        f"adjudication actions {figure:.2f} per disagreement (goal <= {GOAL}: {verdict}); "
        f"{tally.actions()} keys for {tally.disagreements} disagreements"
    )
    for choice, count in sorted(tally.by_choice.items()):
        keys = tally.actions_by_choice[choice]
        print(f"  {choice:<17} {count:>4} disagreements, {keys / count:.2f} keys each")
    print(
        f"  entering the mode: {tally.overhead} menu choice; the window was back in "
        f"{tally.enter_ms:.0f} ms, the disagreements were found in the worker after "
        f"{tally.found_ms:.0f} ms"
    )
    for problem in tally.problems:
        print(f"  PROBLEM: {problem}")
    if trace:
        for line in tally.trace:
            print(f"    {line}")
    return tally
