"""``python -m quote_annotator``: the same as the ``quote-annotator`` command."""

from quote_annotator.command_line import run

run(prog="python -m quote_annotator")
