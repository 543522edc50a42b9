"""brat standoff export: a folder of ``<id>.txt`` + ``<id>.ann`` and an ``annotation.conf``.

The scheme is PolNeAR's (github.com/networkdynamics/PolNeAR), so the folder opens in
brat and INCEpTION and reads like that corpus. Per attribution, in text order::

    T1  Source 40 57        Mayor Inés Okafor
    T2  Cue 58 62           said
    T3  Content 27 71;73 107  The old timetable … otherwise.   (fragments joined by a space)
    T4  Attribution 58 62   said          (the event trigger: the cue, else the content)
    E1  Attribution:T4 Content:T3 Cue:T2 Source:T1
    A1  Status E1 accepted
    A2  Type E1 direct
    #1  AnnotatorNotes T1   Inés Okafor    (the speaker entity; on E1 when there is no Source)
    #2  AnnotatorNotes E1   annotator: ana

Source and Cue are left out when the attribution has none. Split contents are
discontinuous spans (``start end;start end``). Line breaks inside an annotated
stretch (and tabs) become spaces in the reference text column only; the offsets
are exact.
``.txt`` holds the document text unchanged (no newline translation), so brat's
character offsets equal ours.

File names come from the document's export id with every character outside
``[A-Za-z0-9._-]`` replaced by ``_``; a name Windows reserves for a device (``CON``,
``nul``, ``COM1``... also before an extension, as in ``aux.2024``) gets a leading
``_``; a name already used gets ``-2``, ``-3``...
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from formats.atomic import atomic_folder
from formats.writers.selection import Item, export_id
from quotes.model import Attribution, QuoteType, Span, Status

ANNOTATION_CONF = f"""\
# brat / INCEpTION configuration for attributions (PolNeAR's Source-Cue-Content scheme).
[entities]
Source
Cue
Content

[relations]
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]
Attribution\tContent:Content, Cue?:Cue, Source?:Source

[attributes]
Status\tArg:Attribution, Value:{"|".join(s.value for s in Status)}
Type\tArg:Attribution, Value:{"|".join(t.value for t in QuoteType)}
"""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# The first line of the .ann of a document nobody reviewed: a brat comment (note),
# so that its few or no annotations are not read as "no quotations". brat notes
# need a target; T0 is never an annotation id of ours, and brat readers keep the note.
UNREVIEWED_NOTE = "#0\tAnnotatorNotes T0\tunreviewed: nobody reviewed this document\n"

# Characters that would break an .ann line or its tab-separated fields.
_LINE_BREAKS = re.compile(r"[\t\r\n\u2028\u2029\x85\x0b\x0c\x1c-\x1e]")
_MAX_STEM = 150
# Device names Windows reserves in every folder, whatever the case and extension.
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789"]
)


def file_stem(document_id: str) -> str:
    """A portable file name (without suffix) for a document id; idempotent.

    Portable means: the characters every file system takes, and no name Windows
    reserves for a device (``CON.txt`` cannot be created there).
    """
    stem = _UNSAFE.sub("_", document_id).lstrip(".")[:_MAX_STEM] or "document"
    if stem.split(".", 1)[0].upper() in _WINDOWS_DEVICES:
        stem = "_" + stem[: _MAX_STEM - 1]
    return stem


class _StemPicker:
    """Hands out unique file stems.

    It remembers the names only (some tens of bytes per document), the one thing an
    export keeps for every document it wrote.
    """

    def __init__(self) -> None:
        self._used: set[str] = set()

    def pick(self, document_id: str) -> str:
        base = file_stem(document_id)
        stem, number = base, 1
        while stem.lower() in self._used:  # case-insensitive file systems exist
            number += 1
            stem = f"{base}-{number}"
        self._used.add(stem.lower())
        return stem


def _one_line(piece: str) -> str:
    # isprintable() is False for every line break and tab (and some harmless characters),
    # so the regular expression only runs on the rare pieces that might need it.
    return piece if piece.isprintable() else _LINE_BREAKS.sub(" ", piece)


def _span_body(text: str, span: Span) -> str:
    """``start end<TAB>reference text`` for a one-span annotation."""
    start, end = span.start, span.end
    piece = text[start:end]
    if not piece.isprintable():
        piece = _LINE_BREAKS.sub(" ", piece)
    return f"{start} {end}\t{piece}"


def _entity_body(text: str, spans: tuple[Span, ...]) -> str:
    """``start end;start end<TAB>reference text`` for a text-bound annotation."""
    if len(spans) == 1:
        return _span_body(text, spans[0])
    offsets = ";".join(f"{span.start} {span.end}" for span in spans)
    return f"{offsets}\t{' '.join(_one_line(text[s.start : s.end]) for s in spans)}"


def ann_text(text: str, attributions: Iterable[Attribution]) -> str:
    """The whole ``.ann`` file for one document's attributions (``ann_lines`` joined).

    Built as one string per attribution (this runs for every attribution of a brat
    export), with the same lines in the same order as ``ann_lines`` documents; the
    one-span bodies are written inline, without a call each.
    """
    chunks: list[str] = []
    t = n = 0
    replace_breaks = _LINE_BREAKS.sub
    for e, attribution in enumerate(attributions, start=1):
        speaker, cue, fragments = attribution.speaker, attribution.cue, attribution.fragments
        lines = roles = ""
        source_id = None
        if speaker is not None:
            t += 1
            source_id = f"T{t}"
            start, end = speaker.start, speaker.end
            piece = text[start:end]
            if not piece.isprintable():  # see _one_line
                piece = replace_breaks(" ", piece)
            lines = f"{source_id}\tSource {start} {end}\t{piece}\n"
        # The event's trigger: the cue, else the first content fragment.
        trigger_span = cue or fragments[0]
        start, end = trigger_span.start, trigger_span.end
        piece = text[start:end]
        if not piece.isprintable():
            piece = replace_breaks(" ", piece)
        trigger = f"{start} {end}\t{piece}"
        if cue is not None:
            t += 1
            roles = f" Cue:T{t}"
            lines += f"T{t}\tCue {trigger}\n"
        if len(fragments) > 1:
            content = _entity_body(text, fragments)
        elif cue is None:
            content = trigger
        else:  # one fragment, as most: written inline like the trigger
            start, end = fragments[0].start, fragments[0].end
            piece = text[start:end]
            if not piece.isprintable():
                piece = replace_breaks(" ", piece)
            content = f"{start} {end}\t{piece}"
        if source_id:
            roles += f" Source:{source_id}"
        # ``_value_`` is the member's value (an enum's documented attribute), read
        # without the ``value`` property's Python-level call.
        lines += (
            f"T{t + 1}\tContent {content}\n"
            f"T{t + 2}\tAttribution {trigger}\n"
            f"E{e}\tAttribution:T{t + 2} Content:T{t + 1}{roles}\n"
            f"A{2 * e - 1}\tStatus E{e} {attribution.status._value_}\n"
            f"A{2 * e}\tType E{e} {attribution.type._value_}\n"
        )
        t += 2
        name = attribution.speaker_name
        if name:
            n += 1
            if not name.isprintable():  # see _one_line
                name = replace_breaks(" ", name)
            lines += f"#{n}\tAnnotatorNotes {source_id or f'E{e}'}\t{name}\n"
        annotator = attribution.annotator
        if annotator:
            n += 1
            if not annotator.isprintable():
                annotator = replace_breaks(" ", annotator)
            lines += f"#{n}\tAnnotatorNotes E{e}\tannotator: {annotator}\n"
        chunks.append(lines)
    return "".join(chunks)


def ann_lines(text: str, attributions: Iterable[Attribution]) -> Iterator[str]:
    """The ``.ann`` lines (each ending in a newline) for one document's attributions."""
    # Every line ends in "\n", and no line holds another "\n" (_one_line replaces it).
    for line in ann_text(text, attributions).split("\n")[:-1]:
        yield line + "\n"


def write_brat(items: Iterable[Item], out_path: Path) -> None:
    """Write a brat folder at ``out_path`` atomically, one document at a time."""
    stems = _StemPicker()
    with atomic_folder(out_path, kind="brat") as folder:
        (folder / "annotation.conf").write_text(ANNOTATION_CONF, encoding="utf-8")
        with _file_writer(folder) as write:
            for document, attributions in items:
                stem = stems.pick(export_id(document))
                text = document.text
                write(f"{stem}.txt", text.encode("utf-8"))
                ann = ann_text(text, attributions)
                if document.reviewed is False:
                    ann = UNREVIEWED_NOTE + ann
                write(f"{stem}.ann", ann.encode("utf-8"))


@contextlib.contextmanager
def _file_writer(folder: Path) -> Iterator[Callable[[str, bytes], None]]:
    """A function writing a new file ``name`` with ``data`` into ``folder``.

    Where the platform can, files are created relative to the open folder with
    os-level calls: no path resolved per file and no buffered file layer (half the
    time of ``Path.write_bytes`` for 10,000 small files when the disk is busy).
    Either way the bytes are written as given (no newline translation), so offsets
    stay exact.
    """
    if os.open not in os.supports_dir_fd:

        def write_by_path(name: str, data: bytes) -> None:
            (folder / name).write_bytes(data)

        yield write_by_path
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    folder_fd = os.open(folder, os.O_RDONLY)

    def write_in_folder(name: str, data: bytes) -> None:
        fd = os.open(name, flags, 0o666, dir_fd=folder_fd)
        try:
            view = memoryview(data)
            while view:  # os.write may write less than asked
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)

    try:
        yield write_in_folder
    finally:
        os.close(folder_fd)
