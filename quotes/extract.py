"""The extraction API: find the attributions in one article text.

This is the single entry point that import, the CLI and the UI call.
It is a pure function of the text and safe to call from any thread.
"""

from __future__ import annotations

import re

from quotes.model import Attribution, Extraction, QuoteType, Span

# Placeholder engine: quoted stretches only. Replaced by the full rule engine.
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")


def extract(text: str) -> Extraction:
    """Return the candidate attributions and speaker roster found in ``text``.

    Every returned attribution has status ``candidate`` and origin ``rule``.
    """
    found = [
        Attribution(
            fragments=(Span(m.start(1), m.end(1)),),
            type=QuoteType.DIRECT,
            confidence=0.5,
            rule="quoted-stretch",
        )
        for m in _QUOTED.finditer(text)
    ]
    return Extraction(attributions=tuple(found))
