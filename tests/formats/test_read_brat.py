"""brat standoff (.txt + .ann, PolNeAR's Source/Cue/Content scheme) through read_paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from read_support import outside_content, read

from formats.readers import ReadOptions
from formats.writers.brat_export import ann_lines
from quotes.model import Article, Attribution, Origin, QuoteType, Span, Status

DATA = Path(__file__).parent / "data" / "brat"
TEXT = "Ana Lopez said the bridge will open in May. Critics called it a waste.\n"


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def pair(tmp_path: Path, ann: str, text: str = TEXT, name: str = "doc") -> Path:
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    (tmp_path / f"{name}.ann").write_text(ann, encoding="utf-8")
    return tmp_path / f"{name}.txt"


def good_ann(text: str = TEXT) -> str:
    """Two attributions: Ana Lopez's (event) and the critics' (relations)."""
    source, cue, content = (
        span_of(text, "Ana Lopez"),
        span_of(text, "said"),
        span_of(text, "the bridge will open in May"),
    )
    critics, called, waste = (
        span_of(text, "Critics"),
        span_of(text, "called"),
        span_of(text, "it a waste"),
    )
    return (
        f"T1\tSource {source[0]} {source[1]}\tAna Lopez\n"
        f"T2\tCue {cue[0]} {cue[1]}\tsaid\n"
        f"T3\tContent {content[0]} {content[1]}\tthe bridge will open in May\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
        f"T4\tSource {critics[0]} {critics[1]}\tCritics\n"
        f"T5\tCue {called[0]} {called[1]}\tcalled\n"
        f"T6\tContent {waste[0]} {waste[1]}\tit a waste\n"
        "R1\tSource Arg1:T4 Arg2:T6\n"
        "R2\tCue Arg1:T5 Arg2:T6\n"
    )


def described(article: Article) -> list[tuple[str, str | None, str | None]]:
    """(content, cue, speaker) texts of each attribution, in text order."""
    return [
        (
            a.content_text(article.text, " | "),
            a.cue.text_of(article.text) if a.cue else None,
            a.speaker.text_of(article.text) if a.speaker else None,
        )
        for a in article.attributions
    ]


def test_the_fixture_pair_reads_events_relations_and_split_contents() -> None:
    [article], problems, notes = read(DATA / "council.txt")
    assert problems == [] and notes == []
    assert article.title == "Council backs new footbridge"
    assert article.external_id == "council"
    assert described(article) == [
        (
            '"This bridge will join two halves of our town," | "We have waited long enough."',
            "said",
            "the mayor, Ana Lopez",
        ),
        ("that the money should go to schools instead", "argued", "Opponents"),
        ("the cost will be four million euros", "According to", "the finance office"),
    ]
    split, relations, according = article.attributions
    assert len(split.fragments) == 2
    assert (split.type, split.status, split.speaker_name) == (
        QuoteType.DIRECT,
        Status.ACCEPTED,
        "Ana Lopez",
    )
    assert (relations.type, relations.status, relations.speaker_name) == (
        QuoteType.INDIRECT,
        Status.ACCEPTED,
        None,
    )
    assert (according.type, according.status) == (QuoteType.INDIRECT, Status.CANDIDATE)
    assert {a.origin for a in article.attributions} == {Origin.IMPORT}


def test_naming_the_ann_or_the_folder_reads_the_pair_once(tmp_path: Path) -> None:
    shutil.copy(DATA / "council.txt", tmp_path)
    shutil.copy(DATA / "council.ann", tmp_path)
    for paths in [
        (tmp_path / "council.ann",),
        (tmp_path,),
        (tmp_path / "council.txt", tmp_path / "council.ann", tmp_path),
    ]:
        articles, problems, _ = read(*paths)
        assert [len(a.attributions) for a in articles] == [3]
        assert problems == []


def test_an_ann_without_its_txt_is_reported(tmp_path: Path) -> None:
    (tmp_path / "lonely.ann").write_text(good_ann(), encoding="utf-8")
    for paths in [(tmp_path / "lonely.ann",), (tmp_path,)]:
        articles, problems, _ = read(*paths)
        assert articles == []
        assert [p.where for p in problems] == [str(tmp_path / "lonely.ann")]
        assert "lonely.txt is missing" in problems[0].reason


def test_without_annotations_the_text_alone_is_read(tmp_path: Path) -> None:
    [article], _, _ = read(pair(tmp_path, good_ann()), options=ReadOptions(with_annotations=False))
    assert article.text == TEXT
    assert article.attributions == ()


def test_crlf_text_offsets_count_the_stored_carriage_returns(tmp_path: Path) -> None:
    stored = "Headline\r\n\r\n" + TEXT.replace("\n", "\r\n") + "Last line\r\n"
    [article], problems, _ = read(pair(tmp_path, good_ann(stored), text=stored))
    assert problems == []
    assert article.text == stored.replace("\r\n", "\n")
    assert described(article) == [
        ("the bridge will open in May", "said", "Ana Lopez"),
        ("it a waste", "called", "Critics"),
    ]


def test_a_span_across_a_crlf_keeps_its_line_break(tmp_path: Path) -> None:
    stored = 'She said "one\r\ntwo" today.\r\n'
    content = span_of(stored, '"one\r\ntwo"')
    ann = f'T1\tContent {content[0]} {content[1]}\t"one two"\n'
    [article], problems, _ = read(pair(tmp_path, ann, text=stored))
    assert problems == []
    assert described(article) == [('"one\ntwo"', None, None)]
    assert article.attributions[0].type is QuoteType.DIRECT


def test_a_legacy_encoded_txt_is_decoded_and_noted(tmp_path: Path) -> None:
    text = "Ana Lopez said the café will open in May. Critics called it a waste.\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("cp1252"))
    content = span_of(text, "the café will open in May")
    (tmp_path / "doc.ann").write_text(
        f"T1\tContent {content[0]} {content[1]}\tthe café will open in May\n", encoding="utf-8"
    )
    [article], problems, notes = read(path)
    assert problems == []
    assert notes == [f"{path}: decoded as cp1252"]
    assert described(article) == [("the café will open in May", None, None)]


@pytest.mark.parametrize(
    ("extra", "words", "line"),
    [
        ("T7\tContent 60 900\tfar away\nE2\tAttribution:T7 Content:T7\n", "outside the text", 10),
        ("T7\tContent 0 9\tBob Smith\nE2\tAttribution:T7 Content:T7\n", "text at its offsets", 10),
        (
            "T7\tContent 0 9;4 14\tAna Lopez Lopez said\nE2\tAttribution:T7 Content:T7\n",
            "disjoint",
            11,
        ),
        (
            "T7\tContent 0 9\tAna Lopez\nE2\tAttribution:T7 Content:T7\nA9\tStatus E2 maybe\n",
            "unknown Status",
            11,
        ),
        (
            "T7\tContent 0 9\tAna Lopez\nE2\tAttribution:T7 Content:T7\nA9\tType E2 rumour\n",
            "unknown Type",
            11,
        ),
        ("E2\tAttribution:T2 Content:T99\n", "not defined", 10),
        ("E2\tAttribution:T2 Source:T1\n", "no Content", 10),
        ("T7\tContent 12\n", "malformed", 10),
        ("T7\tContent twelve 15\ttext\n", "malformed", 10),
        ("Q1\tsomething\n", "unknown kind", 10),
        (
            "T7\tContent 0 42\tAna Lopez said the bridge will open in May\n"
            "E2\tAttribution:T7 Source:T1 Cue:T2 Content:T7\n",
            "E2: 'cue' [10, 14] lies inside the content",
            11,
        ),
    ],
    ids=[
        "outside",
        "mismatch",
        "overlap",
        "status",
        "type",
        "undefined",
        "no content",
        "truncated line",
        "not a number",
        "unknown line",
        "covers its own cue",
    ],
)
def test_a_bad_annotation_is_rejected_alone(
    tmp_path: Path, extra: str, words: str, line: int
) -> None:
    [article], problems, _ = read(pair(tmp_path, good_ann() + extra))
    assert len(article.attributions) == 2  # good_ann's two, on its nine lines
    assert problems, "the bad annotation must be reported"
    assert all(p.where.startswith(f"{tmp_path / 'doc.ann'}:") for p in problems)
    [reported] = [p for p in problems if words in p.reason]
    assert reported.where == f"{tmp_path / 'doc.ann'}:{line}"


def test_a_binary_or_empty_ann_is_handled(tmp_path: Path) -> None:
    text_path = pair(tmp_path, "")
    [article], problems, _ = read(text_path)
    assert article.attributions == () and problems == []
    # An unusable .ann refuses the pair: imported bare, the text would be
    # pre-annotated as if new and the mended pair later skipped as a duplicate.
    (tmp_path / "doc.ann").write_bytes(b"\x00\x01\x02\x03binary")
    articles, problems, _ = read(text_path)
    assert articles == []
    assert [p.where for p in problems] == [str(tmp_path / "doc.ann"), str(text_path)]
    assert "binary" in problems[0].reason
    assert "not imported" in problems[1].reason


def test_a_binary_txt_beside_an_ann_is_refused(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "doc.ann").write_text(good_ann(), encoding="utf-8")
    articles, problems, _ = read(tmp_path)
    assert articles == []
    assert [p.where for p in problems] == [str(tmp_path / "doc.txt")]


def test_what_the_brat_writer_writes_reads_back_unchanged(tmp_path: Path) -> None:
    text = 'Mayor Ines Okafor said "the old timetable," she added, "was a mess." Critics agreed.\n'
    attributions = (
        Attribution(
            fragments=(
                Span(*span_of(text, '"the old timetable,"')),
                Span(*span_of(text, '"was a mess."')),
            ),
            type=QuoteType.DIRECT,
            cue=Span(*span_of(text, "said")),
            speaker=Span(*span_of(text, "Mayor Ines Okafor")),
            speaker_name="Ines Okafor",
            status=Status.ACCEPTED,
            origin=Origin.IMPORT,
            annotator="ana",
        ),
        Attribution(
            fragments=(Span(*span_of(text, "Critics agreed")),),
            type=QuoteType.INDIRECT,
            status=Status.REJECTED,
            origin=Origin.IMPORT,
        ),
    )
    ann = "".join(ann_lines(text, attributions))
    [article], problems, _ = read(pair(tmp_path, ann, text=text))
    assert problems == []
    assert article.text == text
    assert article.attributions == attributions


def polnear_ann(text: str) -> str:
    """PolNeAR's shape: an ``Attribution`` trigger on the cue, and a sourceless event."""
    source, cue, content = (
        span_of(text, "Ana Lopez"),
        span_of(text, "said"),
        span_of(text, "the bridge will open in May"),
    )
    called, waste = span_of(text, "called"), span_of(text, "it a waste")
    return (
        f"T1\tSource {source[0]} {source[1]}\tAna Lopez\n"
        f"T2\tCue {cue[0]} {cue[1]}\tsaid\n"
        f"T3\tContent {content[0]} {content[1]}\tthe bridge will open in May\n"
        f"T4\tAttribution {cue[0]} {cue[1]}\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        f"T5\tCue {called[0]} {called[1]}\tcalled\n"
        f"T6\tContent {waste[0]} {waste[1]}\tit a waste\n"
        f"T7\tAttribution-no-source {called[0]} {called[1]}\tcalled\n"
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
    )


def test_polnears_folder_layout_pairs_annotations_with_their_texts(tmp_path: Path) -> None:
    split = tmp_path / "data" / "dev"
    for folder in ("text", "attributions", "corenlp"):
        (split / folder).mkdir(parents=True)
    (split / "text" / "bridge.txt").write_text(TEXT, encoding="utf-8")
    (split / "text" / "unannotated.txt").write_text("Plain title\nNo one spoke.\n", "utf-8")
    for annotator in ("4b22", "ef2d"):
        (split / "attributions" / f"bridge_{annotator}.ann").write_text(
            polnear_ann(TEXT), encoding="utf-8"
        )
    (split / "corenlp" / "bridge.xml").write_text("<root/>", encoding="utf-8")
    articles, problems, notes = read(tmp_path / "data")
    assert problems == []
    assert [(a.title, {at.annotator for at in a.attributions}) for a in articles] == [
        ("Ana Lopez said the bridge will open in May. Critics called it a waste.", {"4b22"}),
        ("Ana Lopez said the bridge will open in May. Critics called it a waste.", {"ef2d"}),
        ("Plain title", set()),
    ]
    assert described(articles[0]) == [
        ("the bridge will open in May", "said", "Ana Lopez"),
        ("it a waste", "called", None),
    ]
    assert notes == [f"{tmp_path / 'data'}: skipped 1 file(s) of other types (bridge.xml)"]


# Random articles and attributions written by formats.writers' brat writer must read
# back unchanged. Texts exclude what no .txt file can carry as text: \r (normalised),
# NUL (a binary file) and a leading U+FEFF (a byte-order mark).
_texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00\ufeff"),
    min_size=1,
    max_size=60,
).filter(str.strip)
_names = st.text(st.characters(whitelist_categories=("L", "Nd")), min_size=1, max_size=12)


@st.composite
def _annotated(draw: st.DrawFn) -> tuple[str, list[Attribution]]:
    text = draw(_texts)
    size = len(text)

    def span() -> Span:
        start = draw(st.integers(0, size - 1))
        return Span(start, draw(st.integers(start + 1, size)))

    attributions = []
    for _ in range(draw(st.integers(0, 4))):
        bounds = sorted(draw(st.sets(st.integers(0, size), min_size=2, max_size=6)))
        fragments = tuple(Span(*bounds[i : i + 2]) for i in range(0, len(bounds) - 1, 2))
        attributions.append(
            Attribution(
                fragments=fragments,
                type=draw(st.sampled_from(QuoteType)),
                # Content may not cover its own cue or source (the reader refuses it).
                cue=outside_content(draw(st.none() | st.builds(span)), fragments),
                speaker=outside_content(draw(st.none() | st.builds(span)), fragments),
                speaker_name=draw(st.none() | _names),
                status=draw(st.sampled_from(Status)),
                origin=Origin.IMPORT,
                annotator=draw(st.none() | _names),
            )
        )
    return text, attributions


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=_annotated())
def test_random_attributions_survive_the_brat_writer_and_reader(
    tmp_path: Path, case: tuple[str, list[Attribution]]
) -> None:
    text, attributions = case
    (tmp_path / "doc.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "doc.ann").write_bytes("".join(ann_lines(text, attributions)).encode("utf-8"))
    [article], problems, _ = read(tmp_path / "doc.txt")
    assert problems == []
    assert article.text == text
    assert sorted(article.attributions, key=repr) == sorted(attributions, key=repr)


def test_whole_records_rejects_a_pair_with_a_rejected_attribution(tmp_path: Path) -> None:
    # An annotator's version must not lose a quotation: with whole_records the pair
    # goes, named by its .ann; without it the good attribution is kept as always.
    broken = good_ann() + "T7\tContent 5 9000\tnowhere\nR3\tSource Arg1:T4 Arg2:T7\n"
    path = pair(tmp_path, broken)

    kept, _problems, _notes = read(path)
    whole, problems, _notes = read(path, options=ReadOptions(whole_records=True))

    assert len(kept) == 1 and kept[0].attributions
    assert whole == []
    assert problems[-1].where == str(tmp_path / "doc.ann")
    assert "record skipped" in problems[-1].reason
