"""Sentence and paragraph splitting with nltk's Punkt and the project's own abbreviations.

No trained Punkt model is loaded (nltk data is never required): the tokenizer runs
with ``PunktParameters`` whose abbreviation list comes from
``quotes/data/abbreviations.txt``, so "Col. Gen. Sherali Mirzo" stays in one sentence.
The tokenizer object is built once and only read afterwards, so it is safe to share
between threads.
"""

from __future__ import annotations

import re
import string
from functools import cache

from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

from quotes.lexicon import read_data_lines
from quotes.model import Span

# A paragraph ends at a line break; news texts put one paragraph per line.
# From a line's first to its last non-space character: blank lines never match, and
# ``\S`` is exactly what ``str.strip`` keeps, so no line needs slicing and stripping.
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")


class _StdlibLanguageVars(PunktLanguageVars):
    """Punkt's own English patterns, compiled with the standard ``re`` module.

    nltk routes every pattern through its ReDoS guard (the ``regex`` engine with a
    timeout), which more than doubles the splitting time. Punkt's fixed patterns are
    linear and our inputs are single paragraphs, so the guard buys nothing here;
    the sentence boundaries are identical.
    """

    __slots__ = ()

    re_boundary_realignment = re.compile(
        r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', re.MULTILINE
    )

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        return _WORD_TOKENIZER

    def period_context_re(self) -> re.Pattern[str]:
        return _PERIOD_CONTEXT


_ENGLISH = PunktLanguageVars()
_WORD_TOKENIZER = re.compile(
    _ENGLISH._word_tokenize_fmt
    % {
        "NonWord": _ENGLISH._re_non_word_chars,
        "MultiChar": _ENGLISH._re_multi_char_punct,
        "WordStart": _ENGLISH._re_word_start,
    },
    re.UNICODE | re.VERBOSE,
)
_PERIOD_CONTEXT = re.compile(
    _ENGLISH._period_context_fmt
    % {"NonWord": _ENGLISH._re_non_word_chars, "SentEndChars": _ENGLISH._re_sent_end_chars},
    re.UNICODE | re.VERBOSE,
)


class _StdlibToken(PunktToken):
    """``PunktToken`` with its patterns compiled by the standard ``re`` module."""

    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)
    _RE_ALPHA = re.compile(r"[^\W\d]+$", re.UNICODE)


class _UntrainedPunkt(PunktSentenceTokenizer):
    """Punkt whose break test is written out for parameters without training.

    Punkt asks ``text_contains_sentbreak`` about the context of every candidate break
    ("said. The", "Mr. Smith"), and answers by building and annotating a
    ``PunktToken`` per word: most of its time. With our parameters (abbreviations
    only: no collocations, no sentence starters, no orthographic statistics) its
    two annotation passes reduce to the rules in ``_breaks_after``, which give the same
    verdicts without the token objects. Other parameters keep nltk's own method.
    Read-only after construction, so safe to share between threads.
    """

    def __init__(self, parameters: PunktParameters) -> None:
        super().__init__(parameters, lang_vars=_StdlibLanguageVars(), token_cls=_StdlibToken)
        self._untrained = not (
            parameters.collocations or parameters.sent_starters or parameters.ortho_context
        )

    def sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` spans of ``span_tokenize(text)``, as a list.

        With untrained parameters this is nltk's ``_match_potential_end_contexts``,
        ``_slices_from_text`` and ``_realign_boundaries`` written as one loop over the
        candidate breaks, without their generators, slice objects and per-character
        whitespace scan; the spans are the same (tests/quotes/test_fast_paths.py).
        """
        if not self._untrained:
            return list(self.span_tokenize(text))
        # nltk's _get_last_whitespace_index looks for ASCII whitespace only, and its
        # answer 0 (whitespace at the first character, or none) means "no whitespace".
        other_whitespace = _OTHER_WHITESPACE.search(text) is not None
        slices: list[tuple[int, int]] = []
        last_break = 0
        previous: re.Match[str] | None = None
        word_start = word_end = 0  # the word before ``previous``: its context
        for match in _PERIOD_CONTEXT.finditer(text):
            before = match.start()
            space = text.rfind(" ", word_end, before)
            if other_whitespace:
                space = max(
                    space, *(text.rfind(c, word_end, before) for c in _NON_SPACE_WHITESPACE)
                )
            start = space + 1 if space > word_end else word_start
            if previous is not None and word_end <= start:
                last_break = self._break_after(
                    text, previous, word_start, word_end, slices, last_break
                )
            previous, word_start, word_end = match, start, before
        if previous is not None:
            last_break = self._break_after(text, previous, word_start, word_end, slices, last_break)
        slices.append((last_break, len(text.rstrip())))
        spans: list[tuple[int, int]] = []
        realign_re = self._lang_vars.re_boundary_realignment
        realign = 0
        for index, (start, end) in enumerate(slices):
            start += realign
            if index + 1 == len(slices):
                if start < end:
                    spans.append((start, end))
                break
            following, following_end = slices[index + 1]
            realigned = realign_re.match(text, following, following_end)
            if realigned is not None:
                spans.append((start, following + len(realigned.group().rstrip())))
                realign = realigned.end() - following
            else:
                realign = 0
                if start < end:
                    spans.append((start, end))
        return spans

    def _break_after(
        self,
        text: str,
        match: re.Match[str],
        word_start: int,
        word_end: int,
        slices: list[tuple[int, int]],
        last_break: int,
    ) -> int:
        """Append the sentence ending at candidate ``match`` when Punkt breaks there;
        return where the next sentence starts (nltk's ``_slices_from_text`` step)."""
        end_character = match.group()
        # A "?" or "!" is a word of its own with a word after it (the punctuation or
        # the next word of the context), and untrained Punkt breaks after it always.
        # So it does after a plain word of two or more letters that is no abbreviation
        # ("said."): the context's first word, neither an initial nor a number.
        word = text[word_start:word_end]
        if end_character == "." and not (
            len(word) > 1
            and word.isascii()
            and word.isalpha()
            and word.lower() not in self._params.abbrev_types
        ):
            context = word + end_character + match.group("after_tok")
            if not self.text_contains_sentbreak(context):
                return last_break
        slices.append((last_break, match.end()))
        next_token = match.start("next_tok")
        return next_token if next_token >= 0 else match.end()

    def text_contains_sentbreak(self, text: str) -> bool:
        """Whether a word of ``text`` other than its last ends a sentence (as nltk)."""
        if not self._untrained:
            return bool(super().text_contains_sentbreak(text))
        if "\n" in text:
            words = [
                word
                for line in text.split("\n")
                if line.strip()
                for word in self._lang_vars.word_tokenize(line)
            ]
        else:
            # One line, and a blank one holds no words: no split needed.
            words = self._lang_vars.word_tokenize(text)
        abbreviations = self._params.abbrev_types
        for index in range(len(words) - 1):
            if _breaks_after(words[index], words[index + 1], abbreviations):
                return True
        return False


def _breaks_after(word: str, following: str, abbreviations: set[str]) -> bool:
    """Punkt's verdict on ``word`` followed by ``following`` when untrained.

    First pass: ".", "?" and "!" break; an ellipsis and a known abbreviation do not;
    another word ending in one period breaks. Second pass (only a word ending in a
    period): an initial or a number before punctuation or a lower-case word does not
    break, and an initial before a capitalised word does not either. The orthographic
    and starter heuristics that could turn a non-break into a break need training.
    """
    if word in _SENTENCE_END_CHARACTERS:
        pass
    elif _StdlibToken._RE_ELLIPSIS.match(word):
        return False
    elif word.endswith(".") and not word.endswith(".."):
        stem = word[:-1].lower()
        if stem in abbreviations or stem.split("-")[-1] in abbreviations:
            return False
    else:
        return False
    if not word.endswith("."):
        return True
    word_type = _StdlibToken._RE_NUMERIC.sub("##number##", word.lower())
    if len(word_type) > 1 and word_type[-1] == ".":
        word_type = word_type[:-1]
    initial = _StdlibToken._RE_INITIAL.match(word) is not None
    if initial or word_type == "##number##":
        if following in _PUNCTUATION or following[0].islower():
            return False
        if initial and following[0].isupper():
            return False
    return True


_SENTENCE_END_CHARACTERS = (".", "?", "!")
_NON_SPACE_WHITESPACE = tuple(string.whitespace.replace(" ", ""))
_OTHER_WHITESPACE = re.compile("[" + re.escape("".join(_NON_SPACE_WHITESPACE)) + "]")
_PUNCTUATION = tuple(";:,.!?")


@cache
def sentence_tokenizer() -> _UntrainedPunkt:
    """The shared Punkt tokenizer with the project's abbreviations."""
    parameters = PunktParameters()
    parameters.abbrev_types = set(read_data_lines("abbreviations.txt"))
    return _UntrainedPunkt(parameters)


def split_paragraphs(text: str) -> list[Span]:
    """The non-blank lines of ``text``, each trimmed of surrounding whitespace."""
    return [Span(*match.span()) for match in _PARAGRAPH.finditer(text)]


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """``split_paragraphs`` as ``(start, end)`` pairs (no ``Span`` objects, for speed)."""
    return [match.span() for match in _PARAGRAPH.finditer(text)]


def split_sentences(text: str, paragraph: Span | None = None) -> list[Span]:
    """The sentences of ``text`` (or of one paragraph of it), never crossing a line break.

    Spans are in text order, non-empty, and exclude surrounding whitespace.
    """
    paragraphs = [paragraph] if paragraph is not None else split_paragraphs(text)
    return [
        Span(start, end)
        for para in paragraphs
        for start, end in sentence_bounds(text, para.start, para.end)
    ]


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``split_sentences`` of the paragraph ``text[start:end]`` as ``(start, end)`` pairs."""
    chunk = text[start:end]
    sentences: list[tuple[int, int]] = []
    for first, last in sentence_tokenizer().sentence_spans(chunk):
        if last <= first:
            continue
        if sentences and chunk[first].islower() and _after_period(chunk, first):
            # No sentence opens in lower case: the period ended an abbreviation
            # that the list lacks ("The S.E.C. said", "the U.A.W. has").
            sentences[-1] = (sentences[-1][0], start + last)
            continue
        sentences.append((start + first, start + last))
    return sentences


def _after_period(chunk: str, position: int) -> bool:
    """Whether a period ends ``chunk[:position]``, whitespace aside."""
    while position > 0 and chunk[position - 1].isspace():
        position -= 1
    return position > 0 and chunk[position - 1] == "."
