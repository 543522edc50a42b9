"""The CoNLL (and brat) export of a whole workspace, pinned byte for byte.

The export is tuned for speed (``formats.writers.conll_export``, ``conll_tokens``, and
the store's streaming in ``storage.documents``/``storage.rows``), and any such change
must leave every byte it writes as it was. This test builds a workspace from seeded
texts and records (typographic quotes, text outside Windows-1252, characters the two
regular-expression engines class apart, split quotations, shared cues and speakers,
overlapping spans, every status), exports it through the store as ``app.py export``
does, and compares the file with the token-by-token reference and with the digest
the writer gave before it was tuned.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from writer_cases import reference_block

from formats.writers import ExportFilters, write_export
from formats.writers.conll_export import HEADER
from formats.writers.selection import Tally, export_id, select
from jobs.importing import import_articles
from quotes.model import Article, Attribution, QuoteType, Span, Status
from storage.store import Store

#: sha256 of the export written by the writer before its speed work (commit 0796916).
EXPORT_SHA256 = "f79c3e8569ece1fc473150d4bbba4cef2456f92bac2fb9407c5d4de096e76e4d"

_WORDS = (
    "the mayor said Ana Ruiz told reporters x_1 3.5% naïve Straße façade €5 œuvre™ Łódź Zoë"
    " superscript² Cafe\u0301 \u0661\u0662 — … , . “ ” ‘ ’ \" 's ( ) ..."
).split()
_GAPS = [" "] * 12 + ["", "\n", "\n\n", "\t", "\xa0", "  ", "\r\n", "\x1c"]


def _text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(_WORDS) + rng.choice(_GAPS) for _ in range(words)).strip()


def _span(rng: random.Random, start: int, limit: int) -> Span | None:
    if start >= limit - 1:
        return None
    end = min(limit, start + rng.randrange(1, 40))
    return Span(start, end)


def _records(rng: random.Random, text: str, count: int) -> list[Attribution]:
    records: list[Attribution] = []
    length = len(text)
    shared: Span | None = None
    for _ in range(count):
        first = _span(rng, rng.randrange(0, length), length)
        if first is None:
            continue
        fragments = [first]
        while rng.random() < 0.3 and fragments[-1].end + 2 < length:
            more = _span(rng, fragments[-1].end + rng.randrange(1, 20), length)
            if more is None:
                break
            fragments.append(more)
        cue = _span(rng, rng.randrange(0, length), length) if rng.random() < 0.7 else None
        speaker = _span(rng, rng.randrange(0, length), length) if rng.random() < 0.6 else None
        if shared is not None and rng.random() < 0.3:
            speaker = shared  # one mention speaks two quotations
        shared = speaker or shared
        records.append(
            Attribution(
                fragments=tuple(fragments),
                type=rng.choice(list(QuoteType)),
                cue=cue,
                speaker=speaker,
                speaker_name=rng.choice([None, "Ana Ruiz", "Zoë"]) if speaker else None,
                status=rng.choice(list(Status)),
                annotator=rng.choice([None, "ana", "ben"]),
            )
        )
    return records


def _articles(seed: int = 11) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for number in range(60):
        text = _text(rng, rng.randrange(1, 400))
        articles.append(
            Article(
                text=text,
                title=f"Article {number}",
                external_id=f"art {number}" if number % 3 else None,
                attributions=tuple(_records(rng, text, rng.randrange(0, 25))),
                annotated=True,
            )
        )
    # A long document, past the writer's table of ready-made offsets.
    long_text = "Ana said, “yes.”\n\n" * 4_000
    articles.append(
        Article(
            text=long_text,
            title="Long",
            attributions=(Attribution(fragments=(Span(len(long_text) - 8, len(long_text) - 5),)),),
            annotated=True,
        )
    )
    return articles


def _workspace(path: Path) -> Path:
    with Store(path, annotator="ana") as store:
        report = import_articles(store, _articles(), preannotate=False, workers=1)
        assert report.imported == 61
    return path


def test_workspace_export_is_unchanged_byte_for_byte(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path / "workspace.sqlite")
    out = tmp_path / "out.conll"
    filters = ExportFilters.every_status(include_unreviewed=True)
    with Store(workspace, annotator="ana") as store:
        report = write_export(store.iter_documents(), out, format="conll", filters=filters)
        items = list(select(store.iter_documents(), filters, Tally()))
    assert report.documents == 61 and report.attributions > 600
    written = out.read_bytes()
    expected = HEADER + "".join(
        reference_block(export_id(document), document.text, found) for document, found in items
    )
    assert written == expected.encode("utf-8")
    assert hashlib.sha256(written).hexdigest() == EXPORT_SHA256


#: sha256 over the brat folder's file names and contents, written by the writer before
#: its speed work (commit 0796916).
BRAT_SHA256 = "3b140583250cfd565d4d18e6b735b85881fdcafb1c1fb355842227714f68c74d"


def test_workspace_brat_export_is_unchanged_byte_for_byte(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path / "workspace.sqlite")
    out = tmp_path / "brat"
    filters = ExportFilters.every_status(include_unreviewed=True)
    with Store(workspace, annotator="ana") as store:
        report = write_export(store.iter_documents(), out, format="brat", filters=filters)
    assert report.documents == 61
    digest = hashlib.sha256()
    for path in sorted(out.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    assert digest.hexdigest() == BRAT_SHA256
