"""The layering is part of the design, so the test suite enforces it.

import-linter checks the contracts in pyproject.toml (layers import downward only;
quotes/ needs neither Qt nor SQLite). A subprocess then proves the domain core
really runs without Qt: importing and using it must not load PySide6.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_core_runs_without_qt_or_sqlite() -> None:
    code = (
        "import sys\n"
        "from quotes.extract import extract\n"
        "extract('\"We will win,\" she said.')\n"
        "loaded = [m for m in ('PySide6', 'sqlite3', 'sqlite_utils') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
