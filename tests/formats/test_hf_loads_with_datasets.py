"""Every hf export loads with the real ``datasets`` library, with the declared features.

Small exports are the case new users try first: a one- or two-document workspace
has no validation or test document, and a card that declared those splits anyway
made ``load_dataset(folder)`` fail ("Instruction "validation" corresponds to no
data!"). Loading runs offline, with its cache in a throw-away folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from writer_cases import harbour_items, make_document, span_of

from formats.writers import ExportFilters, write_export
from formats.writers.hf_export import SPLITS
from quotes.model import Attribution, QuoteType, Status

# Set before ``datasets`` is imported: it reads them once. Kept referenced for the whole
# run so the cache folder is removed when the run ends.
_HF_HOME = tempfile.TemporaryDirectory(prefix="hf-home-")
os.environ["HF_HOME"] = _HF_HOME.name
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
datasets = pytest.importorskip("datasets")


def expected_features():
    """The schema the card declares, as ``datasets`` types."""
    value, listed = datasets.Value, datasets.List
    span = listed(value("int64"))
    return datasets.Features(
        {
            "id": value("string"),
            "title": value("string"),
            "source": value("string"),
            "text": value("string"),
            "reviewed": value("bool"),
            "quotes": listed(
                {
                    "start": value("int64"),
                    "end": value("int64"),
                    "fragments": listed(span),
                    "type": value("string"),
                    "cue": span,
                    "speaker": span,
                    "speaker_name": value("string"),
                    "status": value("string"),
                    "annotator": value("string"),
                }
            ),
        }
    )


def warden_items(count: int) -> list:
    """``count`` one-sentence reports; every third has no cue or speaker (nulls)."""
    items = []
    for i in range(1, count + 1):
        text = f"Report {i}: “All clear,” the warden said."
        bare = i % 3 == 0
        quote = Attribution(
            fragments=(span_of(text, "All clear,"),),
            type=QuoteType.DIRECT,
            cue=None if bare else span_of(text, "said"),
            speaker=None if bare else span_of(text, "the warden"),
            speaker_name=None if bare else "The warden",
            status=Status.ACCEPTED,
        )
        items.append((make_document(i, text, title=f"Report {i}"), [quote]))
    return items


def jsonl_records(folder: Path) -> dict[str, list[dict]]:
    return {
        path.stem: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for path in sorted(folder.glob("*.jsonl"))
    }


EXPORTS = {
    "1 document": lambda: warden_items(1),
    "2 documents": harbour_items,
    "2 reports": lambda: warden_items(2),
    "60 documents": lambda: warden_items(60),
}


@pytest.mark.parametrize("make_items", EXPORTS.values(), ids=EXPORTS.keys())
def test_load_dataset_reads_the_folder_through_its_card(make_items, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    report = write_export(make_items(), out, format="hf", filters=ExportFilters.every_status())
    written = jsonl_records(out)
    loaded = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache"))
    assert set(loaded) == set(written) and set(written) <= set(SPLITS)
    assert sum(len(split) for split in loaded.values()) == report.documents
    for name, split in loaded.items():
        assert split.features == expected_features(), name
        assert split.to_list() == written[name]


@pytest.mark.parametrize("make_items", EXPORTS.values(), ids=EXPORTS.keys())
def test_the_json_builder_reads_the_folder_without_the_card(make_items, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_export(make_items(), out, format="hf", filters=ExportFilters.every_status())
    loaded = datasets.load_dataset("json", data_dir=str(out), cache_dir=str(tmp_path / "cache"))
    assert {name: len(split) for name, split in loaded.items()} == {
        name: len(records) for name, records in jsonl_records(out).items()
    }


def test_an_export_of_no_documents_is_refused_by_datasets_for_having_no_data(
    tmp_path: Path,
) -> None:
    # An empty `data_files:` in the card made load_dataset raise a bare TypeError.
    out = tmp_path / "dataset"
    write_export([], out, format="hf")
    assert "configs:" not in (out / "README.md").read_text("utf-8")
    with pytest.raises(datasets.data_files.EmptyDatasetError, match="any data files"):
        datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache"))
