"""The lazy highlighter's pending blocks behave as the set of block numbers they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.article.record_highlighter import PendingBlocks

operations = st.lists(st.tuples(st.sampled_from(["add", "discard"]), st.integers(0, 60)))


@given(count=st.integers(0, 40), steps=operations)
def test_pending_blocks_behave_as_a_set(count: int, steps: list[tuple[str, int]]) -> None:
    pending, reference = PendingBlocks(count), set(range(count))
    for operation, number in steps:
        getattr(pending, operation)(number)
        getattr(reference, operation)(number)
        assert bool(pending) == bool(reference)
    assert [n for n in range(-1, 62) if n in pending] == sorted(reference)
