"""Measure the team features of issue 10 and print their figures.

Usage::

    .venv/bin/python bench/team.py              # median of 5 runs
    .venv/bin/python bench/team.py --runs 9
    .venv/bin/python bench/team.py --trace      # also each adjudicated disagreement's keys

Agreement time: ``quotes.agreement.measure_agreement`` on the six annotators' files
of ``../shared/gold/multi`` (16 PolNeAR articles; skipped with a message when the
folder is absent), timed ``--runs`` times after one warm-up run; the median is shown
(the machine may be shared). The baseline from the same run is plain ``json.loads``
of the same files, so that the ratio is comparable across machines. Target: < 2 s.

The figures (token alpha, pairwise content F1, cue / speaker / type agreement) are
printed beside the reference of an independent implementation (0.771 and 0.777),
then majority adjudication: its time, its counts, and whether the majority gold
agrees with the annotators at least as well as they agree with each other.

Actions per adjudicated disagreement: a scripted adjudicator walks the GUI's
adjudication mode on real widgets, as bench/efficiency.py does (``bench/team_adjudication.py``
says how it chooses; goal <= 1.5; ``--trace`` prints every key per disagreement).

Collect throughput (``bench/team_collect.py``): the dev texts assigned to three
annotators, two per document, every suggestion accepted, then ``collect`` of the three
files timed against a plain import of the same texts. Each section is one function
called from ``main``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.team_adjudication import report_actions
from bench.team_collect import report_collect
from quotes.agreement import adjudicate_majority, compare_gold, measure_agreement

MULTI = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "multi"
DEV = MULTI.parent / "dev.jsonl"
REFERENCE = {"token_alpha": 0.771, "content_F1_pairwise": 0.777}
TARGET_SECONDS = 2.0

Layers = dict[str, list[dict[str, Any]]]


def read_layers(folder: Path) -> Layers:
    """One layer per ``annotator_<code>.jsonl`` file of ``folder``."""
    return {
        path.stem.removeprefix("annotator_"): [
            json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line
        ]
        for path in sorted(folder.glob("annotator_*.jsonl"))
    }


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``action``, after one warm-up call."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report_agreement(layers: Layers, texts: list[str], runs: int) -> None:
    """Agreement time against its json.loads baseline, then the figures."""
    baseline = median_seconds(lambda: [json.loads(line) for line in texts], runs)
    seconds = median_seconds(lambda: measure_agreement(layers), runs)
    report = measure_agreement(layers).as_dict()
    verdict = "ok" if seconds < TARGET_SECONDS else "TOO SLOW"
    print(f"agreement time     {seconds:.3f} s (target < {TARGET_SECONDS:.0f} s: {verdict})")
    print(f"  json.loads baseline {baseline:.3f} s: agreement = {seconds / baseline:.1f}x parsing")
    print(f"  {len(layers)} annotators, {report['documents']} shared documents")
    for key, reference in REFERENCE.items():
        value = report[key]
        print(
            f"{key:<20} {value:.4f} (reference {reference}, diff {value - reference:+.4f}; "
            f"{report['items'][key]} items)"
        )
    for key in ("cue_agreement", "speaker_agreement", "type_agreement"):
        figure = report[key]
        print(
            f"{key:<20} share {figure['share']:.4f}  kappa {figure['kappa']:.4f}  "
            f"({figure['items']} matched pairs)"
        )
    worst = report["documents_by_disagreement"][0]
    print(f"most disagreement   {worst['id']} ({worst['disagreement']:.3f})")


def report_adjudication(layers: Layers, runs: int) -> None:
    """Majority adjudication time and counts; the majority gold against the annotators."""
    seconds = median_seconds(lambda: adjudicate_majority(layers), runs)
    result = adjudicate_majority(layers)
    counts = result.summary()
    print(
        f"majority adjudication {seconds:.3f} s: {counts['gold_attributions']} gold attributions, "
        f"{counts['disagreements']} disagreements left"
    )
    figures = compare_gold(layers, result.gold).as_dict()
    print(
        f"  content F1: gold vs annotators {figures['gold_content_F1']:.4f}, "
        f"annotators among themselves {figures['annotators_content_F1']:.4f}"
    )
    print(
        f"  token alpha: gold vs annotators {figures['gold_token_alpha']:.4f}, "
        f"annotators among themselves {figures['annotators_token_alpha']:.4f}"
    )
    print(f"  gold agrees at least as well: {figures['gold_agrees_at_least_as_well']}")


def report_multi(runs: int, *, trace: bool = False) -> None:
    """The sections that read the multi files, or a skip message without them."""
    if not MULTI.is_dir() or not any(MULTI.glob("annotator_*.jsonl")):
        print(f"agreement, adjudication and its actions: skipped, no annotator files in {MULTI}")
        return
    texts = [
        line
        for path in sorted(MULTI.glob("annotator_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]
    layers = read_layers(MULTI)
    report_agreement(layers, texts, runs)
    report_adjudication(layers, runs)
    report_actions(layers, trace=trace)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument("--trace", action="store_true", help="print each disagreement's keys")
    parser.add_argument(
        "--documents", type=int, default=487, help="dev texts assigned for collect throughput"
    )
    arguments = parser.parse_args()
    report_multi(arguments.runs, trace=arguments.trace)
    report_collect(DEV, arguments.documents)


if __name__ == "__main__":
    main()
