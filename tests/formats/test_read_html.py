"""Saved news pages through trafilatura, via formats.readers.read_paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from read_support import assert_refused, read

from quotes.model import Problem

DATA = Path(__file__).parent / "data"


def test_a_saved_page_gives_its_main_text_and_metadata() -> None:
    [article], problems, notes = read(DATA / "page.html")
    assert problems == [] and notes == []
    assert article.title == "Council backs new footbridge"
    assert article.source == "https://courier.example/news/footbridge"
    assert article.meta["author"] == "Jane Roe"
    assert article.meta["date"] == "2024-03-05"
    assert '"This bridge will join two halves of our town," said the mayor' in article.text
    assert "schools & libraries instead." in article.text
    for boilerplate in ("Subscribe now", "gardening tips", "Copyright", "Cookie"):
        assert boilerplate not in article.text
    assert "<" not in article.text and "\r" not in article.text


def test_offsets_point_into_the_extracted_text() -> None:
    [article], _, _ = read(DATA / "page.html")
    start = article.text.index("We have waited long enough.")
    # The text is plain: an offset found in it stays valid once stored.
    assert article.text[start : start + 27] == "We have waited long enough."
    assert article.text == article.text.strip()


def test_a_page_without_an_article_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    articles, problems, _ = read(path)
    assert articles == []
    assert problems == [
        Problem(str(path), "no article text found in the page (menus or boilerplate only)")
    ]


def test_a_legacy_encoded_page_is_decoded_and_noted(tmp_path: Path) -> None:
    page = (DATA / "page.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "ending two years", "ending two years of café talk and"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    [article], problems, notes = read(path)
    assert problems == []
    assert notes == [f"{path}: decoded as cp1252"]
    assert "café talk" in article.text


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "empty"), (b"\x00\x00\x00\x1cftypmp42", "binary")],
    ids=["empty", "binary"],
)
def test_empty_and_binary_pages_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "x.html"
    path.write_bytes(data)
    assert_refused(path, words)


def test_markup_shown_as_text_in_a_page_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "code.html"
    path.write_text(
        "<html><body><article><p>The report quoted the tag &lt;b&gt; and the element "
        "&lt;img src=x&gt; as examples, a spokesman for the agency said on Monday.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [article], problems, _ = read(path)
    assert problems == []
    assert "the tag <b> and the element <img src=x> as examples" in article.text


def test_a_truncated_page_still_gives_the_text_it_holds(tmp_path: Path) -> None:
    page = (DATA / "page.html").read_text(encoding="utf-8")
    path = tmp_path / "cut.html"
    path.write_text(page[: page.index("Opponents said") + 40], encoding="utf-8")
    [article], problems, _ = read(path)
    assert problems == []
    assert "said the mayor, Ana Lopez" in article.text
    assert "Work is expected" not in article.text
