"""The one-folder bundle: built with PyInstaller from packaging/quote-annotator.spec into a
temporary folder, then run headless from outside the checkout with a clean environment.

Building takes about 25 s here, so it runs with the suite; ``make bundle-check`` runs
this file alone. The bundled executable must need no Python: the environment it gets
has no PYTHONPATH and a PATH without the venv.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quote_annotator import __version__
from tests.packaging_support import ROOT, SEED, described, headless_env, run_command

pytest.importorskip("PyInstaller")
SPEC = ROOT / "packaging" / "quote-annotator.spec"
NAME = "quote-annotator"
QUIET = ("--noconfirm", "--log-level", "WARN")


class Bundle:
    """The built bundle folder, a home for its user data and a folder to run in."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "dist" / NAME
        self.executable = self.folder / (f"{NAME}.exe" if sys.platform == "win32" else NAME)
        self.home, self.work = root / "home", root / "work"
        self.home.mkdir()
        self.work.mkdir()
        self.env = headless_env(self.home)
        self.env["PATH"] = "/usr/bin:/bin" if sys.platform != "win32" else self.env["PATH"]
        self.env.pop("VIRTUAL_ENV", None)

    def run(self, *args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return run_command([self.executable, *args], cwd=self.work, env=self.env, timeout=timeout)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    root = tmp_path_factory.mktemp("bundle")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    built = run_command(
        [pyinstaller, *QUIET, "--distpath", root / "dist", "--workpath", root / "build", SPEC],
        cwd=root,
        env=headless_env(root),
        timeout=600,
    )
    assert built.returncode == 0, described(built)
    return Bundle(root)


def test_version(bundle: Bundle) -> None:
    result = bundle.run("--version")
    assert result.returncode == 0, described(result)
    assert result.stdout.strip() == f"{NAME} {__version__}"


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed/article.txt")
def test_import_and_export_the_seed(bundle: Bundle) -> None:
    db, out = bundle.work / "seed.sqlite", bundle.work / "seed.jsonl"
    imported = bundle.run("--db", db, "import", SEED)
    assert imported.returncode == 0, described(imported)
    exported = bundle.run(
        "--db", db, "export", "--all-statuses", "--include-unreviewed", "--format", "jsonl", out
    )
    assert exported.returncode == 0, described(exported)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(record["quotes"]) >= 10  # the bundled cue lexicon was found


def test_a_large_import_preannotates_in_worker_processes(bundle: Bundle) -> None:
    """40 articles start the process pool: each worker is the frozen executable again,
    which must run the worker (multiprocessing.freeze_support), not a second app."""
    source = bundle.work / "reports.jsonl"
    lines = [
        json.dumps({"id": f"r{i}", "text": f'"All clear on day {i}," the warden said.'})
        for i in range(40)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db, out = bundle.work / "reports.sqlite", bundle.work / "reports.jsonl.out"
    imported = bundle.run("--db", db, "import", source)
    assert imported.returncode == 0, described(imported)
    assert "imported 40 documents with 40 attributions" in imported.stdout
    assert "extracting in-process" not in imported.stderr, described(imported)  # no fallback
    exported = bundle.run("--db", db, "export", "--all-statuses", "--format", "hf", out)
    assert exported.returncode == 0, described(exported)


def test_an_html_page_imports(bundle: Bundle) -> None:
    """The HTML reader's libraries find their bundled settings and word lists."""
    page = bundle.work / "page.html"
    page.write_text(
        "<html><head><title>Bridge reopens</title></head><body><article>"
        "<h1>Bridge reopens</h1><p>\u201cWe are delighted,\u201d the mayor said on Monday, "
        "adding that traffic would resume at noon after three weeks of repairs.</p>"
        "<p>The council said the work had cost more than planned.</p></article></body></html>",
        encoding="utf-8",
    )
    result = bundle.run("--db", bundle.work / "page.sqlite", "import", page)
    assert result.returncode == 0, described(result)
    assert "imported 1 documents" in result.stdout, described(result)


def test_the_gui_shows_its_window_offscreen(bundle: Bundle) -> None:
    result = bundle.run("--db", bundle.work / "gui.sqlite", "--smoke-test")
    assert result.returncode == 0, described(result)
    assert "smoke test: shown 'Quote Annotator" in result.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the desktop entry is Linux's")
def test_linux_bundle_has_a_desktop_entry_and_icon(bundle: Bundle) -> None:
    entry = (bundle.folder / f"{NAME}.desktop").read_text(encoding="utf-8")
    assert entry.startswith("[Desktop Entry]\n")
    assert f"Exec={NAME}\n" in entry and f"Icon={NAME}\n" in entry
    assert (bundle.folder / f"{NAME}.png").read_bytes().startswith(b"\x89PNG")
    data = bundle.home / "data"
    installed = run_command(
        ["sh", bundle.folder / "install-desktop-entry.sh"], cwd=bundle.work, env=bundle.env
    )
    assert installed.returncode == 0, described(installed)
    menu_entry = (data / "applications" / f"{NAME}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle.executable}"\n' in menu_entry
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / f"{NAME}.png").exists()
