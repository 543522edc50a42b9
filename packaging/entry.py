"""The bundle's entry script: PyInstaller freezes this (see quote-annotator.spec)."""

from quote_annotator.command_line import run

run()
