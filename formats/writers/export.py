"""``write_export``: filter, stream and write the workspace in one of the export formats.

Threading: ``write_export`` does blocking file I/O and is meant to run in a worker
thread. It touches nothing but its arguments and the output path; ``items`` is
consumed once, on the calling thread (a store's ``iter_documents`` opened there).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from formats.writers.brat_export import write_brat
from formats.writers.conll_export import write_conll
from formats.writers.csv_export import write_csv
from formats.writers.hf_export import write_hf
from formats.writers.jsonl_export import write_jsonl
from formats.writers.selection import ExportCancelled, ExportFilters, Item, Tally, select

Writer = Callable[[Iterable[Item], Path], None]

# The format names the UI offers and the CLI accepts, with a short description each.
FORMATS: dict[str, str] = {
    "jsonl": "JSONL, one document per line (our interchange schema)",
    "csv": "CSV, one row per attribution",
    "brat": "brat standoff folder (.txt + .ann), opens in brat and INCEpTION",
    "conll": "CoNLL-style token table with BIO tags for content, cue and source",
    "hf": "Hugging Face dataset folder: train/validation/test JSONL and a card",
}

# Formats whose output is a folder; the others write one file.
FOLDER_FORMATS: frozenset[str] = frozenset({"brat", "hf"})


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote.

    ``documents`` and ``attributions`` count what was exported. ``unreviewed_left_out``
    counts documents nobody reviewed, left out by default; ``unreviewed_exported``
    those written anyway (marked), with ``ExportFilters.include_unreviewed``. When
    ``cancelled`` is True nothing was written (an existing output is untouched) and
    the counts say how far the export got before it stopped.
    """

    path: Path
    format: str
    documents: int = 0
    attributions: int = 0
    cancelled: bool = False
    unreviewed_left_out: int = 0
    unreviewed_exported: int = 0

    def summary(self) -> str:
        """One line for a terminal: what was written, and what not."""
        line = (
            f"wrote {self.documents} {_plural(self.documents, 'document')} and "
            f"{self.attributions} {_plural(self.attributions, 'attribution')} "
            f"to {self.path} ({self.format})"
        )
        why = "not done and no record decided; --include-unreviewed exports them, marked"
        return "; ".join([line, *self.unreviewed_notes(why=why)])

    def unreviewed_notes(self, *, why: str) -> list[str]:
        """What happened to the documents nobody reviewed, as clauses of a summary;
        ``why`` (in brackets) explains the ones left out, in the caller's terms."""
        notes = []
        if self.unreviewed_exported:
            notes.append(f"{self.unreviewed_exported} of the documents marked unreviewed")
        if self.unreviewed_left_out:
            notes.append(
                f"left out {self.unreviewed_left_out} unreviewed "
                f"{_plural(self.unreviewed_left_out, 'document')} ({why})"
            )
        return notes


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else noun + "s"


def _writer_for(format: str, agreement: Mapping[str, object] | None) -> Writer:
    simple: dict[str, Writer] = {
        "jsonl": write_jsonl,
        "csv": write_csv,
        "brat": write_brat,
        "conll": write_conll,
    }
    if format in simple:
        return simple[format]
    if format == "hf":
        return functools.partial(write_hf, agreement=agreement)
    raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")


def write_export(
    items: Iterable[Item],
    out_path: str | os.PathLike[str],
    *,
    format: str = "jsonl",
    filters: ExportFilters | None = None,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    agreement: Mapping[str, object] | None = None,
) -> ExportReport:
    """Write the documents and attributions of ``items`` to ``out_path`` as ``format``.

    :param items: ``(document, attributions)`` pairs, e.g. ``Store.iter_documents()``;
        read once and never held whole.
    :param out_path: a file for ``jsonl``, ``csv`` and ``conll``; a folder for ``brat``
        and ``hf`` (an existing folder is replaced only if empty or an earlier export).
    :param filters: which attributions and documents to keep; accepted only by default.
    :param progress: called with the number of documents exported so far.
    :param is_cancelled: polled before each document; True stops the export, discards
        the partial output and returns a report with ``cancelled`` set.
    :param agreement: inter-annotator agreement figures (name -> value) that the
        ``hf`` dataset card states; ignored by the other formats.
    :raises ValueError: for an unknown format.
    :raises OSError: when the output cannot be written; an existing output is untouched.
    """
    writer = _writer_for(format, agreement)
    target = Path(out_path)
    tally = Tally()
    stream = select(
        items, filters or ExportFilters(), tally, progress=progress, is_cancelled=is_cancelled
    )
    cancelled = False
    try:
        writer(stream, target)
    except ExportCancelled:
        cancelled = True
    return ExportReport(
        target,
        format,
        tally.documents,
        tally.attributions,
        cancelled=cancelled,
        unreviewed_left_out=tally.unreviewed_left_out,
        unreviewed_exported=tally.unreviewed_exported,
    )
