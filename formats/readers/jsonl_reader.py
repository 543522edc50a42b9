"""JSON Lines in the export schema (``quotes.records``), streamed line by line.

A line that is not JSON, or not an article, is reported with its line number and
skipped; an article keeps its valid quotes while each invalid one is reported
with the line and the field. ``.json`` files may also hold one article object or
an array of them; those are decoded whole (the standard library cannot stream a
JSON document) and their records parsed one by one, each named by the line it
starts on.

A quote whose spans do not fit the text (``quotes.span_checks.imported_record_problem``:
a span outside it, a stored ``cue_text``/``speaker_text``/``content_text`` that is not
the text at its offsets, content covering its own cue or speaker mention) is left out
the same way, naming the line and the field.

A record that could not be stored (a lone surrogate or a NUL in any string,
metadata that is not strict JSON, nesting too deep to parse) is rejected on its
own with the line and the field; see ``formats.readers.record_checks``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from formats.encoding import (
    SAMPLE_BYTES,
    DecodeError,
    NewlineMap,
    decode_bytes,
    decoding_note,
    encoding_of_sample,
    is_ascii_compatible,
    normalise_newlines,
    unreadable_file,
)
from formats.readers.options import ReadOptions
from formats.readers.record_checks import refused_whole, unstorable_field, unstorable_meta
from quotes.model import Article, Attribution, Problem
from quotes.records import RecordError, article_from_record, attribution_from_record
from quotes.span_checks import imported_record_problem

# Keys of a quote that hold one offset, and keys that hold [start, end] pairs.
_OFFSET_KEYS = ("start", "end")
_PAIR_KEYS = ("cue", "speaker")
_FRAGMENT_KEYS = ("fragments", "content_fragments")


def read_jsonl_file(
    path: Path, *, options: ReadOptions, problems: list[Problem], notes: list[str]
) -> Iterator[Article]:
    """Yield the articles of a JSONL (or ``.json``) file, reporting what is rejected.

    Memory stays bounded by the longest line for JSONL. Texts holding ``\\r`` are
    normalised to ``\\n`` and their offsets carried over (noted once per file).
    """
    where = str(path)
    if path.suffix.lower() == ".json":
        whole = _read_whole_json(path, problems=problems, notes=notes)
        if whole is not None:
            for line_number, record in whole:
                article = read_article_record(
                    record, where=f"{where}:{line_number}", options=options, problems=problems
                )
                if article is not None:
                    yield article
            return
    reader = _ArticleLines(options=options, problems=problems)
    for line_number, line in _iter_lines(path, problems=problems, notes=notes):
        if line.strip():
            article = reader.read(line, f"{where}:{line_number}")
            if article is not None:
                yield article
    if reader.normalised_newlines:
        notes.append(f"{where}: line endings in texts normalised to \\n, offsets adjusted")


class _ArticleLines:
    """Parses lines one by one, remembering what to note about the whole file."""

    def __init__(self, *, options: ReadOptions, problems: list[Problem]) -> None:
        self.options = options
        self.problems = problems
        self.normalised_newlines = False

    def read(self, line: str, where: str) -> Article | None:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            self.problems.append(
                Problem(where, f"invalid JSON: {error.msg} (column {error.colno})")
            )
            return None
        except RecursionError:
            self.problems.append(Problem(where, "invalid JSON: nested too deeply to read"))
            return None
        except ValueError as error:  # an integer of more digits than Python converts
            self.problems.append(Problem(where, f"invalid JSON: {error}"))
            return None
        if isinstance(record, Mapping) and "\r" in str(record.get("text", "")):
            self.normalised_newlines = True
        return read_article_record(
            record, where=where, options=self.options, problems=self.problems
        )


def read_article_record(
    record: Any, *, where: str, options: ReadOptions, problems: list[Problem]
) -> Article | None:
    """One article from a parsed record, or None after a Problem.

    Each invalid quote is reported as ``where field 'quotes[i]'`` and left out;
    the article keeps its valid quotes. A record holding a string that cannot be
    stored, or metadata that is not strict JSON, is rejected whole, naming the field.
    """
    if not isinstance(record, Mapping):
        problems.append(
            Problem(where, f"a line must be a JSON object, got {type(record).__name__}")
        )
        return None
    unstorable = unstorable_field(record)
    if unstorable is not None:
        field_name, reason = unstorable
        problems.append(Problem(f"{where} field '{field_name}'", f"{reason}; record skipped"))
        return None
    meta = record.get("meta")
    meta_problem = unstorable_meta(meta) if isinstance(meta, Mapping) else None
    if meta_problem is not None:
        problems.append(Problem(f"{where} field 'meta'", f"{meta_problem}; record skipped"))
        return None
    try:
        article = article_from_record(record, with_quotes=False)
    except RecordError as error:
        problems.append(Problem(where, str(error)))
        return None
    if not article.text.strip():
        problems.append(Problem(f"{where} field 'text'", "the text is empty"))
        return None
    newline_map = NewlineMap(article.text)
    text = normalise_newlines(article.text)
    attributions: list[Attribution] = []
    raw_quotes = record.get("quotes")
    before = len(problems)
    if options.with_annotations and raw_quotes is not None:
        if not isinstance(raw_quotes, list):
            problems.append(Problem(f"{where} field 'quotes'", "must be a list of quote objects"))
            raw_quotes = []
        for index, quote in enumerate(raw_quotes):
            if newline_map and isinstance(quote, Mapping):
                quote = _remap_quote(quote, newline_map)
            try:
                attribution = attribution_from_record(quote, len(text))
            except (RecordError, TypeError, ValueError) as error:
                problems.append(Problem(f"{where} field 'quotes[{index}]'", str(error)))
                continue
            problem = imported_record_problem(text, attribution, quote)
            if problem is not None:
                problems.append(Problem(f"{where} field 'quotes[{index}]'", problem))
            else:
                attributions.append(attribution)
    if refused_whole(options, problems, before, where):
        return None
    return replace(
        article,
        text=text,
        attributions=tuple(attributions),
        annotated=bool(options.with_annotations and raw_quotes),
        meta=dict(meta) if isinstance(meta, Mapping) else {},
    )


def _remap_quote(quote: Mapping[str, Any], newline_map: NewlineMap) -> dict[str, Any]:
    """The quote with every well-formed offset carried over to the normalised text.

    Malformed values are left as they are, for ``attribution_from_record`` to report.
    """
    remapped = dict(quote)
    for key in _OFFSET_KEYS:
        if _is_offset(remapped.get(key)):
            remapped[key] = newline_map.offset(remapped[key])
    for key in _PAIR_KEYS:
        remapped[key] = _remap_pair(remapped.get(key), newline_map)
    for key in _FRAGMENT_KEYS:
        value = remapped.get(key)
        if isinstance(value, list):
            remapped[key] = [_remap_pair(pair, newline_map) for pair in value]
    return remapped


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _remap_pair(value: Any, newline_map: NewlineMap) -> Any:
    if isinstance(value, list | tuple) and len(value) == 2 and all(map(_is_offset, value)):
        return [newline_map.offset(value[0]), newline_map.offset(value[1])]
    return value


def _iter_lines(
    path: Path, *, problems: list[Problem], notes: list[str]
) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` of a file, decoding each line on its own.

    A line that does not decode is reported and skipped, so one bad byte costs one
    line. UTF-16/32 files are decoded as a stream; there a decoding error ends
    the file, reported at the line where it happened.
    """
    where = str(path)
    try:
        with open(path, "rb") as raw:
            sample = raw.read(SAMPLE_BYTES)
            try:
                encoding = encoding_of_sample(sample, where, allow_nul=True)
            except DecodeError as error:
                problems.append(error.problem)
                return
            if encoding not in ("utf-8", "utf-8-sig"):
                notes.append(decoding_note(where, encoding))
            raw.seek(0)
            if is_ascii_compatible(encoding):
                for line_number, data in enumerate(raw, start=1):
                    try:
                        # utf-8-sig only drops a mark at the very start of a line.
                        yield line_number, data.decode(encoding)
                    except UnicodeDecodeError as error:
                        problems.append(
                            Problem(
                                f"{where}:{line_number}",
                                f"not valid {encoding} (byte {data[error.start]:#04x} "
                                f"at byte {error.start + 1} of the line); line skipped",
                            )
                        )
            else:
                yield from _iter_wide_lines(raw, encoding, where, problems)
    except OSError as error:
        problems.append(unreadable_file(where, error))


def _iter_wide_lines(
    raw: Any, encoding: str, where: str, problems: list[Problem]
) -> Iterator[tuple[int, str]]:
    decoder = codecs.getincrementaldecoder(encoding)()
    pending = ""
    line_number = 0
    while True:
        chunk = raw.read(SAMPLE_BYTES)
        try:
            pending += decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    f"{where}:{line_number + 1}",
                    f"not valid {encoding} from here on; the rest of the file is not read",
                )
            )
            return
        *complete, pending = pending.split("\n")
        for line in complete:
            line_number += 1
            yield line_number, line
        if not chunk:
            if pending:
                yield line_number + 1, pending
            return


def _read_whole_json(
    path: Path, *, problems: list[Problem], notes: list[str]
) -> Iterator[tuple[int, Any]] | None:
    """``(line, record)`` of a ``.json`` file holding an array or one object, else None.

    None means "read it as JSON Lines" (a ``.json`` file with one object a line,
    or one that cannot be decoded: the line reader reports that).
    """
    try:
        text, encoding = decode_bytes(path.read_bytes(), str(path), allow_nul=True)
    except (DecodeError, OSError):
        return None
    body = text.lstrip()
    if body.startswith("["):
        records: Iterator[tuple[int, Any]] = _iter_array(text, str(path), problems)
    else:
        try:
            records = iter([(1 + text.count("\n", 0, len(text) - len(body)), json.loads(text))])
        except (ValueError, RecursionError):
            return None  # read line by line, where each bad line is reported
    if encoding is not None:
        notes.append(decoding_note(str(path), encoding))
    return records


def _iter_array(text: str, where: str, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    """The elements of a JSON array with the line each starts on, one at a time.

    An element that is not JSON (a file cut short) is reported with its line and
    ends the array; the elements before it are kept.
    """
    decoder = json.JSONDecoder()
    index = _skip_blanks(text, text.index("[") + 1)
    line = 1 + text.count("\n", 0, index)
    if text.startswith("]", index):
        return
    while True:
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            problems.append(
                Problem(
                    f"{where}:{error.lineno}",
                    f"invalid JSON: {error.msg} (column {error.colno}); "
                    "the rest of the array is not read",
                )
            )
            return
        except (ValueError, RecursionError) as error:
            reason = "nested too deeply to read" if isinstance(error, RecursionError) else error
            problems.append(
                Problem(
                    f"{where}:{line}", f"invalid JSON: {reason}; the rest of the array is not read"
                )
            )
            return
        yield line, value
        after = _skip_blanks(text, end)
        if text.startswith("]", after):
            return
        if not text.startswith(",", after):
            line += text.count("\n", index, after)
            problems.append(
                Problem(f"{where}:{line}", "invalid JSON: ',' or ']' expected before this")
            )
            return
        next_index = _skip_blanks(text, after + 1)
        line += text.count("\n", index, next_index)
        index = next_index


def _skip_blanks(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index
