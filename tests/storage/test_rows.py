"""The trusted bulk reader of attribution rows gives what the checked reader gives."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from quotes.model import Article, Attribution, Origin, QuoteType, Span, Status
from storage import rows
from storage.rows import ATTRIBUTION_SELECT, attribution_from_row
from storage.store import Store
from tests.storage.conftest import add_articles

TEXT = "Ana Ruiz said that the cup is ours, and Ben Cole added that it was never in doubt at all."

CASES = [
    Attribution(fragments=(Span(19, 34),)),
    Attribution(
        fragments=(Span(0, 3), Span(19, 34), Span(60, 70)),
        type=QuoteType.MIXED,
        cue=Span(9, 13),
        speaker=Span(0, 8),
        speaker_name="Ana Ruiz",
        status=Status.ACCEPTED,
        origin=Origin.IMPORT,
        confidence=0.25,
        rule="a rule",
        annotator="ben",
    ),
    Attribution(
        fragments=(Span(55, 89),),
        type=QuoteType.DIRECT,
        speaker=Span(40, 48),
        speaker_name="Ben Cole",
        status=Status.REJECTED,
        origin=Origin.HUMAN,
    ),
    Attribution(fragments=(Span(60, 70),), cue=Span(49, 54)),
]


@pytest.fixture
def filled() -> Store:
    store = Store(None, annotator="ana")
    add_articles(store, [Article(text=TEXT, attributions=tuple(CASES))], preannotate=False)
    return store


def test_the_model_has_the_fields_the_trusted_reader_fills() -> None:
    # When this fails, quotes.model changed: update rows._ATTRIBUTION_FIELDS (and the
    # builder) so that documents keep opening on the fast path.
    assert rows._TRUSTED
    assert tuple(f.name for f in fields(Attribution)) == rows._ATTRIBUTION_FIELDS


def test_attributions_for_equals_the_checked_reader_row_by_row(filled: Store) -> None:
    document_id = filled.document_summaries()[0].id
    checked = [
        attribution_from_row(row)
        for row in filled._conn.execute(
            f'{ATTRIBUTION_SELECT} WHERE a.document_id = ? ORDER BY a.start, a."end", a.id',
            (document_id,),
        )
    ]

    fast = filled.attributions_for(document_id)

    assert fast == checked
    assert len(fast) == len(CASES)
    for a, b in zip(fast, checked, strict=True):
        assert [type(v) for v in (a.type, a.status, a.origin)] == [QuoteType, Status, Origin]
        assert hash(a.fragments) == hash(b.fragments)
        assert a.spans() == b.spans()


def test_attributions_for_keeps_what_was_stored(filled: Store) -> None:
    stored = filled.attributions_for(filled.document_summaries()[0].id)
    expected = sorted(CASES, key=lambda a: (a.start, a.end))
    keys = ("fragments", "type", "cue", "speaker", "speaker_name", "status", "origin")
    assert [[getattr(a, k) for k in keys] for a in stored] == [
        [getattr(a, k) for k in keys] for a in expected
    ]
    assert all(a.id is not None and a.document_id is not None for a in stored)


def test_a_fragment_list_spelt_otherwise_is_parsed(filled: Store) -> None:
    document_id = filled.document_summaries()[0].id
    single = [a for a in filled.attributions_for(document_id) if len(a.fragments) == 1]
    first = single[0]
    # Another writer's spelling of the same single fragment (no space after the comma).
    filled._conn.execute(
        "UPDATE attributions SET fragments = ? WHERE id = ?",
        (json.dumps([first.fragments[0].as_list()], separators=(",", ":")), first.id),
    )
    assert first in filled.attributions_for(document_id)
    assert filled._conn.execute(
        "SELECT fragments FROM attributions WHERE id = ?", (first.id,)
    ).fetchone()[0] == json.dumps([first.fragments[0].as_list()], separators=(",", ":"))


def test_the_fallback_builder_gives_the_same_objects(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id = filled.document_summaries()[0].id
    fast = filled.attributions_for(document_id)
    monkeypatch.setattr(rows, "_TRUSTED", False)
    assert filled.attributions_for(document_id) == fast


def test_spans_from_pairs_equal_checked_spans() -> None:
    pairs = [(0, 3), (5, 9), (5, 10)]
    built = rows.spans_from_pairs(pairs)
    assert built == tuple(Span(s, e) for s, e in pairs)
    assert [hash(s) for s in built] == [hash(Span(s, e)) for s, e in pairs]


def test_speakers_for_still_refuses_a_stored_mention_that_is_no_span(filled: Store) -> None:
    document_id = filled.document_summaries()[0].id
    filled._conn.execute(
        "UPDATE speakers SET mentions = '[[7, 7]]' WHERE document_id = ?", (document_id,)
    )
    with pytest.raises(ValueError, match="invalid span"):
        filled.speakers_for(document_id)


@pytest.mark.parametrize(
    ("stored", "trusted"),
    [
        ("[[0, 3], [5, 9]]", True),
        ("[[0, 3], [3, 9], [12, 40]]", True),  # touching fragments are disjoint
        ("[[5, 9], [0, 3]]", False),  # out of order: the checked path refuses it
        ("[[0, 4], [3, 9]]", False),  # overlapping
        ("[[-1, 3], [5, 9]]", False),
        ("[[0, 0], [5, 9]]", False),
        ("[[0, 3.0], [5, 9]]", False),
        ("[[true, 3], [5, 9]]", False),
        ("[[0, 3, 4], [5, 9]]", False),
        ("[[0, 3]]", False),  # one fragment spelt otherwise: the checked path
        ("[]", False),
        ("not json", False),
    ],
)
def test_several_fragments_are_trusted_only_when_ordered_and_disjoint(
    stored: str, trusted: bool
) -> None:
    from storage.rows import _ordered_fragments

    found = _ordered_fragments(stored)
    assert (found is not None) is trusted
    if found is not None:
        assert found == tuple(Span(s, e) for s, e in json.loads(stored))
