"""What the user can choose about an import: the CSV column mapping and the like."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TEXT_COLUMN = "text"
DEFAULT_TITLE_COLUMN = "title"
DEFAULT_ID_COLUMN = "id"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Choices for ``read_paths``; the defaults suit files exported by this tool.

    ``csv_text_column`` must exist in a CSV/TSV file, or the file is rejected.
    ``csv_title_column`` and ``csv_id_column`` may be None (not mapped); a mapped
    column that the file lacks is reported, unless it is the default name, which
    is simply optional. ``with_annotations`` False reads JSONL and brat files as
    bare texts. ``title_max_length`` is the longest first line of a text file
    still taken as its title. ``whole_records`` rejects a JSONL record or brat document
    whole when any of its annotations is rejected, instead of leaving that one out: an
    annotator's version of a document must not lose a quotation without a word.
    """

    csv_text_column: str = DEFAULT_TEXT_COLUMN
    csv_title_column: str | None = DEFAULT_TITLE_COLUMN
    csv_id_column: str | None = DEFAULT_ID_COLUMN
    with_annotations: bool = True
    title_max_length: int = 120
    whole_records: bool = False
