"""Whether a ``--db`` file may be opened as a workspace, judged before a command runs.

The judgement itself is storage's (``storage.workspace_file``), and the store
applies it on every open, so another program's database or a non-SQLite file is
refused there too (the GUI included). What the command line adds is the check
for commands that only read: ``export`` must refuse a missing or empty
``--db`` (``may_create=False``), since a mistyped path must not leave a new
empty workspace behind, while ``import`` may create one.

Pure functions of the file system; safe in any thread.
"""

from __future__ import annotations

from storage.workspace_file import WorkspaceFile, inspect_workspace_file, workspace_refusal

__all__ = ["WorkspaceFile", "inspect_workspace_file", "workspace_refusal"]
