"""Benchmark of the extraction engine on the gold development set.

Run: ``.venv/bin/python -m bench.extraction [GOLD.jsonl]`` (default ``../shared/gold/dev.jsonl``).
Prints the quality figures of ``quotes.evaluate`` on the speech attributions and the
throughput of ``quotes.extract.extract`` (CPU time of this one process, best of three
rounds) beside a plain quotation-mark regex scan of the same texts in the same run (the
ratio is what to compare across machines).
Skips with a message when the gold file is absent. Nothing of the gold data is stored.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from quotes.evaluate import format_table, score_records
from quotes.extract import extract
from quotes.records import attribution_to_record

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev.jsonl"
_BASELINE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")


ROUNDS = 3


def _best_time(work: Callable[[], object], rounds: int) -> float:
    """The least CPU time ``work`` took over ``rounds`` runs, in seconds."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def run(gold_path: Path) -> int:
    """Print figures for ``gold_path``; returns a process exit code."""
    if not gold_path.exists():
        print(f"skipped: {gold_path} not found (the gold data lives outside the project)")
        return 0
    with gold_path.open(encoding="utf-8") as lines:
        gold = [json.loads(line) for line in lines if line.strip()]
    texts = [record["text"] for record in gold]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    extract("warm-up: the lexicon and tokenizer are built once.")
    extractions = [extract(text) for text in texts]
    # CPU time of one process (one core), best of a few rounds: other processes on a
    # shared machine only ever make a round slower, never faster.
    engine_seconds = _best_time(lambda: [extract(text) for text in texts], ROUNDS)
    regex_seconds = _best_time(
        lambda: [sum(1 for _ in _BASELINE.finditer(text)) for text in texts], ROUNDS
    )

    predicted = [
        {
            "id": record["id"],
            "text": record["text"],
            "quotes": [attribution_to_record(a) for a in extraction.attributions],
        }
        for record, extraction in zip(gold, extractions, strict=True)
    ]
    scores = score_records(gold, predicted)
    print(f"gold: {gold_path} ({len(gold)} articles, {megabytes:.2f} MB)")
    print(format_table(scores))
    engine_rate = megabytes / engine_seconds
    regex_rate = megabytes / regex_seconds
    print(f"{'throughput (engine)'.ljust(24)}  {engine_rate:.2f} MB/s ({engine_seconds:.2f} s)")
    print(f"{'throughput (regex scan)'.ljust(24)}  {regex_rate:.2f} MB/s ({regex_seconds:.3f} s)")
    print(f"{'engine / regex'.ljust(24)}  {engine_rate / regex_rate:.4f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    return run(parser.parse_args(argv).gold)


if __name__ == "__main__":
    sys.exit(main())
