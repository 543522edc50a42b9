"""How training chooses the threshold for learned additions from cross-validated scores."""

from __future__ import annotations

from quotes.evaluate import Scores
from quotes.learning.calibration import PRECISION_FLOOR, choose_add_threshold
from quotes.learning.crf import NO_ADDITIONS


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
