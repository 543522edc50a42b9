"""Saved news pages: the article's main text, found by trafilatura.

The article text is what trafilatura extracts (paragraphs one a line, boilerplate
such as menus, footers and comments left out); later offsets point into that
text, not into the HTML. The title, author, date and address come from the
page's metadata when it has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from formats.readers.options import ReadOptions
from formats.readers.text_reader import read_decoded_text, title_for
from quotes.model import Article, Problem

# Below this many words the "main text" is a menu or a cookie banner, not an article.
MIN_ARTICLE_WORDS = 10


def read_html_file(
    path: Path, *, options: ReadOptions, problems: list[Problem], notes: list[str]
) -> Iterator[Article]:
    """Yield the article of a saved page, or report that the page has none.

    ``meta`` holds ``author``, ``date``, ``sitename`` and ``url`` when found.
    """
    # Imported here: trafilatura and lxml take a noticeable part of a second to load,
    # which the app's start-up should not pay for when no page is imported.
    import trafilatura

    html = read_decoded_text(path, problems=problems, notes=notes)
    if html is None:
        return
    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as error:  # a parser failure costs one file, not the import
        problems.append(Problem(str(path), f"could not parse the page: {error}"))
        return
    text = (getattr(document, "text", None) or "").strip()
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    if len(text.split()) < MIN_ARTICLE_WORDS:
        problems.append(
            Problem(str(path), "no article text found in the page (menus or boilerplate only)")
        )
        return
    meta = {
        key: value
        for key in ("author", "date", "sitename", "url")
        if (value := getattr(document, key, None))
    }
    title = getattr(document, "title", None) or title_for(text, path, options)
    yield Article(
        text=text,
        title=str(title).strip(),
        source=str(meta.get("url") or path),
        meta=meta,
    )
