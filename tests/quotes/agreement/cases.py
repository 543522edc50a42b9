"""Small hand-made article records for the agreement tests."""

from __future__ import annotations

from typing import Any

TEXT = (
    'Smith said "taxes will rise". Jones told reporters the road is closed. '
    "Lee added that prices fall. Kim claimed the war is over."
)


def at(words: str, text: str = TEXT) -> list[int]:
    """The ``[start, end]`` of the first occurrence of ``words`` in ``text``."""
    start = text.index(words)
    return [start, start + len(words)]


def quote(
    content: str,
    *,
    cue: str | None = None,
    speaker: str | None = None,
    name: str | None = None,
    kind: str = "indirect",
    text: str = TEXT,
) -> dict[str, Any]:
    """A quote record of the export schema over the first occurrence of each phrase."""
    start, end = at(content, text)
    return {
        "start": start,
        "end": end,
        "fragments": [[start, end]],
        "type": kind,
        "cue": at(cue, text) if cue else None,
        "speaker": at(speaker, text) if speaker else None,
        "speaker_name": name if name is not None else speaker,
    }


def article(quotes: list[dict[str, Any]], text: str = TEXT, id: str = "a1") -> dict[str, Any]:
    """An article record of the export schema."""
    return {"id": id, "title": "", "source": "", "text": text, "quotes": quotes}


SMITH = {"content": '"taxes will rise"', "cue": "said", "speaker": "Smith", "kind": "direct"}
JONES = {"content": "the road is closed", "cue": "told reporters", "speaker": "Jones"}
LEE = {"content": "prices fall", "cue": "added", "speaker": "Lee"}
KIM = {"content": "the war is over", "cue": "claimed", "speaker": "Kim"}


def from_parts(parts: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A quote from one of the parts above, with some fields changed."""
    fields = {**parts, **changes}
    return quote(fields.pop("content"), **fields)
