"""How training chooses the threshold for learned additions from cross-validated scores,
and which of a team's records count as speech for it."""

from __future__ import annotations

from quotes.cues import find_cues
from quotes.evaluate import Scores
from quotes.learning.calibration import PRECISION_FLOOR, choose_add_threshold
from quotes.learning.crf import NO_ADDITIONS
from quotes.learning.training import is_speech_record
from quotes.lexicon import default_lexicon
from quotes.model import Attribution, QuoteType, Span


def _scores(precision: float, recall: float) -> Scores:
    """Counts with these rates (over 1,000 predictions and 1,000 gold records)."""
    return Scores(
        predictions=1000,
        matched_predictions=round(precision * 1000),
        gold_speech=1000,
        matched_speech=round(recall * 1000),
    )


RULES = _scores(0.93, 0.55)


def test_the_best_f1_that_keeps_precision_wins() -> None:
    chosen = choose_add_threshold(
        {
            0.8: _scores(0.85, 0.70),  # best F1, but precision below the floor
            0.9: _scores(0.89, 0.62),
            0.95: _scores(0.91, 0.58),
            NO_ADDITIONS: _scores(0.93, 0.55),
        },
        RULES,
    )
    assert chosen == 0.9


def test_nothing_is_added_when_no_threshold_beats_adding_nothing() -> None:
    chosen = choose_add_threshold(
        {0.9: _scores(0.88, 0.56), 0.95: _scores(0.92, 0.55), NO_ADDITIONS: RULES}, RULES
    )
    assert chosen == NO_ADDITIONS


def test_of_equal_scores_the_higher_threshold_is_kept() -> None:
    same = _scores(0.92, 0.60)
    chosen = choose_add_threshold({0.85: same, 0.95: same, NO_ADDITIONS: RULES}, RULES)
    assert chosen == 0.95


def test_below_the_floor_the_rules_own_precision_is_the_bar() -> None:
    weak_rules = _scores(0.80, 0.50)
    assert weak_rules.precision < PRECISION_FLOOR
    by_threshold = {
        0.8: _scores(0.78, 0.65),  # less precise than the rules already were
        0.9: _scores(0.81, 0.58),
        NO_ADDITIONS: weak_rules,
    }
    assert choose_add_threshold(by_threshold, weak_rules) == 0.9


def test_a_threshold_that_costs_the_speech_records_is_not_chosen() -> None:
    overall = {0.9: _scores(0.90, 0.62), 0.95: _scores(0.92, 0.58), NO_ADDITIONS: RULES}
    speech = {
        0.9: _scores(0.90, 0.80),  # more recall overall, but speech F1 below adding nothing
        0.95: _scores(0.92, 0.82),
        NO_ADDITIONS: _scores(0.93, 0.81),
    }
    assert choose_add_threshold(overall, RULES, speech=speech) == 0.95
    speech[0.95] = _scores(0.91, 0.81)
    assert choose_add_threshold(overall, RULES, speech=speech) == NO_ADDITIONS


def test_speech_records_are_those_with_a_cue_of_speech_or_none() -> None:
    text = 'Ana said the bridge would open. Ben believes it will not. Cruz: "Never."'
    cues = find_cues(text, default_lexicon())

    def record(cue: str | None) -> Attribution:
        start = text.index(cue) if cue else 0
        return Attribution(
            fragments=(Span(0, 3),),
            type=QuoteType.INDIRECT,
            cue=Span(start, start + len(cue)) if cue else None,
        )

    assert [is_speech_record(record(c), cues) for c in ("said", "believes", None)] == [
        True,
        False,
        True,
    ]
