"""Questions: ``Asked whether C, X said``, ``he said when asked about C``, ``X was asked
to C``; the question is what is reported."""

from __future__ import annotations

import re

from quotes.constructions.context import RuleContext
from quotes.content_bounds import trim
from quotes.cues import Cue
from quotes.drafts import Draft, Rule
from quotes.model import Span
from quotes.units import Unit

QUESTION = re.compile(
    r"(?:\s+(?:by\s+(?P<asker>[^,]{1,60}?)|(?:during|at|in|on|directly|repeatedly|again|"
    r"later)\b[^,]{0,60}?))?"
    r"\s+(?P<question>(?:whether|if|why|how|what|who|where|when|about|to(?=\s+[a-z]+\b)))\b",
    re.IGNORECASE,
)

# Phrase cues that hold their preposition ("asked about"): the topic follows.
ASKED_PHRASE_ENDS = (" about", " for", " on", " of")

# A comma or colon and an opening mark after "asked": a quoted question.
QUOTED_QUESTION = re.compile(r"\s*[,:]\s*[\"“]")


ASKED_OPENING = re.compile(
    r"\W*(?:(?:when|after|once|if)\s+)?(?:(?:he|she|they)\s+(?:was|were)\s+|(?:was|were)\s+)?",
    re.I,
)


# "he said when asked", "after being asked", "Trump was asked": a question to the subject.
ASKED_AFTER = re.compile(
    r"\b(?:(?:when|whenever|after|once|if|before|until|upon)(?:\s+(?:he|she|they|it|i|we))?"
    r"(?:\s+(?:was|were|being|is|are))?|was|were|been|being)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


def draft_asked(ctx: RuleContext, unit: Unit, cue: Cue) -> Draft | None:
    """``Asked whether C, X said ...``, ``he said when asked about C``, ``X was asked
    to C``: the question is reported; its asker is named only by "by X"."""
    text = ctx.text
    quoted = QUOTED_QUESTION.match(text, cue.end, unit.end)
    if quoted is not None:
        # 'X was asked, "Would you ...?"': the quoted question is reported.
        start = quoted.end() - 1
        content = trim(text, start, ctx.quotation_end(start, unit.end))
        if content is None:
            return None
        return Draft([content], Span(cue.start, cue.end), None, Rule.ASKED_QUESTION, 0.6, 2)
    match = QUESTION.match(text, cue.end, unit.end)
    if match is not None:
        start = match.start("question")
    elif text[cue.start : cue.end].lower().endswith(ASKED_PHRASE_ENDS):
        # The phrase cue "asked about" holds its preposition; its object follows.
        start = cue.end
    else:
        return None
    end = text.find(",", start, unit.end)
    content = trim(text, start, end if end > 0 else unit.end)
    if content is None:
        return None
    asker = None
    if match is not None and match.group("asker"):
        asker = trim(text, match.start("asker"), match.end("asker"))
    return Draft([content], Span(cue.start, cue.end), asker, Rule.ASKED_QUESTION, 0.6, priority=2)


def is_question_to_subject(text: str, unit: Unit, cue: Cue) -> bool:
    """Whether the cue "ask" puts a question to the sentence's subject ("Asked
    whether", "he said when asked", "Trump was asked"): ``draft_asked`` reads it."""
    return cue.lemma == "ask" and bool(
        ASKED_OPENING.fullmatch(text, unit.start, cue.start)
        or ASKED_AFTER.search(text, max(unit.start, cue.start - 30), cue.start)
    )
