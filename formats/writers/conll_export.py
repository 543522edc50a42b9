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

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, repeat
from pathlib import Path
from typing import Protocol

import regex
from nltk.tokenize import RegexpTokenizer, WordPunctTokenizer

from formats.atomic import atomic_text_file
from formats.writers.selection import Item, export_id
from quotes.model import Attribution, Span

HEADER = "# global.columns = FORM START END CONTENT CUE SOURCE\n"
OUTSIDE = "O"
_NEWLINE = re.compile(r"\n")


class SpanTokenizer(Protocol):
    """Anything with nltk's ``span_tokenize(text) -> Iterable[(start, end)]``."""

    def span_tokenize(self, text: str) -> Iterable[tuple[int, int]]: ...


Tokens = tuple[Sequence[str], Sequence[int], Sequence[int]]


def tokens_function(tokenizer: SpanTokenizer) -> Callable[[str], Tokens]:
    """A function giving ``tokenizer.span_tokenize``'s tokens as (texts, starts, ends).

    Tokenizing is most of this export's time, so a token-matching nltk
    ``RegexpTokenizer`` (``WordPunctTokenizer`` is one) gets a fast path: its pattern
    is compiled once, in a capturing group, with nltk's own ``regex`` engine, and
    ``split`` cuts the text into alternating gaps and tokens in C; running sums of the
    piece lengths are the offsets. That gives the same tokens as ``span_tokenize``
    without its per-token generator and timeout guard (the guard protects against
    caller-supplied patterns; these come from code). Any other tokenizer is called
    through ``span_tokenize``.
    """
    fast = _regexp_split(tokenizer)
    if fast is not None:
        return fast

    def tokens(text: str) -> Tokens:
        spans = list(tokenizer.span_tokenize(text))
        return [text[s:e] for s, e in spans], [s for s, _ in spans], [e for _, e in spans]

    return tokens


def _regexp_split(tokenizer: SpanTokenizer) -> Callable[[str], Tokens] | None:
    if not isinstance(tokenizer, RegexpTokenizer) or getattr(tokenizer, "_gaps", True):
        return None
    pattern = getattr(tokenizer, "_pattern", None)
    flags = getattr(tokenizer, "_flags", None)
    if not isinstance(pattern, str) or not isinstance(flags, int):
        return None
    try:
        compiled = regex.compile(f"({pattern})", flags)
    except regex.error:
        return None
    # Extra groups would add pieces to the split, and a pattern that matches the empty
    # string splits differently from how it matches; both take the general path.
    if compiled.groups != 1 or compiled.fullmatch("") is not None:
        return None
    split = compiled.split

    def tokens(text: str) -> Tokens:
        pieces = split(text)  # gap, token, gap, token, ..., gap
        ends = list(accumulate(map(len, pieces)))
        return pieces[1::2], ends[0:-1:2], ends[1::2]

    return tokens


def _tag_layer(
    tags: list[str],
    starts: Sequence[int],
    ends: Sequence[int],
    spans: Iterable[Span],
    label: str,
    tail: str = "",
) -> None:
    """Set ``\tB-label`` / ``\tI-label`` (plus ``tail``) on the tokens of each span."""
    begin, inside, outside = f"\tB-{label}{tail}", f"\tI-{label}{tail}", f"\t{OUTSIDE}{tail}"
    for span in spans:
        first = bisect_right(ends, span.start)  # the first token ending after the start
        stop = bisect_left(starts, span.end)  # tokens before this one start inside
        # Slice counting runs in C; this is done for every span of the export.
        if first >= stop or tags[first:stop].count(outside) != stop - first:
            continue
        tags[first] = begin
        tags[first + 1 : stop] = [inside] * (stop - first - 1)


def document_block(
    document_id: str,
    text: str,
    attributions: list[Attribution],
    tokenize: Callable[[str], Tokens],
) -> str:
    """One document's lines: its id comment, its tokens, a closing blank line.

    Built with C-level joins because this runs once per token of the export.
    """
    header = f"# doc_id = {' '.join(document_id.split())}\n"
    words, starts, ends = tokenize(text)
    count = len(words)
    if not count:
        return header + "\n"
    # Each tag carries its leading tab (and the last column its newline), so a line is
    # eight pieces joined at C speed.
    content = [f"\t{OUTSIDE}"] * count
    cue = content.copy()
    source = [f"\t{OUTSIDE}\n"] * count
    _tag_layer(content, starts, ends, (f for a in attributions for f in a.fragments), "CONTENT")
    _tag_layer(cue, starts, ends, (a.cue for a in attributions if a.cue), "CUE")
    _tag_layer(source, starts, ends, (a.speaker for a in attributions if a.speaker), "SOURCE", "\n")
    words = list(words)
    # A line break between two tokens ends a paragraph: a blank line before the token.
    for index in {bisect_left(starts, m.end()) for m in _NEWLINE.finditer(text)}:
        if 0 < index < count:
            words[index] = "\n" + words[index]
    tab = repeat("\t")
    columns = zip(
        words,
        tab,
        map(str, starts),
        tab,
        map(str, ends),
        content,
        cue,
        source,
        strict=False,  # the tabs repeat forever; the token lists set the length
    )
    return header + "".join(chain.from_iterable(columns)) + "\n"


def write_conll(
    items: Iterable[Item], out_path: Path, *, tokenizer: SpanTokenizer | None = None
) -> None:
    """Write the token table to ``out_path`` atomically, one document at a time."""
    tokenize = tokens_function(tokenizer or WordPunctTokenizer())
    with atomic_text_file(out_path) as stream:
        stream.write(HEADER)
        for document, attributions in items:
            stream.write(document_block(export_id(document), document.text, attributions, tokenize))
