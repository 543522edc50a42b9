"""argparse value types shared by the sub-commands: whole numbers with their bounds.

Each raises ``argparse.ArgumentTypeError`` with the value, so argparse names the
option and exits 2 ("argument --limit: must be at least 1, not 0").
"""

from __future__ import annotations

import argparse


def whole_number(value: str) -> int:
    """``value`` as an int. :raises argparse.ArgumentTypeError: if it is not one."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None


def positive_int(value: str) -> int:
    """A whole number >= 1 (``--jobs``, ``--limit``)."""
    number = whole_number(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number
