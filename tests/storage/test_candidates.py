"""Re-suggestion's storage half: a document's candidates replaced as one undo step,
reviewed records never touched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quotes.model import Article, Attribution, DocumentStatus, QuoteType, Span, Status
from storage.store import Store
from tests.storage.conftest import NEWS, add_articles

# NEWS = 'Ana Ruiz said: "We will win the cup." She added, "Nobody can stop us."'
FIRST = Span(NEWS.index("We will"), NEWS.index('."') + 1)
SECOND = Span(NEWS.index("Nobody"), len(NEWS) - 1)


def suggestion(span: Span, *, rule: str = "learned", name: str | None = "Ana Ruiz") -> Attribution:
    return Attribution(
        fragments=(span,),
        type=QuoteType.DIRECT,
        cue=Span(NEWS.index("added"), NEWS.index("added") + 5),
        speaker=Span(0, 8),
        speaker_name=name,
        confidence=0.97,
        rule=rule,
    )


def states(store: Store, document_id: int) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in vars_of(a).items() if k != "id"}
        for a in store.attributions_for(document_id)
    ]


def vars_of(attribution: Attribution) -> dict[str, Any]:
    return {name: getattr(attribution, name) for name in attribution.__slots__}


def test_candidates_are_replaced_with_origin_and_confidence(store: Store, news_id: int) -> None:
    old = store.attributions_for(news_id)
    assert [a.rule for a in old] == ["fake-quotes", "fake-quotes"]
    swap = store.replace_candidates(news_id, [suggestion(SECOND)])
    assert (swap.removed, swap.added, swap.changed) == (2, 1, True)
    [new] = store.attributions_for(news_id)
    assert new.fragments == (SECOND,) and new.status == Status.CANDIDATE
    assert (new.rule, new.confidence, new.speaker_name) == ("learned", 0.97, "Ana Ruiz")


def test_reviewed_records_stay_and_suggestions_over_them_are_dropped(
    store: Store, news_id: int
) -> None:
    first, second = store.attributions_for(news_id)
    assert first.id is not None and second.id is not None
    store.accept_attribution(first.id)
    accepted = vars_of(store.attribution(first.id))
    swap = store.replace_candidates(
        news_id, [suggestion(Span(FIRST.start, FIRST.start + 7)), suggestion(SECOND)]
    )
    assert (swap.overlapping, swap.reviewed, swap.removed, swap.added) == (1, 1, 1, 1)
    assert vars_of(store.attribution(first.id)) == accepted
    assert [a.fragments for a in store.attributions_for(news_id)] == [(FIRST,), (SECOND,)]


def test_one_undo_brings_the_old_candidates_back_and_redo_reapplies(
    store: Store, news_id: int
) -> None:
    before = states(store, news_id)
    old_ids = [a.id for a in store.attributions_for(news_id)]
    store.replace_candidates(news_id, [suggestion(SECOND, name="Nobody Known")])
    after = states(store, news_id)
    assert "Nobody Known" in [s.name for s in store.speakers_for(news_id)]
    entry = store.undo()
    assert entry is not None and entry.action == "resuggest"
    assert states(store, news_id) == before
    assert [a.id for a in store.attributions_for(news_id)] == old_ids
    assert "Nobody Known" not in [s.name for s in store.speakers_for(news_id)]
    store.redo()
    assert states(store, news_id) == after


def test_the_same_suggestions_change_nothing(store: Store, news_id: int) -> None:
    current = [
        a.with_changes(id=None, document_id=None, entity_id=None)
        for a in store.attributions_for(news_id)
    ]
    entries = len(store.history())
    swap = store.replace_candidates(news_id, current)
    assert swap.changed is False and swap.removed == swap.added == 0
    assert len(store.history()) == entries


def test_a_done_document_is_refused_and_left_alone(store: Store, news_id: int) -> None:
    for attribution in store.attributions_for(news_id):
        assert attribution.id is not None
        store.reject_attribution(attribution.id)
    store.set_document_status(news_id, DocumentStatus.DONE)
    before = states(store, news_id)
    with pytest.raises(ValueError, match="marked done"):
        store.replace_candidates(news_id, [suggestion(SECOND)])
    assert states(store, news_id) == before


def test_a_suggestion_outside_the_text_changes_nothing(store: Store, news_id: int) -> None:
    before = states(store, news_id)
    with pytest.raises(ValueError, match="outside"):
        store.replace_candidates(news_id, [suggestion(Span(5, len(NEWS) + 10))])
    assert states(store, news_id) == before


def test_a_missing_document_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.replace_candidates(999, [])


def test_in_an_annotators_layer_only_that_layers_candidates_change(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with Store(path, annotator="lead") as shared:
        add_articles(shared, [Article(text=NEWS, title="Cup")])
        document_id = shared.document_summaries()[0].id
        shared_before = states(shared, document_id)
    with Store(path, annotator="ana", layer="ana") as ana:
        swap = ana.replace_candidates(document_id, [suggestion(SECOND)])
        assert swap.changed and [a.rule for a in ana.attributions_for(document_id)] == ["learned"]
        entry = ana.undo()
        assert entry is not None and entry.action == "resuggest"
        assert [a.rule for a in ana.attributions_for(document_id)] == ["fake-quotes"] * 2
    with Store(path, annotator="bo", layer="bo") as bo:
        assert [a.rule for a in bo.attributions_for(document_id)] == ["fake-quotes"] * 2
    with Store(path, annotator="lead") as shared:
        assert states(shared, document_id) == shared_before
