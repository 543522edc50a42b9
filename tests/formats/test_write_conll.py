"""CoNLL export: one token per line, BIO tags per layer, offsets that map back."""

from __future__ import annotations

from pathlib import Path

import pytest
from writer_cases import HARBOUR_TEXT, harbour_items, make_document, reference_block, span_of

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
    assert content[0] == ("The", "B-CONTENT-1")
    assert content[1] == ("old", "I-CONTENT-1")
    # The second fragment after the cue begins again with B-.
    assert ("and", "B-CONTENT-1") in content
    # WordPunct keeps '."' as one token; it overlaps the content, so it is tagged.
    assert content[-2:] == [("otherwise", "I-CONTENT-1"), ('."', "I-CONTENT-1")]
    assert tagged(rows, 4) == [("said", "B-CUE-1")]
    assert tagged(rows, 5) == [
        ("Mayor", "B-SOURCE-1"),
        ("Inés", "I-SOURCE-1"),
        ("Okafor", "I-SOURCE-1"),
    ]


def test_rejected_attributions_are_not_tagged_by_default(tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    write_export(harbour_items(), out, format="conll")
    rows = read_documents(out)["doc-1"]
    assert ("Dockworkers", "O") in [(row[0], row[5]) for row in rows]
    write_export(harbour_items(), out, format="conll", filters=ExportFilters.every_status())
    rows = read_documents(out)["doc-1"]
    assert ("Dockworkers", "B-SOURCE-3") in [(row[0], row[5]) for row in rows]


def test_each_tag_names_its_attribution_in_a_sentence_of_two(tmp_path: Path) -> None:
    text = "Ana Diaz said rents rose, and Ben Cole said wages fell."
    first = Attribution(
        fragments=(span_of(text, "rents rose"),),
        cue=span_of(text, "said"),
        speaker=span_of(text, "Ana Diaz"),
    )
    second = Attribution(
        fragments=(span_of(text, "wages fell"),),
        cue=span_of(text, "said", 1),
        speaker=span_of(text, "Ben Cole"),
    )
    out = tmp_path / "out.conll"
    write_export(
        [(make_document(1, text), [second, first])],
        out,
        format="conll",
        filters=ExportFilters.every_status(),
    )
    rows = read_documents(out)["doc-1"]
    # Numbered in text order, whatever order the records come in.
    assert tagged(rows, 3) == [
        ("rents", "B-CONTENT-1"),
        ("rose", "I-CONTENT-1"),
        ("wages", "B-CONTENT-2"),
        ("fell", "I-CONTENT-2"),
    ]
    assert tagged(rows, 4) == [("said", "B-CUE-1"), ("said", "B-CUE-2")]
    assert tagged(rows, 5) == [
        ("Ana", "B-SOURCE-1"),
        ("Diaz", "I-SOURCE-1"),
        ("Ben", "B-SOURCE-2"),
        ("Cole", "I-SOURCE-2"),
    ]


def test_a_mention_and_cue_of_two_quotations_carry_both_numbers(tmp_path: Path) -> None:
    text = "Ana said rents rose and wages fell."
    cue, speaker = span_of(text, "said"), span_of(text, "Ana")
    records = [
        Attribution(fragments=(span_of(text, "rents rose"),), cue=cue, speaker=speaker),
        Attribution(fragments=(span_of(text, "wages fell"),), cue=cue, speaker=speaker),
    ]
    out = tmp_path / "out.conll"
    write_export(
        [(make_document(1, text), records)],
        out,
        format="conll",
        filters=ExportFilters.every_status(),
    )
    rows = read_documents(out)["doc-1"]
    assert tagged(rows, 4) == [("said", "B-CUE-1,2")]
    assert tagged(rows, 5) == [("Ana", "B-SOURCE-1,2")]
    assert [tag for _, tag in tagged(rows, 3)] == [
        "B-CONTENT-1",
        "I-CONTENT-1",
        "B-CONTENT-2",
        "I-CONTENT-2",
    ]


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
    assert [row[3] for row in rows] == ["B-CONTENT-1", "I-CONTENT-1", "I-CONTENT-1", "O"]


@pytest.mark.parametrize(
    "text",
    [
        HARBOUR_TEXT,
        " Cafe\u0301 naïve 3.5% — “ok”… x_y\tz\r\n\u0661\u0662 ²½ ",
        "“Straße,” said Zoë — €5 off… ‘naïve’ façade\xa0x_y\tœuvre™",
        "Windows-1252 with a superscript² and a \x1c separator",
        "".join(bytes([b]).decode("cp1252", errors="ignore") for b in range(256)),
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


@pytest.mark.parametrize("seed", range(40))
def test_blocks_equal_the_token_by_token_reference(seed: int) -> None:
    import random

    from nltk.tokenize import WordPunctTokenizer

    from formats.writers.conll_export import document_block, tokens_function
    from formats.writers.selection import text_order

    rng = random.Random(seed)
    alphabet = ["word", "Ünï", "x_1", " ", " ", "\n", "\n\n", ",", "“", "”", "...", "\t", "²"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
    records = []
    for _ in range(rng.randrange(0, 12) if len(text) > 2 else 0):
        spans = sorted({(s, s + rng.randrange(1, 30)) for s in rng.sample(range(len(text) - 1), 2)})
        spans = [(s, min(e, len(text))) for s, e in spans]
        first = Span(*spans[0])
        rest = [Span(*p) for p in spans[1:] if p[0] >= first.end]
        records.append(
            Attribution(
                fragments=(first, *rest[:1]),
                cue=Span(*spans[-1]) if rng.random() < 0.5 else None,
                speaker=Span(*spans[0]) if rng.random() < 0.5 else None,
            )
        )
    ordered = text_order(records)
    block = document_block("doc 1", text, ordered, tokens_function(WordPunctTokenizer()))
    assert block == reference_block("doc 1", text, ordered)


def test_a_long_document_past_the_offset_table_is_written_alike() -> None:
    from nltk.tokenize import WordPunctTokenizer

    from formats.writers.conll_export import (
        OFFSET_TABLE_LIMIT,
        document_block,
        tokens_function,
    )

    text = "Ana said, “yes.”\n\n" * (OFFSET_TABLE_LIMIT // 18 + 50)
    at = len(text) - 8
    records = [Attribution(fragments=(Span(0, 3),)), Attribution(fragments=(Span(at, at + 3),))]
    block = document_block("long", text, records, tokens_function(WordPunctTokenizer()))
    assert block == reference_block("long", text, records)


@pytest.mark.parametrize(
    ("text", "by_stdlib"),
    [
        ("“Straße,” said Zoë — €5 off…", True),
        ("plain ASCII, as most", True),
        ("a superscript² is classed apart", False),
        ("a \x1c separator too", False),
        ("Cafe\u0301 with a combining accent", False),
        ("Łódź is outside Windows-1252", False),
    ],
)
def test_the_standard_library_engine_is_used_only_where_both_engines_agree(
    text: str, by_stdlib: bool
) -> None:
    from formats.writers.conll_tokens import _agree_on

    assert _agree_on(text) is by_stdlib
