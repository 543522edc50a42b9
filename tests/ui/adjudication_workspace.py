"""A small workspace of three annotator layers with known disagreements.

One article, three quotations:

* the mayor's: alice, bob and carol agree on it, so the majority puts it in gold;
* the residents' complaint: alice and bob mark the same words but give different
  speakers (the residents, Ana Ruiz) and cues, carol has none: a disagreement
  whose majority (alice's version, 1 against carol's 1 "none") A takes;
* the council's: only alice has it: a disagreement where most annotators (2 of 3)
  have none, so A rejects it.
"""

from __future__ import annotations

from pathlib import Path

from jobs.importing import import_articles
from quotes.model import Article, Attribution, DocumentStatus, QuoteType, Span
from storage.store import Store

ANNOTATORS = ("alice", "bob", "carol")

TEXT = (
    '"We will reopen the bridge in May," the mayor said on Monday.\n'
    "Residents complained that the detour added an hour to their commute, "
    "according to Ana Ruiz.\n"
    "The council said the ferry keeps running until then.\n"
)


#: A second article with the same offsets (one word changed, of the same length).
SECOND_TEXT = TEXT.replace("bridge", "tunnel")


def span_of(words: str, start: int = 0) -> Span:
    """The span of the first ``words`` in TEXT at or after ``start``."""
    begin = TEXT.index(words, start)
    return Span(begin, begin + len(words))


COMPLAINT = span_of("the detour added an hour to their commute")
COUNCIL = span_of("the ferry keeps running until then")


def _mayor() -> Attribution:
    return Attribution(
        fragments=(span_of('"We will reopen the bridge in May,"'),),
        type=QuoteType.DIRECT,
        cue=span_of("said"),
        speaker=span_of("the mayor"),
        speaker_name="the mayor",
    )


def _complaint(*, by_residents: bool) -> Attribution:
    return Attribution(
        fragments=(COMPLAINT,),
        type=QuoteType.INDIRECT,
        cue=span_of("complained") if by_residents else span_of("according to"),
        speaker=span_of("Residents") if by_residents else span_of("Ana Ruiz"),
        speaker_name="Residents" if by_residents else "Ana Ruiz",
    )


def _council() -> Attribution:
    return Attribution(
        fragments=(COUNCIL,),
        type=QuoteType.INDIRECT,
        cue=span_of("said", TEXT.index("council")),
        speaker=span_of("The council"),
        speaker_name="The council",
    )


def layer_versions() -> dict[str, list[Attribution]]:
    """Each annotator's version of the article."""
    return {
        "alice": [_mayor(), _complaint(by_residents=True), _council()],
        "bob": [_mayor(), _complaint(by_residents=False)],
        "carol": [_mayor()],
    }


def build_team_workspace(
    path: Path, annotators: tuple[str, ...] = ANNOTATORS, *, second: bool = False
) -> Path:
    """The workspace at ``path`` with the article (and with ``second`` a second one,
    disagreeing alike) and the layers of ``annotators``."""
    articles = [Article(text=TEXT, title="Bridge")]
    if second:
        articles.append(Article(text=SECOND_TEXT, title="Tunnel"))
    with Store(path, annotator="lead") as store:
        report = import_articles(store, articles, preannotate=False)
        assert report.imported == len(articles)
        versions = layer_versions()
        for summary in store.document_summaries():
            for name in annotators:
                store.layers.store_layer(
                    summary.id,
                    name,
                    versions[name],
                    status=DocumentStatus.DONE,
                    annotator=name,
                    action="import_annotations",
                )
    return path
