"""Where reported content stops before the end of its unit: a new clause, or a
comment of the writer (a closing apposition, relative clause or aside).

``content_stop`` is a pure function of the text and offsets; thread-safe.
"""

from __future__ import annotations

import re

from quotes.quotemarks import leaves_quotation_open
from quotes.tokens import AUXILIARIES

# Where reported content stops before the end of its sentence: a new clause with its
# own subject or a comment of the writer ("..., which was passed in 2010").
# The lookahead lets the engine reject most positions with one test: every stop opens
# with a space, a comma or a semicolon (same matches, about twice as fast).
_CONTENT_STOP = re.compile(
    r"(?=[\s;,])\s*(?:;|,\s*(?:but|which|while|whereas|although|though|according\s+to)\b"
    # A second verb phrase of the speaker: "... in the case but stopped short of ...",
    # "..., and has called for ...".
    r"|,?\s+(?:and|but)\s+(?:(?:also|then|later|still|never|has|have|had)\s+)?"
    r"(?:has|have|had|said|says|told|added|noted|argued|\w+ed)\b"
    # A new clause with its own pronoun subject, or a comparison by the writer.
    r"|,\s+(?:and|but)\s+(?:he|she|they|we|it)\s+(?:\w+ed|said|says|has|had|have)\b"
    # A new clause with its own subject after ", and" ("..., and Clinton is promising").
    r"|,\s+(?:and|but)\s+(?:he|she|they|we|it|i|(?-i:[A-Z][\w’'.-]+)(?:\s+(?-i:[A-Z][\w’'.-]+))*)"
    r"\s+(?-i:[a-z])"
    # An absolute phrase of the writer: "..., with Trump repeatedly interrupting ...".
    r"|,\s+with\s+(?:[\w’'.-]+\s+){1,4}?(?-i:[a-z]+ing)\b"
    # A closing parenthesis of the writer: "... 250,000 refugees (Obama proposed 10,000)."
    r"|\s+\((?=[^()]*\)[\s.,;:!?”\"]*$)"
    # "..., and that's something ...", "..., but there is ...": the writer goes on.
    r"|,\s+(?:and|but)\s+(?:that[’']s|there\s+(?:is|are|was|were))\b"
    r"|,?\s+compared\s+(?:to|with)\b)",
    re.IGNORECASE,
)


def content_stop(text: str, start: int, end: int) -> int:
    """The end of reported content that starts at ``start`` in a unit ending at ``end``.

    Stops inside quotation marks do not count: a quotation is reported whole.
    """
    stopped = False
    for match in _CONTENT_STOP.finditer(text, start, end):
        if match.start() > start and not leaves_quotation_open(
            text[start : match.start()], doubled_apostrophes=True
        ):
            end, stopped = match.start(), True
            break
    # Both closing patterns below end in the range's last comma and the words after it
    # (no other comma), so their searches start there, at the word before that comma
    # for the apposition, rather than at every capital or comma of a long content:
    # same matches, and a content without a comma skips both.
    comma = text.rfind(",", start, end)
    apposition = (
        _FINAL_APPOSITION.search(text, _run_start(text, start, comma), end) if comma >= 0 else None
    )
    if (
        apposition is not None
        and not leaves_quotation_open(text[start : apposition.start(1)], doubled_apostrophes=True)
        and _VERB_IN_APPOSITION.search(text, apposition.start(1), end) is None
    ):
        # "... his support for Mr. Trump, the party's nominee.": the writer names who
        # Mr. Trump is.
        return apposition.start(1)
    relative = _FINAL_RELATIVE.search(text, comma, end) if comma >= 0 else None
    if relative is not None and relative.start() > start:
        # "... to Tom Hale, who led the rescue.": a closing relative clause on a name is
        # the writer's; one followed by its sentence's verb ("X, who ..., did") is not.
        return relative.start()
    if stopped:
        return end
    # A last dash sets off the writer's aside ("... in 2010 - then known as X");
    # a pair of dashes sits inside the content ("a bigger stage -- the DNC -- to ...").
    dash = None
    for match in _DASH.finditer(text, start, end):
        if match.start() > start:
            if dash is not None:
                return end  # a second dash: no last dash alone; no need to look further
            dash = match.start()
    if dash is not None and not leaves_quotation_open(text[start:dash], doubled_apostrophes=True):
        return dash
    return end


def _run_start(text: str, start: int, position: int) -> int:
    """Where the run of ``[\\w’'.-]`` characters that ends at ``position`` begins (not
    before ``start``): the earliest place a name ending at ``position`` can open."""
    while position > start and (text[position - 1].isalnum() or text[position - 1] in "_’'.-"):
        position -= 1
    return position


# ", the party's nominee." after a capitalised name, to the end of the content.
_FINAL_APPOSITION = re.compile(r"\b[A-Z][\w’'.-]*(,)\s+(?:the|a|an)\s+[^,;\"“”]*$")
_VERB_IN_APPOSITION = re.compile(
    rf"\b(?:{'|'.join(sorted(AUXILIARIES))}|(?-i:[a-z]+ed))\b", re.IGNORECASE
)
# ", who ..." (or whom, whose) with no later comma: a relative clause closing the content.
_FINAL_RELATIVE = re.compile(r",\s*(?:who|whom|whose)\b[^,;]*$", re.IGNORECASE)
_DASH = re.compile(r"\s(?:[—–―]|--?)\s|[—―]")
