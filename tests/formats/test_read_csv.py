"""CSV and TSV files with a column mapping through formats.readers.read_paths."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from read_support import assert_refused, read

from formats.encoding import DecodeError
from formats.readers import ReadOptions, csv_columns
from quotes.model import Article, Problem

DATA = Path(__file__).parent / "data"
MAPPED = ReadOptions(csv_text_column="body", csv_title_column="headline")


def write(tmp_path: Path, content: str, name: str = "in.csv", codec: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode(codec))
    return path


def test_the_fixture_reads_with_a_mapping_and_crlf_inside_fields() -> None:
    path = DATA / "articles.csv"
    articles, problems, notes = read(path, options=MAPPED)
    assert problems == [] and notes == []
    assert articles == [
        Article(
            text='The council voted on Tuesday.\n"It is time," the mayor said.',
            title="Council backs bridge",
            source=str(path),
            external_id="n1",
        ),
        Article(
            text="Schools will reopen in May, officials said.",
            title="Schools will reopen in May, officials said.",
            source=str(path),
            external_id="n2",
        ),
    ]


def test_csv_columns_lists_the_header_for_a_mapping_dialog(tmp_path: Path) -> None:
    assert csv_columns(DATA / "articles.csv") == ["id", "headline", "body"]
    bom = write(tmp_path, "\ufefftext ; title\nx;y\n", name="semi.csv")
    assert csv_columns(bom) == ["text", "title"]
    assert csv_columns(write(tmp_path, "a\tb c\n", name="t.tsv")) == ["a", "b c"]
    with pytest.raises(DecodeError, match="empty"):
        csv_columns(write(tmp_path, "", name="empty.csv"))


def test_default_columns_are_text_title_and_id(tmp_path: Path) -> None:
    path = write(tmp_path, "id,title,text,extra\n7,A title,Some words here.,x\n")
    [article], problems, _ = read(path)
    assert (article.external_id, article.title, article.text) == (
        "7",
        "A title",
        "Some words here.",
    )
    assert problems == []


def test_a_tsv_file_is_split_on_tabs(tmp_path: Path) -> None:
    path = write(tmp_path, "title\ttext\nOne\tFirst, with a comma.\nTwo\tSecond.\n", name="a.tsv")
    articles, problems, _ = read(path)
    assert [(a.title, a.text) for a in articles] == [
        ("One", "First, with a comma."),
        ("Two", "Second."),
    ]
    assert problems == []


def test_a_semicolon_csv_from_a_spreadsheet_is_understood(tmp_path: Path) -> None:
    path = write(tmp_path, "title;text\nOne;Words, with a comma.\n")
    [article], problems, _ = read(path)
    assert (article.title, article.text) == ("One", "Words, with a comma.")
    assert problems == []


def test_a_csv_without_the_mapped_text_column_names_it_and_the_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "headline,body\nA,B\n")
    articles, problems, _ = read(path)
    assert articles == []
    assert problems == [
        Problem(
            str(path), "no column 'text' for the text; the file has the columns 'headline', 'body'"
        )
    ]


def test_a_missing_mapped_title_column_is_noted_and_rows_are_read(tmp_path: Path) -> None:
    # A note, not a problem: every row is imported, so the import must not report
    # a rejection (issue 15: "imported 3 rows and still exited 1").
    path = write(tmp_path, "body\nThe words.\n")
    [article], problems, notes = read(path, options=MAPPED)
    assert article.text == "The words."
    assert problems == []
    assert len(notes) == 1
    assert f"{path}: no column 'headline' for the title; read without it" in notes[0]


def test_a_spreadsheets_empty_rows_are_skipped_like_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "title,text,published\nA,Some words.,2024\n,,\n\n , ,\n")
    [article], problems, _ = read(path)
    assert article.title == "A" and problems == []


def test_unmapped_columns_are_kept_as_metadata(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id,headline,body,published,section\n"
        "n1,Bridge,The mayor said it opens.,2024-05-01,\n"
        "n2,Rain,It will rain; forecasters said.,2024-05-02,weather\n",
    )
    articles, problems, _ = read(path, options=MAPPED)
    assert problems == []
    assert [a.meta for a in articles] == [
        {"published": "2024-05-01"},
        {"published": "2024-05-02", "section": "weather"},
    ]


def test_a_malformed_quoted_field_costs_its_row_only(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'title,text\nA,first row\nB,"bad "quote here\nC,third row\nD,"unclosed\nE,fifth row\n',
    )
    articles, problems, _ = read(path)
    assert [a.title for a in articles] == ["A", "C", "E"]
    assert [p.where for p in problems] == [f"{path}:3", f"{path}:5"]
    assert all("malformed CSV" in p.reason and "row skipped" in p.reason for p in problems)


def test_a_nul_byte_rejects_its_row_alone(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"title,text\nA,good one\nB,bad\x00one\nC,good two\n")
    articles, problems, _ = read(path)
    assert [a.title for a in articles] == ["A", "C"]
    assert [p.where for p in problems] == [f"{path}:3 column 'text'"]
    assert "NUL" in problems[0].reason


def test_an_undecodable_byte_rejects_its_row_alone(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        "title,text\nA,café au lait\nB,bad \xff byte\nC,déjà vu\n".encode().replace(
            b"\xc3\xbf", b"\xff"
        )
    )
    articles, problems, _ = read(path)
    assert [a.title for a in articles] == ["A", "C"]
    assert [p.where for p in problems] == [f"{path}:3 column 'text'"]
    assert "not valid" in problems[0].reason


def test_a_row_without_text_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'title,text\nA,"first\nspans two lines"\nB,\nC\nD,fourth\n')
    articles, problems, _ = read(path)
    assert [a.title for a in articles] == ["A", "D"]
    assert [p.where for p in problems] == [f"{path}:4 column 'text'", f"{path}:5 column 'text'"]


def test_a_truncated_csv_keeps_the_rows_before_the_cut(tmp_path: Path) -> None:
    path = write(tmp_path, 'title,text\nA,complete row\nB,"cut in the midd')
    articles, problems, _ = read(path)
    assert [a.title for a in articles] == ["A"]
    assert [p.where for p in problems] == [f"{path}:3"]
    assert "malformed CSV" in problems[0].reason and "row skipped" in problems[0].reason


@pytest.mark.parametrize(
    ("codec", "prefix", "note"),
    [
        ("utf-8", codecs.BOM_UTF8, None),
        ("utf-16", b"", "utf-16"),
        ("cp1252", b"", "cp1252"),
        ("latin-1", b"", "cp1252"),
    ],
)
def test_encodings_are_decoded_and_noted(
    tmp_path: Path, codec: str, prefix: bytes, note: str | None
) -> None:
    content = "title,text\nCafé,Le maire a déclaré que le pont ouvrira en été.\n"
    path = tmp_path / "enc.csv"
    path.write_bytes(prefix + content.encode(codec))
    [article], problems, notes = read(path)
    assert problems == []
    assert (article.title, article.text) == (
        "Café",
        "Le maire a déclaré que le pont ouvrira en été.",
    )
    assert notes == ([f"{path}: decoded as {note}"] if note else [])


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "empty"), (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary")],
    ids=["empty", "binary (an xlsx saved as csv)"],
)
def test_empty_and_binary_csv_files_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    assert_refused(path, words)


def test_a_text_longer_than_the_csv_modules_default_field_limit_is_read(tmp_path: Path) -> None:
    long_text = "word " * 60_000
    path = write(tmp_path, f'title,text\nLong,"{long_text}"\n')
    [article], problems, _ = read(path)
    assert problems == []
    assert article.text == long_text
