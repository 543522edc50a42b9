"""brat standoff export: the PolNeAR scheme, discontinuous contents, file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from writer_cases import HARBOUR_TEXT, harbour_items, make_document

from formats.atomic import FOLDER_MARKER, TargetInUseError
from formats.writers import ExportFilters, write_export
from formats.writers.brat_export import file_stem


def parse_ann(path: Path) -> dict[str, str]:
    """Annotation id -> the rest of the line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines)


def test_folder_holds_texts_annotations_and_configuration(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    report = write_export(harbour_items(), out, format="brat")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [FOLDER_MARKER, "annotation.conf", "doc-1.txt", "doc-1.ann", "lib-7.txt", "lib-7.ann"]
    )
    assert (out / "doc-1.txt").read_text(encoding="utf-8") == HARBOUR_TEXT
    assert (out / "lib-7.ann").read_text(encoding="utf-8") == ""
    assert report.documents == 2
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Attribution\tContent:Content, Cue?:Cue, Source?:Source" in conf
    assert "Status\tArg:Attribution, Value:candidate|accepted|rejected" in conf


def test_attribution_is_an_event_over_source_cue_and_content(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    write_export(harbour_items(), out, format="brat")
    ann = parse_ann(out / "doc-1.ann")
    first = HARBOUR_TEXT.index("The old")
    second = HARBOUR_TEXT.index("and we")
    said = HARBOUR_TEXT.index("said")
    mayor = HARBOUR_TEXT.index("Mayor")
    assert ann["T1"] == f"Source {mayor} {mayor + 17}\tMayor Inés Okafor"
    assert ann["T2"] == f"Cue {said} {said + 4}\tsaid"
    assert ann["T3"] == (
        f"Content {first} {first + 44};{second} {second + 34}\t"
        "The old timetable cannot survive the winter, and we will not pretend otherwise."
    )
    assert ann["T4"] == f"Attribution {said} {said + 4}\tsaid"
    assert ann["E1"] == "Attribution:T4 Content:T3 Cue:T2 Source:T1"
    assert ann["A1"] == "Status E1 accepted"
    assert ann["A2"] == "Type E1 direct"
    assert ann["#1"] == "AnnotatorNotes T1\tInés Okafor"
    assert ann["#2"] == "AnnotatorNotes E1\tannotator: ana"


def test_offsets_of_every_entity_match_its_text(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    write_export(harbour_items(), out, format="brat", filters=ExportFilters.every_status())
    text = (out / "doc-1.txt").read_text(encoding="utf-8")
    ann = parse_ann(out / "doc-1.ann")
    entities = {k: v for k, v in ann.items() if k.startswith("T")}
    assert len(entities) == 12
    for body in entities.values():
        label_offsets, reference = body.split("\t")
        pieces = label_offsets.split(" ", 1)[1].split(";")
        spans = [tuple(map(int, p.split())) for p in pieces]
        assert " ".join(text[s:e] for s, e in spans) == reference


def test_line_breaks_inside_a_span_stay_out_of_the_ann_line(tmp_path: Path) -> None:
    from quotes.model import Attribution, Span

    text = "First line\nsecond line"
    item = (make_document(3, text), [Attribution(fragments=(Span(0, len(text)),))])
    out = tmp_path / "brat"
    write_export([item], out, format="brat", filters=ExportFilters.every_status())
    lines = (out / "doc-3.ann").read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"T1\tContent 0 {len(text)}\tFirst line second line"
    assert lines[1] == "T2\tAttribution 0 22\tFirst line second line"
    assert lines[2] == "E1\tAttribution:T2 Content:T1"


@pytest.mark.parametrize(
    ("document_id", "stem"),
    [
        ("doc-1", "doc-1"),
        ("polnear:nyt/2016 story", "polnear_nyt_2016_story"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("...", "document"),
        ("CON", "_CON"),
        ("nul", "_nul"),
        ("COM1", "_COM1"),
        ("lpt9", "_lpt9"),
        ("aux.2024", "_aux.2024"),
        ("console", "console"),
        ("COM10", "COM10"),
    ],
)
def test_file_stems_are_safe_and_stable(document_id: str, stem: str) -> None:
    assert file_stem(document_id) == stem
    assert file_stem(stem) == stem


def test_clashing_file_names_get_numbered(tmp_path: Path) -> None:
    items = [
        (make_document(1, "One.", external_id="a/b"), []),
        (make_document(2, "Two.", external_id="a:b"), []),
        (make_document(3, "Three.", external_id="A_B"), []),
    ]
    out = tmp_path / "brat"
    write_export(items, out, format="brat")
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.txt")}
    assert texts == {"a_b.txt": "One.", "a_b-2.txt": "Two.", "A_B-3.txt": "Three."}


def test_documents_named_like_windows_devices_get_names_windows_can_create(
    tmp_path: Path,
) -> None:
    items = [
        (make_document(n, f"Text {n}.", external_id=name), [])
        for n, name in enumerate(["CON", "nul", "COM1", "con"], start=1)
    ]
    out = tmp_path / "brat"
    write_export(items, out, format="brat")
    names = sorted(p.name for p in out.glob("*.txt"))
    assert names == ["_COM1.txt", "_CON.txt", "_con-2.txt", "_nul.txt"]


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(TargetInUseError):
        write_export(harbour_items(), out, format="brat")
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_cancelled_brat_export_leaves_the_earlier_one(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    write_export(harbour_items()[1:], out, format="brat")
    before = sorted(p.name for p in out.iterdir())
    report = write_export(harbour_items(), out, format="brat", is_cancelled=lambda: True)
    assert report.cancelled
    assert sorted(p.name for p in out.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["brat"]


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_platforms_without_folder_descriptors_write_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filters = ExportFilters.every_status()
    write_export(harbour_items(), tmp_path / "fast", format="brat", filters=filters)
    monkeypatch.setattr("os.supports_dir_fd", set())
    write_export(harbour_items(), tmp_path / "by-path", format="brat", filters=filters)
    assert _folder_bytes(tmp_path / "fast") == _folder_bytes(tmp_path / "by-path")
    assert (tmp_path / "fast" / "doc-1.txt").read_bytes() == HARBOUR_TEXT.encode("utf-8")


def test_a_cancelled_export_leaves_no_folder_and_no_open_descriptor(tmp_path: Path) -> None:
    import os

    from formats.writers import write_export as export

    def opened() -> int:
        return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0

    before = opened()
    polls = iter([False, True])  # the second document is cancelled
    report = export(
        harbour_items(), tmp_path / "brat", format="brat", is_cancelled=lambda: next(polls, True)
    )
    assert report.cancelled
    assert not (tmp_path / "brat").exists()
    assert opened() == before
