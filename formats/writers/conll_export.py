"""CoNLL-style export: one token per line with BIO tags, for training sequence taggers.

Layout (tab-separated, UTF-8)::

    # global.columns = FORM START END CONTENT CUE SOURCE
    # doc_id = doc-1
    Fares	0	5	O	O	O
    "	27	28	O	O	O
    The	28	31	B-CONTENT	O	O
    ...
                                    (a blank line ends each paragraph and document)

``START``/``END`` are the token's character offsets into the document text, so tags
map back to spans. Each layer (content, cue, source) has its own column because the
layers may overlap. A token gets a layer's tag when it overlaps one of its spans;
every content fragment starts with ``B-``; where two attributions' spans of one layer
overlap, the earlier in text order keeps the tokens. Tokens come from a data-free
nltk ``span_tokenize`` tokenizer (``WordPunctTokenizer`` unless another is passed).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from nltk.tokenize import WordPunctTokenizer

from formats.atomic import atomic_text_file
from formats.writers.selection import Item, export_id
from quotes.model import Attribution, Span

HEADER = "# global.columns = FORM START END CONTENT CUE SOURCE\n"
OUTSIDE = "O"


class SpanTokenizer(Protocol):
    """Anything with nltk's ``span_tokenize(text) -> Iterable[(start, end)]``."""

    def span_tokenize(self, text: str) -> Iterable[tuple[int, int]]: ...


def _tag_layer(
    tags: list[str], starts: list[int], ends: list[int], spans: Iterable[Span], label: str
) -> None:
    begin, inside = f"B-{label}", f"I-{label}"
    for span in spans:
        first = bisect_right(ends, span.start)  # the first token ending after the start
        stop = bisect_left(starts, span.end)  # tokens before this one start inside
        if first >= stop or any(tags[i] != OUTSIDE for i in range(first, stop)):
            continue
        tags[first] = begin
        for i in range(first + 1, stop):
            tags[i] = inside


def document_lines(
    document_id: str,
    text: str,
    attributions: list[Attribution],
    tokenizer: SpanTokenizer,
) -> Iterator[str]:
    """The lines of one document: its id comment, its tokens, a closing blank line."""
    token_spans = list(tokenizer.span_tokenize(text))
    starts = [s for s, _ in token_spans]
    ends = [e for _, e in token_spans]
    content = [OUTSIDE] * len(token_spans)
    cue = content.copy()
    source = content.copy()
    _tag_layer(content, starts, ends, (f for a in attributions for f in a.fragments), "CONTENT")
    _tag_layer(cue, starts, ends, (a.cue for a in attributions if a.cue), "CUE")
    _tag_layer(source, starts, ends, (a.speaker for a in attributions if a.speaker), "SOURCE")
    yield f"# doc_id = {' '.join(document_id.split())}\n"
    previous_end = 0
    for i, (start, end) in enumerate(token_spans):
        if i and "\n" in text[previous_end:start]:
            yield "\n"  # a paragraph break: taggers see paragraphs as sequences
        yield f"{text[start:end]}\t{start}\t{end}\t{content[i]}\t{cue[i]}\t{source[i]}\n"
        previous_end = end
    yield "\n"


def write_conll(
    items: Iterable[Item], out_path: Path, *, tokenizer: SpanTokenizer | None = None
) -> None:
    """Write the token table to ``out_path`` atomically, one document at a time."""
    tokenizer = tokenizer or WordPunctTokenizer()
    with atomic_text_file(out_path) as stream:
        stream.write(HEADER)
        for document, attributions in items:
            stream.writelines(
                document_lines(export_id(document), document.text, attributions, tokenizer)
            )
