"""``train``: teach the workspace's model from its accepted records.

``python app.py --db W train [--annotator NAME]`` trains on W's accepted records
(everyone's, the adjudicated gold layer first, or NAME's; see
``jobs.training.training_records``), prints the training-set size, the cross-validated scores
and the time, and stores the model inside W in place of the previous one. From then
on ``import``, ``extract`` and the GUI's Re-suggest suggest with the rules and the
model together (``--no-model`` on ``import`` and ``extract``: the rules alone).

``python app.py --db W [--annotator NAME] uncertain [--limit N] [--json]`` is active
learning's queue: it scores the unreviewed documents of the layer that have no score
yet by the model's uncertainty (``jobs.scoring``) and prints the most uncertain
first, the order in which the GUI's "Next document by model uncertainty" opens them.

Runs in the calling thread; exit codes as everywhere: 0 done, 2 nothing done
(too few accepted records, no model, a workspace that cannot be used), with one
``error:`` line and the previous model left in place.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import TextIO

from cli.arguments import positive_int, whole_number
from jobs.scoring import score_unreviewed
from jobs.training import (
    DEFAULT_FOLDS,
    TrainingError,
    describe_training,
    train_workspace,
    workspace_model,
)
from quotes.learning import MIN_RECORDS, ModelFormatError
from storage.store import Store


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``train`` and ``uncertain`` on the app's sub-command parser."""
    trainer = subparsers.add_parser(
        "train",
        help="learn a model from the workspace's accepted records and store it there",
        description=(
            "Train a sequence model (a CRF) on the accepted records of the workspace "
            f"(at least {MIN_RECORDS}), cross-validate it by document against the rules "
            "alone, and store it in the workspace, replacing the previous one. import, "
            "extract and Re-suggest then combine the rules with it; give them --no-model "
            "for the rules alone."
        ),
    )
    trainer.add_argument(
        "--annotator",
        dest="train_annotator",
        default=None,
        metavar="NAME",
        help=(
            "learn from this annotator's accepted records only: their layer, and their "
            "decisions in the shared layer (default: everyone's, the gold layer first)"
        ),
    )
    trainer.add_argument(
        "--folds",
        type=_folds,
        default=DEFAULT_FOLDS,
        metavar="K",
        help=(
            f"cross-validation folds by document (default: {DEFAULT_FOLDS}; 0 skips it, "
            "which trains faster and reports no scores)"
        ),
    )
    trainer.set_defaults(func=run_train)

    queue = subparsers.add_parser(
        "uncertain",
        help="list the unreviewed documents the learned model is least sure of",
        description=(
            "Active learning: score the unreviewed documents of your layer by the learned "
            "model's uncertainty (the share of its paragraphs the model expects to read "
            "wrongly; documents scored before are not scored again) and list the most "
            "uncertain first: their suggestions are the likeliest to need fixing."
        ),
    )
    queue.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help="how many (default: 20)"
    )
    queue.add_argument("--json", action="store_true", help="print a JSON object instead of a table")
    queue.set_defaults(func=run_uncertain)


def _folds(value: str) -> int:
    number = whole_number(value)
    if number == 1 or number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or at least 2, not {number}")
    return number


def run_train(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Train on the workspace at ``args.db`` and store the model there.

    The summary goes to ``out`` (default: the current ``sys.stdout``); progress, when
    standard error is a terminal, to standard error.
    """
    out = out or sys.stdout  # looked up per call, so redirected streams are honoured
    started = time.perf_counter()
    with Store(args.db, annotator=args.annotator_name) as store:
        try:
            stored = train_workspace(
                store,
                annotator=args.train_annotator,
                folds=args.folds,
                lexicon=getattr(args, "cue_lexicon", None),
                progress=_terminal_progress(sys.stderr),
            )
        except TrainingError as error:
            print(f"error: {args.db}: {error}", file=sys.stderr)
            return 2
    print(describe_training(stored, seconds=time.perf_counter() - started), file=out)
    print(f"stored in {args.db}; import, extract and Re-suggest now use it", file=out)
    return 0


def _terminal_progress(stream: TextIO) -> Callable[[int, int], None] | None:
    """A ``progress(done, total)`` that redraws one line on a terminal; None elsewhere
    (a log file gets the summary only)."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        stream.write(f"\rtraining: {done} of {total} steps{end}")
        stream.flush()

    return show


def run_uncertain(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Score what is unscored, then print the most uncertain unreviewed documents.

    ``--json`` prints ``{"layer", "scored", "documents": [{"id", "title",
    "uncertainty"}]}``; ``scored`` is how many documents this run scored.
    """
    out = out or sys.stdout
    with Store(args.db, annotator=args.annotator_name, layer=args.layer) as store:
        try:
            model = workspace_model(store)
        except ModelFormatError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        if model is None:
            print(
                f"error: {args.db}: the workspace has no learned model; run train first",
                file=sys.stderr,
            )
            return 2
        report = score_unreviewed(store, model, lexicon=getattr(args, "cue_lexicon", None))
        queue = store.most_uncertain(args.limit)
        layer = store.layer
    if args.json:
        documents = [{"id": d.document_id, "title": d.title, "uncertainty": d.score} for d in queue]
        print(
            json.dumps(
                {
                    "layer": layer,
                    "scored": report.scored,
                    "documents": documents,
                },
                ensure_ascii=False,
            ),
            file=out,
        )
        return 0
    print(report.summary(), file=out)
    if not queue:
        print("No unreviewed document is left.", file=out)
    for document in queue:
        print(f"{document.score:6.1%}  {document.document_id:>7}  {document.title}", file=out)
    return 0
