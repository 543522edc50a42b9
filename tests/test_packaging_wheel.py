"""The wheel: built from a copy of the checkout, installed into a fresh venv, run from
outside the checkout as an annotator would.

The venv gets only the wheel (``--no-deps``); a ``.pth`` file lends it this venv's
site-packages for PySide6 and the other dependencies, so the test runs offline in
seconds. That .pth comes after the venv's own site-packages, and the test checks that
the app's modules are loaded from the venv, so nothing can come from the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from quote_annotator import __version__
from tests.packaging_support import (
    ROOT,
    SEED,
    copy_source,
    described,
    headless_env,
    run_command,
)

_PIP = (sys.executable, "-m", "pip")
APP_PACKAGES = ("quote_annotator", "ui", "cli", "jobs", "storage", "formats", "quotes")


class Installed:
    """A fresh venv with the wheel installed, and a folder outside the checkout to run in."""

    def __init__(self, root: Path, wheel: Path) -> None:
        self.wheel = wheel
        self.venv = root / "venv"
        self.home = root / "home"
        self.work = root / "work"
        self.home.mkdir()
        self.work.mkdir()
        self.env = headless_env(self.home)
        bin_dir = "Scripts" if sys.platform == "win32" else "bin"
        self.python = self.venv / bin_dir / ("python.exe" if sys.platform == "win32" else "python")
        self.command = self.venv / bin_dir / "quote-annotator"

    def run(self, *args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return run_command([self.command, *args], cwd=self.work, env=self.env, timeout=timeout)


def _build_wheel(source: Path, out: Path) -> Path:
    result = run_command(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", out, "."],
        cwd=source,
        env=headless_env(source.parent),
        timeout=300,
    )
    assert result.returncode == 0, described(result)
    (wheel,) = out.glob("quote_annotator-*.whl")
    return wheel


def _make_venv(installed: Installed) -> None:
    result = run_command(
        [sys.executable, "-m", "venv", "--without-pip", installed.venv],
        cwd=installed.work,
        env=installed.env,
    )
    assert result.returncode == 0, described(result)
    purelib = run_command(
        [installed.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=installed.work,
        env=installed.env,
    ).stdout.strip()
    shared = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "zz_shared_dependencies.pth").write_text(shared + "\n", encoding="utf-8")
    result = run_command(
        [
            *_PIP,
            "--python",
            installed.python,
            "install",
            "--no-deps",
            "--no-index",
            installed.wheel,
        ],
        cwd=installed.work,
        env=installed.env,
        timeout=300,
    )
    assert result.returncode == 0, described(result)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    source = copy_source(root / "source")
    wheel = _build_wheel(source, root / "dist")
    result = Installed(root, wheel)
    _make_venv(result)
    return result


def _tracked_package_data() -> set[str]:
    """Every non-Python file of the app's packages that git tracks or would (not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *APP_PACKAGES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {name for name in listed if not name.endswith(".py")}


def test_the_wheel_holds_every_package_and_data_file(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    data = _tracked_package_data()
    assert {"quotes/data/cues.txt", "quote_annotator/resources/icon.png"} <= data
    assert data <= names, sorted(data - names)
    assert {name.split("/")[0] for name in names if name.endswith(".py")} == set(APP_PACKAGES)
    assert not any(name.startswith(("tests/", "bench/", "scripts/")) for name in names)


def test_version_from_the_installed_command(installed: Installed) -> None:
    result = installed.run("--version")
    assert result.returncode == 0, described(result)
    assert result.stdout.strip() == f"quote-annotator {__version__}"
    as_module = run_command(
        [installed.python, "-m", "quote_annotator", "--version"],
        cwd=installed.work,
        env=installed.env,
    )
    assert as_module.stdout.split()[-1] == __version__, described(as_module)


def test_the_app_runs_from_the_venv_not_the_checkout(installed: Installed) -> None:
    code = (
        "import "
        + ", ".join(APP_PACKAGES)
        + "; print(*[m.__file__ for m in ("
        + ", ".join(APP_PACKAGES)
        + ")], sep='\\n')"
    )
    result = run_command([installed.python, "-c", code], cwd=installed.work, env=installed.env)
    assert result.returncode == 0, described(result)
    for path in result.stdout.split():
        assert Path(path).is_relative_to(installed.venv), path


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed/article.txt")
def test_import_and_export_the_seed_through_the_installed_command(installed: Installed) -> None:
    db, out = installed.work / "seed.sqlite", installed.work / "seed.jsonl"
    imported = installed.run("--db", db, "import", SEED)
    assert imported.returncode == 0, described(imported)
    assert "imported 1 documents" in imported.stdout
    exported = installed.run(
        "--db", db, "export", "--all-statuses", "--include-unreviewed", "--format", "jsonl", out
    )
    assert exported.returncode == 0, described(exported)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # The shipped cue lexicon was found: the seed gets its pre-highlighted quotations.
    assert len(record["quotes"]) >= 10
    assert {quote["cue"] is not None for quote in record["quotes"]} == {True}


def test_a_large_import_preannotates_in_worker_processes(installed: Installed) -> None:
    """40 articles start the process pool, whose workers re-import the entry point."""
    source = installed.work / "reports.jsonl"
    lines = [
        json.dumps({"id": f"r{i}", "text": f'"All clear on day {i}," the warden said.'})
        for i in range(40)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = installed.run("--db", installed.work / "reports.sqlite", "import", source)
    assert imported.returncode == 0, described(imported)
    assert "imported 40 documents with 40 attributions" in imported.stdout
    assert "extracting in-process" not in imported.stderr, described(imported)  # no fallback


def test_the_gui_starts_on_a_new_workspace_seeded_with_the_samples(
    installed: Installed,
) -> None:
    db = installed.work / "first-day.sqlite"
    shown = installed.run("--db", db, "--smoke-test")
    assert shown.returncode == 0, described(shown)
    assert "smoke test: shown 'Quote Annotator" in shown.stdout
    out = installed.work / "samples.jsonl"
    exported = installed.run(
        "--db", db, "export", "--all-statuses", "--include-unreviewed", "--format", "jsonl", out
    )
    assert exported.returncode == 0, described(exported)
    sources = [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(sources) == 4 and all(source.startswith("sample:") for source in sources)
