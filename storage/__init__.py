"""Persistence: one SQLite workspace per file, reached through ``storage.store.Store``.

``connection`` is the bottom (connection, transactions, clock, history append);
over it one module per concern: ``documents``, ``articles`` (storing new ones),
``attributions``, ``roster`` and ``undo``; ``store`` is their facade. ``opening``
is the one way a file is opened (``workspace_file`` judges whether it is ours; an
older one is backed up before it is migrated), ``migrations`` holds the schema,
``rows`` the row <-> domain conversions, ``history`` the undo model, ``search`` the
full-text queries, ``workspace`` the default file location, and ``samples`` the
articles that seed a first run. Nothing here imports Qt, and nothing from
``quotes`` but the model: pre-annotating an import is ``jobs``'s decision.
"""

import sys


def _import_sqlite_utils_without_pandas() -> None:
    """Import sqlite-utils with pandas hidden from it, where pandas is installed.

    sqlite-utils imports pandas when it can, only to map pandas' timestamp type to a
    column type for rows that hold one, which this project never stores. The import
    costs some 80 MB of resident memory (a window on a workspace starts at 238 MB
    with it, at 150 MB without), paid by every annotator whose environment happens to
    hold pandas: a research group's, or the dev venv, where datasets and dask bring
    it. It is hidden only while sqlite-utils is imported; code that imports pandas
    itself (the Hugging Face export's ``datasets``) gets it as always.
    """
    if "sqlite_utils.db" in sys.modules or "pandas" in sys.modules:
        return  # too late, or already paid for
    sys.modules["pandas"] = None  # type: ignore[assignment]  # import pandas: ImportError
    try:
        import sqlite_utils.db  # noqa: F401  (the import is the point)
    finally:
        del sys.modules["pandas"]


_import_sqlite_utils_without_pandas()
