"""``app.py extract --jobs N`` and the Dask recipe write what ``--jobs 1`` writes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app import main
from cli.extraction import run_extract
from cli.line_extraction import BATCH_SIZE, LineError, extract_line
from quotes.lexicon import default_lexicon, parse_lexicon

SAMPLES = Path(__file__).resolve().parents[2] / "storage" / "samples"


def sample_texts() -> list[str]:
    """The bodies of the project's sample articles (fictional, written for it)."""
    return [
        path.read_text(encoding="utf-8").partition("\n")[2]
        for path in sorted(SAMPLES.glob("*.txt"))
    ]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """More lines than a few worker batches, with a bad line, a blank one and no-id records."""
    texts = sample_texts()
    lines = []
    for number in range(3 * BATCH_SIZE + 5):
        record = {"text": f"Article {number}.\n\n{texts[number % len(texts)]}"}
        if number % 7:
            record["id"] = f"doc-{number}"
        lines.append(json.dumps(record))
    lines.insert(20, "{not json")
    lines.insert(30, "")
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def extracted(path: Path, jobs: int) -> tuple[str, str, int]:
    out, errors = io.StringIO(), io.StringIO()
    code = run_extract(path, out, errors, jobs=jobs)
    return out.getvalue(), errors.getvalue(), code


def test_jobs_output_equals_one_job(corpus: Path) -> None:
    one, one_errors, one_code = extracted(corpus, 1)
    two, two_errors, two_code = extracted(corpus, 2)
    assert two == one
    assert one_code == two_code == 1
    assert (
        two_errors
        == one_errors
        == f"{corpus}:21: not valid JSON (Expecting property name enclosed in double quotes)\n"
    )
    records = [json.loads(line) for line in one.splitlines()]
    assert len(records) == 3 * BATCH_SIZE + 5
    assert records[0]["id"] == "corpus.jsonl:1"  # no id: the file and line name it
    assert records[1]["id"] == "doc-1"
    assert any(record["quotes"] for record in records)


def test_jobs_flag_through_the_app(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--jobs", "2", str(corpus)]) == 1
    parallel = capsys.readouterr().out
    assert parallel == extracted(corpus, 1)[0]


def test_jobs_must_be_positive(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", "--jobs", "0", str(corpus)])
    assert "--jobs: must be at least 1, not 0" in capsys.readouterr().err


def test_extract_line_uses_the_lexicon_it_is_given() -> None:
    line = json.dumps({"id": "y", "text": "The mayor yodeled that the bridge would reopen."})
    assert json.loads(extract_line(line))["quotes"] == []
    yodel = default_lexicon().merged(parse_lexicon("[clause]\nyodel yodels yodeled\n"))
    [quote] = json.loads(extract_line(line, lexicon=yodel))["quotes"]
    assert quote["type"] == "indirect"
    with pytest.raises(LineError, match="missing or non-string field 'text'"):
        extract_line('{"id": "x"}')


def test_dask_recipe_equals_app_extract(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    from cli.dask_recipe import extract_with_dask

    # An archive's records carry their ids (without one, only app.py extract can name
    # a record by its line); blank lines are skipped by both.
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(x for x in lines if '"id"' in x or not x.strip()), "utf-8")
    # Small blocks: several partitions, some of them holding no line start.
    written = extract_with_dask(archive, tmp_path / "out", scheduler="threads", blocksize=4000)
    assert len(written) > 3
    joined = "".join(Path(name).read_text(encoding="utf-8") for name in written)
    expected, errors, code = extracted(archive, 1)
    assert (code, errors) == (0, "")
    assert joined == expected
