"""Exporters: the workspace's documents and attributions written in dataset formats.

``write_export`` is the one entry point (the UI's export worker and the CLI call it);
one module per format holds the writer.
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
