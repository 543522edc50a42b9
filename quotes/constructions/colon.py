"""Colons: a label that speaks (``Clinton: C``, headlines and transcripts), a quotation
after a name and a colon (``Jones: "..."``) and a clause whose subject speaks before one
(``X concluded in a memo: "..."``)."""

from __future__ import annotations

import re
from bisect import bisect_left

from quotes.constructions.context import RuleContext
from quotes.content_bounds import trim, word_count
from quotes.cues import MODIFIER
from quotes.drafts import Draft, Rule, spans_of_draft
from quotes.model import Span
from quotes.speakers.after_cue import find_subject
from quotes.speakers.before_cue import find_speaker_before
from quotes.tokens import DETERMINERS, first_word
from quotes.units import Unit

# The last word before a colon that introduces a quotation ("X had this to say:").
LAST_WORD_BEFORE_COLON = re.compile(r"([\w’'-]+)\s*:$")

# A short name and a colon opening a unit: "Trump:", "Q:", "Former AG Mukasey at RNC:".
LABEL = re.compile(
    r"[\"“]?(?P<label>(?-i:[A-Z])[\w’'.-]*(?:[^\S\n]+[\w’'.-]+){0,5}?):[^\S\n]+(?=\S)"
)

# A label's content with this many commas is a list ("Contributing: A, B, C, D").
LIST_COMMAS = 4

NOT_SPEAKER_LABELS = frozenset(
    [
        *"note update updated correction related photos photo video watch source sources "
        "background previously disclosure tags topics caption contributing breaking wow "
        "revealed".split(),
        "paid notice",
        "editor's note",
        "editor’s note",
        "read more",
        "see also",
        "story highlights",
    ]
)


def draft_label(ctx: RuleContext, unit: Unit) -> Draft | None:
    """``Clinton: I support statehood``, ``Q: Did you vote?``: a short name and a
    colon open the unit (headlines, interview transcripts); the name speaks."""
    text = ctx.text
    if text.find(":", unit.start, min(unit.end, unit.start + 80)) < 0:
        return None  # the common case, checked without the pattern
    match = LABEL.match(text, unit.start, unit.end)
    if match is None:
        return None
    label = match.group("label")
    if (
        label.isupper()
        or label.lower() in NOT_SPEAKER_LABELS
        # "The Latest:", "The Ninth Circle:": a section or column, not a person.
        or label.startswith("The ")
        or not all(w[0].isupper() or w in {"at", "on", "of", "in"} for w in label.split())
    ):
        # "TOP STORIES:", "Update:", "Q:": the writer's labels; a transcript's
        # letters are annotated too rarely to propose.
        return None
    content = trim(text, match.end(), unit.end)
    if content is None or word_count(text, content.start, content.end) < 3:
        return None
    if text.count(",", content.start, content.end) >= LIST_COMMAS:
        return None  # "Iowa: Tim Albrecht, Brad Anderson, ...": a list of names
    colon = match.end("label")
    return Draft(
        [content],
        Span(colon, colon + 1),
        Span(match.start("label"), colon),
        Rule.LABEL_COLON,
        0.5,
        priority=1,
    )


def draft_colon_quotation(ctx: RuleContext, unit: Unit, chosen: list[Draft]) -> Draft | None:
    """A quotation introduced by a colon that no cue rule attributed.

    ``Jones: "..."`` (transcripts: the name is the speaker, the colon the cue) and
    ``X concluded in a memo: "..."``, ``X had this to say: "..."`` (the subject
    speaks; the cue runs from the last reporting verb before the colon, else from
    the word before it, to the colon).
    """
    text = ctx.text
    if text.find(":", unit.start, unit.end) < 0:
        return None  # most units: no colon, nothing to look at
    taken: list[Span] | None = None
    for quotation in ctx.quotes.within(unit.start, unit.end):
        colon = quotation.start - 1
        # Walk back over spaces instead of slicing: units can be long.
        while colon > unit.start and text[colon].isspace():
            colon -= 1
        if colon < unit.start or text[colon] != ":":
            continue
        if taken is None:
            taken = [span for draft in chosen for span in spans_of_draft(draft)]
        if any(s.start < quotation.end and quotation.start < s.end for s in taken):
            continue
        content = _colon_content(ctx, unit, quotation.start, quotation.end)
        if content is None:
            return None
        speaker = find_speaker_before(text, unit.start, colon)
        if speaker is not None and text[speaker.start].isupper():
            return Draft([content], Span(colon, colon + 1), speaker, Rule.COLON_QUOTE, 0.6, 1)
        return draft_colon_clause(ctx, unit, colon, content, taken)
    return None


def _colon_content(ctx: RuleContext, unit: Unit, start: int, close: int) -> Span | None:
    """The quotation from ``start``: to the unit's end when only punctuation or
    more quotation follows its close, else to its close ('"A" and vowed ...')."""
    text = ctx.text
    end = close
    rest = trim(text, close, unit.end)
    if rest is None or ctx.quotes.quoted_share(text, rest.start, rest.end) >= 0.8:
        end = unit.end
    return trim(text, start, end)


def draft_colon_clause(
    ctx: RuleContext, unit: Unit, colon: int, content: Span, taken: list[Span]
) -> Draft | None:
    """``X concluded: "..."``: a clause of ``unit`` ending at ``colon`` whose subject
    speaks introduces the quotation ``content`` (in the unit or the next paragraph).

    :param taken: spans of the unit's other drafts; a cue inside them is no cue here.
    """
    text = ctx.text
    if ctx.quotes.covering(colon) is not None:
        return None
    if word_count(text, content.start, content.end) < 3:
        return None  # a short quoted name or title, not speech
    lower = ctx.lower_bound(unit, colon)
    cue_span: Span | None = None
    for cue in ctx.cues_from(bisect_left(ctx.cue_starts, lower)):
        if cue.start >= colon:
            break
        if cue.kind != MODIFIER:
            cue_span = Span(cue.start, colon + 1)
    speaker = None
    if cue_span is not None:
        # "The senator wrote in a memo:": the mention right before the verb.
        speaker = find_speaker_before(text, lower, cue_span.start)
    else:
        last = LAST_WORD_BEFORE_COLON.search(text, max(lower, colon - 40), colon + 1)
        if last is None:
            return None
        cue_span = Span(last.start(1), colon + 1)
    if any(s.overlaps(cue_span) for s in taken):
        return None
    speaker = speaker or find_subject(text, lower, cue_span.start)
    if speaker is None:
        return None
    if text[speaker.start : speaker.end].lower() in DETERMINERS:
        # "The coach summed up ...": the subject is the determiner and its noun.
        noun = first_word(text, speaker.end, cue_span.start)
        if noun is None or not noun.is_word:
            return None
        speaker = Span(speaker.start, noun.end)
    return Draft([content], cue_span, speaker, Rule.COLON_CLAUSE_QUOTE, 0.55, 1)
