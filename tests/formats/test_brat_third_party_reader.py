"""The brat export reads with a brat parser that is not ours (pybrat, from the registry).

pybrat rejects two entities on one span, which brat itself allows and the PolNeAR
scheme needs (an Attribution event's trigger lies on its Cue), so it runs with
``error="ignore"``; that also skips lines it cannot parse, so the test counts what it
read against the file's own lines: nothing may be skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from writer_cases import HARBOUR_TEXT, harbour_items, make_document, span_of

from formats.writers import ExportFilters, write_export
from quotes.model import Attribution, QuoteType, Status

pybrat_parser = pytest.importorskip("pybrat.parser")


def count_lines(ann: Path, prefix: str) -> int:
    return sum(line.startswith(prefix) for line in ann.read_text(encoding="utf-8").splitlines())


def pronoun_items() -> list:
    """A document whose two records share one speaker mention ("she")."""
    text = '"We start on Monday," she said. "It will take a year," she added.'
    quotes = [
        Attribution(
            fragments=(span_of(text, "We start on Monday,"),),
            type=QuoteType.DIRECT,
            cue=span_of(text, "said"),
            speaker=span_of(text, "she"),
            status=Status.ACCEPTED,
        ),
        Attribution(
            fragments=(span_of(text, "It will take a year,"),),
            type=QuoteType.DIRECT,
            cue=span_of(text, "added"),
            speaker=span_of(text, "she", 1),
            status=Status.CANDIDATE,
        ),
    ]
    return [(make_document(1, text, title="Works"), quotes)]


EXPORTS = {"harbour": harbour_items, "pronouns": pronoun_items}


@pytest.mark.parametrize("make_items", EXPORTS.values(), ids=EXPORTS.keys())
def test_pybrat_reads_every_entity_and_event_of_the_export(make_items, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    write_export(make_items(), out, format="brat", filters=ExportFilters.every_status())
    examples = pybrat_parser.BratParser(error="ignore").parse(out)
    assert sorted(example.id for example in examples) == sorted(p.stem for p in out.glob("*.ann"))
    for example in examples:
        ann = out / f"{example.id}.ann"
        assert len(example.entities) == count_lines(ann, "T")
        assert len(example.events) == count_lines(ann, "E")
        for entity in example.entities:
            # Discontinuous spans are joined with a space in the mention, as brat does.
            pieces = [example.text[span.start : span.end] for span in entity.spans]
            assert entity.mention == " ".join(pieces), entity
        for event in example.events:
            # pybrat keeps an event's arguments but not their roles: our entity types
            # are the role names, so they stand in for them.
            roles = {entity.type for entity in event.arguments}
            assert event.type == "Attribution"
            assert "Content" in roles and roles <= {"Content", "Cue", "Source"}
            assert event.trigger.type == "Attribution"


def test_the_harbour_attribution_reads_back_with_its_split_content(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    write_export(harbour_items(), out, format="brat")
    (example,) = [e for e in pybrat_parser.BratParser(error="ignore").parse(out) if e.id == "doc-1"]
    (event,) = example.events
    arguments = {entity.type: entity for entity in event.arguments}
    assert arguments["Source"].mention == "Mayor Inés Okafor"
    content = arguments["Content"]
    assert [HARBOUR_TEXT[s.start : s.end] for s in content.spans] == [
        "The old timetable cannot survive the winter,",
        "and we will not pretend otherwise.",
    ]
