"""The speed-ups give the answers of the plain code they replace (hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from quotes import content_bounds, content_stop, quotemarks
from quotes.content_bounds import has_words, word_count
from quotes.cues import ACCORDING, MODIFIER, NOUN, PHRASE, Cue, _trie_pattern, find_cues
from quotes.lexicon import Lexicon, default_lexicon
from quotes.model import Span
from quotes.quotemarks import count_alnum
from quotes.sentences import (
    _StdlibLanguageVars,
    _StdlibToken,
    sentence_tokenizer,
    split_paragraphs,
)
from quotes.speakers import before_cue, name_index, resolution
from quotes.tokens import Token, first_word, tokenize


def _nltk_punkt() -> PunktSentenceTokenizer:
    """nltk's own Punkt with the same abbreviations, for comparison."""
    parameters = PunktParameters()
    parameters.abbrev_types = set(sentence_tokenizer()._params.abbrev_types)
    return PunktSentenceTokenizer(
        parameters, lang_vars=_StdlibLanguageVars(), token_cls=_StdlibToken
    )


# Words that exercise every branch of Punkt's two passes: breaks, abbreviations,
# initials, numbers, ellipses, punctuation and both cases after them.
_PIECES = [
    "said.",
    "The",
    "the",
    "he",
    "Mr.",
    "U.S.",
    "J.",
    "j.",
    "I.",
    "1.",
    "12.5.",
    "-3.",
    "etc.",
    "...",
    "..",
    ".",
    "?",
    "!",
    "word...",
    "p.m.",
    "co-op.",
    "Gen.",
    ",",
    ";",
    ":",
    '"',
    "“",
    "”",
    "(",
    ")",
    "5",
    "É.",
    "ß.",
    "_.",
    "—",
    "\n",
    "",
]


@pytest.mark.parametrize(
    "context",
    [
        "said. The",
        "Mr. Smith",
        "J. Bach",
        "J. bach",
        "5. the",
        "5. The",
        "U.S. officials",
        "Why? He",
        "wait... Then",
        "it. (The",
        "Gen. Sherali",
        "co-op. It",
        "1. 2",
    ],
)
def test_punkt_break_test_matches_nltk(context: str) -> None:
    assert sentence_tokenizer().text_contains_sentbreak(context) == (
        _nltk_punkt().text_contains_sentbreak(context)
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", "  "])), max_size=6))
def test_punkt_break_test_matches_nltk_on_any_words(pieces: list[tuple[str, str]]) -> None:
    context = "".join(word + space for word, space in pieces)
    assert sentence_tokenizer().text_contains_sentbreak(context) == (
        _nltk_punkt().text_contains_sentbreak(context)
    )


# Sentence texts: the break contexts above, with the closing marks and brackets that
# Punkt realigns, and whitespace of every kind its helpers tell apart.
_SENTENCE_PIECES = [p for p in _PIECES if p] + ["'", ")", "]", "--", "»", "’", "x"]
_SPACES = ["", " ", "  ", "\t", "\r", "\xa0", "\x0b", "\n"]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_SENTENCE_PIECES), st.sampled_from(_SPACES)), max_size=12)
)
def test_sentence_spans_match_nltk(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + space for word, space in pieces)
    assert sentence_tokenizer().sentence_spans(text) == list(_nltk_punkt().span_tokenize(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.integers(0, 90), st.integers(0, 90))
def test_counts_match_the_plain_definitions(text: str, start: int, end: int) -> None:
    end = min(end, len(text))
    assert count_alnum(text, start, end) == sum(ch.isalnum() for ch in text[start:end])
    for wanted in range(4):
        assert has_words(text, start, end, wanted) == (word_count(text, start, end) >= wanted)


_TOKEN = re.compile(r"\w+(?:[’'.&-]\w+)*|[^\w\s]")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_tokens_are_plain_named_tuples(text: str) -> None:
    tokens = tokenize(text)
    assert all(type(token) is Token for token in tokens)
    assert [(t.text, t.start, t.end, t.lower) for t in tokens] == [
        (m.group(), m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab. \n\t\r\x85\u2028\u00a0\x0bé")), max_size=30))
def test_paragraphs_are_the_stripped_non_blank_lines(text: str) -> None:
    expected = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            start = position + len(line) - len(line.lstrip())
            expected.append((start, start + len(line.strip())))
        position += len(line) + 1
    assert [(s.start, s.end) for s in split_paragraphs(text)] == expected


def _plain_cues(text: str, lexicon: Lexicon) -> list[Cue]:
    """``find_cues`` as first written: a look-behind pattern, fields worked out per match."""
    words = [*lexicon.phrases, *lexicon.according, *lexicon.verbs, *lexicon.nouns]
    alternatives = _trie_pattern(sorted({w.lower() for w in words}))
    lowered = text.lower()
    same_length = len(lowered) == len(text)
    flags = 0 if same_length else re.IGNORECASE
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)
    found = []
    for match in pattern.finditer(lowered if same_length else text):
        parts = match.group().lower().split()
        phrase = " ".join(parts)
        if len(parts) > 1:
            if phrase in lexicon.according:
                found.append(Cue(match.start(), match.end(), phrase, ACCORDING))
            elif parts[0] in {"in", "on", "at", "during", "via", "through", "over"}:
                found.append(Cue(match.start(), match.end(), phrase, MODIFIER))
            else:
                head = lexicon.verb(parts[0])
                lemma = head[0] if head else phrase
                found.append(
                    Cue(match.start(), match.end(), lemma, PHRASE, parts[0].endswith("ing"))
                )
            continue
        entry = lexicon.verb(phrase)
        if entry is None:
            if phrase in lexicon.nouns:
                found.append(Cue(match.start(), match.end(), phrase, NOUN))
            continue
        found.append(
            Cue(
                match.start(),
                match.end(),
                entry[0],
                entry[1].value,
                phrase.endswith("ing"),
                phrase in lexicon.nouns,
            )
        )
    return found


# Cue words, phrases and what may stand around them: hyphens, non-ASCII letters,
# a letter whose lower case is longer ("İ"), odd whitespace inside phrases.
_CUE_PIECES = [
    "said",
    "Said",
    "SAYS",
    "claim",
    "claims",
    "according",
    "to",
    "according to",
    "pointed",
    "out",
    "told",
    "reporters",
    "in a statement",
    "adding",
    "é",
    "İ",
    "-",
    "_",
    "x",
    "1",
    '"',
    "“",
    ",",
    ".",
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_CUE_PIECES), st.sampled_from(["", " ", "  ", "\n", "\xa0"])),
        max_size=10,
    )
)
def test_cues_match_the_plain_scan(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + space for word, space in pieces)
    lexicon = default_lexicon()
    assert find_cues(text, lexicon) == _plain_cues(text, lexicon)


# The plain forms of the speaker patterns that were rewritten to open with a character set.
_PLAIN_SPEAKER_PATTERNS = [
    (
        before_cue._NAME_BEFORE,
        re.compile(
            r"(?<![\w.’'-])((?-i:[A-Z])[a-zA-Z]*\.?(?:[^\S\n]+(?-i:[A-Z])[a-zA-Z]*\.?){0,3})"
            r"[^\S\n]+$"
        ),
    ),
    (resolution._PRECEDING_WORDS, re.compile(r"((?:[A-Z][\w’'-]*\.?\s+){1,4})$")),
]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("AbZ. \n\t’'-_1é—")), max_size=30),
    st.integers(0, 30),
)
def test_speaker_patterns_match_their_plain_forms(text: str, start: int) -> None:
    start = min(start, len(text))
    for fast, plain in _PLAIN_SPEAKER_PATTERNS:
        found, expected = fast.search(text, start), plain.search(text, start)
        assert (found and found.span(1)) == (expected and expected.span(1))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("'\"“”«»a ’")), max_size=30))
def test_quotation_marks_match_the_plain_pattern(text: str) -> None:
    plain = re.compile(r"''|[\"“”«»]")
    assert [m.span() for m in quotemarks._MARK.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list('ab "“”\n.')), max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=6),
)
def test_quoted_shares_are_remembered_per_text(text: str, ranges: list[tuple[int, int]]) -> None:
    index = quotemarks.QuoteIndex(quotemarks.find_quotations(text))
    other = text.upper() + "x"  # the same quotations, other characters
    for start, end in ranges * 2:
        for asked in (text, other):
            plain = quotemarks.QuoteIndex(index.quotations)._quoted_share(asked, start, end)
            assert index.quoted_share(asked, start, end) == plain


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list('ab "“”\n.')), max_size=40),
    st.integers(-2, 45),
    st.integers(-2, 45),
)
def test_quotations_within_a_range_are_those_that_overlap_it(
    text: str, start: int, end: int
) -> None:
    quotations = quotemarks.find_quotations(text)
    index = quotemarks.QuoteIndex(quotations)
    assert index.within(start, end) == [q for q in quotations if q.end > start and q.start < end]


# The name index's pattern written with Unicode categories, as it was before it opened
# with a plain range for speed.
_PLAIN_INDEXED_RUN = re.compile(r"[^\W\d_a-z](?<![^\W_].)[^\W_]*")


@pytest.mark.parametrize("before", ["", " ", "a", "1", "_", "é", "“"])
def test_indexed_runs_match_the_category_pattern_at_every_code_point(before: str) -> None:
    # Every 7th code point past the first blocks keeps the test quick and still
    # samples every script; the full range was checked when the pattern was written.
    codes = [*range(0x3000), *range(0x3000, 0x110000, 7)]
    text = "".join(before + chr(code) + "bc " for code in codes if not 0xD800 <= code < 0xE000)
    fast = [match.span() for match in name_index._INDEXED_RUN.finditer(text)]
    assert fast == [match.span() for match in _PLAIN_INDEXED_RUN.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*"Aa1_’'.-,; \n\"“", " the ", " who ", "Tom"]), max_size=14).map(
        "".join
    ),
    st.integers(0, 45),
    st.integers(0, 45),
)
def test_closing_searches_from_the_last_comma_match_the_plain_ones(
    text: str, start: int, end: int
) -> None:
    # ``content_stop`` starts these two searches at the range's last comma.
    comma = text.rfind(",", start, end)
    plain = content_stop._FINAL_APPOSITION.search(text, start, end)
    fast = (
        content_stop._FINAL_APPOSITION.search(
            text, content_stop._run_start(text, start, comma), end
        )
        if comma >= 0
        else None
    )
    assert (fast and fast.span(1)) == (plain and plain.span(1))
    plain = content_stop._FINAL_RELATIVE.search(text, start, end)
    fast = content_stop._FINAL_RELATIVE.search(text, comma, end) if comma >= 0 else None
    assert (fast and fast.span()) == (plain and plain.span())


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ago", "Ago", "afterwards", "afterward", "x", "s", " ", ",", ".", "_"]),
        min_size=1,
        max_size=10,
    ).map("".join),
    st.integers(0, 12),
)
def test_time_phrases_are_found_from_the_last_word_as_from_the_start(text: str, start: int) -> None:
    # ``is_intro_phrase`` starts its time-word search just before the prefix's last word.
    start = min(start, len(text) - 1)
    plain = re.compile(r"\b(?:later|earlier|ago|afterwards?)\W*$", re.IGNORECASE)
    expected = first_word(text, start, len(text)) is None or bool(plain.search(text, start))
    assert content_bounds.is_intro_phrase(text, Span(start, len(text))) == expected
