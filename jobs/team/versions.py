"""Comparing two versions of one document's layer: the same records, or not."""

from __future__ import annotations

from collections.abc import Iterable

from quotes.model import Attribution


def version_key(attributions: Iterable[Attribution]) -> list[tuple[object, ...]]:
    """What makes a layer's version of a document, independent of row ids and times:
    each record's spans, type, speaker name and status, in a fixed order."""
    return sorted(
        (
            tuple(f.as_list()[0] for f in a.fragments),
            tuple(f.as_list()[1] for f in a.fragments),
            a.type.value,
            a.cue.as_list() if a.cue else None,
            a.speaker.as_list() if a.speaker else None,
            " ".join((a.speaker_name or "").split()),
            a.status.value,
        )
        for a in attributions
    )


def same_version(first: Iterable[Attribution], second: Iterable[Attribution]) -> bool:
    """Whether two layers' records of one document are the same version."""
    return version_key(first) == version_key(second)
