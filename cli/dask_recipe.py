"""Pre-annotating an archive beyond one machine: ``extract_line`` on a Dask bag.

``extract_with_dask("archive/*.jsonl", "predicted/")`` reads the JSONL files as a
bag of lines, maps ``cli.line_extraction.extract_line`` over each partition, writes one
prediction file per partition (``predicted/0.part``, ...), each line byte-identical
to what ``app.py extract`` writes. Concatenated in partition order, they are
``app.py extract``'s output; ``app.py import`` reads them as they are. docs/scale.md
shows the same recipe on a cluster and with PySpark.

Dask is imported only when the recipe runs, so this module costs nothing to import
where dask is absent (it is a dev requirement, not a runtime one). Blank lines are
dropped; a line that is no article raises ``LineError`` in the worker, which fails
the job: validate the archive with ``app.py extract`` on a sample first.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from cli.line_extraction import extract_line
from quotes.lexicon import Lexicon


def extract_with_dask(
    source: str | Path | list[str],
    target: str | Path,
    lexicon: Lexicon | None = None,
    scheduler: str | None = None,
    blocksize: int | str | None = None,
) -> list[str]:
    """Write the predictions of every article in ``source`` under ``target``.

    :param source: a path, glob or list of paths Dask's ``read_text`` accepts
        (local or remote, e.g. ``s3://bucket/archive/*.jsonl``).
    :param target: the directory (or name pattern with ``*``) for ``to_textfiles``.
    :param lexicon: the cues to extract with (None: the shipped lexicon); it is
        pickled into every task, so all workers extract alike.
    :param scheduler: a Dask scheduler name (``"synchronous"``, ``"threads"``,
        ``"processes"``), or None for the current default (a distributed client
        when one is running).
    :param blocksize: split large files into partitions of about this size.
    :returns: the names of the files written, in partition order.
    """
    import dask.bag as db  # a dev requirement: imported only when the recipe runs

    lines = db.read_text(_as_source(source), blocksize=blocksize, encoding="utf-8")
    # One string per partition, each line ending in a newline: an empty partition is
    # then an empty file, where ``last_endline`` would write a blank line.
    predicted = lines.map_partitions(_predict_partition, lexicon=lexicon)
    options: dict[str, Any] = {} if scheduler is None else {"scheduler": scheduler}
    written = predicted.to_textfiles(_as_target(target), encoding="utf-8", compute_kwargs=options)
    return [str(name) for name in written]


def _predict_partition(lines: Iterable[str], lexicon: Lexicon | None) -> list[str]:
    """The prediction lines of one partition as a single newline-ended string.

    Blank lines are skipped, as ``app.py extract`` does.
    """
    predict = partial(extract_line, lexicon=lexicon)
    return ["".join(predict(line) + "\n" for line in lines if line.strip())]


def _as_source(source: str | Path | list[str]) -> str | list[str]:
    """Dask's ``read_text`` wants strings, not paths."""
    return [str(s) for s in source] if isinstance(source, list) else str(source)


def _as_target(target: str | Path) -> str:
    """The ``to_textfiles`` pattern: a directory gets ``*.part`` files in it."""
    return str(target)
