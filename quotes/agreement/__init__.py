"""Agreement between annotators and majority adjudication, over export-schema records.

``measure_agreement(layers)`` gives the figures of issue 10 (token alpha, pairwise
content F1, cue / speaker / type agreement with Cohen's kappa, per pair and per
document); ``adjudicate_majority(layers)`` the gold that a majority backs and the
disagreements left for a person. ``layers[annotator]`` is that annotator's list of
article records in the export schema; same text = same document. No Qt, no SQLite.
"""

from quotes.agreement.documents import AgreementError
from quotes.agreement.measure import measure_agreement
from quotes.agreement.report import AgreementReport

__all__ = ["AgreementError", "AgreementReport", "measure_agreement"]
