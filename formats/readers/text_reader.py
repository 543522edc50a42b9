"""Plain text files: one article per file, titled by its first line or its name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from formats.encoding import (
    DecodeError,
    decode_bytes,
    decoding_note,
    normalise_newlines,
    unreadable_file,
)
from formats.readers.options import ReadOptions
from quotes.model import Article, Problem


def read_text_file(
    path: Path, *, options: ReadOptions, problems: list[Problem], notes: list[str]
) -> Iterator[Article]:
    """Yield the one article of a text file, or nothing and a Problem.

    The text is the whole file with line endings normalised to ``\\n``; the title
    is its first non-blank line when that is at most ``options.title_max_length``
    characters, else the file name without its extension.
    """
    text = read_decoded_text(path, problems=problems, notes=notes)
    if text is None:
        return
    yield Article(text=text, title=title_for(text, path, options), source=str(path))


def read_decoded_text(path: Path, *, problems: list[Problem], notes: list[str]) -> str | None:
    """The file's text, decoded and with ``\\n`` line endings, or None after a Problem.

    A file holding only blanks is reported like an empty one: it has no article.
    """
    text = read_stored_text(path, problems=problems, notes=notes)
    return None if text is None else normalise_newlines(text)


def read_stored_text(path: Path, *, problems: list[Problem], notes: list[str]) -> str | None:
    """The file's text decoded, line endings as stored, or None after a Problem.

    The brat reader needs the stored line endings (its offsets count them); the
    rest go through :func:`read_decoded_text`. A file holding only blanks is
    reported like an empty one: it has no article. The encoding is noted when it
    is not UTF-8.
    """
    where = str(path)
    try:
        text, encoding = decode_bytes(path.read_bytes(), where)
    except DecodeError as error:
        problems.append(error.problem)
        return None
    except OSError as error:
        problems.append(unreadable_file(where, error))
        return None
    if encoding is not None:
        notes.append(decoding_note(where, encoding))
    if not text.strip():
        problems.append(Problem(where, "the file holds no text (only blanks)"))
        return None
    return text


def title_for(text: str, path: Path, options: ReadOptions) -> str:
    """The first non-blank line if short enough, else the file name without extension."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= options.title_max_length else path.stem
    return path.stem
