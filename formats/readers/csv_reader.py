"""CSV and TSV files: one article a row, with a mapping of columns to text, title and id."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
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
    """Yield one article per row, streamed; rows without text are reported and skipped.

    The first row names the columns. A file without the mapped text column is
    rejected whole, naming the column and the columns it has. A malformed quoted
    field (a truncated file) or undecodable bytes stop the read at that line,
    keeping the rows before it.
    """
    where = str(path)
    try:
        stream, encoding = open_text_stream(path, newline="")
    except DecodeError as error:
        problems.append(error.problem)
        return
    except OSError as error:
        problems.append(unreadable_file(where, error))
        return
    if encoding is not None:
        notes.append(decoding_note(where, encoding))
    with stream:
        reader = csv.reader(stream, delimiter=_delimiter_for(path, stream), strict=True)
        line = 1
        try:
            header = [name.strip() for name in next(reader, [])]
            columns = _map_columns(header, options, where, problems)
            if columns is None:
                return
            line = reader.line_num + 1
            for row in reader:
                article = _article_from_row(
                    row, columns, path=path, line=line, options=options, problems=problems
                )
                if article is not None:
                    yield article
                line = reader.line_num + 1
        except csv.Error as error:
            problems.append(
                Problem(f"{where}:{line}", f"malformed CSV ({error}); the rest is not read")
            )
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    f"{where}:{line}",
                    f"not valid {encoding or 'UTF-8'} near here; the rest is not read",
                )
            )


def _map_columns(
    header: list[str], options: ReadOptions, where: str, problems: list[Problem]
) -> tuple[int, int | None, int | None] | None:
    """Indexes of the text, title and id columns, or None after a Problem."""
    if not header:
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
            problems.append(
                Problem(
                    where,
                    f"no column '{name}' for the {role}; read without it. The file has "
                    f"the columns {', '.join(repr(column) for column in header)}",
                )
            )
        optional.append(None)
    return header.index(options.csv_text_column), optional[0], optional[1]


def _article_from_row(
    row: list[str],
    columns: tuple[int, int | None, int | None],
    *,
    path: Path,
    line: int,
    options: ReadOptions,
    problems: list[Problem],
) -> Article | None:
    if not row:
        return None  # a blank line between rows
    text_at, title_at, id_at = columns
    text = normalise_newlines(row[text_at]) if text_at < len(row) else ""
    if not text.strip():
        problems.append(
            Problem(f"{path}:{line} column '{options.csv_text_column}'", "no text in this row")
        )
        return None
    title = (
        _cell(row, title_at)
        or _first_line_title(text, options.title_max_length)
        or f"{path.stem} {line}"
    )
    return Article(
        text=text,
        title=title,
        source=str(path),
        external_id=_cell(row, id_at) or None,
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
