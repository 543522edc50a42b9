"""Recognising "another connection holds the write lock" among SQLite's errors.

A workspace has one writer at a time. A connection that wants to write waits for
the current writer up to the busy timeout (``storage.migrations.BUSY_TIMEOUT_MS``)
and then fails with ``sqlite3.OperationalError: database is locked`` (or ``...
is busy``). That failure changed nothing and the same write can simply be tried
again, which is what the import job and the GUI do; every other
``OperationalError`` (a full disk, a read-only file) is a real failure.

Pure functions; safe in any thread.
"""

from __future__ import annotations

import sqlite3

# The texts of SQLITE_BUSY and SQLITE_LOCKED, for errors raised without a code
# (``sqlite_errorcode`` is set by the sqlite3 module, not by every wrapper).
_LOCKED_WORDS = ("database is locked", "database is busy", "database table is locked")


def is_locked_error(error: BaseException) -> bool:
    """Whether ``error`` says another connection held the write lock too long."""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return True
    message = str(error).lower()
    return any(words in message for words in _LOCKED_WORDS)
