"""The one quote-mark alphabet: the open-quotation test and the hand-drawn span's type."""

import pytest

from quotes.model import QuoteType
from quotes.quotemarks import guess_quote_type, leaves_quotation_open


@pytest.mark.parametrize(
    ("segment", "doubled", "expected"),
    [
        ('He said "we', False, True),
        ('He said "we" and', False, False),
        ("He said \u201cwe", False, True),
        ("He said \u201cwe\u201d and", False, False),
        # A stray closing mark leaves nothing open.
        ("we\u201d and", False, False),
        # A wire feed's doubled apostrophe opens a quotation only when counted.
        ("He said ''we", False, False),
        ("He said ''we", True, True),
        ("He said ''we'' and", True, False),
    ],
)
def test_leaves_quotation_open(segment: str, doubled: bool, expected: bool) -> None:
    assert leaves_quotation_open(segment, doubled_apostrophes=doubled) is expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("\u201eWir schaffen das\u201c", QuoteType.DIRECT),
        ("\u2018We will win\u2019", QuoteType.DIRECT),
        ("\u2039Nous gagnerons\u203a", QuoteType.DIRECT),
        ("that the plan was \u201ea disgrace\u201c", QuoteType.MIXED),
        ("that the minister\u2019s plan failed", QuoteType.INDIRECT),
    ],
)
def test_a_hand_drawn_span_is_typed_by_its_marks(words: str, expected: QuoteType) -> None:
    assert guess_quote_type(words) == expected
