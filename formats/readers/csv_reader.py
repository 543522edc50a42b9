"""CSV and TSV files: one article a row, with a mapping of columns to text, title and id.

The other columns travel with each article as metadata (``Article.meta``).
"""

from __future__ import annotations

import csv
import io
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from formats.encoding import (
    DecodeError,
    decoding_note,
    normalise_newlines,
    open_text_stream,
    unreadable_file,
)
from formats.readers.options import (
    DEFAULT_ID_COLUMN,
    DEFAULT_TITLE_COLUMN,
    ReadOptions,
)
from formats.readers.record_checks import unstorable_text
from quotes.model import Article, Problem

# A whole article is one field; the csv module's default limit (128 KiB) would cut
# long ones with an error. The limit is process-wide, so it is raised once here.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_DELIMITERS = (",", ";", "\t", "|")


def csv_columns(path: str | Path) -> list[str]:
    """The column names in the header row of a CSV or TSV file (for a mapping dialog).

    :raises ValueError: for an empty or binary file, or one without a header row
        (the message names the file).
    :raises OSError: when the file cannot be read.
    """
    path = Path(path)
    stream, _encoding = open_text_stream(path, newline="")
    with stream:
        header = next(csv.reader(stream, delimiter=_delimiter_for(path, stream)), None)
    if not header:
        raise ValueError(f"{path}: no header row")
    return [name.strip() for name in header]


def read_csv_file(
    path: Path, *, options: ReadOptions, problems: list[Problem], notes: list[str]
) -> Iterator[Article]:
    """Yield one article per row, streamed; a bad row is reported and skipped.

    The first row names the columns. A file without the mapped text column is
    rejected whole, naming the column and the columns it has; a mapped title or id
    column that the file lacks is noted and the rows read without it. The columns
    that are not mapped are kept in each article's ``meta`` (empty cells left out).

    Each rejection names the file and the line the row starts on: a row without
    text, one holding a NUL or bytes that are not valid in the file's encoding, and
    a malformed quoted field. After a malformed field the read resynchronises at
    the line after the bad row's first line, so the rows after it are kept.
    """
    where = str(path)
    try:
        stream, encoding = open_text_stream(
            path, newline="", allow_nul=True, errors="surrogateescape"
        )
    except DecodeError as error:
        problems.append(error.problem)
        return
    except OSError as error:
        problems.append(unreadable_file(where, error))
        return
    if encoding is not None:
        notes.append(decoding_note(where, encoding))
    with stream:
        rows = _ResyncingRows(stream, _delimiter_for(path, stream))
        try:
            yield from _articles_of_rows(
                rows,
                path=path,
                encoding=encoding or "UTF-8",
                options=options,
                problems=problems,
                notes=notes,
            )
        except UnicodeDecodeError:  # a wide (UTF-16/32) stream cannot escape bad bytes
            problems.append(
                Problem(
                    f"{where}:{rows.line}",
                    f"not valid {encoding or 'UTF-8'} near here; the rest is not read",
                )
            )


def _articles_of_rows(
    rows: _ResyncingRows,
    *,
    path: Path,
    encoding: str,
    options: ReadOptions,
    problems: list[Problem],
    notes: list[str],
) -> Iterator[Article]:
    where = str(path)
    columns: _Columns | None = None
    for line, row in rows:
        if isinstance(row, csv.Error):
            if columns is None:
                problems.append(Problem(f"{where}:{line}", f"malformed CSV header ({row})"))
                return
            problems.append(Problem(f"{where}:{line}", f"malformed CSV ({row}); row skipped"))
            continue
        if columns is None:
            columns = _map_columns([name.strip() for name in row], options, where, problems, notes)
            if columns is None:
                return
            continue
        bad = _unstorable_cell(row, columns.header, encoding)
        if bad is not None:
            problems.append(Problem(f"{where}:{line} column {bad[0]!r}", f"{bad[1]}; row skipped"))
            continue
        article = _article_from_row(
            row, columns, path=path, line=line, options=options, problems=problems
        )
        if article is not None:
            yield article
    if columns is None:
        problems.append(Problem(where, "the file has no header row"))


class _ResyncingRows:
    """The rows of a CSV stream as ``(first line, cells or csv.Error)``, never stopping
    at a malformed one.

    The csv module reads a record over as many physical lines as its quotes span:
    an unbalanced quote would swallow the good rows after it. So the physical
    lines of the record being read are kept, and after an error every line but
    its first is read again as the start of new rows.
    """

    def __init__(self, stream: io.TextIOWrapper, delimiter: str) -> None:
        self._stream = stream
        self._delimiter = delimiter
        self._pushed: deque[tuple[int, str]] = deque()
        self._taken: list[tuple[int, str]] = []
        self._read = 0
        self.line = 1  # the line the current record starts on

    def _lines(self) -> Iterator[str]:
        while True:
            if self._pushed:
                number, text = self._pushed.popleft()
            else:
                text = self._stream.readline()
                if not text:
                    return
                self._read += 1
                number = self._read
            self._taken.append((number, text))
            yield text

    def __iter__(self) -> Iterator[tuple[int, list[str] | csv.Error]]:
        reader = csv.reader(self._lines(), delimiter=self._delimiter, strict=True)
        while True:
            self._taken = []
            self.line = self._pushed[0][0] if self._pushed else self._read + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                start = self._taken[0][0] if self._taken else self.line
                self._pushed.extendleft(reversed(self._taken[1:]))
                yield start, error
                # A fresh reader: the old one's line source may have ended at the
                # end of the file, before the lines pushed back.
                reader = csv.reader(self._lines(), delimiter=self._delimiter, strict=True)
                continue
            yield (self._taken[0][0] if self._taken else self.line), row


def _unstorable_cell(row: list[str], header: list[str], encoding: str) -> tuple[str, str] | None:
    """``(column, reason)`` for the first cell of ``row`` the store could not hold."""
    for index, cell in enumerate(row):
        reason = unstorable_text(cell)
        if reason is None:
            continue
        name = header[index] if index < len(header) and header[index] else f"#{index + 1}"
        if "surrogate" in reason:
            # The stream escapes each byte that does not decode as a lone surrogate.
            return name, f"holds bytes that are not valid {encoding}"
        return name, reason
    return None


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where a file keeps each mapped field, and the names of every column."""

    header: list[str]
    text: int
    title: int | None
    id: int | None

    def meta_of(self, row: list[str]) -> dict[str, object]:
        """The row's cells in the columns that are not mapped, by column name."""
        mapped = {self.text, self.title, self.id}
        return {
            name: cell
            for index, (name, cell) in enumerate(zip(self.header, row, strict=False))
            if index not in mapped and name and cell.strip()
        }


def _map_columns(
    header: list[str],
    options: ReadOptions,
    where: str,
    problems: list[Problem],
    notes: list[str],
) -> _Columns | None:
    """Where the text, title and id are, or None after a Problem.

    A mapped title or id column that the file lacks is noted, not a problem: every
    row is still read, without that field.
    """
    if not any(header):
        problems.append(Problem(where, "the file has no header row"))
        return None
    if options.csv_text_column not in header:
        problems.append(
            Problem(
                where,
                f"no column '{options.csv_text_column}' for the text; the file has the "
                f"columns {', '.join(repr(name) for name in header)}",
            )
        )
        return None
    optional: list[int | None] = []
    for role, name, default in (
        ("title", options.csv_title_column, DEFAULT_TITLE_COLUMN),
        ("id", options.csv_id_column, DEFAULT_ID_COLUMN),
    ):
        if name is not None and name in header:
            optional.append(header.index(name))
            continue
        if name is not None and name != default:
            notes.append(
                f"{where}: no column '{name}' for the {role}; read without it. The file has "
                f"the columns {', '.join(repr(column) for column in header)}"
            )
        optional.append(None)
    return _Columns(header, header.index(options.csv_text_column), optional[0], optional[1])


def _article_from_row(
    row: list[str],
    columns: _Columns,
    *,
    path: Path,
    line: int,
    options: ReadOptions,
    problems: list[Problem],
) -> Article | None:
    if not any(cell.strip() for cell in row):
        # A blank line, or a spreadsheet's empty row (",,,"): nothing was rejected.
        return None
    text = normalise_newlines(row[columns.text]) if columns.text < len(row) else ""
    if not text.strip():
        problems.append(
            Problem(f"{path}:{line} column '{options.csv_text_column}'", "no text in this row")
        )
        return None
    title = (
        _cell(row, columns.title)
        or _first_line_title(text, options.title_max_length)
        or f"{path.stem} {line}"
    )
    return Article(
        text=text,
        title=title,
        source=str(path),
        external_id=_cell(row, columns.id) or None,
        meta=columns.meta_of(row),
    )


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return normalise_newlines(row[index]).strip()


def _first_line_title(text: str, limit: int) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= limit else ""


def _delimiter_for(path: Path, stream: io.TextIOWrapper) -> str:
    """Tab for ``.tsv``/``.tab``; for ``.csv`` the commonest candidate in the header line.

    Spreadsheets in many locales write ``;``; the header line (column names rarely
    hold delimiters) tells which one a file uses. The stream is rewound.
    """
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    first = stream.readline()
    stream.seek(0)
    counts = {delimiter: first.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","
