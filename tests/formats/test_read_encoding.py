"""formats.encoding: bytes to text, refusals, and offsets across line endings."""

from __future__ import annotations

import codecs

import pytest

from formats.encoding import (
    DecodeError,
    NewlineMap,
    decode_bytes,
    normalise_newlines,
    open_text_stream,
)

FRENCH = "Le maire a déclaré : « Nous ouvrirons le pont en été », selon l\u2019élu de Genève.\n"
GERMAN = "Der Bürgermeister sagte, die Straße werde im März für den Verkehr geöffnet.\n"
RUSSIAN = "Президент заявил, что переговоры продолжатся на следующей неделе.\n"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (FRENCH.encode("utf-8"), FRENCH),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), FRENCH),
        (b"plain ascii\n", "plain ascii\n"),
    ],
    ids=["utf-8", "utf-8 with BOM", "ascii"],
)
def test_utf8_is_decoded_without_a_note(data: bytes, text: str) -> None:
    assert decode_bytes(data, "a.txt") == (text, None)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded_and_named(codec: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
    }.get(codec, b"")
    text, encoding = decode_bytes(bom + FRENCH.encode(codec), "a.txt")
    assert text == FRENCH
    assert encoding in ("utf-16", "utf-32")


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (FRENCH.replace("\u2019", "'"), "latin-1", "cp1252"),
        (FRENCH, "cp1252", "cp1252"),
        (GERMAN, "cp1252", "cp1252"),
        ("“We will not back down,” the minister said on Tuesday.\n", "cp1252", "cp1252"),
        (RUSSIAN, "cp1251", "cp1251"),
    ],
    ids=["latin-1", "cp1252 french", "cp1252 german", "cp1252 curly quotes", "cp1251"],
)
def test_legacy_8bit_text_is_decoded_and_its_encoding_named(
    text: str, codec: str, expected: str
) -> None:
    decoded, encoding = decode_bytes(text.encode(codec), "a.txt")
    assert decoded == text
    # Latin-1 text is also Windows-1252 text: that is the name reported for both.
    assert encoding == expected


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(b"", "empty.txt")
    assert caught.value.problem.where == "empty.txt"
    assert "empty" in caught.value.problem.reason


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
        bytes(range(256)) * 8,
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
    ],
    ids=["png", "all bytes", "zip"],
)
def test_a_binary_file_is_refused_as_binary(data: bytes) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, "image.txt")
    assert "binary" in caught.value.problem.reason
    assert caught.value.problem.where == "image.txt"


def test_a_utf16_mark_followed_by_garbage_is_refused() -> None:
    with pytest.raises(DecodeError, match="utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8a", "odd.txt")


@pytest.mark.parametrize(
    ("stored", "normalised"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\n\r\nb\n", "a\n\nb\n"),
        ("no breaks", "no breaks"),
    ],
)
def test_line_endings_are_normalised_to_newline(stored: str, normalised: str) -> None:
    assert normalise_newlines(stored) == normalised


def test_newline_map_carries_every_offset_to_the_same_character() -> None:
    stored = "One\r\nTwo\rThree\r\n\r\nFour"
    normalised = normalise_newlines(stored)
    newline_map = NewlineMap(stored)
    for offset, char in enumerate(stored):
        if char == "\r" and stored[offset + 1 : offset + 2] == "\n":
            continue  # the dropped half of a pair
        mapped = newline_map.offset(offset)
        assert normalised[mapped] == ("\n" if char == "\r" else char)
    assert newline_map.offset(len(stored)) == len(normalised)
    assert newline_map.offset(len(stored) + 5) > len(normalised)


def test_an_empty_newline_map_is_false_and_the_identity() -> None:
    newline_map = NewlineMap("no carriage returns\n")
    assert not newline_map
    assert newline_map.offset(7) == 7


def test_a_stream_chooses_its_encoding_from_the_start_of_the_file(tmp_path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes(("text\n" + GERMAN * 3).encode("cp1252"))
    stream, encoding = open_text_stream(path)
    with stream:
        assert stream.read() == "text\n" + GERMAN * 3
    assert encoding == "cp1252"


def test_a_stream_of_a_binary_file_is_refused(tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"text\n\x00\x01\x02")
    with pytest.raises(DecodeError, match="binary"):
        open_text_stream(path)


def test_stray_bytes_in_utf8_text_are_replaced_and_counted() -> None:
    data = "Été à Genève, ".encode() + b"caf\xe9 " + "noël\n".encode()
    text, encoding = decode_bytes(data, "a.txt")
    assert text == "Été à Genève, caf\ufffd noël\n"
    assert encoding == "utf-8 with 1 undecodable byte replaced by \ufffd"


def test_a_utf8_file_cut_in_the_middle_of_a_character_keeps_its_text() -> None:
    data = "The mayor said it was a café".encode()[:-1]
    text, encoding = decode_bytes(data, "cut.txt")
    assert text == "The mayor said it was a caf\ufffd"
    assert encoding is not None and "ends in the middle of a character" in encoding


def test_a_utf16_file_cut_in_the_middle_of_a_character_is_refused() -> None:
    with pytest.raises(DecodeError, match="utf-16"):
        decode_bytes("Some words".encode("utf-16")[:-1], "cut.txt")
