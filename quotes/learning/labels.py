"""The labels the model learns: accepted attributions marked on a paragraph's tokens.

A token is the first of a content fragment (``B``), inside one (``I``), part of a cue
(``CUE``) or of a speaker mention (``SRC``), or none of these (``O``). Content wins where
one record's cue or speaker lies inside another's content: the model is judged on content.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.learning.features import mark_attributions, token_index
from quotes.model import Attribution
from quotes.tokens import Token

BEGIN, INSIDE, CUE, SOURCE, OUTSIDE = "B", "I", "CUE", "SRC", "O"
CONTENT_LABELS = (BEGIN, INSIDE)


def labels_for(tokens: Sequence[Token], attributions: Sequence[Attribution]) -> list[str]:
    """One label per token of ``tokens`` (a paragraph) from the accepted ``attributions``."""
    labels = [OUTSIDE] * len(tokens)
    if not tokens:
        return labels
    starts = token_index(tokens)
    low, high = tokens[0].start, tokens[-1].end
    relevant = [a for a in attributions if any(s.start < high and low < s.end for s in a.spans())]
    mark_attributions(labels, starts, relevant, cue=CUE, speaker=SOURCE, begin=BEGIN, inside=INSIDE)
    return labels
