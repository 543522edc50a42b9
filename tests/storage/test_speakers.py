"""The speaker roster: adding, ordering, renaming and merging entities."""

from __future__ import annotations

import json
import sqlite3

import pytest

from quotes.model import Article, Span
from storage.store import Store
from tests.storage.conftest import add_articles


def test_the_roster_lists_mentions_and_variants(store: Store, news_id: int) -> None:
    [ana] = store.speakers_for(news_id)
    assert ana.name == "Ana Ruiz"
    assert ana.document_id == news_id
    assert ana.mentions == (Span(0, 8),)
    assert ana.variants == ("Ruiz",)


def test_mentions_written_differently_become_variants(
    store: Store, news_id: int, first_id: int
) -> None:
    store.set_speaker(first_id, mention=Span(37, 40), name="Ana Ruiz")
    [ana] = store.speakers_for(news_id)
    assert Span(37, 40) in ana.mentions
    assert store.document(news_id).text[37:40] in ana.variants


def test_the_most_mentioned_speaker_comes_first(store: Store, news_id: int) -> None:
    store.add_speaker(news_id, "Zero Mentions")
    assert [s.name for s in store.speakers_for(news_id)] == ["Ana Ruiz", "Zero Mentions"]


def test_add_speaker_returns_the_existing_entry_for_a_known_name(
    store: Store, news_id: int
) -> None:
    first = store.add_speaker(news_id, "  Coach   Lee ")
    again = store.add_speaker(news_id, "Coach Lee")
    assert first.name == "Coach Lee"
    assert again.id == first.id
    assert [e.action for e in store.history(limit=2)] == ["add_speaker", "import"]


@pytest.mark.parametrize("name", ["", "   ", "\n"])
def test_a_speaker_needs_a_name(store: Store, news_id: int, name: str) -> None:
    with pytest.raises(ValueError):
        store.add_speaker(news_id, name)


def test_rename_keeps_the_old_name_as_a_variant(store: Store, news_id: int) -> None:
    [ana] = store.speakers_for(news_id)
    renamed = store.rename_speaker(ana.id or 0, "Ana María Ruiz")
    assert renamed.name == "Ana María Ruiz"
    assert "Ana Ruiz" in renamed.variants
    assert {a.speaker_name for a in store.attributions_for(news_id)} == {"Ana María Ruiz"}


def test_rename_to_a_taken_name_is_refused(store: Store, news_id: int) -> None:
    [ana] = store.speakers_for(news_id)
    store.add_speaker(news_id, "Coach")
    with pytest.raises(ValueError, match="already has a speaker"):
        store.rename_speaker(ana.id or 0, "Coach")
    assert store.speaker(ana.id or 0).name == "Ana Ruiz"


def test_merge_moves_attributions_mentions_and_names(store: Store, news_id: int) -> None:
    [ana] = store.speakers_for(news_id)
    keep = store.add_speaker(news_id, "Ana R.")

    merged = store.merge_speakers(news_id, keep.id or 0, ana.id or 0)

    assert [s.id for s in store.speakers_for(news_id)] == [keep.id]
    assert {"Ana Ruiz", "Ruiz"} <= set(merged.variants)
    assert Span(0, 8) in merged.mentions
    assert {a.entity_id for a in store.attributions_for(news_id)} == {keep.id}
    assert {a.speaker_name for a in store.attributions_for(news_id)} == {"Ana R."}


def test_merge_refuses_a_speaker_into_itself_or_across_documents(
    store: Store, news_id: int
) -> None:
    [ana] = store.speakers_for(news_id)
    with pytest.raises(ValueError):
        store.merge_speakers(news_id, ana.id or 0, ana.id or 0)
    add_articles(store, [Article(text="Another article.")])
    other = store.document_summaries()[-1].id
    stranger = store.add_speaker(other, "Stranger")
    with pytest.raises(KeyError):
        store.merge_speakers(news_id, ana.id or 0, stranger.id or 0)
    assert store.speaker(stranger.id or 0).name == "Stranger"


def test_speakers_are_per_document(store: Store, news_id: int) -> None:
    add_articles(store, [Article(text='Ana Ruiz said "hello there" again.')])
    second = store.document_summaries()[-1].id
    first_roster = store.speakers_for(news_id)
    second_roster = store.speakers_for(second)
    assert [s.name for s in first_roster] == [s.name for s in second_roster] == ["Ana Ruiz"]
    assert first_roster[0].id != second_roster[0].id


def test_a_speaker_made_from_selected_text_keeps_the_mention(store: Store, news_id: int) -> None:
    made = store.add_speaker(news_id, "Coach", mention=Span(37, 40))
    assert made.mentions == (Span(37, 40),)
    again = store.add_speaker(news_id, "Ana Ruiz", mention=Span(37, 40))
    assert Span(37, 40) in again.mentions
    store.undo()
    assert Span(37, 40) not in store.speaker(again.id or 0).mentions


def test_a_mention_outside_the_text_is_refused(store: Store, news_id: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        store.add_speaker(news_id, "Coach", mention=Span(0, 999))
    assert [s.name for s in store.speakers_for(news_id)] == ["Ana Ruiz"]


@pytest.mark.parametrize("mention", [[5, 3], [-1, 4], [7, 7]])
def test_a_stored_mention_that_is_no_span_is_refused_on_reading(
    tmp_path, mention: list[int]
) -> None:
    path = tmp_path / "bad_mention.sqlite"
    with Store(path) as store:
        add_articles(store, [Article(text="The mayor said so.", title="t")])
        document_id = store.document_summaries()[0].id
        speaker_id = store.add_speaker(document_id, "the mayor").id
    with sqlite3.connect(path) as raw:
        raw.execute(
            "UPDATE speakers SET mentions = ? WHERE id = ?", (json.dumps([mention]), speaker_id)
        )
    with Store(path) as store, pytest.raises(ValueError, match="invalid span"):
        store.speakers_for(document_id)
