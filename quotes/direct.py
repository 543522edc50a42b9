"""Direct speech beyond the cue rules: continuation quotations, typing by quotation share.

A quotation that follows an attributed quotation in the same paragraph without a cue
of its own ("A," he said. "B.") continues it and becomes its next fragment. A paragraph
that ends with a colon ("Cruz continued:") introduces the quotation paragraph after it. The type
of an attribution follows the share of its words inside quotation marks, the same
measure the gold data uses: at least 95% direct, none indirect, otherwise mixed.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from quotes.constructions.colon import draft_colon_clause
from quotes.constructions.context import RuleContext
from quotes.content_bounds import trim
from quotes.cues import Cue
from quotes.drafts import Draft, spans_of_draft
from quotes.lexicon import CueKind
from quotes.model import QuoteType, Span
from quotes.quotemarks import (
    CLOSING_MARKS,
    CLOSING_TRAIL,
    DOUBLED_APOSTROPHE,
    QuoteIndex,
    count_alnum,
)
from quotes.units import Unit

_DIRECT_SHARE = 0.95
_CLOSERS = (*CLOSING_MARKS, DOUBLED_APOSTROPHE)


def classify(text: str, fragments: list[Span], quotes: QuoteIndex, unquoted: bool) -> QuoteType:
    """The type of content made of ``fragments``; ``unquoted`` says the construction
    read it as direct speech, which without quotation marks is ``UNQUOTED``."""
    if not quotes.within(fragments[0].start, fragments[-1].end):
        return QuoteType.UNQUOTED if unquoted else QuoteType.INDIRECT
    total = sum(count_alnum(text, f.start, f.end) for f in fragments)
    if total == 0:
        return QuoteType.INDIRECT
    inside = sum(
        quotes.quoted_share(text, f.start, f.end) * count_alnum(text, f.start, f.end)
        for f in fragments
    )
    share = inside / total
    if unquoted and share == 0:
        return QuoteType.UNQUOTED
    if share >= _DIRECT_SHARE:
        return QuoteType.DIRECT
    if share == 0:
        return QuoteType.INDIRECT
    return QuoteType.MIXED


def _last_word_end(text: str, unit: Unit) -> int:
    """Where the unit's last letter or digit ends (its content may stop before the
    final punctuation)."""
    end = unit.end
    while end > unit.start and not text[end - 1].isalnum():
        end -= 1
    return end


def _is_whole_paragraph(text: str, units: list[Unit], number: int) -> bool:
    """Whether unit ``number`` is the only unit of its paragraph."""
    paragraph = units[number].paragraph
    following = units[number + 1] if number + 1 < len(units) else None
    return following is None or following.paragraph != paragraph


def attach_continuations(
    text: str, units: list[Unit], drafts_by_unit: list[list[Draft]], quotes: QuoteIndex
) -> None:
    """Append cue-less quotation units to the quotation they continue (in place).

    A unit continues the previous one's attribution when both lie in one paragraph,
    the unit has no draft of its own, opens with a quotation mark and is mostly
    quoted, and the previous attribution ended with a quotation.
    """
    for number in range(1, len(units)):
        unit = units[number]
        if drafts_by_unit[number]:
            continue
        previous_drafts = drafts_by_unit[number - 1]
        if not previous_drafts and _speaker_goes_on(text, units, drafts_by_unit, number):
            # '"A," Obama said after the meeting. He did not threaten anyone. "B."': a
            # sentence about the speaker between his quotations.
            previous_drafts = drafts_by_unit[number - 2]
        if not previous_drafts:
            continue
        span = trim(text, unit.start, unit.end)
        if span is None or quotes.covering(span.start) is None:
            continue
        new_paragraph = units[number - 1].paragraph != unit.paragraph
        # A paragraph that is one cue-less quotation continues the quotation that
        # closed the paragraph before (the speaker goes on talking).
        needed = 0.95 if new_paragraph else 0.8
        if quotes.quoted_share(text, span.start, span.end) < needed:
            continue
        if new_paragraph and not _is_whole_paragraph(text, units, number):
            continue
        quoted = [
            d
            for d in previous_drafts
            if quotes.quoted_share(text, d.fragments[-1].start, d.fragments[-1].end) >= 0.5
            or text[d.fragments[-1].start : d.fragments[-1].end].rstrip().endswith(_CLOSERS)
        ]
        if not quoted and not new_paragraph:
            # 'She said they made progress. "I really believe ..."': the speaker of
            # reported speech goes on in her own words, when she is the only one.
            reported = [
                d
                for d in previous_drafts
                if d.speaker is not None and d.end >= _last_word_end(text, units[number - 1])
            ]
            if (
                len(reported) == 1
                and quotes.quoted_share(text, span.start, span.end) >= _DIRECT_SHARE
            ):
                quoted = reported
        if not quoted:
            continue
        # The draft whose content closed with the quotation mark goes on, before one
        # that merely holds a quoted phrase ('..., after hinting that "changes" could come').
        last = max(
            quoted,
            key=lambda d: (
                text[d.fragments[-1].start : d.fragments[-1].end].rstrip().endswith(_CLOSERS),
                d.end,
            ),
        )
        last.fragments.append(span)
        drafts_by_unit[number] = [last]


def _speaker_goes_on(
    text: str, units: list[Unit], drafts_by_unit: list[list[Draft]], number: int
) -> bool:
    """Whether unit ``number - 1`` is a cue-less sentence about the speaker of unit
    ``number - 2`` ("He did not ..."), all three units in one paragraph."""
    if number < 2:
        return False
    middle, before = units[number - 1], units[number - 2]
    if not (before.paragraph == middle.paragraph == units[number].paragraph):
        return False
    if not drafts_by_unit[number - 2]:
        return False
    first = text[middle.start : middle.end].split(maxsplit=1)
    return bool(first) and first[0] in {"He", "She"}


def attach_colon_paragraphs(
    text: str,
    units: list[Unit],
    drafts_by_unit: list[list[Draft]],
    quotes: QuoteIndex,
    context: RuleContext,
) -> None:
    """Attribute a quotation paragraph to the colon that ends the paragraph before it
    (in place): ``The senator added:`` then ``"..."``.

    A draft of the colon's unit whose content lies between its cue and the colon
    ("told his audience, to applause:") takes the quotation as its content instead;
    otherwise the clause before the colon gives cue and speaker. Run before
    ``attach_continuations`` so that further quotation paragraphs continue it.
    """
    for number in range(len(units) - 1):
        unit = units[number]
        following = units[number + 1]
        if following.paragraph == unit.paragraph or drafts_by_unit[number + 1]:
            continue
        head = text[unit.start : unit.end].rstrip()
        if not head.endswith(":"):
            continue
        colon = unit.start + len(head) - 1
        span = trim(text, following.start, following.end)
        if span is None or quotes.covering(span.start) is None:
            continue
        if quotes.quoted_share(text, span.start, span.end) < _DIRECT_SHARE:
            continue
        draft = _draft_before_colon(drafts_by_unit[number], colon)
        if draft is not None:
            draft.fragments = [span]
        else:
            taken = [s for d in drafts_by_unit[number] for s in spans_of_draft(d)]
            draft = draft_colon_clause(context, unit, colon, span, taken)
            if draft is None:
                continue
            draft.unit = number
            draft.cue_start = draft.cue.start if draft.cue else unit.start
            drafts_by_unit[number].append(draft)
        drafts_by_unit[number + 1] = [draft]


def _draft_before_colon(drafts: list[Draft], colon: int) -> Draft | None:
    """The draft whose content sits between its cue and ``colon``: words that only
    lead to the quotation ("told his audience, to applause:")."""
    for draft in drafts:
        if draft.cue is None or len(draft.fragments) != 1:
            continue
        if draft.cue.end <= draft.start and draft.end >= colon - 1 and draft.end <= colon + 1:
            return draft
    return None


def drop_lead_ins(text: str, drafts: list[Draft], quotes: QuoteIndex, cues: list[Cue]) -> None:
    """Cut the words that only lead to a closing quotation off a draft's content (in
    place): ``a caveat: "Q"``, ``the headline by saying, "Q"``, ``one aide: "Q"``.

    The content's first fragment must end with a quotation that runs to its end and
    opens after a colon, or after a reporting verb of its own (another cue reports the
    quotation, so the words before it are not what was said).
    """
    ends = [c.end for c in cues]
    for draft in drafts:
        fragment = draft.fragments[0]
        inside = quotes.within(fragment.start, fragment.end)
        if not inside:
            continue
        last = inside[-1]
        if last.start <= fragment.start or last.end < fragment.end - 1:
            continue
        if any(q.start > fragment.start and q is not last for q in inside):
            continue  # quotations in the lead: mixed content, kept whole
        lead = text[fragment.start : last.start]
        words = lead.split()
        if not words or words[0].lower() in _CLAUSE_LEADS or len(words) > _MAX_LEAD_WORDS:
            continue  # "that A has two choices: "..."": a reported clause, kept whole
        if not (
            _is_colon_label(lead, words)
            or _ends_with_speech_cue(cues, ends, fragment.start + len(lead.rstrip(" ,:")), lead)
        ):
            continue
        if draft.cue is not None and last.start < draft.cue.end:
            continue
        span = trim(text, last.start, fragment.end)
        if span is not None:
            draft.fragments[0] = span


_MAX_LEAD_WORDS = 9
_CLAUSE_LEADS = frozenset("that was is were are has have had".split())
_SPEECH_CUE_KINDS = frozenset({CueKind.CLAUSE.value, "phrase"})
_RELATIVE_BEFORE_CUE = re.compile(r"\b(?:where|that|which|who)(?:\s+\S+){0,2}\s*$", re.I)


def _is_colon_label(lead: str, words: list[str]) -> bool:
    """Whether the lead is a short label and a colon: 'a caveat:', 'one aide:', or
    ending in a name ('the caucus - HuffPollster:')."""
    if not lead.rstrip().endswith(":"):
        return False
    return len(words) <= 3 or words[-1][:1].isupper()


def _ends_with_speech_cue(cues: list[Cue], ends: list[int], position: int, lead: str) -> bool:
    """Whether a reporting verb of its own ends the lead at ``position``: a participle
    ('by saying, "Q"', 'as saying "Q"') or a relative clause's verb ('a headline that
    said, "Q"')."""
    index = bisect_right(ends, position) - 1
    if index < 0 or cues[index].end != position or cues[index].kind not in _SPEECH_CUE_KINDS:
        return False
    cue = cues[index]
    if cue.participle:
        return True
    return (
        lead.rstrip().endswith((",", ":"))
        and _RELATIVE_BEFORE_CUE.search(
            lead, 0, max(0, len(lead.rstrip(" ,:")) - (cue.end - cue.start))
        )
        is not None
    )


def end_before_writer_words(text: str, drafts: list[Draft], quotes: QuoteIndex) -> None:
    """End content at a quotation's closing mark when the writer's words go on after it
    (in place): 'that the vote was "rigged," angering ...', 'immunity was only
    "partial," meaning ...', 'a "rapist" (although ...)'.
    """
    for draft in drafts:
        fragment = draft.fragments[-1]
        for quotation in quotes.within(fragment.start, fragment.end):
            if quotation.start <= fragment.start or quotation.end >= fragment.end:
                continue
            tail = _WRITER_TAIL.match(text, quotation.end, fragment.end)
            if tail is None:
                continue
            if tail.group("participle") and not (
                "," in tail.group()
                or text[quotation.start : quotation.end].rstrip(CLOSING_TRAIL)[-1:] == ","
            ):
                continue  # '"fight" and win', '"winning" urging': no comma, no new phrase
            if count_alnum(text, fragment.start, quotation.start) == 0:
                continue
            span = trim(text, fragment.start, quotation.end)
            if span is not None:
                draft.fragments[-1] = span
            break


# After a closing mark: a contrast, a bracket or a participle after a comma that the
# writer adds ("and" and "but" often go on with the speaker's words, so they do not).
_WRITER_TAIL = re.compile(
    r"[^\S\n]*(?:\(|,?[^\S\n]+(?:whereas|meaning)\b"
    r"|(?P<participle>,?[^\S\n]+(?-i:[a-z]+ing)\b))"
)
