"""Tooltips that show user data as typed, never as markup.

Qt shows a tooltip as rich text when ``Qt.mightBeRichText`` guesses so, which it does
for anything that looks like a tag on the first line: a document titled
``<b>Evil</b><img src=x>`` would show bold, with a broken image. Tooltips have no
text-format setting like ``QLabel.setTextFormat``, so such a text is handed over
already converted (``Qt.convertFromPlainText``: escaped, line breaks kept). Any other
text is returned unchanged. Pure function, any thread.
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that Qt shows exactly as typed."""
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)
