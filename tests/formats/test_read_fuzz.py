"""A bounded fuzz of every reader (issue 16): garbled JSONL, CSV, brat and HTML.

Whatever the bytes, reading never raises: each rejection is a ``Problem`` whose
``where`` names the file (and the line or field when known), and every article
yielded can be stored: the store takes them all without an exception and
without a problem of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formats.readers import read_paths
from formats.readers.record_checks import unstorable_field, unstorable_meta
from jobs.importing import import_articles
from quotes.model import Problem
from storage.store import Store

_FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Bytes that readers find hardest: quotes, brackets, escapes, NUL, invalid UTF-8,
# line ends of every platform, a byte-order mark.
_NASTY = [
    b'"', b"'", b",", b";", b"\t", b"\n", b"\r\n", b"\r", b"\x00", b"\xff", b"\xc3",
    b"\xef\xbb\xbf", b"{", b"}", b"[", b"]", b"\\", b"\\u0000", b"\\ud800", b"\\udc80",
    b"NaN", b"<", b">", b"&", b"T1", b"E1", b"R1", b"A1", b"#1",
]  # fmt: skip

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def _garbled(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with a few nasty pieces inserted, bytes deleted or the tail cut."""
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "cut"]))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(_NASTY) | st.binary(max_size=3))
        elif action == "delete" and data:
            del data[at : at + draw(st.integers(1, 4))]
        elif action == "cut" and draw(st.integers(0, 4)) == 0:
            del data[at:]
    return bytes(data)


@st.composite
def _jsonl_bytes(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        record = {
            "id": draw(st.text(max_size=6)),
            "text": draw(st.text(min_size=1, max_size=60)),
            "meta": draw(_json_values),
            "quotes": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"start": st.integers(-2, 70), "end": st.integers(-2, 70)},
                        optional={"cue": _json_values, "type": st.text(max_size=8)},
                    ),
                    max_size=3,
                )
            ),
        }
        lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8"))
    return draw(_garbled(b"\n".join(lines) + b"\n"))


@st.composite
def _csv_bytes(draw: st.DrawFn) -> bytes:
    header = b"id,title,text,published\n"
    cells = st.text(max_size=20).map(lambda s: s.encode("utf-8", "surrogatepass"))
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        row = draw(st.lists(cells, min_size=1, max_size=5))
        quoted = draw(st.booleans())
        rows.append(b",".join(b'"' + c.replace(b'"', b'""') + b'"' if quoted else c for c in row))
    return draw(_garbled(header + b"\n".join(rows) + b"\n"))


_BRAT_TEXT = "Ana Lopez said the bridge will open in May. Critics called it a waste.\n"


@st.composite
def _ann_bytes(draw: st.DrawFn) -> bytes:
    kinds = st.sampled_from(["Source", "Cue", "Content", "Other"])
    lines = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        start = draw(st.integers(-1, 80))
        end = draw(st.integers(-1, 80))
        lines.append(f"T{number}\t{draw(kinds)} {start} {end}\t{_BRAT_TEXT[start:end]}")
    lines.append(f"E1\tAttribution:T1 Content:T{draw(st.integers(1, 7))} Source:T2")
    lines.append(f"R1\tSource Arg1:T{draw(st.integers(1, 7))} Arg2:T1")
    lines.append(f"A1\tType E1 {draw(st.sampled_from(['direct', 'weird', '']))}")
    lines.append("#1\tAnnotatorNotes T1\tAna Lopez")
    return draw(_garbled("\n".join(lines).encode("utf-8")))


@st.composite
def _html_bytes(draw: st.DrawFn) -> bytes:
    words = " ".join(draw(st.lists(st.text(min_size=1, max_size=8), min_size=5, max_size=40)))
    page = (
        f"<!DOCTYPE html><html><head><title>{draw(st.text(max_size=10))}</title></head>"
        f"<body><article><p>{words}</p><p>The mayor said the bridge opens.</p>"
        "</article></body></html>"
    )
    return draw(_garbled(page.encode("utf-8", "surrogatepass")))


@pytest.fixture(scope="module")
def store() -> Store:
    shared = Store(None)
    yield shared
    shared.close()


def _read_and_store(store: Store, *paths: Path) -> list[Problem]:
    problems: list[Problem] = []
    articles = list(read_paths(paths, problems=problems))
    for article in articles:
        assert article.text.strip()
        assert unstorable_field([article.text, article.title, article.source]) is None
        assert unstorable_meta(article.meta) is None
    report = import_articles(store, articles, preannotate=False)
    assert report.problems == ()
    for problem in problems:
        assert any(problem.where.startswith(str(path)) for path in paths), problem
        assert problem.reason
    return problems


@_FUZZ
@given(data=_jsonl_bytes())
def test_garbled_jsonl_never_raises(tmp_path: Path, store: Store, data: bytes) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(data)
    for problem in _read_and_store(store, path):
        # A line-by-line format names the line of every rejection (or the whole
        # file, when it is refused as binary or empty).
        assert problem.where == str(path) or problem.where.startswith(f"{path}:")


@_FUZZ
@given(data=_csv_bytes())
def test_garbled_csv_never_raises(tmp_path: Path, store: Store, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    _read_and_store(store, path)


@_FUZZ
@given(ann=_ann_bytes())
def test_garbled_brat_never_raises(tmp_path: Path, store: Store, ann: bytes) -> None:
    (tmp_path / "fuzz.txt").write_text(_BRAT_TEXT, encoding="utf-8")
    (tmp_path / "fuzz.ann").write_bytes(ann)
    _read_and_store(store, tmp_path / "fuzz.txt", tmp_path / "fuzz.ann")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=_html_bytes())
def test_garbled_html_never_raises(tmp_path: Path, store: Store, data: bytes) -> None:
    path = tmp_path / "fuzz.html"
    path.write_bytes(data)
    _read_and_store(store, path)
