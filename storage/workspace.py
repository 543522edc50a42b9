"""Where workspaces live by default: the platform's per-user data folder."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

#: The application name used for the per-user data folder.
APP_NAME = "QuoteAnnotator"

#: The file name of the default workspace inside that folder.
WORKSPACE_FILE = "workspace.sqlite"


def default_workspace_path() -> Path:
    """The default workspace file, e.g. ``~/.local/share/QuoteAnnotator/workspace.sqlite``.

    Only computes the path; ``Store`` creates the folder and the file when it opens it.
    """
    return Path(user_data_dir(APP_NAME, appauthor=False)) / WORKSPACE_FILE


#: The file name of the user's own cue lexicon inside that folder.
LEXICON_FILE = "cues.txt"


def user_lexicon_path() -> Path:
    """Where the user's own cue lexicon is looked for, beside the default workspace.

    The file uses the format of ``quotes/data/cues.txt`` and extends the shipped
    lexicon; it is optional, and only the path is computed here.
    """
    return Path(user_data_dir(APP_NAME, appauthor=False)) / LEXICON_FILE
