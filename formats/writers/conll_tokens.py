"""The tokens of the CoNLL export: any nltk ``span_tokenize`` tokenizer as three columns.

``tokens_function(tokenizer)`` gives a function from a text to its tokens' texts, start
and end offsets. Tokenizing is most of the export's time, so nltk's ``WordPunctTokenizer``
(and any ``RegexpTokenizer`` that splits on matches) is run as one regular-expression
split, and a text that fits Windows-1252 is split on its one-byte encoding; a text where
that could differ from nltk's own result takes nltk's path. Pure functions, safe in any
thread.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Protocol

import regex
from nltk.tokenize import RegexpTokenizer


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
    twin = _stdlib_twin(pattern, flags, compiled)
    if twin is None:

        def tokens(text: str) -> Tokens:
            pieces = split(text)  # gap, token, gap, token, ..., gap
            ends = list(accumulate(map(len, pieces)))
            return pieces[1::2], ends[0:-1:2], ends[1::2]

        return tokens
    twin_split = twin.split

    def tokens_by_twin(text: str) -> Tokens:
        pieces = (twin_split if _agree_on(text) else split)(text)
        ends = list(accumulate(map(len, pieces)))
        return pieces[1::2], ends[0:-1:2], ends[1::2]

    return _WordPunctTokens(tokens_by_twin, _encoded_tokens_function(flags))


EncodedTokens = tuple[list[bytes], Sequence[int], Sequence[int]]


class _WordPunctTokens:
    """WordPunctTokenizer's tokens as (texts, starts, ends), and (``encoded``) the same
    tokens as UTF-8 bytes for a text in the Windows-1252 repertoire, else None."""

    __slots__ = ("_tokens", "encoded")

    def __init__(
        self, tokens: Callable[[str], Tokens], encoded: Callable[[str], EncodedTokens | None]
    ) -> None:
        self._tokens = tokens
        self.encoded = encoded

    def __call__(self, text: str) -> Tokens:
        return self._tokens(text)


_ASCII = bytes(range(128))


def _encoded_tokens_function(flags: int) -> Callable[[str], EncodedTokens | None]:
    """WordPunct's split of a Windows-1252 text, done on its one-byte encoding.

    A bytes split runs about a third faster than a str split, and Windows-1252 gives
    one byte per character, so piece lengths are character offsets. The byte classes
    are the characters ``regex`` (nltk's engine) itself puts in \\w and \\s, so the split
    equals ``regex``'s on every such text, including the characters on which ``re``
    and ``regex`` disagree. The few tokens holding non-ASCII bytes are then recoded
    to UTF-8, the output encoding.
    """
    word, space = regex.compile(r"\w", flags).match, regex.compile(r"\s", flags).match
    characters = [(b, bytes([b]).decode("cp1252", errors="ignore")) for b in range(256)]
    words = bytes(b for b, c in characters if c and word(c))
    spaces = bytes(b for b, c in characters if c and space(c))

    def byte_class(members: bytes) -> bytes:
        return b"".join(b"\\x%02x" % b for b in members)

    split = re.compile(
        b"([" + byte_class(words) + b"]+|[^" + byte_class(words + spaces) + b"]+)"
    ).split

    def encoded(text: str) -> EncodedTokens | None:
        # An ASCII text (two news articles in five) is copied as it is; the cp1252
        # codec looks each character up in its table.
        ascii_only = text.isascii()
        try:
            raw = text.encode("ascii" if ascii_only else "cp1252")
        except UnicodeEncodeError:
            return None
        pieces = split(raw)  # gap, token, gap, token, ..., gap
        ends = list(accumulate(map(len, pieces)))
        tokens, starts, ends = pieces[1::2], ends[0:-1:2], ends[1::2]
        others = b"" if ascii_only else raw.translate(None, _ASCII)
        if others:
            # The non-ASCII characters are few (quotation marks, accented letters):
            # each distinct one is found with bytes.find, its token recoded once.
            recoded = set()
            for value in set(others):
                needle = bytes((value,))
                at = raw.find(needle)
                while at >= 0:
                    recoded.add(bisect_right(ends, at))
                    at = raw.find(needle, at + 1)
            for index in recoded:
                tokens[index] = tokens[index].decode("cp1252").encode("utf-8")
        return tokens, starts, ends

    return encoded


# WordPunctTokenizer's pattern. The standard library's ``re`` runs it about a quarter
# faster than ``regex`` (the largest share of this export's time), and gives the same
# split wherever both engines put every character in the same classes (word, space,
# other). They disagree on some characters (combining marks, superscript digits,
# \x1c-\x1f...), so ``re`` is used only for texts written in the Windows-1252
# repertoire (English and western European news with typographic quotes and dashes),
# less the characters of it on which the engines disagree, found here from the
# engines themselves.
_WORD_PUNCT = r"\w+|[^\w\s]+"
_REPERTOIRE = "".join(bytes([b]).decode("cp1252", errors="ignore") for b in range(256))


def _disagreeing(characters: str) -> str:
    classes = [(r"\w", r"\w"), (r"\s", r"\s")]
    return "".join(
        c
        for c in characters
        if any((regex.match(a, c) is None) != (re.match(b, c) is None) for a, b in classes)
    )


_DISAGREEING_CHARACTERS = _disagreeing(_REPERTOIRE)
_DISAGREEING = re.compile(
    f"[{re.escape(_DISAGREEING_CHARACTERS)}]" if _DISAGREEING_CHARACTERS else "(?!)"
)


def _agree_on(text: str) -> bool:
    """Whether ``re`` and ``regex`` classify every character of ``text`` alike (a
    sufficient test: the text is in the repertoire checked above)."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return _DISAGREEING.search(text) is None


def _stdlib_twin(pattern: str, flags: int, compiled: regex.Pattern[str]) -> re.Pattern[str] | None:
    """The ``re`` twin of WordPunctTokenizer's compiled pattern, else None.

    Only nltk's own flags are allowed: they do not change what this pattern matches,
    where others would (``ASCII``, ``regex``'s version flags...).
    """
    if pattern != _WORD_PUNCT or flags & ~(re.UNICODE | re.MULTILINE | re.DOTALL):
        return None
    return re.compile(compiled.pattern)
