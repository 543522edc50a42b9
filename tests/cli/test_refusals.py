"""CLI refusals (issue 16): one ``error:`` line, no traceback, exit code 2, and a
file that is not ours left byte-identical.

Covers a workspace written by a newer version, random bytes, a truncated
workspace, another program's SQLite database, a zero-byte file and a mistyped
``--db`` for a command that only reads.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from app import main
from cli.workspace_guard import inspect_workspace_file
from jobs.importing import import_articles
from quote_annotator.command_line import (
    CREATING_COMMANDS,
    READING_COMMANDS,
    WORKSPACE_FREE_COMMANDS,
    build_parser,
)
from storage.store import Store

ARTICLE = {"id": "a1", "text": "The mayor said the bridge opens in May."}


def run(*args: object) -> int:
    return main([str(a) for a in args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_line_refusal(capsys: pytest.CaptureFixture[str], *words: str) -> None:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for word in words:
        assert word in lines[0]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "ws.sqlite"
    with Store(path) as store:
        import_articles(store, [], preannotate=False)
    return path


@pytest.fixture(params=["delete", "wal"], ids=["rollback-journal", "wal-mode"])
def foreign(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {request.param}")
    connection.execute("CREATE TABLE birds (name TEXT, seen INTEGER)")
    connection.execute("INSERT INTO birds VALUES ('wren', 3)")
    connection.commit()
    connection.close()
    return path


def test_a_workspace_of_a_newer_version_is_refused_in_one_line(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    connection = sqlite3.connect(workspace)
    connection.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('quote_annotator', '9999_from_the_future', 'now')"
    )
    connection.commit()
    connection.close()
    assert run("--db", workspace, "export", tmp_path / "out.jsonl") == 2
    assert_one_line_refusal(capsys, str(workspace), "newer version")
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("command", ["import", "export"])
def test_random_bytes_are_refused_and_left_untouched(
    command: str, tmp_path: Path, articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "random.sqlite"
    db.write_bytes(bytes(range(256)) * 40)
    before = digest(db)
    target = articles if command == "import" else tmp_path / "out.jsonl"
    assert run("--db", db, command, target) == 2
    assert_one_line_refusal(capsys, str(db), "not an SQLite file")
    assert digest(db) == before


@pytest.mark.parametrize("keep", [100, 1024, 4096, 0.5])
def test_a_truncated_workspace_is_refused_without_a_traceback(
    keep: float, tmp_path: Path, articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = tmp_path / "whole.sqlite"
    with Store(whole) as store:
        import_articles(store, [], preannotate=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(data[: int(keep * len(data)) if keep < 1 else int(keep)])
    assert run("--db", cut, "export", tmp_path / "out.jsonl") == 2
    assert_one_line_refusal(capsys, str(cut))
    assert not cut.with_name("cut.sqlite-wal").exists(), "the check leaves no side files"


@pytest.mark.parametrize("command", ["import", "export"])
def test_another_programs_database_is_refused_and_left_byte_identical(
    command: str,
    foreign: Path,
    tmp_path: Path,
    articles: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = digest(foreign)
    target = articles if command == "import" else tmp_path / "out.jsonl"
    assert run("--db", foreign, command, target) == 2
    assert_one_line_refusal(capsys, str(foreign), "another program", "birds")
    assert digest(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["other.db", "in.jsonl"]), (
        "no -wal, -shm or output left behind"
    )


def test_a_mistyped_db_for_export_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo" / "wrokspace.sqlite"
    assert run("--db", db, "export", tmp_path / "out.jsonl") == 2
    assert_one_line_refusal(capsys, str(db), "no such workspace")
    assert not db.parent.exists()
    assert not (tmp_path / "out.jsonl").exists()


def test_a_zero_byte_file_is_refused_by_export_and_left_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "empty.sqlite"
    db.touch()
    assert run("--db", db, "export", tmp_path / "out.jsonl") == 2
    assert_one_line_refusal(capsys, str(db), "not a workspace yet")
    assert db.read_bytes() == b""


@pytest.mark.parametrize("existing", [False, True], ids=["missing", "zero-byte"])
def test_import_creates_a_new_workspace_and_says_so(
    existing: bool, tmp_path: Path, articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new" / "ws.sqlite"
    if existing:
        db.parent.mkdir()
        db.touch()
    assert run("--db", db, "import", "--no-preannotate", articles) == 0
    assert f"created new workspace {db}" in capsys.readouterr().out
    assert inspect_workspace_file(db).kind == "workspace"
    assert run("--db", db, "import", "--no-preannotate", articles) == 0
    assert "created new workspace" not in capsys.readouterr().out


def test_debug_shows_the_traceback(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    connection = sqlite3.connect(workspace)
    connection.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('quote_annotator', '9999_from_the_future', 'now')"
    )
    connection.commit()
    connection.close()
    assert run("--debug", "--db", workspace, "export", tmp_path / "out.jsonl") == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "error: " in err


def test_an_older_workspace_is_backed_up_before_export_migrates_it_and_the_note_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlite_utils import Database

    from storage.migrations import migrations

    db = tmp_path / "old.sqlite"
    old = Database(db)
    migrations.apply(old, stop_before="0003_unquoted_type")
    old.close()
    assert run("--db", db, "export", tmp_path / "out.jsonl") == 0
    err = capsys.readouterr().err
    backup = tmp_path / "old.before-0003_unquoted_type.sqlite"
    assert "note: Updated the workspace to this version" in err and str(backup) in err
    assert backup.exists()


def test_ctrl_c_stops_an_import_that_keeps_and_counts_its_committed_batches(
    tmp_path: Path,
) -> None:
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parents[2]
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as file:
        for n in range(200_000):
            file.write(json.dumps({"id": str(n), "text": f"Article {n}: nothing new."}) + "\n")
    db = tmp_path / "ws.sqlite"
    child = subprocess.Popen(
        [sys.executable, str(root / "app.py"), "--db", str(db), "import", "--no-preannotate", big],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db.exists() and inspect_workspace_file(db).kind == "workspace":
            with Store(db) as store:
                if store.document_count() >= 500:
                    break
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert "Traceback" not in err
    assert child.returncode == 130, err
    with Store(db) as store:
        kept = store.document_count()
    assert 500 <= kept < 200_000
    assert f"imported {kept} documents" in out
    assert f"interrupted: the {kept} documents imported before are kept" in err


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """``app.py extract … | head``: the closed pipe ends the command quietly."""
    import subprocess
    import sys

    text = 'The mayor said: "The bridge opens in May." ' * 40
    lines = [json.dumps({"id": f"d{i}", "text": f"{text} Number {i}."}) for i in range(80)]
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = Path(__file__).resolve().parents[2] / "app.py"
    process = subprocess.Popen(
        [sys.executable, str(app), "extract", "--no-model", "--jobs", "1", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100)
    process.stdout.close()
    errors = process.stderr.read().decode()
    process.wait(timeout=120)
    assert "Traceback" not in errors


def test_every_command_says_whether_it_may_create_a_workspace() -> None:
    # A command in no set would open --db unguarded: a mistyped path became a new
    # workspace (folders included) for `uncertain` until it was listed.
    parser = build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    classified = CREATING_COMMANDS | READING_COMMANDS | WORKSPACE_FREE_COMMANDS
    assert set(commands.choices) == classified


@pytest.mark.parametrize("command", sorted(READING_COMMANDS))
def test_a_command_that_needs_a_workspace_creates_none_for_a_mistyped_db(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo" / "wrokspace.sqlite"
    arguments = {
        "export": [tmp_path / "out.jsonl"],
        "assign": ["--annotators", "a,b", "--out", tmp_path / "assigned"],
        "collect": [tmp_path / "alice.sqlite"],
        "adjudicate": ["--majority"],
    }
    assert run("--db", db, command, *arguments.get(command, [])) == 2
    assert_one_line_refusal(capsys, str(db), "no such workspace")
    assert not db.parent.exists()
