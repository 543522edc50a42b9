"""``measure_agreement``: every figure of the agreement report in one pass.

Per shared document, each annotator's tokens are labelled once; then each pair of
its annotators adds its token label pairs (to the document's, the pair's and the
overall coincidences) and its content matches (``quotes.evaluate.match_cores``) with
their cue, speaker and type label pairs. Pure and thread-safe; six annotators on
16 articles (shared/gold/multi) take about 0.4 s.

Content is compared on its whole stretch (``documents.content_core``), as the reference
implementation does: on the multi files pairwise content F1 is 0.7771 against the
reference 0.777 (0.7817 on the fragments, as ``quotes.evaluate`` compares extraction);
token alpha is 0.7711 against 0.771.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from quotes.agreement.documents import SharedDocument, choose_annotators, shared_documents
from quotes.agreement.facets import FACETS, LabelPair, cohen_kappa, same_speaker, share_agreeing
from quotes.agreement.report import (
    FACET_KEYS,
    AgreementReport,
    DocumentAgreement,
    FacetFigure,
    Figure,
    PairAgreement,
    mean_of,
)
from quotes.agreement.token_alpha import (
    Coincidences,
    label_characters,
    label_tokens,
    pair_contingency,
    symmetric,
    token_spans,
)
from quotes.evaluate import match_cores


@dataclass
class _PairTally:
    """Counts of one annotator pair, summed over the documents both hold."""

    documents: int = 0
    tokens: Coincidences = field(default_factory=Coincidences)
    attributions: int = 0
    matched: int = 0
    labels: dict[str, list[LabelPair]] = field(
        default_factory=lambda: {key: [] for key in FACET_KEYS}
    )

    def figures(self, annotators: tuple[str, str]) -> PairAgreement:
        facets = [
            FacetFigure(share=share_agreeing(pairs), kappa=cohen_kappa(pairs), items=len(pairs))
            for pairs in (self.labels[key] for key in FACET_KEYS)
        ]
        f1 = 2 * self.matched / self.attributions if self.attributions else None
        return PairAgreement(
            annotators=annotators,
            documents=self.documents,
            token_alpha=Figure(self.tokens.alpha, self.tokens.units),
            content_f1=Figure(f1, self.attributions),
            matched=self.matched,
            cue=facets[0],
            speaker=facets[1],
            type=facets[2],
        )


def measure_agreement(
    layers: Mapping[str, Sequence[Mapping[str, Any]]], annotators: Sequence[str] | None = None
) -> AgreementReport:
    """Agreement of ``annotators`` (default: every layer) on the documents two or more
    of them hold.

    :param layers: annotator name -> that annotator's article records in the export
        schema (``content_fragments`` is read too); same text = same document.
    :raises AgreementError: for fewer than two annotators, an unknown name, or a
        record without text.
    """
    names = choose_annotators(layers, annotators)
    tallies = {pair: _PairTally() for pair in combinations(names, 2)}
    overall = Coincidences()
    documents = [
        _measure_document(document, tallies, overall)
        for document in shared_documents(layers, names)
    ]
    pairs = tuple(tally.figures(pair) for pair, tally in tallies.items())
    facets = [_mean_facet([p.facets()[key] for p in pairs]) for key in FACET_KEYS]
    return AgreementReport(
        annotators=names,
        token_alpha=Figure(overall.alpha, overall.units),
        content_f1=Figure(
            mean_of([p.content_f1.value for p in pairs]), sum(p.content_f1.items for p in pairs)
        ),
        cue=facets[0],
        speaker=facets[1],
        type=facets[2],
        pairs=pairs,
        documents=tuple(sorted(documents, key=lambda d: (-d.disagreement, d.index))),
    )


def _measure_document(
    document: SharedDocument,
    tallies: Mapping[tuple[str, str], _PairTally],
    overall: Coincidences,
) -> DocumentAgreement:
    tokens = token_spans(document.text)
    labels = {
        name: label_tokens(label_characters(document.text, document.quotes[name]), tokens)
        for name in document.annotators
    }
    coincidences = Coincidences(units=len(tokens))
    content_f1: list[float] = []
    attribution_f1: list[float] = []
    # ``tallies`` is keyed in the asked order; a document lists its annotators in
    # the order they were read, which is the same order.
    for pair in combinations(document.annotators, 2):
        first, second = pair
        tally = tallies[pair]
        both_ways = symmetric(pair_contingency(labels[first], labels[second]))
        coincidences.add_unit_pairs(both_ways, len(document.annotators))
        tally.tokens.add_unit_pairs(both_ways, 2)
        tally.tokens.units += len(tokens)
        tally.documents += 1
        quotes_a, quotes_b = document.quotes[first], document.quotes[second]
        matches = match_cores(document.cores[first], document.cores[second], document.alnum)
        size = len(quotes_a) + len(quotes_b)
        tally.attributions += size
        tally.matched += len(matches)
        same = 0
        for i, j, _value in matches:
            for key, facet in FACETS.items():
                tally.labels[key].append(facet(quotes_a[i], quotes_b[j]))
            same += same_speaker(quotes_a[i], quotes_b[j])
        content_f1.append(2 * len(matches) / size if size else 1.0)
        attribution_f1.append(2 * same / size if size else 1.0)
    overall.add(coincidences)
    return DocumentAgreement(
        index=document.index,
        id=document.id,
        title=document.title,
        annotators=document.annotators,
        attributions={name: len(document.quotes[name]) for name in document.annotators},
        content_f1=sum(content_f1) / len(content_f1),
        attribution_f1=sum(attribution_f1) / len(attribution_f1),
        token_disagreement=coincidences.observed_disagreement,
        tokens=len(tokens),
    )


def _mean_facet(figures: Sequence[FacetFigure]) -> FacetFigure:
    return FacetFigure(
        share=mean_of([f.share for f in figures]),
        kappa=mean_of([f.kappa for f in figures]),
        items=sum(f.items for f in figures),
    )
