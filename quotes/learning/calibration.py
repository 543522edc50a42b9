"""Choosing a model's threshold for learned additions from cross-validated scores.

The CRF's P(content) is not calibrated: in bench/learning.py about half of the spans it
adds at 0.95 match a gold attribution, and which threshold pays depends on the team's
guidelines (a team that marks beliefs and perceptions gains from additions that a team
marking speech only would reject). So training scores each fold's held-out articles at
every threshold of ``CANDIDATES`` and at ``NO_ADDITIONS``, against the team's own
records, and ``choose_add_threshold`` keeps the one with the best F1 among those that

- hold precision at ``PRECISION_FLOOR`` (or at the rules' own precision when that is
  lower: additions may not make a precision worse than the rules had), and
- lose nothing on speech: F1 with recall over the team's speech records only is at
  least what adding nothing gives. Learned additions are mostly beliefs and
  perceptions; each wrong one costs the speech attributions precision, which a wider
  guideline's recall must not buy.

Pure functions; safe from any thread.
"""

from __future__ import annotations

from collections.abc import Mapping

from quotes.evaluate import Scores
from quotes.learning.crf import NO_ADDITIONS

# The thresholds cross-validation tries, besides adding nothing.
CANDIDATES = (0.8, 0.85, 0.9, 0.95, 0.98)
# The precision the suggestions must keep, against the team's records, for learned
# additions to be made at all (the figure the learning issue set).
PRECISION_FLOOR = 0.88


def choose_add_threshold(
    by_threshold: Mapping[float, Scores],
    rules: Scores,
    *,
    speech: Mapping[float, Scores] | None = None,
) -> float:
    """The threshold whose scores are best, by the rule in the module's docstring.

    :param by_threshold: cross-validated scores of rules + model per threshold; an entry
        for ``NO_ADDITIONS`` is the fallback (and is returned when no entry qualifies).
    :param rules: the rules' scores on the same folds.
    :param speech: the same scores with recall over speech records only, with an entry
        for ``NO_ADDITIONS``; None skips the speech condition.
    """
    floor = min(PRECISION_FLOOR, rules.precision)
    best = NO_ADDITIONS
    best_f1 = by_threshold[NO_ADDITIONS].f1 if NO_ADDITIONS in by_threshold else rules.f1
    # Highest first, and a lower one must do strictly better: of equal scores, adding
    # less is the safer choice on articles unlike the training ones.
    for threshold in sorted(by_threshold, reverse=True):
        scores = by_threshold[threshold]
        if threshold == NO_ADDITIONS or scores.precision < floor:
            continue
        if speech is not None and speech[threshold].f1 < speech[NO_ADDITIONS].f1:
            continue
        if scores.f1 > best_f1:
            best, best_f1 = threshold, scores.f1
    return best
