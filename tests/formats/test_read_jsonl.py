"""JSON Lines in the export schema through formats.readers.read_paths."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from read_support import assert_refused, read

from formats.readers import ReadOptions, read_paths
from quotes.model import Attribution, Origin, Problem, QuoteType, Span, Status

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "dev.jsonl"

TEXT = 'The mayor said "we will build it" on Tuesday.'
SAID = [TEXT.index("said"), TEXT.index("said") + 4]
MAYOR = [TEXT.index("The mayor"), TEXT.index("The mayor") + 9]
QUOTED = [TEXT.index('"we'), TEXT.index('it"') + 3]


def quote(**changes: Any) -> dict[str, Any]:
    record = {
        "start": QUOTED[0],
        "end": QUOTED[1],
        "fragments": [QUOTED],
        "type": "direct",
        "cue": SAID,
        "speaker": MAYOR,
        "speaker_name": "Ana Lopez",
        "status": "accepted",
        "annotator": "kim",
    }
    record.update(changes)
    return record


def line(**changes: Any) -> str:
    record = {"id": "a1", "title": "Bridge", "source": "Daily", "text": TEXT, "quotes": [quote()]}
    record.update(changes)
    return json.dumps(record, ensure_ascii=False)


def write_lines(tmp_path: Path, *lines: str, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_line_becomes_an_article_with_its_imported_quotes(tmp_path: Path) -> None:
    [article], problems, _ = read(write_lines(tmp_path, line()))
    assert problems == []
    assert (article.external_id, article.title, article.source, article.text) == (
        "a1",
        "Bridge",
        "Daily",
        TEXT,
    )
    assert article.attributions == (
        Attribution(
            fragments=(Span(*QUOTED),),
            type=QuoteType.DIRECT,
            cue=Span(*SAID),
            speaker=Span(*MAYOR),
            speaker_name="Ana Lopez",
            status=Status.ACCEPTED,
            origin=Origin.IMPORT,
            annotator="kim",
        ),
    )


def test_without_annotations_only_the_texts_are_read(tmp_path: Path) -> None:
    [article], _, _ = read(
        write_lines(tmp_path, line()), options=ReadOptions(with_annotations=False)
    )
    assert article.attributions == ()


def test_an_invalid_json_line_is_reported_by_number_and_the_others_read(tmp_path: Path) -> None:
    path = write_lines(tmp_path, line(id="1"), '{"id": "2", "text": ', "", line(id="4"))
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == ["1", "4"]
    assert [p.where for p in problems] == [f"{path}:2"]
    assert "invalid JSON" in problems[0].reason


def test_a_truncated_file_keeps_the_complete_lines(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    whole = (line(id="1") + "\n" + line(id="2")).encode("utf-8")
    path.write_bytes(whole[: len(whole) - 30])
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == ["1"]
    assert [p.where for p in problems] == [f"{path}:2"]


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ('["a", "list"]', "JSON object"),
        ('{"id": "x"}', "'text'"),
        ('{"text": 12}', "'text'"),
        ('{"text": "   "}', "empty"),
    ],
    ids=["not an object", "no text", "text not a string", "blank text"],
)
def test_a_line_that_is_no_article_is_reported(tmp_path: Path, bad: str, words: str) -> None:
    path = write_lines(tmp_path, bad, line(id="ok"))
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == ["ok"]
    assert len(problems) == 1
    assert problems[0].where.startswith(f"{path}:1")
    assert words in problems[0].reason


@pytest.mark.parametrize(
    ("bad_quote", "words"),
    [
        (quote(start=0, end=500, fragments=[[0, 500]]), "outside the text"),
        (quote(fragments=[[0, 10], [5, 20]]), "disjoint"),
        (quote(status="maybe"), "unknown 'status'"),
        (quote(type="sarcastic"), "unknown 'type'"),
        (quote(cue=[40, 400]), "'cue'"),
        (quote(speaker="the mayor"), "'speaker'"),
        (quote(fragments=[[5, 2]]), "invalid span"),
        ("not a quote", "object"),
    ],
    ids=["outside", "overlapping", "status", "type", "cue outside", "speaker", "reversed", "str"],
)
def test_an_invalid_quote_is_rejected_alone(tmp_path: Path, bad_quote: Any, words: str) -> None:
    path = write_lines(tmp_path, line(id="x"), line(quotes=[quote(), bad_quote, quote()]))
    articles, problems, _ = read(path)
    assert [len(a.attributions) for a in articles] == [1, 2]
    assert [p.where for p in problems] == [f"{path}:2 field 'quotes[1]'"]
    assert words in problems[0].reason


def test_quotes_that_are_not_a_list_are_reported_and_the_text_kept(tmp_path: Path) -> None:
    path = write_lines(tmp_path, line(quotes={"start": 1}))
    [article], problems, _ = read(path)
    assert article.attributions == ()
    assert [p.where for p in problems] == [f"{path}:1 field 'quotes'"]


def test_gold_style_content_fragments_and_meta_title_are_read(tmp_path: Path) -> None:
    record = {
        "id": "g1",
        "text": TEXT,
        "meta": {"title": "From meta"},
        "quotes": [{"start": QUOTED[0], "end": QUOTED[1], "content_fragments": [QUOTED]}],
    }
    [article], problems, _ = read(write_lines(tmp_path, json.dumps(record)))
    assert problems == []
    assert article.title == "From meta"
    assert article.meta == {"title": "From meta"}
    assert article.attributions[0].fragments == (Span(*QUOTED),)
    assert article.attributions[0].status is Status.CANDIDATE


def test_crlf_in_a_text_is_normalised_and_offsets_follow(tmp_path: Path) -> None:
    text = 'Headline\r\n\r\nThe mayor said "we will\r\nbuild it" on Tuesday.'
    start = text.index('"we')
    end = text.index('it"') + 3
    said = text.index("said")
    record = {
        "text": text,
        "quotes": [
            {"start": start, "end": end, "fragments": [[start, end]], "cue": [said, said + 4]}
        ],
    }
    path = write_lines(tmp_path, json.dumps(record))
    [article], problems, notes = read(path)
    assert problems == []
    assert article.text == text.replace("\r\n", "\n")
    [attribution] = article.attributions
    assert attribution.content_text(article.text) == '"we will\nbuild it"'
    assert attribution.cue.text_of(article.text) == "said"
    assert notes == [f"{path}: line endings in texts normalised to \\n, offsets adjusted"]


@pytest.mark.parametrize(
    ("encode", "note"),
    [
        (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), None),
        (lambda s: s.encode("utf-16"), "utf-16"),
        (lambda s: s.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8 BOM", "utf-16", "cp1252"],
)
def test_encodings_are_decoded_and_noted(tmp_path: Path, encode: Any, note: str | None) -> None:
    content = "\n".join(line(id=str(n), title="Café «Été» n°" + str(n)) for n in range(3)) + "\n"
    path = tmp_path / "enc.jsonl"
    path.write_bytes(encode(content))
    articles, problems, notes = read(path)
    assert problems == []
    assert [a.title for a in articles] == [f"Café «Été» n°{n}" for n in range(3)]
    assert notes == ([f"{path}: decoded as {note}"] if note else [])


def test_a_line_with_bytes_that_are_not_utf8_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        (line(id="1", title="Été à Genève") + "\n").encode("utf-8")
        + line(id="2", title="Caf\xe9").encode("latin-1")
        + ("\n" + line(id="3", title="Noël") + "\n").encode("utf-8")
    )
    articles, problems, _ = read(path)
    assert [a.title for a in articles] == ["Été à Genève", "Noël"]
    assert [p.where for p in problems] == [f"{path}:2"]
    assert "utf-8" in problems[0].reason


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "empty"), (b"\x00\x01\x02{}\n" * 10, "binary")],
    ids=["empty", "binary"],
)
def test_empty_and_binary_files_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    assert_refused(path, words)


def test_a_json_file_may_hold_an_array_or_one_object_or_lines(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text(
        f'[\n  {line(id="1")},\n  {{"id": "2"}},\n\n  {line(id="3")}\n]\n', encoding="utf-8"
    )
    single = tmp_path / "single.json"
    single.write_text(json.dumps(json.loads(line(id="s")), indent=2), encoding="utf-8")
    lines = write_lines(tmp_path, line(id="l1"), line(id="l2"), name="lines.json")
    articles, problems, _ = read(array)
    assert [a.external_id for a in articles] == ["1", "3"]
    assert [p.where for p in problems] == [f"{array}:3"]
    assert [a.external_id for a in read(single)[0]] == ["s"]
    assert [a.external_id for a in read(lines)[0]] == ["l1", "l2"]


@pytest.mark.parametrize(
    ("content", "kept", "line_reported"),
    [
        ('[\n{ok1},\n{ok2},\n{"text": "cut', ["1", "2"], 4),
        ("[\n{ok1}\n{ok2}\n]", ["1"], 3),
        ("[]", [], None),
    ],
    ids=["truncated", "missing comma", "empty array"],
)
def test_a_broken_json_array_keeps_the_records_before_the_break(
    tmp_path: Path, content: str, kept: list[str], line_reported: int | None
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(
        content.replace("{ok1}", line(id="1")).replace("{ok2}", line(id="2")), encoding="utf-8"
    )
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == kept
    assert [p.where for p in problems] == ([f"{path}:{line_reported}"] if line_reported else [])


# Random valid records: texts of any characters (but \r, which the reader
# normalises, and NUL, which no record may hold), and quotes whose fragments
# are ordered and disjoint.
_texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"),
    min_size=1,
    max_size=80,
).filter(str.strip)
_strings = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def outside(pair: list[int] | None, fragments: list[list[int]]) -> list[int] | None:
    """``pair``, or None where it overlaps a fragment."""
    if pair is None or any(pair[0] < end and start < pair[1] for start, end in fragments):
        return None
    return pair


@st.composite
def _records(draw: st.DrawFn) -> tuple[dict[str, Any], list[Attribution]]:
    text = draw(_texts)
    size = len(text)

    def span() -> list[int]:
        start = draw(st.integers(0, size - 1))
        return [start, draw(st.integers(start + 1, size))]

    quotes: list[dict[str, Any]] = []
    expected: list[Attribution] = []
    for _ in range(draw(st.integers(0, 4))):
        bounds = sorted(draw(st.sets(st.integers(0, size), min_size=2, max_size=6)))
        fragments = [bounds[i : i + 2] for i in range(0, len(bounds) - 1, 2)]
        # Content may not cover its own cue or speaker mention (the reader refuses it).
        cue = outside(draw(st.none() | st.builds(span)), fragments)
        speaker = outside(draw(st.none() | st.builds(span)), fragments)
        quote_type = draw(st.sampled_from(QuoteType))
        status = draw(st.sampled_from(Status))
        name = draw(st.none() | st.text(_strings, max_size=20))
        annotator = draw(st.none() | st.text(_strings, min_size=1, max_size=10))
        quotes.append(
            {
                "start": fragments[0][0],
                "end": fragments[-1][1],
                "fragments": fragments,
                "type": quote_type.value,
                "cue": cue,
                "speaker": speaker,
                "speaker_name": name,
                "status": status.value,
                "annotator": annotator,
            }
        )
        expected.append(
            Attribution(
                fragments=tuple(Span(*f) for f in fragments),
                type=quote_type,
                cue=Span.from_pair(cue),
                speaker=Span.from_pair(speaker),
                speaker_name=name,
                status=status,
                origin=Origin.IMPORT,
                annotator=annotator,
            )
        )
    record = {
        "id": draw(st.text(_strings, min_size=1, max_size=12)),
        "title": draw(st.text(_strings, max_size=30)),
        "source": draw(st.text(_strings, max_size=30)),
        "text": text,
        "quotes": quotes,
    }
    return record, expected


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.lists(_records(), min_size=1, max_size=5), ascii_only=st.booleans())
def test_random_valid_records_survive_jsonl_parsing(
    tmp_path: Path, records: list[tuple[dict[str, Any], list[Attribution]]], ascii_only: bool
) -> None:
    path = tmp_path / "random.jsonl"
    path.write_text(
        "".join(json.dumps(record, ensure_ascii=ascii_only) + "\n" for record, _ in records),
        encoding="utf-8",
    )
    articles, problems, _ = read(path)
    assert problems == []
    assert len(articles) == len(records)
    for article, (record, expected) in zip(articles, records, strict=True):
        assert article.text == record["text"]
        assert article.title == record["title"]
        assert article.source == record["source"]
        assert article.external_id == record["id"]
        assert list(article.attributions) == expected


@pytest.mark.gold
@pytest.mark.skipif(not GOLD.is_file(), reason="../shared/gold is absent")
def test_the_gold_file_reads_fully_without_problems() -> None:
    problems: list[Problem] = []
    articles = 0
    attributions = 0
    expected_lines = 0
    with open(GOLD, encoding="utf-8") as gold:
        expected = [json.loads(text) for text in gold if text.strip()]
        expected_lines = len(expected)
    for article, record in zip(read_paths([GOLD], problems=problems), expected, strict=True):
        articles += 1
        attributions += len(article.attributions)
        assert article.text == record["text"]
        assert len(article.attributions) == len(record["quotes"])
    assert problems == []
    assert articles == expected_lines
    assert attributions == sum(len(record["quotes"]) for record in expected)


@pytest.mark.parametrize(
    ("bad_quote", "words"),
    [
        (quote(cue_text="says"), "'cue_text' says 'says' but the text at 'cue' is 'said'"),
        (quote(speaker_text="Ana Lopez"), "'speaker_text' says 'Ana Lopez'"),
        (quote(content_text="we will"), "'content_text' says 'we will'"),
        (
            quote(start=SAID[0], fragments=[[SAID[0], QUOTED[1]]]),
            f"'cue' [{SAID[0]}, {SAID[1]}] lies inside the content",
        ),
        (
            quote(start=0, fragments=[[0, QUOTED[1]]], cue=None),
            "'speaker' [0, 9] lies inside the content",
        ),
    ],
    ids=["cue text", "speaker text", "content text", "covers its cue", "covers its speaker"],
)
def test_a_quote_that_does_not_fit_its_text_is_rejected_alone(
    tmp_path: Path, bad_quote: dict[str, Any], words: str
) -> None:
    good = quote(cue_text="said", speaker_text="The mayor", content_text='"we will build it"')
    path = write_lines(tmp_path, line(quotes=[good, bad_quote, quote(annotator="lee")]))
    [article], problems, _ = read(path)
    assert [a.annotator for a in article.attributions] == ["kim", "lee"]
    [problem] = problems
    assert problem.where == f"{path}:1 field 'quotes[1]'"
    assert words in problem.reason


def test_a_line_whose_quotes_are_all_invalid_still_counts_as_annotated(tmp_path: Path) -> None:
    path = tmp_path / "bad-quotes.jsonl"
    path.write_text(json.dumps({"text": TEXT, "quotes": [quote(status="maybe")]}) + "\n")
    problems: list[Problem] = []
    [article] = read_paths([path], problems=problems)
    assert article.attributions == ()
    assert article.annotated
    assert "status" in problems[0].reason


def test_a_line_without_quotes_is_not_annotated(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"text": TEXT}) + "\n")
    [article] = read_paths([path], problems=[])
    assert not article.annotated


def test_whole_records_rejects_a_line_with_a_rejected_quote(tmp_path: Path) -> None:
    text = "Ana said the bridge will open."
    good = {"start": 9, "end": 29, "type": "indirect"}
    lines = [
        {"id": "a", "text": text, "quotes": [good, {"start": 5, "end": 500}]},
        {"id": "b", "text": text + " Again.", "quotes": [good]},
    ]
    path = tmp_path / "ann.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    kept, _problems, _notes = read(path)
    whole, problems, _notes = read(path, options=ReadOptions(whole_records=True))

    assert [a.external_id for a in kept] == ["a", "b"]
    assert [a.external_id for a in whole] == ["b"]
    assert problems[-1].where == f"{path}:1"
    assert "record skipped: 1 of its annotations" in problems[-1].reason
