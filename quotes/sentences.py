"""Sentence and paragraph splitting with nltk's Punkt and the project's own abbreviations.

No trained Punkt model is loaded (nltk data is never required): the tokenizer runs
with ``PunktParameters`` whose abbreviation list comes from
``quotes/data/abbreviations.txt``, so "Col. Gen. Sherali Mirzo" stays in one sentence.
The tokenizer object is built once and only read afterwards, so it is safe to share
between threads.
"""

from __future__ import annotations

import re
from functools import cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from quotes.lexicon import read_data_lines
from quotes.model import Span

# A paragraph ends at a line break; news texts put one paragraph per line.
_PARAGRAPH = re.compile(r"[^\n]+")


@cache
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """The shared Punkt tokenizer with the project's abbreviations."""
    parameters = PunktParameters()
    parameters.abbrev_types = set(read_data_lines("abbreviations.txt"))
    return PunktSentenceTokenizer(parameters)


def split_paragraphs(text: str) -> list[Span]:
    """The non-blank lines of ``text``, each trimmed of surrounding whitespace."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end -= len(line) - len(line.rstrip())
        spans.append(Span(start, end))
    return spans


def split_sentences(text: str, paragraph: Span | None = None) -> list[Span]:
    """The sentences of ``text`` (or of one paragraph of it), never crossing a line break.

    Spans are in text order, non-empty, and exclude surrounding whitespace.
    """
    tokenizer = sentence_tokenizer()
    paragraphs = [paragraph] if paragraph is not None else split_paragraphs(text)
    sentences = []
    for para in paragraphs:
        chunk = text[para.start : para.end]
        for start, end in tokenizer.span_tokenize(chunk):
            if end > start:
                sentences.append(Span(para.start + start, para.start + end))
    return sentences
