"""CoNLL export: one token per line, BIO tags per layer, offsets that map back."""

from __future__ import annotations

from pathlib import Path

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
