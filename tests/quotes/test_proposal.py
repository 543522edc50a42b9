"""Hand-added quotations start as candidates with the nearest suggestion's cue and speaker."""

from __future__ import annotations

from quotes.model import Origin, Span, Status
from quotes.proposal import propose_attribution

TEXT = (
    "The harbour opened on Monday. Mayor Ines Okafor said the new quay would bring "
    "jobs to the town.\n\nNothing else happened."
)


def test_the_cue_and_speaker_come_from_the_suggestion_in_the_same_sentence() -> None:
    start = TEXT.index("the new quay")
    proposal = propose_attribution(TEXT, Span(start, TEXT.index(" to the town")))
    assert (proposal.status, proposal.origin) == (Status.CANDIDATE, Origin.HUMAN)
    assert proposal.cue is not None and proposal.cue.text_of(TEXT) == "said"
    assert proposal.speaker is not None and "Okafor" in proposal.speaker.text_of(TEXT)


def test_nothing_is_proposed_far_from_any_suggestion() -> None:
    text = "Plain words. " * 60 + "A long way off, the mayor said the quay is open."
    proposal = propose_attribution(text, Span(0, len("Plain words.")))
    assert (proposal.cue, proposal.speaker, proposal.speaker_name) == (None, None, None)
