"""Quote Annotator: build datasets of who said what in news.

``python app.py`` opens the annotator on your workspace; the sub-commands work
headless on the same workspace. ``python app.py COMMAND --help`` documents each.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path


def _default_annotator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers and services
        return "annotator"


def build_parser() -> argparse.ArgumentParser:
    """The command line: global options and one sub-command per headless task."""
    from cli import extraction, workspace_commands
    from storage.workspace import default_workspace_path

    parser = argparse.ArgumentParser(
        prog="app.py",
        description=(
            "Quote Annotator: pre-highlights quotations, their cues and speakers in news "
            "articles for you to confirm, correct or reject. Without a command it opens "
            "the GUI."
        ),
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"the workspace SQLite file (default: {default_workspace_path()})",
    )
    parser.add_argument(
        "--annotator",
        dest="annotator_name",
        default=_default_annotator(),
        help="the name recorded with your decisions (default: your user name)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    workspace_commands.add_subcommands(subparsers)
    extraction.add_subcommands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the GUI or a sub-command; return the exit code."""
    from storage.workspace import default_workspace_path

    args = build_parser().parse_args(argv)
    is_default = args.db is None
    if is_default:
        args.db = default_workspace_path()
        args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.command is None:
        # Qt is imported only here, so the headless commands run where it is absent.
        from ui.application import run_gui

        return run_gui(
            args.db,
            seed_samples=is_default or not args.db.exists(),
            annotator=args.annotator_name,
        )
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
