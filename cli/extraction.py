"""Headless extraction commands: ``extract`` (predict) and ``evaluate`` (score).

``python app.py extract IN.jsonl > OUT.jsonl`` reads articles in the export schema
line by line (their annotations are ignored) and writes the same schema with the
extractor's attributions, one line per article as soon as it is done, so corpora of
any size stream through in constant memory. When the workspace (``--db``, or the
default one when it exists) holds a learned model (``app.py train``), ``extract``
suggests with the rules and the model together; ``--no-model`` gives the rules alone,
and so does a workspace without a model, byte for byte as before models existed.
``python app.py evaluate GOLD PRED`` prints the metrics of ``quotes.evaluate`` as a
table, or as JSON with ``--json``.

Both run in the calling thread and return a process exit code: 0 on success, 1 when
some lines were rejected (each named on stderr by file and line; the rest is
processed), 2 when nothing could be done.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, TextIO

from cli.arguments import positive_int
from cli.line_extraction import (
    LineError,
    default_jobs,
    parse_line,
    predict_in_parallel,
    predict_record,
)
from cli.workspace_guard import inspect_workspace_file, workspace_refusal
from jobs.training import ModelFormatError, decode_model, describe_model
from quotes.evaluate import format_table, score_records
from quotes.learning import TrainedModel
from quotes.lexicon import Lexicon
from quotes.records import RecordError, attribution_from_record
from storage.models import read_stored_model

__all__ = ["add_subcommands", "predict_record", "read_records", "run_evaluate", "run_extract"]


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``extract`` and ``evaluate`` on the app's sub-command parser."""
    extractor = subparsers.add_parser(
        "extract",
        help="run the extractor over a JSONL file and write its predictions",
        description=(
            "Read articles in the JSONL export schema (annotations are ignored) and write "
            "the schema with the predicted attributions to standard output."
        ),
    )
    extractor.add_argument("input", type=Path, metavar="IN.jsonl")
    extractor.add_argument(
        "--jobs",
        type=positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: all cores); the output is the same for any N",
    )
    add_no_model_option(extractor)
    extractor.set_defaults(func=_extract_command)

    evaluator = subparsers.add_parser(
        "evaluate",
        help="score predicted attributions against gold ones",
        description=(
            "Overlap precision and recall (overall and per type), exact-match F1, cue and "
            "speaker accuracy and full attribution F1, as defined for the gold data."
        ),
    )
    evaluator.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    evaluator.add_argument("predicted", type=Path, metavar="PRED.jsonl")
    evaluator.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluator.set_defaults(func=_evaluate_command)


def add_no_model_option(parser: argparse.ArgumentParser) -> None:
    """``--no-model`` on a command that suggests (``extract``, ``import``).

    Its default is suppressed so that the global ``--no-model`` (before the command)
    is not overwritten: either place works.
    """
    parser.add_argument(
        "--no-model",
        action="store_true",
        default=argparse.SUPPRESS,
        help=(
            "suggest with the rules alone, ignoring the workspace's learned model "
            "(app.py train); without a model the rules alone are used anyway"
        ),
    )


def _extract_command(args: argparse.Namespace) -> int:
    try:
        model = extraction_model(args)
    except (ModelFormatError, _Refusal) as error:
        hint = (
            "; or add --no-model for the rules alone" if isinstance(error, ModelFormatError) else ""
        )
        print(f"error: {error}{hint}", file=sys.stderr)
        return 2
    return run_extract(
        args.input,
        sys.stdout,
        jobs=args.jobs,
        lexicon=getattr(args, "cue_lexicon", None),
        model=model,
    )


class _Refusal(Exception):
    """The ``--db`` given to ``extract`` is no workspace to read a model from."""


def extraction_model(args: argparse.Namespace) -> TrainedModel | None:
    """The learned model ``extract`` suggests with: the workspace's, or None.

    None with ``--no-model``, when the workspace has no model, and when no ``--db``
    was given and the default workspace does not exist (extraction needs no
    workspace). A ``--db`` that is no workspace is refused, since it was named to
    supply a model. The workspace is read, never created or migrated. When a model
    is used, a note on standard error says so.

    :raises ModelFormatError: for a damaged model or one from a newer version.
    """
    from storage.workspace import default_workspace_path

    if getattr(args, "no_model", False):
        return None
    db = getattr(args, "db", None)
    default = db is None or getattr(args, "db_is_default", False)
    db = db or default_workspace_path()
    if default:
        if inspect_workspace_file(db).kind != "workspace":
            return None
    else:
        refusal = workspace_refusal(db, may_create=False)
        if refusal is not None:
            raise _Refusal(refusal + "; or add --no-model")
    stored = read_stored_model(db)
    if stored is None:
        return None
    model = decode_model(stored, db)
    print(
        f"note: suggesting with the rules and the learned model of {db} "
        f"({describe_model(stored)}); --no-model for the rules alone",
        file=sys.stderr,
    )
    return model


def _evaluate_command(args: argparse.Namespace) -> int:
    return run_evaluate(args.gold, args.predicted, args.json, sys.stdout)


class TextSink(Protocol):
    """Where messages are written: a text stream or anything with its ``write``."""

    def write(self, text: str, /) -> object: ...


def read_records(path: Path, errors: TextSink) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, record)`` for each valid line of a JSONL file.

    A line that is not a JSON object with a string ``text`` is reported on ``errors``
    as ``file:line: reason`` and skipped. Blank lines are ignored.
    """
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = parse_line(line)
            except LineError as error:
                print(f"{path}:{number}: {error}", file=errors)
                continue
            yield number, record


def run_extract(
    in_path: Path,
    out_stream: TextIO,
    errors: TextIO | None = None,
    jobs: int | None = None,
    lexicon: Lexicon | None = None,
    model: TrainedModel | None = None,
) -> int:
    """Write one prediction line to ``out_stream`` per valid article of ``in_path``.

    Lines stream through in input order and bounded memory: one at a time with
    ``jobs`` 1, a few batches per worker process otherwise (default: all cores). The
    output is byte-identical for any ``jobs``. ``lexicon`` (None: the shipped cues) and
    ``model`` (a learned model beside the rules; None: the rules alone) are handed to
    the workers explicitly.

    :returns: 0 when every line was used, 1 when some were rejected (named on
        ``errors``, standard error by default), 2 when the file cannot be read.
    """
    counter = _ErrorCounter(errors or sys.stderr)
    try:
        records = (
            (record, f"{in_path.name}:{number}")
            for number, record in read_records(in_path, counter)
        )
        count = jobs if jobs is not None else default_jobs()
        for line in predict_in_parallel(records, count, lexicon, model):
            out_stream.write(line)
            out_stream.write("\n")
    except OSError as error:
        print(f"error: {in_path}: {error.strerror or error}", file=counter)
        return 2
    except UnicodeDecodeError as error:
        print(f"error: {in_path}: not UTF-8 text ({error.reason})", file=counter)
        return 2
    return 1 if counter.count else 0


def run_evaluate(gold_path: Path, pred_path: Path, as_json: bool, out_stream: TextIO) -> int:
    """Print the scores of ``pred_path`` against ``gold_path`` as a table or JSON.

    :returns: 0 on success, 1 when some lines or quotes were rejected (they are left
        out), 2 when a file cannot be opened.
    """
    for path in (gold_path, pred_path):
        if not path.is_file():
            print(f"error: {path}: no such file", file=sys.stderr)
            return 2
    errors = _ErrorCounter(sys.stderr)
    records: list[list[dict[str, Any]]] = []
    for path in (gold_path, pred_path):
        try:
            records.append(
                [
                    _checked(path=path, number=n, record=r, errors=errors)
                    for n, r in read_records(path, errors)
                ]
            )
        except OSError as error:
            print(f"error: {path}: {error.strerror or error}", file=sys.stderr)
            return 2
        except UnicodeDecodeError as error:
            print(f"error: {path}: not UTF-8 text ({error.reason})", file=sys.stderr)
            return 2
    gold, predicted = records
    scores = score_records(gold, predicted)
    if as_json:
        out_stream.write(json.dumps(scores.as_dict(), indent=2) + "\n")
    else:
        out_stream.write(format_table(scores) + "\n")
    for key in scores.unmatched_articles:
        print(
            f"warning: article {key}: texts differ, its predictions were ignored", file=sys.stderr
        )
    return 1 if errors.count else 0


class _ErrorCounter:
    """A text stream that counts the messages written to it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.count = 0

    def write(self, message: str) -> int:
        if message.strip():
            self.count += 1
        return self.stream.write(message)

    def flush(self) -> None:
        self.stream.flush()


def _checked(
    *, path: Path, number: int, record: dict[str, Any], errors: _ErrorCounter
) -> dict[str, Any]:
    """The record with only the quotes whose offsets fit its text; others are reported."""
    text_length = len(record["text"])
    kept = []
    quotes = record.get("quotes") or []
    if not isinstance(quotes, list):
        print(f"{path}:{number}: 'quotes' must be a list of quote objects", file=errors)
        quotes = []
    for index, quote in enumerate(quotes):
        problem = _quote_problem(quote, text_length)
        if problem:
            print(f"{path}:{number}: quotes[{index}]: {problem}", file=errors)
            continue
        kept.append(quote)
    return {**record, "quotes": kept}


def _quote_problem(quote: Any, text_length: int) -> str | None:
    """Why a quote record cannot be scored, or None when it can."""
    try:
        attribution_from_record(quote, text_length)
    except RecordError as error:
        return str(error)
    return None
