"""Headless team commands: ``assign``, ``collect``, ``agreement``, ``adjudicate``, and
``import --annotations`` (``run_import_annotations``, reached from ``import``).

Each opens the workspace named by ``--db`` itself, runs in the calling thread and
returns the exit code of ``quote_annotator.command_line``: 0 done, 1 done with items
reported and left out, 2 nothing done. A refusal (an unknown layer, fewer than two
annotators, a file that is not a workspace) is one ``error:`` line on stderr.

Examples::

    python app.py --db lead.sqlite assign --annotators ana,ben,cy --per-document 2 --out out/
    python app.py --db lead.sqlite collect out/ana.sqlite out/ben.sqlite out/cy.sqlite
    python app.py --db lead.sqlite agreement --json
    python app.py --db lead.sqlite adjudicate --majority
    python app.py --db lead.sqlite export --adjudicated --format hf gold/
    python app.py --db lead.sqlite --annotator ana import --annotations ana.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from jobs.importing import ImportStopped
from jobs.team.adjudication import adjudicate_by_majority
from jobs.team.agreement import workspace_agreement
from jobs.team.annotations import import_annotations
from jobs.team.assignment import assign
from jobs.team.collecting import collect
from jobs.training import ModelFormatError
from quotes.agreement import AgreementError, AgreementReport
from storage.layers import LayerError
from storage.store import Store


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Register the team commands on the app's sub-command parser."""
    assigner = subparsers.add_parser(
        "assign",
        help="write one workspace file per annotator with their share of the documents",
        description=(
            "Hand the workspace's documents out: each goes to --per-document annotators "
            "in turn. Each annotator's file holds their documents with the suggestions "
            "and none of anyone's decisions, and opens in their own layer."
        ),
    )
    assigner.add_argument(
        "--annotators", required=True, metavar="A,B,C", help="comma-separated annotator names"
    )
    assigner.add_argument("--per-document", type=int, default=2, metavar="N")
    assigner.add_argument("--out", type=Path, required=True, metavar="DIR")
    assigner.set_defaults(func=run_assign)

    collector = subparsers.add_parser(
        "collect",
        help="bring annotators' layers back from their workspace files",
        description=(
            "Copy each annotator layer of the files into this workspace. Collecting a "
            "file twice changes nothing; documents that differ are reported and left out."
        ),
    )
    collector.add_argument("files", nargs="+", type=Path, metavar="FILE")
    collector.set_defaults(func=run_collect)

    agreement = subparsers.add_parser(
        "agreement",
        help="inter-annotator agreement per part: content, cue, speaker, type",
        description=(
            "Token alpha, pairwise content F1, and cue / speaker / type agreement with "
            "Cohen's kappa over the documents two or more annotators reviewed."
        ),
    )
    agreement.add_argument("--annotators", nargs="+", metavar="NAME", help="whose layers")
    agreement.add_argument("--json", action="store_true", help="print the figures as JSON")
    agreement.set_defaults(func=run_agreement)

    adjudicator = subparsers.add_parser(
        "adjudicate",
        help="fill the gold layer from the annotators' layers",
        description=(
            "--majority puts into the gold layer every attribution more than half of a "
            "document's annotators agree on; Team > Adjudicate in the GUI walks the rest."
        ),
    )
    adjudicator.add_argument("--majority", action="store_true", required=True)
    adjudicator.add_argument("--annotators", nargs="+", metavar="NAME", help="whose layers")
    adjudicator.set_defaults(func=run_adjudicate)


def _refuse(message: object) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def run_assign(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Write ``args.out``/<annotator>.sqlite for each of ``args.annotators``."""
    out = out or sys.stdout
    names = [name.strip() for name in args.annotators.split(",") if name.strip()]
    with Store(args.db, annotator=args.annotator_name) as store:
        try:
            made = assign(store, names, per_document=args.per_document, out=args.out)
        except (ValueError, OSError) as error:
            return _refuse(error)
    for assignment in made:
        print(
            f"{assignment.path}: {assignment.documents} documents for {assignment.annotator}",
            file=out,
        )
    return 0


def run_collect(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Collect the annotator layers of ``args.files`` into ``args.db``."""
    from cli.workspace_guard import workspace_refusal

    out = out or sys.stdout
    for path in args.files:
        refusal = workspace_refusal(path, may_create=False)
        if refusal is not None:
            return _refuse(refusal)
    with Store(args.db, annotator=args.annotator_name) as store:
        report = collect(store, args.files)
    print(report.summary(), file=out)
    for line in report.differing_lines():
        print(f"error: {line}", file=sys.stderr)
    for line in report.kept:
        print(f"  kept: {line}", file=sys.stderr)
    for line in report.empty:
        print(f"  note: {line}", file=sys.stderr)
    if report.differing and not (report.documents or report.unchanged or report.updated):
        return 2
    return 1 if report.differing or report.kept or report.empty else 0


def run_agreement(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Print the agreement of the workspace's annotator layers."""
    out = out or sys.stdout
    with Store(args.db, annotator=args.annotator_name) as store:
        try:
            report = workspace_agreement(store, args.annotators)
        except (AgreementError, LayerError) as error:
            return _refuse(error)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), file=out)
    else:
        print(format_agreement(report), file=out)
    return 0


def format_agreement(report: AgreementReport) -> str:
    """The figures as a few readable lines, each with its number of items."""
    figures = report.as_dict()
    lines = [
        f"{len(report.annotators)} annotators ({', '.join(report.annotators)}), "
        f"{figures['documents']} documents",
        f"token alpha          {figures['token_alpha']}  ({report.token_alpha.items} tokens)",
        f"content F1 pairwise  {figures['content_F1_pairwise']}"
        f"  ({report.content_f1.items} attributions)",
    ]
    for key, facet in report.facets().items():
        name = key.replace("_", " ")
        lines.append(
            f"{name:<20} {facet.as_dict()['share']}  kappa {facet.as_dict()['kappa']}"
            f"  ({facet.items} matched pairs)"
        )
    return "\n".join(lines)


def run_adjudicate(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Put the majority's attributions into the gold layer."""
    out = out or sys.stdout
    with Store(args.db, annotator=args.annotator_name) as store:
        try:
            run = adjudicate_by_majority(store, args.annotators)
        except (AgreementError, LayerError) as error:
            return _refuse(error)
    print(run.summary(), file=out)
    return 0


def run_import_annotations(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Import ``args.annotations`` as the accepted records of ``--annotator``'s layer."""
    from formats.readers import ReadOptions

    out = out or sys.stdout
    if args.layer is None:
        return _refuse("import --annotations needs --annotator NAME: whose decisions these are")
    missing = [p for p in args.annotations if not p.exists()]
    if missing:
        return _refuse(f"{missing[0]}: no such file or folder")
    options = ReadOptions(
        csv_text_column=args.text_column,
        csv_title_column=args.title_column or None,
        csv_id_column=args.id_column or None,
    )
    with Store(args.db, annotator=args.annotator_name, layer="") as store:
        try:
            report = import_annotations(
                store,
                args.annotations,
                layer=args.layer,
                options=options,
                preannotate=not args.no_preannotate,
                lexicon=getattr(args, "cue_lexicon", None),
                use_model=not getattr(args, "no_model", False),
            )
        except LayerError as error:
            return _refuse(error)
        except ModelFormatError as error:
            return _refuse(f"{error}; or add --no-model for the rules alone")
        except ImportStopped as stopped:  # committed batches stay; nothing is layered
            return _refuse(f"{args.db}: import stopped: {stopped}; run it again to go on")
    for note in report.notes:
        print(f"  note: {note}", file=out)
    for problem in report.problems:
        print(f"  rejected {problem}", file=sys.stderr)
    if report.nothing_imported:
        return _refuse(report.summary())
    print(report.summary(), file=out)
    for conflict in report.conflicts:
        print(f"  kept: {conflict}", file=sys.stderr)
    return 1 if report.conflicts or report.problems else 0
