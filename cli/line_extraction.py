"""Extraction of one JSONL line, and of a stream of lines on several cores.

``extract_line`` maps one line of the export schema to its prediction line with no
shared state: it is the unit any engine can distribute (a process pool here, a Dask
bag or Spark partitions in ``cli.dask_recipe`` and docs/scale.md). The lexicon is
always passed in explicitly, so a worker process extracts exactly as its parent.

Threading: every function here is pure apart from ``predict_in_parallel``, which
starts worker processes ("spawn") and must be driven from one thread.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from typing import Any

from quotes.extract import extract_with
from quotes.learning import TrainedModel, suggest
from quotes.lexicon import Lexicon, default_lexicon
from quotes.model import Extraction
from quotes.records import article_to_record, attribution_to_record

_log = logging.getLogger(__name__)

# Records sent to a worker at a time: large enough that pickling and scheduling are
# cheap next to extraction, small enough that the output keeps streaming.
BATCH_SIZE = 16
# Batches in flight per worker: keeps every core busy while bounding memory.
BATCHES_AHEAD = 2


class LineError(ValueError):
    """A line that is no JSON object with a string ``text``; the message says why."""


def _extraction_of(text: str, lexicon: Lexicon | None) -> Extraction:
    """The one call into the extractor (None: the shipped lexicon); never raises.

    An internal error is logged and costs the article its attributions, as in
    ``quotes.extract.extract``.
    """
    try:
        return extract_with(text, lexicon or default_lexicon())
    except Exception:  # one article must not stop a corpus
        _log.exception("extraction failed on a text of %d characters", len(text))
        return Extraction(attributions=())


def parse_line(line: str) -> dict[str, Any]:
    """The record of one JSONL line; raises ``LineError`` saying what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise LineError(f"not valid JSON ({error.msg})") from None
    except RecursionError:  # a line of deeply nested brackets
        raise LineError("not valid JSON (nested too deeply to read)") from None
    except ValueError as error:  # an integer of more digits than Python converts
        raise LineError(f"not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise LineError("a line must be a JSON object")
    if not isinstance(record.get("text"), str):
        raise LineError("missing or non-string field 'text'")
    return record


def predict_record(
    record: dict[str, Any],
    fallback_id: str,
    lexicon: Lexicon | None = None,
    model: TrainedModel | None = None,
) -> dict[str, Any]:
    """The export-schema line for one input record, with the extractor's attributions.

    Each quote also carries the extractor's ``confidence`` and ``rule`` (a rule's
    name, or ``learned`` for a suggestion of ``model``); readers of the schema ignore
    fields they do not know. Without ``model`` the line is the rules' alone.
    """
    text = record["text"]
    if model is None:
        extraction = _extraction_of(text, lexicon)
    else:  # suggest never raises: a model failure falls back to the rules
        extraction = suggest(text, model, lexicon or default_lexicon())
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    title = record.get("title") or (meta or {}).get("title") or ""
    line = article_to_record(
        external_id=str(record.get("id") or fallback_id),
        title=str(title),
        source=str(record.get("source") or ""),
        text=text,
        attributions=extraction.attributions,
    )
    ordered = sorted(extraction.attributions, key=lambda a: (a.start, a.end))
    line["quotes"] = [
        {**attribution_to_record(a), "confidence": a.confidence, "rule": a.rule} for a in ordered
    ]
    return line


def extract_line(line: str, lexicon: Lexicon | None = None, fallback_id: str = "") -> str:
    """The prediction line (no newline) for one input line of the export schema.

    Picklable and free of shared state, so ``functools.partial(extract_line,
    lexicon=...)`` can be mapped by any engine. The output is byte-identical to the
    line ``app.py extract`` writes for the same input. A record without ``id`` gets
    ``fallback_id``. Raises ``LineError`` for a line that is no article.
    """
    return json.dumps(predict_record(parse_line(line), fallback_id, lexicon))


def _predict_batch(batch: list[tuple[dict[str, Any], str]], lexicon: Lexicon | None) -> list[str]:
    """Pool task: the prediction lines of ``(record, fallback id)`` pairs, in order."""
    model = _worker_model
    return [
        json.dumps(predict_record(record, fallback, lexicon, model)) for record, fallback in batch
    ]


# The learned model of this worker process (None: the rules alone), set once per
# worker by ``_install_model``: a model is megabytes, too much to send with each batch.
_worker_model: TrainedModel | None = None


def _install_model(model: TrainedModel | None) -> None:
    """Pool initializer: suggest with the parent's model."""
    global _worker_model
    _worker_model = model


def predict_in_parallel(
    records: Iterable[tuple[dict[str, Any], str]],
    jobs: int,
    lexicon: Lexicon | None,
    model: TrainedModel | None = None,
) -> Iterator[str]:
    """Yield the prediction line of each ``(record, fallback id)``, in input order.

    With ``jobs`` <= 1 everything runs here. Otherwise ``jobs`` spawned worker
    processes extract batches of ``BATCH_SIZE`` records; at most ``BATCHES_AHEAD``
    batches per worker are in flight, so memory stays bounded whatever the input
    size and ``records`` is consumed lazily. Closing the generator early cancels the
    queued batches and stops the workers. ``model`` (None: the rules alone) is sent
    to each worker once.
    """
    if jobs <= 1:
        for record, fallback in records:
            yield json.dumps(predict_record(record, fallback, lexicon, model))
        return
    task = partial(_predict_batch, lexicon=lexicon)
    pending: deque[Future[list[str]]] = deque()
    source = iter(records)
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_install_model,
        initargs=(model,),
    ) as pool:
        try:
            while True:
                while len(pending) < jobs * BATCHES_AHEAD:
                    batch = [pair for _, pair in zip(range(BATCH_SIZE), source, strict=False)]
                    if not batch:
                        break
                    pending.append(pool.submit(task, batch))
                if not pending:
                    return
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
