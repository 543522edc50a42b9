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
