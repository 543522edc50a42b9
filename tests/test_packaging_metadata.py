"""The package metadata agrees with the pins and with the command line."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from quote_annotator import __version__
from quote_annotator.command_line import build_parser
from tests.packaging_support import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pins(path: str) -> dict[str, str]:
    """``name == version`` lines of a requirements file (no includes, no comments)."""
    pins = {}
    for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_every_runtime_pin_satisfies_the_packages_range() -> None:
    pins = _pins("requirements.txt")
    ranges = {canonicalize_name(r.name): r for r in map(Requirement, PROJECT["dependencies"])}
    assert ranges.keys() == pins.keys()
    for name, requirement in ranges.items():
        assert requirement.specifier.contains(pins[name]), (name, pins[name])


def test_the_version_is_written_once() -> None:
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    assert PROJECT["scripts"] == {"quote-annotator": "quote_annotator.command_line:run"}


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "app.py"], [sys.executable, "-m", "quote_annotator"]],
    ids=["app.py", "python -m"],
)
def test_version_from_the_checkout(command: list[str]) -> None:
    result = subprocess.run(
        [*command, "--version"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == __version__
    assert "__main__" not in result.stdout


def test_the_installed_command_and_app_py_share_one_parser() -> None:
    parser = build_parser("quote-annotator")
    for command in ("import", "export", "extract"):
        assert parser.parse_args([command, "some-file"]).command == command
    assert parser.parse_args(["--smoke-test"]).smoke_test is True


def test_the_smoke_test_takes_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    from quote_annotator.command_line import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--smoke-test", "extract", "in.jsonl"], prog="quote-annotator")
    assert exit_info.value.code == 2
    assert "--smoke-test starts the GUI" in capsys.readouterr().err
