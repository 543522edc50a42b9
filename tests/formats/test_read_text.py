"""Plain text files and folders through formats.readers.read_paths."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from read_support import read

from formats.readers import ReadOptions, read_paths, sniff_format
from quotes.model import Article, Problem

ARTICLE = 'Council backs bridge\n\n"It is time," the mayor said on Tuesday.\n'


def test_a_text_file_is_one_article_titled_by_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    articles, problems, notes = read(path)
    assert articles == [Article(text=ARTICLE, title="Council backs bridge", source=str(path))]
    assert problems == [] and notes == []


def test_a_long_first_line_gives_the_file_name_as_title(tmp_path: Path) -> None:
    path = tmp_path / "long-one.txt"
    path.write_text("word " * 40 + "\nmore", encoding="utf-8")
    [article], _, _ = read(path)
    assert article.title == "long-one"
    [article], _, _ = read(path, options=ReadOptions(title_max_length=500))
    assert article.title.startswith("word word")


def test_crlf_and_cr_line_endings_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    old_mac = tmp_path / "mac.txt"
    old_mac.write_bytes(ARTICLE.replace("\n", "\r").encode("utf-8"))
    articles, problems, _ = read(path, old_mac)
    assert [a.text for a in articles] == [ARTICLE, ARTICLE]
    assert problems == []


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), None),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (
            ("Café\n\nLe maire a déclaré : « Nous ouvrirons le pont en été ».\n").encode("latin-1"),
            "cp1252",
        ),
        (
            ("Café\n\n“Nous ouvrirons le pont en été”, a déclaré le maire.\n").encode("cp1252"),
            "cp1252",
        ),
    ],
    ids=["utf-8 BOM", "utf-16", "latin-1", "cp1252"],
)
def test_encodings_are_decoded_and_noted(tmp_path: Path, data: bytes, note: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [article], problems, notes = read(path)
    assert not article.text.startswith("\ufeff")
    assert "\r" not in article.text
    assert problems == []
    assert notes == ([f"{path}: decoded as {note}"] if note else [])
    if note == "cp1252":
        assert article.title == "Café"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_bad_text_files_are_reported_and_the_others_still_read(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    articles, problems, _ = read(bad, good)
    assert [a.source for a in articles] == [str(good)]
    assert len(problems) == 1
    assert problems[0].where == str(bad)
    assert reason in problems[0].reason


def test_a_missing_path_is_reported(tmp_path: Path) -> None:
    articles, problems, _ = read(tmp_path / "nowhere.txt")
    assert articles == []
    assert problems == [Problem(str(tmp_path / "nowhere.txt"), "no such file or folder")]


def test_a_folder_is_read_recursively_in_name_order_without_hidden_files(
    tmp_path: Path,
) -> None:
    for relative in [
        "b.txt",
        "a.txt",
        "sub/c.txt",
        "sub/deeper/d.txt",
        ".hidden.txt",
        ".git/e.txt",
        "sub/.cache/f.txt",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{path.stem} title\n\nbody of {path.stem}\n", encoding="utf-8")
    articles, problems, _ = read(tmp_path)
    assert [a.title for a in articles] == ["a title", "b title", "c title", "d title"]
    assert problems == []


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    articles, _, _ = read(path, tmp_path, path)
    assert len(articles) == 1


def test_a_folder_skips_files_of_other_types_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    (tmp_path / "annotation.conf").write_text("[entities]\nSource\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    articles, problems, notes = read(tmp_path)
    assert len(articles) == 1
    assert problems == []
    assert notes == [f"{tmp_path}: skipped 2 file(s) of other types (annotation.conf, photo.jpg)"]


def test_a_binary_file_without_extension_in_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "blob").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    articles, problems, _ = read(tmp_path)
    assert len(articles) == 1
    assert [p.where for p in problems] == [str(tmp_path / "blob")]
    assert "binary" in problems[0].reason


def test_a_file_named_on_its_own_is_read_whatever_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    [article], problems, _ = read(path)
    assert article.title == "Council backs bridge" and problems == []


def test_articles_are_yielded_lazily(tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"{index}.txt").write_text(f"Title {index}\nbody\n", encoding="utf-8")
    problems: list[Problem] = []
    stream = read_paths([tmp_path], problems=problems)
    assert next(stream).title == "Title 0"
    # A file changed after the read began is read as it is now: nothing was read ahead.
    (tmp_path / "2.txt").write_text("Changed\nbody\n", encoding="utf-8")
    assert [a.title for a in stream] == ["Title 1", "Changed"]
    assert problems == []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", b"hello\n", "text"),
        ("a.TXT", b"hello\n", "text"),
        ("a.jsonl", b'{"text": "x"}\n', "jsonl"),
        ("a.json", b'[{"text": "x"}]', "jsonl"),
        ("a.csv", b"text\nx\n", "csv"),
        ("a.tsv", b"text\nx\n", "tsv"),
        ("a.html", b"<html></html>", "html"),
        ("a.htm", b"<html></html>", "html"),
        ("a.ann", b"", "brat"),
        ("notes", b"just words\n", "text"),
        ("export", b'{"text": "x"}\n', "jsonl"),
        ("saved", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("blob", b"\x00\x01\x02\x03", "binary"),
    ],
)
def test_sniff_format_goes_by_extension_then_content(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert sniff_format(path) == expected


def test_sniff_format_names_folders_missing_paths_and_brat_pairs(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("x", encoding="utf-8")
    (tmp_path / "doc.ann").write_text("", encoding="utf-8")
    assert sniff_format(tmp_path) == "folder"
    assert sniff_format(tmp_path / "nothing.txt") == "missing"
    assert sniff_format(str(tmp_path / "doc.txt")) == "brat"


def test_a_truncated_text_file_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes((ARTICLE + "Caf\u00e9").encode("utf-8")[:-1])
    [article], problems, notes = read(path)
    assert problems == []
    assert article.text == ARTICLE + "Caf\ufffd"
    assert len(notes) == 1 and notes[0].startswith(f"{path}: decoded as utf-8 (the file ends")
