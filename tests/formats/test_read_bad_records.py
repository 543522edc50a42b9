"""One bad record costs that record alone (issue 16): it is rejected with its file,
line and field, the good records of the same file are read, and nothing that
the store cannot hold (a lone surrogate, a NUL, non-strict JSON metadata) is
yielded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from read_support import read

from formats.readers.record_checks import unstorable_field, unstorable_text
from jobs.importing import import_articles
from storage.store import Store

GOOD = json.dumps({"id": "good", "text": "The mayor said the bridge opens in May."})
GOOD_TOO = json.dumps({"id": "good2", "text": "Critics called it a waste, she said."})


def jsonl(tmp_path: Path, bad_line: bytes | str) -> Path:
    bad = bad_line.encode() if isinstance(bad_line, str) else bad_line
    path = tmp_path / "in.jsonl"
    path.write_bytes(GOOD.encode() + b"\n" + bad + b"\n" + GOOD_TOO.encode() + b"\n")
    return path


@pytest.mark.parametrize(
    ("bad_line", "field", "words"),
    [
        ('{"text": "lone \\ud800 x"}', "field 'text'", "lone surrogate"),
        ('{"text": "ok", "title": "t\\udc80"}', "field 'title'", "lone surrogate"),
        ('{"text": "a NUL \\u0000 escaped"}', "field 'text'", "NUL"),
        (b'{"text": "a raw NUL \x00 byte"}', "", "invalid JSON"),
        ("[" * 100_000, "", "nested too deeply"),
        ('{"text": "deep", "meta": ' + "[" * 5000 + "]" * 5000 + "}", "", "nested"),
        ('{"text": "x", "meta": {"score": NaN}}', "field 'meta'", "NaN"),
        ('{"text": "x", "n": ' + "9" * 5000 + "}", "", "invalid JSON"),
        ('{"text": "x", "meta": {"k\\u0000": 1}}', "field 'meta'", "NUL"),
    ],
    ids=[
        "surrogate-text",
        "surrogate-title",
        "nul-escape",
        "nul-byte",
        "deep-array",
        "deep-meta",
        "nan-meta",
        "huge-int",
        "nul-key",
    ],
)
def test_a_bad_jsonl_line_is_rejected_alone_with_its_line(
    tmp_path: Path, bad_line: bytes | str, field: str, words: str
) -> None:
    path = jsonl(tmp_path, bad_line)
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == ["good", "good2"]
    [problem] = problems
    assert problem.where == f"{path}:2" + (f" {field}" if field else "")
    assert words in problem.reason


def test_a_record_nested_too_deeply_is_named_by_the_start_of_its_path(tmp_path: Path) -> None:
    deep = '{"text": "deep", "meta": ' + '{"a": ' * 500 + "1" + "}" * 500 + "}"
    articles, problems, _ = read(jsonl(tmp_path, deep))
    assert [a.external_id for a in articles] == ["good", "good2"]
    [problem] = problems
    assert problem.where.startswith(f"{tmp_path / 'in.jsonl'}:2 field 'meta.a.a.")
    assert len(problem.where) < len(str(tmp_path)) + 100
    assert "nested more than 200 levels deep" in problem.reason


def test_a_json_array_with_a_surrogate_keeps_its_other_records(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(f'[{GOOD},\n{{"text": "bad \\ud83d"}},\n{GOOD_TOO}]', encoding="utf-8")
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == ["good", "good2"]
    assert [p.where for p in problems] == [f"{path}:2 field 'text'"]


def test_a_deeply_nested_json_file_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    articles, problems, _ = read(path)
    assert articles == []
    assert problems and all(p.where.startswith(f"{path}:") for p in problems)


def test_the_store_imports_the_good_lines_beside_the_bad_ones(tmp_path: Path) -> None:
    """End to end: nothing the reader yields makes the store raise or roll back."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b"\n".join(
            [
                GOOD.encode(),
                b'{"text": "lone \\ud800 x"}',
                b'{"text": "nul \\u0000 escaped"}',
                b'{"text": "meta", "meta": {"x": NaN}}',
                b"[" * 50_000,
                GOOD_TOO.encode(),
            ]
        )
    )
    from formats.readers import read_paths

    problems: list = []
    store = Store(None)
    report = import_articles(store, read_paths([path], problems=problems), preannotate=False)
    assert report.imported == 2 and not report.problems
    assert [p.where.split(" ")[0] for p in problems] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    store.close()


def test_a_nul_byte_in_an_ann_costs_its_line_alone(tmp_path: Path) -> None:
    text = "Ana said the bridge opens. Bo said it rains.\n"
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    first, second = text.index("the bridge opens"), text.index("it rains")
    ann = (
        f"T1\tContent {first} {first + 16}\tthe bridge opens\n"
        f"T2\tContent {second} {second + 8}\tit\x00 rains\n"
    )
    (tmp_path / "doc.ann").write_text(ann, encoding="utf-8")
    [article], problems, _ = read(tmp_path / "doc.txt")
    assert [a.start for a in article.attributions] == [first]
    assert article.annotated
    assert [p.where for p in problems] == [f"{tmp_path / 'doc.ann'}:2"]
    assert "NUL" in problems[0].reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"a": ["ok", {"b": "x\x00"}]}, ("a[1].b", "NUL")),
        ({"q": [1, 2, "\udfff"]}, ("q[2]", "surrogate")),
        ({"fine": ["text", 1, None, 2.5]}, None),
    ],
)
def test_unstorable_field_names_the_path_of_the_bad_string(
    value: object, expected: tuple[str, str] | None
) -> None:
    found = unstorable_field(value)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found[0] == expected[0] and expected[1] in found[1]


def test_unstorable_text_accepts_every_other_character() -> None:
    assert unstorable_text("tab\t, bell\x07, emoji \U0001f600, rtl \u202e") is None
