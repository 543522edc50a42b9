"""Majority adjudication: the attributions most of a document's annotators agree on.

Per shared document, the annotators' attributions are grouped into clusters of at
most one attribution per annotator: the pairwise content matches of the agreement
measure (``quotes.evaluate.match_cores``) are joined best overlap first, and two
clusters join only when every attribution of one matches (overlap >= 0.5) every
attribution of the other. In a cluster, the largest set of attributions that all
give the same speaker (``facets.same_speaker``) is its majority when it holds more
than half of the document's annotators: that attribution goes into the gold, with
the content and speaker of the set's medoid (the member overlapping the others
most) and the cue and type most of the set chose. Every other cluster is a
disagreement left for a person, with each annotator's version.

Pure and thread-safe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from quotes.agreement.documents import SharedDocument, choose_annotators, shared_documents
from quotes.agreement.facets import same_speaker
from quotes.evaluate import MATCH_THRESHOLD, fragments_of, match_cores, overlap

Member = tuple[str, int]  # (annotator, index of the quote in that annotator's list)


@dataclass(frozen=True, slots=True)
class Version:
    """One annotator's version of an attribution (a quote record of the export schema)."""

    annotator: str
    quote: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class MajorityDecision:
    """An attribution the majority backs, as it went into the gold, and who agreed."""

    document_id: str
    quote: dict[str, Any]
    agreed: tuple[str, ...]
    versions: tuple[Version, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """An attribution without a majority: each annotator's version, and who has none.

    ``majority`` is the merged version of the largest set of versions that agree
    (what an adjudicator's "take the majority" would take) and ``supporters`` who
    they are; with ``absent`` annotators outnumbering them, the plurality view is
    that there is no attribution at all.
    """

    document_index: int
    document_id: str
    start: int
    versions: tuple[Version, ...]
    absent: tuple[str, ...]
    majority: dict[str, Any]
    supporters: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Adjudication:
    """The result of majority adjudication.

    ``gold`` holds one article record (export schema) per document that two or more
    of the annotators hold, with the majority's attributions (status accepted,
    annotator = the gold layer's name); ``decisions`` the same attributions with
    their backers; ``disagreements`` the rest, in document and text order.
    """

    annotators: tuple[str, ...]
    gold: tuple[dict[str, Any], ...]
    decisions: tuple[MajorityDecision, ...]
    disagreements: tuple[Disagreement, ...]

    def summary(self) -> dict[str, int]:
        """Counts for a one-line report: documents, gold attributions, disagreements."""
        return {
            "documents": len(self.gold),
            "gold_attributions": len(self.decisions),
            "disagreements": len(self.disagreements),
        }


def adjudicate_majority(
    layers: Mapping[str, Sequence[Mapping[str, Any]]],
    annotators: Sequence[str] | None = None,
    *,
    gold_annotator: str = "majority",
) -> Adjudication:
    """Put every attribution that more than half of a document's annotators agree on
    (content overlap match and the same speaker) into a gold layer.

    :param layers: annotator name -> article records in the export schema.
    :param annotators: whose layers count (default: all); a document counts the
        annotators among these who hold it.
    :param gold_annotator: the ``annotator`` written on the gold attributions.
    :raises AgreementError: for fewer than two annotators or an unknown name.
    """
    names = choose_annotators(layers, annotators)
    gold: list[dict[str, Any]] = []
    decisions: list[MajorityDecision] = []
    disagreements: list[Disagreement] = []
    for document in shared_documents(layers, names):
        kept: list[dict[str, Any]] = []
        for cluster in _clusters(document):
            versions = tuple(Version(n, document.quotes[n][i]) for n, i in cluster)
            agreeing = _largest_agreeing(document, cluster)
            merged = _merge(document, agreeing, gold_annotator)
            backers = tuple(name for name, _ in agreeing)
            if 2 * len(agreeing) > len(document.annotators):
                kept.append(merged)
                decisions.append(MajorityDecision(document.id, merged, backers, versions))
            else:
                holders = {name for name, _ in cluster}
                disagreements.append(
                    Disagreement(
                        document_index=document.index,
                        document_id=document.id,
                        start=min(merged["start"], *(q.quote["start"] for q in versions)),
                        versions=versions,
                        absent=tuple(n for n in document.annotators if n not in holders),
                        majority=merged,
                        supporters=backers,
                    )
                )
        gold.append(_gold_record(document, kept))
    disagreements.sort(key=lambda d: (d.document_index, d.start))
    return Adjudication(names, tuple(gold), tuple(decisions), tuple(disagreements))


def _gold_record(document: SharedDocument, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "source": document.source,
        "text": document.text,
        "quotes": sorted(quotes, key=lambda q: (q["start"], q["end"])),
    }


def _overlap_of(document: SharedDocument, a: Member, b: Member) -> float:
    return overlap(document.cores[a[0]][a[1]], document.cores[b[0]][b[1]], document.alnum)


def _clusters(document: SharedDocument) -> list[list[Member]]:
    """Clusters of at most one attribution per annotator, all matching one another."""
    edges: list[tuple[float, int, Member, Member]] = []
    for first, second in combinations(document.annotators, 2):
        matches = match_cores(document.cores[first], document.cores[second], document.alnum)
        for i, j, value in matches:
            edges.append((value, len(edges), (first, i), (second, j)))
    edges.sort(key=lambda edge: (-edge[0], edge[1]))
    cluster_of: dict[Member, list[Member]] = {}
    for name in document.annotators:
        for index in range(len(document.quotes[name])):
            cluster_of[(name, index)] = [(name, index)]
    for _value, _order, a, b in edges:
        left, right = cluster_of[a], cluster_of[b]
        if left is right or {n for n, _ in left} & {n for n, _ in right}:
            continue
        if any(_overlap_of(document, x, y) < MATCH_THRESHOLD for x in left for y in right):
            continue
        left.extend(right)
        for member in right:
            cluster_of[member] = left
    unique = {id(cluster): cluster for cluster in cluster_of.values()}
    order = {name: i for i, name in enumerate(document.annotators)}
    return [sorted(c, key=lambda m: order[m[0]]) for c in unique.values()]


def _largest_agreeing(document: SharedDocument, cluster: list[Member]) -> list[Member]:
    """The largest subset of the cluster whose members all give the same speaker;
    among equals, the first in annotator order."""
    quote = {m: document.quotes[m[0]][m[1]] for m in cluster}
    for size in range(len(cluster), 1, -1):
        for subset in combinations(cluster, size):
            if all(same_speaker(quote[a], quote[b]) for a, b in combinations(subset, 2)):
                return list(subset)
    return cluster[:1]


def _merge(document: SharedDocument, group: list[Member], annotator: str) -> dict[str, Any]:
    """One attribution from agreeing versions: the medoid's content and speaker, and
    the cue and type most versions chose (ties go to the medoid's)."""
    quotes = [document.quotes[name][index] for name, index in group]
    closeness = [
        sum(_overlap_of(document, member, other) for other in group if other != member)
        for member in group
    ]
    medoid = quotes[closeness.index(max(closeness))]
    fragments = fragments_of(medoid)
    # A long cue overlaps every other and so has the most support, but it can reach
    # into the medoid's content; a record may not cover its own cue (the importer and
    # the span edits refuse it), so only cues clear of the content take part. The
    # medoid's own cue always is.
    fitting = [q for q in quotes if q is medoid or not _cue_runs_into(q, fragments)]
    cue_support = [sum(_same_cue(q, other) for other in quotes) for q in fitting]
    best_cue = max(cue_support)
    mine = next(i for i, q in enumerate(fitting) if q is medoid)
    cue_quote = medoid if cue_support[mine] == best_cue else None
    if cue_quote is None:
        cue_quote = fitting[cue_support.index(best_cue)]
    types = Counter(str(q.get("type") or "indirect") for q in quotes)
    top = max(types.values())
    medoid_type = str(medoid.get("type") or "indirect")
    kind = medoid_type if types[medoid_type] == top else next(t for t in types if types[t] == top)
    return {
        "start": fragments[0][0],
        "end": fragments[-1][1],
        "fragments": [list(f) for f in fragments],
        "type": kind,
        "cue": _pair(cue_quote.get("cue")),
        "speaker": _pair(medoid.get("speaker")),
        "speaker_name": medoid.get("speaker_name"),
        "status": "accepted",
        "annotator": annotator,
    }


def _pair(value: Any) -> list[int] | None:
    return [int(value[0]), int(value[1])] if value else None


def _cue_runs_into(quote: Mapping[str, Any], fragments: Sequence[tuple[int, int]]) -> bool:
    """Whether ``quote``'s cue shares a character with any of ``fragments``."""
    cue = _pair(quote.get("cue"))
    return cue is not None and any(cue[0] < end and start < cue[1] for start, end in fragments)


def _same_cue(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    a, b = _pair(first.get("cue")), _pair(second.get("cue"))
    if a is None or b is None:
        return a is None and b is None
    return a[0] < b[1] and b[0] < a[1]
