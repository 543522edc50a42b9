"""CoNLL: the token table this tool exports (``formats.writers.conll_export``), read back.

The file starts with ``# global.columns = FORM START END CONTENT CUE SOURCE``; each
document opens with ``# doc_id = ID`` and holds one token a line (form, character
offsets, a tag per layer), with a blank line between paragraphs. Tags carry the
number of their attribution (``B-CONTENT-2``, ``I-CUE-2``; ``B-SOURCE-1,2`` for a
mention two attributions share), so each attribution is rebuilt from its numbered
spans: its content fragments (each ``B-`` opens one), its cue and its speaker mention.

The table holds the tokens, not the text: the text is rebuilt from the forms at their
offsets, the characters between tokens written as spaces, or as line breaks where a
blank line marks a paragraph. Offsets are therefore kept exactly, and exporting the
import again gives the same table. What the table does not carry comes back as it
would from any finished annotation file: status accepted, type judged from quotation
marks (``quotes.quotemarks.guess_quote_type``), no speaker name, the ``doc_id`` as
external id, the first line (if short) as title.

A line that does not fit (a missing column, offsets that are not numbers or go
backwards, a form whose length is not its offsets', a tag of another shape) skips
its document, reported with file, line and column; the file's other documents are
read. An attribution whose spans do not fit its text
(``quotes.span_checks.imported_record_problem``) is left out alone.
Reads one line at a time; pure Python, any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from formats.encoding import unreadable_file
from formats.readers.options import ReadOptions
from formats.readers.record_checks import refused_whole
from quotes.model import Article, Attribution, Origin, Problem, QuoteType, Span, Status
from quotes.quotemarks import guess_quote_type
from quotes.span_checks import imported_record_problem

#: The export's first line, without its line break.
COLUMNS_LINE = "# global.columns = FORM START END CONTENT CUE SOURCE"
_DOC_ID = "# doc_id = "
_LAYERS = ("CONTENT", "CUE", "SOURCE")
_TAG = re.compile(r"([BI])-([A-Z]+)-(\d+(?:,\d+)*)")


class _BadLine(ValueError):
    """A line that does not fit the table; ``column`` names the field when known."""

    def __init__(self, reason: str, column: str | None = None) -> None:
        super().__init__(reason)
        self.column = column


@dataclass(slots=True)
class _Document:
    """One document as its lines come in: the rebuilt text and the open spans."""

    doc_id: str
    line: int
    pieces: list[str] = field(default_factory=list)
    length: int = 0
    paragraph: bool = False
    # Per layer: the span being read, as (ids, start, end, line).
    open: list[tuple[str, int, int, int] | None] = field(default_factory=lambda: [None] * 3)
    # Per layer and attribution number: its spans, with the line each began on.
    spans: list[dict[int, list[tuple[Span, int]]]] = field(default_factory=lambda: [{}, {}, {}])

    def add_token(self, fields: list[str]) -> None:
        """Append one token line's form and tags. :raises _BadLine: if it does not fit."""
        if len(fields) != 6:
            raise _BadLine(f"expected 6 tab-separated columns, got {len(fields)}")
        form, start_text, end_text, *tags = fields
        if not (start_text.isdigit() and end_text.isdigit()):
            raise _BadLine(f"offsets {start_text!r} {end_text!r} are not numbers", "START")
        start, end = int(start_text), int(end_text)
        if start < self.length or end - start != len(form) or not form:
            raise _BadLine(
                f"token {form!r} at [{start}, {end}] does not follow the previous one "
                f"(which ends at {self.length}) or is not as long as its offsets",
                "START",
            )
        gap = start - self.length
        self.pieces.append(("\n" if self.paragraph and gap else " ") * gap + form)
        self.length, self.paragraph = end, False
        for layer, tag in enumerate(tags):
            self._add_tag(layer, tag, start, end)

    def _add_tag(self, layer: int, tag: str, start: int, end: int) -> None:
        if tag == "O":
            self.close(layer)
            return
        found = _TAG.fullmatch(tag)
        if found is None or found.group(2) != _LAYERS[layer]:
            raise _BadLine(
                f"tag {tag!r} is not O, B-{_LAYERS[layer]}-<n> or I-{_LAYERS[layer]}-<n>",
                _LAYERS[layer],
            )
        begin, ids = found.group(1) == "B", found.group(3)
        current = self.open[layer]
        if not begin and current is not None and current[0] == ids:
            self.open[layer] = (ids, current[1], end, current[3])
            return
        self.close(layer)  # an I- that continues nothing opens a span, as B- does
        self.open[layer] = (ids, start, end, self.line)

    def close(self, layer: int) -> None:
        """End the span being read in ``layer``, if any."""
        current = self.open[layer]
        if current is None:
            return
        ids, start, end, line = current
        for number in ids.split(","):
            self.spans[layer].setdefault(int(number), []).append((Span(start, end), line))
        self.open[layer] = None


def read_conll_file(
    path: Path, *, options: ReadOptions, problems: list[Problem], notes: list[str]
) -> Iterator[Article]:
    """Yield the documents of a CoNLL export with their attributions (see the module
    docstring), reporting what is rejected; memory holds one document at a time."""
    where = str(path)
    document: _Document | None = None
    skipping = False
    for number, line in _iter_lines(path, problems):
        if number == 1:
            if line is None or line.lstrip("\ufeff").rstrip() != COLUMNS_LINE:
                problems.append(
                    Problem(
                        f"{where}:1", f"not a CoNLL export of this tool: {COLUMNS_LINE!r} expected"
                    )
                )
                return
            continue
        if line is not None and line.startswith(_DOC_ID):
            if document is not None and not skipping:
                yield from _finish(document, where, options, problems)
            document, skipping = _Document(line[len(_DOC_ID) :].strip(), number), False
            continue
        if document is None or skipping:
            if document is None and line is not None and line.strip():
                problems.append(Problem(f"{where}:{number}", "a token before any '# doc_id'"))
            continue
        if line is None:
            problems.append(
                Problem(f"{where}:{number}", f"not UTF-8; document {document.doc_id!r} skipped")
            )
            skipping = True
            continue
        if not line.strip():
            # A paragraph break; a quotation over several paragraphs goes on with I-.
            document.paragraph = True
            continue
        if line.startswith("#"):
            continue  # another comment
        document.line = number
        try:
            document.add_token(line.rstrip("\n").split("\t"))
        except _BadLine as bad:
            column = f" column {bad.column}" if bad.column else ""
            problems.append(
                Problem(f"{where}:{number}{column}", f"{bad}; document {document.doc_id!r} skipped")
            )
            skipping = True
    if document is not None and not skipping:
        yield from _finish(document, where, options, problems)


def _finish(
    document: _Document, where: str, options: ReadOptions, problems: list[Problem]
) -> Iterator[Article]:
    """The article of a document whose lines are all read."""
    for layer in range(len(_LAYERS)):
        document.close(layer)
    text = "".join(document.pieces)
    if not text:
        problems.append(
            Problem(f"{where}:{document.line}", f"document {document.doc_id!r} has no tokens")
        )
        return
    attributions = []
    if options.with_annotations:
        before = len(problems)
        attributions = list(_attributions(document, text, where, problems))
        if refused_whole(options, problems, before, f"{where}:{document.line}"):
            return
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    yield Article(
        text=text,
        title=first if len(first) <= options.title_max_length else document.doc_id,
        source=where,
        external_id=document.doc_id or None,
        attributions=tuple(attributions),
        annotated=options.with_annotations,
    )


def _attributions(
    document: _Document, text: str, where: str, problems: list[Problem]
) -> Iterator[Attribution]:
    """Each numbered attribution of the document, in number order."""
    contents, cues, sources = document.spans
    for number in sorted(set(contents) | set(cues) | set(sources)):
        lines = [line for spans in (contents, cues, sources) for _, line in spans.get(number, ())]
        at = f"{where}:{min(lines)}"
        if number not in contents:
            problems.append(Problem(at, f"attribution {number} has no CONTENT tokens; left out"))
            continue
        fragments = tuple(sorted(span for span, _ in contents[number]))
        try:
            attribution = Attribution(
                fragments=fragments,
                type=_judged_type(text, fragments),
                cue=_hull(cues.get(number)),
                speaker=_hull(sources.get(number)),
                status=Status.ACCEPTED,
                origin=Origin.IMPORT,
            )
            problem = imported_record_problem(text, attribution)
        except ValueError as error:
            problem = str(error)
        if problem is not None:
            problems.append(Problem(at, f"attribution {number}: {problem}; left out"))
            continue
        yield attribution


def _judged_type(text: str, fragments: tuple[Span, ...]) -> QuoteType:
    """The type from the quotation marks; tokens tag a trailing '".' whole, so the
    punctuation after a closing mark does not make a direct quotation mixed."""
    words = " ".join(f.text_of(text) for f in fragments)
    return guess_quote_type(words.strip().rstrip(",.;:!?"))


def _hull(spans: list[tuple[Span, int]] | None) -> Span | None:
    """One span covering ``spans`` (an attribution has one cue and one mention)."""
    if not spans:
        return None
    return Span(min(s.start for s, _ in spans), max(s.end for s, _ in spans))


def _iter_lines(path: Path, problems: list[Problem]) -> Iterator[tuple[int, str | None]]:
    """``(number, line)`` of a UTF-8 file (the export's encoding), line breaks dropped;
    None for a line that is not UTF-8 (its document is skipped)."""
    try:
        with open(path, "rb") as raw:
            for number, data in enumerate(raw, start=1):
                try:
                    yield number, data.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError:
                    yield number, None
    except OSError as error:
        problems.append(unreadable_file(str(path), error))
