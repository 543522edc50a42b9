"""Agreement between annotators and majority adjudication, over export-schema records.

``measure_agreement(layers)`` gives the figures of issue 10 (token alpha, pairwise
content F1, cue / speaker / type agreement with Cohen's kappa, per pair and per
document); ``adjudicate_majority(layers)`` the gold that a majority backs and the
disagreements left for a person; ``compare_gold`` checks a gold against the
annotators. ``layers[annotator]`` is that annotator's list of article records in
the export schema; same text = same document. No Qt, no SQLite; thread-safe.
"""

from quotes.agreement.documents import AgreementError
from quotes.agreement.gold_check import GoldComparison, compare_gold
from quotes.agreement.majority import (
    Adjudication,
    Disagreement,
    MajorityDecision,
    Version,
    adjudicate_majority,
)
from quotes.agreement.measure import measure_agreement
from quotes.agreement.report import (
    AgreementReport,
    DocumentAgreement,
    FacetFigure,
    Figure,
    PairAgreement,
)

__all__ = [
    "Adjudication",
    "AgreementError",
    "AgreementReport",
    "Disagreement",
    "DocumentAgreement",
    "FacetFigure",
    "Figure",
    "GoldComparison",
    "MajorityDecision",
    "PairAgreement",
    "Version",
    "adjudicate_majority",
    "compare_gold",
    "measure_agreement",
]
