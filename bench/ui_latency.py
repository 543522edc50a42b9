"""Measure how long the real window takes to show a document and to accept a record.

Usage::

    .venv/bin/python bench/ui_latency.py             # 5 kB and 1 MB documents
    .venv/bin/python bench/ui_latency.py --profile   # also cProfile the slow paths
    .venv/bin/python bench/ui_latency.py --sizes 5000 --runs 3 --accepts 5   # quick

The documents are generated here (news-like paragraphs written by this generator,
one quotation record with cue and speaker mention every paragraph or so) and stored
in a temporary workspace, then the real :class:`MainWindow` runs offscreen.

* **open**: from ``CurrentRecord.set_document`` (what a click in the document list
  does) until the article view's viewport has handled a paint event, highlights
  included. Baseline in the same run: a bare ``QPlainTextEdit`` of the same size,
  ``setPlainText`` of the same text, until painted.
* **first J after open**: from the next-record key pressed right after opening a
  document to the view painted with that record emphasised (informative, no target).
* **accept**: from the accept key (a real key event, ``QTest.keyClick``) until the
  key press returns, which is when the record's row is committed; a fresh
  connection then reads the row to check that it really was. "until repainted"
  adds the processing of the events that follow (the repaint of the changed rows).
  Baseline: ``Store.accept_attribution`` alone on another connection.
* **first decision**: the first of those accepts, on the still new document, which
  also moves it in progress; shown apart from the median of the accepts after it
  (its baseline column).
* **peak RSS**: the resident memory of a child process at its peak while the window
  opens the document, against a bare ``QPlainTextEdit`` showing the same text in a
  child process that imported the same modules (``bench/open_memory.py``); "added"
  is the peak less the size just before the open. Linux only.

Each time is the median of several runs. Targets (issue 4): open 5 kB <= 50 ms,
open 1 MB <= 500 ms, accept <= 10 ms; (issue 11) a 20 MB article opens in under
2 s and 400 MB (``--sizes 1000000 20000000``).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from bench._ui_support import (
    PaintWatch,
    application,
    open_window,
    process_until,
    quiet_qt_warnings,
    workspace_file,
)
from bench.open_memory import measure_open_memory
from jobs.importing import import_articles
from quotes.model import Article, Attribution, DocumentStatus, QuoteType, Span, Status
from storage.store import Store
from ui.shell.main_window import MainWindow

#: Issue 4's targets, and issue 11's "Opening a 20 MB article stays under 2 s and 400 MB".
TARGETS_MS = {"open 5 kB": 50.0, "open 1 MB": 500.0, "open 20 MB": 2000.0, "accept": 10.0}
#: Peak resident memory while opening (issue 11).
TARGETS_MB = {"open 20 MB": 400.0}

_NAMES = ("Mara Ilves", "Tomas Berg", "the council", "Dr. Okafor", "a spokesperson", "Lena Park")
_CUES = ("said", "told reporters", "added", "warned", "insisted", "wrote")
_CLAIMS = (
    "the harbour works will finish before the winter storms arrive",
    "nobody on the committee had seen the revised budget until Tuesday",
    "the ferry timetable would stay as it is for another season",
    "the new clinic needs twelve more nurses to open every evening",
    "we will publish every contract on the city website next month",
    "the bridge inspection found rust but no danger to traffic",
)
_NARRATION = (
    "The meeting ran late into the evening as residents queued at the microphone.",
    "Traffic on the coastal road was slowed by the roadworks for most of the week.",
    "Figures released on Monday showed a small rise in the number of visitors.",
    "Several shop owners closed early to attend the hearing at the town hall.",
)


def generate_document(size: int, seed: int = 4) -> tuple[str, list[Attribution]]:
    """A news-like text of about ``size`` characters and one record per quotation.

    Paragraphs alternate narration with a direct quotation (``"...," NAME CUE.``) or an
    indirect one (``NAME CUE that ...``); each record has its content, cue and speaker
    mention, as the extractor would propose them.
    """
    rng = random.Random(seed)
    parts: list[str] = []
    records: list[Attribution] = []
    length = 0
    while length < size:
        paragraph = rng.choice(_NARRATION) + " "
        name, cue, claim = rng.choice(_NAMES), rng.choice(_CUES), rng.choice(_CLAIMS)
        if rng.random() < 0.6:
            quoted = f'"{claim[0].upper()}{claim[1:]},"'
            content_at = length + len(paragraph)
            paragraph += f"{quoted} {name} {cue}."
            speaker_at = content_at + len(quoted) + 1
            cue_at = speaker_at + len(name) + 1
            content = Span(content_at, content_at + len(quoted))
            kind = QuoteType.DIRECT
        else:
            speaker_at = length + len(paragraph)
            cue_at = speaker_at + len(name) + 1
            paragraph += f"{name} {cue} that {claim}."
            content_at = cue_at + len(cue) + len(" that ")
            content = Span(content_at, content_at + len(claim))
            kind = QuoteType.INDIRECT
        records.append(
            Attribution(
                fragments=(content,),
                type=kind,
                cue=Span(cue_at, cue_at + len(cue)),
                speaker=Span(speaker_at, speaker_at + len(name)),
                speaker_name=name,
                rule="bench",
            )
        )
        paragraph += "\n\n"
        parts.append(paragraph)
        length += len(paragraph)
    return "".join(parts), records


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000.0


def time_open(window: MainWindow, document_id: int, other_id: int, runs: int) -> list[float]:
    """Seconds from ``set_document`` to the article view painted, ``runs`` times."""
    watch = PaintWatch(window.article_view.viewport())
    samples = []
    for _ in range(runs):
        if window.current.document_id != other_id:
            before = watch.paints
            window.current.set_document(other_id)
            watch.wait_for_paint(before)
        before = watch.paints
        started = time.perf_counter()
        window.current.set_document(document_id)
        watch.wait_for_paint(before)
        samples.append(time.perf_counter() - started)
    return samples


def time_first_record(
    window: MainWindow, document_id: int, other_id: int, runs: int
) -> list[float]:
    """Seconds from the next-record key, just after opening the document, to the
    view painted with that record emphasised (the first decision's wait)."""
    watch = PaintWatch(window.article_view.viewport())
    window.activateWindow()
    process_until(window.isActiveWindow)
    samples = []
    for _ in range(runs):
        for document in (other_id, document_id):
            if window.current.document_id != document:
                before = watch.paints
                window.current.set_document(document)
                watch.wait_for_paint(before)
        window.article_view.setFocus()
        before = watch.paints
        started = time.perf_counter()
        QTest.keyClick(window.article_view, Qt.Key.Key_J)
        watch.wait_for_paint(before)
        samples.append(time.perf_counter() - started)
        if window.current.attribution_id is None:
            raise RuntimeError("the next-record key selected no record")
    return samples


def time_baseline_open(text: str, other: str, runs: int) -> list[float]:
    """Seconds for a bare QPlainTextEdit to show ``text`` (no highlights), ``runs`` times."""
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.resize(880, 520)
    view.show()
    QTest.qWaitForWindowExposed(view)
    watch = PaintWatch(view.viewport())
    samples = []
    for _ in range(runs):
        view.setPlainText(other)
        watch.wait_for_paint(watch.paints)
        before = watch.paints
        started = time.perf_counter()
        view.setPlainText(text)
        watch.wait_for_paint(before)
        samples.append(time.perf_counter() - started)
    view.close()
    view.deleteLater()
    return samples


def time_accepts(
    window: MainWindow,
    path: Path,
    document_id: int,
    count: int,
    profiler: cProfile.Profile | None = None,
) -> tuple[list[float], list[float]]:
    """Seconds from the accept key to the committed row, and to the repaint after it.

    Starts at the first candidate and lets each accept move on to the next one; every
    accepted row is read back through a fresh connection. ``profiler``, if given, runs
    during the key presses only (the part the "committed row" figure times).
    """
    # The baseline's bare view took the focus window: shortcuts need ours active.
    window.activateWindow()
    if not process_until(window.isActiveWindow):
        raise RuntimeError("the main window could not be activated")
    window.current.set_document(document_id)
    application().processEvents()
    model = window.attribution_model
    first = next((a.id for a in model.attributions() if a.status == Status.CANDIDATE), None)
    if first is None:
        raise RuntimeError(f"document {document_id} has no candidate left to accept")
    window.current.set_attribution(first)
    view = window.article_view
    view.setFocus()
    watch = PaintWatch(view.viewport())
    committed: list[float] = []
    repainted: list[float] = []
    for _ in range(count):
        record_id = window.current.attribution_id
        assert record_id is not None
        application().processEvents()
        before = watch.paints
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        QTest.keyClick(view, Qt.Key.Key_A)
        if profiler is not None:
            profiler.disable()
        committed.append(time.perf_counter() - started)
        process_until(functools.partial(watch.painted_since, before), timeout_s=2.0)
        repainted.append(time.perf_counter() - started)
        with Store(path) as fresh:
            status = fresh.attribution(record_id).status
        if status != Status.ACCEPTED:
            raise RuntimeError(f"record {record_id} was not committed as accepted ({status})")
    return committed, repainted


def time_store_accepts(path: Path, document_id: int, count: int) -> list[float]:
    """Seconds for ``Store.accept_attribution`` alone on its own connection."""
    samples = []
    with Store(path) as store:
        pending = [
            a.id
            for a in store.attributions_for(document_id)
            if a.status == Status.CANDIDATE and a.id is not None
        ]
        for record_id in pending[-count:]:
            started = time.perf_counter()
            store.accept_attribution(record_id)
            samples.append(time.perf_counter() - started)
    return samples


def profile(label: str, call: Callable[[], object], top: int = 18) -> None:
    """Run ``call`` under cProfile and print the ``top`` functions."""
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    print_profile(label, profiler, top)


def print_profile(label: str, profiler: cProfile.Profile, top: int = 18) -> None:
    """Print the ``top`` functions of ``profiler`` by cumulative time, then half as
    many by own time (where the time is really spent)."""
    for order, count in (("cumulative", top), ("tottime", top // 2)):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(count)
        lines = out.getvalue().splitlines()
        # Drop pstats' header lines up to the table; keep the rows.
        start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        what = "cumulative time" if order == "cumulative" else "own time"
        print(f"\n--- cProfile: {label} (top {count} by {what}) ---")
        print("\n".join(line for line in lines[start:] if line.strip()))


def _label(size: int) -> str:
    return f"{size / 1000:.0f} kB" if size < 1_000_000 else f"{size / 1_000_000:.0f} MB"


def _verdict(name: str, value: float, unit: str = "ms") -> str:
    target = (TARGETS_MS if unit == "ms" else TARGETS_MB).get(name)
    if target is None:
        return ""
    return f"target <= {target:.0f} {unit}: {'met' if value <= target else 'MISSED'}"


#: One printed row: measure, value, baseline (None: none), verdict, unit.
Row = tuple[str, float, float | None, str, str]
#: The generated documents by size: text and records.
Documents = dict[int, tuple[str, list[Attribution]]]


def build_workspace(path: Path, sizes: list[int], other: str) -> tuple[Documents, dict[str, int]]:
    """Store a short ``other`` document and one generated document per size; returns
    the documents and the ids by title (``other`` and each size's label)."""
    documents = {size: generate_document(size, seed=size) for size in sizes}
    with Store(path) as store:
        import_articles(
            store, [Article(text=other, title="other", attributions=())], preannotate=False
        )
        import_articles(
            store,
            [
                Article(text=text, title=_label(size), attributions=tuple(records))
                for size, (text, records) in documents.items()
            ],
        )
        return documents, {s.title: s.id for s in store.document_summaries()}


def open_rows(
    window: MainWindow, documents: Documents, ids: dict[str, int], other: str, runs: int
) -> list[Row]:
    """The open and first-J figures of each document."""
    rows: list[Row] = []
    for size, (text, records) in documents.items():
        label = _label(size)
        opened = _median_ms(time_open(window, ids[label], ids["other"], runs))
        baseline = _median_ms(time_baseline_open(text, other, runs))
        name = f"open {label}"
        measure = f"{name} ({len(text):,} chars, {len(records):,} records)"
        rows.append((measure, opened, baseline, _verdict(name, opened), "ms"))
        first = time_first_record(window, ids[label], ids["other"], runs)
        rows.append((f"first J after open {label}", _median_ms(first), None, "", "ms"))
    return rows


def accept_rows(
    window: MainWindow, path: Path, documents: Documents, ids: dict[str, int], accepts: int
) -> list[Row]:
    """Each document's first decision (it moves the new document in progress), then the
    median of the accepts after it, committed and repainted."""
    rows: list[Row] = []
    for size, (_text, records) in documents.items():
        label = _label(size)
        if window.store.document(ids[label]).status is not DocumentStatus.NEW:
            raise RuntimeError(f"the {label} document was decided on before its first accept")
        count = min(accepts, len(records) // 2) + 1
        committed, repainted = time_accepts(window, path, ids[label], count)
        first, later = committed[0] * 1000.0, _median_ms(committed[1:])
        alone = _median_ms(time_store_accepts(path, ids[label], count))
        rows += [
            (f"first decision in {label} -> committed row", first, later, "", "ms"),
            (f"accept in {label} -> committed row", later, alone, _verdict("accept", later), "ms"),
            (f"accept in {label} -> repainted", _median_ms(repainted[1:]), None, "", "ms"),
        ]
    return rows


def memory_rows(path: Path, documents: Documents, ids: dict[str, int]) -> list[Row]:
    """Each document's peak resident memory while it opens in the window, against the
    bare view's (``bench.open_memory``, child processes); none where not measurable."""
    rows: list[Row] = []
    for size in documents:
        label = _label(size)
        window = measure_open_memory("window", path, ids[label])
        bare = measure_open_memory("bare", path, ids[label])
        if window is None or bare is None:
            continue
        name = f"open {label}"
        verdict = _verdict(name, window.peak, "MB")
        rows.append((f"peak RSS {name}", window.peak, bare.peak, verdict, "MB"))
        rows.append((f"RSS added by {name}", window.added, bare.added, "", "MB"))
    return rows


def profile_rows(
    window: MainWindow, path: Path, documents: Documents, ids: dict[str, int], accepts: int
) -> None:
    """cProfile the open of the largest document and more accepts in each."""
    largest, other = _label(max(documents)), ids["other"]

    def open_largest() -> None:
        window.current.set_document(other)
        application().processEvents()
        time_open(window, ids[largest], other, 1)

    profile(f"open {largest}", open_largest)
    for size, (_text, records) in documents.items():
        count = min(accepts, len(records) // 4)
        profiler = cProfile.Profile()
        time_accepts(window, path, ids[_label(size)], count, profiler)
        print_profile(f"{count} more accept keys in {_label(size)}", profiler)


def print_rows(rows: list[Row], runs: int, accepts: int) -> None:
    """The table of figures, each with its baseline and their ratio."""
    print(f"\nUI latency (median of {runs} opens, {accepts} accepts per document; offscreen Qt)")
    print(f"{'measure':<52} {'value':>10} {'baseline':>10} {'ratio':>7}  verdict")
    for name, value, base, verdict, unit in rows:
        base_text = f"{base:8.2f} {unit}" if base is not None else " " * 11
        ratio = f"{value / base:7.2f}" if base else " " * 7
        print(f"{name:<52} {value:7.2f} {unit} {base_text} {ratio}  {verdict}")
    print(
        "baselines: open = bare QPlainTextEdit.setPlainText of the same text until painted;"
        " first decision = the accepts after it (median);"
        " accept = Store.accept_attribution alone;"
        " RSS = a bare QPlainTextEdit showing the same text, in a child process like the"
        " window's (same imports), peak = VmHWM during the open, added = peak - before"
    )


def run(sizes: list[int], runs: int, accepts: int, with_profile: bool) -> int:
    """Build the workspace, run every measure, print the figures; returns an exit code."""
    application()
    other = "A short other document, shown between runs.\n"
    with workspace_file() as path, quiet_qt_warnings():
        documents, ids = build_workspace(path, sizes, other)
        rows = memory_rows(path, documents, ids)
        with Store(path) as store, open_window(store) as window:
            rows = open_rows(window, documents, ids, other, runs) + rows
            rows += accept_rows(window, path, documents, ids, accepts)
            if with_profile:
                profile_rows(window, path, documents, ids, accepts)
    print_rows(rows, runs, accepts)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=7, help="opens per document")
    parser.add_argument("--accepts", type=int, default=30, help="accept key presses per doc")
    parser.add_argument("--profile", action="store_true", help="cProfile the slow paths")
    args = parser.parse_args(argv)
    return run(args.sizes, args.runs, args.accepts, args.profile)


if __name__ == "__main__":
    sys.exit(main())
