"""Benchmark of the extraction engine on the gold development set.

Run: ``.venv/bin/python bench/extraction.py [GOLD.jsonl]`` (or ``-m bench.extraction``;
default ``../shared/gold/dev.jsonl``).
Prints the quality figures of ``quotes.evaluate`` on the speech attributions and the
throughput of ``quotes.extract.extract`` (CPU time of this one process, best of three
rounds) beside a plain quotation-mark regex scan of the same texts in the same run (the
ratio is what to compare across machines).
Skips with a message when the gold file is absent. Nothing of the gold data is stored.

``--growth`` instead prints throughput against article length (1 kB to 5 MB; ``--max-mb``
for a quicker run), on one core, beside the same regex scan of the same text: articles
are built by concatenating the dev texts when /work/shared exists (else the project's
sample articles and the seed), so the figure shows how extraction scales with
length (ideally flat), not the speed of any one text.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Run as a script (``bench/extraction.py``), the project root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotes.evaluate import format_table, score_records
from quotes.extract import extract
from quotes.records import attribution_to_record

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
SAMPLES = ROOT / "storage" / "samples"
GROWTH_LENGTHS = (1_000, 10_000, 100_000, 1_000_000, 5_000_000)
_BASELINE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")


ROUNDS = 3


def _extract_copies(text: str, copies: int) -> None:
    """Run the engine on ``copies`` copies of ``text``: the timed body of one round."""
    for _ in range(copies):
        extract(text)


def _scan_copies(text: str, copies: int) -> None:
    """Run the baseline regex over ``copies`` copies of ``text``."""
    for _ in range(copies):
        sum(1 for _ in _BASELINE.finditer(text))


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


def growth_source() -> tuple[str, str]:
    """The articles the growth texts are cut from, separated by blank lines, and what
    they are: the dev texts when the shared data is there (many distinct speakers, as
    in a real long text), else the project's sample articles and the seed."""
    if DEFAULT_GOLD.exists():
        with DEFAULT_GOLD.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["text"].strip() for line in lines if line.strip()]
        return "\n\n".join(texts), f"the {len(texts)} texts of {DEFAULT_GOLD.name}"
    bodies = [
        path.read_text(encoding="utf-8").partition("\n")[2].strip()
        for path in sorted(SAMPLES.glob("*.txt"))
    ]
    if SEED.exists():
        bodies.append(SEED.read_text(encoding="utf-8").strip())
    return "\n\n".join(bodies), "the sample articles and the seed"


def article_of_length(source: str, length: int) -> str:
    """Whole paragraphs of ``source``, repeated, up to about ``length`` characters."""
    text = (source + "\n\n") * (length // (len(source) + 2) + 1)
    cut = text.rfind("\n\n", 0, length)
    return text[:cut] if cut > length // 2 else text[:length]


def run_growth(max_megabytes: float) -> int:
    """Print extraction MB/s at each length up to ``max_megabytes``; exit code 0."""
    source, origin = growth_source()
    extract("warm-up: the lexicon and tokenizer are built once.")
    print(f"source: {len(source):,} characters ({origin}), cut or repeated to each length")
    print(f"{'length':>10}  {'engine MB/s':>11}  {'regex MB/s':>10}  {'engine / regex':>14}")
    for length in GROWTH_LENGTHS:
        if length > max_megabytes * 1e6:
            break
        text = article_of_length(source, length)
        megabytes = len(text.encode("utf-8")) / 1e6
        # Short texts are timed on many copies so the clock resolution does not matter.
        # Every length is the best of the same number of rounds: on a shared machine a
        # single round of the long texts against the best of three of the short ones
        # read as a slowdown with length that was only the other processes.
        copies = max(1, 200_000 // length)
        engine = _best_time(functools.partial(_extract_copies, text, copies), ROUNDS) / copies
        scan = _best_time(functools.partial(_scan_copies, text, copies), ROUNDS)
        engine_rate, regex_rate = megabytes / engine, megabytes / (scan / copies)
        print(
            f"{megabytes * 1000:>8.0f}kB  {engine_rate:>11.2f}  {regex_rate:>10.1f}  "
            f"{engine_rate / regex_rate:>14.5f}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument(
        "--growth", action="store_true", help="MB/s against article length (1 kB to 5 MB)"
    )
    parser.add_argument(
        "--max-mb", type=float, default=5.0, help="longest article of --growth, in MB"
    )
    args = parser.parse_args(argv)
    if args.growth:
        return run_growth(args.max_mb)
    return run(args.gold)


if __name__ == "__main__":
    sys.exit(main())
