"""Reading files the way an import does, for the reader tests."""

from __future__ import annotations

from pathlib import Path

from formats.readers import ReadOptions, read_paths
from quotes.model import Article, Problem, Span


def read(
    *paths: Path, options: ReadOptions | None = None
) -> tuple[list[Article], list[Problem], list[str]]:
    """Everything ``read_paths`` yields for ``paths``, with the problems and notes it met."""
    problems: list[Problem] = []
    notes: list[str] = []
    articles = list(read_paths(paths, options=options, problems=problems, notes=notes))
    return articles, problems, notes


def assert_refused(path: Path, words: str) -> None:
    """Reading ``path`` gives no article and one problem naming the file that says
    ``words`` (an empty or binary file)."""
    articles, problems, _ = read(path)
    assert articles == []
    assert [p.where for p in problems] == [str(path)]
    assert words in problems[0].reason


def outside_content(span: Span | None, fragments: tuple[Span, ...]) -> Span | None:
    """``span``, or None where it would lie inside the content: a valid record's
    content covers neither its cue nor its speaker mention (the readers refuse that),
    so the property tests' random records keep a cue or speaker only outside it."""
    if span is None or any(span.overlaps(fragment) for fragment in fragments):
        return None
    return span
