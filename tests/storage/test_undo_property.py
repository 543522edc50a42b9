"""Property: any sequence of annotation actions, undone in full, gives back the start,
and redone in full, gives back the end."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.model import (
    Article,
    Attribution,
    DocumentStatus,
    Origin,
    QuoteType,
    Span,
    Status,
)
from storage.store import Store
from tests.storage.conftest import add_articles

TEXT = 'Mia Holm said: "The port reopens in May." She added that fees would stay low.'
NAMES = ["Mia Holm", "Holm", "The mayor", "Port authority"]

Action = Callable[[Store, int], object]


def spans(max_end: int = len(TEXT)) -> st.SearchStrategy[Span]:
    return st.tuples(st.integers(0, max_end - 1), st.integers(1, 12)).map(
        lambda p: Span(p[0], min(max_end, p[0] + p[1]))
    )


def pick(store: Store, document_id: int, index: int) -> int | None:
    """The id of the index-th attribution (modulo), or None when there is none."""
    found = store.attributions_for(document_id)
    return found[index % len(found)].id if found else None


def pick_speaker(store: Store, document_id: int, index: int) -> int | None:
    found = store.speakers_for(document_id)
    return found[index % len(found)].id if found else None


def on_attribution(do: Callable[[Store, int], object]) -> Callable[[int], Action]:
    def build(index: int) -> Action:
        def act(store: Store, document_id: int) -> object:
            target = pick(store, document_id, index)
            return None if target is None else do(store, target)

        return act

    return build


def add(span: Span, name: str | None) -> Action:
    return lambda store, d: store.add_attribution(
        d, Attribution(fragments=(span,), speaker_name=name)
    )


def merge(keep: int, merge_index: int) -> Action:
    def act(store: Store, document_id: int) -> object:
        keep_id = pick_speaker(store, document_id, keep)
        merge_id = pick_speaker(store, document_id, merge_index)
        if keep_id is None or merge_id is None or keep_id == merge_id:
            return None
        return store.merge_speakers(document_id, keep_id, merge_id)

    return act


def rename(index: int, name: str) -> Action:
    def act(store: Store, document_id: int) -> object:
        speaker_id = pick_speaker(store, document_id, index)
        taken = {s.name for s in store.speakers_for(document_id)}
        if speaker_id is None or name in taken:
            return None
        return store.rename_speaker(speaker_id, name)

    return act


indexes = st.integers(0, 5)
actions: st.SearchStrategy[Action] = st.one_of(
    indexes.map(on_attribution(lambda s, a: s.accept_attribution(a))),
    indexes.map(on_attribution(lambda s, a: s.reject_attribution(a))),
    indexes.map(on_attribution(lambda s, a: s.delete_attribution(a))),
    st.tuples(indexes, st.sampled_from(list(QuoteType))).map(
        lambda p: on_attribution(lambda s, a: s.set_attribution_type(a, p[1]))(p[0])
    ),
    st.tuples(indexes, st.none() | spans(), st.none() | st.sampled_from(NAMES)).map(
        lambda p: on_attribution(lambda s, a: s.set_speaker(a, mention=p[1], name=p[2]))(p[0])
    ),
    st.tuples(spans(), st.none() | st.sampled_from(NAMES)).map(lambda p: add(*p)),
    st.sampled_from(list(DocumentStatus)).map(
        lambda status: lambda s, d: s.set_document_status(d, status)
    ),
    st.tuples(st.sampled_from(NAMES), st.none() | spans()).map(
        lambda p: lambda s, d: s.add_speaker(d, p[0], mention=p[1])
    ),
    st.tuples(indexes, st.sampled_from([*NAMES, "M. Holm"])).map(lambda p: rename(*p)),
    st.tuples(indexes, indexes).map(lambda p: merge(*p)),
)


def snapshot(store: Store, document_id: int) -> tuple[object, ...]:
    # The counts the triggers keep always equal a recount of the rows.
    records = store.attributions_for(document_id)
    summary = store.document_summary(document_id)
    recount = tuple(sum(a.status is s for a in records) for s in Status)
    by_status = {Status.CANDIDATE: summary.candidates, Status.ACCEPTED: summary.accepted}
    by_status[Status.REJECTED] = summary.rejected
    assert tuple(by_status[s] for s in Status) == recount
    return (
        store.document(document_id).status,
        store.attributions_for(document_id),
        store.speakers_for(document_id),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(actions, min_size=1, max_size=12))
def test_undo_all_then_redo_all(sequence: list[Action]) -> None:
    store = Store(None, annotator="ana")
    add_articles(
        store,
        [
            Article(
                text=TEXT,
                attributions=(
                    Attribution(
                        fragments=(Span(16, 40),),
                        type=QuoteType.DIRECT,
                        speaker=Span(0, 8),
                        speaker_name="Mia Holm",
                        status=Status.CANDIDATE,
                        origin=Origin.IMPORT,
                    ),
                    Attribution(fragments=(Span(55, 76),), speaker=Span(42, 45)),
                ),
            )
        ],
    )
    document_id = store.document_summaries()[0].id
    start = snapshot(store, document_id)
    for act in sequence:
        act(store, document_id)
    end = snapshot(store, document_id)

    while store.undo() is not None:
        pass
    assert snapshot(store, document_id) == start

    while store.redo() is not None:
        pass
    assert snapshot(store, document_id) == end
    store.close()
