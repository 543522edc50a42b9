"""Hugging Face dataset folder: train/validation/test JSONL and a dataset card.

Each split file holds records of the JSONL interchange schema, so
``datasets.load_dataset("json", data_dir=...)`` or ``load_dataset(folder)`` (the card
declares the splits) reads it without custom code. A document's split depends only on
its id (``split_of``), so re-exporting a grown workspace never moves a document from
test to train. The card (``README.md``) states the schema, the counts per split, type
and status, and the agreement figures when they are given.

Only splits that hold a document get a file and a line in the card: ``datasets``
refuses to load a folder that declares (or contains) an empty split, and a small
export (a handful of documents) often has no validation or test document at all.
The card says which splits are missing and why.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from formats.atomic import atomic_folder
from formats.writers.jsonl_export import document_record, record_line
from formats.writers.selection import Item
from quotes.model import QuoteType, Status

SPLITS: tuple[str, ...] = ("train", "validation", "test")
# Percent of documents per split, by the hash of the document id.
_SPLIT_BOUNDS: tuple[tuple[str, int], ...] = (("train", 80), ("validation", 90), ("test", 100))


def split_of(document_id: str) -> str:
    """The split of a document: 80% train, 10% validation, 10% test, by id hash."""
    digest = hashlib.sha256(document_id.encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:8], "big") % 100
    return next(name for name, bound in _SPLIT_BOUNDS if bucket < bound)


class _Counts:
    """Running totals for the card; constant memory whatever the export's size."""

    def __init__(self) -> None:
        self.documents: Counter[str] = Counter()
        self.attributions: Counter[str] = Counter()
        self.by_type_status: Counter[tuple[str, str]] = Counter()

    def add(self, split: str, record: dict) -> None:
        self.documents[split] += 1
        self.attributions[split] += len(record["quotes"])
        for quote in record["quotes"]:
            self.by_type_status[quote["type"], quote["status"]] += 1


# The schema declared for the ``datasets`` library. Without it each split's types
# are inferred from its own rows, and a split where no document has a quotation
# (or no quotation has a cue) gets types that clash with the others' on loading.
_FEATURES_YAML = """\
dataset_info:
  features:
  - name: id
    dtype: string
  - name: title
    dtype: string
  - name: source
    dtype: string
  - name: text
    dtype: string
  - name: reviewed
    dtype: bool
  - name: quotes
    list:
    - name: start
      dtype: int64
    - name: end
      dtype: int64
    - name: fragments
      sequence:
        sequence: int64
    - name: type
      dtype: string
    - name: cue
      sequence: int64
    - name: speaker
      sequence: int64
    - name: speaker_name
      dtype: string
    - name: status
      dtype: string
    - name: annotator
      dtype: string
"""


def _figure(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else _cell(str(value))


def _cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _missing_splits_note(present: Sequence[str]) -> list[str]:
    """The card's sentence on splits that got no document (none when all have one)."""
    missing = [name for name in SPLITS if name not in present]
    if not missing:
        return []
    if not present:
        return ["This export holds no documents, so it has no splits."]
    return [
        f"This export has no {' or '.join(missing)} documents, so it has only the "
        f"{' and '.join(present)} split{'s' if len(present) > 1 else ''}: a split without "
        "documents is left out of the folder and the card (`datasets` cannot load one)."
    ]


def _configs_yaml(present: Sequence[str]) -> list[str]:
    """The front matter's split files; none for an export without documents, whose
    empty ``data_files`` would be YAML null, on which ``load_dataset`` raises TypeError
    (without it, ``datasets`` says the folder holds no data files)."""
    if not present:
        return []
    return [
        "configs:",
        "- config_name: default",
        "  data_files:",
        *(f"  - split: {name}\n    path: {name}.jsonl" for name in present),
    ]


def _card(counts: _Counts, agreement: Mapping[str, object] | None) -> str:
    present = [name for name in SPLITS if counts.documents[name]]
    statuses = [s.value for s in Status]
    types = [t.value for t in QuoteType]
    lines = [
        "---",
        "language:",
        "- en",
        "task_categories:",
        "- token-classification",
        "pretty_name: Quotation attributions",
        *_FEATURES_YAML.splitlines(),
        *_configs_yaml(present),
        "---",
        "",
        "# Quotation attributions",
        "",
        "Who said what in news articles: each quotation (content), the words that",
        "attribute it (cue) and its speaker, annotated with Quote Annotator.",
        "",
        "## Schema",
        "",
        "One JSON object per line and per document:",
        "",
        "| field | meaning |",
        "| --- | --- |",
        "| `id` | the document id |",
        "| `title`, `source` | the article's title and where it came from |",
        "| `text` | the article as plain text; every offset points into it |",
        "| `reviewed` | false when nobody reviewed the document: its `quotes` are"
        " suggestions at most, and missing ones do not mean none |",
        "| `quotes` | the attributions in text order, each as below |",
        "| `quotes[].start`, `quotes[].end` | the content's first and last character |",
        "| `quotes[].fragments` | the content pieces `[[start, end], ...]`"
        " (more than one when the cue splits it) |",
        "| `quotes[].type` | `direct`, `indirect`, `mixed` or `unquoted`"
        " (direct speech without quotation marks) |",
        "| `quotes[].cue` | `[start, end]` of the attributing words, or null |",
        "| `quotes[].speaker` | `[start, end]` of the speaker mention, or null |",
        "| `quotes[].speaker_name` | the person or body the mention refers to, or null |",
        "| `quotes[].status` | `candidate`, `accepted` or `rejected` |",
        "| `quotes[].annotator` | who reviewed it, or null |",
        "",
        "Offsets are Python string (code point) offsets, end exclusive.",
        "Documents are split by a hash of their id: 80% train, 10% validation, 10% test.",
        *_missing_splits_note(present),
        "",
        "## Counts",
        "",
        "| split | documents | attributions |",
        "| --- | ---: | ---: |",
        *(
            f"| {name} | {counts.documents[name]} | {counts.attributions[name]} |"
            for name in present
        ),
        f"| all | {counts.documents.total()} | {counts.attributions.total()} |",
        "",
        "Attributions per type and status:",
        "",
        f"| type | {' | '.join(statuses)} | total |",
        f"| --- |{' ---: |' * (len(statuses) + 1)}",
    ]
    for quote_type in types:
        row = [counts.by_type_status[quote_type, status] for status in statuses]
        lines.append(f"| {quote_type} | {' | '.join(map(str, row))} | {sum(row)} |")
    lines += ["", "## Agreement", ""]
    if agreement:
        lines += ["| measure | value |", "| --- | ---: |"]
        lines += [f"| {_cell(name)} | {_figure(value)} |" for name, value in agreement.items()]
    else:
        lines.append("No inter-annotator agreement was measured for this export.")
    return "\n".join(lines) + "\n"


def _with_reviewed(record: dict) -> dict:
    """``record`` with ``reviewed`` before ``quotes`` on every row, as the card declares
    (a dataset's rows share one schema, so reviewed rows say True)."""
    reviewed = record.pop("reviewed", True)
    quotes = record.pop("quotes")
    return {**record, "reviewed": reviewed, "quotes": quotes}


def write_hf(
    items: Iterable[Item], out_path: Path, *, agreement: Mapping[str, object] | None = None
) -> None:
    """Write the dataset folder at ``out_path`` atomically, streaming the documents."""
    counts = _Counts()
    with atomic_folder(out_path, kind="hf") as folder:
        # A split's file is opened with its first document, so empty splits get none.
        streams: dict[str, TextIO] = {}
        try:
            for item in items:
                record = _with_reviewed(document_record(item))
                split = split_of(record["id"])
                if split not in streams:
                    path = folder / f"{split}.jsonl"
                    streams[split] = open(path, "w", encoding="utf-8", newline="\n")
                streams[split].write(record_line(record))
                counts.add(split, record)
        finally:
            for stream in streams.values():
                stream.close()
        (folder / "README.md").write_text(_card(counts, agreement), encoding="utf-8")
