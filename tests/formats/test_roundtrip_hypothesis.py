"""Property: random valid records survive the JSONL and brat round trips unchanged.

Each example builds documents with random texts (non-ASCII, tabs, line breaks) and
random valid attributions (split contents, optional cue and speaker outside the
content, every type and status), exports them, imports the export into a fresh
workspace with the real readers, and checks that the workspace holds exactly the
same attributions and that a second export is byte-identical to the first.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from read_support import outside_content
from roundtrip_support import folder_bytes, import_fresh
from writer_cases import make_document

from formats.writers import ExportFilters, write_export
from quotes.model import Attribution, DocumentStatus, QuoteType, Span, Status

# Texts as an import would leave them: no \r (line endings are normalised), no NUL,
# no byte-order mark; at least one visible character (blank files are refused).
_PIECES = st.one_of(
    # Whole pieces, not characters: hypothesis would merge character strategies into
    # one uniform alphabet where the awkward characters below almost never appear.
    st.sampled_from(["said", " ", "\n", "\n\n", "\t", "“", "”", '"', "é", "\u2028", "\x85", "😀"]),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
        min_size=1,
        max_size=4,
    ),
)
_texts = st.lists(_PIECES, min_size=1, max_size=30).map("".join).filter(lambda t: t.strip())
# Names as the workspace keeps them: single spaces, no line breaks.
_names = (
    st.text(
        st.characters(whitelist_categories=("L", "N", "Zs", "Pd", "Po")), min_size=1, max_size=20
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and not s.startswith("annotator:"))
)


@st.composite
def _span(draw: st.DrawFn, length: int) -> Span:
    start = draw(st.integers(0, length - 1))
    return Span(start, draw(st.integers(start + 1, length)))


@st.composite
def _attribution(draw: st.DrawFn, length: int) -> Attribution:
    pieces = draw(st.integers(1, min(3, max(1, length // 2))))
    points = draw(
        st.lists(st.integers(0, length), min_size=2 * pieces, max_size=2 * pieces, unique=True).map(
            sorted
        )
    )
    fragments = tuple(Span(points[i], points[i + 1]) for i in range(0, len(points), 2))
    return Attribution(
        fragments=fragments,
        type=draw(st.sampled_from(QuoteType)),
        cue=outside_content(draw(st.none() | _span(length)), fragments),
        speaker=outside_content(draw(st.none() | _span(length)), fragments),
        speaker_name=draw(st.none() | _names),
        status=draw(st.sampled_from(Status)),
        annotator=draw(st.none() | _names),
    )


@st.composite
def _workspaces(draw: st.DrawFn) -> list:
    texts = draw(
        st.lists(_texts.filter(lambda t: len(t) >= 2), min_size=1, max_size=4, unique=True)
    )
    return [
        (
            make_document(number, text, title=f"Title {number}", status=DocumentStatus.NEW),
            draw(st.lists(_attribution(len(text)), min_size=1, max_size=4)),
        )
        for number, text in enumerate(texts, start=1)
    ]


def _facts(attribution: Attribution) -> tuple:
    """What an attribution means, without store-assigned ids and origin."""
    return (
        attribution.fragments,
        attribution.type,
        attribution.cue,
        attribution.speaker,
        attribution.speaker_name,
        attribution.status,
        attribution.annotator,
    )


def _check_round_trip(items: list, format: str) -> None:
    every = ExportFilters.every_status(include_unreviewed=True)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        first, second = folder / f"first.{format}", folder / f"second.{format}"
        write_export(items, first, format=format, filters=every)
        store, problems = import_fresh([first])
        try:
            assert problems == []
            stored = list(store.iter_documents())
            assert [d.text for d, _ in stored] == [d.text for d, _ in items]
            for (_, before), (_, after) in zip(items, stored, strict=True):
                assert sorted(map(_facts, after), key=repr) == sorted(map(_facts, before), key=repr)
            write_export(stored, second, format=format, filters=every)
        finally:
            store.close()
        if format == "brat":
            assert folder_bytes(second) == folder_bytes(first)
        else:
            assert second.read_bytes() == first.read_bytes()


_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(_workspaces())
def test_random_records_survive_the_jsonl_round_trip(items: list) -> None:
    _check_round_trip(items, "jsonl")


@_settings
@given(_workspaces())
def test_random_records_survive_the_brat_round_trip(items: list) -> None:
    _check_round_trip(items, "brat")
