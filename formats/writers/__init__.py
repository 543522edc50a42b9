"""Exporters: the workspace's documents and attributions written in dataset formats.

``write_export`` is the one entry point (the UI's export worker and the CLI call it);
one module per format holds the writer::

    from formats.writers import ExportFilters, write_export

    report = write_export(store.iter_documents(), "out.jsonl")  # accepted only
    report = write_export(
        store.iter_documents(), "dataset", format="hf",
        filters=ExportFilters.every_status(annotators=["ana"]),
        progress=on_progress, is_cancelled=cancel_event.is_set,
        agreement={"content F1": 0.84},
    )

Formats (``FORMATS``): ``jsonl``, ``csv`` and ``conll`` write a file; ``brat`` and
``hf`` write a folder (``FOLDER_FORMATS``). Every output is written atomically
(``formats.atomic``) and streamed one document at a time.
"""

from formats.writers.export import FOLDER_FORMATS, FORMATS, ExportReport, write_export
from formats.writers.selection import ExportFilters, export_id

__all__ = [
    "FOLDER_FORMATS",
    "FORMATS",
    "ExportFilters",
    "ExportReport",
    "export_id",
    "write_export",
]
