"""``app.py import`` and ``app.py export``, run headless through the app's own parser.

Each test works on a temporary workspace file. Inputs are written by the tests (or
taken from ``tests/formats/data``), outputs are read back byte for byte.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app import main
from quotes.model import DocumentStatus, Origin, Status
from storage.store import Store

FORMATS_DATA = Path(__file__).parent.parent / "formats" / "data"

# Written for these tests: a document with a split accepted quotation, a rejected
# and a candidate record by two annotators, and a document without records.
STATION = (
    '"The station will close for repairs," the rail operator said on Monday, '
    '"and reopen in June." Commuters said the buses were already full.'
)
SQUARE = "The square was quiet on Sunday."


def quote(text: str, content: str, *, status: str, annotator: str | None, type: str) -> dict:
    start = text.index(content)
    return {
        "start": start,
        "end": start + len(content),
        "type": type,
        "status": status,
        "annotator": annotator,
    }


def station_record() -> dict:
    first = '"The station will close for repairs,"'
    second = '"and reopen in June."'
    a, b = STATION.index(first), STATION.index(second)
    cue = STATION.index("said")
    speaker = STATION.index("the rail operator")
    return {
        "id": "station",
        "title": "Station",
        "text": STATION,
        "quotes": [
            {
                "start": a,
                "end": b + len(second),
                "fragments": [[a, a + len(first)], [b, b + len(second)]],
                "type": "direct",
                "cue": [cue, cue + 4],
                "speaker": [speaker, speaker + len("the rail operator")],
                "speaker_name": "the rail operator",
                "status": "accepted",
                "annotator": "ana",
            },
            quote(
                STATION,
                "the buses were already full.",
                status="rejected",
                annotator="bob",
                type="indirect",
            ),
        ],
    }


def run(*argv: str | Path) -> int:
    return main([str(arg) for arg in argv])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite"


@pytest.fixture
def annotated_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "annotated.jsonl"
    records = [
        station_record(),
        {"id": "square", "title": "Square", "text": SQUARE, "quotes": []},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def documents(db: Path) -> dict[str, tuple]:
    """Each document by its export id: (document, attributions)."""
    with Store(db) as store:
        return {
            (document.external_id or f"doc-{document.id}"): (document, attributions)
            for document, attributions in store.iter_documents()
        }


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# -- import: each format ---------------------------------------------------------------------
def test_import_of_text_files_and_folders_recursively(db: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "news" / "2024"
    folder.mkdir(parents=True)
    (folder / "budget.txt").write_text(
        "Budget agreed\n\nThe budget passed, the minister said.\n", encoding="utf-8"
    )
    (tmp_path / "news" / "storm.txt").write_bytes(
        "La tempête a fait des dégâts, a déclaré le préfet.".encode("cp1252")
    )
    assert run("--db", db, "import", tmp_path / "news") == 0
    out = capsys.readouterr().out
    assert out.startswith("imported 2 documents")
    assert "storm.txt: decoded as" in out  # the encoding detected is reported
    by_title = {d.title: d for d, _ in documents(db).values()}
    assert by_title["Budget agreed"].text.startswith("Budget agreed\n\nThe budget passed")
    assert any(d.text.startswith("La tempête") for d in by_title.values())


def test_import_of_jsonl_keeps_the_annotations_and_their_status(
    db: Path, annotated_jsonl: Path, capsys
) -> None:
    assert run("--db", db, "import", annotated_jsonl) == 0
    assert "imported 2 documents with 2 attributions" in capsys.readouterr().out
    document, attributions = documents(db)["station"]
    assert [(a.status, a.annotator, a.origin) for a in attributions] == [
        (Status.ACCEPTED, "ana", Origin.IMPORT),
        (Status.REJECTED, "bob", Origin.IMPORT),
    ]
    assert [document.text[f.start : f.end] for f in attributions[0].fragments] == [
        '"The station will close for repairs,"',
        '"and reopen in June."',
    ]
    assert documents(db)["square"][1] == []  # imported records are not pre-annotated away


def test_import_of_csv_and_tsv_with_the_column_flags(db: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "feed.csv").write_text(
        'key,head,story\nk1,Ferry,"The ferry runs again, the operator said."\n',
        encoding="utf-8",
    )
    (tmp_path / "feed.tsv").write_text(
        "key\thead\tstory\nk2\tTram\tThe tram line opens in May, the city said.\n",
        encoding="utf-8",
    )
    code = run(
        "--db",
        db,
        "import",
        tmp_path / "feed.csv",
        tmp_path / "feed.tsv",
        "--text-column",
        "story",
        "--title-column",
        "",
        "--id-column",
        "key",
    )
    assert code == 0, capsys.readouterr().err
    found = documents(db)
    assert found["k1"][0].title == "The ferry runs again, the operator said."  # first line
    assert found["k2"][0].text == "The tram line opens in May, the city said."


def test_import_of_brat_standoff_and_a_saved_page(db: Path, tmp_path: Path, capsys) -> None:
    shutil.copytree(FORMATS_DATA / "brat", tmp_path / "brat")
    assert run("--db", db, "import", tmp_path / "brat", FORMATS_DATA / "page.html") == 0
    found = list(documents(db).values())
    assert len(found) == 2
    (council, records), (page, page_records) = found
    assert records and {a.origin for a in records} == {Origin.IMPORT}
    split = next(a for a in records if len(a.fragments) == 2)
    assert council.text[split.fragments[1].start : split.fragments[1].end] == (
        '"We have waited long enough."'
    )
    assert page.title == "Council backs new footbridge"
    assert "Subscribe now" not in page.text
    assert {a.origin for a in page_records} <= {Origin.RULE}  # pre-annotated, not imported


def test_a_second_import_skips_the_duplicates(db: Path, annotated_jsonl: Path, capsys) -> None:
    run("--db", db, "import", annotated_jsonl)
    capsys.readouterr()
    assert run("--db", db, "import", annotated_jsonl) == 0
    assert "imported 0 documents with 0 attributions; skipped 2 duplicates" in (
        capsys.readouterr().out
    )


# -- import: bad inputs are named and the rest is imported ------------------------------------
def test_bad_inputs_are_named_with_file_and_line_and_the_rest_is_imported(
    db: Path, tmp_path: Path, capsys
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    good = {"id": "ok", "title": "Fine", "text": "All is well, the mayor said."}
    outside = {"id": "far", "text": "Short text.", "quotes": [{"start": 3, "end": 90}]}
    unknown = {
        "id": "odd",
        "text": "Odd status here, she said.",
        "quotes": [{"start": 0, "end": 9, "status": "maybe"}],
    }
    (bad / "mixed.jsonl").write_text(
        json.dumps(good) + "\n{broken\n" + json.dumps(outside) + "\n" + json.dumps(unknown) + "\n",
        encoding="utf-8",
    )
    (bad / "table.csv").write_text('id,text\n1,"The pier reopens, the council said."\n2,\n')
    (bad / "nocolumn.csv").write_text("id,body\n1,The body column is not mapped.\n")
    (bad / "orphan.ann").write_text("T1\tCue 0 4\tsaid\n", encoding="utf-8")
    (bad / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "cut.jsonl").write_text('{"id": "cut", "text": "The file ends mid-rec', encoding="utf-8")
    code = run("--db", db, "import", "--no-preannotate", bad, tmp_path / "missing.txt")
    assert code == 1
    captured = capsys.readouterr()
    err = captured.err
    assert f"{bad / 'mixed.jsonl'}:2" in err
    assert f"{bad / 'mixed.jsonl'}:3" in err and "outside" in err
    assert f"{bad / 'mixed.jsonl'}:4" in err and "maybe" in err
    assert f"{bad / 'table.csv'}:3 column 'text'" in err
    assert f"{bad / 'nocolumn.csv'}: no column 'text'" in err
    assert f"{bad / 'orphan.ann'}: brat annotations without their text" in err
    assert f"{bad / 'blob.txt'}" in err
    assert f"{bad / 'cut.jsonl'}:1" in err
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in err
    found = documents(db)
    assert {"ok", "1"} <= set(found)
    # A bad quotation loses that record, not its document nor the file.
    assert found["odd"][1] == [] and found["far"][1] == []
    assert "imported" in captured.out


def test_nothing_to_import_exits_with_2(db: Path, tmp_path: Path, capsys) -> None:
    assert run("--db", db, "import", tmp_path / "nowhere") == 2
    assert "no such file or folder" in capsys.readouterr().err


# -- export: each format and the filters --------------------------------------------------------
@pytest.fixture
def workspace(db: Path, annotated_jsonl: Path) -> Path:
    """The annotated records plus one candidate of a third annotator, and Station done."""
    assert run("--db", db, "import", annotated_jsonl) == 0
    with Store(db, annotator="cy") as store:
        station = next(s.id for s in store.document_summaries() if s.title == "Station")
        store.set_document_status(station, DocumentStatus.DONE)
    return db


@pytest.mark.parametrize(
    ("format", "name"),
    [("jsonl", "o.jsonl"), ("csv", "o.csv"), ("brat", "o"), ("conll", "o.conll"), ("hf", "o")],
)
def test_export_of_each_format(
    workspace: Path, tmp_path: Path, format: str, name: str, capsys
) -> None:
    out = tmp_path / "exports" / name
    out.parent.mkdir()
    capsys.readouterr()
    assert run("--db", workspace, "export", "--format", format, out) == 0
    assert capsys.readouterr().out == (
        f"wrote 1 document and 1 attribution to {out} ({format}); left out 1 unreviewed "
        "document (not done and no record decided; --include-unreviewed exports them, marked)\n"
    )
    if format == "jsonl":
        (station,) = [json.loads(line) for line in out.read_text().splitlines()]
        assert [q["status"] for q in station["quotes"]] == ["accepted"]
    elif format == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
        assert [(r["document_id"], r["status"], r["annotator"]) for r in rows] == [
            ("station", "accepted", "ana")
        ]
    elif format == "brat":
        assert {p.name for p in out.iterdir() if p.suffix in {".txt", ".ann"}} == {
            "station.txt",
            "station.ann",
        }
        assert "Content" in (out / "station.ann").read_text(encoding="utf-8")
    elif format == "conll":
        assert "B-CONTENT" in out.read_text(encoding="utf-8")
    else:
        names = {p.name for p in out.iterdir()}  # a split without documents has no file
        assert "README.md" in names and names & {"train.jsonl", "validation.jsonl", "test.jsonl"}


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ((), {"station": ["accepted"]}),
        (("--include-unreviewed",), {"station": ["accepted"], "square": []}),
        (("--all-statuses",), {"station": ["accepted", "rejected"]}),
        (("--all-statuses", "--annotator", "bob"), {"station": ["rejected"]}),
        (
            ("--all-statuses", "--annotator", "ana", "--annotator", "bob", "--include-unreviewed"),
            {"station": ["accepted", "rejected"], "square": []},
        ),
        (("--document-status", "done"), {"station": ["accepted"]}),
        (("--document-status", "new", "--all-statuses"), {}),
        (("--document-status", "new", "--include-unreviewed"), {"square": []}),
    ],
)
def test_export_filters(
    workspace: Path, tmp_path: Path, flags: tuple[str, ...], expected: dict
) -> None:
    out = tmp_path / "filtered.jsonl"
    assert run("--db", workspace, "export", out, *flags) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"]: [q["status"] for q in r["quotes"]] for r in records} == expected
    # Only the unreviewed document is marked, in the record itself.
    assert {r["id"] for r in records if r.get("reviewed") is False} == ({"square"} & set(expected))


def test_an_unwritable_output_exits_with_2_and_writes_nothing(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("mine", encoding="utf-8")
    for format in ("jsonl", "brat"):
        assert run("--db", workspace, "export", "--format", format, blocker / "out") == 2
        assert f"error: cannot write {blocker / 'out'}" in capsys.readouterr().err
    own = tmp_path / "own-folder"
    own.mkdir()
    (own / "keep.txt").write_text("keep", encoding="utf-8")
    assert run("--db", workspace, "export", "--format", "brat", own) == 2
    assert [p.name for p in own.iterdir()] == ["keep.txt"]
    assert blocker.read_text(encoding="utf-8") == "mine"


# -- round trips ---------------------------------------------------------------------------------
@pytest.mark.parametrize("flags", [(), ("--all-statuses",)], ids=["accepted", "every-status"])
def test_jsonl_round_trip_gives_identical_bytes(
    workspace: Path, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    fresh = tmp_path / "fresh.sqlite"
    assert run("--db", workspace, "export", first, *flags) == 0
    assert run("--db", fresh, "import", "--no-preannotate", first) == 0
    assert run("--db", fresh, "export", second, *flags) == 0
    assert second.read_bytes() == first.read_bytes()


def test_brat_round_trip_gives_identical_files(workspace: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    fresh = tmp_path / "fresh.sqlite"
    assert run("--db", workspace, "export", "--format", "brat", "--all-statuses", first) == 0
    assert run("--db", fresh, "import", "--no-preannotate", first) == 0
    assert run("--db", fresh, "export", "--format", "brat", "--all-statuses", second) == 0
    assert folder_bytes(second) == folder_bytes(first)
    assert "Attribution" in (first / "station.ann").read_text(encoding="utf-8")


def test_csv_round_trip_through_the_brat_text_files(workspace: Path, tmp_path: Path) -> None:
    """The CSV holds no article text; the texts travel as the brat export's files."""
    fresh = tmp_path / "fresh.sqlite"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert run("--db", workspace, "export", "--format", "csv", "--all-statuses", first) == 0
    assert (
        run("--db", workspace, "export", "--format", "brat", "--all-statuses", tmp_path / "t") == 0
    )
    assert run("--db", fresh, "import", "--no-preannotate", tmp_path / "t") == 0
    assert run("--db", fresh, "export", "--format", "csv", "--all-statuses", second) == 0
    assert second.read_bytes() == first.read_bytes()
    assert len(first.read_text(encoding="utf-8").splitlines()) == 3


def test_hf_dataset_round_trip_gives_identical_files(db: Path, tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    lines = []
    for n in range(30):
        text = f"Report {n}: “The river is rising,” the warden said."
        start = text.index("“")
        lines.append(
            json.dumps(
                {
                    "id": f"r{n:02}",
                    "text": text,
                    "quotes": [{"start": start, "end": text.index("”") + 1, "status": "accepted"}],
                }
            )
        )
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fresh = tmp_path / "fresh.sqlite"
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("--db", db, "import", source) == 0
    assert run("--db", db, "export", "--format", "hf", first) == 0
    splits = [first / f"{name}.jsonl" for name in ("train", "validation", "test")]
    assert run("--db", fresh, "import", *splits) == 0
    assert run("--db", fresh, "export", "--format", "hf", second) == 0
    assert folder_bytes(second) == folder_bytes(first)


# -- agreement in the dataset card ------------------------------------------------------------
def test_the_hf_card_states_the_agreement_of_two_annotation_files(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    ana = station_record()
    bob = {**station_record(), "quotes": station_record()["quotes"][:1]}  # misses one
    bob["quotes"][0] = {**bob["quotes"][0], "cue": None}
    first, second = tmp_path / "ana.jsonl", tmp_path / "bob.jsonl"
    first.write_text(json.dumps(ana) + "\n", encoding="utf-8")
    second.write_text(json.dumps(bob) + "\n", encoding="utf-8")
    out = tmp_path / "dataset"
    assert (
        run("--db", workspace, "export", "--format", "hf", out, "--agreement", first, second) == 0
    )
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "| annotation files | ana.jsonl and bob.jsonl |" in card
    # ana has two records, bob one of them without its cue: precision 1, recall 1/2.
    assert "| content overlap F1 | 0.667 |" in card
    assert "| cue agreement (matched pairs) | 0.000 |" in card
    assert "| speaker agreement (matched pairs) | 1.000 |" in card

    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    capsys.readouterr()
    code = run("--db", workspace, "export", "--format", "hf", out, "--agreement", first, broken)
    assert code == 2
    assert f"{broken}:1: invalid JSON" in capsys.readouterr().err


def test_unquoted_speech_is_typed_unquoted_in_an_all_statuses_export(
    db: Path, tmp_path: Path
) -> None:
    article = tmp_path / "visit.txt"
    article.write_text(
        "Minister visits port\n\nDuring the visit, Ruiz said, Trade is the key to our future.\n",
        encoding="utf-8",
    )
    assert run("--db", db, "import", article) == 0
    out = tmp_path / "all.jsonl"
    assert run("--db", db, "export", "--all-statuses", "--include-unreviewed", out) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (quote,) = record["quotes"]
    assert (quote["type"], record["text"][quote["start"] : quote["end"]]) == (
        "unquoted",
        "Trade is the key to our future.",
    )


def test_a_csv_import_with_column_flags_exits_0_and_keeps_the_other_columns(
    db: Path, tmp_path: Path, capsys
) -> None:
    # Issue 15: three rows imported, yet exit code 1, and 'published' dropped.
    # A mapped column the file lacks is a note, a spreadsheet's empty row no
    # rejection, and the unmapped columns go into the document's metadata.
    feed = tmp_path / "feed.csv"
    feed.write_text(
        "id,title,body,published\n"
        'n1,Ferry,"The ferry runs again, the operator said.",2024-05-01\n'
        "n2,Tram,The tram line opens in May; the city said so.,2024-05-02\n"
        "n3,Rain,Forecasters said it will rain.,2024-05-03\n"
        ",,,\n",
        encoding="utf-8",
    )
    code = run("--db", db, "import", feed, "--text-column", "body", "--title-column", "headline")
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "imported 3 documents" in captured.out
    assert "no column 'headline' for the title" in captured.out  # a note, on stdout
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    rows = connection.execute("SELECT external_id, meta FROM documents ORDER BY id").fetchall()
    connection.close()
    assert [(key, json.loads(meta)) for key, meta in rows] == [
        ("n1", {"title": "Ferry", "published": "2024-05-01"}),
        ("n2", {"title": "Tram", "published": "2024-05-02"}),
        ("n3", {"title": "Rain", "published": "2024-05-03"}),
    ]
