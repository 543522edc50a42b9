"""Checks that a parsed record can be stored, run by the readers before they yield it.

The store hashes a text as UTF-8 and SQLite measures it with ``length()``, so two
kinds of character that Python holds happily must never reach it:

* a lone surrogate (``"\\ud800"`` in a JSON string): it cannot be encoded as
  UTF-8, so the content hash and the SQLite binding raise ``UnicodeEncodeError``;
* a NUL (a ``\\x00`` byte, or ``\\u0000`` in JSON): SQLite's ``length()`` stops at
  it, so the span triggers would see a shorter text than Python does.

Metadata must also be strict JSON (no ``NaN``, no nesting too deep to write), since
the workspace's ``json_valid(meta)`` check refuses anything else.

The readers reject the one record that fails, naming its file, line and field, and
go on with the next. Pure functions, safe in any thread.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from formats.readers.options import ReadOptions
from quotes.model import Problem
from quotes.records import unstorable_text

#: The deepest nesting walked inside one record; deeper values are refused.
MAX_DEPTH = 200


def unstorable_field(record: Any, name: str = "") -> tuple[str, str] | None:
    """The first string inside ``record`` that cannot be stored, as ``(field, reason)``.

    ``record`` is a parsed JSON value (dicts, lists, strings, numbers); keys are
    checked as well as values. The field is named like ``'quotes[2].speaker_name'``.
    The walk is iterative, so a deeply nested record cannot exhaust the stack; one
    nested deeper than ``MAX_DEPTH`` is reported as such.
    """
    pending: list[tuple[Any, str, int]] = [(record, name, 0)]
    while pending:
        value, where, depth = pending.pop()
        if depth > MAX_DEPTH:
            # The path of the deepest value is hundreds of keys long: name its start.
            shown = where if len(where) <= 60 else where[:60] + "…"
            return shown or "record", f"is nested more than {MAX_DEPTH} levels deep"
        if isinstance(value, str):
            reason = unstorable_text(value)
            if reason:
                return where or "record", reason
        elif isinstance(value, Mapping):
            children = []
            for key, child in value.items():
                key_text = str(key)
                reason = unstorable_text(key_text)
                if reason:
                    return where or "record", f"has a key that {reason}"
                children.append((child, f"{where}.{key_text}" if where else key_text, depth + 1))
            pending.extend(reversed(children))
        elif isinstance(value, list | tuple):
            pending.extend(
                (child, f"{where}[{index}]", depth + 1)
                for index, child in reversed(list(enumerate(value)))
            )
    return None


def unstorable_meta(meta: Mapping[str, Any]) -> str | None:
    """Why ``meta`` cannot be written as strict JSON, or None when it can."""
    try:
        json.dumps(meta, allow_nan=False, default=str)
    except ValueError:
        return "holds NaN or Infinity, which JSON cannot store"
    except RecursionError:
        return "is nested too deeply"
    return None


def refused_whole(options: ReadOptions, problems: list[Problem], before: int, where: str) -> bool:
    """Whether the record read at ``where`` is rejected whole: ``options.whole_records``
    is set and its annotations added problems past index ``before``. Reports it."""
    rejected = len(problems) - before
    if not options.whole_records or rejected <= 0:
        return False
    problems.append(
        Problem(
            where,
            f"record skipped: {rejected} of its annotations were rejected, and an "
            "annotator's version of a document must hold all of them",
        )
    )
    return True
