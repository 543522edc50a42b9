"""Shared helpers of the packaging tests: the checkout, its source tree, running commands."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
#: Left out of a copy of the checkout: environments, caches and build output.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def copy_source(target: Path) -> Path:
    """Copy the checkout's source to ``target`` (so builds never write into the checkout,
    and a stale ``build/`` there cannot leak old modules into the wheel)."""
    shutil.copytree(ROOT, target, ignore=_NOT_SOURCE, symlinks=True)
    return target


def headless_env(home: Path) -> dict[str, str]:
    """The environment for running the app as a user would, in a throw-away home.

    The per-user data and settings folders live under ``home``, so a GUI start seeds
    its own workspace there and never touches the developer's.
    """
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("PYTHONPATH", None)
    return env


def run_command(
    command: Sequence[str | Path], *, cwd: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` and return it finished; its output is in the result either way."""
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def described(result: subprocess.CompletedProcess[str]) -> str:
    """The command and its output, for assertion messages."""
    return f"{result.args}\nexit {result.returncode}\n{result.stdout}\n{result.stderr}"
