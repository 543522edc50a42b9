"""``read_paths``: files and folders to articles, each file by the reader for its format."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from formats.encoding import DecodeError, encoding_of_sample
from formats.readers.brat_reader import read_brat_pair, text_path_for
from formats.readers.conll_reader import COLUMNS_LINE, read_conll_file
from formats.readers.csv_reader import read_csv_file
from formats.readers.html_reader import read_html_file
from formats.readers.jsonl_reader import read_jsonl_file
from formats.readers.options import ReadOptions
from formats.readers.text_reader import read_text_file
from quotes.model import Article, Problem


class _Reader(Protocol):
    """The shape every single-file reader has."""

    def __call__(
        self, path: Path, *, options: ReadOptions, problems: list[Problem], notes: list[str]
    ) -> Iterator[Article]: ...


# Formats named by sniff_format.
FOLDER = "folder"
TEXT = "text"
JSONL = "jsonl"
CSV = "csv"
TSV = "tsv"
BRAT = "brat"
HTML = "html"
CONLL = "conll"
BINARY = "binary"
MISSING = "missing"

_FORMAT_BY_SUFFIX = {
    ".txt": TEXT,
    ".text": TEXT,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".json": JSONL,
    ".csv": CSV,
    ".tsv": TSV,
    ".tab": TSV,
    ".ann": BRAT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".conll": CONLL,
}
_SNIFF_BYTES = 4096

_READERS: dict[str, _Reader] = {
    TEXT: read_text_file,
    JSONL: read_jsonl_file,
    CSV: read_csv_file,
    TSV: read_csv_file,
    HTML: read_html_file,
    CONLL: read_conll_file,
}


def sniff_format(path: str | Path) -> str:
    """The format ``read_paths`` will read ``path`` as.

    One of ``"folder"``, ``"text"``, ``"jsonl"`` (also ``.json``), ``"csv"``,
    ``"tsv"``, ``"brat"`` (an ``.ann`` file, or a ``.txt`` file with an ``.ann``
    beside it), ``"html"``, ``"conll"`` (this tool's CoNLL export: ``.conll``, or a
    file opening with its columns line), ``"binary"`` (refused) or ``"missing"``. Known
    extensions decide; other files are judged by their first bytes.
    """
    path = Path(path)
    if path.is_dir():
        return FOLDER
    if not path.exists():
        return MISSING
    suffix = path.suffix.lower()
    if suffix == ".txt" and path.with_suffix(".ann").is_file():
        return BRAT
    return _FORMAT_BY_SUFFIX.get(suffix) or _sniff_content(path)


def _is_article_file(path: Path) -> bool:
    """Whether a file found in a folder is read: a known extension or none at all.

    Folders hold more than articles: a brat export's ``annotation.conf``, a
    dataset card ``README.md``, images. Those are skipped (and noted), while a
    file named on its own is always read, by its content if need be.
    """
    suffix = path.suffix.lower()
    return suffix in _FORMAT_BY_SUFFIX or not suffix


def _sniff_content(path: Path) -> str:
    try:
        with open(path, "rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return TEXT  # the text reader reports why it cannot be read
    if not head:
        return TEXT
    try:
        encoding = encoding_of_sample(head, str(path))
    except DecodeError:
        return BINARY
    start = head.decode(encoding, errors="replace").lstrip().lower()
    if start.startswith("{"):
        return JSONL
    if start.startswith(COLUMNS_LINE.lower()):
        return CONLL
    if start.startswith("<") and ("<html" in start or "<!doctype html" in start):
        return HTML
    return TEXT


def read_paths(
    paths: Iterable[str | Path],
    *,
    options: ReadOptions | None = None,
    problems: list[Problem],
    notes: list[str] | None = None,
) -> Generator[Article, None, None]:
    """Yield the articles in ``paths`` (files and folders), one at a time.

    Folders are read recursively in name order, skipping hidden files and folders
    (names starting with ".") and files with extensions of no article format
    (noted: ``annotation.conf``, ``README.md``, images). Each file goes to the
    reader for its ``sniff_format``. Only the current record (for JSONL and CSV)
    or file (for the others) is held, plus the names of the files already read,
    so a consumer that stores each article as it comes reads any corpus in
    bounded memory; stopping the iteration (``close()``, or dropping the
    generator) cancels the read and closes the open file.

    Every rejected item is appended to ``problems`` as it is met (``where`` names
    the file, and the line and field when known); ``notes`` receives remarks that
    are not failures, such as the encoding a file was decoded from. A file named
    twice (or a brat ``.txt`` and its ``.ann``) is read once.

    Runs in the iterating thread (meant for an import worker off the UI thread);
    ``problems`` and ``notes`` are appended to from that thread, so read them
    there or once the iteration has ended.
    """
    session = _ReadSession(
        options=options or ReadOptions(),
        problems=problems,
        notes=notes if notes is not None else [],
    )
    for path in paths:
        yield from session.read_path(Path(path))


class _ReadSession:
    """The state of one ``read_paths`` call: options, sinks and the files already read."""

    def __init__(self, *, options: ReadOptions, problems: list[Problem], notes: list[str]):
        self.options = options
        self.problems = problems
        self.notes = notes
        self.seen: set[Path] = set()

    def read_path(self, path: Path) -> Iterator[Article]:
        if path.is_dir():
            skipped: list[str] = []
            for file in iter_folder_files(path, problems=self.problems):
                if _is_article_file(file):
                    yield from self.read_file(file)
                else:
                    skipped.append(file.name)
            if skipped:
                shown = ", ".join(skipped[:5]) + (", ..." if len(skipped) > 5 else "")
                self.notes.append(
                    f"{path}: skipped {len(skipped)} file(s) of other types ({shown})"
                )
        elif path.exists():
            yield from self.read_file(path)
        else:
            self.problems.append(Problem(str(path), "no such file or folder"))

    def read_file(self, path: Path) -> Iterator[Article]:
        fmt = sniff_format(path)
        if fmt == BRAT:
            yield from self._read_brat(path)
            return
        key = path.resolve()
        if key in self.seen:
            return
        self.seen.add(key)
        reader = _READERS.get(fmt)
        if reader is None:
            self.problems.append(Problem(str(path), "binary file or unknown format, not imported"))
            return
        yield from reader(path, options=self.options, problems=self.problems, notes=self.notes)

    def _read_brat(self, path: Path) -> Iterator[Article]:
        """Read a ``.txt``/``.ann`` pair once, whichever of the two was named.

        The ``.txt`` is marked as read, so that a folder walk does not import it
        again as plain text (PolNeAR keeps texts and annotations in separate
        folders). Several ``.ann`` files for one text (one per annotator) each
        give an article; the store counts the repeated text as a duplicate.
        """
        if path.suffix.lower() == ".ann":
            ann_path, text_path = path, text_path_for(path)
        else:
            ann_path, text_path = path.with_suffix(".ann"), path
        key = ann_path.resolve()
        if key in self.seen:
            return
        self.seen.add(key)
        if text_path is None:
            self.problems.append(
                Problem(
                    str(ann_path),
                    f"brat annotations without their text: {ann_path.stem}.txt is missing",
                )
            )
            return
        self.seen.add(text_path.resolve())
        yield from read_brat_pair(
            text_path, ann_path, options=self.options, problems=self.problems, notes=self.notes
        )


def iter_folder_files(folder: Path, *, problems: list[Problem]) -> Iterator[Path]:
    """The files under ``folder``, recursively, in name order, without hidden ones.

    Symbolic links to folders are followed once: a link back up the tree is not
    walked again. A folder that cannot be listed is reported and skipped.
    """
    visited: set[Path] = set()

    def walk(current: Path) -> Iterator[Path]:
        real = current.resolve()
        if real in visited:
            return
        visited.add(real)
        try:
            entries = sorted(current.iterdir(), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(str(current), f"cannot list the folder: {error.strerror}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif entry.is_file():
                yield entry

    yield from walk(folder)
