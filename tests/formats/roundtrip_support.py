"""Export -> import into a fresh workspace -> export again, for the round-trip tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from formats.readers import read_paths
from formats.writers import ExportFilters, write_export
from jobs.importing import import_articles
from quotes.model import Attribution, Document, Problem
from storage.store import Store


def import_fresh(
    paths: Iterable[Path], *, preannotate: bool = False
) -> tuple[Store, list[Problem]]:
    """A new in-memory workspace holding what ``read_paths`` reads from ``paths``."""
    problems: list[Problem] = []
    store = Store(None)
    import_articles(store, read_paths(list(paths), problems=problems), preannotate=preannotate)
    return store, problems


def export_import_export(
    items: Iterable[tuple[Document, list[Attribution]]],
    folder: Path,
    *,
    format: str,
    name: str,
    filters: ExportFilters | None = None,
    import_paths: Iterable[str] = (),
) -> tuple[Path, Path, list[Problem]]:
    """Export ``items``, import the output into a fresh store, export that again.

    ``import_paths`` names what to import inside a folder export (default: the
    output itself). Returns both outputs and the import's problems.
    """
    first = folder / f"first-{name}"
    second = folder / f"second-{name}"
    write_export(items, first, format=format, filters=filters)
    paths = [first / p for p in import_paths] or [first]
    store, problems = import_fresh(paths)
    try:
        write_export(store.iter_documents(), second, format=format, filters=filters)
    finally:
        store.close()
    return first, second, problems


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of a folder by relative name, to compare two folder exports."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
