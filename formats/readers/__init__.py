"""Importers: files and folders of articles to ``quotes.model.Article`` objects.

The one entry point is ``read_paths``; ``sniff_format`` tells which reader a
path goes to and ``csv_columns`` lists a CSV file's columns for a mapping dialog.
Readers never touch storage: they yield articles and report problems, and the
caller (an import worker) stores them.
"""

from formats.readers.csv_reader import csv_columns
from formats.readers.dispatch import read_paths, sniff_format
from formats.readers.options import ReadOptions

__all__ = ["ReadOptions", "csv_columns", "read_paths", "sniff_format"]
