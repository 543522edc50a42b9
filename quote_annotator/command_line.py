"""The ``quote-annotator`` command (and ``python app.py``): the GUI, or a sub-command.

Without a command it opens the annotator on your workspace; the sub-commands work
headless on the same workspace. ``quote-annotator COMMAND --help`` documents each.
Qt is imported only on the GUI path, so the headless commands run where it is absent.
"""

from __future__ import annotations

import argparse
import getpass
import multiprocessing
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quote_annotator import __version__

if TYPE_CHECKING:
    from quotes.lexicon import Lexicon


def _default_annotator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers and services
        return "annotator"


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The command line: global options and one sub-command per headless task.

    :param prog: the name shown in usage and ``--version`` (default: how the
        program was started, e.g. ``quote-annotator`` or ``app.py``).
    """
    from cli import extraction, workspace_commands
    from storage.workspace import default_workspace_path, user_lexicon_path

    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Quote Annotator: pre-highlights quotations, their cues and speakers in news "
            "articles for you to confirm, correct or reject. Without a command it opens "
            "the GUI."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"the workspace SQLite file (default: {default_workspace_path()})",
    )
    parser.add_argument(
        "--lexicon",
        type=Path,
        default=None,
        metavar="FILE",
        help=(
            "extra cues for the extractor, in the format of quotes/data/cues.txt "
            f"(default: {user_lexicon_path()} when it exists)"
        ),
    )
    parser.add_argument(
        "--annotator",
        dest="annotator_name",
        default=_default_annotator(),
        help="the name recorded with your decisions (default: your user name)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=(
            "open the GUI, print the title of the window once it is shown and quit "
            "(checks that an installed or bundled app starts; exit code 1 if it does not)"
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    workspace_commands.add_subcommands(subparsers)
    extraction.add_subcommands(subparsers)
    return parser


def load_user_lexicon(path: Path | None) -> tuple[Lexicon | None, str | None]:
    """The extractor's cues extended with ``path`` or, without one, the user's own file.

    :returns: ``(lexicon, None)`` when it worked, ``(None, None)`` when there is no
        file (the shipped lexicon is used), and ``(None, problem)`` when the file is
        broken: what is wrong, naming the file and line.
    """
    from quotes.lexicon import LexiconError, load_lexicon
    from storage.workspace import user_lexicon_path

    if path is None:
        path = user_lexicon_path()
        if not path.exists():
            return None, None
    try:
        return load_lexicon(path), None
    except LexiconError as error:
        return None, f"cue lexicon {error}"
    except OSError as error:
        return None, f"cue lexicon {path}: {error.strerror or error}"
    except UnicodeDecodeError:
        return None, f"cue lexicon {path}: not UTF-8 text"


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Parse ``argv`` and run the GUI or a sub-command; return the exit code."""
    from storage.workspace import default_workspace_path

    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if args.smoke_test and args.command is not None:
        parser.error("--smoke-test starts the GUI, so it takes no command")
    # The loaded cues ride on ``args`` to the command that extracts (``cue_lexicon``);
    # ``args.lexicon`` stays the file the user named.
    args.cue_lexicon, lexicon_problem = load_user_lexicon(args.lexicon)
    if lexicon_problem and args.command is not None:
        print(f"error: {lexicon_problem}", file=sys.stderr)
        return 2
    is_default = args.db is None
    if is_default:
        args.db = default_workspace_path()
        args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.command is None:
        from quote_annotator.gui_start import start_gui

        return start_gui(
            args.db,
            seed_samples=is_default or not args.db.exists(),
            annotator=args.annotator_name,
            lexicon=args.cue_lexicon,
            warning=lexicon_problem and f"{lexicon_problem}\n\nThe built-in cues are used.",
            smoke_test=args.smoke_test,
        )
    return int(args.func(args))


def run() -> None:
    """The console entry point (``quote-annotator``, the bundle, ``python -m``): exits."""
    # Import pre-annotates in worker processes; a frozen (bundled) app must let
    # them start here instead of running the app again.
    multiprocessing.freeze_support()
    sys.exit(main())
