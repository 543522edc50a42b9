"""The cue lexicon (package data, user-extendable) and the Punkt sentence splitter."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.cues import ACCORDING, MODIFIER, PHRASE, find_cues
from quotes.extract import extract_with
from quotes.lexicon import CueKind, LexiconError, default_lexicon, load_lexicon, parse_lexicon
from quotes.quotemarks import find_quotations
from quotes.sentences import split_sentences


@pytest.mark.parametrize("form", ["say", "says", "said", "saying", "told", "argued", "tweeted"])
def test_default_lexicon_holds_every_inflection(form: str) -> None:
    assert default_lexicon().verb(form) is not None


def test_lexicon_kinds() -> None:
    lexicon = default_lexicon()
    assert lexicon.verb("said") == ("say", CueKind.CLAUSE)
    assert lexicon.verb("believes") == ("believe", CueKind.BELIEF)
    assert lexicon.verb("called") == ("call", CueKind.OBJECT)
    assert lexicon.verb("state") is None  # "state:" names the lemma only
    assert lexicon.verb("stated") == ("state", CueKind.CLAUSE)
    assert "according to" in lexicon.according
    assert "as reported by" in lexicon.according


def test_user_file_extends_the_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text("[clause]\nopine opines opined opining\n[phrases]\nput it this way\n")
    lexicon = load_lexicon(path)
    assert lexicon.verb("opined") == ("opine", CueKind.CLAUSE)
    assert lexicon.verb("said") is not None
    text = "The judge opined that the law was vague."
    (attribution,) = extract_with(text, lexicon).attributions
    assert attribution.content_text(text) == "that the law was vague."


def test_malformed_lexicon_names_file_and_line() -> None:
    with pytest.raises(LexiconError, match=r"mine\.txt:2: unknown section \[verbs\]"):
        parse_lexicon("# comment\n[verbs]\nsay\n", "mine.txt")
    with pytest.raises(LexiconError, match=r"mine\.txt:1: a line before any"):
        parse_lexicon("say said\n", "mine.txt")


def test_cue_kinds_found_in_text() -> None:
    text = "She pointed out, according to him, that it said so in a statement."
    kinds = [(text[c.start : c.end], c.kind) for c in find_cues(text, default_lexicon())]
    assert kinds == [
        ("pointed out", PHRASE),
        ("according to", ACCORDING),
        ("said", "clause"),
        ("in a statement", MODIFIER),
    ]


def test_hyphenated_compounds_are_not_cues() -> None:
    assert find_cues("the so-called plan, a well-said line", default_lexicon()) == []


def _sentences(text: str) -> list[str]:
    return [s.text_of(text) for s in split_sentences(text)]


def test_rank_abbreviations_do_not_end_a_sentence() -> None:
    text = "He met Col. Gen. Sherali Mirzo in Dushanbe today. They talked."
    assert _sentences(text) == [
        "He met Col. Gen. Sherali Mirzo in Dushanbe today.",
        "They talked.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith arrived.",
        "The U.S. Senate voted.",
        "It ended at 5 p.m. on Friday.",
        "Sen. Jones and Dr. Lee spoke.",
    ],
)
def test_project_abbreviations(text: str) -> None:
    assert _sentences(text) == [text]


def test_sentences_never_cross_a_line_break() -> None:
    assert _sentences("First line without stop\nSecond line.") == [
        "First line without stop",
        "Second line.",
    ]


def test_quotation_marks_pair_across_paragraphs_only_when_reopened() -> None:
    continued = '"One.\n\n"Two," she said.'
    (quotation,) = find_quotations(continued)
    assert (quotation.start, quotation.end, quotation.balanced) == (0, 13, True)
    broken = '"One.\n\nTwo.'
    (quotation,) = find_quotations(broken)
    assert (quotation.start, quotation.end, quotation.balanced) == (0, 5, False)


def test_doubled_apostrophes_are_quotation_marks() -> None:
    text = "''We won,'' he said."
    (quotation,) = find_quotations(text)
    assert text[quotation.start : quotation.end] == "''We won,''"
