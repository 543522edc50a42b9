"""Majority adjudication on hand-made layers."""

from __future__ import annotations

import pytest

from quotes.agreement import AgreementError, adjudicate_majority, compare_gold
from quotes.records import article_from_record
from tests.quotes.agreement.cases import JONES, KIM, LEE, SMITH, article, at, from_parts


def _layers() -> dict[str, list[dict[str, object]]]:
    return {
        "x": [article([from_parts(SMITH), from_parts(JONES), from_parts(LEE), from_parts(KIM)])],
        "y": [article([from_parts(SMITH), from_parts(JONES), from_parts(KIM, name="Lee")])],
        "z": [
            article(
                [
                    from_parts(SMITH, cue=None, kind="indirect"),
                    from_parts(KIM, name="Jones"),
                ]
            )
        ],
    }


def test_what_more_than_half_agree_on_goes_into_the_gold() -> None:
    result = adjudicate_majority(_layers())
    (gold,) = result.gold
    assert [q["start"] for q in gold["quotes"]] == [
        at('"taxes will rise"')[0],
        at("the road is closed")[0],
    ]
    assert [d.agreed for d in result.decisions] == [("x", "y", "z"), ("x", "y")]
    assert result.summary() == {"documents": 1, "gold_attributions": 2, "disagreements": 2}


def test_cue_and_type_come_from_the_majority() -> None:
    smith = adjudicate_majority(_layers()).gold[0]["quotes"][0]
    assert smith["cue"] == at("said")
    assert smith["type"] == "direct"
    assert (smith["speaker"], smith["speaker_name"]) == (at("Smith"), "Smith")
    assert (smith["status"], smith["annotator"]) == ("accepted", "majority")


def test_the_rest_are_disagreements_with_every_version() -> None:
    lee, kim = adjudicate_majority(_layers()).disagreements
    assert [v.annotator for v in lee.versions] == ["x"]
    assert (lee.absent, lee.supporters) == (("y", "z"), ("x",))
    # Everyone marked Kim's claim, but each gave another speaker: no majority.
    assert [v.annotator for v in kim.versions] == ["x", "y", "z"]
    assert [v.quote["speaker_name"] for v in kim.versions] == ["Kim", "Lee", "Jones"]
    assert kim.absent == ()
    assert len(kim.supporters) == 1


def test_half_is_not_a_majority() -> None:
    layers = {
        "w": [article([from_parts(JONES)])],
        "x": [article([from_parts(JONES)])],
        "y": [article([])],
        "z": [article([])],
    }
    result = adjudicate_majority(layers)
    assert result.gold[0]["quotes"] == []
    (only,) = result.disagreements
    assert only.supporters == ("w", "x")
    assert only.absent == ("y", "z")


def test_a_document_counts_only_its_own_annotators() -> None:
    other = "Nobody said anything here, Lee added."
    layers = {
        "x": [article([from_parts(JONES)]), article([], text=other)],
        "y": [article([from_parts(JONES)]), article([], text=other)],
        "z": [article([], text=other)],
    }
    result = adjudicate_majority(layers)
    assert [len(g["quotes"]) for g in result.gold] == [1, 0]


def test_content_comes_from_the_version_closest_to_the_others() -> None:
    layers = {
        "x": [article([from_parts(JONES, content="road is closed")])],
        "y": [article([from_parts(JONES)])],
        "z": [article([from_parts(JONES)])],
    }
    (quote,) = adjudicate_majority(layers).gold[0]["quotes"]
    assert [quote["start"], quote["end"]] == at("the road is closed")


def test_clusters_hold_one_version_per_annotator() -> None:
    # x splits what y marks as one quotation: only one of x's halves can pair with y's.
    layers = {
        "x": [
            article(
                [from_parts(JONES, content="the road is"), from_parts(JONES, content="is closed")]
            )
        ],
        "y": [article([from_parts(JONES, content="the road is closed")])],
    }
    result = adjudicate_majority(layers)
    assert len(result.decisions) == 1
    assert [v.annotator for d in result.disagreements for v in d.versions] == ["x"]


def test_gold_records_read_back_in_the_export_schema() -> None:
    gold = adjudicate_majority(_layers()).gold[0]
    parsed = article_from_record(gold)
    assert [a.annotator for a in parsed.attributions] == ["majority", "majority"]


def test_majority_gold_agrees_with_the_annotators_at_least_as_well_as_they_do() -> None:
    # x: Smith, Jones, Lee; y: Smith, Jones; z: Smith. Pairs: F1 .8, .5, 2/3; the
    # gold (Smith, Jones) against each: .8, 1, 2/3.
    layers = {
        "x": [article([from_parts(SMITH), from_parts(JONES), from_parts(LEE)])],
        "y": [article([from_parts(SMITH), from_parts(JONES)])],
        "z": [article([from_parts(SMITH)])],
    }
    comparison = compare_gold(layers, adjudicate_majority(layers).gold)
    assert comparison.annotators_content_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert comparison.gold_content_f1 == pytest.approx((0.8 + 1 + 2 / 3) / 3)
    assert comparison.gold_agrees_at_least_as_well


def test_adjudication_needs_two_known_annotators() -> None:
    with pytest.raises(AgreementError, match="unknown annotator 'q'"):
        adjudicate_majority(_layers(), ["x", "q"])
    with pytest.raises(AgreementError, match="at least two"):
        adjudicate_majority(_layers(), ["x"])


def test_the_majority_cue_never_runs_into_the_gold_content() -> None:
    # z's long cue ("told reporters the") overlaps every other cue, so it has the most
    # support; but it covers the first word of the content taken (x's), and a record
    # may not cover its own cue: the gold keeps the best-backed cue clear of it.
    layers = {
        "w": [article([from_parts(JONES, content="is closed", cue="the road")])],
        "x": [article([from_parts(JONES)])],
        "y": [article([from_parts(JONES)])],
        "z": [article([from_parts(JONES, content="road is closed", cue="told reporters the")])],
    }
    (quote,) = adjudicate_majority(layers).gold[0]["quotes"]
    assert (quote["start"], quote["end"]) == tuple(at("the road is closed"))
    assert quote["cue"] == at("told reporters")
