"""The ``quote-annotator`` command (and ``python app.py``): the GUI, or a sub-command.

Without a command it opens the annotator on your workspace; the sub-commands work
headless on the same workspace. ``quote-annotator COMMAND --help`` documents each.
Qt is imported only on the GUI path, so the headless commands run where it is absent.

Exit codes: 0 done, 1 some input rejected (the rest done), 2 nothing could be done.
Every refusal (a missing or foreign ``--db``, a workspace this version cannot
use) is one ``error:`` line on stderr with exit code 2; ``--debug`` adds the
traceback.
"""

from __future__ import annotations

import argparse
import getpass
import multiprocessing
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quote_annotator import __version__

if TYPE_CHECKING:
    from quotes.lexicon import Lexicon

#: Sub-commands that write the workspace and so may create a new one.
CREATING_COMMANDS = frozenset({"import"})
#: Sub-commands that need an existing workspace (they read it, or add to what it
#: holds, like ``train``): a missing one is refused, never created.
READING_COMMANDS = frozenset(
    {"export", "assign", "collect", "agreement", "adjudicate", "train", "uncertain"}
)
#: Sub-commands that open no workspace through ``--db`` (extract checks its own).
WORKSPACE_FREE_COMMANDS = frozenset({"extract", "evaluate"})


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
    from cli import extraction, learning_commands, team_commands, workspace_commands
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
        default=None,
        help=(
            "the name recorded with your decisions, and the annotation layer you work "
            "in (default: your user name, in the workspace's own layer)"
        ),
    )
    parser.add_argument(
        "--no-model",
        action="store_true",
        help=(
            "suggest with the rules alone, ignoring the workspace's learned model "
            "(app.py train), in import and extract; also accepted after the command"
        ),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the Python traceback behind an error (for bug reports)",
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
    team_commands.add_subcommands(subparsers)
    learning_commands.add_subcommands(subparsers)
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
    # A name given with --annotator is also the layer to work in; without one, the
    # user's name is recorded in the workspace's own layer.
    args.layer = None if args.annotator_name is None else " ".join(args.annotator_name.split())
    if args.layer == "":
        parser.error("--annotator needs a name")
    args.annotator_name = args.layer or _default_annotator()
    # The loaded cues ride on ``args`` to the command that extracts (``cue_lexicon``);
    # ``args.lexicon`` stays the file the user named.
    args.cue_lexicon, lexicon_problem = load_user_lexicon(args.lexicon)
    if lexicon_problem and args.command is not None:
        print(f"error: {lexicon_problem}", file=sys.stderr)
        return 2
    is_default = args.db is None
    if is_default:
        args.db = default_workspace_path()
    # extract looks for a model in the default workspace only when it exists.
    args.db_is_default = is_default
    refusal = _workspace_refusal(args.db, args.command)
    if refusal is not None:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    if is_default and args.command not in READING_COMMANDS:
        args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.command is None:
        from quote_annotator.gui_start import start_gui

        return _refusing_cleanly(
            lambda: start_gui(
                args.db,
                seed_samples=is_default or not args.db.exists(),
                annotator=args.annotator_name,
                layer=args.layer,
                lexicon=args.cue_lexicon,
                warning=lexicon_problem and f"{lexicon_problem}\n\nThe built-in cues are used.",
                smoke_test=args.smoke_test,
            ),
            db=args.db,
            debug=args.debug,
        )
    was_new = args.command in CREATING_COMMANDS and _is_new_workspace(args.db)
    code = _refusing_cleanly(lambda: int(args.func(args)), db=args.db, debug=args.debug)
    if was_new and not _is_new_workspace(args.db):
        print(f"created new workspace {args.db}")
    return code


def _workspace_refusal(db: Path, command: str | None) -> str | None:
    """Why ``command`` must not open ``db`` (see ``cli.workspace_guard``), or None."""
    from cli.workspace_guard import workspace_refusal

    if command is None or command in CREATING_COMMANDS:
        return workspace_refusal(db, may_create=True)
    if command in READING_COMMANDS:
        return workspace_refusal(db, may_create=False)
    return None  # WORKSPACE_FREE_COMMANDS


def _is_new_workspace(db: Path) -> bool:
    from cli.workspace_guard import inspect_workspace_file

    return inspect_workspace_file(db).kind == "new"


def _refusing_cleanly(command: Callable[[], int], *, db: Path, debug: bool) -> int:
    """Run ``command``; a workspace it cannot use is one ``error:`` line and exit code 2.

    ``WorkspaceError`` (a future version's workspace, a damaged file) and SQLite's
    own errors (a file locked by another program) are refusals, not crashes: the
    traceback is shown only with ``--debug``.
    """
    from storage.store import WorkspaceError

    try:
        return command()
    except (WorkspaceError, sqlite3.DatabaseError) as error:
        if debug:
            traceback.print_exc()
        message = str(error)
        if not isinstance(error, WorkspaceError) and str(db) not in message:
            message = f"{db}: {message}"
        print(f"error: {message}", file=sys.stderr)
        return 2


def run(prog: str | None = None) -> None:
    """The console entry point (``quote-annotator``, the bundle, ``python -m``): exits.

    :param prog: the name shown in usage and ``--version`` (default: how the program
        was started; ``python -m`` passes its own, which Python 3.11 shows as
        ``__main__.py``).
    """
    # Import pre-annotates in worker processes; a frozen (bundled) app must let
    # them start here instead of running the app again.
    multiprocessing.freeze_support()
    try:
        code = main(prog=prog)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader of our output went away (``… | head``): nothing more to say, and
        # Python must not complain again while flushing at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    sys.exit(code)
