"""Workspaces for the tests of training and using the learned model.

The articles are ``tests.quotes.test_learning._article``: each has a sentence with
"said" the rules find and one with "blorfed", a cue no lexicon knows, which only a
model trained on the accepted records can learn. A new text in that style
(``NEW_TEXT``) then shows whether a model was used: the rules alone find one record
in it, the rules with the model two.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from jobs.importing import import_articles
from jobs.training import train_workspace
from quotes.model import Article, Status
from storage.store import Store
from tests.quotes.test_learning import NEW_TEXT, _article
from tests.quotes.test_uncertainty import UNFAMILIAR

__all__ = [
    "NEW_TEXT",
    "UNFAMILIAR",
    "accepted_articles",
    "add_unreviewed",
    "fill_training_workspace",
    "trained_workspace",
]


def accepted_articles(count: int, *, annotator: str = "ana", first: int = 0) -> list[Article]:
    """``count`` articles whose two records are accepted by ``annotator``."""
    return [
        replace(
            article,
            attributions=tuple(
                a.with_changes(status=Status.ACCEPTED, annotator=annotator)
                for a in article.attributions
            ),
        )
        for article in (_article(n) for n in range(first, first + count))
    ]


def fill_training_workspace(path: Path, count: int = 24, *, annotator: str = "ana") -> Path:
    """A workspace at ``path`` holding ``count`` fully accepted articles."""
    with Store(path, annotator=annotator) as store:
        report = import_articles(store, accepted_articles(count, annotator=annotator), workers=1)
    assert report.imported == count
    return path


def trained_workspace(path: Path, count: int = 24) -> Path:
    """``fill_training_workspace`` and a model trained on it (2 folds), stored in it."""
    fill_training_workspace(path, count)
    with Store(path, annotator="ana") as store:
        train_workspace(store, folds=2)
    return path


def add_unreviewed(path: Path, familiar: int = 3) -> tuple[list[int], int]:
    """Import ``familiar`` documents in the training articles' style and one
    ``UNFAMILIAR`` one, unreviewed (the rules alone); their ids and the unfamiliar one's.
    """
    texts = [NEW_TEXT.replace("City", f"Town {n}") for n in range(familiar)]
    with Store(path, annotator="ana") as store:
        articles = [Article(text=t, title=f"familiar {n}") for n, t in enumerate(texts)]
        import_articles(store, [*articles, Article(text=UNFAMILIAR, title="unfamiliar")])
        found = {s.title: s.id for s in store.document_summaries()}
    return [found[f"familiar {n}"] for n in range(familiar)], found["unfamiliar"]
