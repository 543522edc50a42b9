"""CoNLL export: one token per line, BIO tags per layer, offsets that map back."""

from __future__ import annotations

from pathlib import Path

import pytest
from writer_cases import HARBOUR_TEXT, harbour_items, make_document

from formats.writers import ExportFilters, write_export
from formats.writers.conll_export import HEADER
from quotes.model import Attribution, Span


def read_documents(path: Path) -> dict[str, list[list[str]]]:
    """doc id -> token rows (paragraph breaks dropped)."""
    documents: dict[str, list[list[str]]] = {}
    current: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# doc_id = "):
            current = documents.setdefault(line.removeprefix("# doc_id = "), [])
        elif line and not line.startswith("# "):
            current.append(line.split("\t"))
    return documents


def tagged(rows: list[list[str]], column: int) -> list[tuple[str, str]]:
    return [(row[0], row[column]) for row in rows if row[column] != "O"]


def test_header_and_one_block_per_document(tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    write_export(harbour_items(), out, format="conll")
    raw = out.read_text(encoding="utf-8")
    assert raw.startswith(HEADER)
    assert raw.endswith("\n\n")
    documents = read_documents(out)
    assert list(documents) == ["doc-1", "lib-7"]
    assert [row[0] for row in documents["lib-7"]] == [
        "The",
        "library",
        "reopens",
        "on",
        "Monday",
        ".",
    ]


def test_offsets_point_at_the_token(tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    write_export(harbour_items(), out, format="conll")
    rows = read_documents(out)["doc-1"]
    assert all(HARBOUR_TEXT[int(s) : int(e)] == token for token, s, e, *_ in rows)
    assert len({len(row) for row in rows}) == 1 and len(rows[0]) == 6


def test_bio_tags_for_content_cue_and_source(tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    write_export(harbour_items(), out, format="conll")
    rows = read_documents(out)["doc-1"]
    content = tagged(rows, 3)
    assert content[0] == ("The", "B-CONTENT")
    assert content[1] == ("old", "I-CONTENT")
    # The second fragment after the cue begins again with B-.
    assert ("and", "B-CONTENT") in content
    # WordPunct keeps '."' as one token; it overlaps the content, so it is tagged.
    assert content[-2:] == [("otherwise", "I-CONTENT"), ('."', "I-CONTENT")]
    assert tagged(rows, 4) == [("said", "B-CUE")]
    assert tagged(rows, 5) == [
        ("Mayor", "B-SOURCE"),
        ("Inés", "I-SOURCE"),
        ("Okafor", "I-SOURCE"),
    ]


def test_rejected_attributions_are_not_tagged_by_default(tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    write_export(harbour_items(), out, format="conll")
    rows = read_documents(out)["doc-1"]
    assert ("Dockworkers", "O") in [(row[0], row[5]) for row in rows]
    write_export(harbour_items(), out, format="conll", filters=ExportFilters.every_status())
    rows = read_documents(out)["doc-1"]
    assert ("Dockworkers", "B-SOURCE") in [(row[0], row[5]) for row in rows]


def test_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    write_export(harbour_items()[:1], out, format="conll")
    blocks = out.read_text(encoding="utf-8").removeprefix(HEADER).strip("\n").split("\n\n")
    # Title, then three paragraph lines: four sequences in the one document.
    assert len(blocks) == 4
    assert blocks[0].splitlines()[1].startswith("Harbour\t0\t7\t")


def test_overlapping_spans_keep_the_earlier_one(tmp_path: Path) -> None:
    text = "Alpha beta gamma delta"
    outer = Attribution(fragments=(Span(0, 16),))
    inner = Attribution(fragments=(Span(6, 22),))
    out = tmp_path / "out.conll"
    write_export(
        [(make_document(1, text), [inner, outer])],
        out,
        format="conll",
        filters=ExportFilters.every_status(),
    )
    rows = read_documents(out)["doc-1"]
    assert [row[3] for row in rows] == ["B-CONTENT", "I-CONTENT", "I-CONTENT", "O"]


@pytest.mark.parametrize(
    "text",
    [
        HARBOUR_TEXT,
        " Cafe\u0301 naïve 3.5% — “ok”… x_y\tz\r\n\u0661\u0662 ²½ ",
        "",
        "   ",
        "!",
        "word",
    ],
)
def test_fast_tokens_equal_nltk_span_tokenize(text: str) -> None:
    from nltk.tokenize import WordPunctTokenizer

    from formats.writers.conll_export import tokens_function

    tokenizer = WordPunctTokenizer()
    words, starts, ends = tokens_function(tokenizer)(text)
    spans = list(tokenizer.span_tokenize(text))
    assert list(zip(starts, ends, strict=True)) == spans
    assert list(words) == [text[s:e] for s, e in spans]


def test_tokenizers_without_a_fast_path_give_the_same_tokens() -> None:
    from nltk.tokenize import RegexpTokenizer

    from formats.writers.conll_export import tokens_function

    # A pattern with a group of its own cannot use the split fast path.
    tokenizer = RegexpTokenizer(r"(?:\w)+|[^\w\s]")
    grouped = RegexpTokenizer(r"(\w)+|[^\w\s]")
    text = "It's 3 o'clock."
    assert list(tokens_function(tokenizer)(text)[0]) == [
        "It",
        "'",
        "s",
        "3",
        "o",
        "'",
        "clock",
        ".",
    ]
    assert list(tokens_function(grouped)(text)[1]) == [s for s, _ in grouped.span_tokenize(text)]


def test_any_span_tokenizer_can_be_passed(tmp_path: Path) -> None:
    from nltk.tokenize import TreebankWordTokenizer

    from formats.writers.conll_export import write_conll
    from formats.writers.selection import export_id

    out = tmp_path / "out.conll"
    write_conll(harbour_items()[1:], out, tokenizer=TreebankWordTokenizer())
    rows = read_documents(out)[export_id(harbour_items()[1][0])]
    assert [row[0] for row in rows] == ["The", "library", "reopens", "on", "Monday", "."]
