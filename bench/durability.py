"""Kill an annotating process mid-stream, again and again; count what it lost.

Usage::

    .venv/bin/python bench/durability.py             # 20 kills during 1,000 accepts
    .venv/bin/python bench/durability.py --kills 50  # more

A workspace with one document of 1,000 candidate records is made once. For each
run a fresh copy of it (SQLite's backup API) is given to a child process that
accepts the records one by one through ``Store.accept_attribution`` and prints
each id once the call has returned (the action was acknowledged: the GUI would
now show it as accepted). After a random time the child gets SIGKILL. Then the
copy is checked: ``PRAGMA integrity_check`` must say ``ok``, and every
acknowledged record must be stored as accepted (otherwise it was lost).

Baseline from the same run: one child first accepts all 1,000 records unkilled,
which times the stream; each kill then comes at a random 5-95 % of that time, so
it lands mid-stream. Goal (issue 16): 0 lost, integrity ok every time.
"""

from __future__ import annotations

import argparse
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobs.importing import import_articles  # noqa: E402
from quotes.model import Article, Attribution, QuoteType, Span, Status  # noqa: E402
from storage.store import Store  # noqa: E402

RECORDS = 1000

# The child: accept every candidate in order, acknowledging each on stdout.
_CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from storage.store import Store

with Store(sys.argv[2], annotator="bench") as store:
    print("ready", flush=True)
    for attribution_id in map(int, sys.argv[3].split(",")):
        store.accept_attribution(attribution_id)
        print(attribution_id, flush=True)
"""


def make_workspace(path: Path) -> list[int]:
    """One document with ``RECORDS`` candidate records; their ids in text order."""
    sentence = '"We will finish the bridge," the mayor said. '
    text = sentence * RECORDS
    records = tuple(
        Attribution(
            fragments=(Span(n * len(sentence) + 1, n * len(sentence) + 26),),
            type=QuoteType.DIRECT,
            status=Status.CANDIDATE,
        )
        for n in range(RECORDS)
    )
    with Store(path) as store:
        import_articles(store, [Article(text=text, title="durability", attributions=records)])
        [summary] = store.document_summaries()
        return [a.id for a in store.attributions_for(summary.id) if a.id is not None]


def copy_workspace(source: Path, target: Path) -> None:
    """A consistent copy of ``source`` (WAL included), as a fresh workspace."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)


def one_run(
    template: Path, folder: Path, ids: list[int], delay: float | None, number: int
) -> tuple[int, int, str, float]:
    """Kill a child after ``delay`` s of accepting (None: let it finish); return
    (acknowledged, lost, integrity, seconds from ready to the end)."""
    workspace = folder / f"run-{number}.sqlite"
    copy_workspace(template, workspace)
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(ROOT), str(workspace), ",".join(map(str, ids))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    if delay is not None:
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    child.wait()
    seconds = time.perf_counter() - start
    acknowledged = [int(line) for line in child.stdout.read().split() if line.isdigit()]
    connection = sqlite3.connect(workspace)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        accepted = {
            row[0]
            for row in connection.execute("SELECT id FROM attributions WHERE status = 'accepted'")
        }
    finally:
        connection.close()
    lost = sum(1 for attribution_id in acknowledged if attribution_id not in accepted)
    return len(acknowledged), lost, integrity, seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="runs, each ended by SIGKILL")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-durability-") as temp:
        folder = Path(temp)
        template = folder / "template.sqlite"
        ids = make_workspace(template)
        done, _, _, stream = one_run(template, folder, ids, None, -1)
        print(f"  baseline: {done} accepts unkilled in {stream:.2f} s ({done / stream:,.0f}/s)")
        total_acknowledged = total_lost = 0
        bad_integrity = 0
        for number in range(args.kills):
            delay = rng.uniform(0.05, 0.95) * stream
            acknowledged, lost, integrity, _ = one_run(template, folder, ids, delay, number)
            total_acknowledged += acknowledged
            total_lost += lost
            bad_integrity += integrity != "ok"
            print(
                f"  kill {number + 1:>3} after {delay:4.2f} s: {acknowledged:>4} acknowledged, "
                f"{lost} lost, integrity {integrity}"
            )
    print(
        f"{args.kills} SIGKILLs during {RECORDS} accepts: {total_acknowledged} acknowledged "
        f"accepts checked, {total_lost} lost, integrity_check not ok {bad_integrity} times"
    )
    print("  goal: 0 lost, integrity ok every time")


if __name__ == "__main__":
    main()
