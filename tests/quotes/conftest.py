"""Checks shared by the extractor's one-sentence case tables (a conftest, so pytest rewrites
their asserts into readable failures).

Each table row names a sentence, the content the extractor must find in it (fragments
joined by " | "), and the cue, speaker and quote type of that attribution.
"""

from __future__ import annotations

from quotes.extract import extract
from quotes.model import Attribution, QuoteType


def find_attribution(attributions: tuple[Attribution, ...], text: str, content: str) -> Attribution:
    """Return the attribution whose content reads `content`; fail listing what was found."""
    for attribution in attributions:
        if attribution.content_text(text, " | ") == content:
            return attribution
    found = [a.content_text(text, " | ") for a in attributions]
    raise AssertionError(f"no attribution with content {content!r}; found {found!r}")


def assert_attributed(
    text: str, content: str, cue: str, speaker: str, kind: QuoteType
) -> Attribution:
    """Extract `text` and check the attribution of `content` has this cue, speaker and type.

    An empty `speaker` means the attribution must name none (a passive, a reported
    question). Returns the attribution for any further checks.
    """
    attribution = find_attribution(extract(text).attributions, text, content)
    assert attribution.cue is not None and attribution.cue.text_of(text) == cue
    if speaker:
        assert attribution.speaker is not None
        assert attribution.speaker.text_of(text) == speaker
    else:
        assert attribution.speaker is None
    assert attribution.type == kind
    return attribution
