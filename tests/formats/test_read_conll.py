"""Reading our own CoNLL export back: tags with attribution numbers become records again,
and export -> import -> export gives the same table."""

from __future__ import annotations

from pathlib import Path

import pytest
from read_support import read
from roundtrip_support import import_fresh
from writer_cases import HARBOUR_TEXT, harbour_items, make_document, span_of

from formats.readers import ReadOptions, sniff_format
from formats.writers import ExportFilters, write_export
from formats.writers.conll_export import HEADER
from quotes.model import Article, Attribution, QuoteType, Status

EVERY = ExportFilters.every_status(include_unreviewed=True)

# Two quotations in one sentence, and one speaker mention and cue shared by two.
SENTENCE = 'Ana said "we won" and Bo said "they lost".\nLee said "yes" and "no".'


def sentence_items() -> list:
    t = SENTENCE
    lee, said = span_of(t, "Lee"), span_of(t, "said", 2)
    records = [
        Attribution(
            fragments=(span_of(t, '"we won"'),),
            cue=span_of(t, "said"),
            speaker=span_of(t, "Ana"),
            status=Status.ACCEPTED,
        ),
        Attribution(
            fragments=(span_of(t, '"they lost"'),),
            cue=span_of(t, "said", 1),
            speaker=span_of(t, "Bo"),
            status=Status.ACCEPTED,
        ),
        Attribution(fragments=(span_of(t, '"yes"'),), cue=said, speaker=lee),
        Attribution(fragments=(span_of(t, '"no"'),), cue=said, speaker=lee),
    ]
    return [(make_document(1, t, external_id="two-in-one"), records)]


def described(article: Article) -> list[tuple[str, str | None, str | None]]:
    """(content, cue, speaker) texts of each record, in text order."""
    return [
        (
            a.content_text(article.text, " | "),
            a.cue.text_of(article.text) if a.cue else None,
            a.speaker.text_of(article.text) if a.speaker else None,
        )
        for a in article.attributions
    ]


def export(items: list, path: Path) -> Path:
    write_export(items, path, format="conll", filters=EVERY)
    return path


@pytest.mark.parametrize("items", [harbour_items(), sentence_items()], ids=["harbour", "links"])
def test_export_import_export_gives_the_same_table(tmp_path: Path, items: list) -> None:
    first = export(items, tmp_path / "first.conll")
    store, problems = import_fresh([first])
    try:
        assert problems == []
        second = export(list(store.iter_documents()), tmp_path / "second.conll")
    finally:
        store.close()
    assert second.read_bytes() == first.read_bytes()


def test_the_records_come_back_with_their_own_cue_and_speaker(tmp_path: Path) -> None:
    [article], problems, _ = read(export(sentence_items(), tmp_path / "out.conll"))
    assert problems == []
    assert article.text == SENTENCE  # single spaces and line breaks: the text itself
    assert article.external_id == "two-in-one"
    assert described(article) == [
        ('"we won"', "said", "Ana"),
        ('"they lost".', "said", "Bo"),  # the token '".' is tagged whole
        ('"yes"', "said", "Lee"),  # "B-SOURCE-3,4": one mention, two records
        ('"no".', "said", "Lee"),
    ]
    assert {a.status for a in article.attributions} == {Status.ACCEPTED}
    assert {a.type for a in article.attributions} == {QuoteType.DIRECT}
    assert article.annotated


def test_a_split_quotation_keeps_its_fragments_on_token_edges(tmp_path: Path) -> None:
    [article, library], problems, _ = read(export(harbour_items(), tmp_path / "out.conll"))
    assert problems == []
    # The gaps between tokens are spaces, paragraph breaks line breaks; offsets stay.
    assert len(article.text) == len(HARBOUR_TEXT.rstrip())
    assert article.text.split() == HARBOUR_TEXT.split()
    assert article.title == "Harbour ferry fares rise"
    mayor = article.attributions[0]
    assert [f.text_of(article.text) for f in mayor.fragments] == [
        'The old timetable cannot survive the winter,"',  # the token ',"' is tagged whole
        'and we will not pretend otherwise."',
    ]
    assert described(article)[0][1:] == ("said", "Mayor Inés Okafor")
    assert len(article.attributions) == 3
    assert (library.external_id, library.attributions) == ("lib-7", ())


def test_a_quotation_over_two_paragraphs_stays_one_fragment(tmp_path: Path) -> None:
    text = 'Ana said: "The bridge opens in May.\n"And the ferry runs until then."'
    record = Attribution(
        fragments=(span_of(text, '"The bridge opens in May.\n"And the ferry runs until then."'),),
        cue=span_of(text, "said"),
        speaker=span_of(text, "Ana"),
    )
    path = export([(make_document(1, text), [record])], tmp_path / "out.conll")
    assert "\n\n" in path.read_text(encoding="utf-8").split("# doc_id = doc-1\n")[1][:-2]
    [article], problems, _ = read(path)
    assert problems == []
    assert [f.text_of(article.text) for f in article.attributions[0].fragments] == [
        '"The bridge opens in May.\n"And the ferry runs until then."'
    ]


def test_a_file_without_the_extension_is_read_by_its_columns_line(tmp_path: Path) -> None:
    path = export(sentence_items(), tmp_path / "out.conll")
    renamed = path.rename(tmp_path / "table")
    assert sniff_format(renamed) == "conll"
    [article], problems, _ = read(renamed)
    assert problems == [] and len(article.attributions) == 4


GOOD_DOCUMENT = "# doc_id = good\nAna\t0\t3\tO\tO\tB-SOURCE-1\nwon\t4\t7\tB-CONTENT-1\tO\tO\n\n"


@pytest.mark.parametrize(
    ("bad_line", "where", "words"),
    [
        ("Ana\t0\t3\tO\tO\n", "", "expected 6 tab-separated columns, got 5"),
        ("Ana\tzero\t3\tO\tO\tO\n", " column START", "are not numbers"),
        ("Anabel\t0\t3\tO\tO\tO\n", " column START", "not as long as its offsets"),
        ("Ana\t0\t3\tB-CUE-1\tO\tO\n", " column CONTENT", "is not O, B-CONTENT-<n>"),
        ("Ana\t0\t3\tO\tB-CUE-x\tO\n", " column CUE", "is not O, B-CUE-<n>"),
        ("Ana\t0\t3\tO\tO\tSOURCE\n", " column SOURCE", "is not O, B-SOURCE-<n>"),
    ],
    ids=["columns", "offsets", "form", "content tag", "cue tag", "source tag"],
)
def test_a_bad_line_skips_its_document_alone(
    tmp_path: Path, bad_line: str, where: str, words: str
) -> None:
    path = tmp_path / "in.conll"
    path.write_text(HEADER + "# doc_id = bad\n" + bad_line + "\n" + GOOD_DOCUMENT, "utf-8")
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == ["good"]
    assert described(articles[0]) == [("won", None, "Ana")]
    [problem] = problems
    assert problem.where == f"{path}:3{where}"
    assert words in problem.reason and "document 'bad' skipped" in problem.reason


def test_offsets_going_backwards_skip_the_document(tmp_path: Path) -> None:
    path = tmp_path / "in.conll"
    path.write_text(
        HEADER + "# doc_id = bad\nwon\t4\t7\tO\tO\tO\nAna\t0\t3\tO\tO\tO\n\n" + GOOD_DOCUMENT,
        "utf-8",
    )
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == ["good"]
    assert [p.where for p in problems] == [f"{path}:4 column START"]


def test_a_record_whose_content_covers_its_cue_is_left_out_alone(tmp_path: Path) -> None:
    path = tmp_path / "in.conll"
    path.write_text(
        HEADER
        + "# doc_id = doc\n"
        + "Ana\t0\t3\tO\tO\tB-SOURCE-1\n"
        + "said\t4\t8\tB-CONTENT-2\tB-CUE-1,2\tO\n"
        + "won\t9\t12\tB-CONTENT-1\tO\tO\n\n",
        "utf-8",
    )
    [article], problems, _ = read(path)
    assert described(article) == [("won", "said", "Ana")]
    [problem] = problems
    assert problem.where == f"{path}:4"
    assert "attribution 2: 'cue' [4, 8] lies inside the content" in problem.reason


def test_a_cue_without_content_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "in.conll"
    path.write_text(HEADER + "# doc_id = doc\nsaid\t0\t4\tO\tB-CUE-1\tO\n\n", "utf-8")
    [article], problems, _ = read(path)
    assert article.attributions == ()
    assert [p.reason for p in problems] == ["attribution 1 has no CONTENT tokens; left out"]


def test_another_conll_dialect_is_refused_by_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "ner.conll"
    path.write_text("-DOCSTART- -X- O O\nEU NNP B-NP B-ORG\n", "utf-8")
    articles, problems, _ = read(path)
    assert articles == []
    assert [p.where for p in problems] == [f"{path}:1"]
    assert "not a CoNLL export of this tool" in problems[0].reason


def test_a_line_that_is_not_utf8_skips_its_document(tmp_path: Path) -> None:
    path = tmp_path / "in.conll"
    path.write_bytes(
        (HEADER + "# doc_id = bad\n").encode()
        + b"caf\xe9\t0\t4\tO\tO\tO\n\n"
        + GOOD_DOCUMENT.encode()
    )
    articles, problems, _ = read(path)
    assert [a.external_id for a in articles] == ["good"]
    assert [(p.where, p.reason) for p in problems] == [
        (f"{path}:3", "not UTF-8; document 'bad' skipped")
    ]


SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is absent")
def test_the_seed_articles_suggestions_survive_the_round_trip(tmp_path: Path) -> None:
    store, problems = import_fresh([SEED], preannotate=True)
    try:
        [(_document, records)] = list(store.iter_documents())
        for record in records:
            store.accept_attribution(record.id or 0)
        first = export(list(store.iter_documents()), tmp_path / "first.conll")
    finally:
        store.close()
    assert problems == [] and len(records) > 5
    again, problems = import_fresh([first])
    try:
        assert problems == []
        second = export(list(again.iter_documents()), tmp_path / "second.conll")
    finally:
        again.close()
    assert second.read_bytes() == first.read_bytes()


def test_whole_records_rejects_a_document_with_a_rejected_attribution(tmp_path: Path) -> None:
    # Attribution 1 loses its CONTENT tags: on its own it is left out; for an annotator's
    # version (import --annotations) the whole document is.
    out = tmp_path / "ann.conll"
    write_export(harbour_items(), out, format="conll", filters=EVERY)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = [
        line.replace("\tB-CONTENT-1\t", "\tO\t").replace("\tI-CONTENT-1\t", "\tO\t")
        for line in lines
    ]
    out.write_text("".join(broken), encoding="utf-8")

    kept, _problems, _notes = read(out)
    whole, problems, _notes = read(out, options=ReadOptions(whole_records=True))

    assert len(kept[0].attributions) == len(harbour_items()[0][1]) - 1
    assert [a.external_id for a in whole] == [kept[1].external_id]
    assert "record skipped" in problems[-1].reason
