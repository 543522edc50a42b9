"""Measure import (with pre-annotation) and export speed and memory; print the figures.

Usage::

    .venv/bin/python bench/io.py                      # 10,000 articles, 100,000 attributions
    .venv/bin/python bench/io.py --articles 500 --attributions 5000   # a quick run

Articles are generated here (news-like text of about 4 kB with direct, split, indirect
and "according to" quotations, written by this generator, not taken from any corpus).

Import: the articles are written as one JSONL file without annotations, then read by
``formats.readers.read_paths`` and stored with ``jobs.importing.import_articles`` in a
temporary workspace, which pre-annotates each one with ``quotes.extract``. When the
store cannot be used, readers plus ``extract`` are measured instead (said in the output).

Export: documents carrying the requested number of attributions are written in every
format by ``formats.writers.write_export``. Each export is timed ``--runs`` times (the
median is shown; the machine may be shared) and run once more under ``tracemalloc`` for
the peak memory the writer allocates (the input list is built before tracing starts,
so the figure is the writer's own working memory). Before each timed run the page
cache is flushed (``os.sync``), so that a format does not pay for writing back the
files of the formats before it (the brat export syncs the file system itself).

Baselines from the same run make the figures comparable across machines: import is
set against plain ``json.loads`` of the same lines, export against plain ``json.dumps``
of the same records written to a file.

Targets (issue 5): import >= 300 articles/s with pre-annotation; export >= 50,000
attributions/s in each format; memory bounded (streamed, not loaded whole).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from formats.writers import FORMATS, ExportFilters, write_export
from jobs.importing import import_articles
from quotes.model import (
    Attribution,
    Document,
    DocumentStatus,
    Extraction,
    Origin,
    QuoteType,
    Span,
    Status,
)
from quotes.records import article_to_record

IMPORT_TARGET = 300.0
EXPORT_TARGET = 50_000.0

# -- the article generator ------------------------------------------------------------
_FIRST = [
    "Amara",
    "Tomasz",
    "Lucía",
    "Kwame",
    "Ingrid",
    "Rafael",
    "Mei",
    "Oskar",
    "Priya",
    "Jonas",
    "Fatima",
    "Hugo",
    "Nadia",
    "Elias",
    "Sione",
    "Greta",
]
_LAST = [
    "Okonjo",
    "Varga",
    "Lindqvist",
    "Moreau",
    "Castellanos",
    "Haddad",
    "Brennan",
    "Takahashi",
    "Novak",
    "Adeyemi",
    "Kowalczyk",
    "Ferreira",
    "Iversen",
    "Sandoval",
]
_ROLES = [
    "the harbour commissioner",
    "a spokeswoman for the water board",
    "the union steward",
    "the regional health officer",
    "a council member",
    "the school superintendent",
    "the chief economist at the savings bank",
    "a local shop owner",
]
_SUBJECTS = [
    "The new tram line",
    "The budget",
    "Our district",
    "The flood barrier",
    "This winter",
    "The hospital wing",
    "The fishing quota",
    "Every family here",
    "The ferry timetable",
    "The council",
]
_PREDICATES = [
    "will not be finished before the autumn",
    "has cost far more than anyone planned",
    "deserves an honest debate",
    "cannot wait for another review",
    "was approved without enough questions",
    "is working better than expected",
    "needs money that we simply do not have",
    "should have been fixed years ago",
    "will change how people travel to work",
]
_TAILS = [
    "and residents know it",
    "whatever the ministry says",
    "and that is the whole story",
    "even if the numbers improve",
    "so we keep asking",
    "and nobody should be surprised",
]
_VERBS = ["said", "added", "warned", "told reporters", "insisted", "explained"]
_FILLER = [
    "Officials met on Tuesday evening to discuss the plan.",
    "The vote is expected early next month.",
    "Figures released last week showed a small rise in costs.",
    "Several residents attended the hearing, which lasted three hours.",
    "The proposal was first presented in the spring.",
]


def _clause(rng: random.Random) -> str:
    clause = f"{rng.choice(_SUBJECTS)} {rng.choice(_PREDICATES)}"
    if rng.random() < 0.5:
        clause += f", {rng.choice(_TAILS)}"
    return clause


class _ArticleBuilder:
    """Appends sentences to a text and records the attributions with exact offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.attributions: list[Attribution] = []

    def add(self, piece: str) -> Span:
        span = Span(self.length, self.length + len(piece))
        self.parts.append(piece)
        self.length += len(piece)
        return span

    def text(self) -> str:
        return "".join(self.parts)


def generate_article(rng: random.Random, quotes: int) -> tuple[str, str, list[Attribution]]:
    """One article (title, text, attributions) with ``quotes`` quotations.

    About 20 quotations make about 4 kB, the density of attributions in annotated
    political news (one per ~190 characters); filler pads shorter articles to 3.9 kB.
    """
    b = _ArticleBuilder()
    title = f"{rng.choice(_SUBJECTS)} {rng.choice(_PREDICATES)}"
    b.add(f"{title}\n\n")
    statuses = (Status.ACCEPTED, Status.ACCEPTED, Status.CANDIDATE, Status.REJECTED)
    for _ in range(quotes):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        form = rng.randrange(4)
        status = rng.choice(statuses)
        fragments: tuple[Span, ...]
        if form == 0:  # "A," Name said.
            b.add("“")
            content = b.add(f"{_clause(rng)}, {_clause(rng).lower()},")
            b.add("” ")
            speaker = b.add(name)
            b.add(" ")
            cue = b.add(rng.choice(_VERBS))
            b.add(".")
            fragments, kind = (content,), QuoteType.DIRECT
        elif form == 1:  # "A," she said, "B."
            b.add('"')
            first = b.add(f"{_clause(rng)},")
            b.add('" ')
            speaker = b.add(rng.choice(["she", "he", name]))
            b.add(" ")
            cue = b.add("said")
            b.add(', "')
            second = b.add(f"{_clause(rng).lower()}.")
            b.add('"')
            fragments, kind = (first, second), QuoteType.DIRECT
        elif form == 2:  # Name, role, said that ...
            speaker = b.add(name)
            b.add(f", {rng.choice(_ROLES)}, ")
            cue = b.add("said")
            b.add(" that ")
            content = b.add(_clause(rng).lower())
            b.add(".")
            fragments, kind = (content,), QuoteType.INDIRECT
        else:  # According to role, ...
            cue = b.add("According to")
            b.add(" ")
            speaker = b.add(rng.choice(_ROLES))
            b.add(", ")
            content = b.add(f"{_clause(rng).lower()}, {_clause(rng).lower()}")
            b.add(".")
            fragments, kind = (content,), QuoteType.INDIRECT
        b.add(f" {rng.choice(_FILLER)}\n\n" if rng.random() < 0.25 else "\n\n")
        b.attributions.append(
            Attribution(
                fragments=fragments,
                type=kind,
                cue=cue,
                speaker=speaker,
                speaker_name=name,
                status=status,
                origin=Origin.IMPORT,
                annotator=None if status is Status.CANDIDATE else rng.choice(["ana", "ben"]),
            )
        )
    while b.length < 3900:
        b.add(f"{rng.choice(_FILLER)}\n\n")
    return title, b.text(), b.attributions


def generate_items(
    attributions: int, *, per_article: int = 20, seed: int = 5
) -> Iterator[tuple[Document, list[Attribution]]]:
    """Stored-looking documents carrying ``attributions`` attributions in all, lazily."""
    rng = random.Random(seed)
    made, number = 0, 0
    while made < attributions:
        number += 1
        count = min(per_article, attributions - made)
        title, text, found = generate_article(rng, count)
        made += count
        document = Document(
            id=number,
            text=text,
            title=title,
            source="bench generator",
            status=DocumentStatus.DONE,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
            imported_at="2026-11-28T00:00:00",
        )
        yield document, found


# -- measuring ------------------------------------------------------------------------
def _peak_rss_mb() -> float:
    # ru_maxrss is in kB on Linux (bytes on macOS; this bench is run on Linux).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _traced_peak_mb(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def write_import_file(path: Path, articles: int) -> None:
    """The import input: one JSONL line per article, text only (so all are pre-annotated)."""
    rng = random.Random(11)
    with open(path, "w", encoding="utf-8") as stream:
        for number in range(articles):
            title, text, _ = generate_article(rng, rng.randrange(14, 26))
            record = {"id": f"gen-{number}", "title": title, "source": "bench", "text": text}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _import_with_store(
    path: Path, folder: Path, workers: int | None
) -> tuple[str, int, int, int, float | None]:
    import storage.store as store_module
    from formats.readers import read_paths
    from quotes.extract import extract

    problems: list = []
    if workers != 1:
        # Pre-annotation runs in worker processes, where a wrapper of this process
        # cannot time it (nor be sent: it is a closure); ``--workers 1`` gives the
        # breakdown.
        store = store_module.Store(folder / "bench.sqlite")
        try:
            report = import_articles(store, read_paths([path], problems=problems), workers=workers)
        finally:
            store.close()
        how = f"readers + import_articles (file workspace, {workers or os.cpu_count()} workers)"
        return how, report.imported, report.attributions, len(problems), None

    # Time the pre-annotation inside the import by passing the job a timed extractor,
    # so the breakdown costs no second run.
    spent = [0.0]

    def timed_extract(text: str) -> Extraction:
        start = time.perf_counter()
        try:
            return extract(text)
        finally:
            spent[0] += time.perf_counter() - start

    store = store_module.Store(folder / "bench.sqlite")
    try:
        report = import_articles(
            store,
            read_paths([path], problems=problems),
            preannotate=True,
            workers=1,
            extractor=timed_extract,
        )
    finally:
        store.close()
    how = "readers + import_articles (file workspace, in-process)"
    return how, report.imported, report.attributions, len(problems), spent[0]


def _import_without_store(
    path: Path, folder: Path, workers: int | None
) -> tuple[str, int, int, int, float | None]:
    from formats.readers import read_paths
    from quotes.extract import extract

    problems: list = []
    imported = found = 0
    spent = 0.0
    for article in read_paths([path], problems=problems):
        start = time.perf_counter()
        found += len(extract(article.text).attributions)
        spent += time.perf_counter() - start
        imported += 1
    return "readers + quotes.extract (no store)", imported, found, len(problems), spent


def measure_import(articles: int, folder: Path, workers: int | None = None) -> None:
    path = folder / "articles.jsonl"
    write_import_file(path, articles)
    size_mb = path.stat().st_size / 2**20
    each_kb = size_mb * 1024 / articles
    print(f"import: {articles} articles, {size_mb:.1f} MB JSONL ({each_kb:.1f} kB each)")

    def baseline() -> None:
        with open(path, encoding="utf-8") as stream:
            for line in stream:
                json.loads(line)

    base_seconds = _timed(baseline)
    rss_before = _peak_rss_mb()
    start = time.perf_counter()
    try:
        how, imported, found, problems, extracting = _import_with_store(path, folder, workers)
    except NotImplementedError:
        how, imported, found, problems, extracting = _import_without_store(path, folder, workers)
    seconds = time.perf_counter() - start
    rate = imported / seconds
    verdict = "meets" if rate >= IMPORT_TARGET else "MISSES"
    print(f"  pipeline: {how}")
    print(f"  imported {imported} articles, {found} attributions found, {problems} problems")
    print(
        f"  {seconds:.2f} s = {rate:,.0f} articles/s ({verdict} the {IMPORT_TARGET:.0f}/s target); "
        f"{seconds / base_seconds:.1f}x plain json.loads ({articles / base_seconds:,.0f} lines/s)"
    )
    if extracting is not None:
        print(
            f"  of which pre-annotation (quotes.extract) {extracting:.2f} s "
            f"({100 * extracting / seconds:.0f}%); without it "
            f"{imported / (seconds - extracting):,.0f} articles/s"
        )
    print(f"  peak RSS {_peak_rss_mb():.0f} MB (was {rss_before:.0f} MB before the import)")


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _flush_page_cache() -> None:
    if hasattr(os, "sync"):
        os.sync()


def measure_export(attributions: int, folder: Path, formats: list[str], runs: int = 3) -> None:
    items = list(generate_items(attributions))
    documents = len(items)
    print(f"export: {attributions:,} attributions in {documents:,} documents (every status)")
    filters = ExportFilters.every_status()

    def baseline() -> None:
        with open(folder / "baseline.jsonl", "w", encoding="utf-8") as stream:
            for document, found in items:
                record = article_to_record(
                    external_id=str(document.id),
                    title=document.title,
                    source=document.source,
                    text=document.text,
                    attributions=found,
                )
                stream.write(json.dumps(record) + "\n")

    base_seconds = statistics.median(_timed(baseline) for _ in range(runs))
    print(f"  baseline json.dumps: {attributions / base_seconds:,.0f} attributions/s")
    heads = ("seconds", "attr/s", "docs/s", "x base", "peak MB")
    print(f"  {'format':<6} {heads[0]:>8} {heads[1]:>10} {heads[2]:>8} {heads[3]:>7} {heads[4]:>8}")
    for name in formats:
        out = folder / f"out-{name}"

        def export(name: str = name, out: Path = out) -> None:
            report = write_export(items, out, format=name, filters=filters)
            assert report.attributions == attributions, report

        samples = []
        for _ in range(runs):
            _remove(out)  # the previous run's output, deleted outside the timing
            _flush_page_cache()
            samples.append(_timed(export))
        seconds = statistics.median(samples)
        # A fresh path: replacing the timed run's folder would add the old folder's
        # file listing (its deletion) to the writer's own working memory.
        peak = _traced_peak_mb(functools.partial(export, name, folder / f"traced-{name}"))
        rate = attributions / seconds
        flag = "" if rate >= EXPORT_TARGET else "  < target"
        print(
            f"  {name:<6} {seconds:>8.2f} {rate:>10,.0f} {documents / seconds:>8,.0f} "
            f"{seconds / base_seconds:>7.2f} {peak:>8.1f}{flag}"
        )
    print(
        f"  (median of {runs} runs; peak MB: memory the writer allocated, traced;"
        " the input list itself is excluded)"
    )
    print(f"  target: {EXPORT_TARGET:,.0f} attributions/s; peak RSS so far {_peak_rss_mb():.0f} MB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to import")
    parser.add_argument("--attributions", type=int, default=100_000, help="attributions to export")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help="export formats, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each export")
    parser.add_argument("--skip-import", action="store_true", help="measure export only")
    parser.add_argument("--skip-export", action="store_true", help="measure import only")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="pre-annotation processes (default: one per core; 1 = in-process, with the"
        " time breakdown)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-io-") as temp:
        folder = Path(temp)
        if not args.skip_import:
            measure_import(args.articles, folder, args.workers)
        if not args.skip_export:
            measure_export(args.attributions, folder, args.formats.split(","), args.runs)


if __name__ == "__main__":
    main()
