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
stretch become spaces in the reference text column only; the offsets are exact.
``.txt`` holds the document text unchanged (no newline translation), so brat's
character offsets equal ours.

File names come from the document's export id with every character outside
``[A-Za-z0-9._-]`` replaced by ``_``; a name already used gets ``-2``, ``-3``...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]")
_MAX_STEM = 150


def file_stem(document_id: str) -> str:
    """A portable file name (without suffix) for a document id; idempotent."""
    stem = _UNSAFE.sub("_", document_id).lstrip(".")[:_MAX_STEM]
    return stem or "document"


class _StemPicker:
    """Hands out unique file stems; remembers only the names, not the documents."""

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


def _reference_text(text: str, spans: Iterable[Span]) -> str:
    return " ".join(_LINE_BREAKS.sub(" ", span.text_of(text)) for span in spans)


def _offsets(spans: Iterable[Span]) -> str:
    return ";".join(f"{span.start} {span.end}" for span in spans)


def ann_lines(text: str, attributions: Iterable[Attribution]) -> Iterator[str]:
    """The ``.ann`` lines (each ending in a newline) for one document's attributions."""
    t = e = a = n = 0

    def entity(label: str, spans: tuple[Span, ...]) -> tuple[str, str]:
        nonlocal t
        t += 1
        return f"T{t}", f"T{t}\t{label} {_offsets(spans)}\t{_reference_text(text, spans)}\n"

    for attribution in attributions:
        lines: list[str] = []
        roles: list[str] = []
        source_id = None
        if attribution.speaker is not None:
            source_id, line = entity("Source", (attribution.speaker,))
            lines.append(line)
        cue_id = None
        if attribution.cue is not None:
            cue_id, line = entity("Cue", (attribution.cue,))
            lines.append(line)
        content_id, line = entity("Content", attribution.fragments)
        lines.append(line)
        trigger = attribution.cue or attribution.fragments[0]
        trigger_id, line = entity("Attribution", (trigger,))
        lines.append(line)
        roles.append(f"Content:{content_id}")
        if cue_id:
            roles.append(f"Cue:{cue_id}")
        if source_id:
            roles.append(f"Source:{source_id}")
        e += 1
        event_id = f"E{e}"
        lines.append(f"{event_id}\tAttribution:{trigger_id} {' '.join(roles)}\n")
        a += 1
        lines.append(f"A{a}\tStatus {event_id} {attribution.status.value}\n")
        a += 1
        lines.append(f"A{a}\tType {event_id} {attribution.type.value}\n")
        if attribution.speaker_name:
            n += 1
            lines.append(
                f"#{n}\tAnnotatorNotes {source_id or event_id}\t"
                f"{_LINE_BREAKS.sub(' ', attribution.speaker_name)}\n"
            )
        if attribution.annotator:
            n += 1
            lines.append(
                f"#{n}\tAnnotatorNotes {event_id}\t"
                f"annotator: {_LINE_BREAKS.sub(' ', attribution.annotator)}\n"
            )
        yield from lines


def write_brat(items: Iterable[Item], out_path: Path) -> None:
    """Write a brat folder at ``out_path`` atomically, one document at a time."""
    stems = _StemPicker()
    with atomic_folder(out_path, kind="brat") as folder:
        (folder / "annotation.conf").write_text(ANNOTATION_CONF, encoding="utf-8")
        for document, attributions in items:
            stem = stems.pick(export_id(document))
            with open(folder / f"{stem}.txt", "w", encoding="utf-8", newline="") as stream:
                stream.write(document.text)
            with open(folder / f"{stem}.ann", "w", encoding="utf-8", newline="\n") as stream:
                stream.writelines(ann_lines(document.text, attributions))
