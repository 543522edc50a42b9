"""Text decoding for imports: bytes to ``str``, and line endings to ``\\n``.

Every importer turns a file's bytes into text here, so that all formats agree on
what counts as text and on where offsets point:

* UTF-8 with or without a byte-order mark, UTF-16 and UTF-32 with a byte-order
  mark, and legacy 8-bit encodings detected by charset-normalizer are accepted.
  The byte-order mark is dropped, so offset 0 is the first real character.
* Files holding NUL bytes (without a UTF-16/32 mark) or that decode in no
  detectable encoding are refused as binary; empty files are refused too. The
  record-by-record readers (JSONL, CSV, brat ``.ann``) pass ``allow_nul``: a few
  NUL bytes in otherwise textual data then decode as ``\\x00``, and the reader
  rejects only the line or record holding one.
* Line endings are normalised to ``\\n`` (``\\r\\n`` and lone ``\\r``) by
  ``normalise_newlines`` before any offset is computed; ``NewlineMap`` carries
  offsets that were measured in the stored text (brat ``.ann`` files, JSONL texts
  holding ``\\r``) over to the normalised text.

Pure functions, safe in any thread.
"""

from __future__ import annotations

import codecs
import io
from bisect import bisect_left
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from quotes.model import Problem

# How much of a file is looked at to choose the encoding of a streamed file.
SAMPLE_BYTES = 64 * 1024

# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# On short texts several 8-bit code pages fit equally well; charset-normalizer then
# picks one by a language guess that is often wrong for Western European news
# ("café" read as Romanian cp1250). Windows-1252 is what such files nearly always
# are (browsers decode Latin-1 labelled pages as it too), so it wins a near tie.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
_TIE_CHAOS = 0.02

# Control characters that a text file may hold; others in quantity mean binary.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")

# With ``allow_nul``, data with more NUL bytes than this share is still binary
# (images, archives, BOM-less UTF-16); a stray NUL in a text file is far rarer.
_NUL_SHARE = 1 / 20


def unreadable_file(where: str, error: OSError) -> Problem:
    """The problem of a file the system would not let us read (missing, no permission)."""
    return Problem(where, f"cannot read the file: {error.strerror or error}")


def decoding_note(where: str, encoding: str) -> str:
    """The import note naming the encoding a file was decoded from (when not UTF-8)."""
    return f"{where}: decoded as {encoding}"


class DecodeError(ValueError):
    """Bytes that are not text we can read; ``problem`` says where and why."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.problem = Problem(where, reason)


def _binary_nul(data: bytes, *, allow_nul: bool) -> bool:
    """Whether NUL bytes make ``data`` binary: any NUL, or with ``allow_nul`` many."""
    count = data.count(b"\x00")
    if not allow_nul:
        return count > 0
    return count > len(data) * _NUL_SHARE


def decode_bytes(data: bytes, where: str, *, allow_nul: bool = False) -> tuple[str, str | None]:
    """Decode a whole file's bytes into text.

    :param data: the file's contents.
    :param where: the file name used in the error message.
    :param allow_nul: let a few NUL bytes through as ``\\x00`` (the caller rejects
        the lines holding them) instead of refusing the file as binary.
    :returns: the text (byte-order mark removed, line endings untouched) and the
        name of the encoding when it is not UTF-8 (``"utf-16"``, ``"cp1252"``...),
        or None for UTF-8 with or without a byte-order mark.
    :raises DecodeError: for an empty file, a binary file (NUL bytes without a
        UTF-16/32 mark, or no encoding detectable).
    """
    if not data:
        raise DecodeError(where, "the file is empty")
    encoding = _encoding_from_bom(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise DecodeError(
                where,
                f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                f"(byte {error.start})",
            ) from None
        return text, None if encoding == "utf-8-sig" else encoding
    if _binary_nul(data, allow_nul=allow_nul):
        raise DecodeError(where, "binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and _is_utf8(data[: error.start]):
            # A file cut short (a failed download or copy) in the middle of a character.
            return data[: error.start].decode("utf-8") + "\ufffd", (
                "utf-8 (the file ends in the middle of a character, replaced by \ufffd)"
            )
    bad = _undecodable_in_mostly_utf8(data)
    if bad:
        # One stray byte in a UTF-8 article: re-reading it all as cp1252 would garble
        # every accented letter, so only the stray bytes are lost, and the user is told.
        return data.decode("utf-8", errors="replace"), (
            f"utf-8 with {bad} undecodable byte{'s' if bad > 1 else ''} replaced by \ufffd"
        )
    encoding = detect_legacy_encoding(data.replace(b"\x00", b""))
    if encoding is None:
        raise DecodeError(
            where,
            "binary file or unknown encoding: not UTF-8, UTF-16 or a detectable 8-bit encoding",
        )
    text = data.decode(encoding)
    if _looks_binary(text):
        raise DecodeError(where, "binary file (mostly control characters), not text")
    return text, encoding


def detect_legacy_encoding(data: bytes) -> str | None:
    """The most likely 8-bit (or CJK multi-byte) encoding of ``data``, or None.

    Uses charset-normalizer, breaking near ties in favour of Windows-1252.
    """
    results = list(from_bytes(data))
    if not results:
        return None
    best = results[0]
    for preferred in _PREFERRED_LEGACY:
        for result in results:
            if (
                preferred in result.could_be_from_charset
                and result.chaos <= best.chaos + _TIE_CHAOS
            ):
                return preferred
    return best.encoding


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _undecodable_in_mostly_utf8(data: bytes) -> int:
    """How many bytes are not UTF-8 in data that is mostly UTF-8, else 0.

    Mostly UTF-8 means at least as many well-formed multi-byte characters as
    errors: text in an 8-bit code page almost never forms such sequences by chance.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if char > "\x7f") - bad
    return bad if good >= bad else 0


def _encoding_from_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if c < " " and c not in _TEXT_CONTROLS)
    return controls > len(sample) // 20


def open_text_stream(
    path: Path, *, newline: str | None = None, allow_nul: bool = False, errors: str = "strict"
) -> tuple[io.TextIOWrapper, str | None]:
    """Open a (possibly huge) text file for streaming, choosing its encoding from a sample.

    The first ``SAMPLE_BYTES`` decide: a byte-order mark, else UTF-8 when the sample
    is UTF-8 (a character cut at the sample's end is allowed), else the detected
    legacy encoding. Bytes later in the file that do not fit raise
    ``UnicodeDecodeError`` while reading; callers report the line.

    :param newline: passed to ``io.TextIOWrapper`` (``""`` for the csv module).
    :param allow_nul: as for ``encoding_of_sample``.
    :param errors: the decoding error handler; ``"surrogateescape"`` turns each byte
        that does not fit into a lone surrogate for the caller to find and report.
    :returns: the open stream (the caller closes it) and the encoding name when
        not UTF-8, as ``decode_bytes`` does.
    :raises DecodeError: for an empty or binary file.
    :raises OSError: when the file cannot be opened.
    """
    where = str(path)
    raw: BinaryIO = open(path, "rb")
    try:
        sample = raw.read(SAMPLE_BYTES)
        encoding = encoding_of_sample(sample, where, allow_nul=allow_nul)
        raw.seek(0)
        stream = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline=newline)  # type: ignore[arg-type]
    except BaseException:
        raw.close()
        raise
    reported = None if encoding in ("utf-8", "utf-8-sig") else encoding
    return stream, reported


def encoding_of_sample(sample: bytes, where: str, *, allow_nul: bool = False) -> str:
    """The codec name to stream a file with, chosen from its first bytes.

    :param allow_nul: let a few NUL bytes through (see ``decode_bytes``); they are
        left out when the encoding is judged.
    :returns: ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"utf-32"`` or a legacy name.
    :raises DecodeError: for an empty or binary sample.
    """
    if not sample:
        raise DecodeError(where, "the file is empty")
    encoding = _encoding_from_bom(sample)
    if encoding is not None:
        return encoding
    if _binary_nul(sample, allow_nul=allow_nul):
        raise DecodeError(where, "binary file (it contains NUL bytes), not text")
    sample = sample.replace(b"\x00", b"")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _undecodable_in_mostly_utf8(sample):
        return "utf-8"  # the stray bytes fail on their own lines, reported there
    encoding = detect_legacy_encoding(sample)
    if encoding is None or _looks_binary(sample.decode(encoding, errors="replace")):
        raise DecodeError(
            where,
            "binary file or unknown encoding: not UTF-8, UTF-16 or a detectable 8-bit encoding",
        )
    return encoding


def is_ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` writes a newline as the single byte 0x0A (lines split as bytes)."""
    return not codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def normalise_newlines(text: str) -> str:
    """``text`` with ``\\r\\n`` and lone ``\\r`` turned into ``\\n``.

    Every imported text passes through this before offsets are computed, so an
    article has the same offsets whichever platform wrote its file, and Qt (which
    treats ``\\r\\n`` as two line breaks) shows what the offsets point at.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


class NewlineMap:
    """Carries offsets into a stored text over to its ``normalise_newlines`` form.

    Only ``\\r\\n`` shortens the text (by its ``\\r``); a lone ``\\r`` becomes
    ``\\n`` in place. An offset between the ``\\r`` and ``\\n`` of a pair lands on
    the ``\\n``. The map is monotonic, so an offset beyond the stored text stays
    beyond the normalised one and is still rejected as outside the text.
    """

    __slots__ = ("_removed",)

    def __init__(self, stored: str) -> None:
        self._removed: list[int] = []
        index = stored.find("\r\n")
        while index != -1:
            self._removed.append(index)
            index = stored.find("\r\n", index + 2)

    def __bool__(self) -> bool:
        return bool(self._removed)

    def offset(self, stored_offset: int) -> int:
        """The normalised offset for an offset into the stored text."""
        return stored_offset - bisect_left(self._removed, stored_offset)
