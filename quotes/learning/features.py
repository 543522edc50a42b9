"""Per-token features of an article, grouped by paragraph, from what the engine computes.

A token's features are strings (python-crfsuite weighs each 1): its word, shape and
suffix; the rules' own label for it (content start, content, cue, speaker, none) and the
rule's name; whether it lies inside a quotation or is a quotation mark; the lexicon cue
it belongs to (kind and lemma); how far the nearest cue is on either side within the
paragraph; its neighbours' words, and their rule labels and cue kinds.

``FEATURE_SET`` numbers this choice of features: a model is only usable with the set it
was trained on, so a change to the features must bump it.

Only paragraphs with a cue, a quotation mark or a rule suggestion become sequences: the
rest never hold an attribution the model could learn from the rules' evidence, and
skipping them keeps suggestion fast. Pure functions; safe from any thread.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from quotes.cues import find_cues
from quotes.lexicon import Lexicon
from quotes.model import Attribution, Span
from quotes.quotemarks import find_quotations
from quotes.tokens import PRONOUNS, Token, tokenize

FEATURE_SET = 2
# The rules' label of a token: first content token, content, cue, speaker, none.
RULE_START, RULE_CONTENT, RULE_CUE, RULE_SPEAKER, RULE_NONE = "B", "C", "K", "S", "O"
# The rule-label features of content tokens; features put the rule label fourth.
RULE_CONTENT_FEATURES = frozenset({"r=" + RULE_START, "r=" + RULE_CONTENT})
_QUOTE_MARKS = frozenset("\"“”‘’«»„'`")
# Distance buckets (in tokens) to the nearest cue; the CRF learns per bucket.
_BUCKETS = (0, 1, 2, 3, 6, 12, 25)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One sequence for the model: its tokens and each token's feature strings."""

    tokens: list[Token]
    features: list[list[str]]


def token_index(tokens: Sequence[Token]) -> list[int]:
    """The start offsets of ``tokens``, for ``tokens_in``."""
    return [t.start for t in tokens]


def tokens_in(starts: Sequence[int], span: Span) -> range:
    """The indexes of the tokens that start inside ``span``."""
    return range(bisect_left(starts, span.start), bisect_left(starts, span.end))


def mark_attributions(
    labels: list[str],
    starts: Sequence[int],
    attributions: Sequence[Attribution],
    *,
    cue: str,
    speaker: str,
    begin: str,
    inside: str,
) -> list[tuple[Attribution, range]]:
    """Write the parts of ``attributions`` onto ``labels`` (one per token of ``starts``).

    Cues and speakers are written first, so that content (another record's) wins where
    they meet; a content fragment's first token gets ``begin``, the rest ``inside``.

    :returns: each fragment's token run with its attribution, in the order written.
    """
    for attribution in attributions:
        for span, label in ((attribution.cue, cue), (attribution.speaker, speaker)):
            if span is not None:
                for i in tokens_in(starts, span):
                    labels[i] = label
    runs = []
    for attribution in attributions:
        for fragment in attribution.fragments:
            run = tokens_in(starts, fragment)
            for i in run:
                labels[i] = inside
            if run:
                labels[run[0]] = begin
            runs.append((attribution, run))
    return runs


def _rule_labels(
    starts: list[int], attributions: Sequence[Attribution]
) -> tuple[list[str], list[str]]:
    labels = [RULE_NONE] * len(starts)
    names = [""] * len(starts)
    marked = mark_attributions(
        labels,
        starts,
        attributions,
        cue=RULE_CUE,
        speaker=RULE_SPEAKER,
        begin=RULE_START,
        inside=RULE_CONTENT,
    )
    for attribution, run in marked:
        for i in run:
            names[i] = attribution.rule
    return labels, names


def _quote_state(text: str, tokens: list[Token]) -> list[bool]:
    inside = [False] * len(tokens)
    quotations = find_quotations(text)
    if not quotations:
        return inside
    starts = token_index(tokens)
    for quotation in quotations:
        for i in range(
            bisect_left(starts, quotation.start + 1), bisect_left(starts, quotation.end - 1)
        ):
            inside[i] = True
    return inside


def _cue_marks(text: str, starts: list[int], lexicon: Lexicon) -> tuple[list[str], list[str]]:
    kinds = [""] * len(starts)
    lemmas = [""] * len(starts)
    for cue in find_cues(text, lexicon):
        run = range(bisect_left(starts, cue.start), bisect_left(starts, cue.end))
        for i in run:
            kinds[i] = cue.kind
        if run:
            lemmas[run[0]] = cue.lemma
    return kinds, lemmas


def _bucket_of(distance: int) -> str:
    for bound in _BUCKETS:
        if distance <= bound:
            return str(bound)
    return "far"


# Looked up per token, so precomputed: distance -> bucket name.
_BUCKET_NAMES = [_bucket_of(d) for d in range(_BUCKETS[-1] + 1)]


def _bucket(distance: int) -> str:
    return _BUCKET_NAMES[distance] if distance <= _BUCKETS[-1] else "far"


@lru_cache(maxsize=65536)  # bounded: an archive brings ever new words
def _shape(word: str) -> str:
    first = word[0]
    if first.isdigit():
        return "d"
    if not first.isalpha():
        return "p"
    if word.isupper() and len(word) > 1:
        return "X"
    return "Xx" if first.isupper() else "x"


def _paragraph_bounds(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    bounds = []
    begin = 0
    for i in range(1, len(tokens)):
        if "\n" in text[tokens[i - 1].end : tokens[i].start]:
            bounds.append((begin, i))
            begin = i
    if tokens:
        bounds.append((begin, len(tokens)))
    return bounds


def paragraph_features(
    text: str, attributions: Sequence[Attribution], lexicon: Lexicon
) -> list[Paragraph]:
    """The model's input for ``text``: one ``Paragraph`` per paragraph worth tagging.

    :param attributions: the rules' suggestions for ``text`` (``extract_with``'s output).
    """
    tokens = tokenize(text)
    starts = token_index(tokens)
    rules, names = _rule_labels(starts, attributions)
    quoted = _quote_state(text, tokens)
    kinds, lemmas = _cue_marks(text, starts, lexicon)
    paragraphs = []
    for begin, end in _paragraph_bounds(text, tokens):
        worth = any(
            kinds[i] or quoted[i] or rules[i] != RULE_NONE or tokens[i].text in _QUOTE_MARKS
            for i in range(begin, end)
        )
        if worth:
            features = _features_of(tokens, rules, names, quoted, kinds, lemmas, begin, end)
            paragraphs.append(Paragraph(tokens[begin:end], features))
    return paragraphs


def _cue_distances(kinds: list[str], begin: int, end: int) -> tuple[list[str], list[str]]:
    """Per token of ``begin:end``: the bucketed distance to the nearest cue token on its
    left and on its right within the paragraph (``"none"`` when there is none)."""
    cue_at = [i for i in range(begin, end) if kinds[i]]
    size = end - begin
    if not cue_at:
        return ["none"] * size, ["none"] * size
    left = ["none"] * (cue_at[0] - begin)
    right: list[str] = []
    previous = begin - 1
    for at in cue_at:
        # tokens previous+1 .. at: their right-hand cue is ``at``
        right.extend(_bucket(at - i) for i in range(previous + 1, at + 1))
        previous = at
    right.extend(["none"] * (end - 1 - previous))
    for here, following in zip(cue_at, [*cue_at[1:], end], strict=True):
        left.extend(_bucket(i - here) for i in range(here, following))
    return left, right


def _prefixed(prefix: str, values: Sequence[str]) -> list[str]:
    return [prefix + value for value in values]


def _features_of(
    tokens: list[Token],
    rules: list[str],
    names: list[str],
    quoted: list[bool],
    kinds: list[str],
    lemmas: list[str],
    begin: int,
    end: int,
) -> list[list[str]]:
    # Built column by column: each feature is one list comprehension over the
    # paragraph, several times faster than building each token's row by hand.
    # Neighbours' rule labels and cue kinds are one feature each (a conjunction), and
    # words two away are left out: with a third fewer strings per token crfsuite reads
    # the rows that much faster, and in bench/learning.py the model scored the same.
    words = [t.lower for t in tokens[begin:end]]
    rule = rules[begin:end]
    kind = kinds[begin:end]
    left, right = _cue_distances(kinds, begin, end)
    columns = (  # the rule label must stay fourth: see RULE_CONTENT_FEATURES
        _prefixed("w=", words),
        ["sh=" + _shape(t.text) for t in tokens[begin:end]],
        ["suf=" + word[-3:] for word in words],
        _prefixed("r=", rule),
        ["q=1" if q else "q=0" for q in quoted[begin:end]],
        ["d=" + a + "|" + b for a, b in zip(left, right, strict=True)],
        _prefixed("w-1=", ["^", *words[:-1]]),
        _prefixed("w+1=", [*words[1:], "$"]),
        [
            "r3=" + a + b + c
            for a, b, c in zip(["^", *rule[:-1]], rule, [*rule[1:], "$"], strict=True)
        ],
        ["k2=" + a + "|" + b for a, b in zip(["^", *kind[:-1]], [*kind[1:], "$"], strict=True)],
    )
    rows = [list(row) for row in zip(*columns, strict=True)]
    for j, row in enumerate(rows):
        i = begin + j
        if kind[j]:
            row.append("k=" + kind[j])
        if lemmas[i]:
            row.append("kl=" + lemmas[i])
        if names[i]:
            row.append("rn=" + names[i])
        if tokens[i].text in _QUOTE_MARKS:
            row.append("qm")
        if words[j] in PRONOUNS:
            row.append("pron")
    if rows:
        rows[0].append("first")
    return rows
