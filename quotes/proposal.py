"""What a quotation the annotator adds by hand starts with: a cue and a speaker proposed
by the engine, nearest first.

The annotator selects the words of a quotation the engine missed (or got wrong); the
engine's own reading of the same stretch of text usually still knows the cue and the
speaker nearby. The proposal is a candidate: the annotator confirms it with the same
key as every other suggestion. Pure; any thread.
"""

from __future__ import annotations

from quotes.extract import extract
from quotes.lexicon import Lexicon
from quotes.model import Attribution, Origin, Span, Status
from quotes.quotemarks import guess_quote_type

#: How far (characters) from the selection a suggestion may lie and still lend its cue
#: and speaker: about the sentence before and the one after.
NEIGHBOURHOOD = 300


def _distance(attribution: Attribution, selection: Span) -> int:
    """0 when the attribution's content overlaps the selection, else the gap between them."""
    if attribution.end <= selection.start:
        return selection.start - attribution.end
    if selection.end <= attribution.start:
        return attribution.start - selection.end
    return 0


def _overlap(attribution: Attribution, selection: Span) -> int:
    return max(0, min(attribution.end, selection.end) - max(attribution.start, selection.start))


def propose_attribution(
    text: str, selection: Span, *, lexicon: Lexicon | None = None
) -> Attribution:
    """A candidate for the quotation ``selection`` with the nearest suggestion's cue and
    speaker (the one overlapping it most, else the closest within ``NEIGHBOURHOOD``).

    A cue or speaker mention inside the selection is not proposed (content may not
    cover them). Without a suggestion nearby, cue and speaker are empty.
    """
    nearby = [
        a
        for a in extract(text, lexicon=lexicon).attributions
        if _distance(a, selection) <= NEIGHBOURHOOD
    ]
    nearby.sort(key=lambda a: (_distance(a, selection), -_overlap(a, selection)))
    cue: Span | None = None
    speaker: Span | None = None
    name: str | None = None
    for suggestion in nearby:
        if suggestion.cue is not None and not suggestion.cue.overlaps(selection):
            cue = suggestion.cue
            if suggestion.speaker is not None and not suggestion.speaker.overlaps(selection):
                speaker, name = suggestion.speaker, suggestion.speaker_name
            break
    return Attribution(
        fragments=(selection,),
        type=guess_quote_type(selection.text_of(text)),
        cue=cue,
        speaker=speaker,
        speaker_name=name,
        status=Status.CANDIDATE,
        origin=Origin.HUMAN,
        rule="",
    )
