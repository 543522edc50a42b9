"""Collect throughput for ``bench/team.py``: assign a corpus to three annotators, let each
accept every suggestion in their file, and time ``collect`` of the three files.

The corpus is the dev texts of ``../shared/gold/dev.jsonl`` (skipped when absent), or
``--documents`` of them. The baseline in the same run is the import of the same texts
(without pre-annotation) into an empty workspace, a write of about the same size; the
ratio collect / import is comparable across machines. A second collect of the same files
is timed too: it must change nothing, and costs only the comparison.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from jobs.importing import import_articles
from jobs.team.assignment import assign
from jobs.team.collecting import collect
from quotes.model import Article
from storage.store import Store

ANNOTATORS = ("ana", "ben", "cy")


def _articles(dev: Path, limit: int) -> list[Article]:
    articles = []
    with dev.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            articles.append(Article(text=record["text"], title=str(record.get("id", ""))))
            if len(articles) == limit:
                break
    return articles


def _annotate(path: Path, name: str) -> int:
    """Accept every suggestion of every document in ``name``'s file; the decisions made."""
    decisions = 0
    with Store(path, annotator=name) as store:
        for summary in store.document_summaries():
            for record in store.attributions_for(summary.id):
                store.accept_attribution(record.id or 0)
                decisions += 1
    return decisions


def report_collect(dev: Path, documents: int) -> None:
    """Print collect's documents and records per second against the import baseline."""
    if not dev.exists():
        print(f"collect throughput: skipped ({dev} is absent)")
        return
    articles = _articles(dev, documents)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Store(root / "lead.sqlite", annotator="lead") as lead:
            import_articles(lead, articles, workers=1)
            assign(lead, ANNOTATORS, per_document=2, out=root / "out")
        files = [root / "out" / f"{name}.sqlite" for name in ANNOTATORS]
        decisions = sum(_annotate(path, name) for path, name in zip(files, ANNOTATORS, strict=True))
        with Store(root / "baseline.sqlite", annotator="x") as baseline:
            started = time.perf_counter()
            import_articles(baseline, articles, preannotate=False)
            import_seconds = time.perf_counter() - started
        with Store(root / "lead.sqlite", annotator="lead") as lead:
            started = time.perf_counter()
            first = collect(lead, files)
            collect_seconds = time.perf_counter() - started
            started = time.perf_counter()
            again = collect(lead, files)
            again_seconds = time.perf_counter() - started
    print(
        f"collect: {first.documents} layer documents, {first.attributions} records "
        f"({decisions} decisions) from 3 files in {collect_seconds:.2f} s: "
        f"{first.documents / collect_seconds:.0f} documents/s, "
        f"{first.attributions / collect_seconds:.0f} records/s"
    )
    print(
        f"  baseline import of the {len(articles)} texts: {import_seconds:.2f} s "
        f"(collect / import = {collect_seconds / max(import_seconds, 1e-9):.2f})"
    )
    print(
        f"  collecting again: {again.unchanged} unchanged, {again.documents} added "
        f"in {again_seconds:.2f} s"
    )
