"""Hugging Face dataset folder: deterministic splits and a dataset card with counts."""

from __future__ import annotations

import json
from pathlib import Path

from writer_cases import harbour_items, make_document

from formats.atomic import FOLDER_MARKER
from formats.writers import ExportFilters, write_export
from formats.writers.hf_export import SPLITS, split_of


def many_items(count: int) -> list:
    return [(make_document(i, f"Article number {i}."), []) for i in range(1, count + 1)]


def read_split(folder: Path, name: str) -> list[dict]:
    lines = (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_folder_layout(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_export(many_items(60), out, format="hf")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [FOLDER_MARKER, "README.md", "train.jsonl", "validation.jsonl", "test.jsonl"]
    )


def test_a_small_export_has_only_the_splits_that_hold_documents(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_export(many_items(2), out, format="hf")
    present = sorted({split_of(f"doc-{i}") for i in (1, 2)})
    missing = [name for name in SPLITS if name not in present]
    assert missing, "two documents that fill all three splits make this test moot"
    assert sorted(p.name for p in out.glob("*.jsonl")) == [f"{name}.jsonl" for name in present]
    card = (out / "README.md").read_text(encoding="utf-8")
    front_matter, body = card.split("---\n")[1:3]
    assert front_matter.count("- split: ") == len(present)
    for name in missing:
        assert f"split: {name}" not in front_matter and f"| {name} |" not in body
    assert f"This export has no {' or '.join(missing)} documents" in body


def test_an_empty_export_says_it_has_no_splits(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_export([], out, format="hf")
    assert not list(out.glob("*.jsonl"))
    assert "holds no documents, so it has no splits" in (out / "README.md").read_text("utf-8")


def test_every_document_lands_in_the_split_of_its_id(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    report = write_export(many_items(200), out, format="hf")
    seen: dict[str, str] = {}
    for name in SPLITS:
        for record in read_split(out, name):
            seen[record["id"]] = name
    assert len(seen) == report.documents == 200
    assert all(split_of(doc_id) == name for doc_id, name in seen.items())
    sizes = {name: list(seen.values()).count(name) for name in SPLITS}
    assert 130 <= sizes["train"] <= 185 and sizes["validation"] > 5 and sizes["test"] > 5


def test_split_does_not_depend_on_the_other_documents(tmp_path: Path) -> None:
    small, large = tmp_path / "small", tmp_path / "large"
    write_export(many_items(50), small, format="hf")
    write_export(many_items(100), large, format="hf")
    for name in SPLITS:
        ids_small = {r["id"] for r in read_split(small, name)}
        ids_large = {r["id"] for r in read_split(large, name)}
        assert ids_small <= ids_large


def test_card_states_schema_counts_and_configs(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_export(harbour_items(), out, format="hf", filters=ExportFilters.every_status())
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    for name in SPLITS:  # the card declares exactly the splits that have a file
        declared = f"  - split: {name}\n    path: {name}.jsonl" in card
        assert declared == (out / f"{name}.jsonl").exists()
    assert "| `quotes[].fragments` |" in card
    assert "| all | 2 | 3 |" in card
    assert "| direct | 0 | 1 | 1 | 2 |" in card
    assert "| indirect | 1 | 0 | 0 | 1 |" in card
    assert "No inter-annotator agreement" in card


def test_card_states_agreement_when_given(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_export(
        harbour_items(),
        out,
        format="hf",
        agreement={
            "content overlap F1": 0.8125,
            "doubly annotated documents": 12,
            "kappa | status\n(2 annotators)": 0.5,
        },
    )
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "| content overlap F1 | 0.812 |" in card or "| content overlap F1 | 0.813 |" in card
    assert "| doubly annotated documents | 12 |" in card
    assert "| kappa \\| status (2 annotators) | 0.500 |" in card


def test_card_declares_a_feature_for_every_field(tmp_path: Path) -> None:
    """Declared features keep the splits' types equal when one split has no quotes
    (checked by hand with ``datasets`` 5.2: without them, loading fails)."""
    out = tmp_path / "dataset"
    write_export(harbour_items(), out, format="hf")
    front_matter = (out / "README.md").read_text(encoding="utf-8").split("---\n")[1]
    record = next(r for name in SPLITS for r in read_split(out, name) if r["quotes"])
    assert "dataset_info:\n  features:\n" in front_matter
    for key in [*record, *record["quotes"][0]]:
        assert f"- name: {key}\n" in front_matter
