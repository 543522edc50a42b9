"""Agreement on the parts of matched attributions: cue, speaker and type.

For each matched pair of attributions (one per annotator) a facet gives each side
a nominal label, the same label when the two sides agree, so that the raw share
and Cohen's kappa are computed from one list of label pairs:

- cue: agree when both have no cue or their cue spans overlap; a label is the cue
  span (or "none"), so chance agreement is mostly the chance of "no cue" twice;
- speaker: the same resolved person (``same_speaker``); a label is the speaker's
  normalised name, else the mention span, else "none";
- type: direct / indirect / mixed as written (missing means indirect).

Cohen's kappa is ``nltk.metrics.agreement.AnnotationTask.kappa`` over those pairs.
Pure and thread-safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from nltk.metrics.agreement import AnnotationTask

Quote = Mapping[str, Any]
LabelPair = tuple[str, str]

_NOT_NAME = re.compile(r"[^\w\s]+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def speaker_name_key(name: object) -> str | None:
    """The comparable form of a speaker name: case-folded, punctuation and a leading
    article dropped, spaces collapsed; None for no name."""
    if not isinstance(name, str):
        return None
    key = " ".join(_NOT_NAME.sub(" ", name.casefold()).split())
    key = _LEADING_ARTICLE.sub("", key)
    return key or None


def _span(value: Any) -> tuple[int, int] | None:
    if not value:
        return None
    return int(value[0]), int(value[1])


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def same_speaker(first: Quote, second: Quote) -> bool:
    """Whether two attributions give the same person as their speaker.

    Names decide when both sides have one: equal normalised names, or, for
    mentions that overlap, one name's words inside the other's ("Trump" in
    "Donald Trump" written at the same place). Without a name on one side, the
    mentions decide: they must overlap. Two attributions without any speaker agree.
    """
    names = (
        speaker_name_key(first.get("speaker_name")),
        speaker_name_key(second.get("speaker_name")),
    )
    mentions = _span(first.get("speaker")), _span(second.get("speaker"))
    overlapping = _overlap(*mentions)
    if names[0] is not None and names[1] is not None:
        if names[0] == names[1]:
            return True
        if not overlapping:
            return False
        shorter, longer = sorted((f" {n} " for n in names), key=len)
        return shorter in longer
    if names == (None, None) and mentions == (None, None):
        return True
    return overlapping


def _speaker_label(quote: Quote) -> str:
    name = speaker_name_key(quote.get("speaker_name"))
    if name is not None:
        return f"name:{name}"
    mention = _span(quote.get("speaker"))
    return f"mention:{mention[0]}-{mention[1]}" if mention else "none"


def _cue_label(quote: Quote) -> str:
    cue = _span(quote.get("cue"))
    return f"cue:{cue[0]}-{cue[1]}" if cue else "none"


def speaker_labels(first: Quote, second: Quote) -> LabelPair:
    """The speaker labels of a matched pair: equal when ``same_speaker``."""
    label = _speaker_label(first)
    return (label, label) if same_speaker(first, second) else (label, _speaker_label(second))


def cue_labels(first: Quote, second: Quote) -> LabelPair:
    """The cue labels of a matched pair: equal when both lack a cue or the cues overlap."""
    a, b = _span(first.get("cue")), _span(second.get("cue"))
    label = _cue_label(first)
    if (a is None and b is None) or _overlap(a, b):
        return label, label
    return label, _cue_label(second)


def type_labels(first: Quote, second: Quote) -> LabelPair:
    """The types of a matched pair as written (a missing type is indirect)."""
    return str(first.get("type") or "indirect"), str(second.get("type") or "indirect")


FACETS: Mapping[str, Callable[[Quote, Quote], LabelPair]] = {
    "cue_agreement": cue_labels,
    "speaker_agreement": speaker_labels,
    "type_agreement": type_labels,
}


def share_agreeing(pairs: Sequence[LabelPair]) -> float | None:
    """Share of pairs whose two labels are equal; None for no pairs."""
    if not pairs:
        return None
    return sum(a == b for a, b in pairs) / len(pairs)


def cohen_kappa(pairs: Sequence[LabelPair]) -> float | None:
    """Cohen's kappa of two annotators over ``pairs`` (nltk's ``AnnotationTask``).

    None for no pairs; 1.0 when both sides always use the one same label (chance
    agreement is certain and so is the observed one: nltk's convention, as for alpha).
    """
    if not pairs:
        return None
    data = [("a", i, a) for i, (a, _b) in enumerate(pairs)]
    data += [("b", i, b) for i, (_a, b) in enumerate(pairs)]
    task = AnnotationTask(data=data)
    return float(task.kappa())
