"""The rule names are serialized (exports, the "why highlighted" view): they never change."""

from quotes.drafts import Rule
from quotes.extract import extract

SERIALIZED = {
    "according-to",
    "as-speaker-cue",
    "asked-question",
    "colon-clause-quote",
    "colon-quote",
    "content-cue-speaker",
    "content-speaker-cue",
    "cue-speaker-quote",
    "label-colon",
    "noun-cue",
    "opening-participle",
    "parenthetical-cue",
    "participle",
    "passive-complement",
    "passive-subject",
    "passive-that",
    "quote-cue-speaker",
    "quote-speaker-cue",
    "speaker-cue-content",
    "speaker-cue-object",
    "speaker-cue-quote",
    "speaker-cue-that",
    "split-quote",
    "unquoted-direct",
    "what-speaker-called",
}


def test_rule_values_are_the_serialized_names() -> None:
    assert {rule.value for rule in Rule} == SERIALIZED


def test_attributions_carry_plain_string_rule_names() -> None:
    (attribution,) = extract('"We will win," the senator said.').attributions
    assert attribution.rule == "quote-speaker-cue"
    assert type(attribution.rule) is str
