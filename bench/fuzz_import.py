"""Feed ``app.py import`` garbled files by the thousand; count the tracebacks.

Usage::

    .venv/bin/python bench/fuzz_import.py                  # 1,200 inputs
    .venv/bin/python bench/fuzz_import.py --inputs 5000

Each input is one file (JSONL, CSV, TSV, a brat ``.txt``/``.ann`` pair, HTML or
plain text) made from a valid sample of its format, written here, and then garbled
with a seeded random generator: quotes, brackets, escapes (``\\u0000``,
``\\ud800``), NUL and invalid UTF-8 bytes, every kind of line end and a byte-order
mark inserted; bytes deleted; the tail cut; a line of deep nesting added. Each is
imported through the real command line (``quote_annotator.command_line.main``,
with pre-annotation) into one workspace per format.

The garbled JSONL files also go through ``extract`` and ``evaluate``, which read
JSONL lines with a reader of their own.

Counted: inputs whose import (or extract, evaluate) raised an exception out of the
command or printed a ``Traceback`` (the goal is 0), the exit codes (0 all imported,
1 some records rejected, 2 nothing could be done), and ``PRAGMA integrity_check`` of
every workspace at the end. Baseline from the same run: the same number of the valid
samples, ungarbled, all imported with exit code 0 (so the command works at all).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import random
import sqlite3
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quote_annotator.command_line import main as app_main  # noqa: E402

# The pieces readers find hardest.
NASTY = [
    b'"', b"'", b",", b";", b"\t", b"\n", b"\r\n", b"\r", b"\x00", b"\xff", b"\xc3",
    b"\xef\xbb\xbf", b"{", b"}", b"[", b"]", b"\\", b"\\u0000", b"\\ud800", b"\\udc80",
    b"NaN", b"<", b">", b"&", b"T1", b"E1", b"R1", b"A1", b"#1", b"<!--", b"<script>",
]  # fmt: skip

TEXTS = [
    '"We will reopen the bridge in May," the mayor said on Monday.',
    "Residents complained that the detour added an hour to their commute.",
    'According to the council, the works cost "far more than planned".',
    "The minister said nothing new today, officials said.",
]


def _jsonl(rng: random.Random) -> dict[str, bytes]:
    lines = []
    for n in range(rng.randrange(1, 6)):
        text = rng.choice(TEXTS)
        record: dict[str, object] = {"id": f"r{n}", "text": text, "title": f"T{n}"}
        if rng.random() < 0.5:
            record["quotes"] = [{"start": 1, "end": 20, "type": "direct"}]
        if rng.random() < 0.3:
            record["meta"] = {"tags": [1, 2.5, None, "x"]}
        lines.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
    return {"in.jsonl": ("\n".join(lines) + "\n").encode("utf-8")}


def _csv(rng: random.Random) -> dict[str, bytes]:
    sep = rng.choice([",", "\t"])
    rows = [sep.join(["id", "title", "text"])]
    for n in range(rng.randrange(1, 6)):
        text = rng.choice(TEXTS).replace('"', '""')
        rows.append(sep.join([str(n), f"T{n}", f'"{text}"']))
    return {"in.csv" if sep == "," else "in.tsv": ("\n".join(rows) + "\n").encode("utf-8")}


def _brat(rng: random.Random) -> dict[str, bytes]:
    text = rng.choice(TEXTS)
    # The cue lies after the content: a quotation may not cover its own cue.
    ann = "T1\tContent 1 20\t" + text[1:20] + "\nT2\tCue 21 25\t" + text[21:25] + "\n"
    ann += "E1\tAttribution:T1 Content:T1 Cue:T2\nA1\tStatus E1 accepted\n"
    return {"doc.txt": text.encode("utf-8"), "doc.ann": ann.encode("utf-8")}


def _html(rng: random.Random) -> dict[str, bytes]:
    body = "".join(f"<p>{text}</p>" for text in rng.sample(TEXTS, 2))
    page = f"<html><head><title>News</title></head><body><article>{body}</article></body></html>"
    return {"page.html": page.encode("utf-8")}


def _text(rng: random.Random) -> dict[str, bytes]:
    return {"story.txt": "\n\n".join(rng.sample(TEXTS, 3)).encode("utf-8")}


MAKERS = {"jsonl": _jsonl, "csv": _csv, "brat": _brat, "html": _html, "text": _text}


def garble(data: bytes, rng: random.Random) -> bytes:
    """``data`` with a few nasty pieces inserted, bytes deleted, the tail cut or a line
    of deep nesting added."""
    out = bytearray(data)
    for _ in range(rng.randrange(1, 7)):
        at = rng.randrange(len(out) + 1)
        action = rng.random()
        if action < 0.55:
            piece = rng.choice(NASTY) if rng.random() < 0.8 else rng.randbytes(rng.randrange(1, 4))
            out[at:at] = piece
        elif action < 0.85 and out:
            del out[at : at + rng.randrange(1, 5)]
        elif action < 0.95:
            del out[at:]
        else:
            out[at:at] = b"\n" + b"[" * rng.choice([50, 1000, 100_000]) + b"\n"
    return bytes(out)


def import_once(files: dict[str, bytes], folder: Path, db: Path) -> tuple[int | None, str]:
    """Write ``files`` into a fresh ``folder`` and import it; (exit code, traceback or "")."""
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return run_command(["--db", str(db), "import", str(folder)])


def run_command(argv: list[str]) -> tuple[int | None, str]:
    """Run the command line on ``argv``; (exit code, traceback or "")."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = app_main(argv)
    except BaseException:  # what the fuzz looks for: anything escaping the command
        return None, traceback.format_exc()
    printed = err.getvalue()
    return code, printed[printed.index("Traceback") :] if "Traceback" in printed else ""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1200, help="garbled inputs (>= 1000)")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    kinds = list(MAKERS)
    with tempfile.TemporaryDirectory(prefix="bench-fuzz-") as temp:
        root = Path(temp)
        baseline_codes: collections.Counter[int | None] = collections.Counter()
        for number in range(len(kinds) * 4):
            kind = kinds[number % len(kinds)]
            code, _ = import_once(
                MAKERS[kind](rng), root / "valid" / str(number), root / f"valid-{kind}.sqlite"
            )
            baseline_codes[code] += 1
        codes: collections.Counter[int | None] = collections.Counter()
        line_codes: collections.Counter[int | None] = collections.Counter()
        tracebacks: list[tuple[str, str]] = []
        start = time.perf_counter()
        for number in range(args.inputs):
            kind = kinds[number % len(kinds)]
            files = {name: garble(data, rng) for name, data in MAKERS[kind](rng).items()}
            folder = root / "in" / str(number)
            code, trace = import_once(files, folder, root / f"{kind}.sqlite")
            codes[code] += 1
            if trace:
                tracebacks.append((kind, trace))
            if kind == "jsonl":  # extract and evaluate read JSONL lines of their own
                garbled = str(folder / "in.jsonl")
                for argv in (["extract", "--jobs", "1", garbled], ["evaluate", garbled, garbled]):
                    code, trace = run_command(argv)
                    line_codes[code] += 1
                    if trace:
                        tracebacks.append((argv[0], trace))
        seconds = time.perf_counter() - start
        integrity = {}
        for db in sorted(root.glob("*.sqlite")):
            with contextlib.closing(sqlite3.connect(db)) as connection:
                integrity[db.stem] = connection.execute("PRAGMA integrity_check").fetchone()[0]
    print(
        f"baseline: {sum(baseline_codes.values())} valid inputs, exit codes "
        f"{dict(sorted(baseline_codes.items(), key=str))}"
    )
    print(
        f"{args.inputs} garbled inputs ({', '.join(kinds)}) imported in {seconds:.1f} s: "
        f"{len(tracebacks)} tracebacks; exit codes {dict(sorted(codes.items(), key=str))}"
    )
    print(
        f"  the {line_codes.total() // 2} garbled JSONL files through extract and evaluate: "
        f"exit codes {dict(sorted(line_codes.items(), key=str))} (tracebacks counted above)"
    )
    bad = [name for name, result in integrity.items() if result != "ok"]
    print(f"  integrity_check ok for {len(integrity) - len(bad)} of {len(integrity)} workspaces")
    for kind, trace in tracebacks[:3]:
        print(f"  {kind}: {trace.strip().splitlines()[-1]}")
    print("  goal: 0 tracebacks")


if __name__ == "__main__":
    main()
