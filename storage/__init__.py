"""Persistence: one SQLite workspace per file, owned by ``storage.store.Store``.

``migrations`` holds the schema, ``rows`` the row <-> domain conversions,
``history`` the undo model, ``search`` the full-text queries, ``workspace`` the
default file location, and ``samples`` the articles that seed a first run.
Nothing here imports Qt.
"""
