"""Headless workspace commands: ``import`` and ``export``.

Each command opens the workspace itself, runs in the calling thread and returns
a process exit code: 0 on success, 1 when some input was rejected (the valid
rest is still imported; each rejected item is printed to stderr as
``file:line [field]: reason``), 2 when nothing could be done (no path exists, the
output cannot be written), 130 when an import was stopped with Ctrl+C (what it
committed is kept).

Examples::

    python app.py --db ws.sqlite import news/ feed.csv --text-column body --title-column ""
    python app.py --db ws.sqlite export --format brat --all-statuses --annotator ana out/
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from cli.extraction import add_no_model_option
from formats.writers import ExportFilters, write_export
from jobs.importing import ImportStopped, import_files
from jobs.training import ModelFormatError
from quotes.evaluate import score_records
from quotes.model import DocumentStatus, ImportReport, Problem, Status
from storage.store import Store

EXPORT_FORMATS = ("jsonl", "csv", "brat", "conll", "hf")
#: The exit code of an import stopped with Ctrl+C (the shells' 128 + SIGINT).
EXIT_INTERRUPTED = 130


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``import`` and ``export`` on the app's sub-command parser."""
    _add_import(subparsers)
    _add_export(subparsers)


def _add_import(subparsers: argparse._SubParsersAction) -> None:
    importer = subparsers.add_parser(
        "import",
        help="import articles into the workspace and pre-annotate them",
        description=(
            "Import .txt files, folders, JSONL in the export schema, CSV/TSV, brat "
            "standoff and saved HTML pages. Duplicates are skipped; rejected items are "
            "listed with their file and line."
        ),
    )
    importer.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    importer.add_argument(
        "--annotations",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=(
            "JSONL (export schema) or brat files whose attributions are --annotator's "
            "accepted records, in that annotator's layer (without it, a file's "
            "attributions come in as candidates)"
        ),
    )
    importer.add_argument(
        "--no-preannotate",
        action="store_true",
        help="store the articles without running the extractor",
    )
    add_no_model_option(importer)
    importer.add_argument(
        "--text-column", default="text", help="CSV/TSV column with the text (default: text)"
    )
    importer.add_argument(
        "--title-column",
        default="title",
        help='CSV/TSV column with the title (default: title; "" for none: the first line)',
    )
    importer.add_argument(
        "--id-column", default="id", help='CSV/TSV column with the id (default: id; "" for none)'
    )
    importer.set_defaults(func=run_import)


def _add_export(subparsers: argparse._SubParsersAction) -> None:
    exporter = subparsers.add_parser(
        "export",
        help="export the annotations as a dataset",
        description="Write the workspace's annotations; the file is replaced atomically.",
    )
    exporter.add_argument("out", type=Path, metavar="OUT")
    exporter.add_argument("--format", choices=EXPORT_FORMATS, default="jsonl")
    exporter.add_argument(
        "--all-statuses",
        action="store_true",
        help="export candidates and rejected records too (default: accepted only)",
    )
    exporter.add_argument(
        "--include-unreviewed",
        action="store_true",
        help=(
            "export documents nobody reviewed too, marked unreviewed (default: only "
            "documents marked done or with a decided record)"
        ),
    )
    exporter.add_argument("--annotator", action="append", help="only this annotator's records")
    exporter.add_argument(
        "--adjudicated",
        action="store_true",
        help="export the gold layer (adjudicated); the hf card states the agreement",
    )
    exporter.add_argument(
        "--layer",
        # Not ``layer``: main() sets ``args.layer`` from the global --annotator.
        dest="export_layer",
        metavar="NAME",
        help=(
            "export this annotator's layer (default: --annotator's layer, else the "
            "workspace's own layer)"
        ),
    )
    exporter.add_argument(
        "--document-status",
        action="append",
        choices=[s.value for s in DocumentStatus],
        help="only documents with this status",
    )
    exporter.add_argument(
        "--agreement",
        nargs=2,
        type=Path,
        metavar=("FIRST", "SECOND"),
        help=(
            "two annotators' JSONL files (export schema) of the same documents; their "
            "agreement goes into the hf dataset card"
        ),
    )
    exporter.set_defaults(func=run_export)


def _print_problems(problems: list[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(f"  rejected {problem}", file=stream)


def _print_upgrade(store: Store) -> None:
    # On stderr, like the problems: stdout keeps the command's own summary.
    if store.upgrade is not None:
        print(f"note: {store.upgrade.summary()}", file=sys.stderr)


def run_import(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Import ``args.paths`` into the workspace at ``args.db``.

    A path that does not exist is a rejected item like any other (exit code 1, the
    rest imported); when none exists nothing is done (exit code 2). The summary
    goes to ``out`` (default: the current ``sys.stdout``), problems to ``sys.stderr``.
    The articles are pre-annotated with ``args.cue_lexicon`` (the command line's
    ``--lexicon``; absent or None: the shipped cues).

    The articles are committed in short batches: Ctrl+C stops after the last
    committed one, which is kept and counted (exit code 130); an import that fails
    part way (the workspace locked by another program for too long) says how many
    documents it kept (exit code 2).

    Unless ``args.no_model``, the workspace's learned model suggests too when it has
    one; a model that cannot be read is refused (exit code 2, nothing imported).
    """
    from formats.readers import ReadOptions

    out = out or sys.stdout  # looked up per call, so redirected streams are honoured
    if getattr(args, "annotations", None):
        if args.paths:
            print(
                "error: give either PATHs (articles) or --annotations FILE..., not both",
                file=sys.stderr,
            )
            return 2
        from cli.team_commands import run_import_annotations

        return run_import_annotations(args, out=out)
    if not args.paths:
        print("error: name at least one PATH to import", file=sys.stderr)
        return 2
    if not any(p.exists() for p in args.paths):
        for path in args.paths:
            print(f"error: {path}: no such file or folder", file=sys.stderr)
        return 2
    options = ReadOptions(
        csv_text_column=args.text_column,
        csv_title_column=args.title_column or None,
        csv_id_column=args.id_column or None,
    )
    interrupted = threading.Event()
    try:
        with Store(args.db, annotator=args.annotator_name) as store, _interrupt_sets(interrupted):
            _print_upgrade(store)
            report = import_files(
                store,
                args.paths,
                options=options,
                preannotate=not args.no_preannotate,
                lexicon=getattr(args, "cue_lexicon", None),
                use_model=not getattr(args, "no_model", False),
                is_cancelled=interrupted.is_set,
            )
    except ModelFormatError as error:
        print(f"error: {error}; or add --no-model for the rules alone", file=sys.stderr)
        return 2
    except ImportStopped as stopped:
        _print_import_summary(stopped.report, out)
        print(f"error: {args.db}: import stopped: {stopped}", file=sys.stderr)
        return 2
    _print_import_summary(report, out)
    if report.cancelled:
        print(
            f"interrupted: the {report.imported} documents imported before are kept",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    return 1 if report.problems else 0


def _print_import_summary(report: ImportReport, out: TextIO) -> None:
    print(
        f"imported {report.imported} documents with {report.attributions} attributions; "
        f"skipped {report.duplicates} duplicates",
        file=out,
    )
    for note in report.notes:
        print(f"  note: {note}", file=out)
    _print_problems(list(report.problems), sys.stderr)


@contextlib.contextmanager
def _interrupt_sets(event: threading.Event) -> Iterator[None]:
    """While the block runs, Ctrl+C sets ``event`` (the import stops after its last
    committed batch and says so) instead of raising ``KeyboardInterrupt``
    anywhere. Only the main thread can catch signals; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: event.set())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_export(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Export the workspace at ``args.db`` to ``args.out`` in ``args.format``.

    The output is replaced atomically: on failure (exit code 2) nothing is written.
    """
    out = out or sys.stdout  # looked up per call, so redirected streams are honoured
    filters = ExportFilters(
        statuses=frozenset(Status) if args.all_statuses else frozenset({Status.ACCEPTED}),
        annotators=frozenset(args.annotator) if args.annotator else None,
        document_statuses=(
            frozenset(DocumentStatus(s) for s in args.document_status)
            if args.document_status
            else None
        ),
        include_unreviewed=args.include_unreviewed,
    )
    agreement = None
    if getattr(args, "agreement", None):
        try:
            agreement = agreement_between(*args.agreement)
        except (OSError, ValueError) as error:
            print(f"error: agreement: {error}", file=sys.stderr)
            return 2
    layer, refusal = _export_layer(args)
    if refusal is not None:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    store = Store(args.db, annotator=args.annotator_name, layer=layer)
    _print_upgrade(store)
    try:
        if args.adjudicated and agreement is None:
            agreement = _team_agreement(store)
        report = write_export(
            store.iter_documents(),
            args.out,
            format=args.format,
            filters=filters,
            agreement=agreement,
        )
        elsewhere = _layers_with_decisions(store) if report.unreviewed_left_out else []
    except OSError as error:
        print(f"error: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 2
    finally:
        store.close()
    print(report.summary(), file=out)
    if elsewhere:
        # Decisions imported with --annotator NAME live in NAME's layer: an export of
        # the shared layer that leaves documents out should say where they are.
        print(
            f"  note: the decisions are in annotator layers ({', '.join(elsewhere)}), not in"
            " the workspace's own: export --layer NAME (or --annotator NAME) writes one,"
            " --adjudicated the gold",
            file=sys.stderr,
        )
    return 0


def _layers_with_decisions(store: Store) -> list[str]:
    """The annotator layers holding decisions, when ``store`` reads the shared layer
    (an export of it does not see them); empty otherwise."""
    from storage.connection import SHARED_LAYER
    from storage.layers import is_annotator_layer

    if store.layer != SHARED_LAYER:
        return []
    summaries = store.layers.summaries()
    return [s.name for s in summaries if is_annotator_layer(s.name) and (s.accepted or s.rejected)]


def _export_layer(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The layer an export reads (None: the workspace's own), or why it cannot.

    ``--adjudicated`` or ``--layer NAME`` choose it; without either, the layer named
    by the global ``--annotator`` (``args.layer``), else the workspace's own.
    """
    from storage.connection import GOLD_LAYER

    adjudicated = getattr(args, "adjudicated", False)
    named = getattr(args, "export_layer", None)
    if adjudicated and named:
        return None, "give --adjudicated or --layer, not both"
    wanted = GOLD_LAYER if adjudicated else named or getattr(args, "layer", None)
    if wanted is None:
        return None, None
    with Store(args.db, annotator=args.annotator_name, layer="") as store:
        known = store.layers.layer_names()
    if wanted not in known:
        if adjudicated:
            return None, f"{args.db} has no gold layer yet: run adjudicate --majority first"
        have = ", ".join(known) or "none"
        return None, f"no layer named {wanted!r} in {args.db} (layers: {have})"
    return wanted, None


def _team_agreement(store: Store) -> dict[str, object] | None:
    """The annotators' agreement for the dataset card of an adjudicated export."""
    from jobs.team.agreement import card_figures, workspace_agreement
    from quotes.agreement import AgreementError
    from storage.layers import LayerError

    try:
        return card_figures(workspace_agreement(store))
    except (AgreementError, LayerError):
        return None


def agreement_between(first: Path, second: Path) -> dict[str, object]:
    """Inter-annotator agreement of two JSONL files in the export schema.

    The records are paired by ``id`` and scored with ``quotes.evaluate`` (``first``
    taken as the reference): content overlap F1, exact-content F1, cue and speaker
    agreement on the matched pairs, and the full-attribution F1.

    :raises ValueError: for a line that is not a JSON object (naming file and line).
    :raises OSError: when a file cannot be read.
    """
    scores = score_records(_json_records(first), _json_records(second))
    return {
        "annotation files": f"{first.name} and {second.name}",
        "documents": scores.articles,
        "content overlap F1": round(scores.f1, 4),
        "exact content F1": round(scores.exact_f1, 4),
        "cue agreement (matched pairs)": round(scores.cue_accuracy, 4),
        "speaker agreement (matched pairs)": round(scores.speaker_accuracy, 4),
        "full attribution F1": round(scores.full_f1, 4),
    }


def _json_records(path: Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8-sig") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: invalid JSON: {error.msg}") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: not a JSON object")
            records.append(record)
    return records
