"""Sample news articles that seed a new workspace, so a first run has something to annotate.

The articles are fictional and were written for this project. Together they show
direct quotations, indirect and unquoted reported speech, pronoun and descriptive
speakers ("she", "the minister") and a quotation split by its cue
(``"A," she said, "B."``). Each file's first line is the title, the rest the text.
They are package data, read through ``importlib.resources`` so they also work
from an installed package; ``jobs.samples.seed_samples`` imports them.
"""

from __future__ import annotations

from importlib import resources

from quotes.model import Article

#: The ``source`` recorded for sample documents: this prefix and the file name.
SAMPLE_SOURCE_PREFIX = "sample:"


def sample_articles() -> list[Article]:
    """The sample articles in file-name order, with titles and without annotations."""
    folder = resources.files(__name__)
    articles = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        title, _, body = entry.read_text(encoding="utf-8").partition("\n")
        articles.append(
            Article(
                text=body.strip(),
                title=title.strip(),
                source=SAMPLE_SOURCE_PREFIX + entry.name,
            )
        )
    return articles
