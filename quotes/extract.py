"""The extraction API: find the attributions in one article text.

This is the single entry point that import, the CLI and the UI call. It is a pure
function of the text, safe to call from any thread, about linear in the text length, and
it never raises: a defect in a rule costs that text its suggestions, not the import.

The pipeline: quotation marks are paired (``quotes.quotemarks``), Punkt sentences
are merged into units no quotation cuts (``quotes.units``), cues from the lexicon
are found (``quotes.cues``), the cue rules propose and choose drafts per unit
(``quotes.rules``), cue-less quotations continue the quotation before them and
lead-in words before a quotation are cut off (``quotes.direct``), and speaker
mentions are resolved to entities (``quotes.speakers.resolution``).
"""

from __future__ import annotations

import logging
import re

from quotes.collector import collection_paused
from quotes.cues import MODIFIER, NOUN, find_cues
from quotes.direct import (
    attach_colon_paragraphs,
    attach_continuations,
    classify,
    drop_lead_ins,
    end_before_writer_words,
)
from quotes.drafts import Draft
from quotes.lexicon import Lexicon, default_lexicon
from quotes.model import Attribution, Extraction, Origin, Status
from quotes.quotemarks import QuoteIndex, find_quotations
from quotes.rules import UnitRules
from quotes.speakers.resolution import SpeakerResolver
from quotes.units import build_units

_log = logging.getLogger(__name__)
_COLON_QUOTE = re.compile(r":[^\S\n]*[\"“]")


def extract(text: str, *, lexicon: Lexicon | None = None) -> Extraction:
    """Return the candidate attributions and speaker roster found in ``text``.

    Every returned attribution has status ``candidate`` and origin ``rule``, a
    ``rule`` name and a ``confidence`` in (0, 1]. Never raises: on an internal
    error the problem is logged and an empty extraction returned.

    :param lexicon: the cues to look for (None: the shipped lexicon). A user's own cue
        file reaches here as an argument from whoever loaded it (the command line).
    """
    try:
        # Paused around ``extract_with`` rather than inside it: its intermediate
        # objects are freed when it returns, before the collector is back on.
        with collection_paused():
            return extract_with(text, lexicon or default_lexicon())
    except Exception:  # the import pipeline must survive any text
        _log.exception("extraction failed on a text of %d characters", len(text))
        return Extraction(attributions=())


def extract_with(text: str, lexicon: Lexicon) -> Extraction:
    """``extract`` with a given lexicon; unlike ``extract`` it lets errors through."""
    if not isinstance(text, str) or not text.strip():
        return Extraction(attributions=())
    quotations = find_quotations(text)
    quotes = QuoteIndex(quotations)
    cues = find_cues(text, lexicon)
    # Only a paragraph with a cue needs its sentences: elsewhere nothing is attributed
    # and a quotation paragraph continues its predecessor whole. Punkt is the costliest
    # step, so this keeps extraction fast.
    marks = [c.start for c in cues if c.kind not in (MODIFIER, NOUN)]
    # 'Clinton: "A." Bush: "B."' has no cue word but two attributions, one a sentence.
    colons = [m.start() for m in _COLON_QUOTE.finditer(text)]
    if colons:
        marks = sorted(marks + colons)
    units = build_units(text, quotations, marks)
    rules = UnitRules(text, cues, quotes)
    drafts_by_unit = [rules.drafts_for(unit, number) for number, unit in enumerate(units)]
    attach_colon_paragraphs(text, units, drafts_by_unit, quotes, rules.context)
    attach_continuations(text, units, drafts_by_unit, quotes)
    drafts: list[Draft] = []
    seen: set[int] = set()
    for unit_drafts in drafts_by_unit:
        for draft in unit_drafts:
            if id(draft) not in seen:
                seen.add(id(draft))
                drafts.append(draft)
    drop_lead_ins(text, drafts, quotes, cues)
    end_before_writer_words(text, drafts, quotes)
    _inherit_speakers(drafts)
    drafts.sort(key=lambda d: d.cue_start)
    resolver = SpeakerResolver(text)
    attributions = []
    for draft in drafts:
        speaker_name = resolver.resolve(draft.speaker) if draft.speaker is not None else None
        attributions.append(
            Attribution(
                fragments=tuple(draft.fragments),
                type=classify(text, draft.fragments, quotes, draft.unquoted_direct),
                cue=draft.cue,
                speaker=draft.speaker,
                speaker_name=speaker_name,
                status=Status.CANDIDATE,
                origin=Origin.RULE,
                confidence=round(draft.confidence, 2),
                rule=draft.rule.value,
            )
        )
    attributions.sort(key=lambda a: (a.start, a.end))
    return Extraction(attributions=tuple(attributions), speakers=resolver.roster())


def _inherit_speakers(drafts: list[Draft]) -> None:
    """Give a participle draft ("..., adding that") the speaker of its unit's main draft.

    The main draft is the last draft of the unit (in ``drafts`` order) that has a speaker
    of its own and a cue before the participle's. Drafts are grouped by unit first, so
    the cost is that of the drafts, not their square.
    """
    owners_by_unit: dict[int, list[Draft]] = {}
    for draft in drafts:
        if draft.speaker is not None and not draft.inherits_speaker:
            owners_by_unit.setdefault(draft.unit, []).append(draft)
    for draft in drafts:
        if not draft.inherits_speaker:
            continue
        owners = [d for d in owners_by_unit.get(draft.unit, ()) if d.cue_start < draft.cue_start]
        if owners:
            draft.speaker = owners[-1].speaker
