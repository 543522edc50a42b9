"""The team commands as an outside check runs them: ``import --annotations``, ``assign``,
``collect``, ``agreement``, ``adjudicate --majority`` and ``export --adjudicated``.

The annotation files are written here: three annotators on two small articles, who agree
on one quotation, disagree on a second's speaker, and where only one of them saw a third.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import main
from quotes.model import DocumentStatus, Status
from storage.store import GOLD_LAYER, Store, content_hash

MARKET = (
    '"Prices will fall by spring," the minister said on Tuesday. '
    "Traders said that the harvest had been poor. "
    '"We are ready," a farmer added.'
)
PORT = 'The port reopened on Monday. "Ships are moving again," the harbour master said.'


def _quote(text: str, content: str, speaker: str | None, name: str | None, cue: str) -> dict:
    start = text.index(content)
    record: dict = {
        "start": start,
        "end": start + len(content),
        "type": "direct" if content.startswith('"') else "indirect",
        "speaker_name": name,
        "speaker": None,
        "cue": [text.index(cue), text.index(cue) + len(cue)],
        "status": "accepted",
    }
    if speaker is not None:
        at = text.index(speaker)
        record["speaker"] = [at, at + len(speaker)]
    return record


def _files(folder: Path) -> dict[str, Path]:
    minister = _quote(MARKET, '"Prices will fall by spring,"', "the minister", "Minister", "said")
    traders = _quote(MARKET, "the harvest had been poor", "Traders", "Traders", "said that")
    farmer = _quote(MARKET, '"We are ready,"', "a farmer", "Farmer", "added")
    master = _quote(
        PORT, '"Ships are moving again,"', "the harbour master", "Harbour Master", "said"
    )
    wrong = dict(master, speaker_name="Ships", speaker=None)
    versions = {
        "ana": ([minister, traders, farmer], [master]),
        "ben": ([minister, traders], [master]),
        "cy": ([minister, dict(traders, speaker_name="Farmer", speaker=None)], [wrong]),
    }
    paths = {}
    for name, (market, port) in versions.items():
        path = folder / f"{name}.jsonl"
        lines = [
            {"id": "market", "title": "Market", "text": MARKET, "quotes": market},
            {"id": "port", "title": "Port", "text": PORT, "quotes": port},
        ]
        path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        paths[name] = path
    return paths


def _id_of(store: Store, text: str) -> int:
    found = store.find_document(content_hash(text))
    assert found is not None
    return found


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A workspace holding the three annotators' layers, imported from their files."""
    db = tmp_path / "team.sqlite"
    for name, path in _files(tmp_path).items():
        assert (
            main(["--db", str(db), "--annotator", name, "import", "--annotations", str(path)]) == 0
        )
    return db


def test_annotations_become_the_annotators_accepted_records(team: Path) -> None:
    store = Store(team, annotator="lead")
    assert store.document_count() == 2  # the second and third file added layers only
    assert store.layers.annotator_layers() == ["ana", "ben", "cy"]
    market = _id_of(store, MARKET)
    records = store.layers.layer_attributions(market, "ana")
    assert [r.status for r in records] == [Status.ACCEPTED] * 3
    assert {r.annotator for r in records} == {"ana"}
    assert store.layers.layer_status(market, "ana") is DocumentStatus.DONE
    # The shared layer holds the engine's suggestions, untouched by the import.
    assert all(a.status is Status.CANDIDATE for a in store.attributions_for(market))


def test_the_new_documents_are_committed_before_the_layer_is_written(tmp_path: Path) -> None:
    # The whole import, pre-annotation included, was one transaction: a 1,500-document
    # file held the write lock for 15.7 s. Now the layer's transaction stores no text.
    from jobs.team.annotations import import_annotations

    store = Store(tmp_path / "ws.sqlite", annotator="ana")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    report = import_annotations(store, [_files(tmp_path)["ana"]], layer="ana")
    assert (report.new_documents, report.documents, report.problems) == (2, 2, [])
    stored = max(i for i, sql in enumerate(statements) if "INSERT INTO documents" in sql)
    layered = min(i for i, sql in enumerate(statements) if "INSERT INTO layer_documents" in sql)
    assert any(sql.startswith("COMMIT") for sql in statements[stored:layered])


def test_an_import_without_annotations_keeps_its_meaning(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite"
    path = _files(tmp_path)["ana"]
    assert main(["--db", str(db), "--annotator", "ana", "import", str(path)]) == 0
    store = Store(db, annotator="x")
    assert store.layers.layer_names() == []
    market = _id_of(store, MARKET)
    assert {a.status for a in store.attributions_for(market)} == {Status.ACCEPTED}


def test_importing_the_same_annotations_twice_changes_nothing(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ana.jsonl"
    assert (
        main(["--db", str(team), "--annotator", "ana", "import", "--annotations", str(path)]) == 0
    )
    assert "2 documents unchanged" in capsys.readouterr().out
    assert len(Store(team, annotator="x").layers.layer_attributions(1, "ana")) == 3


def test_annotations_need_a_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _files(tmp_path)["ana"]
    assert main(["--db", str(tmp_path / "w.sqlite"), "import", "--annotations", str(path)]) == 2
    assert "needs --annotator NAME" in capsys.readouterr().err


def test_a_line_whose_offsets_do_not_fit_costs_only_its_own_document(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "dana.jsonl"
    good = {"id": "port", "text": PORT, "quotes": [{"start": 29, "end": 55}]}
    broken = {"id": "market", "text": MARKET, "quotes": [{"start": 5, "end": 5000}]}
    bad.write_text(json.dumps(good) + "\n" + json.dumps(broken) + "\n", encoding="utf-8")
    with Store(team, annotator="x") as store:
        before = store.layers.layer_attributions(_id_of(store, MARKET), "ana")

    code = main(["--db", str(team), "--annotator", "dana", "import", "--annotations", str(bad)])

    captured = capsys.readouterr()
    assert code == 1
    assert f"{bad}:2" in captured.err and "outside the text" in captured.err
    assert "2 problems (see above): a document with one is left out" in captured.out
    assert "record skipped" in captured.err
    with Store(team, annotator="x") as store:
        assert store.layers.is_open(_id_of(store, PORT), "dana")
        assert not store.layers.is_open(_id_of(store, MARKET), "dana")
        assert store.layers.layer_attributions(_id_of(store, MARKET), "ana") == before


def test_a_file_of_bad_lines_only_is_refused_and_stores_nothing(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "dana.jsonl"
    broken = {"id": "market", "text": MARKET, "quotes": [{"start": 5, "end": 5000}]}
    bad.write_text(json.dumps(broken) + "\n" + "{not json\n", encoding="utf-8")

    code = main(["--db", str(team), "--annotator", "dana", "import", "--annotations", str(bad)])

    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad}:1" in err and f"{bad}:2" in err
    assert "nothing imported into dana's layer" in err
    assert "dana" not in Store(team, annotator="x").layers.layer_names()


def test_agreement_json_has_the_issues_keys(team: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(team), "agreement", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    for key in ("token_alpha", "content_F1_pairwise", "pairs"):
        assert key in figures
    for key in ("cue_agreement", "speaker_agreement", "type_agreement"):
        assert set(figures[key]) >= {"share", "kappa", "items"}
    assert set(figures["pairs"]) == {"ana,ben", "ana,cy", "ben,cy"}
    # ana and ben agree on everything they both have: 3 of ana's 4 and all of ben's 3.
    assert figures["pairs"]["ana,ben"]["content_F1_pairwise"] == round(2 * 3 / 7, 4)
    assert figures["pairs"]["ana,ben"]["speaker_agreement"]["share"] == 1.0
    # cy names another speaker for two of the three matched pairs with ben.
    assert figures["pairs"]["ben,cy"]["speaker_agreement"]["share"] == round(1 / 3, 4)


@pytest.mark.parametrize(
    ("names", "message"),
    [(["ana"], "at least two annotators"), (["ana", "zed"], "no layer named 'zed'")],
)
def test_agreement_refuses_what_it_cannot_measure(
    team: Path, names: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(team), "agreement", "--annotators", *names]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_majority_fills_gold_and_export_writes_it(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(team), "adjudicate", "--majority"]) == 0
    line = capsys.readouterr().out
    assert "3 majority attributions" in line and "1 disagreement left" in line
    # Twice changes nothing.
    assert main(["--db", str(team), "adjudicate", "--majority"]) == 0
    assert "2 documents already had a gold version" in capsys.readouterr().out
    out = tmp_path / "gold.jsonl"
    assert main(["--db", str(team), "export", "--adjudicated", str(out)]) == 0
    gold = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    market = [(q["speaker_name"], MARKET[q["start"] : q["end"]]) for q in gold["market"]["quotes"]]
    assert market == [
        ("Minister", '"Prices will fall by spring,"'),
        ("Traders", "the harvest had been poor"),
    ]
    assert [q["speaker_name"] for q in gold["port"]["quotes"]] == ["Harbour Master"]
    store = Store(team, annotator="x", layer=GOLD_LAYER)
    assert all(a.rule.startswith("majority: ") for a in store.attributions_for(1))


def test_adjudicated_hf_card_states_the_agreement(team: Path, tmp_path: Path) -> None:
    assert main(["--db", str(team), "adjudicate", "--majority"]) == 0
    out = tmp_path / "hf"
    assert main(["--db", str(team), "export", "--adjudicated", "--format", "hf", str(out)]) == 0
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "token_alpha" in card and "ana, ben, cy" in card


def test_export_adjudicated_without_gold_is_refused(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(team), "export", "--adjudicated", str(tmp_path / "g.jsonl")]) == 2
    assert "no gold layer yet" in capsys.readouterr().err
    assert not (tmp_path / "g.jsonl").exists()


def test_assign_and_collect_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lead = tmp_path / "lead.sqlite"
    texts = tmp_path / "texts"
    texts.mkdir()
    for number, text in enumerate((MARKET, PORT, PORT + " More ships came.")):
        (texts / f"{number}.txt").write_text(text, encoding="utf-8")
    assert main(["--db", str(lead), "import", str(texts)]) == 0
    with Store(lead, annotator="lead") as store:
        first = store.document_summaries()[0].id
        store.accept_attribution(store.attributions_for(first)[0].id or 0)
    out = tmp_path / "out"
    args = ["--db", str(lead), "assign", "--annotators", "ana,ben,cy", "--per-document", "2"]
    assert main([*args, "--out", str(out)]) == 0
    held = {}
    for name in ("ana", "ben", "cy"):
        with Store(out / f"{name}.sqlite", annotator=name) as store:
            assert store.layer == name
            held[name] = [s.title for s in store.document_summaries()]
            for summary in store.document_summaries():
                records = store.attributions_for(summary.id)
                # Suggestions only: the lead's acceptance is nobody else's business.
                assert {r.status for r in records} <= {Status.CANDIDATE}
                if records:
                    store.accept_attribution(records[0].id or 0)
                store.set_document_status(summary.id, DocumentStatus.DONE)
    assert sorted(len(titles) for titles in held.values()) == [2, 2, 2]
    files = [str(out / f"{name}.sqlite") for name in ("ana", "ben", "cy")]
    capsys.readouterr()
    assert main(["--db", str(lead), "collect", *files]) == 0
    assert "collected 6 documents" in capsys.readouterr().out
    assert main(["--db", str(lead), "collect", *files]) == 0
    assert "6 unchanged" in capsys.readouterr().out
    with Store(lead, annotator="lead") as store:
        assert store.layers.annotator_layers() == ["ana", "ben", "cy"]
        assert sum(len(store.layers.layer_documents(n)) for n in ("ana", "ben", "cy")) == 6
    assert main(["--db", str(lead), "agreement"]) == 0


def test_collect_reports_documents_that_differ(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite"
    (tmp_path / "x.txt").write_text('A different article. "Yes," she said.', encoding="utf-8")
    assert main(["--db", str(other), "--annotator", "eve", "import", str(tmp_path / "x.txt")]) == 0
    with Store(other, annotator="eve", layer="eve") as store:
        store.set_document_status(store.document_summaries()[0].id, DocumentStatus.DONE)
    capsys.readouterr()
    assert main(["--db", str(team), "collect", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {other}: 1 document differs") and err.count("\n") == 1
    assert "eve" not in Store(team, annotator="x").layers.layer_names()


def test_collect_refuses_a_file_that_is_not_a_workspace(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 10)
    assert main(["--db", str(team), "collect", str(junk)]) == 2
    assert str(junk) in capsys.readouterr().err


def test_export_layer_writes_that_annotators_layer(team: Path, tmp_path: Path) -> None:
    # main() sets args.layer from the global --annotator: --layer must not be lost to it.
    out = tmp_path / "cy.jsonl"
    assert main(["--db", str(team), "export", "--layer", "cy", str(out)]) == 0
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert [q["speaker_name"] for q in records["port"]["quotes"]] == ["Ships"]


def test_export_unknown_layer_is_refused(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.jsonl"
    assert main(["--db", str(team), "export", "--layer", "nobody", str(out)]) == 2
    assert "no layer named 'nobody'" in capsys.readouterr().err
    assert not out.exists()


def test_export_adjudicated_with_an_annotator_named(team: Path, tmp_path: Path) -> None:
    assert main(["--db", str(team), "adjudicate", "--majority"]) == 0
    out = tmp_path / "gold.jsonl"
    command = ["--db", str(team), "--annotator", "lead", "export", "--adjudicated", str(out)]
    assert main(command) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_a_layer_only_opened_is_no_annotator(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The lead opening the GUI with --annotator lead reads a document in their layer.
    with Store(team, annotator="lead", layer="lead") as store:
        store.attributions_for(_id_of(store, MARKET))
        assert "lead" in store.layers.layer_names()
    assert main(["--db", str(team), "agreement", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["annotators"] == ["ana", "ben", "cy"]
    assert main(["--db", str(team), "adjudicate", "--majority"]) == 0
    assert "from 3 annotators" in capsys.readouterr().out


def test_collecting_a_file_assigned_again_keeps_the_decisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Round one: ana annotates and is collected. Round two: the lead assigns again and
    # ana's new file, opened but not worked on, is collected back. Her round-one work
    # must survive it.
    lead = tmp_path / "lead.sqlite"
    (tmp_path / "t.txt").write_text(MARKET, encoding="utf-8")
    assert main(["--db", str(lead), "import", str(tmp_path / "t.txt")]) == 0
    assign = ["--db", str(lead), "assign", "--annotators", "ana,ben", "--per-document", "2"]
    assert main([*assign, "--out", str(tmp_path / "one")]) == 0
    with Store(tmp_path / "one" / "ana.sqlite", annotator="ana") as store:
        document = store.document_summaries()[0].id
        for record in store.attributions_for(document):
            store.accept_attribution(record.id or 0)
        store.set_document_status(document, DocumentStatus.DONE)
    assert main(["--db", str(lead), "collect", str(tmp_path / "one" / "ana.sqlite")]) == 0
    assert main([*assign, "--out", str(tmp_path / "two")]) == 0
    with Store(tmp_path / "two" / "ana.sqlite", annotator="ana") as store:
        # She opens the file (the GUI reads the document in her layer), decides nothing.
        store.attributions_for(store.document_summaries()[0].id)
    capsys.readouterr()
    assert main(["--db", str(lead), "collect", str(tmp_path / "two" / "ana.sqlite")]) == 0
    assert "1 not reviewed in the file" in capsys.readouterr().out
    with Store(lead, annotator="lead") as store:
        (document,) = store.layers.layer_documents("ana")
        assert store.layers.layer_status(document, "ana") is DocumentStatus.DONE
        records = store.layers.layer_attributions(document, "ana")
        assert records and {r.status for r in records} == {Status.ACCEPTED}


def test_a_layer_only_opened_is_no_annotator_to_measure(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(team, annotator="zed", layer="zed") as store:
        store.attributions_for(1)  # reading opens the document in zed's layer
    assert main(["--db", str(team), "agreement", "--annotators", "ana", "zed"]) == 2
    err = capsys.readouterr().err
    assert "'zed'" in err and "reviewed no document" in err and err.count("\n") == 1
    # By default it is simply not among the annotators.
    assert main(["--db", str(team), "agreement", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["annotators"] == ["ana", "ben", "cy"]


def test_collecting_a_workspace_without_layers_says_so(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.sqlite"
    (tmp_path / "p.txt").write_text(PORT, encoding="utf-8")
    assert main(["--db", str(plain), "import", str(tmp_path / "p.txt")]) == 0
    capsys.readouterr()
    assert main(["--db", str(team), "collect", str(plain)]) == 1
    assert "holds no annotator's layer" in capsys.readouterr().err


def test_an_assigned_file_holds_no_speaker_name_an_annotator_gave(
    team: Path, tmp_path: Path
) -> None:
    # cy named the port's speaker "Ships"; the engine never would. A round-two file
    # must start from the engine's roster alone, like one assigned before any layer.
    fresh = tmp_path / "fresh.sqlite"
    texts = tmp_path / "texts.jsonl"
    texts.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in (("m", MARKET), ("p", PORT))),
        encoding="utf-8",
    )
    assert main(["--db", str(fresh), "import", str(texts)]) == 0
    rosters = {}
    for name, db in (("team", team), ("fresh", fresh)):
        out = tmp_path / f"out-{name}"
        command = ["--db", str(db), "assign", "--annotators", "dee", "--per-document", "1"]
        assert main([*command, "--out", str(out)]) == 0
        with Store(out / "dee.sqlite", annotator="dee") as store:
            rosters[name] = {
                (store.document(s.id).text, speaker.name)
                for s in store.document_summaries()
                for speaker in store.speakers_for(s.id)
            }
    assert (PORT, "Ships") not in rosters["team"]
    assert rosters["team"] == rosters["fresh"]
