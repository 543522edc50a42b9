"""Test-wide set-up.

Qt must run without a display on CI and on developers' machines alike, so the
offscreen platform is chosen before any test imports PySide6. NLTK_DATA points
at an empty folder so that no test can pass only because nltk data happens to
be installed on this machine: the app must never need it.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Kept referenced for the whole run, so the folder is removed when the run ends.
_EMPTY_NLTK_DATA = tempfile.TemporaryDirectory(prefix="empty-nltk-data-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK_DATA.name
