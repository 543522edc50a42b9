"""Documents and attributions shared by the exporter tests (written for these tests).

The sample article has a quotation split by its cue, an indirect quotation, a
pronoun speaker, non-ASCII text and a candidate, an accepted and a rejected record.
"""

from __future__ import annotations

import hashlib

from quotes.model import (
    Article,
    Attribution,
    Document,
    DocumentStatus,
    Origin,
    QuoteType,
    Span,
    Status,
)

HARBOUR_TEXT = (
    "Harbour ferry fares rise\n"
    "\n"
    '"The old timetable cannot survive the winter," Mayor Inés Okafor said, '
    '"and we will not pretend otherwise."\n'
    "The transport board said fares would rise by a fifth in January.\n"
    "Dockworkers called the plan “a tax on the night shift”, and she did not answer."
)


def span_of(text: str, needle: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th appearance of ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def harbour_attributions() -> list[Attribution]:
    """Three attributions of ``HARBOUR_TEXT``: accepted, candidate and rejected."""
    t = HARBOUR_TEXT
    return [
        Attribution(
            fragments=(
                span_of(t, "The old timetable cannot survive the winter,"),
                span_of(t, "and we will not pretend otherwise."),
            ),
            type=QuoteType.DIRECT,
            cue=span_of(t, "said"),
            speaker=span_of(t, "Mayor Inés Okafor"),
            speaker_name="Inés Okafor",
            status=Status.ACCEPTED,
            origin=Origin.HUMAN,
            annotator="ana",
        ),
        Attribution(
            fragments=(span_of(t, "fares would rise by a fifth in January"),),
            type=QuoteType.INDIRECT,
            cue=span_of(t, "said", 1),
            speaker=span_of(t, "The transport board"),
            speaker_name="Harbour transport board",
            status=Status.CANDIDATE,
        ),
        Attribution(
            fragments=(span_of(t, "a tax on the night shift"),),
            type=QuoteType.DIRECT,
            cue=span_of(t, "called the plan"),
            speaker=span_of(t, "Dockworkers"),
            speaker_name=None,
            status=Status.REJECTED,
            annotator="ben",
        ),
    ]


def make_document(
    id: int,
    text: str,
    *,
    title: str = "",
    source: str = "",
    status: DocumentStatus = DocumentStatus.DONE,
    external_id: str | None = None,
) -> Document:
    """A stored-looking document, as ``Store.iter_documents`` would yield it."""
    return Document(
        id=id,
        text=text,
        title=title,
        source=source,
        status=status,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        imported_at="2026-11-28T15:00:00",
        external_id=external_id,
    )


def harbour_items() -> list[tuple[Document, list[Attribution]]]:
    """Two reviewed documents: the harbour article and a short one without quotes."""
    return [
        (
            make_document(
                1, HARBOUR_TEXT, title="Harbour ferry fares rise", source="Coast Courier"
            ),
            harbour_attributions(),
        ),
        (
            make_document(
                2,
                "The library reopens on Monday.",
                title="Library",
                status=DocumentStatus.DONE,
                external_id="lib-7",
            ),
            [],
        ),
    ]


def items_from_articles(articles: list[Article]) -> list[tuple[Document, list[Attribution]]]:
    """What a fresh workspace would hold after importing ``articles``."""
    return [
        (
            make_document(
                index,
                a.text,
                title=a.title,
                source=a.source,
                external_id=a.external_id,
            ),
            list(a.attributions),
        )
        for index, a in enumerate(articles, start=1)
    ]


def reference_block(document_id: str, text: str, attributions: list[Attribution]) -> str:
    """The CoNLL block written the plain way, token by token (the contract the fast
    writer must meet byte for byte)."""
    from nltk.tokenize import WordPunctTokenizer

    spans = list(WordPunctTokenizer().span_tokenize(text))
    layers = {"CONTENT": ["O"] * len(spans), "CUE": ["O"] * len(spans)}
    layers["SOURCE"] = ["O"] * len(spans)
    marked: dict[str, dict[Span, list[str]]] = {label: {} for label in layers}
    for number, a in enumerate(attributions, start=1):
        for mark, label in [(f, "CONTENT") for f in a.fragments] + [
            (a.cue, "CUE"),
            (a.speaker, "SOURCE"),
        ]:
            if mark is not None:
                marked[label].setdefault(mark, []).append(str(number))
    for label, tags in layers.items():
        for mark, numbers in marked[label].items():
            ids = ",".join(numbers)
            covered = [i for i, (s, e) in enumerate(spans) if s < mark.end and mark.start < e]
            if covered and all(tags[i] == "O" for i in covered):
                tags[covered[0]] = f"B-{label}-{ids}"
                for i in covered[1:]:
                    tags[i] = f"I-{label}-{ids}"
    lines = [f"# doc_id = {' '.join(document_id.split())}\n"]
    for i, (s, e) in enumerate(spans):
        if i and "\n" in text[spans[i - 1][0] : s]:
            lines.append("\n")
        tags = "\t".join(layers[label][i] for label in ("CONTENT", "CUE", "SOURCE"))
        lines.append(f"{text[s:e]}\t{s}\t{e}\t{tags}\n")
    return "".join(lines) + "\n"
