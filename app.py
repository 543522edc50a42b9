"""Quote Annotator: build datasets of who said what in news.

``python app.py`` opens the annotator on your workspace; the sub-commands work
headless on the same workspace. ``python app.py COMMAND --help`` documents each.
It is the checkout's way to start what an install calls ``quote-annotator``: the
command line itself lives in :mod:`quote_annotator.command_line`.
"""

from __future__ import annotations

from quote_annotator.command_line import build_parser, load_user_lexicon, main, run

__all__ = ["build_parser", "load_user_lexicon", "main"]

if __name__ == "__main__":
    run()
